#include "content/public_view.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "content/article.hpp"
#include "test_support.hpp"

using faqt::Article;
using faqt::parse_article;
using faqt::public_text;
using faqt::public_view;
using faqt::test::describe;
using faqt::test::find_diagnostic;
using faqt::test::make_config;

namespace {

Article parse(const std::string& text, const std::string& path = "a.md") {
    return parse_article(text, path, make_config("")).article;
}

// Everything end users could be shown of an article: its public text.
std::string shown(const Article& a) {
    auto view = public_text(a);
    std::string out = view.intro;
    for (const auto& s : view.sections) {
        out += "\n[" + s.heading + "]\n" + s.markdown;
    }
    return out;
}

}  // namespace

TEST_CASE("public view: broken front matter fails closed", "[public_view]") {
    // Each of these hides what visibility the writer meant; each makes the
    // article internal, with an error that says so.
    const std::vector<std::pair<const char*, std::string>> cases = {
        {"broken TOML", "+++\nvisibility = \"internal\"\ntitle = \"Secret\n+++\nleakword\n"},
        {"broken YAML", "---\nvisibility: internal\ntags: [a, b\n---\nleakword\n"},
        {"duplicate TOML key", "+++\ntitle = \"A\"\ntitle = \"B\"\n+++\nleakword\n"},
        {"duplicate YAML key", "---\nvisibility: internal\nvisibility: public\n---\nleakword\n"},
        {"unclosed TOML", "+++\nvisibility = \"internal\"\n\nleakword\n"},
        {"unclosed YAML", "---\nvisibility: internal\n\nleakword\n"},
        {"CR-only TOML", "+++\rvisibility = \"internal\"\r+++\rleakword\r"},
        {"CR-only YAML", "---\rvisibility: internal\r---\rleakword\r"},
        {"visibility = true", "+++\nvisibility = true\n+++\nleakword\n"},
        {"visibility = 1", "+++\nvisibility = 1\n+++\nleakword\n"},
        {"visibility list", "+++\nvisibility = [\"public\", \"internal\"]\n+++\nleakword\n"},
        {"visibility table", "+++\n[visibility]\nx = 1\n+++\nleakword\n"},
        {"unknown visibility", "+++\nvisibility = \"secret\"\n+++\nleakword\n"},
        {"empty visibility", "+++\nvisibility = \"\"\n+++\nleakword\n"},
        {"YAML visibility without a value", "---\nvisibility:\n---\nleakword\n"},
        {"YAML visibility: yes", "---\nvisibility: yes\n---\nleakword\n"},
        {"visibility in a TOML table", "+++\n[meta]\nvisibility = \"internal\"\n+++\nleakword\n"},
        {"visibility in a YAML map", "---\nmeta:\n  visibility: internal\n---\nleakword\n"},
        // The parser reads these without an error, but not as the visibility
        // the writer wrote.
        {"YAML quote left open above it", "---\ntitle: \"Secret\nvisibility: internal\n---\nleakword\n"},
        {"YAML single quote left open", "---\ntitle: 'Secret\nvisibility: internal\n---\nleakword\n"},
        {"TOML array of tables", "+++\ntitle = \"a\"\n[[tags]]\nvisibility = \"internal\"\n+++\nleakword\n"},
        {"TOML inline table in a list", "+++\ntags = [\"a\", {visibility=\"internal\"}]\n+++\nleakword\n"},
        {"YAML list item", "---\ntags:\n- visibility: internal\n---\nleakword\n"},
        {"YAML flow list", "---\ntags: [a, visibility: internal]\n---\nleakword\n"},
    };
    for (const auto& [name, text] : cases) {
        INFO(name);
        auto parsed = parse_article(text, "s.md", make_config(""));
        CHECK_FALSE(faqt::is_public(parsed.article));
        const auto* d = find_diagnostic(parsed.diagnostics, "treated as internal until this is fixed");
        INFO(describe(parsed.diagnostics));
        REQUIRE(d != nullptr);
        CHECK(d->severity == faqt::Severity::error);
        CHECK(d->path == "s.md");
        CHECK(d->line >= 1);
        CHECK(d->column >= 1);
        CHECK(public_view({parsed.article}).articles.empty());
    }
}

