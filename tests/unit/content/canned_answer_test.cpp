#include "content/canned_answer.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <filesystem>

#include "content/article.hpp"
#include "content/kb.hpp"
#include "test_support.hpp"

using faqt::AnswerFormat;
using faqt::AnswerRequest;
using faqt::AnswerSection;
using faqt::Article;
using faqt::CannedAnswer;
using faqt::Config;
using faqt::make_canned_answer;
using faqt::test::line_of;
using faqt::test::make_config;

namespace {

Article parse(const std::string& text, const Config& config, const std::string& path = "a.md") {
    return faqt::parse_article(text, path, config).article;
}

CannedAnswer answer_of(const std::string& text, const std::string& toml = "", AnswerRequest request = {}) {
    const Config config = make_config(toml);
    const Article article = parse(text, config);
    auto answer = make_canned_answer(article, config, request);
    INFO((answer ? std::string() : answer.error().message));
    REQUIRE(answer.ok());
    return *answer;
}

std::string error_of(const std::string& text, const std::string& toml = "", AnswerRequest request = {},
                     std::string* hint = nullptr) {
    const Config config = make_config(toml);
    const Article article = parse(text, config);
    auto answer = make_canned_answer(article, config, request);
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().code == faqt::ErrorCode::usage);
    if (hint != nullptr) {
        *hint = answer.error().hint;
    }
    return answer.error().message;
}

AnswerRequest with(AnswerFormat format, std::vector<std::pair<std::string, std::string>> vars = {}) {
    AnswerRequest request;
    request.format = format;
    request.vars = std::move(vars);
    return request;
}

const char* const k_known_error = R"(+++
title = "VPN drops"
type = "known-error"
+++

## Symptoms

The tunnel drops.

## Workaround

Reconnect by hand.

## Resolution

Upgrade to 4.3.1.
)";

}  // namespace

TEST_CASE("The Answer section is the answer, whatever the type") {
    const auto answer =
        answer_of(std::string(k_known_error) + "\n## Answer\n\nPlease upgrade.\n", "", with(AnswerFormat::markdown));
    CHECK(answer.section == AnswerSection::answer);
    CHECK(answer.text == "Please upgrade.\n");
    CHECK(std::string(to_string(answer.section)) == "answer");
}

TEST_CASE("A known error without Answer answers with its Workaround, else its Resolution") {
    auto answer = answer_of(k_known_error, "", with(AnswerFormat::markdown));
    CHECK(answer.section == AnswerSection::workaround);
    CHECK(answer.text == "Reconnect by hand.\n");

    std::string no_workaround = k_known_error;
    no_workaround.replace(no_workaround.find("## Workaround"), std::string("## Workaround").size(), "## Notes");
    answer = answer_of(no_workaround, "", with(AnswerFormat::markdown));
    CHECK(answer.section == AnswerSection::resolution);
    CHECK(answer.text == "Upgrade to 4.3.1.\n");
}

TEST_CASE("The Workaround of a FAQ is not its answer: a FAQ answers with its whole body") {
    const auto answer = answer_of("+++\ntitle = \"Printing\"\n+++\n\nIntro text.\n\n## Workaround\n\nUse PDF.\n", "",
                                  with(AnswerFormat::markdown));
    CHECK(answer.section == AnswerSection::body);
    CHECK(answer.text == "Intro text.\n\n## Workaround\n\nUse PDF.\n");
}

TEST_CASE("Answer sections are found by the names of [sections.LANG]") {
    const auto answer = answer_of(
        "+++\ntitle = \"In\"\nlang = \"vi\"\n+++\n\n## Chi tiết\n\nA.\n\n## Trả lời\n\nXin chào {{customer}}.\n",
        "[sections.vi]\nanswer = [\"Trả lời\"]\n", with(AnswerFormat::text, {{"customer", "Lan"}}));
    CHECK(answer.section == AnswerSection::answer);
    CHECK(answer.lang == "vi");
    CHECK(answer.text == "Xin chào Lan.\n");
}

