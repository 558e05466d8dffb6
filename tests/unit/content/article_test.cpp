#include "content/article.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "content/text.hpp"
#include "test_support.hpp"

using faqt::Article;
using faqt::ArticleType;
using faqt::Config;
using faqt::Date;
using faqt::identity_from_path;
using faqt::parse_article;
using faqt::ParsedArticle;
using faqt::SectionKind;
using faqt::Severity;
using faqt::Visibility;
using faqt::test::describe;
using faqt::test::find_diagnostic;
using faqt::test::line_of;
using faqt::test::make_config;
using Strings = std::vector<std::string>;

namespace {

const char* const k_known_error = R"md(+++
title = "VPN disconnects every 10 minutes"
summary = "VPN Client 4.2 drops the tunnel on a timer."
type = "known-error"
categories = ["network/vpn/"]
tags = ["vpn", "anyconnect"]
aliases = ["vpn keeps dropping", "remote access drops"]
status = "Workaround"
products = ["VPN Client"]
affected_versions = ["4.2", "4.3"]
fixed_in = "4.3.1"
visibility = "internal"
draft = true
updated = 2026-11-20
review_by = 2027-05-01
tickets = ["INC-4411"]
+++
# Heading that is not the title

Intro paragraph.

## Symptoms
The tunnel drops.

### Details
More detail.

## Workaround
Reconnect. See [the cause](#cause).

```sh
## not a heading
[not a link](nowhere.md)
```

## Cause ##
A timer.

## Internal notes
Escalate to the network team.
)md";

ParsedArticle parse(std::string_view text, std::string_view path, const Config& config = Config{}) {
    return parse_article(text, path, config);
}

}  // namespace

TEST_CASE("identity_from_path takes the id from the path and a language suffix", "[article][identity]") {
    auto id = identity_from_path("network/vpn-drops.md");
    CHECK(id.id == "network/vpn-drops");
    CHECK(id.lang.empty());

    id = identity_from_path("network/vpn-drops.vi.md");
    CHECK(id.id == "network/vpn-drops");
    CHECK(id.lang == "vi");

    id = identity_from_path("accounts/password-reset.PL.md");
    CHECK(id.id == "accounts/password-reset");
    CHECK(id.lang == "pl");

    id = identity_from_path("faq/printing.pt-br.md");
    CHECK(id.id == "faq/printing");
    CHECK(id.lang == "pt-br");

    id = identity_from_path("top.md");
    CHECK(id.id == "top");
    CHECK(id.lang.empty());

    // Version numbers and dots in folder names are not language suffixes.
    id = identity_from_path("releases/vpn-4.3.md");
    CHECK(id.id == "releases/vpn-4.3");
    CHECK(id.lang.empty());
    id = identity_from_path("v2.0/readme.md");
    CHECK(id.id == "v2.0/readme");
    CHECK(id.lang.empty());
    id = identity_from_path("guides/setup.troubleshooting.md");
    CHECK(id.id == "guides/setup.troubleshooting");
    CHECK(id.lang.empty());

    id = identity_from_path("notes.markdown");
    CHECK(id.id == "notes");
}

TEST_CASE("parse_article reads every front matter field", "[article]") {
    const ParsedArticle parsed = parse(k_known_error, "network/vpn-drops.md");
    INFO(describe(parsed.diagnostics));
    CHECK(parsed.diagnostics.empty());
    const Article& a = parsed.article;

    CHECK(a.id == "network/vpn-drops");
    CHECK(a.path == "network/vpn-drops.md");
    CHECK(a.lang == "en");
    CHECK(a.title == "VPN disconnects every 10 minutes");
    CHECK(a.summary == "VPN Client 4.2 drops the tunnel on a timer.");
    CHECK(a.type == ArticleType::known_error);
    CHECK(a.is_known_error());
    CHECK(a.status == "workaround");
    CHECK(a.categories == Strings{"network/vpn"});
    CHECK(a.tags == Strings{"vpn", "anyconnect"});
    CHECK(a.aliases == Strings{"vpn keeps dropping", "remote access drops"});
    CHECK(a.products == Strings{"VPN Client"});
    CHECK(a.affected_versions == Strings{"4.2", "4.3"});
    CHECK(a.fixed_in == "4.3.1");
    CHECK(a.visibility == Visibility::internal);
    CHECK(a.is_internal());
    CHECK(a.draft);
    CHECK(a.updated == Date{2026, 11, 20});
    CHECK(a.review_by == Date{2027, 5, 1});
    CHECK(a.tickets == Strings{"INC-4411"});

    CHECK(a.source == k_known_error);
    CHECK(a.body_line == line_of(k_known_error, "# Heading that is not"));
    CHECK(a.field_lines.at("title") == 2);
    CHECK(a.field_lines.at("review_by") == line_of(k_known_error, "review_by"));
}

