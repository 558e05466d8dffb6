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

TEST_CASE("number_parts: a name written with its number gives both parts", "[terms][forms]") {
    using faqt::terms::number_parts;
    using Parts = std::vector<std::string>;
    CHECK(number_parts("covid19") == Parts{"covid", "19"});
    CHECK(number_parts("inc4411") == Parts{"inc", "4411"});
    CHECK(number_parts("cs0012345") == Parts{"cs", "0012345"});
    CHECK(number_parts("x64").empty());         // one letter is not a name
    CHECK(number_parts("0x80070005").empty());  // a code
    CHECK(number_parts("err_conn_reset").empty());
    CHECK(number_parts("4.3.1").empty());
    CHECK(number_parts("win11pro").empty());
    CHECK(number_parts("covid").empty());
}

TEST_CASE("joined_name_number: a name and a number one space apart join", "[terms][forms]") {
    using faqt::terms::joined_name_number;
    CHECK(joined_name_number("covid", " ", "19") == "covid19");
    CHECK(joined_name_number("windows", " ", "10") == "windows10");
    CHECK(joined_name_number("windows", "  ", "10").empty());
    CHECK(joined_name_number("windows", ", ", "10").empty());
    CHECK(joined_name_number("in", " ", "2024").empty());  // a stopword
    CHECK(joined_name_number("version", " ", "4.3").empty());
    CHECK(joined_name_number("x", " ", "64").empty());
    CHECK(joined_name_number("covid19", " ", "19").empty());
}

TEST_CASE("ticket_key: every written form of a ticket is one key", "[terms][tickets]") {
    using faqt::terms::ticket_key;
    CHECK(ticket_key("INC-4411") == "inc4411");
    CHECK(ticket_key("inc4411") == "inc4411");
    CHECK(ticket_key(" INC 4411 ") == "inc4411");
    CHECK(ticket_key("SR-12") == "sr12");
    CHECK(ticket_key("REQ_2101.1") == "req21011");
    CHECK(ticket_key("--").empty());
}