TEST_CASE("Internal text is never in an answer") {
    SECTION("an internal Answer section does not count") {
        const auto answer = answer_of(std::string(k_known_error) + "\n## Internal notes\n\n### Answer\n\nSECRETWORD\n",
                                      "", with(AnswerFormat::text));
        CHECK(answer.text.find("SECRETWORD") == std::string::npos);
        CHECK(answer.section == AnswerSection::workaround);
    }
    SECTION("an internal part inside the Answer is left out") {
        const auto answer = answer_of(
            "+++\ntitle = \"T\"\n+++\n\n# T\n\n## Answer\n\nPublic part.\n\n## Internal notes\n\nSECRETWORD\n", "",
            with(AnswerFormat::markdown));
        CHECK(answer.text == "Public part.\n");
    }
    SECTION("the whole body of a FAQ leaves internal sections out") {
        const auto answer = answer_of(
            "+++\ntitle = \"T\"\n+++\n\nIntro.\n\n## Internal notes\n\nSECRETWORD {{secret}}\n\n## More\n\nEnd.\n", "",
            with(AnswerFormat::text));
        CHECK(answer.text.find("SECRETWORD") == std::string::npos);
        CHECK(answer.text.find("Internal") == std::string::npos);
        CHECK(answer.text.find("End.") != std::string::npos);
        CHECK(answer.placeholders.empty());  // {{secret}} was never asked for
    }
    SECTION("the answer of an internal article is made and marked internal") {
        const auto answer = answer_of("+++\ntitle = \"T\"\nvisibility = \"internal\"\n+++\n\n## Answer\n\nDo it.\n");
        CHECK(answer.internal);
        CHECK(answer.text == "Do it.\n");
    }
}

TEST_CASE("Greeting and signature surround the answer, as Mustache") {
    const std::string toml =
        "[answer]\ngreeting = \"Hi {{customer}},\"\nsignature = \"\"\"\nRegards,\n{{agent}}\"\"\"\n"
        "[answer.defaults]\nagent = \"The help desk\"\n";
    const auto answer = answer_of("+++\ntitle = \"T\"\n+++\n\n## Answer\n\nRestart it.\n", toml,
                                  with(AnswerFormat::markdown, {{"customer", "Ann"}}));
    CHECK(answer.text == "Hi Ann,\n\nRestart it.\n\nRegards,\nThe help desk\n");
    CHECK(answer.placeholders.at("customer") == "Ann");
    CHECK(answer.placeholders.at("agent") == "The help desk");
}

TEST_CASE("The lines of greeting and signature stay lines in text and html, the article's are wrapped prose") {
    const std::string toml = "[answer]\nsignature = \"\"\"\nKind regards,\nAnn\nIT desk\"\"\"\n";
    const std::string article = "+++\ntitle = \"T\"\n+++\n\n## Answer\n\nRestart\nit.\n";
    CHECK(answer_of(article, toml, with(AnswerFormat::text)).text == "Restart it.\n\nKind regards,\nAnn\nIT desk\n");
    CHECK(answer_of(article, toml, with(AnswerFormat::html)).text.find("Kind regards,<br />") != std::string::npos);
    CHECK(answer_of(article, toml, with(AnswerFormat::markdown)).text ==
          "Restart\nit.\n\nKind regards,\nAnn\nIT desk\n");
}

TEST_CASE("A later var wins over an earlier one, and vars over [answer.defaults]") {
    const auto answer = answer_of("+++\ntitle = \"T\"\n+++\n\n## Answer\n\n{{a}} {{b}}\n",
                                  "[answer.defaults]\na = \"default\"\nb = \"bdefault\"\n",
                                  with(AnswerFormat::markdown, {{"a", "first"}, {"a", "second"}}));
    CHECK(answer.text == "second bdefault\n");
}