TEST_CASE("parse_article splits the body into sections by ## heading", "[article][sections]") {
    const ParsedArticle parsed = parse(k_known_error, "network/vpn-drops.md");
    const Article& a = parsed.article;

    // A "# heading" is not taken as the title when the front matter has one,
    // and is not part of the intro either.
    CHECK(a.intro == "Intro paragraph.");

    REQUIRE(a.sections.size() == 4);
    CHECK(a.sections[0].heading == "Symptoms");
    CHECK(a.sections[0].kind == SectionKind::symptoms);
    CHECK(a.sections[0].level == 2);
    CHECK(a.sections[0].line == line_of(k_known_error, "## Symptoms"));
    CHECK(a.sections[0].anchor == "symptoms");
    // Deeper headings stay inside their section.
    CHECK(a.sections[0].markdown == "The tunnel drops.\n\n### Details\nMore detail.");

    CHECK(a.sections[1].heading == "Workaround");
    CHECK(a.sections[1].kind == SectionKind::workaround);
    // A "##" line inside a code fence is code, not a heading.
    CHECK_THAT(a.sections[1].markdown, Catch::Contains("## not a heading"));

    CHECK(a.sections[2].heading == "Cause");
    CHECK(a.sections[2].kind == SectionKind::cause);
    CHECK(a.sections[2].markdown == "A timer.");

    CHECK(a.sections[3].heading == "Internal notes");
    CHECK(a.sections[3].kind == SectionKind::internal);

    REQUIRE(a.find_section(SectionKind::cause) != nullptr);
    CHECK(a.find_section(SectionKind::cause)->heading == "Cause");
    CHECK(a.find_section(SectionKind::answer) == nullptr);

    CHECK(a.anchors ==
          Strings{"heading-that-is-not-the-title", "symptoms", "details", "workaround", "cause", "internal-notes"});
}

TEST_CASE("repeated headings get numbered anchors", "[article][sections]") {
    const ParsedArticle parsed = parse("## Steps\none\n## Steps\ntwo\n## Steps\nthree\n", "a.md");
    CHECK(parsed.article.anchors == Strings{"steps", "steps-1", "steps-2"});
    CHECK(parsed.article.sections.size() == 3);
}

TEST_CASE("a file of 100,000 repeated headings numbers them all", "[article][sections]") {
    // Found by scripts/fuzz: each heading counted its repeats in a list of
    // every anchor so far, so a 1 MiB file of "## a" lines took 25 s.
    std::string text;
    for (int i = 0; i < 100000; ++i) {
        text += "## Steps\n";
    }
    const ParsedArticle parsed = parse(text, "a.md");
    REQUIRE(parsed.article.anchors.size() == 100000);
    CHECK(parsed.article.anchors[1] == "steps-1");
    CHECK(parsed.article.anchors.back() == "steps-99999");
    CHECK(parsed.article.sections.back().anchor == "steps-99999");
}

TEST_CASE("only real ATX headings start sections", "[article][sections]") {
    const ParsedArticle parsed =
        parse("#hashtag\n##nospace\n    ## indented code\n####### seven\n   ## Three spaces\n", "a.md");
    const Article& a = parsed.article;
    REQUIRE(a.sections.size() == 1);
    CHECK(a.sections[0].heading == "Three spaces");
    CHECK(a.sections[0].line == 5);
}

TEST_CASE("explicit heading ids are removed from the heading text", "[article][sections]") {
    const ParsedArticle parsed = parse("## Workaround {#wa}\nDo this.\n", "a.md");
    REQUIRE(parsed.article.sections.size() == 1);
    CHECK(parsed.article.sections[0].heading == "Workaround");
    CHECK(parsed.article.sections[0].kind == SectionKind::workaround);
}

TEST_CASE("an explicit heading id is the heading's anchor", "[article][sections]") {
    // "## Workaround {#wa}" is addressed as "#wa" by Hugo, Pandoc and kramdown;
    // without it, `check` reports links to "#wa" as broken.
    const ParsedArticle parsed = parse("## Workaround {#wa}\nDo this.\n", "a.md");
    CHECK_THAT(parsed.article.anchors, Catch::VectorContains(std::string("wa")));
}

