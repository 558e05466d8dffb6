#include "content/front_matter.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "test_support.hpp"

using faqt::Date;
using faqt::Diagnostics;
using faqt::FieldValue;
using faqt::FrontMatter;
using faqt::FrontMatterSyntax;
using faqt::parse_front_matter;
using faqt::Severity;
using faqt::test::describe;
using faqt::test::line_of;
using Kind = faqt::FieldValue::Kind;
using Strings = std::vector<std::string>;

namespace {

const FieldValue& field(const FrontMatter& fm, const std::string& key) {
    INFO("field " << key);
    auto it = fm.fields.find(key);
    REQUIRE(it != fm.fields.end());
    return it->second;
}

}  // namespace

TEST_CASE("text without front matter is all body", "[front_matter]") {
    Diagnostics diagnostics;
    const std::string text = "# Title\n\nBody text.\n";
    const FrontMatter fm = parse_front_matter(text, "a.md", diagnostics);
    CHECK(diagnostics.empty());
    CHECK(fm.syntax == FrontMatterSyntax::none);
    CHECK(fm.fields.empty());
    CHECK(fm.body == text);
    CHECK(fm.body_line == 1);
    CHECK(fm.parsed);
}

TEST_CASE("TOML front matter between +++ lines", "[front_matter][toml]") {
    const std::string text =
        "+++\n"
        "title = \"VPN drops\"\n"
        "tags = [\"vpn\", \"anyconnect\"]\n"
        "draft = true\n"
        "updated = 2026-11-20\n"
        "reviewed = 2026-11-20T10:00:00Z\n"
        "weight = 10\n"
        "score = 2.5\n"
        "\n"
        "[ms]\n"
        "date = 2024-01-30\n"
        "author = \"someone\"\n"
        "+++\n"
        "# Heading\n"
        "Body.\n";
    Diagnostics diagnostics;
    const FrontMatter fm = parse_front_matter(text, "kb/vpn.md", diagnostics);
    INFO(describe(diagnostics));
    CHECK(diagnostics.empty());
    CHECK(fm.syntax == FrontMatterSyntax::toml);
    CHECK(fm.parsed);
    CHECK(fm.body == "# Heading\nBody.\n");
    CHECK(fm.body_line == line_of(text, "# Heading"));

    const auto& title = field(fm, "title");
    CHECK(title.kind == Kind::string);
    CHECK(title.text == "VPN drops");
    CHECK(title.line == 2);
    CHECK(title.column >= 1);

    const auto& tags = field(fm, "tags");
    CHECK(tags.kind == Kind::list);
    CHECK(tags.list == Strings{"vpn", "anyconnect"});
    CHECK(tags.list_ok);
    CHECK(tags.line == 3);

    const auto& draft = field(fm, "draft");
    CHECK(draft.kind == Kind::boolean);
    CHECK(draft.flag);

    const auto& updated = field(fm, "updated");
    CHECK(updated.kind == Kind::date);
    CHECK(updated.date == Date{2026, 11, 20});
    CHECK(updated.line == 5);

    const auto& reviewed = field(fm, "reviewed");
    CHECK(reviewed.kind == Kind::date);
    CHECK(reviewed.date == Date{2026, 11, 20});

    CHECK(field(fm, "weight").kind == Kind::integer);
    CHECK(field(fm, "weight").text == "10");
    CHECK(field(fm, "score").kind == Kind::number);
    CHECK(field(fm, "score").text == "2.5");

    // Nested tables become dotted keys.
    CHECK(field(fm, "ms").kind == Kind::table);
    const auto& ms_date = field(fm, "ms.date");
    CHECK(ms_date.kind == Kind::date);
    CHECK(ms_date.date == Date{2024, 1, 30});
    CHECK(ms_date.line == line_of(text, "date = 2024-01-30"));
    CHECK(field(fm, "ms.author").text == "someone");
}

TEST_CASE("TOML lists holding tables are flagged", "[front_matter][toml]") {
    Diagnostics diagnostics;
    const FrontMatter fm = parse_front_matter("+++\ntags = [\"a\", { b = 1 }]\n+++\n", "a.md", diagnostics);
    CHECK(diagnostics.empty());
    const auto& tags = field(fm, "tags");
    CHECK(tags.kind == Kind::list);
    CHECK_FALSE(tags.list_ok);
}