TEST_CASE("Every unfilled placeholder is an error naming it with its line") {
    const std::string article =
        "+++\ntitle = \"T\"\n+++\n\n## Answer\n\nHi {{customer}},\n\nYour ticket {{ticket}} is about {{product}}.\n";
    const std::string toml = "[kb]\ntitle = \"x\"\n\n[answer]\nsignature = \"{{agent}}\"\n";
    std::string hint;
    const std::string message = error_of(article, toml, with(AnswerFormat::text, {{"product", "VPN"}}), &hint);
    CHECK(message.find("{{customer}} (a.md:" + std::to_string(line_of(article, "{{customer}}")) + ")") !=
          std::string::npos);
    CHECK(message.find("{{ticket}} (a.md:" + std::to_string(line_of(article, "{{ticket}}")) + ")") !=
          std::string::npos);
    CHECK(message.find("{{agent}} (faqt.toml:5)") != std::string::npos);
    CHECK(message.find("product") == std::string::npos);
    CHECK(message.find("unfilled placeholders") != std::string::npos);
    CHECK(hint.find("--var customer=...") != std::string::npos);
    CHECK(hint.find("--var agent=...") != std::string::npos);
}

TEST_CASE("An empty value is no value: never blank text") {
    const std::string message =
        error_of("+++\ntitle = \"T\"\n+++\n\n## Answer\n\nHi {{customer}}.\n", "[answer.defaults]\ncustomer = \"\"\n",
                 with(AnswerFormat::text, {{"customer", ""}}));
    CHECK(message.find("{{customer}}") != std::string::npos);
}

TEST_CASE("Lines stay right when internal text comes before the placeholder") {
    const std::string faq =
        "+++\ntitle = \"T\"\n+++\n\nIntro.\n\n## Internal\n\nhidden\nmore\n\n## Next\n\nAsk {{who}}.\n";
    CHECK(error_of(faq).find("{{who}} (a.md:" + std::to_string(line_of(faq, "{{who}}")) + ")") != std::string::npos);
    const std::string inside =
        "+++\ntitle = \"T\"\n+++\n\n## Answer\n\nFirst.\n\n### Internal notes\n\n{{hidden}}\n\n"
        "## Answer text\n\nx\n";
    // The internal part is neither shown nor asked for.
    CHECK(answer_of(inside, "", with(AnswerFormat::markdown)).text == "First.\n");
    const std::string setext = "+++\ntitle = \"T\"\n+++\n\nAnswer\n------\n\n  Hi {{who}}.\n";
    CHECK(error_of(setext).find("{{who}} (a.md:" + std::to_string(line_of(setext, "{{who}}")) + ")") !=
          std::string::npos);
}

TEST_CASE("Lines are right in a file with CRLF line ends") {
    const std::string crlf = "+++\r\ntitle = \"T\"\r\n+++\r\n\r\n## Answer\r\n\r\nOne.\r\nHi {{who}}.\r\n";
    CHECK(error_of(crlf).find("{{who}} (a.md:8)") != std::string::npos);
}

TEST_CASE("Mustache sections make a sentence optional") {
    const std::string text =
        "+++\ntitle = \"T\"\n+++\n\n## Answer\n\nHello.{{#ticket}} About ticket {{ticket}}.{{/ticket}}"
        "{{^ticket}} No ticket yet.{{/ticket}}\n";
    SECTION("without value the section is false, not unfilled") {
        const auto answer = answer_of(text, "", with(AnswerFormat::markdown));
        CHECK(answer.text == "Hello. No ticket yet.\n");
        CHECK(answer.placeholders.empty());
    }
    SECTION("with a value it is shown") {
        const auto answer = answer_of(text, "", with(AnswerFormat::markdown, {{"ticket", "INC-7"}}));
        CHECK(answer.text == "Hello. About ticket INC-7.\n");
        CHECK(answer.placeholders.at("ticket") == "INC-7");
    }
    SECTION("sections on lines of their own leave no line behind") {
        const std::string lines =
            "+++\ntitle = \"T\"\n+++\n\n## Answer\n\nHello.\n{{#ticket}}\nAbout {{ticket}}.\n{{/ticket}}\nBye.\n";
        CHECK(answer_of(lines, "", with(AnswerFormat::markdown)).text == "Hello.\nBye.\n");
        CHECK(answer_of(lines, "", with(AnswerFormat::markdown, {{"ticket", "7"}})).text == "Hello.\nAbout 7.\nBye.\n");
    }
    SECTION("a placeholder inside a section not shown needs no value") {
        const auto answer = answer_of("+++\ntitle = \"T\"\n+++\n\n## Answer\n\nA{{#vip}} for {{name}}{{/vip}}.\n", "",
                                      with(AnswerFormat::text));
        CHECK(answer.text == "A.\n");
    }
    SECTION("but is unfilled when the section is shown") {
        const std::string message =
            error_of("+++\ntitle = \"T\"\n+++\n\n## Answer\n\nA{{#vip}} for {{name}}{{/vip}}.\n", "",
                     with(AnswerFormat::text, {{"vip", "yes"}}));
        CHECK(message.find("{{name}} (a.md:7)") != std::string::npos);
    }
}

