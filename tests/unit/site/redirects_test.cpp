#include "site/redirects.hpp"

#include "tests/unit/content/test_support.hpp"

using faqt::PublishedArticle;

namespace {

PublishedArticle article(std::string id, std::string lang, std::vector<std::string> former) {
    PublishedArticle a;
    a.id = std::move(id);
    a.path = a.id + ".md";
    a.lang = std::move(lang);
    a.title = "New <home> of " + a.id;
    a.former_ids = std::move(former);
    return a;
}

}  // namespace

TEST_CASE("redirects: a page at each former id that leads to the article") {
    auto config = faqt::test::make_config("[kb]\nbase_url = \"https://h.example/\"\n");
    faqt::Diagnostics diagnostics;
    auto files = faqt::make_redirects(config, {article("network/vpn", "en", {"old/vpn-drops"})}, {}, diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(files.size() == 1);
    CHECK(files[0].path == "articles/old/vpn-drops/index.html");
    const std::string& html = files[0].content;
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("<meta http-equiv=\"refresh\" content=\"0; url=../../network/vpn/index.html\">") !=
          std::string::npos);
    CHECK(html.find("<link rel=\"canonical\" href=\"https://h.example/articles/network/vpn/index.html\">") !=
          std::string::npos);
    CHECK(html.find("<a href=\"../../network/vpn/index.html\">New &lt;home&gt; of network/vpn</a>") !=
          std::string::npos);
}

TEST_CASE("redirects: no canonical link without a base URL; translations in their folder") {
    auto config = faqt::test::make_config("[kb]\ntitle = \"KB\"\n");
    faqt::Diagnostics diagnostics;
    auto files =
        faqt::make_redirects(config, {article("a", "en", {"old-a"}), article("a", "vi", {"old-a"})}, {}, diagnostics);
    REQUIRE(files.size() == 2);
    CHECK(files[0].path == "articles/old-a/index.html");
    CHECK(files[1].path == "vi/articles/old-a/index.html");
    CHECK(files[0].content.find("canonical") == std::string::npos);
    CHECK(files[1].content.find("<html lang=\"vi\">") != std::string::npos);
}

TEST_CASE("redirects: a former id that is a current article's id is skipped with a warning") {
    auto config = faqt::test::make_config("[kb]\ntitle = \"KB\"\n");
    faqt::Diagnostics diagnostics;
    auto files = faqt::make_redirects(config,
                                      {article("a", "en", {"b", "a", "", "../../etc"}), article("b", "en", {}),
                                       article("c", "en", {"x"}), article("d", "en", {"x"})},
                                      {}, diagnostics);
    CHECK(faqt::test::count_diagnostics(diagnostics, "is the id of another article") == 1);
    CHECK(faqt::test::count_diagnostics(diagnostics, "empty or the article's own id") == 2);
    CHECK(faqt::test::count_diagnostics(diagnostics, "is also a former id of c.md") == 1);
    for (const auto& d : diagnostics) {
        CHECK(d.severity == faqt::Severity::warning);
    }
    std::vector<std::string> paths;
    for (const auto& f : files) {
        paths.push_back(f.path);
    }
    // "../../etc" stays inside the site: its segments are escaped.
    CHECK(paths == std::vector<std::string>{"articles/%2E%2E/%2E%2E/etc/index.html", "articles/x/index.html"});
    CHECK(files[1].content.find("c/index.html") != std::string::npos);
}

TEST_CASE("redirects: warnings about former ids name the line of former_ids") {
    auto config = faqt::test::make_config("[kb]\ntitle = \"KB\"\n");
    std::vector<faqt::PublishedArticle> articles = {article("a", "en", {"b"}), article("b", "en", {}),
                                                    article("c", "en", {"x"}), article("d", "en", {"x"})};
    articles[0].former_ids_line = 6;
    articles[3].former_ids_line = 9;
    faqt::Diagnostics diagnostics;
    (void)faqt::make_redirects(config, articles, {}, diagnostics);
    REQUIRE(diagnostics.size() == 2);
    for (const auto& d : diagnostics) {
        INFO(d.message);
        CHECK(d.line == (d.path == "a.md" ? 6 : 9));
        CHECK(d.column == 1);
    }
}
