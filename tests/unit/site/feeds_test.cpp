#include "site/feeds.hpp"

#include <set>

#include "tests/unit/content/test_support.hpp"

using faqt::ArticleType;
using faqt::Date;
using faqt::PublishedArticle;
using faqt::SiteFile;
using faqt::SiteOptions;

namespace {

PublishedArticle known_error(std::string id, std::string lang, std::optional<Date> updated,
                             std::vector<std::string> products) {
    PublishedArticle a;
    a.id = std::move(id);
    a.path = a.id + ".md";
    a.lang = std::move(lang);
    a.title = "Title of " + a.id;
    a.summary = "Summary of " + a.id;
    a.type = ArticleType::known_error;
    a.status = "workaround";
    a.updated = updated;
    a.products = std::move(products);
    return a;
}

const SiteFile* find(const std::vector<SiteFile>& files, std::string_view path) {
    for (const auto& f : files) {
        if (f.path == path) {
            return &f;
        }
    }
    return nullptr;
}

}  // namespace

TEST_CASE("feeds: none without a base URL, and one warning") {
    auto config = faqt::test::make_config("[kb]\ntitle = \"KB\"\n");
    faqt::Diagnostics diagnostics;
    auto files = faqt::make_feeds(config, {known_error("a", "en", Date{2026, 1, 2}, {"VPN"})}, {}, diagnostics);
    CHECK(files.empty());
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].severity == faqt::Severity::warning);
    CHECK(diagnostics[0].message.find("base URL") != std::string::npos);
}

