#include "content/article_filter.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "test_support.hpp"

using faqt::Article;
using faqt::ArticleFilter;
using faqt::ArticleType;
using faqt::FilterValues;
using faqt::make_article_filter;
using faqt::Visibility;
using faqt::test::make_config;

namespace {

constexpr const char* k_config = R"toml(
[[categories]]
id = "network/vpn"
codes = ["NET-VPN"]

[[categories]]
id = "accounts/passwords"
name = "Passwords"
)toml";

Article vpn_drops() {
    Article a;
    a.id = "network/vpn-drops";
    a.lang = "vi";
    a.type = ArticleType::known_error;
    a.status = "Workaround";
    a.categories = {"Network/VPN"};
    a.tags = {"AnyConnect"};
    a.products = {"VPN Client"};
    a.fixed_in = "4.3.1";
    return a;
}

ArticleFilter filter_of(const FilterValues& values) {
    auto filter = make_article_filter(values, make_config(k_config));
    REQUIRE(filter);
    return *filter;
}

}  // namespace

TEST_CASE("ArticleFilter ignores case and region in languages", "[article_filter]") {
    FilterValues values;
    values.langs = {"VI"};
    CHECK(filter_of(values).matches(vpn_drops()));
    values.langs = {"vi-VN"};
    CHECK(filter_of(values).matches(vpn_drops()));
    values.langs = {"en"};
    CHECK_FALSE(filter_of(values).matches(vpn_drops()));
}

TEST_CASE("ArticleFilter matches categories with their ancestors, codes and any case", "[article_filter]") {
    FilterValues values;
    values.categories = {"NETWORK"};
    CHECK(filter_of(values).matches(vpn_drops()));
    values.categories = {"network/vpn/"};
    CHECK(filter_of(values).matches(vpn_drops()));
    values.categories = {"net-vpn"};
    CHECK(filter_of(values).categories == std::vector<std::string>{"network/vpn"});
    CHECK(filter_of(values).matches(vpn_drops()));
    values.categories = {"accounts"};
    CHECK_FALSE(filter_of(values).matches(vpn_drops()));
}

TEST_CASE("ArticleFilter folds tags and products and lower-cases type and status", "[article_filter]") {
    FilterValues values;
    values.tags = {"anyconnect"};
    values.products = {"vpn client"};
    values.types = {"Known-Error"};
    values.statuses = {"WORKAROUND"};
    CHECK(filter_of(values).matches(vpn_drops()));
    values.statuses = {"fixed"};
    CHECK_FALSE(filter_of(values).matches(vpn_drops()));
}

TEST_CASE("ArticleFilter --version hides known errors fixed at or before it", "[article_filter]") {
    FilterValues values;
    values.version = "4.3";
    CHECK(filter_of(values).matches(vpn_drops()));
    values.version = "4.3.1";
    CHECK_FALSE(filter_of(values).matches(vpn_drops()));
    values.version = "v4.10";
    CHECK_FALSE(filter_of(values).matches(vpn_drops()));
}

TEST_CASE("ArticleFilter hides drafts unless asked and filters visibility", "[article_filter]") {
    Article a = vpn_drops();
    a.draft = true;
    CHECK_FALSE(filter_of({}).matches(a));
    FilterValues values;
    values.drafts = true;
    CHECK(filter_of(values).matches(a));
    values.visibility = Visibility::internal;
    CHECK_FALSE(filter_of(values).matches(a));
    a.visibility = Visibility::internal;
    CHECK(filter_of(values).matches(a));
    CHECK(filter_of({}).empty());
    CHECK_FALSE(filter_of(values).empty());
}

TEST_CASE("ArticleFilter selects known errors by severity in any case", "[article_filter]") {
    Article a = vpn_drops();
    a.severity = "high";
    FilterValues values;
    values.severities = {"HIGH", "critical"};
    CHECK(filter_of(values).matches(a));
    values.severities = {"low"};
    CHECK_FALSE(filter_of(values).matches(a));
    a.severity.clear();
    values.severities = {"high"};
    CHECK_FALSE(filter_of(values).matches(a));
}

TEST_CASE("make_article_filter rejects values that select nothing, with the nearest one", "[article_filter]") {
    const auto config = make_config(k_config);
    FilterValues values;
    values.types = {"knwon-error"};
    auto bad_type = make_article_filter(values, config);
    REQUIRE_FALSE(bad_type);
    CHECK(bad_type.error().code == faqt::ErrorCode::usage);
    CHECK(bad_type.error().message == "unknown type 'knwon-error'");
    CHECK(bad_type.error().hint.find("did you mean 'known-error'?") == 0);

    values = {};
    values.statuses = {"nope"};
    auto bad_status = make_article_filter(values, config);
    REQUIRE_FALSE(bad_status);
    CHECK(bad_status.error().message == "unknown status 'nope'");

    values = {};
    values.severities = {"hihg"};
    auto bad_severity = make_article_filter(values, config);
    REQUIRE_FALSE(bad_severity);
    CHECK(bad_severity.error().message == "unknown severity 'hihg'");
    CHECK(bad_severity.error().hint == "did you mean 'high'? use critical, high, medium or low");

    values = {};
    values.categories = {"netwrk"};
    auto bad_category = make_article_filter(values, config);
    REQUIRE_FALSE(bad_category);
    CHECK(bad_category.error().message == "unknown category 'netwrk'");
    CHECK(bad_category.error().hint.find("did you mean 'network'?") == 0);
}

TEST_CASE("make_article_filter accepts any category when faqt.toml declares none", "[article_filter]") {
    FilterValues values;
    values.categories = {"Anything"};
    auto filter = make_article_filter(values, make_config(""));
    REQUIRE(filter);
    CHECK(filter->categories == std::vector<std::string>{"anything"});
}

TEST_CASE("make_article_filter refuses a value that is empty once normalised", "[article_filter]") {
    const auto config = make_config(k_config);
    FilterValues values;
    values.langs = {"-"};
    auto lang = make_article_filter(values, config);
    REQUIRE_FALSE(lang);
    CHECK(lang.error().code == faqt::ErrorCode::usage);
    CHECK(lang.error().message == "'-' is not a language");

    values = {};
    values.tags = {"  "};
    auto tag = make_article_filter(values, config);
    REQUIRE_FALSE(tag);
    CHECK(tag.error().message == "'  ' is not a tag");
}
