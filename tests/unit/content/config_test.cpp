#include "content/config.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "test_support.hpp"

using faqt::Config;
using faqt::ErrorCode;
using faqt::parse_config;
using faqt::SectionKind;
using faqt::Severity;
using faqt::test::describe;
using faqt::test::find_diagnostic;
using faqt::test::line_of;
using faqt::test::TempDir;
using faqt::test::write_file;
using Strings = std::vector<std::string>;

namespace {

constexpr const char* k_full = R"toml(# Every table faqt reads.
[kb]
title = "Northwind IT Help"
base_url = "https://help.example/"
default_lang = "vi"
content = ["articles", "known-errors"]
exclude = ["README.md", "**/_*.md"]

[[categories]]
id = "network/vpn"
name = "VPN and remote access"
description = "Connecting from home."
codes = ["NET-VPN", "Network > VPN"]

[[categories]]
id = "printers/"
codes = ["PRN"]

[synonyms]
vpn = ["remote access", "anyconnect"]
"mật khẩu" = ["mk"]
wifi = ["wireless"]

[fields]
updated = ["ms.date", "lastmod"]
summary = ["description"]

[sections.vi]
symptoms = ["Triệu chứng", "Hiện tượng"]
internal = ["Ghi chú nội bộ"]

[sections.pl]
workaround = ["Obejście"]

[answer]
greeting = "Hi {{customer}},"
signature = "Kind regards"

[answer.defaults]
customer = "there"
agent = "IT Service Desk"

[site]
theme = "themes/northwind"
languages = ["en", "vi", "pl"]
footer = "ext. 4357"
allow_html = true
)toml";

faqt::LoadedConfig parse_ok(std::string_view text) {
    auto loaded = parse_config(text, "/kb");
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
}

}  // namespace

TEST_CASE("parse_config reads every table", "[config]") {
    const auto loaded = parse_ok(k_full);
    INFO(describe(loaded.diagnostics));
    CHECK(loaded.diagnostics.empty());
    const Config& c = loaded.config;

    CHECK(c.root == "/kb");
    CHECK(c.file == std::filesystem::path("/kb/faqt.toml"));

    CHECK(c.title == "Northwind IT Help");
    CHECK(c.base_url == "https://help.example/");
    CHECK(c.default_lang == "vi");
    CHECK(c.content == Strings{"articles", "known-errors"});
    CHECK(c.exclude == Strings{"README.md", "**/_*.md"});

    REQUIRE(c.categories.size() == 2);
    CHECK(c.categories[0].id == "network/vpn");
    CHECK(c.categories[0].name == "VPN and remote access");
    CHECK(c.categories[0].description == "Connecting from home.");
    CHECK(c.categories[0].codes == Strings{"NET-VPN", "Network > VPN"});
    CHECK(c.categories[0].line == line_of(k_full, "[[categories]]"));
    // A trailing '/' is dropped, the name defaults to the last component and
    // a single string counts as a list of one.
    CHECK(c.categories[1].id == "printers");
    CHECK(c.categories[1].name == "printers");
    CHECK(c.categories[1].codes == Strings{"PRN"});

    CHECK(c.synonyms.size() == 3);
    CHECK(c.synonyms.at("vpn") == Strings{"remote access", "anyconnect"});
    CHECK(c.synonyms.at("mật khẩu") == Strings{"mk"});
    CHECK(c.synonyms.at("wifi") == Strings{"wireless"});

    CHECK(c.fields.at("updated") == Strings{"ms.date", "lastmod"});
    CHECK(c.fields.at("summary") == Strings{"description"});

    // Heading names are stored lower-cased.
    CHECK(c.sections.at("vi").at(SectionKind::symptoms) == Strings{"triệu chứng", "hiện tượng"});
    CHECK(c.sections.at("vi").at(SectionKind::internal) == Strings{"ghi chú nội bộ"});
    CHECK(c.sections.at("pl").at(SectionKind::workaround) == Strings{"obejście"});

    CHECK(c.answer_greeting == "Hi {{customer}},");
    CHECK(c.answer_signature == "Kind regards");
    CHECK(c.answer_defaults.size() == 2);
    CHECK(c.answer_defaults.at("customer") == "there");
    CHECK(c.answer_defaults.at("agent") == "IT Service Desk");

    CHECK(c.site_theme == "themes/northwind");
    CHECK(c.site_languages == Strings{"en", "vi", "pl"});
    CHECK(c.site_footer == "ext. 4357");
    CHECK(c.site_allow_html);
}

TEST_CASE("parse_config gives defaults for an empty file", "[config]") {
    const auto loaded = parse_ok("");
    CHECK(loaded.diagnostics.empty());
    const Config& c = loaded.config;
    CHECK(c.title == "Knowledge base");
    CHECK(c.default_lang == "en");
    CHECK(c.content == Strings{"."});
    CHECK(c.exclude.empty());
    CHECK(c.categories.empty());
    CHECK(c.synonyms.empty());
    CHECK(c.fields.empty());
    CHECK_FALSE(c.site_allow_html);
}

