#include "content/lookup.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using faqt::Article;
using faqt::ErrorCode;
using faqt::pick_translation;
using faqt::resolve_id;

namespace {

Article article(std::string id, std::string lang = "en") {
    Article a;
    a.path = id + (lang == "en" ? "" : "." + lang) + ".md";
    a.id = std::move(id);
    a.lang = std::move(lang);
    return a;
}

const std::vector<Article> k_articles = {
    article("network/vpn-drops"),
    article("network/vpn-drops", "vi"),
    article("network/wifi/eduroam"),
    article("accounts/password-reset"),
    article("accounts/password-reset", "pl"),
    article("email/password-reset"),
    article("vpn"),
    article("network/vpn"),
    article("archive/network/old-proxy"),
    article("network/old-proxy-2"),
};

}  // namespace

TEST_CASE("resolve_id accepts an exact id", "[lookup]") {
    auto id = resolve_id(k_articles, "network/vpn-drops");
    REQUIRE(id.ok());
    CHECK(*id == "network/vpn-drops");
}

TEST_CASE("resolve_id prefers the exact id over suffix matches", "[lookup]") {
    // "vpn" is an id of its own and also the last component of "network/vpn".
    auto id = resolve_id(k_articles, "vpn");
    REQUIRE(id.ok());
    CHECK(*id == "vpn");
}

TEST_CASE("resolve_id accepts a unique suffix of path components", "[lookup]") {
    auto id = resolve_id(k_articles, "vpn-drops");
    REQUIRE(id.ok());
    // Two translations share the id: still one article.
    CHECK(*id == "network/vpn-drops");

    id = resolve_id(k_articles, "eduroam");
    REQUIRE(id.ok());
    CHECK(*id == "network/wifi/eduroam");

    id = resolve_id(k_articles, "wifi/eduroam");
    REQUIRE(id.ok());
    CHECK(*id == "network/wifi/eduroam");

    id = resolve_id(k_articles, "network/old-proxy");
    REQUIRE(id.ok());
    CHECK(*id == "archive/network/old-proxy");
}

TEST_CASE("resolve_id tolerates a .md extension and a trailing slash", "[lookup]") {
    auto id = resolve_id(k_articles, "vpn-drops.md");
    REQUIRE(id.ok());
    CHECK(*id == "network/vpn-drops");
    id = resolve_id(k_articles, "eduroam/");
    REQUIRE(id.ok());
    CHECK(*id == "network/wifi/eduroam");
}

TEST_CASE("resolve_id reports an ambiguous suffix with its candidates", "[lookup]") {
    auto id = resolve_id(k_articles, "password-reset");
    REQUIRE_FALSE(id.ok());
    CHECK(id.error().code == ErrorCode::usage);
    CHECK_THAT(id.error().message, Catch::Contains("ambiguous"));
    CHECK_THAT(id.error().hint, Catch::Contains("accounts/password-reset"));
    CHECK_THAT(id.error().hint, Catch::Contains("email/password-reset"));
    CHECK_THAT(id.error().hint, !Catch::Contains("vpn"));
}

TEST_CASE("resolve_id reports an id that matches nothing", "[lookup]") {
    SECTION("no such id") {
        auto id = resolve_id(k_articles, "printer-jam");
        REQUIRE_FALSE(id.ok());
        CHECK(id.error().code == ErrorCode::not_found);
        CHECK_THAT(id.error().message, Catch::Contains("printer-jam"));
    }
    SECTION("a suffix must start at a path component") {
        auto id = resolve_id(k_articles, "drops");
        REQUIRE_FALSE(id.ok());
        CHECK(id.error().code == ErrorCode::not_found);
        id = resolve_id(k_articles, "proxy");
        REQUIRE_FALSE(id.ok());
        CHECK(id.error().code == ErrorCode::not_found);
    }
    SECTION("a prefix is not a suffix") {
        auto id = resolve_id(k_articles, "network");
        REQUIRE_FALSE(id.ok());
        CHECK(id.error().code == ErrorCode::not_found);
    }
    SECTION("an empty id") {
        auto id = resolve_id(k_articles, "");
        REQUIRE_FALSE(id.ok());
        CHECK(id.error().code == ErrorCode::usage);
    }
    SECTION("no articles at all") {
        auto id = resolve_id({}, "vpn");
        REQUIRE_FALSE(id.ok());
        CHECK(id.error().code == ErrorCode::not_found);
    }
}

TEST_CASE("pick_translation prefers the language asked for, then the default", "[lookup]") {
    const Article* a = pick_translation(k_articles, "accounts/password-reset", "pl", "en");
    REQUIRE(a != nullptr);
    CHECK(a->lang == "pl");

    a = pick_translation(k_articles, "accounts/password-reset", "vi", "en");
    REQUIRE(a != nullptr);
    CHECK(a->lang == "en");

    a = pick_translation(k_articles, "accounts/password-reset", "", "en");
    REQUIRE(a != nullptr);
    CHECK(a->lang == "en");

    // Neither the language nor the default exists: any translation.
    a = pick_translation(k_articles, "network/vpn-drops", "pl", "de");
    REQUIRE(a != nullptr);
    CHECK(a->id == "network/vpn-drops");

    a = pick_translation(k_articles, "accounts/password-reset", "pl", "pl");
    REQUIRE(a != nullptr);
    CHECK(a->lang == "pl");

    CHECK(pick_translation(k_articles, "no/such-id", "en", "en") == nullptr);
}

TEST_CASE("id_matches takes whole path components, normalise_id_query drops '/' and .md", "[lookup]") {
    CHECK(faqt::id_matches("network/vpn-drops", "vpn-drops"));
    CHECK(faqt::id_matches("network/vpn-drops", "network/vpn-drops"));
    CHECK_FALSE(faqt::id_matches("network/old-vpn-drops", "vpn-drops"));
    CHECK_FALSE(faqt::id_matches("vpn", "network/vpn"));
    CHECK(faqt::normalise_id_query("network/vpn-drops.md/") == "network/vpn-drops");
}
