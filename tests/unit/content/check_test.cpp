#include "content/check.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "test_support.hpp"

using faqt::check_kb;
using faqt::Date;
using faqt::Diagnostic;
using faqt::Diagnostics;
using faqt::LoadedKb;
using faqt::Severity;
using faqt::test::count_diagnostics;
using faqt::test::describe;
using faqt::test::find_diagnostic;
using faqt::test::line_of;
using faqt::test::TempDir;
using faqt::test::write_file;

namespace {

const Date k_today{2026, 6, 15};

constexpr const char* k_config = R"toml(
[[categories]]
id = "network/vpn"
[[categories]]
id = "accounts"
)toml";

// A KB held in memory: articles parsed from text, no files needed.
class KbBuilder {
public:
    explicit KbBuilder(std::string_view config = k_config, const std::filesystem::path& root = {}) {
        m_kb.config = faqt::test::make_config(config, root);
    }

    KbBuilder& add(std::string_view path, std::string_view text) {
        auto parsed = faqt::parse_article(text, path, m_kb.config);
        m_kb.diagnostics.insert(m_kb.diagnostics.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
        m_kb.articles.push_back(std::move(parsed.article));
        return *this;
    }

    const LoadedKb& kb() const { return m_kb; }
    Diagnostics check() const { return check_kb(m_kb, k_today); }

private:
    LoadedKb m_kb;
};

constexpr const char* k_target =
    "+++\n"
    "title = \"VPN drops\"\n"
    "categories = [\"network/vpn\"]\n"
    "+++\n"
    "## Symptoms\n"
    "x\n"
    "## Workaround steps\n"
    "y\n"
    "## Cách khắc phục\n"
    "z\n";

}  // namespace

TEST_CASE("a clean KB has no diagnostics", "[check]") {
    KbBuilder kb;
    kb.add("network/vpn-drops.md", k_target);
    kb.add("accounts/reset.md",
           "+++\ncategories = [\"accounts\", \"network\"]\nreview_by = 2026-06-15\n+++\n"
           "See [drops](../network/vpn-drops.md#workaround-steps), [again](../network/vpn-drops#symptoms),\n"
           "[vi](../network/vpn-drops.md#c%C3%A1ch-kh%E1%BA%AFc-ph%E1%BB%A5c) and [here](#more).\n"
           "## More\n");
    const Diagnostics diagnostics = kb.check();
    INFO(describe(diagnostics));
    CHECK(diagnostics.empty());
}

TEST_CASE("check reports unknown categories on the categories line", "[check]") {
    KbBuilder kb;
    kb.add("a.md", "+++\ntitle = \"A\"\ncategories = [\"network/vpn\", \"network/printers\", \"printers\"]\n+++\n");
    const Diagnostics diagnostics = kb.check();
    INFO(describe(diagnostics));
    REQUIRE(diagnostics.size() == 2);
    const auto* d = find_diagnostic(diagnostics, "unknown category 'network/printers'");
    REQUIRE(d != nullptr);
    CHECK(d->severity == Severity::error);
    CHECK(d->path == "a.md");
    CHECK(d->line == 3);
    CHECK(find_diagnostic(diagnostics, "unknown category 'printers'") != nullptr);
}

