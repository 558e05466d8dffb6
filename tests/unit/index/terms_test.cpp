#include "index/terms.hpp"

#include <catch2/catch.hpp>

#include <string>

using faqt::terms::k_max_xapian_term_bytes;
using faqt::terms::make_term;
using faqt::terms::term_too_long;

TEST_CASE("make_term: short terms are prefix and value", "[terms]") {
    CHECK(make_term("K", "vpn") == "Kvpn");
    CHECK(make_term("", "vpn") == "vpn");
    CHECK_FALSE(term_too_long("K", "vpn"));
    const std::string fits(k_max_xapian_term_bytes - 2, 'a');
    CHECK(make_term("XC", fits) == "XC" + fits);
}

TEST_CASE("make_term: long values are shortened the same way every time", "[terms]") {
    const std::string tag(300, 'x');
    CHECK(term_too_long("K", tag));
    const std::string term = make_term("K", tag);
    CHECK(term.size() <= k_max_xapian_term_bytes);
    CHECK(term == make_term("K", tag));
    CHECK(term.rfind("Kxxxx", 0) == 0);  // a readable start
    CHECK(term.find('#') != std::string::npos);
    // Two long values with the same start stay apart.
    CHECK(make_term("K", tag + "y") != term);
    CHECK(make_term("XP", tag) != term);
}

TEST_CASE("make_term: never cuts inside a UTF-8 sequence", "[terms]") {
    std::string value;
    for (int i = 0; i < 200; ++i) {
        value += "\xC4\x91";  // đ, two bytes
    }
    for (std::string prefix : {"", "K", "XC"}) {
        const std::string term = make_term(prefix, value);
        REQUIRE(term.size() <= k_max_xapian_term_bytes);
        const std::string kept = term.substr(prefix.size(), term.find('#') - prefix.size());
        CHECK(kept.size() % 2 == 0);
    }
}
