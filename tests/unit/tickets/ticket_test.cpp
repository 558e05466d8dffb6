#include "tickets/ticket.hpp"

#include <catch2/catch.hpp>

using faqt::ticket_number_in_subject;

TEST_CASE("the ticket number is the bracketed tag of the subject that holds a digit") {
    CHECK(ticket_number_in_subject("[INC-123] VPN drops") == "INC-123");
    CHECK(ticket_number_in_subject("Re: [#4411] printer") == "4411");
    CHECK(ticket_number_in_subject("[Ticket#2024031510000012] Outlook") == "2024031510000012");
    CHECK(ticket_number_in_subject("[EXTERNAL] [REQ0012] laptop") == "REQ0012");
    CHECK(ticket_number_in_subject("laptop (REQ0012)") == "REQ0012");
}

TEST_CASE("a subject without a numbered tag has no ticket number") {
    CHECK(ticket_number_in_subject("").empty());
    CHECK(ticket_number_in_subject("[EXTERNAL] laptop").empty());
    CHECK(ticket_number_in_subject("error 0x80070643").empty());
    CHECK(ticket_number_in_subject("[unclosed 123").empty());
    CHECK(ticket_number_in_subject("[INC 123] spaces are not a tag").empty());
}