TEST_CASE("parse_config restores defaults for empty default_lang and content", "[config]") {
    const auto loaded = parse_ok("[kb]\ndefault_lang = \"\"\ncontent = []\n");
    CHECK(loaded.config.default_lang == "en");
    CHECK(loaded.config.content == Strings{"."});
}

TEST_CASE("unknown keys are warnings on the line of the key", "[config][diagnostics]") {
    const std::string text =
        "[kb]\n"
        "title = \"KB\"\n"
        "titel = \"typo\"\n"
        "\n"
        "[[categories]]\n"
        "id = \"network\"\n"
        "nmae = \"Network\"\n"
        "\n"
        "[site]\n"
        "colour = \"blue\"\n"
        "\n"
        "[answer]\n"
        "greting = \"Hi\"\n"
        "\n"
        "[sections.vi]\n"
        "symptomz = [\"Triệu chứng\"]\n"
        "\n"
        "[extras]\n"
        "x = 1\n";
    const auto loaded = parse_ok(text);
    INFO(describe(loaded.diagnostics));

    struct Expected {
        const char* message;
        const char* where;
    };
    const Expected expected[] = {
        {"'kb.titel'", "titel ="},         {"'categories.nmae'", "nmae ="},        {"'site.colour'", "colour ="},
        {"'answer.greting'", "greting ="}, {"sections.vi.symptomz", "symptomz ="}, {"'extras'", "[extras]"},
    };
    for (const auto& e : expected) {
        INFO(e.message);
        const auto* d = find_diagnostic(loaded.diagnostics, e.message);
        REQUIRE(d != nullptr);
        CHECK(d->severity == Severity::warning);
        CHECK(d->path == "faqt.toml");
        CHECK(d->line == line_of(text, e.where));
        CHECK(d->column >= 1);
    }
    CHECK(loaded.diagnostics.size() == std::size(expected));
    CHECK_FALSE(faqt::has_errors(loaded.diagnostics));
    // The known keys around the unknown ones are still read.
    CHECK(loaded.config.title == "KB");
    REQUIRE(loaded.config.categories.size() == 1);
    CHECK(loaded.config.categories[0].name == "network");
}

TEST_CASE("wrong types are errors on the line of the value, and keep the default", "[config][diagnostics]") {
    const std::string text =
        "[kb]\n"
        "title = 5\n"
        "content = [1, 2]\n"
        "exclude = \"drafts/**\"\n"
        "\n"
        "[synonyms]\n"
        "vpn = 3\n"
        "\n"
        "[fields]\n"
        "updated = [\"ms.date\", 7]\n"
        "\n"
        "[answer]\n"
        "greeting = [\"Hi\"]\n"
        "\n"
        "[answer.defaults]\n"
        "customer = 42\n"
        "\n"
        "[site]\n"
        "allow_html = \"yes\"\n"
        "languages = \"en\"\n"
        "\n"
        "[sections]\n"
        "vi = \"Triệu chứng\"\n"
        "[sections.pl]\n"
        "symptoms = 5\n";
    const auto loaded = parse_ok(text);
    INFO(describe(loaded.diagnostics));

    struct Expected {
        const char* message;
        const char* where;
    };
    const Expected expected[] = {
        {"'kb.title' must be a string", "title = 5"},
        {"'kb.content' must be a list of strings", "content ="},
        {"'synonyms.vpn' must be a list of strings", "vpn = 3"},
        {"'kb.exclude' must be a list of strings", "exclude ="},
        {"'fields.updated' must be a list of strings", "updated ="},
        {"'site.languages' must be a list of strings", "languages ="},
        {"'answer.greeting' must be a string", "greeting ="},
        {"'answer.defaults.customer' must be a string", "customer = 42"},
        {"'site.allow_html' must be true or false", "allow_html ="},
        {"'sections.vi' must be a table", "vi = "},
        {"'sections.pl.symptoms' must be a list of strings", "symptoms = 5"},
    };
    for (const auto& e : expected) {
        INFO(e.message);
        const auto* d = find_diagnostic(loaded.diagnostics, e.message);
        REQUIRE(d != nullptr);
        CHECK(d->severity == Severity::error);
        CHECK(d->path == "faqt.toml");
        CHECK(d->line == line_of(text, e.where));
    }
    CHECK(loaded.diagnostics.size() == std::size(expected));

    const Config& c = loaded.config;
    CHECK(c.title == "Knowledge base");
    CHECK(c.content == Strings{"."});
    CHECK_FALSE(c.site_allow_html);
    CHECK(c.synonyms.count("vpn") == 0);
    CHECK(c.fields.count("updated") == 0);
    CHECK(c.answer_greeting.empty());
    CHECK(c.answer_defaults.empty());
    // A single string where a list is expected is an error, not a list of one.
    CHECK(c.exclude.empty());
    CHECK(c.site_languages.empty());
}