TEST_CASE("public view: readable front matter keeps its visibility", "[public_view]") {
    CHECK(faqt::is_public(parse("+++\ntitle = \"A\"\n+++\ntext\n")));
    CHECK(faqt::is_public(parse("+++\nvisibility = \"public\"\n+++\ntext\n")));
    CHECK(faqt::is_public(parse("---\nvisibility: Public\n---\ntext\n")));
    CHECK(faqt::is_public(parse("+++\r\nvisibility = \"public\"\r\n+++\r\ntext\r\n")));
    CHECK(faqt::is_public(parse("No front matter at all.\n")));
    // The word inside a value is no key.
    CHECK(faqt::is_public(parse("+++\ntitle = \"Change visibility: of folders\"\n+++\ntext\n")));
    CHECK(faqt::is_public(parse("---\nvisibility: public\nmeta:\n  visibility: public\n---\ntext\n")));
    CHECK_FALSE(faqt::is_public(parse("---\nvisibility: [internal]\n---\ntext\n")));
    CHECK_FALSE(faqt::is_public(parse("+++\nvisibility = \"INTERNAL\"\n+++\ntext\n")));
}

TEST_CASE("public view: internal articles and drafts are not in it", "[public_view]") {
    std::vector<Article> articles = {parse("+++\ntitle = \"Public\"\n+++\ntext\n", "a.md"),
                                     parse("+++\nvisibility = \"internal\"\n+++\ntext\n", "b.md"),
                                     parse("+++\ndraft = true\n+++\ntext\n", "c.md")};
    auto view = public_view(articles);
    REQUIRE(view.articles.size() == 1);
    CHECK(view.articles[0].article->id == "a");
}

TEST_CASE("public view: every form of internal heading hides its text", "[public_view][headings]") {
    const std::vector<std::pair<const char*, std::string>> cases = {
        {"ATX ##", "Intro.\n\n## Internal notes\n\nsecretword\n\n## Answer\n\npublicword\n"},
        {"setext ---", "Intro.\n\nInternal notes\n--------------\n\nsecretword\n\n## Answer\n\npublicword\n"},
        {"setext ===", "Intro.\n\nInternal notes\n===\n\nsecretword\n\nAnswer\n===\n\npublicword\n"},
        {"H1",
         "# Title\n\nIntro.\n\n# Internal notes\n\nsecretword\n\n## Still internal\n\nsecretword2\n\n"
         "# Answer\n\npublicword\n"},
        {"no-break space", "Intro.\n\n## Internal\xC2\xA0notes\n\nsecretword\n\n## Answer\n\npublicword\n"},
        {"thin space", "Intro.\n\n## Internal\xE2\x80\x89notes\n\nsecretword\n\n## Answer\n\npublicword\n"},
        {"trailing colon", "Intro.\n\n## Internal notes:\n\nsecretword\n\n## Answer\n\npublicword\n"},
        {"trailing dash", "Intro.\n\n## Internal notes \xE2\x80\x94\n\nsecretword\n\n## Answer\n\npublicword\n"},
        {"emphasis", "Intro.\n\n## *Internal* notes\n\nsecretword\n\n## Answer\n\npublicword\n"},
        {"link", "Intro.\n\n## [Internal notes](#x)\n\nsecretword\n\n## Answer\n\npublicword\n"},
        {"closing hashes", "Intro.\n\n## Internal notes ##\n\nsecretword\n\n## Answer\n\npublicword\n"},
        {"(internal) suffix", "Intro.\n\n## Escalation (internal)\n\nsecretword\n\n## Answer\n\npublicword\n"},
        {"H3 inside a section",
         "Intro.\n\n## Answer\n\npublicword\n\n### Internal notes\n\nsecretword\n\n"
         "#### Deeper\n\nsecretword2\n\n### Steps\n\npublicword2\n"},
        {"H3 in the intro", "Intro.\n\n### Agent notes\n\nsecretword\n\n## Answer\n\npublicword\n"},
        {"raw HTML h2", "Intro.\n\n<h2>Internal notes</h2>\n\nsecretword\n\n## Answer\n\npublicword\n"},
        {"raw HTML with attributes and its body in the same block",
         "Intro.\n\n<H2 id=\"x\">Agent notes</H2>\n<p>secretword</p>\n\n<h2>Answer</h2>\n\npublicword\n"},
        {"raw HTML h3 in a section",
         "Intro.\n\n## Answer\n\npublicword\n\n  <h3 class=\"n\"><em>Internal</em> notes</h3>\n\nsecretword\n"},
        {"CR-only body",
         "+++\ntitle = \"A\"\n+++\rIntro.\r\r## Internal notes\r\rsecretword\r\r## Answer\r\rpublicword\r"},
    };
    for (const auto& [name, text] : cases) {
        INFO(name);
        Article a = parse(text);
        const std::string s = shown(a);
        INFO(s);
        CHECK(s.find("secretword") == std::string::npos);
        CHECK(s.find("publicword") != std::string::npos);
        CHECK(std::string(faqt::internal_text(a)).find("secretword") != std::string::npos);
        // The full text (for agents' show) keeps everything.
        std::string full = a.intro;
        for (const auto& section : a.sections) {
            full += section.markdown;
        }
        CHECK(full.find("secretword") != std::string::npos);
    }
}