TEST_CASE("Values are escaped in html only") {
    const std::string text = "+++\ntitle = \"T\"\n+++\n\n## Answer\n\nDear {{customer}}, see **this**.\n";
    const std::vector<std::pair<std::string, std::string>> vars = {{"customer", "O'Brien & Co <x>"}};
    CHECK(answer_of(text, "", with(AnswerFormat::text, vars)).text == "Dear O'Brien & Co <x>, see this.\n");
    CHECK(answer_of(text, "", with(AnswerFormat::markdown, vars)).text == "Dear O'Brien & Co <x>, see **this**.\n");
    const std::string html = answer_of(text, "", with(AnswerFormat::html, vars)).text;
    CHECK(html.find("Dear O'Brien &amp; Co &lt;x&gt;, see <strong>this</strong>.") != std::string::npos);
}

TEST_CASE("A value is never read as Markdown or HTML") {
    const std::string text = "+++\ntitle = \"T\"\n+++\n\n## Answer\n\nHi {{{name}}} and {{& name}}: [link]({{url}})\n";
    const std::vector<std::pair<std::string, std::string>> vars = {{"name", "**bold** <script>x</script>"},
                                                                   {"url", "javascript:alert(1)"}};
    const std::string html = answer_of(text, "", with(AnswerFormat::html, vars)).text;
    CHECK(html.find("<strong>") == std::string::npos);
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("**bold** &lt;script&gt;") != std::string::npos);
    CHECK(html.find("javascript:") == std::string::npos);
    const std::string plain = answer_of(text, "", with(AnswerFormat::text, vars)).text;
    CHECK(plain.find("**bold** <script>x</script>") != std::string::npos);
}

TEST_CASE("Malformed Mustache is an error with file and line, never a crash") {
    const std::string head = "+++\ntitle = \"T\"\n+++\n\n## Answer\n\nLine one.\n";
    struct Case {
        std::string body;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"Hi {{customer\n", "a.md:8: unclosed Mustache tag"},
        {"{{#ticket}}\nx\n", "a.md:8: unclosed Mustache section {{#ticket}}"},
        {"x {{/ticket}}\n", "a.md:8: '{{/ticket}}' closes no Mustache section"},
        {"{{#a}}{{#b}}{{/a}}{{/b}}\n", "closes section 'b' opened at a.md:8"},
        {"{{> header}}\n", "a.md:8: Mustache partials are not supported"},
        {"{{a.b}}\n", "a.md:8: invalid placeholder name"},
        {"{{}}\n", "a.md:8: invalid placeholder name"},
        {"{{=<% x %>=}}\n", "a.md:8: invalid Mustache set-delimiter tag"},
        {"{{{x}}\n", "a.md:8: unclosed Mustache tag"},
    };
    for (const auto& c : cases) {
        INFO(c.body);
        const std::string message = error_of(head + c.body, "", with(AnswerFormat::text, {{"x", "1"}}));
        CHECK(message.find(c.expected) != std::string::npos);
    }
    std::string hint;
    CHECK(error_of("+++\ntitle = \"T\"\n+++\n\n## Answer\n\nok\n", "[answer]\ngreeting = \"Hi {{#x}}\"\n", {}, &hint)
              .find("faqt.toml:2: unclosed Mustache section") != std::string::npos);
    CHECK(hint.find("{{/x}}") != std::string::npos);
}

TEST_CASE("Changed delimiters are followed") {
    const auto answer = answer_of("+++\ntitle = \"T\"\n+++\n\n## Answer\n\n{{=<% %>=}}\nHi <% who %>, {{not}}.\n", "",
                                  with(AnswerFormat::markdown, {{"who", "Bo"}}));
    CHECK(answer.text == "Hi Bo, {{not}}.\n");
}