TEST_CASE("the anchor of a heading holding a link is made from its text", "[article][sections]") {
    // GitHub renders the heading first: "Fix for [KB123](kb123.md)" reads
    // "Fix for KB123", so its anchor is "fix-for-kb123". Markup characters
    // are dropped, but the link's target must not end up in the anchor.
    const ParsedArticle parsed = parse("## Fix for [KB123](kb123.md)\nText.\n", "a.md");
    REQUIRE(parsed.article.sections.size() == 1);
    CHECK(parsed.article.sections[0].anchor == "fix-for-kb123");
}

TEST_CASE("markup in headings is not part of the anchor", "[article][sections]") {
    const ParsedArticle parsed = parse("## Run `ipconfig /flushdns`\n## **Bold** step\n", "a.md");
    CHECK(parsed.article.anchors == Strings{"run-ipconfig-flushdns", "bold-step"});
}

TEST_CASE("the title falls back to the first # heading, then to the file name", "[article][title]") {
    SECTION("first # heading") {
        const std::string text =
            "+++\ntags = [\"x\"]\n+++\n\n# How to reset your password\n\nIntro.\n\n## Answer\nGo.\n";
        const ParsedArticle parsed = parse(text, "accounts/password-reset.md");
        CHECK(parsed.article.title == "How to reset your password");
        CHECK(parsed.article.intro == "Intro.");
        REQUIRE(parsed.article.sections.size() == 1);
        CHECK(parsed.article.sections[0].kind == SectionKind::answer);
    }
    SECTION("a # heading after the first section is not the title") {
        const ParsedArticle parsed = parse("## Answer\nGo.\n# Late heading\n", "accounts/vpn-drops.md");
        CHECK(parsed.article.title == "vpn drops");
    }
    SECTION("no heading at all") {
        const ParsedArticle parsed = parse("Just text.\n", "network/vpn-drops.vi.md");
        CHECK(parsed.article.title == "vpn drops");
        CHECK(parsed.article.intro == "Just text.");
    }
}

TEST_CASE("the language comes from the front matter, else the file suffix, else default_lang", "[article][lang]") {
    const Config config = make_config("[kb]\ndefault_lang = \"pl\"\n");
    SECTION("default") {
        const ParsedArticle parsed = parse("Body\n", "x.md", config);
        CHECK(parsed.article.id == "x");
        CHECK(parsed.article.lang == "pl");
    }
    SECTION("file suffix") {
        const ParsedArticle parsed = parse("Body\n", "guides/x.vi.md", config);
        CHECK(parsed.article.id == "guides/x");
        CHECK(parsed.article.lang == "vi");
    }
    SECTION("front matter") {
        const ParsedArticle parsed = parse("+++\nlang = \"VI\"\n+++\nBody\n", "guides/x.md", config);
        CHECK(parsed.article.id == "guides/x");
        CHECK(parsed.article.lang == "vi");
    }
    SECTION("front matter wins over the suffix") {
        const ParsedArticle parsed = parse("---\nlang: en\n---\nBody\n", "guides/x.vi.md", config);
        CHECK(parsed.article.id == "guides/x");
        CHECK(parsed.article.lang == "en");
    }
    SECTION("id from front matter") {
        const ParsedArticle parsed = parse("+++\nid = \"network/vpn\"\n+++\nBody\n", "old/place.vi.md", config);
        CHECK(parsed.article.id == "network/vpn");
        CHECK(parsed.article.lang == "vi");
        CHECK(parsed.article.path == "old/place.vi.md");
    }
}

TEST_CASE("section names per language come from [sections.LANG]", "[article][sections][lang]") {
    const Config config = make_config(
        "[sections.vi]\n"
        "symptoms = [\"Triệu chứng\"]\n"
        "workaround = [\"Cách khắc phục tạm thời\"]\n"
        "internal = [\"Ghi chú nội bộ\"]\n"
        "[sections.pl]\n"
        "symptoms = [\"Objawy\"]\n"
        "resolution = [\"Rozwiązanie\"]\n");
    const std::string vi =
        "+++\ntype = \"known-error\"\n+++\n"
        "## Triệu chứng\nKhông đăng nhập được.\n"
        "## Cách khắc phục tạm thời\nThử lại.\n"
        "## Ghi chú nội bộ\nChỉ dành cho nhân viên.\n"
        "## Symptoms\nEnglish names still work.\n";
    const ParsedArticle parsed = parse(vi, "accounts/password-reset.vi.md", config);
    INFO(describe(parsed.diagnostics));
    const Article& a = parsed.article;
    CHECK(a.lang == "vi");
    REQUIRE(a.sections.size() == 4);
    CHECK(a.sections[0].kind == SectionKind::symptoms);
    CHECK(a.sections[1].kind == SectionKind::workaround);
    CHECK(a.sections[2].kind == SectionKind::internal);
    CHECK(a.sections[3].kind == SectionKind::symptoms);
    CHECK(a.sections[0].anchor == "triệu-chứng");

    const ParsedArticle pl = parse("## Objawy\nx\n## Rozwiązanie\ny\n", "accounts/password-reset.pl.md", config);
    REQUIRE(pl.article.sections.size() == 2);
    CHECK(pl.article.sections[0].kind == SectionKind::symptoms);
    CHECK(pl.article.sections[1].kind == SectionKind::resolution);
}