TEST_CASE("a string where a list belongs is an error that shows the list to write", "[config][diagnostics]") {
    const std::string text =
        "[kb]\n"
        "content = \"docs\"\n"
        "[[categories]]\n"
        "id = \"network\"\n"
        "codes = \"NET\"\n"
        "[synonyms]\n"
        "vpn = \"tunnel\"\n"
        "[fields]\n"
        "updated = \"ms.date\"\n"
        "[sections.vi]\n"
        "symptoms = \"Triệu chứng\"\n"
        "[site]\n"
        "languages = \"en\"\n";
    const auto loaded = parse_ok(text);
    INFO(describe(loaded.diagnostics));
    struct Expected {
        const char* message;
        const char* where;
        const char* hint;
    };
    const Expected expected[] = {
        {"'kb.content' must be a list of strings", "content =", "write content = [\"docs\"]"},
        {"'categories.codes' must be a list of strings", "codes =", "write codes = [\"NET\"]"},
        {"'synonyms.vpn' must be a list of strings", "vpn =", "write vpn = [\"tunnel\"]"},
        {"'fields.updated' must be a list of strings", "updated =", "write updated = [\"ms.date\"]"},
        {"'sections.vi.symptoms' must be a list of strings", "symptoms =", "write symptoms = [\"Triệu chứng\"]"},
        {"'site.languages' must be a list of strings", "languages =", "write languages = [\"en\"]"},
    };
    for (const auto& e : expected) {
        INFO(e.message);
        const auto* d = find_diagnostic(loaded.diagnostics, e.message);
        REQUIRE(d != nullptr);
        CHECK(d->severity == Severity::error);
        CHECK(d->line == line_of(text, e.where));
        CHECK(d->hint == e.hint);
    }
    CHECK(loaded.diagnostics.size() == std::size(expected));
    CHECK(loaded.config.content == Strings{"."});
    CHECK(loaded.config.synonyms.empty());
}

TEST_CASE("[kb] content folders outside the KB are errors", "[config][diagnostics]") {
    const std::string text =
        "[kb]\n"
        "content = [\n"
        "  \"articles\",\n"
        "  \"../shared\",\n"
        "  \"/etc\",\n"
        "  \"docs/../..\",\n"
        "  \"docs/../kb\",\n"
        "]\n";
    const auto loaded = parse_ok(text);
    INFO(describe(loaded.diagnostics));
    REQUIRE(loaded.diagnostics.size() == 3);
    for (const auto& d : loaded.diagnostics) {
        CHECK(d.severity == Severity::error);
    }
    CHECK(loaded.diagnostics[0].message == "'kb.content' folder '../shared' is outside the knowledge base");
    CHECK(loaded.diagnostics[0].line == line_of(text, "../shared"));
    CHECK(loaded.diagnostics[1].line == line_of(text, "/etc"));
    CHECK(loaded.diagnostics[2].line == line_of(text, "docs/../.."));
    CHECK(loaded.config.content == Strings{"articles", "docs/../kb"});
}

TEST_CASE("tables of the wrong type are errors", "[config][diagnostics]") {
    const std::string text =
        "kb = \"oops\"\n"
        "site = 1\n"
        "categories = \"network\"\n";
    const auto loaded = parse_ok(text);
    INFO(describe(loaded.diagnostics));
    const auto* kb = find_diagnostic(loaded.diagnostics, "'kb' must be a table");
    REQUIRE(kb != nullptr);
    CHECK(kb->line == 1);
    const auto* site = find_diagnostic(loaded.diagnostics, "'site' must be a table");
    REQUIRE(site != nullptr);
    CHECK(site->line == 2);
    const auto* categories = find_diagnostic(loaded.diagnostics, "'categories' must be an array of tables");
    REQUIRE(categories != nullptr);
    CHECK(categories->line == 3);
    CHECK(categories->severity == Severity::error);
    CHECK(loaded.config.categories.empty());
}

TEST_CASE("categories without an id or declared twice are errors", "[config][diagnostics]") {
    const std::string text =
        "[[categories]]\n"
        "id = \"network\"\n"
        "\n"
        "[[categories]]\n"
        "name = \"No id\"\n"
        "\n"
        "[[categories]]\n"
        "id = \"network/\"\n"
        "name = \"Again\"\n";
    const auto loaded = parse_ok(text);
    INFO(describe(loaded.diagnostics));
    const auto* no_id = find_diagnostic(loaded.diagnostics, "has no 'id'");
    REQUIRE(no_id != nullptr);
    CHECK(no_id->severity == Severity::error);
    CHECK(no_id->line == 4);
    const auto* twice = find_diagnostic(loaded.diagnostics, "'network' is declared twice");
    REQUIRE(twice != nullptr);
    CHECK(twice->severity == Severity::error);
    CHECK(twice->line == 7);
    REQUIRE(loaded.config.categories.size() == 1);
    CHECK(loaded.config.categories[0].id == "network");
}