TEST_CASE("public view: raw HTML that is not a whole heading line starts no section", "[public_view][headings]") {
    Article a = parse("Intro.\n\n<div><h2>Internal notes</h2></div>\n\n<h2>Unclosed\n\n## Answer\n\npublicword\n");
    REQUIRE(a.sections.size() == 1);
    CHECK(a.sections[0].heading == "Answer");
}

TEST_CASE("public view: headings in code blocks and quotes are not sections", "[public_view][headings]") {
    Article a = parse("Intro.\n\n```\n## Internal notes\n```\n\n## Answer\n\npublicword\n");
    REQUIRE(a.sections.size() == 1);
    CHECK(a.sections[0].heading == "Answer");
    CHECK(shown(a).find("## Internal notes") != std::string::npos);
}

TEST_CASE("public view: a translation of an internal original is internal", "[public_view]") {
    std::vector<Article> articles = {parse("+++\nvisibility = \"internal\"\n+++\nsecret\n", "x.md"),
                                     parse("+++\ntitle = \"Ban dich\"\n+++\ntext\n", "x.vi.md"),
                                     parse("+++\ntitle = \"Public\"\n+++\ntext\n", "y.md"),
                                     parse("+++\nvisibility = \"internal\"\n+++\ntext\n", "y.pl.md"),
                                     parse("+++\ntitle = \"Ban dich\"\n+++\ntext\n", "y.vi.md")};
    faqt::inherit_internal_visibility(articles, "en");
    CHECK_FALSE(faqt::is_public(articles[1]));
    CHECK(articles[1].internal_by_original);
    // An internal translation keeps its public original public.
    CHECK(faqt::is_public(articles[2]));
    CHECK(faqt::is_public(articles[4]));
    auto view = public_view(articles);
    REQUIRE(view.articles.size() == 2);
    CHECK(view.articles[0].article->path == "y.md");
    CHECK(view.articles[1].article->path == "y.vi.md");
}

TEST_CASE("public view: front matter below the first line fails closed", "[public_view]") {
    for (const std::string& text : {std::string("\n+++\ntitle = \"x\"\nvisibility = \"internal\"\n+++\nSecret\n"),
                                    std::string("  +++\ntitle = \"x\"\n  +++\nSecret\n"),
                                    std::string("\n\n---\ntitle: x\ndraft: true\n---\nSecret\n")}) {
        INFO(text);
        auto parsed = parse_article(text, "a.md", make_config(""));
        CHECK_FALSE(faqt::is_public(parsed.article));
        CHECK(find_diagnostic(parsed.diagnostics, "does not start on the first line") != nullptr);
    }
    // A rule after a blank line, with no "key:" lines before the next rule,
    // is Markdown.
    auto rules = parse_article("\n---\nSome text.\n\n---\nMore.\n", "a.md", make_config(""));
    CHECK(faqt::is_public(rules.article));
    CHECK(rules.diagnostics.empty());
    CHECK(faqt::is_public(parse("+++\ntitle = \"x\"\n+++\nText\n")));
}