TEST_CASE("sections marked internal", "[article][sections]") {
    const ParsedArticle parsed =
        parse("## Answer\nHi.\n## Agent notes\nx\n## Escalation (internal)\ny\n## Internal\nz\n", "a.md");
    const auto& s = parsed.article.sections;
    REQUIRE(s.size() == 4);
    CHECK(s[0].kind == SectionKind::answer);
    CHECK(s[1].kind == SectionKind::internal);
    CHECK(s[2].kind == SectionKind::internal);
    CHECK(s[3].kind == SectionKind::internal);
}

TEST_CASE("unknown type, status and visibility are errors on their line", "[article][diagnostics]") {
    const std::string text =
        "+++\n"
        "title = \"x\"\n"
        "type = \"incident\"\n"
        "status = \"done\"\n"
        "visibility = \"secret\"\n"
        "+++\n"
        "Body\n";
    const ParsedArticle parsed = parse(text, "bad.md");
    INFO(describe(parsed.diagnostics));
    CHECK(parsed.diagnostics.size() == 3);

    const auto* type = find_diagnostic(parsed.diagnostics, "unknown type 'incident'");
    REQUIRE(type != nullptr);
    CHECK(type->severity == Severity::error);
    CHECK(type->path == "bad.md");
    CHECK(type->line == 3);
    CHECK(type->column >= 1);
    CHECK(parsed.article.type == ArticleType::faq);

    const auto* status = find_diagnostic(parsed.diagnostics, "unknown status 'done'");
    REQUIRE(status != nullptr);
    CHECK(status->severity == Severity::error);
    CHECK(status->line == 4);

    const auto* visibility = find_diagnostic(parsed.diagnostics, "unknown visibility 'secret'");
    REQUIRE(visibility != nullptr);
    CHECK(visibility->severity == Severity::error);
    CHECK(visibility->line == 5);
    // When in doubt, do not publish.
    CHECK(parsed.article.visibility == Visibility::internal);
}

TEST_CASE("type, status and visibility spellings are normalised", "[article]") {
    const ParsedArticle parsed =
        parse("+++\ntype = \"Known_Error\"\nstatus = \"wont_fix\"\nvisibility = \"Public\"\n+++\n", "a.md");
    INFO(describe(parsed.diagnostics));
    CHECK(parsed.diagnostics.empty());
    CHECK(parsed.article.type == ArticleType::known_error);
    CHECK(parsed.article.status == "wont-fix");
    CHECK(parsed.article.visibility == Visibility::public_);

    CHECK(faqt::parse_article_type("how-to") == ArticleType::howto);
    CHECK(faqt::parse_article_type(" FAQ ") == ArticleType::faq);
    CHECK_FALSE(faqt::parse_article_type("incident"));
    CHECK(std::string(to_string(ArticleType::known_error)) == "known-error");
    CHECK(std::string(to_string(ArticleType::howto)) == "howto");
    CHECK(std::string(to_string(ArticleType::faq)) == "faq");
    CHECK(std::string(to_string(Visibility::internal)) == "internal");
    CHECK(std::string(to_string(Visibility::public_)) == "public");
    CHECK(faqt::is_known_status("investigating"));
    CHECK(faqt::is_known_status("workaround"));
    CHECK(faqt::is_known_status("fixed"));
    CHECK(faqt::is_known_status("wont-fix"));
    CHECK_FALSE(faqt::is_known_status("done"));
    CHECK_FALSE(faqt::is_known_status("Fixed"));
}

