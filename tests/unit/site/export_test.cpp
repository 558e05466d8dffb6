#include "site/export.hpp"
#include "content/text.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <regex>

#include "site/paths.hpp"
#include "site/sha256.hpp"
#include "site_fixture.hpp"

using namespace faqt;
using faqt::test::export_kb;
using faqt::test::ExportedSite;
using faqt::test::TempKb;

namespace {

const std::filesystem::path k_helpdesk = std::filesystem::path(FAQT_SOURCE_DIR) / "examples/helpdesk";

const char* const k_config = R"(
[kb]
title = "Test Help"
default_lang = "en"

[site]
base_url = "https://help.example/kb/"
footer = "Service Desk, ext. 1234"

[[categories]]
id = "network/vpn"
name = "VPN"
description = "Remote access."
)";

// Every kind of link, an internal section, an internal article, a draft and
// an internal translation, each internal thing with a phrase of its own.
std::map<std::string, std::string> fixture_files() {
    return {
        {"faqt.toml", k_config},
        {"network/vpn-drops.md", R"(+++
title = "VPN drops"
summary = "The tunnel drops every 10 minutes."
type = "known-error"
status = "workaround"
categories = ["network/vpn"]
tags = ["vpn"]
products = ["VPN Client"]
affected_versions = ["4.2"]
updated = 2026-11-20
+++

See [setup](vpn-setup.md#install), [notes](internal-notes.md), [gone](missing.md),
[outside](../../outside.md), [web](https://example.com/), [bad](javascript:alert(1)).

[!INCLUDE [note](../includes/note.md)]

![router](img/router.png) and ![remote](https://cdn.example.com/x.png) and ![again](img/router.png)

> [!WARNING]
> Save your work first.

## Workaround

Untick DTLS.

## Internal notes

PHRASE-INTERNAL-SECTION escalate to network team.
)"},
        {"network/vpn-setup.md", R"(+++
title = "Set up the VPN"
categories = ["network/vpn"]
tags = ["vpn"]
updated = 2026-10-01
+++

## Install

Install VPN Client.
)"},
        {"network/vpn-setup.vi.md", R"(+++
title = "Cài đặt VPN"
categories = ["network/vpn"]
+++

## Install

Cài VPN Client.
)"},
        {"network/wifi.md", R"(+++
title = "Wi-Fi"
categories = ["network/wifi"]
updated = 2026-09-01
+++

Join the network. Back to [the VPN](vpn-drops.md).
)"},
        {"network/img/router.png", "PNG"},
        {"network/img/unused.png", "PNG"},
        {"internal-notes.md", R"(+++
title = "PHRASE-INTERNAL-TITLE"
summary = "PHRASE-INTERNAL-SUMMARY"
visibility = "internal"
tags = ["PHRASE-INTERNAL-TAG"]
+++

PHRASE-INTERNAL-BODY ![x](network/img/unused.png)
)"},
        {"draft.md", R"(+++
title = "PHRASE-DRAFT-TITLE"
draft = true
+++

PHRASE-DRAFT-BODY
)"},
        {"internal-notes.vi.md", R"(+++
title = "PHRASE-INTERNAL-TRANSLATION"
+++

PHRASE-INTERNAL-TRANSLATION-BODY
)"},
    };
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

const Diagnostic* warning_about(const SiteReport& report, std::string_view part) {
    for (const Diagnostic& d : report.diagnostics) {
        if (contains(d.message, part)) {
            return &d;
        }
    }
    return nullptr;
}

}  // namespace

// Not run by default: writes the example site to $FAQT_SITE_OUT to look at.
TEST_CASE("dump the example site", "[.dump]") {
    const char* out = std::getenv("FAQT_SITE_OUT");
    REQUIRE(out != nullptr);
    const char* kb = std::getenv("FAQT_SITE_KB");
    auto site = export_kb(kb != nullptr ? std::filesystem::path(kb) : k_helpdesk);
    for (const auto& [path, file] : site.files) {
        auto target = std::filesystem::path(out) / path;
        std::filesystem::create_directories(target.parent_path());
        if (!file.copy_from.empty()) {
            std::filesystem::copy_file(file.copy_from, target, std::filesystem::copy_options::overwrite_existing);
        } else {
            std::ofstream(target, std::ios::binary) << file.content;
        }
    }
    for (const auto& d : site.report.diagnostics) {
        WARN(d.path << ":" << d.line << ":" << d.column << ": " << d.message);
    }
}

TEST_CASE("the example site has every kind of page") {
    auto site = export_kb(k_helpdesk);
    for (const char* path :
         {"index.html", "search.html", "404.html", "categories/index.html", "tags/index.html", "faq/index.html",
          "known-issues/index.html", "known-issues/vpn-client/index.html", "categories/network/vpn/index.html",
          "vi/index.html", "vi/articles/network/vpn-drops/index.html", "assets/style.css", "assets/search.js"}) {
        INFO(path);
        CHECK(site.files.contains(path));
    }
    CHECK(site.report.articles > 10);
    CHECK(site.files.contains("articles/network/vpn-drops/index.html"));
}

TEST_CASE("links of an article lead to pages, files or plain text, with warnings at their line") {
    TempKb kb(fixture_files());
    auto site = export_kb(kb.root());
    const std::string& page = site.page("articles/network/vpn-drops/index.html");
    REQUIRE_FALSE(page.empty());
    CHECK(contains(page, R"(<a href="../vpn-setup/index.html#install">setup</a>)"));
    CHECK(contains(page, "notes, gone,"));  // internal and missing: text, no link
    CHECK(contains(page, "\noutside, <a href=\"https://example.com/\">web</a>, bad."));
    CHECK(contains(page, R"(<img src="../../../files/network/img/router.png" alt="router")"));
    CHECK(contains(page, "and remote and"));  // external image: its alt text
    CHECK_FALSE(contains(page, "cdn.example.com"));
    CHECK_FALSE(contains(page, "javascript:"));

    const Diagnostic* internal = warning_about(site.report, "link to internal-notes.md");
    REQUIRE(internal != nullptr);
    CHECK(internal->path == "network/vpn-drops.md");
    CHECK(internal->line == 13);
    CHECK(internal->column == 36);
    CHECK(internal->severity == Severity::warning);
    CHECK(internal->message == "link to internal-notes.md: not a public article; written as plain text");
    CHECK(warning_about(site.report, "link to missing.md") != nullptr);
    CHECK(warning_about(site.report, "includes/note.md") == nullptr);  // a docs include: not shown, no warning
    CHECK(warning_about(site.report, "../../outside.md leads out of the knowledge base") != nullptr);
    const Diagnostic* remote = warning_about(site.report, "image https://cdn.example.com/x.png is outside the site");
    REQUIRE(remote != nullptr);
    CHECK(remote->line == 18);
    CHECK(remote->column == 31);
    const Diagnostic* script = warning_about(site.report, "link to javascript:alert(1): unsafe URL scheme");
    REQUIRE(script != nullptr);
    CHECK(script->line == 14);

    // Files are copied once, and only those public text links to.
    REQUIRE(site.files.contains("files/network/img/router.png"));
    CHECK(site.files.at("files/network/img/router.png").copy_from == (kb.root() / "network/img/router.png").string());
    CHECK(std::count(site.order.begin(), site.order.end(), "files/network/img/router.png") == 1);
    CHECK_FALSE(site.files.contains("files/network/img/unused.png"));
}

TEST_CASE("no page of the example site links to a feed it does not have") {
    auto site = export_kb(k_helpdesk);
    const std::regex feed_link(R"re(href="([^"]*\.xml)")re");
    int links = 0;
    for (const auto& [path, file] : site.files) {
        if (!path.ends_with(".html")) {
            continue;
        }
        for (std::sregex_iterator it(file.content.begin(), file.content.end(), feed_link), end; it != end; ++it) {
            std::string target = (*it)[1];
            std::filesystem::path resolved;
            if (target.starts_with("https://")) {
                resolved = target.substr(target.find('/', 8) + 1);
            } else {
                resolved = (std::filesystem::path(path).parent_path() / target).lexically_normal();
            }
            INFO(path << " links to " << target);
            CHECK(site.files.contains(resolved.generic_string()));
            ++links;
        }
    }
    CHECK(links > 100);
    CHECK(site.files.contains("vi/feeds/vpn-client.xml"));
}

TEST_CASE("a link from the KB root is plain text, with a warning at its line") {
    TempKb kb({{"faqt.toml", "[kb]\ntitle = \"T\"\n"},
               {"public/x.md", "+++\ntitle = \"X\"\n+++\nText.\n"},
               {"sub/y.md", "+++\ntitle = \"Y\"\n+++\nSee [the x page](/public/x.md) now.\n"}});
    auto site = export_kb(kb.root());
    const std::string& page = site.page("articles/sub/y/index.html");
    REQUIRE_FALSE(page.empty());
    CHECK(contains(page, "See the x page now."));
    const Diagnostic* d = warning_about(site.report, "link to /public/x.md");
    REQUIRE(d != nullptr);
    CHECK(d->path == "sub/y.md");
    CHECK(d->line == 4);
    CHECK(d->column == 5);
}

TEST_CASE("a duplicate id is warned about at the line of its id") {
    TempKb kb({{"faqt.toml", "[kb]\ntitle = \"T\"\n"},
               {"a.md", "+++\ntitle = \"A\"\nid = \"same\"\n+++\nText.\n"},
               {"b.md", "+++\ntitle = \"B\"\n\nid = \"same\"\n+++\nText.\n"}});
    auto site = export_kb(kb.root());
    const Diagnostic* d = warning_about(site.report, "another article has id same");
    REQUIRE(d != nullptr);
    CHECK(d->path == "b.md");
    CHECK(d->line == 4);
}

TEST_CASE("a link from a translation leads to the translation when there is one") {
    TempKb kb(fixture_files());
    auto site = export_kb(kb.root());
    // The Vietnamese lists show the Vietnamese setup article and the English
    // VPN article, each at its own page.
    const std::string& home = site.page("vi/index.html");
    CHECK(contains(home, R"(href="articles/network/vpn-setup/index.html")"));
    CHECK(contains(home, R"(href="../articles/network/vpn-drops/index.html" hreflang="en" lang="en")"));
    const std::string& setup = site.page("vi/articles/network/vpn-setup/index.html");
    CHECK(contains(
        setup,
        R"(<link rel="alternate" hreflang="en" href="https://help.example/kb/articles/network/vpn-setup/index.html">)"));
    CHECK(contains(setup, R"(<html lang="vi">)"));
    CHECK(contains(setup, "Tìm kiếm"));
}

TEST_CASE("nothing internal reaches any file of the site") {
    TempKb kb(fixture_files());
    auto site = export_kb(kb.root());
    for (const auto& [path, file] : site.files) {
        for (const char* phrase : {"PHRASE-INTERNAL-SECTION", "PHRASE-INTERNAL-TITLE", "PHRASE-INTERNAL-SUMMARY",
                                   "PHRASE-INTERNAL-TAG", "PHRASE-INTERNAL-BODY", "PHRASE-DRAFT-TITLE",
                                   "PHRASE-DRAFT-BODY", "PHRASE-INTERNAL-TRANSLATION", "Internal notes"}) {
            INFO(path << " " << phrase);
            CHECK_FALSE(contains(file.content, phrase));
            CHECK_FALSE(contains(file.copy_from, "internal"));
        }
    }
    CHECK_FALSE(site.files.contains("articles/internal-notes/index.html"));
    CHECK_FALSE(site.files.contains("vi/articles/internal-notes/index.html"));
    CHECK_FALSE(site.files.contains("articles/draft/index.html"));
}

TEST_CASE("every page is a whole HTML document that loads nothing from outside the site") {
    TempKb kb(fixture_files());
    auto site = export_kb(kb.root());
    int pages = 0;
    const std::regex external_resource(R"((src|href)="(https?:)?//[^"]*")");
    for (const auto& [path, file] : site.files) {
        if (!path.ends_with(".html")) {
            continue;
        }
        ++pages;
        INFO(path);
        CHECK(file.content.starts_with("<!DOCTYPE html>\n<html lang=\""));
        CHECK(contains(file.content, "<meta charset=\"utf-8\">"));
        CHECK(contains(file.content, "<meta name=\"viewport\""));
        CHECK(contains(file.content,
                       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; "
                       "img-src 'self'; style-src 'self'"));
        CHECK(contains(file.content, "; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'\">"));
        CHECK((path == "404.html" || contains(file.content, "style-src 'self'; script-src")));
        CHECK(contains(file.content, "<a class=\"skip-link\" href=\"#main\">"));
        CHECK(contains(file.content, "<main id=\"main\""));
        CHECK(contains(file.content, "<label for=\"q\">"));
        CHECK(contains(file.content, "Service Desk, ext. 1234"));
        // One h1 a page.
        CHECK(std::count(file.content.begin(), file.content.end(), '\n') > 10);
        std::size_t h1 = 0;
        for (std::size_t at = 0; (at = file.content.find("<h1", at)) != std::string::npos; ++at) {
            ++h1;
        }
        CHECK(h1 == 1);
        // No inline script: only JSON-LD data and the search script file.
        for (std::size_t at = 0; (at = file.content.find("<script", at)) != std::string::npos; ++at) {
            const std::string tag = file.content.substr(at, file.content.find('>', at) - at);
            CHECK((tag == "<script type=\"application/ld+json\"" || tag.starts_with("<script src=\"")));
        }
        // Only links (a, canonical, alternates) may be absolute; never a
        // resource.
        for (auto it = std::sregex_iterator(file.content.begin(), file.content.end(), external_resource);
             it != std::sregex_iterator(); ++it) {
            const std::size_t at = static_cast<std::size_t>(it->position());
            const std::size_t open = file.content.rfind('<', at);
            const std::string tag = file.content.substr(open, at - open);
            INFO(tag << it->str());
            CHECK((tag.starts_with("<a ") || tag.starts_with("<link rel=\"canonical\"") ||
                   tag.starts_with("<link rel=\"alternate\"") || path == "404.html"));
        }
    }
    CHECK(pages > 10);
}

TEST_CASE("the known-error page has its box, callout and related articles") {
    TempKb kb(fixture_files());
    auto site = export_kb(kb.root());
    const std::string& page = site.page("articles/network/vpn-drops/index.html");
    CHECK(contains(page, R"(<span class="badge status-workaround">Workaround available</span>)"));
    CHECK(contains(page, R"(<a href="../../../known-issues/vpn-client/index.html">VPN Client</a>)"));
    CHECK(contains(page, R"(<p class="workaround-link"><a href="#workaround">Workaround</a></p>)"));
    CHECK(contains(page, R"(<h2 id="workaround">Workaround</h2>)"));
    CHECK(contains(page, R"(<div class="callout callout-warning" role="note">)"));
    CHECK(contains(page,
                   R"(<link rel="canonical" href="https://help.example/kb/articles/network/vpn-drops/index.html">)"));
    CHECK(contains(page, R"(<time datetime="2026-11-20">2026-11-20</time>)"));
    CHECK(contains(page, R"(<a href="../../../categories/network/vpn/index.html">VPN</a>)"));
    // Related: same category first.
    const std::size_t related = page.find("related-heading");
    REQUIRE(related != std::string::npos);
    CHECK(page.find("../vpn-setup/index.html", related) != std::string::npos);
    CHECK(page.find("../wifi/index.html", related) == std::string::npos);
}

TEST_CASE("the known-issues page and the FAQ page") {
    TempKb kb(fixture_files());
    auto site = export_kb(kb.root());
    const std::string& issues = site.page("known-issues/index.html");
    CHECK(contains(issues, "<caption id=\"known-issues-caption\">Known issues</caption>"));
    CHECK(contains(issues, "<th scope=\"col\">Fixed in</th>"));
    CHECK(contains(issues, R"(<a href="../articles/network/vpn-drops/index.html#workaround">Workaround)"));
    CHECK(site.files.contains("known-issues/vpn-client/index.html"));

    const std::string& faq = site.page("faq/index.html");
    CHECK(contains(faq,
                   "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"FAQPage\""));
    CHECK(contains(faq, "\"name\":\"Set up the VPN\""));
    CHECK_FALSE(contains(faq, "\"name\":\"VPN drops\""));  // a known error is no FAQ
    // The answer: the summary, else the start of the text.
    CHECK(contains(faq, "<p class=\"faq-answer\">Install VPN Client.</p>"));
    CHECK(contains(faq, "\"text\":\"Install VPN Client.\""));
}

TEST_CASE("JSON-LD cannot end its script element early") {
    auto files = fixture_files();
    files["network/wifi.md"] = "+++\ntitle = \"</script><script>alert(1)</script>\"\n+++\n\nx <!-- y\n";
    TempKb kb(files);
    auto site = export_kb(kb.root());
    const std::string& faq = site.page("faq/index.html");
    const std::size_t start = faq.find("<script type=\"application/ld+json\">");
    REQUIRE(start != std::string::npos);
    const std::size_t end = faq.find("</script>", start);
    const std::string json = faq.substr(start, end - start);
    CHECK(contains(json, "\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"));
    CHECK(faq.find("<script>") == std::string::npos);
}

TEST_CASE("the 404 page links from any depth") {
    TempKb kb(fixture_files());
    auto with_base = export_kb(kb.root());
    // No stylesheet link, which would break below the root or load from
    // the base URL: the theme's CSS in the page, allowed by its hash.
    const std::string& page = with_base.page("404.html");
    CHECK_FALSE(contains(page, "style.css"));
    const std::string css = with_base.page("assets/style.css");
    CHECK(contains(page, "<style>" + css + "</style>"));
    CHECK(contains(page, "style-src 'self' '" + csp_hash(css) + "';"));
    CHECK(contains(with_base.page("404.html"), R"(<a href="https://help.example/kb/faq/index.html">)"));

    auto files = fixture_files();
    files["faqt.toml"] = "[kb]\ntitle = \"T\"\n";
    TempKb plain(files);
    auto without = export_kb(plain.root());
    CHECK(contains(without.page("404.html"), R"(<a href="faq/index.html">)"));
    CHECK_FALSE(contains(without.page("index.html"), "rel=\"canonical\""));
    int warnings = 0;
    for (const Diagnostic& d : without.report.diagnostics) {
        if (contains(d.message, "no base URL")) {
            ++warnings;
            CHECK(d.path == "faqt.toml");
        }
    }
    CHECK(warnings == 1);
    CHECK(warning_about(with_base.report, "no base URL") == nullptr);
}

TEST_CASE("the search box finds its language's index and the engine relative to the page") {
    auto site = export_kb(k_helpdesk);
    // The word rules load first, when the theme has them apart.
    bool text_rules = false;
    for (const ThemeFile& file : default_theme()) {
        text_rules = text_rules || file.path == "assets/search-text.js";
    }
    const std::string text = text_rules ? "assets/search-text.js " : "";
    const std::string& home = site.page("index.html");
    CHECK(contains(home, R"(data-index="search/" data-engine=")" + text + R"(assets/search-core.js" data-lang="en")"));
    CHECK(contains(home, R"(<script src="assets/search.js"></script>)"));
    const std::string& article = site.page("articles/network/vpn-drops/index.html");
    const std::string up = "../../../";
    CHECK(contains(article, R"(data-index="../../../search/" data-engine=")" + (text_rules ? up + text : "") + up +
                                "assets/search-core.js\""));
    const std::string& translation = site.page("vi/articles/network/vpn-drops/index.html");
    CHECK(contains(translation, R"(data-index="../../../search/" data-engine="../../../../assets/search-)"));
    // The page's words in its language ("{" escaped so Mustache leaves it).
    CHECK(contains(translation, R"(data-s-no-results="Không có kết quả cho “&#123;q}”.")"));
    CHECK(contains(site.page("pl/search.html"), R"(data-index="search/" data-engine="../assets/search-)"));
    // 404.html, at any address, has a form that only sends the words on.
    const std::string& not_found = site.page("404.html");
    CHECK(contains(not_found, "<label for=\"q\">"));
    CHECK_FALSE(contains(not_found, "data-index"));
    CHECK_FALSE(contains(not_found, "search.js"));
    // Without JavaScript, search.html says how to browse.
    CHECK(contains(site.page("search.html"), R"(<a href="categories/index.html">Browse the categories</a>)"));
}

TEST_CASE("the same KB exports the same files, byte for byte, in the same order") {
    TempKb kb(fixture_files());
    auto first = export_kb(kb.root());
    auto second = export_kb(kb.root());
    CHECK(first.order == second.order);
    for (const auto& [path, file] : first.files) {
        INFO(path);
        REQUIRE(second.files.contains(path));
        CHECK(second.files.at(path).content == file.content);
        CHECK(second.files.at(path).input_key == file.input_key);
    }
}

TEST_CASE("an article page whose inputs did not change is not made again") {
    TempKb kb(fixture_files());
    auto first = export_kb(kb.root());
    std::map<std::string, std::string> keys;
    for (const auto& [path, file] : first.files) {
        if (!file.input_key.empty()) {
            keys[path] = file.input_key;
        }
    }
    CHECK(keys.contains("articles/network/vpn-drops/index.html"));
    CHECK(keys.contains("vi/articles/network/vpn-setup/index.html"));

    SiteOptions options;
    options.is_current = [&](std::string_view path, std::string_view key) {
        auto found = keys.find(std::string(path));
        return found != keys.end() && found->second == key;
    };
    auto again = export_kb(kb.root(), options);
    for (const auto& [path, key] : keys) {
        INFO(path);
        CHECK(again.files.at(path).unchanged);
        CHECK(again.files.at(path).content.empty());
    }
    // Pages listing every article are made anyway; warnings and attachments
    // are the same.
    CHECK_FALSE(again.files.at("index.html").content.empty());
    CHECK(again.files.contains("files/network/img/router.png"));
    CHECK(again.report.diagnostics.size() == first.report.diagnostics.size());

    // The body of wifi changes: its page only.
    std::ofstream(kb.root() / "network/wifi.md", std::ios::app) << "\nMore text.\n";
    auto edited = export_kb(kb.root(), options);
    CHECK_FALSE(edited.files.at("articles/network/wifi/index.html").unchanged);
    CHECK(edited.files.at("articles/network/vpn-drops/index.html").unchanged);
    CHECK(edited.files.at("articles/network/vpn-setup/index.html").unchanged);

    // The title of vpn-setup changes: pages that show it (related lists,
    // links' targets are by path) are made again, others not.
    std::string setup;
    {
        std::ifstream in(kb.root() / "network/vpn-setup.md");
        setup.assign(std::istreambuf_iterator<char>(in), {});
    }
    setup.replace(setup.find("Set up the VPN"), 14, "Set up VPN now");
    std::ofstream(kb.root() / "network/vpn-setup.md", std::ios::trunc) << setup;
    auto retitled = export_kb(kb.root(), options);
    CHECK_FALSE(retitled.files.at("articles/network/vpn-setup/index.html").unchanged);
    CHECK_FALSE(retitled.files.at("articles/network/vpn-drops/index.html").unchanged);  // related list
    CHECK(retitled.files.at("vi/articles/network/vpn-setup/index.html").unchanged);

    // Another theme makes every page again.
    TempKb theme(std::map<std::string, std::string>{{"strings/en.txt", "search = Find\n"}});
    options.theme_dir = theme.root();
    auto themed = export_kb(kb.root(), options);
    CHECK_FALSE(themed.files.at("articles/network/vpn-setup/index.html").unchanged);
    CHECK(contains(themed.page("articles/network/vpn-setup/index.html"), ">Find</button>"));
}

TEST_CASE("category tag and product pages whose entries did not change are not made again") {
    TempKb kb(fixture_files());
    auto first = export_kb(kb.root());
    const std::string vpn_category = category_path("", "network/vpn");
    const std::string wifi_category = category_path("", "network/wifi");
    const std::string network_category = category_path("", "network");
    const std::string vpn_tag = tag_path("", "vpn");
    const std::string product = product_path("", "VPN Client");
    std::map<std::string, std::string> keys;
    for (const auto& [path, file] : first.files) {
        if (!file.input_key.empty()) {
            keys[path] = file.input_key;
        }
    }
    for (const std::string& path : {vpn_category, wifi_category, network_category, vpn_tag, product}) {
        INFO(path);
        CHECK(keys.contains(path));
    }
    // Each export is compared with the one before, as the output folder does.
    auto remember = [&](const ExportedSite& site) {
        for (const auto& [path, file] : site.files) {
            if (!file.input_key.empty()) {
                keys[path] = file.input_key;
            }
        }
    };
    SiteOptions options;
    options.is_current = [&](std::string_view path, std::string_view key) {
        auto found = keys.find(std::string(path));
        return found != keys.end() && found->second == key;
    };
    auto again = export_kb(kb.root(), options);
    for (const std::string& path : {vpn_category, wifi_category, network_category, vpn_tag, product}) {
        INFO(path);
        CHECK(again.files.at(path).unchanged);
        CHECK(again.files.at(path).content.empty());
    }
    CHECK(again.report.pages == first.report.pages);

    // A body lists do not show: no list page is made again.
    std::ofstream(kb.root() / "network/wifi.md", std::ios::app) << "\nMore text.\n";
    auto edited = export_kb(kb.root(), options);
    for (const std::string& path : {vpn_category, wifi_category, network_category, vpn_tag, product}) {
        INFO(path);
        CHECK(edited.files.at(path).unchanged);
    }

    auto rewrite = [&](const std::string& file, const std::string& from, const std::string& to) {
        std::string text;
        {
            std::ifstream in(kb.root() / file);
            text.assign(std::istreambuf_iterator<char>(in), {});
        }
        REQUIRE(text.find(from) != std::string::npos);
        text.replace(text.find(from), from.size(), to);
        std::ofstream(kb.root() / file, std::ios::trunc) << text;
    };
    // A title the vpn lists show: their pages only.
    rewrite("network/vpn-setup.md", "Set up the VPN", "Set up VPN now");
    auto retitled = export_kb(kb.root(), options);
    CHECK_FALSE(retitled.files.at(vpn_category).unchanged);
    CHECK(contains(retitled.page(vpn_category), "Set up VPN now"));
    CHECK_FALSE(retitled.files.at(vpn_tag).unchanged);
    CHECK(contains(retitled.page(vpn_tag), "Set up VPN now"));
    CHECK(retitled.files.at(wifi_category).unchanged);
    CHECK(retitled.files.at(product).unchanged);  // not a known error

    remember(retitled);
    // A known error's status: the product page and the lists with its badge.
    rewrite("network/vpn-drops.md", "status = \"workaround\"", "status = \"fixed\"");
    auto fixed = export_kb(kb.root(), options);
    remember(fixed);
    CHECK_FALSE(fixed.files.at(product).unchanged);
    CHECK_FALSE(fixed.files.at(vpn_tag).unchanged);
    CHECK(fixed.files.at(wifi_category).unchanged);

    // A new article in network/wifi: its category, and the parent whose
    // tree counts it.
    std::ofstream(kb.root() / "network/wifi-2.md")
        << "+++\ntitle = \"Wi-Fi 2\"\ncategories = [\"network/wifi\"]\n+++\nText.\n";
    auto added = export_kb(kb.root(), options);
    CHECK_FALSE(added.files.at(wifi_category).unchanged);
    CHECK_FALSE(added.files.at(network_category).unchanged);
    CHECK(added.files.at(vpn_category).unchanged);
}

TEST_CASE("a theme template that does not parse is a warning and the built-in one is used") {
    TempKb kb(fixture_files());
    TempKb theme(std::map<std::string, std::string>{{"templates/home.mustache", "{{#broken}}"}});
    SiteOptions options;
    options.theme_dir = theme.root();
    auto site = export_kb(kb.root(), options);
    CHECK(warning_about(site.report, "theme template does not parse") != nullptr);
    CHECK(contains(site.page("index.html"), "<h1>Test Help</h1>"));
}

TEST_CASE("theme partials that include one another without end stop, with a warning") {
    TempKb kb(fixture_files());
    TempKb theme(std::map<std::string, std::string>{{"partials/foot.mustache", "<footer>{{> loop}}</footer>"},
                                                    {"partials/loop.mustache", "x{{> foot}}"}});
    SiteOptions options;
    options.theme_dir = theme.root();
    auto site = export_kb(kb.root(), options);
    CHECK(warning_about(site.report, "include one another without end") != nullptr);
    CHECK(contains(site.page("index.html"), "<h1>Test Help</h1>"));
}

TEST_CASE("a theme file that is not UTF-8 is a warning and the built-in one is used") {
    TempKb kb(fixture_files());
    TempKb theme(std::map<std::string, std::string>{{"partials/foot.mustache", "<footer>\xff\xfe</footer>"}});
    SiteOptions options;
    options.theme_dir = theme.root();
    auto site = export_kb(kb.root(), options);
    CHECK(warning_about(site.report, "not UTF-8") != nullptr);
    CHECK(faqt::is_valid_utf8(site.page("index.html")));
}

TEST_CASE("an article in a language the site cannot have is not exported, with a warning") {
    auto files = fixture_files();
    files["odd.md"] = "+++\ntitle = \"Odd\"\nlang = \"index.html\"\n+++\nText.\n";
    TempKb kb(files);
    auto site = export_kb(kb.root());
    CHECK(warning_about(site.report, "language 'index.html' is not one of the site's languages") != nullptr);
    CHECK(site.page("index.html").find("Odd") == std::string::npos);
}

TEST_CASE("a category with no public article in or below it has no page and is in no list") {
    auto files = fixture_files();
    files["faqt.toml"] = std::string(k_config) +
                         "\n[[categories]]\nid = \"security/incidents\"\nname = \"Incident response\"\n"
                         "\n[[categories]]\nid = \"facilities\"\nname = \"Facilities\"\n";
    files["security/ir.md"] =
        "+++\ntitle = \"IR runbook\"\nvisibility = \"internal\"\ncategories = [\"security/incidents\"]\n+++\nText.\n";
    TempKb kb(files);
    auto site = export_kb(kb.root());
    for (const auto& [path, file] : site.files) {
        INFO(path);
        CHECK_FALSE(contains(file.content, "Incident response"));
        CHECK_FALSE(contains(file.content, "Facilities"));
        CHECK_FALSE(path.starts_with("categories/security"));
        CHECK_FALSE(path.starts_with("categories/facilities"));
    }
    CHECK(site.files.contains("categories/network/vpn/index.html"));
    CHECK(site.files.contains("categories/network/index.html"));
}

TEST_CASE("headings inside an article make one outline under its h1, each with an anchor") {
    auto files = fixture_files();
    files["network/wifi.md"] =
        "+++\ntitle = \"Wi-Fi\"\n+++\n\nIntro.\n\n### Deep `code` heading\n\nText.\n\n## Steps\n\n##### Five\n\n"
        "<h6>Raw six</h6>\n\nSee [five](#five).\n";
    TempKb kb(files);
    auto site = export_kb(kb.root());
    const std::string& page = site.page("articles/network/wifi/index.html");
    CHECK(contains(page, "<h2 id=\"deep-code-heading\">Deep <code>code</code> heading</h2>"));
    CHECK(contains(page, "<h2 id=\"steps\">Steps</h2>"));
    CHECK(contains(page, "<h3 id=\"five\">Five</h3>"));
    CHECK(contains(page, "<h4 id=\"raw-six\">Raw six</h4>"));
    CHECK(contains(page, "<a href=\"#five\">five</a>"));
}

TEST_CASE("known issues list the critical ones first, with a worded severity badge") {
    auto files = fixture_files();
    auto& drops = files.at("network/vpn-drops.md");
    drops.insert(drops.find("type = \"known-error\"\n") + 21, "severity = \"low\"\n");
    // Older than vpn-drops, so only its severity can put it first.
    files["network/vpn-outage.md"] =
        "+++\ntitle = \"VPN gateway down\"\ntype = \"known-error\"\nstatus = \"investigating\"\n"
        "severity = \"critical\"\ncategories = [\"network/vpn\"]\nproducts = [\"VPN Client\"]\n"
        "updated = 2026-01-05\n+++\n\n## Symptoms\n\nNo tunnel.\n\n## Workaround\n\nWait.\n";
    TempKb kb(files);
    auto site = export_kb(kb.root());
    const std::string& issues = site.page("known-issues/index.html");
    CHECK(contains(issues, "<th scope=\"col\">Severity</th>"));
    const std::size_t critical = issues.find(R"(<span class="badge severity-critical">Critical</span>)");
    const std::size_t low = issues.find(R"(<span class="badge severity-low">Low</span>)");
    REQUIRE(critical != std::string::npos);
    REQUIRE(low != std::string::npos);
    CHECK(critical < low);
    const std::string& page = site.page("articles/network/vpn-drops/index.html");
    CHECK(contains(page, "<dt>Severity</dt>\n<dd><span class=\"badge severity-low\">Low</span></dd>"));
}

TEST_CASE("a public flow's page is a troubleshooter: steps as anchors, plain links, contact support") {
    const std::string steps =
        "## Steps\n\n"
        "1. Is it on? — yes: step 2 — no: [Fix](fix.md) — unsure: escalate l2-secret\n"
        "2. Does it print? — yes: resolved — no: step 3\n"
        "3. {internal} Check the secretconsole. — ok: resolved\n";
    for (const bool mail : {true, false}) {
        TempKb kb({{"faqt.toml", std::string("[site]\n") + (mail ? "contact_url = \"mailto:help@example.org\"\n" : "") +
                                     "footer = \"Call 4357\"\n[[escalation]]\nid = \"l2-secret\"\nname = "
                                     "\"Secret group\"\ncodes = [\"SEC-9\"]\ncontact = \"secret@example.org\"\n"},
                   {"flow.md", "+++\ntitle = \"Printer & paper\"\ntype = \"flow\"\n+++\nIntro.\n\n" + steps},
                   {"fix.md", "+++\ntitle = \"Fix\"\n+++\nText.\n"}});
        auto site = export_kb(kb.root());
        const std::string& page = site.page("articles/flow/index.html");
        REQUIRE_FALSE(page.empty());
        CHECK(contains(page, R"(<div class="flow-step flow-first" id="step-1">)"));
        CHECK(contains(page, R"(<div class="flow-step" id="step-2">)"));
        CHECK_FALSE(contains(page, "id=\"step-3\""));
        CHECK(contains(page, R"(<li><a href="#step-2">yes</a></li>)"));
        CHECK(contains(page, R"(<li><a href="../fix/index.html">no</a></li>)"));
        CHECK(contains(page, R"(<li><a href="#contact">unsure</a></li>)"));
        CHECK(contains(page, R"(<li><a href="#solved">yes</a></li>)"));
        CHECK(contains(page, R"(<li><a href="#contact">no</a></li>)"));  // to the internal step
        CHECK(contains(page, R"(<script src="../../assets/troubleshooter.js"></script>)"));
        CHECK_FALSE(contains(page, "<li>Is it on"));  // the steps are not also a list
        for (const char* secret : {"secretconsole", "l2-secret", "Secret group", "SEC-9", "secret@"}) {
            CHECK_FALSE(contains(page, secret));
        }
        if (mail) {
            CHECK(contains(page,
                           "href=\"mailto:help@example.org?subject=Printer%20%26%20paper&amp;body="
                           "Printer%20%26%20paper\""));
        } else {
            CHECK(contains(page, "<p>Call 4357</p>\n<p><a href=\"#step-1\">"));
        }
        CHECK_FALSE(contains(site.page("articles/fix/index.html"), "troubleshooter.js"));
    }
}