TEST_CASE("invalid TOML is an Error that names the line", "[config]") {
    SECTION("a broken value") {
        auto loaded = parse_config("[kb]\ntitle = \"ok\"\ndefault_lang = = \"en\"\n", "/kb");
        REQUIRE_FALSE(loaded.ok());
        CHECK(loaded.error().code == ErrorCode::config);
        CHECK_THAT(loaded.error().message, Catch::StartsWith("faqt.toml:3:"));
        CHECK_FALSE(loaded.error().hint.empty());
    }
    SECTION("an unterminated string") {
        auto loaded = parse_config("[kb]\n\n\ntitle = \"never closed\n", "/kb");
        REQUIRE_FALSE(loaded.ok());
        CHECK(loaded.error().code == ErrorCode::config);
        CHECK_THAT(loaded.error().message, Catch::StartsWith("faqt.toml:4:"));
    }
    SECTION("a key defined twice") {
        auto loaded = parse_config("[kb]\ntitle = \"a\"\ntitle = \"b\"\n", "/kb");
        REQUIRE_FALSE(loaded.ok());
        CHECK_THAT(loaded.error().message, Catch::StartsWith("faqt.toml:3:"));
    }
}

TEST_CASE("section_kind matches headings without case against built-in and configured names", "[config][sections]") {
    const Config c = faqt::test::make_config(
        "[sections.vi]\n"
        "symptoms = [\"Triệu chứng\"]\n"
        "workaround = [\"Cách khắc phục tạm thời\"]\n"
        "internal = [\"Ghi chú nội bộ\"]\n"
        "[sections.pl]\n"
        "resolution = [\"Rozwiązanie\"]\n");
    CHECK(c.section_kind("Symptoms", "en") == SectionKind::symptoms);
    CHECK(c.section_kind("  PROBLEM  ", "en") == SectionKind::symptoms);
    CHECK(c.section_kind("Issue", "en") == SectionKind::symptoms);
    CHECK(c.section_kind("Cause", "en") == SectionKind::cause);
    CHECK(c.section_kind("Workaround:", "en") == SectionKind::workaround);
    CHECK(c.section_kind("Solution", "en") == SectionKind::resolution);
    CHECK(c.section_kind("Resolution", "en") == SectionKind::resolution);
    CHECK(c.section_kind("Answer", "en") == SectionKind::answer);
    CHECK(c.section_kind("Environment", "en") == SectionKind::environment);
    CHECK(c.section_kind("Internal notes", "en") == SectionKind::internal);
    CHECK(c.section_kind("Agent notes", "en") == SectionKind::internal);
    CHECK(c.section_kind("Escalation (internal)", "en") == SectionKind::internal);
    CHECK(c.section_kind("Background", "en") == SectionKind::other);

    CHECK(c.section_kind("Triệu chứng", "vi") == SectionKind::symptoms);
    CHECK(c.section_kind("TRIỆU CHỨNG", "vi") == SectionKind::symptoms);
    CHECK(c.section_kind("Cách khắc phục tạm thời", "vi") == SectionKind::workaround);
    CHECK(c.section_kind("Ghi chú nội bộ", "vi") == SectionKind::internal);
    // English names work in every language.
    CHECK(c.section_kind("Symptoms", "vi") == SectionKind::symptoms);
    CHECK(c.section_kind("Rozwiązanie", "pl") == SectionKind::resolution);
    CHECK(c.section_kind("Nguyên nhân", "vi") == SectionKind::other);
}

TEST_CASE("to_string names every section kind", "[config][sections]") {
    CHECK(std::string(to_string(SectionKind::symptoms)) == "symptoms");
    CHECK(std::string(to_string(SectionKind::cause)) == "cause");
    CHECK(std::string(to_string(SectionKind::workaround)) == "workaround");
    CHECK(std::string(to_string(SectionKind::resolution)) == "resolution");
    CHECK(std::string(to_string(SectionKind::answer)) == "answer");
    CHECK(std::string(to_string(SectionKind::environment)) == "environment");
    CHECK(std::string(to_string(SectionKind::internal)) == "internal");
    CHECK(std::string(to_string(SectionKind::other)) == "other");
}