TEST_CASE("fields of the wrong type are errors on their line", "[article][diagnostics]") {
    const std::string text =
        "+++\n"
        "title = [\"a\", \"b\"]\n"
        "draft = \"yes\"\n"
        "tags = { a = 1 }\n"
        "updated = \"next week\"\n"
        "review_by = 5\n"
        "categories = [[\"nested\"]]\n"
        "+++\n"
        "# Fallback title\n";
    const ParsedArticle parsed = parse(text, "types.md");
    INFO(describe(parsed.diagnostics));
    struct Expected {
        const char* message;
        int line;
    };
    const Expected expected[] = {
        {"'title' must be a string", 2},         {"'draft' must be true or false", 3},
        {"'tags' must be a list of strings", 4}, {"'updated' is not a date", 5},
        {"'review_by' must be a date", 6},       {"'categories' must be a list of strings", 7},
    };
    for (const auto& e : expected) {
        INFO(e.message);
        const auto* d = find_diagnostic(parsed.diagnostics, e.message);
        REQUIRE(d != nullptr);
        CHECK(d->severity == Severity::error);
        CHECK(d->line == e.line);
    }
    CHECK(parsed.diagnostics.size() == std::size(expected));
    const Article& a = parsed.article;
    CHECK(a.title == "Fallback title");
    CHECK_FALSE(a.draft);
    CHECK(a.tags.empty());
    CHECK_FALSE(a.updated);
    CHECK_FALSE(a.review_by);
    CHECK(a.categories.empty());
}

TEST_CASE("a TOML time where a date is expected is an error", "[article][diagnostics]") {
    // A local time is neither a date nor a string; it must not be ignored silently.
    const ParsedArticle parsed = parse("+++\ntitle = \"x\"\nupdated = 10:30:00\n+++\n", "a.md");
    INFO(describe(parsed.diagnostics));
    const auto* d = find_diagnostic(parsed.diagnostics, "'updated'");
    REQUIRE(d != nullptr);
    CHECK(d->severity == Severity::error);
    CHECK(d->line == 3);
}

TEST_CASE("a single string where a list is expected is a list of one", "[article]") {
    const ParsedArticle parsed = parse("+++\ntags = \"vpn\"\n+++\n", "a.md");
    INFO(describe(parsed.diagnostics));
    CHECK(parsed.diagnostics.empty());
    CHECK(parsed.article.tags == Strings{"vpn"});
}

TEST_CASE("a TOML number where strings are expected is an error, so 4.10 never becomes 4.1", "[article]") {
    const ParsedArticle parsed = parse("+++\naffected_versions = 4.10\nfixed_in = 4.10\n+++\n", "a.md");
    INFO(describe(parsed.diagnostics));
    const auto* list = find_diagnostic(parsed.diagnostics, "'affected_versions' must be a list of strings");
    REQUIRE(list != nullptr);
    CHECK(list->line == 2);
    CHECK(find_diagnostic(parsed.diagnostics, "'fixed_in' must be a string") != nullptr);
    CHECK(parsed.article.affected_versions.empty());
    CHECK(parsed.article.fixed_in.empty());
}

TEST_CASE("dates written as strings in TOML front matter are read", "[article][dates]") {
    // The spec lists "YYYY-MM-DD" and "MM/DD/YYYY" strings as valid dates.
    const ParsedArticle parsed =
        parse("+++\nupdated = \"2026-11-20\"\nreview_by = \"01/30/2027\"\n+++\nBody\n", "dates.md");
    INFO(describe(parsed.diagnostics));
    CHECK(parsed.diagnostics.empty());
    CHECK(parsed.article.updated == Date{2026, 11, 20});
    CHECK(parsed.article.review_by == Date{2027, 1, 30});
}

TEST_CASE("dates in YAML front matter, quoted or not, and as date-times", "[article][dates]") {
    const ParsedArticle parsed =
        parse("---\nupdated: 2026-11-20T10:00:00Z\nreview_by: \"01/30/2027\"\n---\nBody\n", "dates.md");
    INFO(describe(parsed.diagnostics));
    CHECK(parsed.diagnostics.empty());
    CHECK(parsed.article.updated == Date{2026, 11, 20});
    CHECK(parsed.article.review_by == Date{2027, 1, 30});
}

TEST_CASE("unknown TOML front matter keys are warnings, unless mapped in [fields]", "[article][diagnostics]") {
    const Config config = make_config("[fields]\nupdated = [\"lastmod\"]\n");
    const std::string text =
        "+++\n"
        "title = \"x\"\n"
        "colour = \"blue\"\n"
        "lastmod = 2025-05-05\n"
        "weight = 3\n"
        "+++\n";
    const ParsedArticle parsed = parse(text, "a.md", config);
    INFO(describe(parsed.diagnostics));
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.diagnostics[0].severity == Severity::warning);
    CHECK(parsed.diagnostics[0].line == 3);
    CHECK_THAT(parsed.diagnostics[0].message, Catch::Contains("'colour'"));
    CHECK(parsed.article.updated == Date{2025, 5, 5});
}