TEST_CASE("feeds: Atom for the KB and per product, newest first, dated by the articles") {
    auto config = faqt::test::make_config("[kb]\ntitle = \"Help & <Co>\"\nbase_url = \"https://help.example/kb\"\n");
    PublishedArticle faq;
    faq.id = "faq/one";
    faq.lang = "en";
    faq.title = "A FAQ";
    faq.updated = Date{2027, 1, 1};
    SiteOptions options;
    options.file_dates["net/undated.md"] = Date{2026, 3, 4};
    std::vector<PublishedArticle> articles = {
        known_error("net/old", "en", Date{2026, 1, 2}, {"VPN Client"}),
        known_error("net/new", "en", Date{2026, 5, 6}, {"VPN Client", "Mail"}),
        known_error("net/undated", "en", std::nullopt, {}),
        faq,
    };
    articles[1].title = "Drops <every> 10 \"minutes\" & more\x01";
    faqt::Diagnostics diagnostics;
    auto files = faqt::make_feeds(config, articles, options, diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(files.size() == 3);
    const SiteFile* all = find(files, "feeds/known-issues.xml");
    REQUIRE(all != nullptr);
    const std::string& xml = all->content;
    CHECK(xml.find("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">") != std::string::npos);
    CHECK(xml.find("<id>https://help.example/kb/feeds/known-issues.xml</id>") != std::string::npos);
    CHECK(xml.find("<title>Help &amp; &lt;Co&gt;: known issues</title>") != std::string::npos);
    // The newest entry's date, not the FAQ's and never today's.
    CHECK(xml.find("  <updated>2026-05-06T00:00:00Z</updated>") != std::string::npos);
    CHECK(xml.find("<id>https://help.example/kb/articles/net/new/index.html</id>") != std::string::npos);
    CHECK(xml.find("Drops &lt;every&gt; 10 \"minutes\" &amp; more</title>") != std::string::npos);
    CHECK(xml.find('\x01') == std::string::npos);
    CHECK(xml.find("<updated>2026-03-04T00:00:00Z</updated>") != std::string::npos);  // file date
    CHECK(xml.find("A FAQ") == std::string::npos);
    const auto at_new = xml.find("net/new");
    const auto at_undated = xml.find("net/undated");
    const auto at_old = xml.find("net/old");
    CHECK(at_new < at_undated);
    CHECK(at_undated < at_old);

    const SiteFile* vpn = find(files, "feeds/vpn-client.xml");
    REQUIRE(vpn != nullptr);
    CHECK(vpn->content.find("net/old") != std::string::npos);
    CHECK(vpn->content.find("net/new") != std::string::npos);
    CHECK(vpn->content.find("net/undated") == std::string::npos);
    CHECK(vpn->content.find("<link rel=\"alternate\" type=\"text/html\" "
                            "href=\"https://help.example/kb/known-issues/vpn-client/index.html\"/>") !=
          std::string::npos);
    const SiteFile* mail = find(files, "feeds/mail.xml");
    REQUIRE(mail != nullptr);
    CHECK(mail->content.find("net/old") == std::string::npos);

    // The same input, the same bytes.
    faqt::Diagnostics again;
    auto second = faqt::make_feeds(config, articles, options, again);
    REQUIRE(second.size() == files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        CHECK(second[i].path == files[i].path);
        CHECK(second[i].content == files[i].content);
    }
}

TEST_CASE("feeds: one set per language, translations in their own folder") {
    auto config =
        faqt::test::make_config("[kb]\nbase_url = \"https://h.example/\"\n[site]\nlanguages = [\"en\", \"vi\"]\n");
    std::vector<PublishedArticle> articles = {known_error("a", "en", Date{2026, 1, 2}, {"X"}),
                                              known_error("a", "vi", Date{2026, 1, 3}, {"X"}),
                                              known_error("b", "pl", Date{2026, 1, 3}, {"X"})};
    faqt::Diagnostics diagnostics;
    auto files = faqt::make_feeds(config, articles, {}, diagnostics);
    REQUIRE(find(files, "vi/feeds/known-issues.xml") != nullptr);
    CHECK(find(files, "vi/feeds/known-issues.xml")->content.find("https://h.example/vi/articles/a/index.html") !=
          std::string::npos);
    CHECK(find(files, "vi/feeds/known-issues.xml")->content.find("xml:lang=\"vi\"") != std::string::npos);
    CHECK(find(files, "feeds/known-issues.xml") != nullptr);
    CHECK(find(files, "pl/feeds/known-issues.xml") == nullptr);  // not a language of the site
}

TEST_CASE("feeds: a KB without known errors still has a valid feed, dated by its articles") {
    auto config = faqt::test::make_config("[kb]\nbase_url = \"https://h.example/\"\n");
    PublishedArticle faq;
    faq.id = "f";
    faq.lang = "en";
    faq.updated = Date{2026, 2, 3};
    faqt::Diagnostics diagnostics;
    auto files = faqt::make_feeds(config, {faq}, {}, diagnostics);
    REQUIRE(files.size() == 1);
    CHECK(files[0].content.find("<updated>2026-02-03T00:00:00Z</updated>") != std::string::npos);
    CHECK(files[0].content.find("<entry>") == std::string::npos);
}

TEST_CASE("feeds: a language's feeds hold what its pages show, untranslated articles too") {
    auto config = faqt::test::make_config(
        "[kb]\nbase_url = \"https://h.example/\"\n[site]\nlanguages = [\"en\", \"vi\", \"pl\"]\n");
    std::vector<PublishedArticle> articles = {known_error("a", "en", Date{2026, 1, 2}, {"Mail"}),
                                              known_error("b", "en", Date{2026, 1, 4}, {"VPN"}),
                                              known_error("b", "vi", Date{2026, 1, 5}, {"VPN"})};
    faqt::Diagnostics diagnostics;
    auto files = faqt::make_feeds(config, articles, {}, diagnostics);
    // The Vietnamese product page of Mail lists the English article: its
    // feed exists and links to the English page.
    const SiteFile* mail = find(files, "vi/feeds/mail.xml");
    REQUIRE(mail != nullptr);
    CHECK(mail->content.find("<id>https://h.example/articles/a/index.html</id>") != std::string::npos);
    const SiteFile* vpn = find(files, "vi/feeds/vpn.xml");
    REQUIRE(vpn != nullptr);
    CHECK(vpn->content.find("https://h.example/vi/articles/b/index.html") != std::string::npos);
    CHECK(vpn->content.find("https://h.example/articles/b/index.html") == std::string::npos);
    CHECK(find(files, "pl/feeds/mail.xml") != nullptr);
    CHECK(find(files, "pl/feeds/vpn.xml") != nullptr);

    // feed_paths() names exactly the feeds written: the pages link to these.
    std::set<std::string> written;
    for (const auto& f : files) {
        written.insert(f.path);
    }
    CHECK(faqt::feed_paths(config, articles, {}) == written);
    auto without = faqt::test::make_config("[kb]\ntitle = \"KB\"\n");
    CHECK(faqt::feed_paths(without, articles, {}).empty());
}