TEST_CASE("index_fingerprint changes with the settings that change indexing only", "[config]") {
    const std::string base = "[kb]\ntitle = \"A\"\n[synonyms]\nvpn = [\"tunnel\"]\n";
    const std::string fingerprint = faqt::test::make_config(base).index_fingerprint();
    CHECK_FALSE(fingerprint.empty());
    CHECK(faqt::test::make_config(base).index_fingerprint() == fingerprint);
    // The title does not change how articles are indexed.
    CHECK(faqt::test::make_config("[kb]\ntitle = \"B\"\n[synonyms]\nvpn = [\"tunnel\"]\n").index_fingerprint() ==
          fingerprint);
    CHECK(faqt::test::make_config("[kb]\ntitle = \"A\"\n[synonyms]\nvpn = [\"remote\"]\n").index_fingerprint() !=
          fingerprint);
    CHECK(faqt::test::make_config(base + "[fields]\nupdated = [\"ms.date\"]\n").index_fingerprint() != fingerprint);
    CHECK(faqt::test::make_config(base + "[sections.vi]\nsymptoms = [\"Triệu chứng\"]\n").index_fingerprint() !=
          fingerprint);
    CHECK(faqt::test::make_config("[kb]\ntitle = \"A\"\ndefault_lang = \"pl\"\n[synonyms]\nvpn = [\"tunnel\"]\n")
              .index_fingerprint() != fingerprint);
    CHECK(faqt::test::make_config("[kb]\ntitle = \"A\"\nexclude = [\"x\"]\n[synonyms]\nvpn = [\"tunnel\"]\n")
              .index_fingerprint() != fingerprint);
}

TEST_CASE("load_config reads faqt.toml from the KB root", "[config][file]") {
    TempDir dir("config");
    SECTION("a readable file") {
        write_file(dir / "faqt.toml", "[kb]\ntitle = \"On disk\"\nbogus = 1\n");
        auto loaded = faqt::load_config(dir.path());
        REQUIRE(loaded.ok());
        CHECK(loaded->config.title == "On disk");
        CHECK(loaded->config.root == dir.path());
        CHECK(loaded->config.file == dir / "faqt.toml");
        REQUIRE(loaded->diagnostics.size() == 1);
        CHECK(loaded->diagnostics[0].line == 3);
    }
    SECTION("a missing file") {
        auto loaded = faqt::load_config(dir.path());
        REQUIRE_FALSE(loaded.ok());
        CHECK(loaded.error().code == ErrorCode::config);
    }
    SECTION("a file that is not UTF-8") {
        write_file(dir / "faqt.toml", "[kb]\ntitle = \"caf\xE9\"\n");
        auto loaded = faqt::load_config(dir.path());
        REQUIRE_FALSE(loaded.ok());
        CHECK(loaded.error().code == ErrorCode::config);
        CHECK_THAT(loaded.error().message, Catch::Contains("UTF-8"));
    }
    SECTION("a file that is not TOML") {
        write_file(dir / "faqt.toml", "[kb\n");
        auto loaded = faqt::load_config(dir.path());
        REQUIRE_FALSE(loaded.ok());
        CHECK(loaded.error().code == ErrorCode::config);
        CHECK_THAT(loaded.error().message, Catch::StartsWith("faqt.toml:1:"));
    }
}

TEST_CASE("[fields] keys must be article fields", "[config][diagnostics]") {
    const auto loaded = parse_config("[fields]\nupdated = [\"ms.date\"]\nupdatd = [\"lastmod\"]\n", "/kb");
    REQUIRE(loaded.ok());
    INFO(describe(loaded->diagnostics));
    REQUIRE(loaded->diagnostics.size() == 1);
    const auto* d = find_diagnostic(loaded->diagnostics, "'fields.updatd' is not an article field");
    REQUIRE(d != nullptr);
    CHECK(d->severity == Severity::warning);
    CHECK(d->line == 3);
    CHECK(loaded->config.fields.at("updated") == std::vector<std::string>{"ms.date"});
}

TEST_CASE("a dotted key of 100,000 parts is an error, not a stack overflow", "[config]") {
    // Found by fuzzing: toml++ recurses once per dotted part with no limit.
    std::string key;
    for (int i = 0; i < 100000; ++i) {
        key += "a.";
    }
    for (const std::string& text : {"[kb]\ntitle = \"x\"\n" + key + "b = 1\n", "[kb]\n[" + key + "b]\n"}) {
        auto loaded = parse_config(text, "/kb");
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().code == ErrorCode::config);
        CHECK_THAT(loaded.error().message, Catch::StartsWith("faqt.toml:") && Catch::Contains("dotted parts"));
    }
    auto fine = parse_config("[kb]\ntitle = \"a.b.c.d\"\n[fields]\nupdated = [\"ms.custom.date\"]\n", "/kb");
    REQUIRE(fine);
    CHECK(fine->config.title == "a.b.c.d");
}