TEST_CASE("check reports an article's unknown escalation group on its line", "[check][escalation]") {
    KbBuilder kb(R"toml(
[[categories]]
id = "network/vpn"
escalate_to = "l2-network"
[[escalation]]
id = "l2-network"
)toml");
    kb.add("a.md", "+++\ntitle = \"A\"\ncategories = [\"network/vpn\"]\nescalate_to = \"l2-netwrok\"\n+++\n");
    kb.add("b.md", "---\ntitle: B\nescalate_to: l2-network\n---\n");
    kb.add("c.md", "+++\ntitle = \"C\"\ncategories = [\"network/vpn\"]\n+++\n");
    const Diagnostics diagnostics = kb.check();
    INFO(describe(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    const auto* d = find_diagnostic(diagnostics, "article escalates to 'l2-netwrok', which is not an escalation group");
    REQUIRE(d != nullptr);
    CHECK(d->severity == Severity::error);
    CHECK(d->path == "a.md");
    CHECK(d->line == 4);
    CHECK(d->hint.find("l2-network") != std::string::npos);
    CHECK(kb.kb().articles[1].escalate_to == "l2-network");
}

TEST_CASE("check reports duplicate ids in the same language", "[check]") {
    KbBuilder kb;
    kb.add("network/vpn-drops.md", k_target);
    kb.add("network/vpn-drops.vi.md", k_target);  // a translation: fine
    kb.add("old/vpn.md", std::string("+++\nid = \"network/vpn-drops\"\n+++\n"));
    kb.add("old/vpn.vi.md", std::string("+++\nid = \"network/vpn-drops\"\nlang = \"pl\"\n+++\n"));
    const Diagnostics diagnostics = kb.check();
    INFO(describe(diagnostics));
    REQUIRE(count_diagnostics(diagnostics, "duplicate id") == 1);
    const auto* d = find_diagnostic(diagnostics, "duplicate id 'network/vpn-drops'");
    REQUIRE(d != nullptr);
    CHECK(d->severity == Severity::error);
    CHECK(d->path == "old/vpn.md");
    CHECK(d->line == 2);
    CHECK_THAT(d->message, Catch::Contains("network/vpn-drops.md"));
    CHECK(diagnostics.size() == 1);
}

TEST_CASE("check reports broken relative links and missing anchors", "[check][links]") {
    KbBuilder kb;
    kb.add("network/vpn-drops.md", k_target);
    const std::string text =
        "+++\ntitle = \"Links\"\n+++\n"
        "[missing](../network/vpn-gone.md)\n"
        "[bad anchor](../network/vpn-drops.md#resolution)\n"
        "[own anchor](#nowhere) and [good](vpn-drops.md)\n"
        "[outside](../../etc/passwd.md)\n"
        "## Real heading\n"
        "```\n"
        "[in a code block](not-checked.md)\n"
        "```\n"
        "Inline `[code](not-checked.md)` and [web](https://example.com/missing.md).\n";
    kb.add("network/links.md", text);
    const Diagnostics diagnostics = kb.check();
    INFO(describe(diagnostics));

    const auto* missing = find_diagnostic(diagnostics, "broken link: ../network/vpn-gone.md");
    REQUIRE(missing != nullptr);
    CHECK(missing->severity == Severity::error);
    CHECK(missing->path == "network/links.md");
    CHECK(missing->line == line_of(text, "[missing]"));
    CHECK(missing->column == 1);

    const auto* anchor = find_diagnostic(diagnostics, "#resolution");
    REQUIRE(anchor != nullptr);
    CHECK(anchor->line == line_of(text, "[bad anchor]"));
    CHECK_THAT(anchor->message, Catch::Contains("no heading"));

    const auto* own = find_diagnostic(diagnostics, "#nowhere");
    REQUIRE(own != nullptr);
    CHECK(own->line == line_of(text, "[own anchor]"));

    const auto* outside = find_diagnostic(diagnostics, "outside the knowledge base");
    REQUIRE(outside != nullptr);
    CHECK(outside->line == line_of(text, "[outside]"));

    CHECK(diagnostics.size() == 4);
}

TEST_CASE("check accepts links to attachments that exist on disk", "[check][links]") {
    TempDir root("attach");
    write_file(root / "network" / "media" / "shot.png", "PNG");
    KbBuilder kb(k_config, root.path());
    kb.add("network/a.md", "![shot](media/shot.png) ![gone](media/gone.png) [dir](media)\n");
    const Diagnostics diagnostics = kb.check();
    INFO(describe(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("media/gone.png"));
}

TEST_CASE("check accepts links to folder index articles", "[check][links]") {
    KbBuilder kb;
    kb.add("network/index.md", "# Network\n");
    kb.add("printers/_index.md", "# Printers\n");
    kb.add("a.md", "[network](network) and [printers](printers#printers)\n");
    const Diagnostics diagnostics = kb.check();
    INFO(describe(diagnostics));
    CHECK(diagnostics.empty());
}

TEST_CASE("check resolves folder links written with a trailing slash to their index article", "[check][links]") {
    // "network/" is how writers (and GitHub) link to a folder. check tries
    // "network/" + "/index.md" = "network//index.md", which never matches, so
    // the link is only accepted because the folder exists, and its anchor is
    // never checked.
    TempDir root("folder-link");
    write_file(root / "network" / "index.md", "# Network\n");
    KbBuilder kb(k_config, root.path());
    kb.add("network/index.md", "# Network\n");
    kb.add("a.md", "[good](network/#network) [bad](network/#nowhere)\n");
    const Diagnostics diagnostics = kb.check();
    INFO(describe(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("#nowhere"));
}

TEST_CASE("check requires Symptoms and Workaround or Resolution in known errors", "[check][known-error]") {
    KbBuilder kb;
    kb.add("ok-workaround.md", "+++\ntype = \"known-error\"\n+++\n## Symptoms\nx\n## Workaround\ny\n");
    kb.add("ok-resolution.md", "+++\ntype = \"known-error\"\n+++\n## Problem\nx\n## Solution\ny\n");
    kb.add("no-symptoms.md", "+++\ntitle = \"x\"\ntype = \"known-error\"\n+++\n## Workaround\ny\n");
    kb.add("no-fix.md", "+++\ntitle = \"x\"\ntitle2 = 1\ntype = \"known-error\"\n+++\n## Symptoms\nx\n## Cause\ny\n");
    kb.add("nothing.md", "+++\ntype = \"known-error\"\n+++\nJust text.\n");
    kb.add("faq.md", "+++\ntype = \"faq\"\n+++\nNo sections needed.\n");
    const Diagnostics diagnostics = kb.check();
    INFO(describe(diagnostics));

    auto for_path = [&](const std::string& path) {
        std::vector<Diagnostic> out;
        for (const auto& d : diagnostics) {
            if (d.path == path && d.severity == Severity::error) {
                out.push_back(d);
            }
        }
        return out;
    };
    CHECK(for_path("ok-workaround.md").empty());
    CHECK(for_path("ok-resolution.md").empty());
    CHECK(for_path("faq.md").empty());

    const auto no_symptoms = for_path("no-symptoms.md");
    REQUIRE(no_symptoms.size() == 1);
    CHECK_THAT(no_symptoms[0].message, Catch::Contains("no Symptoms"));
    CHECK(no_symptoms[0].line == 3);  // the line of 'type'

    const auto no_fix = for_path("no-fix.md");
    REQUIRE(no_fix.size() == 1);
    CHECK_THAT(no_fix[0].message, Catch::Contains("no Workaround or Resolution"));
    CHECK(no_fix[0].line == 4);

    CHECK(for_path("nothing.md").size() == 2);
}

TEST_CASE("check points a known error in another language at [sections.LANG]", "[check][known-error]") {
    KbBuilder kb;
    kb.add("vpn.vi.md", "+++\ntype = \"known-error\"\n+++\n## Triệu chứng\nx\n## Cách khắc phục tạm thời\ny\n");
    const Diagnostics diagnostics = kb.check();
    INFO(describe(diagnostics));
    const Diagnostic* symptoms = find_diagnostic(diagnostics, "known error has no Symptoms section");
    REQUIRE(symptoms != nullptr);
    CHECK(symptoms->hint.find("[sections.vi]") != std::string::npos);
    CHECK(symptoms->hint.find("symptoms = [\"Triệu chứng\"]") != std::string::npos);
    CHECK(symptoms->hint.find("add a '## Symptoms'") == std::string::npos);
    // Each heading faqt does not know is a warning on its own line.
    const Diagnostic* unknown = find_diagnostic(diagnostics, "section '## Triệu chứng' that faqt does not know");
    REQUIRE(unknown != nullptr);
    CHECK(unknown->severity == Severity::warning);
    CHECK(unknown->line == 4);
    CHECK(count_diagnostics(diagnostics, "that faqt does not know") == 2);
}

TEST_CASE("check knows translated headings that [sections.LANG] names", "[check][known-error]") {
    KbBuilder kb(std::string(k_config) +
                 "[sections.vi]\nsymptoms = [\"Triệu chứng\"]\n"
                 "workaround = [\"Cách khắc phục tạm thời\"]\n");
    kb.add("vpn.vi.md", "+++\ntype = \"known-error\"\n+++\n## Triệu chứng\nx\n## Cách khắc phục tạm thời\ny\n");
    const Diagnostics diagnostics = kb.check();
    INFO(describe(diagnostics));
    CHECK(diagnostics.empty());
}

TEST_CASE("check warns about a heading it does not know in an English known error", "[check][known-error]") {
    KbBuilder kb;
    kb.add("vpn.md", "+++\ntype = \"known-error\"\n+++\n## Symptoms\nx\n## Fix it like this\ny\n");
    const Diagnostics diagnostics = kb.check();
    INFO(describe(diagnostics));
    const Diagnostic* unknown = find_diagnostic(diagnostics, "section '## Fix it like this' that faqt does not know");
    REQUIRE(unknown != nullptr);
    CHECK(unknown->severity == Severity::warning);
    CHECK(unknown->hint.find("[sections.en]") != std::string::npos);
}

TEST_CASE("check warns when review_by is in the past", "[check][review]") {
    KbBuilder kb;
    kb.add("overdue.md", "+++\ntitle = \"x\"\nreview_by = 2026-06-14\n+++\n");
    kb.add("due-today.md", "+++\nreview_by = 2026-06-15\n+++\n");
    kb.add("later.md", "+++\nreview_by = 2027-01-01\n+++\n");
    kb.add("never.md", "No review date.\n");
    const Diagnostics diagnostics = kb.check();
    INFO(describe(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].path == "overdue.md");
    CHECK(diagnostics[0].severity == Severity::warning);
    CHECK(diagnostics[0].line == 3);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("2026-06-14"));
    CHECK_FALSE(faqt::has_errors(diagnostics));

    // The same KB checked a year earlier has nothing overdue.
    CHECK(check_kb(kb.kb(), Date{2025, 6, 15}).empty());
}

TEST_CASE("check keeps the load diagnostics and sorts everything by path and line", "[check]") {
    KbBuilder kb;
    kb.add("b.md", "+++\ncategories = [\"nope\"]\nreview_by = 2020-01-01\n+++\n[x](gone.md)\n");
    kb.add("a.md", "+++\ntype = \"bogus\"\n+++\n");
    const Diagnostics diagnostics = kb.check();
    INFO(describe(diagnostics));
    REQUIRE(diagnostics.size() == 4);
    CHECK(diagnostics[0].path == "a.md");
    CHECK_THAT(diagnostics[0].message, Catch::Contains("unknown type"));
    CHECK(diagnostics[1].path == "b.md");
    CHECK(diagnostics[1].line == 2);
    CHECK(diagnostics[2].line == 3);
    CHECK(diagnostics[3].line == 5);
}

TEST_CASE("a public translation of an internal article is an error", "[check][translations]") {
    TempDir kb("translation-visibility");
    write_file(kb / "faqt.toml", "");
    write_file(kb / "notes.md", "+++\ntitle = \"Agent notes\"\nvisibility = \"internal\"\n+++\nSecret\n");
    write_file(kb / "notes.vi.md", "+++\ntitle = \"Ghi chú\"\n+++\nBí mật\n");
    write_file(kb / "other.md", "+++\ntitle = \"Other\"\ntype = \"faq\"\n+++\nx\n");
    write_file(kb / "other.pl.md", "+++\ntitle = \"Inne\"\ntype = \"howto\"\n+++\nx\n");
    auto loaded = faqt::load_kb(kb.path());
    REQUIRE(loaded.ok());
    const Diagnostics diagnostics = faqt::check_kb(*loaded, faqt::Date{2026, 11, 23});
    INFO(describe(diagnostics));
    const auto* leak = find_diagnostic(diagnostics, "translation is public but notes.md is internal");
    REQUIRE(leak != nullptr);
    CHECK(leak->path == "notes.vi.md");
    CHECK(leak->severity == Severity::error);
    const auto* type = find_diagnostic(diagnostics, "translation is a howto but other.md is a faq");
    REQUIRE(type != nullptr);
    CHECK(type->severity == Severity::warning);
}

TEST_CASE("check warns when public text links to an internal or draft article", "[check][links][site]") {
    KbBuilder kb;
    kb.add("public.md",
           "+++\ntitle = \"Public\"\n+++\n"
           "See [the secret](secret.md), [the draft](draft.md) and [the other](other.md).\n"
           "## Internal notes\n"
           "Agents: [the secret again](secret.md).\n")
        .add("secret.md", "+++\ntitle = \"Secret\"\nvisibility = \"internal\"\n+++\n## X\nText.\n")
        .add("draft.md", "+++\ntitle = \"Draft\"\ndraft = true\n+++\nText.\n")
        .add("other.md", "+++\ntitle = \"Other\"\n+++\nText.\n")
        .add("agents.md",
             "+++\ntitle = \"Agents only\"\nvisibility = \"internal\"\n+++\nSee [the secret](secret.md).\n");
    const auto diagnostics = kb.check();
    INFO(describe(diagnostics));
    CHECK(count_diagnostics(diagnostics, "the site shows the link as plain text") == 2);
    const Diagnostic* internal = find_diagnostic(diagnostics, "links to an internal article");
    REQUIRE(internal != nullptr);
    CHECK(internal->path == "public.md");
    CHECK(internal->severity == Severity::warning);
    CHECK(internal->line == 4);
    CHECK(internal->column == 5);
    const Diagnostic* draft = find_diagnostic(diagnostics, "links to a draft");
    REQUIRE(draft != nullptr);
    CHECK(draft->path == "public.md");
}

TEST_CASE("check warns about a link written from the KB root in public text", "[check][site]") {
    KbBuilder kb;
    kb.add("public/x.md", "+++\ntitle = \"X\"\n+++\nText.\n")
        .add("sub/y.md", "+++\ntitle = \"Y\"\n+++\nSee [x](/public/x.md#a) now.\n")
        .add("sub/agents.md", "+++\ntitle = \"Z\"\nvisibility = \"internal\"\n+++\nSee [x](/public/x.md).\n");
    const auto diagnostics = kb.check();
    INFO(describe(diagnostics));
    REQUIRE(count_diagnostics(diagnostics, "written from the knowledge base's root") == 1);
    const Diagnostic* d =
        find_diagnostic(diagnostics, "link to /public/x.md#a is written from the knowledge base's root");
    REQUIRE(d != nullptr);
    CHECK(d->path == "sub/y.md");
    CHECK(d->line == 4);
    CHECK(d->column == 5);
    CHECK(d->severity == Severity::warning);
    CHECK(count_diagnostics(diagnostics, "broken link") == 0);
}

TEST_CASE("check warns once when [site] has no base URL", "[check][site]") {
    KbBuilder without("[kb]\ntitle = \"KB\"\n\n[site]\nfooter = \"x\"\n");
    const auto diagnostics = without.check();
    INFO(describe(diagnostics));
    REQUIRE(count_diagnostics(diagnostics, "no base URL") == 1);
    const Diagnostic* d = find_diagnostic(diagnostics, "no base URL");
    CHECK(d->path == "faqt.toml");
    CHECK(d->line == 4);
    CHECK(d->severity == Severity::warning);

    KbBuilder kb_url("[kb]\nbase_url = \"https://h.example/\"\n[site]\nfooter = \"x\"\n");
    CHECK(count_diagnostics(kb_url.check(), "no base URL") == 0);
    KbBuilder site_url("[site]\nbase_url = \"https://h.example/\"\n");
    CHECK(count_diagnostics(site_url.check(), "no base URL") == 0);
    KbBuilder no_site("[kb]\ntitle = \"KB\"\n");
    CHECK(count_diagnostics(no_site.check(), "no base URL") == 0);
}

TEST_CASE("check warns about a former id that is another article's id", "[check][site]") {
    KbBuilder kb;
    kb.add("a.md", "+++\ntitle = \"A\"\nformer_ids = [\"b\", \"old-a\"]\n+++\nText.\n")
        .add("b.md", "+++\ntitle = \"B\"\n+++\nText.\n");
    const auto diagnostics = kb.check();
    INFO(describe(diagnostics));
    REQUIRE(count_diagnostics(diagnostics, "former id") == 1);
    const Diagnostic* d = find_diagnostic(diagnostics, "former id 'b'");
    REQUIRE(d != nullptr);
    CHECK(d->path == "a.md");
    CHECK(d->line == 3);
    CHECK(d->severity == Severity::warning);
}
