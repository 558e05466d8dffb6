#include "content/closest_match.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using faqt::closest_match;

TEST_CASE("closest_match finds a typo's word", "[closest_match]") {
    const std::vector<std::string> commands = {"init", "new", "check", "index", "search", "show", "list"};
    CHECK(closest_match("serach", commands) == "search");
    CHECK(closest_match("SHWO", commands) == "show");
    CHECK(closest_match("lst", commands) == "list");
    CHECK(closest_match("indexx", commands) == "index");
}

TEST_CASE("closest_match gives nothing for a word that is no typo", "[closest_match]") {
    const std::vector<std::string> commands = {"init", "new", "check", "index", "search", "show", "list"};
    CHECK(closest_match("frobnicate", commands).empty());
    CHECK(closest_match("", commands).empty());
    CHECK(closest_match("ab", {"xy"}).empty());
    CHECK(closest_match(std::string(10000, 'a'), commands).empty());
}