TEST_CASE("YAML front matter between --- lines", "[front_matter][yaml]") {
    const std::string text =
        "---\n"
        "title: Outlook keeps asking for a password\n"
        "description: \"Quoted: with a colon\"\n"
        "ms.date: 01/30/2024\n"
        "keywords:\n"
        "  - outlook\n"
        "  - password\n"
        "ms:\n"
        "  author: someone\n"
        "  topic:\n"
        "    kind: troubleshooting\n"
        "draft: false\n"
        "updated: 2026-11-20\n"
        "quoted_date: \"2026-11-21\"\n"
        "quoted_bool: \"true\"\n"
        "empty:\n"
        "---\n"
        "Body starts here.\n";
    Diagnostics diagnostics;
    const FrontMatter fm = parse_front_matter(text, "docs/outlook.md", diagnostics);
    INFO(describe(diagnostics));
    CHECK(diagnostics.empty());
    CHECK(fm.syntax == FrontMatterSyntax::yaml);
    CHECK(fm.parsed);
    CHECK(fm.body == "Body starts here.\n");
    CHECK(fm.body_line == line_of(text, "Body starts"));

    const auto& title = field(fm, "title");
    CHECK(title.kind == Kind::string);
    CHECK(title.text == "Outlook keeps asking for a password");
    CHECK(title.line == 2);
    CHECK(title.column == 1);

    CHECK(field(fm, "description").text == "Quoted: with a colon");

    // A literal dotted key, as docs repositories write it.
    const auto& ms_date = field(fm, "ms.date");
    CHECK(ms_date.date == Date{2024, 1, 30});
    CHECK(ms_date.line == 4);

    const auto& keywords = field(fm, "keywords");
    CHECK(keywords.kind == Kind::list);
    CHECK(keywords.list == Strings{"outlook", "password"});
    CHECK(keywords.line == 5);

    // Nested mappings are flattened with dots, each with its own line.
    CHECK(field(fm, "ms").kind == Kind::table);
    const auto& author = field(fm, "ms.author");
    CHECK(author.text == "someone");
    CHECK(author.line == line_of(text, "author:"));
    CHECK(author.column == 3);
    CHECK(field(fm, "ms.topic.kind").text == "troubleshooting");
    CHECK(field(fm, "ms.topic.kind").line == line_of(text, "kind:"));

    const auto& draft = field(fm, "draft");
    CHECK(draft.kind == Kind::boolean);
    CHECK_FALSE(draft.flag);

    const auto& updated = field(fm, "updated");
    CHECK(updated.kind == Kind::date);
    CHECK(updated.date == Date{2026, 11, 20});

    // Quoted scalars stay strings, though a quoted date is still readable as one.
    const auto& quoted_date = field(fm, "quoted_date");
    CHECK(quoted_date.kind == Kind::string);
    CHECK(quoted_date.date == Date{2026, 11, 21});
    const auto& quoted_bool = field(fm, "quoted_bool");
    CHECK(quoted_bool.kind == Kind::string);
    CHECK(quoted_bool.text == "true");

    CHECK(field(fm, "empty").kind == Kind::null);
}

TEST_CASE("YAML lists holding mappings are flagged", "[front_matter][yaml]") {
    Diagnostics diagnostics;
    const FrontMatter fm = parse_front_matter("---\ntags:\n  - a\n  - b: c\n---\n", "a.md", diagnostics);
    CHECK(diagnostics.empty());
    const auto& tags = field(fm, "tags");
    CHECK(tags.kind == Kind::list);
    CHECK_FALSE(tags.list_ok);
}

TEST_CASE("a YAML alias that refers to itself is an error, not endless recursion", "[front_matter][yaml]") {
    // Found by scripts/fuzz: flattening "a: &a {b: *a}" recursed until the stack overflowed.
    const std::string text =
        "---\n"
        "title: ok\n"
        "a: &a\n"
        "  b: *a\n"
        "---\n"
        "Body survives.\n";
    Diagnostics diagnostics;
    const FrontMatter fm = parse_front_matter(text, "loop.md", diagnostics);
    INFO(describe(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].severity == Severity::error);
    CHECK(diagnostics[0].path == "loop.md");
    CHECK(diagnostics[0].line == 2);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("alias"));
    CHECK_FALSE(fm.parsed);
    CHECK(fm.body == "Body survives.\n");
}

TEST_CASE("YAML aliases that double at every level are an error, not a hang", "[front_matter][yaml]") {
    // "Billion laughs": 30 lines that flatten to 2^30 fields.
    std::string text = "---\nl0: &l0 {a: 1, b: 2}\n";
    for (int i = 1; i <= 30; ++i) {
        const std::string previous = "*l" + std::to_string(i - 1);
        text += "l";
        text += std::to_string(i) + ": &l" + std::to_string(i) + " {a: " + previous + ", b: " + previous + "}\n";
    }
    text += "---\nBody survives.\n";
    Diagnostics diagnostics;
    const FrontMatter fm = parse_front_matter(text, "laughs.md", diagnostics);
    INFO(describe(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].severity == Severity::error);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("fields"));
    CHECK_FALSE(fm.parsed);
    CHECK(fm.fields.empty());
    CHECK(fm.body == "Body survives.\n");
}