TEST_CASE("[kb] follow_symlinks_outside is a list of absolute paths", "[config][kb]") {
    auto good = parse_config("[kb]\nfollow_symlinks_outside = [\"/srv/shared-kb/\", \"/opt//kb/./x\"]\n", "/kb");
    REQUIRE(good.ok());
    INFO(describe(good->diagnostics));
    CHECK(good->diagnostics.empty());
    CHECK(good->config.follow_symlinks_outside == std::vector<std::string>{"/srv/shared-kb", "/opt/kb/x"});

    auto relative = parse_config("[kb]\nfollow_symlinks_outside = [\"shared\"]\n", "/kb");
    REQUIRE(relative.ok());
    const auto* d = find_diagnostic(relative->diagnostics, "absolute paths");
    REQUIRE(d != nullptr);
    CHECK(d->severity == Severity::error);
    CHECK(d->line == 2);
    CHECK(relative->config.follow_symlinks_outside.empty());

    auto single = parse_config("[kb]\nfollow_symlinks_outside = \"/srv\"\n", "/kb");
    REQUIRE(single.ok());
    CHECK(find_diagnostic(single->diagnostics, "must be a list of absolute paths") != nullptr);
    CHECK(single->config.follow_symlinks_outside.empty());

    auto number = parse_config("[kb]\nfollow_symlinks_outside = [1]\n", "/kb");
    REQUIRE(number.ok());
    CHECK(find_diagnostic(number->diagnostics, "must be a list of absolute paths") != nullptr);
}

TEST_CASE("[fields.split] names the separator of a list field written as one string", "[config][fields]") {
    const auto loaded = parse_config(
        "[fields]\ntags = [\"labels\"]\n\n[fields.split]\ntags = \",\"\nproducts = \"\"\ntitle = \";\"\n", "/kb");
    REQUIRE(loaded.ok());
    INFO(describe(loaded->diagnostics));
    CHECK(loaded->config.fields.at("tags") == Strings{"labels"});
    CHECK(loaded->config.fields.count("split") == 0);
    CHECK(loaded->config.field_split.at("tags") == ",");
    CHECK(loaded->config.field_split.count("products") == 0);
    CHECK(loaded->config.field_split.count("title") == 0);
    // No "'fields.split' is not an article field" or "must be a list".
    REQUIRE(loaded->diagnostics.size() == 2);
    const auto* empty = find_diagnostic(loaded->diagnostics, "'fields.split.products' must be a non-empty string");
    REQUIRE(empty != nullptr);
    CHECK(empty->severity == Severity::error);
    CHECK(empty->line == 6);
    const auto* not_list = find_diagnostic(loaded->diagnostics, "'fields.split.title' is not a list field");
    REQUIRE(not_list != nullptr);
    CHECK(not_list->severity == Severity::warning);
    // Splitting changes what is indexed.
    const auto plain = parse_config("[fields]\ntags = [\"labels\"]\n", "/kb");
    REQUIRE(plain.ok());
    CHECK(plain->config.index_fingerprint() != loaded->config.index_fingerprint());
}

TEST_CASE("'Affected products and versions' is an environment heading", "[config][sections]") {
    const auto loaded = parse_config("", "/kb");
    REQUIRE(loaded.ok());
    CHECK(loaded->config.section_kind("Affected products and versions", "en") == SectionKind::environment);
}

TEST_CASE("internal notes in Vietnamese and Polish are internal without [sections.LANG]", "[config][sections]") {
    const auto loaded = parse_config("", "/kb");
    REQUIRE(loaded.ok());
    const auto& config = loaded->config;
    CHECK(config.section_kind("Ghi chú nội bộ", "vi") == SectionKind::internal);
    CHECK(config.section_kind("Ghi chu noi bo", "vi") == SectionKind::internal);
    CHECK(config.section_kind("Notatki wewnętrzne:", "pl") == SectionKind::internal);
    CHECK(config.section_kind("Notes internes", "fr") == SectionKind::internal);
    CHECK(config.section_kind("Notatki", "pl") == SectionKind::other);
}

TEST_CASE("The lines where [answer] greeting and signature start are kept for errors") {
    const std::string text =
        "[kb]\ntitle = \"x\"\n\n[answer]\ngreeting = \"Hi {{customer}},\"\nsignature = \"\"\"\nKind "
        "regards,\n{{agent}}\"\"\"\n";
    auto loaded = parse_config(text, "/kb");
    REQUIRE(loaded.ok());
    CHECK(loaded->config.answer_greeting_line == line_of(text, "greeting"));
    // A multi-line string starts on the line after its opening quotes.
    CHECK(loaded->config.answer_signature_line == line_of(text, "Kind regards"));
    CHECK(loaded->diagnostics.empty());  // reading the lines marks no key as unknown
    auto empty = parse_config("[kb]\ntitle = \"x\"\n", "/kb");
    REQUIRE(empty.ok());
    CHECK(empty->config.answer_greeting_line == 0);
    CHECK(empty->config.answer_signature_line == 0);
}

