#include "site/paths.hpp"

#include <catch2/catch.hpp>

#include "content/text.hpp"

using namespace faqt;

TEST_CASE("pages live where paths.hpp says, the default language at the root") {
    CHECK(language_prefix("en", "en") == "");
    CHECK(language_prefix("vi", "en") == "vi/");
    CHECK(home_path("") == "index.html");
    CHECK(article_path("vi/", "network/vpn-drops") == "vi/articles/network/vpn-drops/index.html");
    CHECK(category_path("", "network/vpn") == "categories/network/vpn/index.html");
    CHECK(tag_path("", "VPN Client") == "tags/vpn-client/index.html");
    CHECK(product_path("pl/", "VPN Client") == "pl/known-issues/vpn-client/index.html");
    CHECK(attachment_path("network/img/a b.png") == "files/network/img/a b.png");
}

TEST_CASE("no id names a path outside its folder") {
    CHECK(article_path("", "../../etc/passwd") == "articles/%2E%2E/%2E%2E/etc/passwd/index.html");
    CHECK(article_path("", "a//b") == "articles/a/%00/b/index.html");
    CHECK(escape_segment("50%") == "50%25");
}

TEST_CASE("links are relative and name index.html") {
    CHECK(relative_href("articles/a/b/index.html", "index.html") == "../../../index.html");
    CHECK(relative_href("articles/a/b/index.html", "articles/a/c/index.html", "workaround") ==
          "../c/index.html#workaround");
    CHECK(relative_href("index.html", "files/a b.png") == "files/a%20b.png");
    CHECK(relative_href("vi/index.html", "articles/x/index.html") == "../articles/x/index.html");
}

TEST_CASE("absolute URLs only with a base URL") {
    CHECK(absolute_url("", "index.html") == "");
    CHECK(absolute_url("https://help.example/kb", "faq/index.html") == "https://help.example/kb/faq/index.html");
    CHECK(absolute_url("https://help.example/kb/", "faq/index.html") == "https://help.example/kb/faq/index.html");
}

TEST_CASE("a name a file system cannot hold is shortened, uniquely") {
    const std::string long_a(300, 'a');
    const std::string long_b = std::string(299, 'a') + "b";
    const std::string a = faqt::escape_segment(long_a);
    const std::string b = faqt::escape_segment(long_b);
    CHECK(a.size() <= 200);
    CHECK(b.size() <= 200);
    CHECK(a != b);
    CHECK(a.starts_with("aaaa"));
    // Cut on a character boundary: the name stays valid UTF-8.
    std::string vietnamese;
    for (int i = 0; i < 100; ++i) {
        vietnamese += "\xE1\xBB\x97";  // ỗ
    }
    CHECK(faqt::is_valid_utf8(faqt::escape_segment(vietnamese)));
    CHECK(faqt::name_slug(std::string(400, 'x') + " tag").size() <= 200);
}

TEST_CASE("a segment named index.html cannot take the place of a page") {
    CHECK(faqt::escape_segment("index.html") == "index%2Ehtml");
    CHECK(faqt::article_path("", "x/index.html") == "articles/x/index%2Ehtml/index.html");
    CHECK(faqt::category_path("", "index.html") == "categories/index%2Ehtml/index.html");
    CHECK(faqt::escape_segment("index.htm") == "index.htm");
}

TEST_CASE("tag and product names that slug alike but differ get pages of their own") {
    CHECK(faqt::name_slug("VPN Client") == "vpn-client");
    CHECK(faqt::name_slug("vpn-client") == "vpn-client");
    CHECK(faqt::name_slug("Mạng lưới") == "mang-luoi");
    CHECK(faqt::name_slug("Wi-Fi") == "wi-fi");
    const std::string c = faqt::name_slug("C");
    const std::string sharp = faqt::name_slug("C#");
    const std::string plus = faqt::name_slug("c++");
    CHECK(c == "c");
    CHECK(sharp != c);
    CHECK(plus != c);
    CHECK(sharp != plus);
    CHECK(sharp.starts_with("c-"));
    CHECK(faqt::name_slug("C#") == sharp);  // stable
}