TEST_CASE("public view: translations of an original that could not be read are internal", "[public_view]") {
    std::vector<Article> articles = {parse("+++\ntitle = \"Ban dich\"\n+++\ntext\n", "big.vi.md"),
                                     parse("+++\ntitle = \"Other\"\n+++\ntext\n", "other.vi.md")};
    faqt::inherit_internal_visibility(articles, "en", {"big.md", "notes/bin.en.md"});
    CHECK_FALSE(faqt::is_public(articles[0]));
    CHECK(faqt::is_public(articles[1]));
}

TEST_CASE("public view: a regional form of the default language is an original", "[public_view]") {
    std::vector<Article> articles = {parse("+++\nlang = \"en-GB\"\nvisibility = \"internal\"\n+++\nsecret\n", "x.md"),
                                     parse("+++\ntitle = \"Ban dich\"\n+++\ntext\n", "x.vi.md")};
    faqt::inherit_internal_visibility(articles, "en");
    CHECK_FALSE(faqt::is_public(articles[1]));
    CHECK(faqt::is_default_language("en-GB", "en"));
    CHECK(faqt::is_default_language("en", "en"));
    CHECK_FALSE(faqt::is_default_language("eng", "en"));
}

TEST_CASE("public view: the lines of id and former_ids, for warnings", "[public_view]") {
    const auto published =
        faqt::published_articles({parse("+++\ntitle = \"A\"\nid = \"x\"\n\nformer_ids = [\"old\"]\n+++\nText.\n"),
                                  parse("+++\ntitle = \"B\"\n+++\nText.\n", "b.md")});
    REQUIRE(published.size() == 2);
    CHECK(published[0].id_line == 3);
    CHECK(published[0].former_ids_line == 5);
    CHECK(published[1].id_line == 1);
    CHECK(published[1].former_ids_line == 1);
}

TEST_CASE("published articles: headings and links only a full parse finds are kept", "[public_view][published]") {
    // No '#', '<' or '=' in these sections: a setext heading inside a quote
    // (with newline or carriage-return line ends) and a reference link.
    for (const std::string eol : {"\n", "\r"}) {
        const Article a = parse("+++\ntitle = \"T\"\n+++\n## Steps\nDo this." + eol + eol + "> Details" + eol +
                                "> -------" + eol + eol + "See [setup][s]." + eol + eol + "[s]: setup.md" + eol);
        const std::vector<faqt::PublishedArticle> published = faqt::published_articles({a});
        REQUIRE(published.size() == 1);
        const auto& anchors = published[0].anchors;
        CHECK(std::find(anchors.begin(), anchors.end(), "steps") != anchors.end());
        CHECK(std::find(anchors.begin(), anchors.end(), "details") != anchors.end());
        REQUIRE(published[0].links.size() == 1);
        CHECK(published[0].links[0].target == "setup.md");
    }
}

TEST_CASE("published articles keep the order given, on every core", "[public_view][published]") {
    std::vector<Article> articles;
    for (int i = 0; i < 500; ++i) {
        articles.push_back(parse("+++\ntitle = \"T" + std::to_string(i) + "\"\n" +
                                     (i % 7 == 0 ? "draft = true\n" : "") + "+++\nText [a](b" + std::to_string(i) +
                                     ".md).\n",
                                 "a" + std::to_string(i) + ".md"));
    }
    const std::vector<faqt::PublishedArticle> published = faqt::published_articles(articles);
    std::size_t at = 0;
    for (int i = 0; i < 500; ++i) {
        if (i % 7 == 0) {
            continue;
        }
        INFO(i);
        REQUIRE(at < published.size());
        CHECK(published[at].title == "T" + std::to_string(i));
        REQUIRE(published[at].links.size() == 1);
        CHECK(published[at].links[0].target == "b" + std::to_string(i) + ".md");
        ++at;
    }
    CHECK(at == published.size());
}