TEST_CASE("ordinary YAML aliases still work", "[front_matter][yaml]") {
    Diagnostics diagnostics;
    const FrontMatter fm =
        parse_front_matter("---\nbase: &base {owner: desk}\nms: *base\n---\n", "alias.md", diagnostics);
    INFO(describe(diagnostics));
    CHECK(diagnostics.empty());
    CHECK(fm.parsed);
    CHECK(field(fm, "ms.owner").text == "desk");
}

TEST_CASE("a TOML key of 100,000 dotted parts is an error, not a stack overflow", "[front_matter][toml]") {
    // Found by fuzzing: toml++ recurses once per dotted part with no limit.
    std::string key;
    for (int i = 0; i < 100000; ++i) {
        key += "a.";
    }
    const std::string text = "+++\ntitle = \"ok\"\n" + key + "b = 1\n+++\nBody survives.\n";
    Diagnostics diagnostics;
    const FrontMatter fm = parse_front_matter(text, "dots.md", diagnostics);
    INFO(describe(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].severity == Severity::error);
    CHECK(diagnostics[0].line == 3);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("dotted parts"));
    CHECK_FALSE(fm.parsed);
    CHECK(fm.body == "Body survives.\n");
}

TEST_CASE("an empty YAML block is valid", "[front_matter][yaml]") {
    Diagnostics diagnostics;
    const FrontMatter fm = parse_front_matter("---\n---\nBody\n", "a.md", diagnostics);
    CHECK(diagnostics.empty());
    CHECK(fm.parsed);
    CHECK(fm.fields.empty());
    CHECK(fm.body == "Body\n");
    CHECK(fm.body_line == 3);
}

TEST_CASE("an unclosed front matter block is an error on line 1 and the text is kept", "[front_matter]") {
    const char* opening = GENERATE("+++", "---");
    const std::string text = std::string(opening) + "\ntitle = \"x\"\n\nBody text.\n";
    Diagnostics diagnostics;
    const FrontMatter fm = parse_front_matter(text, "open.md", diagnostics);
    INFO(describe(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].severity == Severity::error);
    CHECK(diagnostics[0].path == "open.md");
    CHECK(diagnostics[0].line == 1);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("never closed"));
    CHECK_FALSE(fm.parsed);
    CHECK_THAT(fm.body, Catch::Contains("Body text."));
    CHECK(fm.body_line == 2);
}

TEST_CASE("broken TOML front matter is reported on the line of the file", "[front_matter][toml]") {
    const std::string text =
        "+++\n"
        "title = \"ok\"\n"
        "summary = \"also ok\"\n"
        "this is not toml\n"
        "+++\n"
        "Body survives.\n";
    Diagnostics diagnostics;
    const FrontMatter fm = parse_front_matter(text, "kb/broken.md", diagnostics);
    INFO(describe(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].severity == Severity::error);
    CHECK(diagnostics[0].path == "kb/broken.md");
    CHECK(diagnostics[0].line == 4);
    CHECK(diagnostics[0].column >= 1);
    CHECK_THAT(diagnostics[0].message, Catch::StartsWith("front matter:"));
    CHECK_FALSE(fm.parsed);
    CHECK(fm.body == "Body survives.\n");
    CHECK(fm.body_line == 6);
}

TEST_CASE("broken YAML front matter is reported on the line of the file", "[front_matter][yaml]") {
    SECTION("an unclosed flow sequence") {
        const std::string text =
            "---\n"
            "title: ok\n"
            "tags: [a, b\n"
            "summary: x\n"
            "---\n"
            "Body survives.\n";
        Diagnostics diagnostics;
        const FrontMatter fm = parse_front_matter(text, "kb/broken.md", diagnostics);
        INFO(describe(diagnostics));
        REQUIRE(diagnostics.size() == 1);
        CHECK(diagnostics[0].severity == Severity::error);
        CHECK(diagnostics[0].path == "kb/broken.md");
        // yaml-cpp notices the missing ']' once it reaches the next key.
        CHECK(diagnostics[0].line >= 3);
        CHECK(diagnostics[0].line <= 4);
        CHECK_FALSE(fm.parsed);
        CHECK(fm.body == "Body survives.\n");
    }
    SECTION("a bad indentation") {
        const std::string text =
            "---\n"
            "title: ok\n"
            "summary: fine\n"
            "  bad: indentation\n"
            "---\n";
        Diagnostics diagnostics;
        const FrontMatter fm = parse_front_matter(text, "kb/broken.md", diagnostics);
        INFO(describe(diagnostics));
        REQUIRE(diagnostics.size() == 1);
        CHECK(diagnostics[0].line == 4);
        CHECK_FALSE(fm.parsed);
    }
    SECTION("a block that is not a mapping") {
        Diagnostics diagnostics;
        const FrontMatter fm = parse_front_matter("---\n- a\n- b\n---\nBody\n", "kb/list.md", diagnostics);
        INFO(describe(diagnostics));
        REQUIRE(diagnostics.size() == 1);
        CHECK(diagnostics[0].line == 2);
        CHECK_FALSE(fm.parsed);
        CHECK(fm.body == "Body\n");
    }
}