TEST_CASE("escalate_to is read from TOML, YAML and a [fields] mapping", "[article][fields][escalation]") {
    const auto loaded = faqt::parse_config("[fields]\nescalate_to = [\"assignment_group\"]\n", {});
    REQUIRE(loaded);
    INFO(describe(loaded->diagnostics));
    CHECK(loaded->diagnostics.empty());  // escalate_to is an article field [fields] may map
    const Config& config = loaded->config;

    const ParsedArticle toml = parse("+++\ntitle = \"x\"\nescalate_to = \"l2-network\"\n+++\n", "a.md", config);
    INFO(describe(toml.diagnostics));
    CHECK(toml.diagnostics.empty());  // a known key, no typo warning
    CHECK(toml.article.escalate_to == "l2-network");
    CHECK(toml.article.field_lines.at("escalate_to") == 3);

    CHECK(parse("---\ntitle: x\nescalate_to: l2-print\n---\n", "b.md", config).article.escalate_to == "l2-print");
    CHECK(parse("---\ntitle: x\nassignment_group: l2-desktop\n---\n", "c.md", config).article.escalate_to ==
          "l2-desktop");
}

TEST_CASE("YAML front matter of docs repositories maps through [fields]", "[article][fields]") {
    const Config config = make_config(
        "[fields]\n"
        "updated = [\"ms.date\", \"lastmod\"]\n"
        "summary = [\"description\"]\n"
        "tags = [\"keywords\"]\n");
    SECTION("the first present foreign key wins") {
        const std::string text =
            "---\n"
            "title: Outlook asks for a password\n"
            "description: Outlook prompts again and again.\n"
            "lastmod: 2025-05-05\n"
            "ms.date: 01/30/2024\n"
            "ms.author: someone\n"
            "keywords: [outlook, password]\n"
            "---\n"
            "Body\n";
        const ParsedArticle parsed = parse(text, "email/outlook-password.md", config);
        INFO(describe(parsed.diagnostics));
        // YAML comes from other tools; their keys are not reported.
        CHECK(parsed.diagnostics.empty());
        CHECK(parsed.article.title == "Outlook asks for a password");
        CHECK(parsed.article.summary == "Outlook prompts again and again.");
        CHECK(parsed.article.updated == Date{2024, 1, 30});
        CHECK(parsed.article.field_lines.at("updated") == line_of(text, "ms.date"));
        CHECK(parsed.article.tags == Strings{"outlook", "password"});
    }
    SECTION("a later foreign key when the first is absent") {
        const ParsedArticle parsed = parse("---\nlastmod: 2025-05-05\n---\n", "a.md", config);
        CHECK(parsed.article.updated == Date{2025, 5, 5});
    }
    SECTION("nested keys are flattened before mapping") {
        const ParsedArticle parsed = parse("---\nms:\n  date: 01/30/2024\n---\n", "a.md", config);
        CHECK(parsed.article.updated == Date{2024, 1, 30});
        CHECK(parsed.article.field_lines.at("updated") == 3);
    }
    SECTION("faqt's own key wins over foreign ones") {
        const ParsedArticle parsed = parse("---\nms.date: 01/30/2024\nupdated: 2026-02-01\n---\n", "a.md", config);
        CHECK(parsed.article.updated == Date{2026, 2, 1});
    }
    SECTION("a wrong type in a foreign key is reported on its line") {
        const ParsedArticle parsed = parse("---\ntitle: x\nms.date: soon\n---\n", "a.md", config);
        INFO(describe(parsed.diagnostics));
        REQUIRE(parsed.diagnostics.size() == 1);
        CHECK(parsed.diagnostics[0].line == 3);
        CHECK_THAT(parsed.diagnostics[0].message, Catch::Contains("'updated' is not a date"));
    }
}

TEST_CASE("YAML booleans and lists", "[article]") {
    const ParsedArticle parsed =
        parse("---\ndraft: yes\ncategories:\n  - network/vpn\n  - network/wifi/\ntitle: [Only one]\n---\n", "a.md");
    INFO(describe(parsed.diagnostics));
    CHECK(parsed.diagnostics.empty());
    CHECK(parsed.article.draft);
    CHECK(parsed.article.categories == Strings{"network/vpn", "network/wifi"});
    CHECK(parsed.article.title == "Only one");
}