TEST_CASE("public view: a When to escalate section is internal in every language", "[public_view][escalation]") {
    const auto config = make_config("[sections.de]\nescalation = [\"Wann eskalieren\"]\n");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"en", "When to escalate"},   {"en", "When to escalate:"}, {"vi", "Khi nào chuyển cấp"},
        {"vi", "Khi nao chuyen cap"}, {"pl", "Kiedy eskalować"},   {"de", "Wann eskalieren"}};
    for (const auto& [lang, heading] : cases) {
        INFO(lang << ": " << heading);
        const Article a =
            parse_article("+++\nlang = \"" + lang + "\"\n+++\nIntro.\n\n## Steps\n\nRestart.\n\n## " + heading +
                              "\n\nCall ext. 4400 SECRET-ESC.\n\n### Detail\n\nMore SECRET-ESC.\n",
                          "a." + lang + ".md", config)
                .article;
        REQUIRE(a.sections.size() == 2);
        CHECK(a.sections[1].kind == faqt::SectionKind::escalation);
        CHECK(a.sections[1].internal);
        CHECK(shown(a).find("SECRET-ESC") == std::string::npos);
        CHECK(shown(a).find("Restart.") != std::string::npos);
        CHECK(a.internal_markdown.find("SECRET-ESC") != std::string::npos);
        CHECK(a.is_internal_line(a.sections[1].line + 2));
    }
}

TEST_CASE("published flow: public steps only, every other end is contact support", "[public_view][flow]") {
    const std::string toml = "[[escalation]]\nid = \"l2-secret\"\nname = \"Secret group\"\ncodes = [\"SEC-9\"]\n";
    const faqt::Config config = make_config(toml);
    auto load = [&](const std::string& text, const std::string& path) {
        return parse_article(text, path, config).article;
    };
    std::vector<Article> articles{
        load("+++\ntitle = \"Flow\"\ntype = \"flow\"\n+++\n## Steps\n\n"
             "1. Is it on? — yes: step 2 — no: step 3 — unsure: escalate l2-secret\n"
             "2. Does it print? — yes: resolved — no: [Fix](fix.md) — odd: [Hidden](hidden.md)\n"
             "3. {internal} Check the secretconsole. — ok: resolved\n"
             "4. Only internal ways on? — a: step 3 — b: escalate l2-secret\n",
             "flow.md"),
        load("+++\ntitle = \"Fix\"\n+++\nText.\n", "fix.md"),
        load("+++\ntitle = \"Hidden\"\nvisibility = \"internal\"\n+++\nText.\n", "hidden.md"),
        load("+++\ntitle = \"Starts inside\"\ntype = \"flow\"\n+++\n## Steps\n\n"
             "1. {internal} Look it up. — done: step 2\n2. Works? — yes: resolved\n",
             "inside.md"),
        load("+++\ntitle = \"Agents only\"\ntype = \"flow\"\nvisibility = \"internal\"\n+++\n## Steps\n\n"
             "1. Works? — yes: resolved\n",
             "agents.md"),
    };
    const auto published = faqt::published_articles(articles, &config);
    REQUIRE(published.size() == 3);  // the flow, the fix, the flow that starts inside
    const faqt::PublishedFlow& flow = published[0].flow;
    REQUIRE(flow.steps.size() == 3);
    CHECK(flow.steps[0].number == 1);
    CHECK(flow.steps[1].number == 2);
    CHECK(flow.steps[2].number == 4);
    using Kind = faqt::PublishedOutcomeKind;
    const auto& first = flow.steps[0].outcomes;
    REQUIRE(first.size() == 3);
    CHECK((first[0].kind == Kind::step && first[0].step_index == 1));
    CHECK(first[1].kind == Kind::contact);  // the internal step
    CHECK(first[2].kind == Kind::contact);  // the escalation
    const auto& second = flow.steps[1].outcomes;
    REQUIRE(second.size() == 3);
    CHECK(second[0].kind == Kind::resolved);
    CHECK((second[1].kind == Kind::article && second[1].link == "fix.md"));
    CHECK((second[2].kind == Kind::contact && second[2].link.empty()));  // not public
    for (const auto& outcome : flow.steps[2].outcomes) {
        CHECK(outcome.kind == Kind::contact);
    }
    for (const auto& step : flow.steps) {
        CHECK(step.question.find("secretconsole") == std::string::npos);
        for (const auto& outcome : step.outcomes) {
            CHECK(outcome.answer.find("l2-secret") == std::string::npos);
        }
    }
    CHECK(published[2].flow.steps.empty());                           // step 1 internal: no troubleshooter
    CHECK(faqt::published_articles(articles)[0].flow.steps.empty());  // without a config: none
}