TEST_CASE("[suggest] threshold: a number from 0 to 1, 0.7 by default", "[config]") {
    CHECK(parse_ok("").config.suggest.threshold == 0.7);
    CHECK(parse_ok("[suggest]\nthreshold = 0.85\n").config.suggest.threshold == 0.85);
    CHECK(parse_ok("[suggest]\nthreshold = 1\n").config.suggest.threshold == 1.0);
    for (const char* bad : {"[suggest]\nthreshold = 1.5\n", "[suggest]\nthreshold = \"high\"\n",
                            "[suggest]\nthreshold = -0.1\n"}) {
        const auto loaded = parse_ok(bad);
        REQUIRE(loaded.diagnostics.size() == 1);
        CHECK(loaded.diagnostics[0].line == 2);
        CHECK(loaded.diagnostics[0].severity == faqt::Severity::error);
        CHECK(loaded.config.suggest.threshold == 0.7);
    }
    const auto unknown = parse_ok("[suggest]\nthreshhold = 0.8\n");
    REQUIRE(unknown.diagnostics.size() == 1);
    CHECK(unknown.diagnostics[0].severity == faqt::Severity::warning);
}

TEST_CASE("[tickets] maps export columns, closed statuses, encoding, preset and delimiter", "[config][tickets]") {
    const auto loaded = parse_ok(
        "[tickets]\n"
        "id = \"Number\"\n"
        "subject = \"Short description\"\n"
        "resolved = \"Resolved\"\n"
        "closed = [\"Resolved\", \"Closed\"]\n"
        "encoding = \"windows-1250\"\n"
        "preset = \"servicenow\"\n"
        "delimiter = \"tab\"\n");
    INFO(describe(loaded.diagnostics));
    CHECK(loaded.diagnostics.empty());
    const auto& tickets = loaded.config.tickets;
    CHECK(tickets.columns.at("id") == "Number");
    CHECK(tickets.columns.at("subject") == "Short description");
    CHECK(tickets.columns.at("resolved") == "Resolved");
    CHECK(tickets.columns.size() == 3);
    CHECK(tickets.closed == Strings{"Resolved", "Closed"});
    CHECK(tickets.encoding == "windows-1250");
    CHECK(tickets.preset == "servicenow");
    CHECK(tickets.delimiter == '\t');
}

TEST_CASE("a broken [tickets] is diagnosed on its lines", "[config][tickets][diagnostics]") {
    const std::string text =
        "[tickets]\n"
        "subjet = \"Title\"\n"
        "closed = \"Closed\"\n"
        "encoding = \"windows-9999\"\n"
        "delimiter = \"::\"\n"
        "id = 3\n"
        "preset = \"remedy\"\n";
    const auto loaded = parse_ok(text);
    INFO(describe(loaded.diagnostics));
    const auto* unknown = find_diagnostic(loaded.diagnostics, "'tickets.subjet'");
    REQUIRE(unknown != nullptr);
    CHECK(unknown->severity == Severity::warning);
    CHECK(unknown->line == 2);
    const auto* closed = find_diagnostic(loaded.diagnostics, "'tickets.closed' must be a list of strings");
    REQUIRE(closed != nullptr);
    CHECK(closed->line == 3);
    CHECK(closed->hint == "write closed = [\"Closed\"]");
    const auto* encoding = find_diagnostic(loaded.diagnostics, "windows-9999");
    REQUIRE(encoding != nullptr);
    CHECK(encoding->severity == Severity::error);
    CHECK(encoding->line == 4);
    const auto* delimiter = find_diagnostic(loaded.diagnostics, "'tickets.delimiter'");
    REQUIRE(delimiter != nullptr);
    CHECK(delimiter->line == 5);
    const auto* id = find_diagnostic(loaded.diagnostics, "'tickets.id' must be a string");
    REQUIRE(id != nullptr);
    CHECK(id->line == 6);
    const auto* preset = find_diagnostic(loaded.diagnostics, "'tickets.preset' names no preset: 'remedy'");
    REQUIRE(preset != nullptr);
    CHECK(preset->line == 7);
    CHECK(preset->hint.find("servicenow") != std::string::npos);
    CHECK(loaded.config.tickets.encoding.empty());
    CHECK(loaded.config.tickets.preset.empty());
    CHECK(loaded.config.tickets.delimiter == 0);
    CHECK(loaded.config.tickets.columns.empty());
}