TEST_CASE("front matter tolerates CRLF, a BOM and trailing spaces on the delimiters", "[front_matter]") {
    Diagnostics diagnostics;
    SECTION("CRLF") {
        const FrontMatter fm = parse_front_matter("+++\r\ntitle = \"x\"\r\n+++\r\nBody\r\n", "a.md", diagnostics);
        CHECK(diagnostics.empty());
        CHECK(fm.syntax == FrontMatterSyntax::toml);
        CHECK(field(fm, "title").text == "x");
        CHECK(fm.body == "Body\r\n");
        CHECK(fm.body_line == 4);
    }
    SECTION("BOM") {
        const FrontMatter fm = parse_front_matter("\xEF\xBB\xBF---\ntitle: x\n---\nBody\n", "a.md", diagnostics);
        CHECK(diagnostics.empty());
        CHECK(fm.syntax == FrontMatterSyntax::yaml);
        CHECK(field(fm, "title").text == "x");
        CHECK(field(fm, "title").line == 2);
        CHECK(fm.body == "Body\n");
    }
    SECTION("trailing spaces") {
        const FrontMatter fm = parse_front_matter("+++  \ntitle = \"x\"\n+++\t\nBody\n", "a.md", diagnostics);
        CHECK(diagnostics.empty());
        CHECK(field(fm, "title").text == "x");
        CHECK(fm.body == "Body\n");
    }
}

TEST_CASE("the other delimiter does not close the block", "[front_matter]") {
    Diagnostics diagnostics;
    const FrontMatter fm = parse_front_matter("+++\ntitle = \"x\"\n---\nBody\n", "a.md", diagnostics);
    REQUIRE(diagnostics.size() == 1);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("never closed"));
}

TEST_CASE("a later delimiter line in the body is part of the body", "[front_matter]") {
    Diagnostics diagnostics;
    const std::string text = "---\ntitle: x\n---\nAbove the rule\n\n---\n\nBelow the rule\n";
    const FrontMatter fm = parse_front_matter(text, "a.md", diagnostics);
    CHECK(diagnostics.empty());
    CHECK(fm.body == "Above the rule\n\n---\n\nBelow the rule\n");
    CHECK(fm.body_line == 4);
}

TEST_CASE("a key written twice in YAML front matter is an error, not a silent pick", "[front_matter]") {
    faqt::Diagnostics diagnostics;
    auto fm = faqt::parse_front_matter("---\nvisibility: internal\ntitle: x\nvisibility: public\n---\nbody\n", "a.md",
                                       diagnostics);
    CHECK_FALSE(fm.parsed);
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].line == 4);
    CHECK(diagnostics[0].message.find("duplicate key 'visibility'") != std::string::npos);
}

TEST_CASE("a key written twice in TOML front matter is an error", "[front_matter]") {
    faqt::Diagnostics diagnostics;
    auto fm = faqt::parse_front_matter("+++\nvisibility = \"internal\"\nvisibility = \"public\"\n+++\nbody\n", "a.md",
                                       diagnostics);
    CHECK_FALSE(fm.parsed);
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].line == 3);
}

TEST_CASE("front matter with CR-only line ends is an error and the text is kept", "[front_matter]") {
    for (const char* text : {"+++\rvisibility = \"internal\"\r+++\rbody\r", "---\rvisibility: internal\r---\rbody\r"}) {
        faqt::Diagnostics diagnostics;
        auto fm = faqt::parse_front_matter(text, "a.md", diagnostics);
        CHECK_FALSE(fm.parsed);
        CHECK(fm.syntax != faqt::FrontMatterSyntax::none);
        REQUIRE(diagnostics.size() == 1);
        CHECK(diagnostics[0].line == 1);
        CHECK(diagnostics[0].message.find("CR-only") != std::string::npos);
        CHECK(fm.body.find("body") != std::string::npos);
    }
}
