#include "site/sitemap.hpp"

#include "tests/unit/content/test_support.hpp"

using faqt::Date;
using faqt::PublishedArticle;

namespace {

PublishedArticle article(std::string id, std::string lang, std::optional<Date> updated) {
    PublishedArticle a;
    a.id = std::move(id);
    a.path = a.id + (lang == "en" ? ".md" : "." + lang + ".md");
    a.lang = std::move(lang);
    a.title = a.id;
    a.updated = updated;
    return a;
}

}  // namespace

TEST_CASE("sitemap: robots.txt only without a base URL") {
    auto config = faqt::test::make_config("[kb]\ntitle = \"KB\"\n");
    auto files = faqt::make_sitemap(config, {article("a", "en", Date{2026, 1, 1})}, {}, {"index.html"});
    REQUIRE(files.size() == 1);
    CHECK(files[0].path == "robots.txt");
    CHECK(files[0].content.find("Sitemap:") == std::string::npos);
}

TEST_CASE("sitemap: every page, lastmod, hreflang alternates for translations") {
    auto config = faqt::test::make_config("[kb]\nbase_url = \"https://h.example/help\"\n");
    std::vector<PublishedArticle> articles = {article("net/a b", "en", Date{2026, 1, 2}),
                                              article("net/a b", "vi", Date{2026, 1, 5}),
                                              article("only-en", "en", Date{2026, 3, 1})};
    std::vector<std::string> pages = {"index.html",
                                      "vi/index.html",
                                      "articles/net/a b/index.html",
                                      "vi/articles/net/a b/index.html",
                                      "articles/only-en/index.html",
                                      "404.html",
                                      "vi/404.html"};
    auto files = faqt::make_sitemap(config, articles, {}, pages);
    REQUIRE(files.size() == 2);
    CHECK(files[0].path == "robots.txt");
    CHECK(files[0].content.find("Sitemap: https://h.example/help/sitemap.xml\n") != std::string::npos);
    CHECK(files[1].path == "sitemap.xml");
    const std::string& xml = files[1].content;
    CHECK(xml.find("<loc>https://h.example/help/articles/net/a%20b/index.html</loc>\n    "
                   "<lastmod>2026-01-02</lastmod>") != std::string::npos);
    CHECK(xml.find("<loc>https://h.example/help/vi/articles/net/a%20b/index.html</loc>\n    "
                   "<lastmod>2026-01-05</lastmod>") != std::string::npos);
    CHECK(xml.find("<xhtml:link rel=\"alternate\" hreflang=\"vi\" "
                   "href=\"https://h.example/help/vi/articles/net/a%20b/index.html\"/>") != std::string::npos);
    // Home pages: the newest date of their language.
    CHECK(xml.find("<loc>https://h.example/help/index.html</loc>\n    <lastmod>2026-03-01</lastmod>") !=
          std::string::npos);
    CHECK(xml.find("404.html") == std::string::npos);
    // A page without a translation has no alternates.
    const auto only = xml.find("only-en/index.html</loc>");
    REQUIRE(only != std::string::npos);
    CHECK(xml.substr(only, xml.find("</url>", only) - only).find("hreflang") == std::string::npos);
}

TEST_CASE("sitemap: more than 50,000 pages are split under a sitemap index") {
    auto config = faqt::test::make_config("[kb]\nbase_url = \"https://h.example/\"\n");
    std::vector<std::string> pages;
    for (int i = 0; i < 50001; ++i) {
        pages.push_back("tags/t" + std::to_string(i) + "/index.html");
    }
    auto files = faqt::make_sitemap(config, {}, {}, pages);
    REQUIRE(files.size() == 4);
    CHECK(files[1].path == "sitemap.xml");
    CHECK(files[1].content.find("<sitemapindex") != std::string::npos);
    CHECK(files[1].content.find("<loc>https://h.example/sitemaps/2.xml</loc>") != std::string::npos);
    CHECK(files[2].path == "sitemaps/1.xml");
    CHECK(files[3].path == "sitemaps/2.xml");
    std::size_t urls = 0;
    for (std::size_t at = 0; (at = files[2].content.find("<url>", at)) != std::string::npos; ++at) {
        ++urls;
    }
    CHECK(urls == 50000);
    CHECK(files[3].content.find("<url>") != std::string::npos);
}