TEST_CASE("invalid UTF-8 is reported where it is and repaired", "[article][utf8]") {
    const std::string text = "+++\ntitle = \"x\"\n+++\nfine line\nbad \xFF here\n";
    const ParsedArticle parsed = parse(text, "bad.md");
    INFO(describe(parsed.diagnostics));
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.diagnostics[0].severity == Severity::error);
    CHECK(parsed.diagnostics[0].line == 5);
    CHECK(parsed.diagnostics[0].column == 5);
    CHECK_THAT(parsed.diagnostics[0].message, Catch::Contains("UTF-8"));
    CHECK(faqt::is_valid_utf8(parsed.article.source));
    CHECK_THAT(parsed.article.body, Catch::Contains("bad \xEF\xBF\xBD here"));
    CHECK(parsed.article.title == "x");
}

TEST_CASE("a broken front matter still gives an article with an id and a body", "[article]") {
    const std::string text = "+++\ntitle = \n+++\n# Heading title\n\n## Answer\nStill here.\n";
    const ParsedArticle parsed = parse(text, "accounts/broken.vi.md");
    INFO(describe(parsed.diagnostics));
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.diagnostics[0].line == 2);
    const Article& a = parsed.article;
    CHECK(a.id == "accounts/broken");
    CHECK(a.lang == "vi");
    CHECK(a.path == "accounts/broken.vi.md");
    CHECK(a.title == "Heading title");
    REQUIRE(a.sections.size() == 1);
    CHECK(a.sections[0].markdown == "Still here.");
    CHECK(a.sections[0].line == 6);
}

TEST_CASE("control characters are dropped from titles and summaries", "[article]") {
    const ParsedArticle parsed = parse("+++\ntitle = \"VPN \\u001b[2Jdrops\"\nsummary = \"a\\u0007b\"\n+++\n", "a.md");
    CHECK(parsed.article.title == "VPN [2Jdrops");
    CHECK(parsed.article.summary == "ab");
    const ParsedArticle heading = parse("# Title \x1b]0;x\x07 here\n", "b.md");
    CHECK(heading.article.title.find('\x1b') == std::string::npos);
}

TEST_CASE("setext headings start sections and are classified like ## ones", "[article][sections]") {
    const ParsedArticle parsed = parse(
        "Title of the page\n=================\n\nIntro.\n\nSymptoms\n--------\n\nIt fails.\n\n## "
        "Workaround\n\nRetry.\n",
        "a.md");
    const Article& a = parsed.article;
    CHECK(a.title == "Title of the page");
    CHECK(a.intro == "Intro.");
    REQUIRE(a.sections.size() == 2);
    CHECK(a.sections[0].heading == "Symptoms");
    CHECK(a.sections[0].kind == SectionKind::symptoms);
    CHECK(a.sections[0].line == 6);
    CHECK(a.sections[0].markdown == "It fails.");
    CHECK(a.sections[1].kind == SectionKind::workaround);
}

TEST_CASE("a # Internal notes heading is never the title", "[article][sections]") {
    const ParsedArticle parsed = parse("Some intro.\n\n# Internal notes\n\nsecret\n", "notes.md");
    const Article& a = parsed.article;
    CHECK(a.title == "notes");
    REQUIRE(a.sections.size() == 1);
    CHECK(a.sections[0].kind == SectionKind::internal);
    CHECK(a.sections[0].level == 1);
    CHECK(a.sections[0].internal);
}

TEST_CASE("type = \"flow\" is known front matter", "[article][diagnostics]") {
    const ParsedArticle parsed = parse("+++\ntitle = \"x\"\ntype = \"flow\"\n+++\n", "a.md");
    INFO(describe(parsed.diagnostics));
    CHECK(parsed.diagnostics.empty());
    CHECK(parsed.article.type == ArticleType::flow);
    CHECK(std::string(faqt::to_string(ArticleType::flow)) == "flow");
}

TEST_CASE("a known error's severity is read in any case, from TOML and YAML", "[article][severity]") {
    const ParsedArticle toml = parse("+++\ntype = \"known-error\"\nseverity = \" High \"\n+++\n", "a.md");
    INFO(describe(toml.diagnostics));
    CHECK(toml.diagnostics.empty());
    CHECK(toml.article.severity == "high");

    const ParsedArticle yaml = parse("---\ntype: known-error\nseverity: critical\n---\n", "b.md");
    CHECK(yaml.diagnostics.empty());
    CHECK(yaml.article.severity == "critical");

    const ParsedArticle unset = parse("+++\ntype = \"known-error\"\n+++\n", "c.md");
    CHECK(unset.article.severity.empty());
}

TEST_CASE("[fields] maps a foreign key onto severity", "[article][severity][fields]") {
    const Config config = make_config("[fields]\nseverity = [\"impact\"]\n");
    const ParsedArticle parsed = parse("---\ntype: known-error\nimpact: Low\n---\n", "a.md", config);
    INFO(describe(parsed.diagnostics));
    CHECK(parsed.diagnostics.empty());
    CHECK(parsed.article.severity == "low");
}