TEST_CASE("Text answers paste cleanly: no Markdown syntax left") {
    const std::string text =
        "+++\ntitle = \"T\"\n+++\n\n## Answer\n\n"
        "### Steps for **{{product}}**\n\n"
        "See [the guide](https://example.com/guide) and `vpn --reset`.\n\n"
        "- first\n- second\n\n"
        "1. one\n2. two\n\n"
        "> [!NOTE]\n> Keep the *token*.\n\n"
        "| Setting | Value |\n|---|---|\n| MTU | 1400 |\n| DNS | auto |\n";
    const std::string out = answer_of(text, "", with(AnswerFormat::text, {{"product", "VPN"}})).text;
    CHECK(out ==
          "Steps for VPN\n\n"
          "See the guide <https://example.com/guide> and vpn --reset.\n\n"
          "- first\n- second\n\n"
          "1. one\n2. two\n\n"
          "  Note: Keep the token.\n\n"
          "Setting | Value\n"
          "--------|------\n"
          "MTU     | 1400\n"
          "DNS     | auto\n");
    for (const char* syntax : {"**", "`", "[!", "#", "│", "•"}) {
        INFO(syntax);
        CHECK(out.find(syntax) == std::string::npos);
    }
}

TEST_CASE("Text answers are not wrapped") {
    const std::string long_line(300, 'a');
    const auto answer = answer_of("+++\ntitle = \"T\"\n+++\n\n## Answer\n\n" + long_line + " b " + long_line + "\n");
    CHECK(answer.text == long_line + " b " + long_line + "\n");
}

TEST_CASE("A Vietnamese article answers in Vietnamese") {
    const std::string text =
        "+++\ntitle = \"VPN bị ngắt\"\nlang = \"vi\"\ntype = \"known-error\"\n+++\n\n"
        "## Triệu chứng\n\nMất kết nối.\n\n## Workaround\n\nKết nối lại, anh/chị {{customer}} nhé.\n";
    const auto answer = answer_of(text, "", with(AnswerFormat::text, {{"customer", "Nguyễn Văn An"}}));
    CHECK(answer.section == AnswerSection::workaround);
    CHECK(answer.text == "Kết nối lại, anh/chị Nguyễn Văn An nhé.\n");
    CHECK(answer.title == "VPN bị ngắt");
}

TEST_CASE("An article without public text gives an empty answer, not a crash") {
    const auto answer = answer_of("+++\ntitle = \"T\"\n+++\n");
    CHECK(answer.section == AnswerSection::body);
    CHECK(answer.text == "\n");
}

TEST_CASE("choose_translation picks the language, else the original with a warning") {
    const Config config = make_config("");
    const Article en = parse("+++\ntitle = \"E\"\n+++\nx\n", config, "net/vpn.md");
    const Article vi = parse("+++\ntitle = \"V\"\n+++\nx\n", config, "net/vpn.vi.md");
    const std::vector<const Article*> both = {&vi, &en};
    CHECK(faqt::choose_translation(both, "vi", "en").article == &vi);
    CHECK(faqt::choose_translation(both, "VI", "en").article == &vi);
    CHECK(faqt::choose_translation(both, "vi", "en").warning.empty());
    const auto fallback = faqt::choose_translation(both, "pl", "en");
    CHECK(fallback.article == &en);
    CHECK(fallback.warning.find("no 'pl' translation of net/vpn") != std::string::npos);
    const auto none = faqt::choose_translation(both, "", "en");
    CHECK(none.article == &en);
    CHECK(none.warning.empty());
}

TEST_CASE("parse_answer_format reads the three formats") {
    CHECK(faqt::parse_answer_format("text") == AnswerFormat::text);
    CHECK(faqt::parse_answer_format("markdown") == AnswerFormat::markdown);
    CHECK(faqt::parse_answer_format("html") == AnswerFormat::html);
    CHECK_FALSE(faqt::parse_answer_format("pdf").has_value());
}