TEST_CASE("[[escalation]] declares second-line groups that categories escalate to", "[config][escalation]") {
    const std::string text =
        "[[categories]]\n"
        "id = \"network/vpn\"\n"
        "escalate_to = \"l2-network\"\n"
        "\n"
        "[[escalation]]\n"
        "id = \"l2-network\"\n"
        "name = \"Network team\"\n"
        "codes = [\"NET-L2\", \"Network L2\"]\n"
        "when = \"The tunnel fails for everyone at one site.\"\n"
        "contact = \"net-oncall@example.com\"\n";
    const auto loaded = parse_ok(text);
    INFO(describe(loaded.diagnostics));
    CHECK(loaded.diagnostics.empty());
    REQUIRE(loaded.config.escalation.size() == 1);
    const auto& group = loaded.config.escalation[0];
    CHECK(group.id == "l2-network");
    CHECK(group.name == "Network team");
    CHECK(group.codes == Strings{"NET-L2", "Network L2"});
    CHECK(group.when == "The tunnel fails for everyone at one site.");
    CHECK(group.contact == "net-oncall@example.com");
    CHECK(group.line == 5);
    CHECK(loaded.config.categories.at(0).escalate_to == "l2-network");
    CHECK(loaded.config.find_escalation("l2-network") == &group);
    CHECK(loaded.config.find_escalation("l2-print") == nullptr);
}

TEST_CASE("a broken [[escalation]] is diagnosed on its lines", "[config][escalation][diagnostics]") {
    const std::string text =
        "[[categories]]\n"
        "id = \"printers\"\n"
        "escalate_to = \"l2-netwrk\"\n"
        "\n"
        "[[escalation]]\n"
        "id = \"l2-network\"\n"
        "queue = \"NET\"\n"
        "\n"
        "[[escalation]]\n"
        "name = \"No id\"\n"
        "\n"
        "[[escalation]]\n"
        "id = \"l2-network\"\n"
        "\n"
        "[[escalation]]\n"
        "id = \"second line\"\n";
    const auto loaded = parse_ok(text);
    INFO(describe(loaded.diagnostics));
    const auto* unknown = find_diagnostic(loaded.diagnostics, "'escalation.queue'");
    REQUIRE(unknown != nullptr);
    CHECK(unknown->severity == Severity::warning);
    CHECK(unknown->line == 7);
    const auto* no_id = find_diagnostic(loaded.diagnostics, "has no 'id'");
    REQUIRE(no_id != nullptr);
    CHECK(no_id->line == 9);
    const auto* twice = find_diagnostic(loaded.diagnostics, "'l2-network' is declared twice");
    REQUIRE(twice != nullptr);
    CHECK(twice->line == 12);
    const auto* space = find_diagnostic(loaded.diagnostics, "contains a space");
    REQUIRE(space != nullptr);
    CHECK(space->line == 15);
    const auto* category = find_diagnostic(loaded.diagnostics, "escalates to 'l2-netwrk'");
    REQUIRE(category != nullptr);
    CHECK(category->severity == Severity::error);
    CHECK(category->line == 1);
    CHECK(category->hint == "did you mean 'l2-network'?");
    REQUIRE(loaded.config.escalation.size() == 1);
    CHECK(loaded.config.escalation[0].name == "l2-network");
}

TEST_CASE("'escalation' written as a table is an error", "[config][escalation][diagnostics]") {
    const auto loaded = parse_ok("[escalation]\nid = \"l2\"\n");
    INFO(describe(loaded.diagnostics));
    REQUIRE(find_diagnostic(loaded.diagnostics, "'escalation' must be an array of tables: write [[escalation]]") !=
            nullptr);
    CHECK(loaded.config.escalation.empty());
}

TEST_CASE("[flows.LANG] adds the words of flows, with diagnostics on their lines", "[config][flow]") {
    const std::string text =
        "[flows.de]\n"
        "step = [\"Schritt\", \" \"]\n"
        "escalate = [\"eskalieren\"]\n"
        "resolved = \"gelöst\"\n"
        "heading = [\"Schritte\"]\n"
        "steps = [\"Schritte\"]\n"
        "[flows]\n"
        "pl = \"krok\"\n";
    auto loaded = parse_config(text, "/kb");
    REQUIRE(loaded);
    const Config& config = loaded->config;
    REQUIRE(config.flows.count("de") == 1);
    const auto& words = config.flows.at("de");
    CHECK(words.step == Strings{"Schritt"});
    CHECK(words.escalate == Strings{"eskalieren"});
    CHECK(words.resolved.empty());
    CHECK(words.heading == Strings{"Schritte"});
    const auto& diagnostics = loaded->diagnostics;
    INFO(describe(diagnostics));
    const auto* type = find_diagnostic(diagnostics, "'flows.de.resolved' must be a list of strings");
    REQUIRE(type != nullptr);
    CHECK(type->severity == Severity::error);
    CHECK(type->line == 4);
    const auto* unknown = find_diagnostic(diagnostics, "unknown key 'flows.de.steps'");
    REQUIRE(unknown != nullptr);
    CHECK(unknown->severity == Severity::warning);
    CHECK(unknown->line == 6);
    CHECK(find_diagnostic(diagnostics, "'flows.pl' must be a table") != nullptr);
    CHECK(config.index_fingerprint() != parse_config("", "/kb")->config.index_fingerprint());
}