TEST_CASE("an unknown severity is an error on its line naming the nearest one", "[article][severity][diagnostics]") {
    const ParsedArticle parsed =
        parse("+++\ntitle = \"x\"\ntype = \"known-error\"\nseverity = \"critcal\"\n+++\n", "bad.md");
    INFO(describe(parsed.diagnostics));
    REQUIRE(parsed.diagnostics.size() == 1);
    const auto& d = parsed.diagnostics.front();
    CHECK(d.severity == Severity::error);
    CHECK(d.path == "bad.md");
    CHECK(d.line == 4);
    CHECK(d.column >= 1);
    CHECK(d.message == "unknown severity 'critcal'");
    CHECK(d.hint == "did you mean 'critical'? use critical, high, medium or low");
    CHECK(parsed.article.severity.empty());

    const ParsedArticle far = parse("+++\ntype = \"known-error\"\nseverity = \"blocker\"\n+++\n", "far.md");
    REQUIRE(far.diagnostics.size() == 1);
    CHECK(far.diagnostics.front().hint == "use critical, high, medium or low");
}

TEST_CASE("severity on an article that is not a known error is a warning and ignored", "[article][severity]") {
    const ParsedArticle parsed = parse("+++\ntitle = \"x\"\nseverity = \"high\"\n+++\n", "faq.md");
    INFO(describe(parsed.diagnostics));
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.diagnostics.front().severity == Severity::warning);
    CHECK(parsed.diagnostics.front().line == 3);
    CHECK(parsed.diagnostics.front().message.find("severity is for known errors") == 0);
    CHECK(parsed.article.severity.empty());
}

TEST_CASE("severities rank critical first and unset last", "[article][severity]") {
    CHECK(faqt::severity_rank("critical") == 0);
    CHECK(faqt::severity_rank("low") == 3);
    CHECK(faqt::severity_rank("") == 4);
    CHECK(faqt::severity_rank("High") == 4);
    CHECK(faqt::is_known_severity("medium"));
    CHECK_FALSE(faqt::is_known_severity(""));
}

TEST_CASE("the line right after a setext underline belongs to the section", "[article][sections]") {
    // (A paragraph line right before an underline is part of the heading:
    // "It fails.\nAnswer\n---" is one heading, as CommonMark says.)
    const ParsedArticle parsed = parse("Symptoms\n---\nIt fails.\n\nAnswer\n---\nRetry.\n", "a.md");
    const Article& a = parsed.article;
    REQUIRE(a.sections.size() == 2);
    CHECK(a.sections[0].markdown == "It fails.");
    CHECK(a.sections[1].heading == "Answer");
    CHECK(a.sections[1].markdown == "Retry.");
}

TEST_CASE("[fields.split] splits a list field written as one string", "[article][fields]") {
    const Config config = make_config("[fields]\ntags = [\"labels\"]\n\n[fields.split]\ntags = \",\"\n");
    SECTION("a comma-separated string") {
        const ParsedArticle parsed =
            parse("---\ntitle: Patch\nlabels: QPT patches,Quality Patches Tool, Support Tools,,2.4.4\n---\nBody\n",
                  "patch.md", config);
        INFO(describe(parsed.diagnostics));
        CHECK(parsed.diagnostics.empty());
        CHECK(parsed.article.tags == Strings{"QPT patches", "Quality Patches Tool", "Support Tools", "2.4.4"});
    }
    SECTION("a real list is taken as it is") {
        const ParsedArticle parsed = parse("---\nlabels: [\"a,b\", c]\n---\n", "a.md", config);
        CHECK(parsed.article.tags == Strings{"a,b", "c"});
    }
    SECTION("without [fields.split] a string stays one value") {
        const ParsedArticle parsed = parse("---\nlabels: QPT patches,Support Tools\n---\n", "a.md",
                                           make_config("[fields]\ntags = [\"labels\"]\n"));
        CHECK(parsed.article.tags == Strings{"QPT patches,Support Tools"});
    }
}

TEST_CASE("Markdown cut off for cmark-gfm is a warning on its line", "[article][diagnostics]") {
    const std::string text = "+++\ntitle = \"Deep\"\n+++\n\nIntro.\n\n" + std::string(2000, '>') + " x\n";
    const ParsedArticle parsed = parse(text, "deep.md", make_config(""));
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.diagnostics[0].severity == Severity::warning);
    CHECK(parsed.diagnostics[0].line == 7);
    CHECK_THAT(parsed.diagnostics[0].message, Catch::Contains("lists or quotes"));
}