TEST_CASE("Hostile templates end quickly with an error or an answer") {
    const std::string head = "+++\ntitle = \"T\"\n+++\n\n## Answer\n\n";
    SECTION("deep nesting is refused, not recursed into") {
        std::string deep;
        for (int i = 0; i < 100000; ++i) {
            deep += "{{#a}}";
        }
        CHECK(error_of(head + deep + "\n").find("nested more than 32 deep") != std::string::npos);
    }
    SECTION("thousands of unfilled placeholders are counted, not all listed") {
        std::string many;
        for (int i = 0; i < 50000; ++i) {
            many += "{{x" + std::to_string(i) + "}}\n";
        }
        const std::string message = error_of(head + many);
        CHECK(message.find("{{x0}} (a.md:7)") != std::string::npos);
        CHECK(message.find("and 49900 more") != std::string::npos);
    }
    SECTION("a value used many times is put in everywhere") {
        std::string many;
        for (int i = 0; i < 50000; ++i) {
            many += "{{x}} ";
        }
        const auto answer = answer_of(head + many + "\n", "", with(AnswerFormat::html, {{"x", "<&>"}}));
        std::size_t count = 0;
        for (std::size_t at = answer.text.find("&lt;&amp;&gt;"); at != std::string::npos;
             at = answer.text.find("&lt;&amp;&gt;", at + 1)) {
            ++count;
        }
        CHECK(count == 50000);
    }
    SECTION("braces and bytes of every kind") {
        const std::string junk =
            "{{{{}}}}{{#}}{{/}}{{^x}}{{{}}{{&}}{{!}}{{=}}{{=a b c=}}\x01\xff{{#\xc3\xa9}}{{/\xc3\xa9}}";
        for (std::size_t cut = 0; cut <= junk.size(); ++cut) {
            const Config config = make_config("");
            const Article article = parse(head + junk.substr(cut) + "\n", config);
            auto answer = make_canned_answer(article, config, with(AnswerFormat::text));
            CHECK((answer.ok() || !answer.error().message.empty()));
        }
    }
}

TEST_CASE("Text that looks like a value token is left as it is") {
    const auto answer = answer_of("+++\ntitle = \"T\"\n+++\n\n## Answer\n\nfqtvalueaq {{x}}\n", "",
                                  with(AnswerFormat::text, {{"x", "1"}}));
    CHECK(answer.text == "fqtvalueaq 1\n");
}

TEST_CASE("The example KB's answers fill from its faqt.toml, in English and Vietnamese") {
    auto kb = faqt::load_kb(std::filesystem::path(FAQT_SOURCE_DIR) / "examples" / "helpdesk");
    REQUIRE(kb.ok());
    std::vector<const Article*> vpn;
    for (const auto& article : kb->articles) {
        if (article.id == "network/vpn-drops") {
            vpn.push_back(&article);
        }
    }
    REQUIRE(vpn.size() == 2);
    const auto chosen = faqt::choose_translation(vpn, "vi", kb->config.default_lang);
    REQUIRE(chosen.article != nullptr);
    CHECK(chosen.article->lang == "vi");
    for (const Article* article : vpn) {
        INFO(article->path);
        auto answer = make_canned_answer(*article, kb->config, with(AnswerFormat::text, {{"customer", "Ann"}}));
        REQUIRE(answer.ok());
        CHECK(answer->section == AnswerSection::answer);
        CHECK(answer->text.rfind("Hi Ann,\n\n", 0) == 0);
        CHECK(answer->text.find("Kind regards,\nIT Service Desk\nNorthwind IT Service Desk") != std::string::npos);
        CHECK(answer->text.find("PRB-0188") == std::string::npos);  // internal notes
        CHECK(answer->text.find("{{") == std::string::npos);
    }
    // Without the defaults, the error names the lines in faqt.toml.
    faqt::Config bare = kb->config;
    bare.answer_defaults.clear();
    auto missing = make_canned_answer(*vpn.front(), bare, with(AnswerFormat::text));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("{{customer}} (faqt.toml:177)") != std::string::npos);
    CHECK(missing.error().message.find("{{agent}} (faqt.toml:180)") != std::string::npos);
}
