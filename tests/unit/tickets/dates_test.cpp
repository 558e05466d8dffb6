#include "tickets/dates.hpp"

#include <catch2/catch.hpp>

using faqt::DateOrderVotes;
using faqt::DayMonthOrder;
using faqt::OrderVote;
using faqt::parse_ticket_time;

namespace {

// The time as "YYYY-MM-DD HH:MM", or "none".
std::string read(std::string_view value, DayMonthOrder order = DayMonthOrder::unknown) {
    auto t = parse_ticket_time(value, order);
    return t ? faqt::format_ticket_time(*t) : "none";
}

std::string read_as(std::string_view value, std::string_view pattern) {
    const faqt::DateFormat format = faqt::parse_date_format(pattern);
    REQUIRE(format.valid);
    auto t = parse_ticket_time(value, DayMonthOrder::unknown, &format);
    return t ? faqt::format_ticket_time(*t) : "none";
}

}  // namespace

TEST_CASE("ISO 8601 with and without a zone") {
    CHECK(read("2024-03-18") == "2024-03-18 00:00");
    CHECK(read("2024-03-18 10:15") == "2024-03-18 10:15");
    CHECK(read("2024-03-18T10:15:42") == "2024-03-18 10:15");
    CHECK(read("2024-03-18T10:15:42.123456Z") == "2024-03-18 10:15");
    CHECK(read("2024-03-18T10:15:00+01:00") == "2024-03-18 09:15");
    CHECK(read("2024-03-18T00:15:00+0200") == "2024-03-17 22:15");
    CHECK(read("2024-03-18 23:30:00 -05") == "2024-03-19 04:30");
    CHECK(read("2024/3/8 7:05") == "2024-03-08 07:05");
    CHECK(read("  2024-03-18 10:15 UTC ") == "2024-03-18 10:15");
}

TEST_CASE("day-first, month-first and Jira's month names") {
    CHECK(read("29/2/2016 01:16") == "2016-02-29 01:16");  // the first part is over 12
    CHECK(read("02/29/2016 1:16 PM") == "2016-02-29 13:16");
    CHECK(read("12/29/2016 12:16 AM") == "2016-12-29 00:16");
    CHECK(read("18/Mar/24 10:15 AM") == "2024-03-18 10:15");
    CHECK(read("18/Mar/24 12:05 PM") == "2024-03-18 12:05");
    CHECK(read("18-Mar-2024") == "2024-03-18 00:00");
    CHECK(read("Mar 18, 2024 3:04 pm") == "2024-03-18 15:04");
    CHECK(read("September 3 2024") == "2024-09-03 00:00");
    CHECK(read("Mon, 18 Mar 2024 10:15:00 +0100") == "2024-03-18 09:15");
    CHECK(read("29.02.2016 01:16") == "2016-02-29 01:16");  // dots: day first
    CHECK(read("03.04.2024") == "2024-04-03 00:00");
}

TEST_CASE("a value that reads two ways needs the column's order") {
    CHECK(read("03/04/2024") == "none");
    CHECK(read("03/04/2024", DayMonthOrder::day_first) == "2024-04-03 00:00");
    CHECK(read("03/04/2024", DayMonthOrder::month_first) == "2024-03-04 00:00");
    // A value that decides for itself wins over the column's order.
    CHECK(read("29/02/2016", DayMonthOrder::month_first) == "2016-02-29 00:00");
    CHECK(read("3/4/24 9:00", DayMonthOrder::day_first) == "2024-04-03 09:00");
}

TEST_CASE("the column decides the order from the values over 12") {
    DateOrderVotes votes;
    for (auto v : {"03/04/2024", "01/02/2024 10:00", "2024-01-01", "?"}) {
        votes.add(v);
    }
    CHECK(votes.decided() == DayMonthOrder::unknown);
    CHECK(votes.either == 2);
    votes.add("29/2/2016 01:16");
    CHECK(votes.decided() == DayMonthOrder::day_first);
    CHECK(votes.day_first_example == "29/2/2016 01:16");
    votes.add("02/29/2016");
    CHECK(votes.conflicting());
    CHECK(votes.decided() == DayMonthOrder::unknown);
    CHECK(faqt::order_vote("18/Mar/24") == OrderVote::none);
    CHECK(faqt::order_vote("07.03.2024") == OrderVote::day_first);
    CHECK(faqt::order_vote("07/13/2024") == OrderVote::month_first);
}

TEST_CASE("missing and unreadable values") {
    for (auto v : {"", "  ", "?", "-", "NULL", "null", "N/A", "none", "0000-00-00 00:00:00"}) {
        INFO(v);
        CHECK(faqt::is_missing_date(v));
        CHECK(read(v, DayMonthOrder::day_first) == "none");
    }
    for (auto v : {"yesterday", "2024-02-30", "31/31/2024", "2024-03-18 25:00", "2024-03-18 10:15 XYZ", "13/Foo/24",
                   "10:15", "2024-03", "1/2/3/4", "2024-03-18 22:15 PM"}) {
        INFO(v);
        CHECK_FALSE(faqt::is_missing_date(v));
        CHECK(read(v, DayMonthOrder::day_first) == "none");
    }
}

TEST_CASE("a format the user gives is the only form tried") {
    CHECK(read_as("2024.18.03 10h15", "%Y.%d.%m %Hh%M") == "2024-03-18 10:15");
    CHECK(read_as("18/03/2024 10:15:00", "%d/%m/%Y %T") == "2024-03-18 10:15");
    CHECK(read_as("Mar 18 2024 01:00 PM", "%b %d %Y %I:%M %p") == "2024-03-18 13:00");
    CHECK(read_as("2024-03-18 10:15 +0100", "%F %H:%M %z") == "2024-03-18 09:15");
    CHECK(read_as("2024-03-18", "%d/%m/%Y") == "none");
    CHECK_FALSE(faqt::parse_date_format("%Q").valid);
    CHECK(faqt::parse_date_format("%Q").error == "unknown field %Q");
    CHECK_FALSE(faqt::parse_date_format("%").valid);
    CHECK_FALSE(faqt::parse_date_format("plain").valid);
}

TEST_CASE("times before 1970 and the end of a year format back") {
    CHECK(read("1969-12-31 23:59") == "1969-12-31 23:59");
    CHECK(read("2023-12-31T23:30:00-01:00") == "2024-01-01 00:30");
}

TEST_CASE("a time says the offset it was written with, or that it had none", "[tickets][dates]") {
    auto zoned = faqt::read_ticket_time("2024-03-18T10:15:00+01:00", DayMonthOrder::unknown);
    REQUIRE(zoned);
    REQUIRE(zoned->offset_minutes);
    CHECK(*zoned->offset_minutes == 60);
    CHECK(faqt::format_ticket_time(zoned->seconds) == "2024-03-18 09:15");
    auto utc = faqt::read_ticket_time("2024-03-18T10:15:00Z", DayMonthOrder::unknown);
    REQUIRE(utc);
    REQUIRE(utc->offset_minutes);
    CHECK(*utc->offset_minutes == 0);
    auto west = faqt::read_ticket_time("Mon, 18 Mar 2024 10:15:00 -0530", DayMonthOrder::unknown);
    REQUIRE(west);
    REQUIRE(west->offset_minutes);
    CHECK(*west->offset_minutes == -330);
    auto plain = faqt::read_ticket_time("18.03.2024 10:15", DayMonthOrder::unknown);
    REQUIRE(plain);
    CHECK_FALSE(plain->offset_minutes);
    CHECK(faqt::format_ticket_time(plain->seconds) == "2024-03-18 10:15");
    const faqt::DateFormat format = faqt::parse_date_format("%d/%m/%Y %H:%M %z");
    auto formatted = faqt::read_ticket_time("03/04/2024 10:00 +0200", DayMonthOrder::unknown, &format);
    REQUIRE(formatted);
    REQUIRE(formatted->offset_minutes);
    CHECK(*formatted->offset_minutes == 120);
    CHECK(faqt::format_ticket_time(formatted->seconds) == "2024-04-03 08:00");
}

TEST_CASE("durations: units in the value, HH:MM, or a number in the column's unit", "[tickets][dates]") {
    using faqt::DurationUnit;
    using faqt::parse_duration;
    CHECK(parse_duration("2h 30m", DurationUnit::none) == 9000);
    CHECK(parse_duration("1d 4h 5m", DurationUnit::none) == 86400 + 4 * 3600 + 300);
    CHECK(parse_duration("3 Days, 2 Hours 5 Minutes", DurationUnit::none) == 3 * 86400 + 7200 + 300);
    CHECK(parse_duration("45s", DurationUnit::none) == 45);
    CHECK(parse_duration("1.5h", DurationUnit::none) == 5400);
    CHECK(parse_duration("02:30", DurationUnit::none) == 9000);
    CHECK(parse_duration("36:15:10", DurationUnit::none) == 36 * 3600 + 15 * 60 + 10);
    CHECK(parse_duration("90", DurationUnit::minutes) == 5400);
    CHECK(parse_duration("1,5", DurationUnit::hours) == 5400);
    CHECK(parse_duration("7200", DurationUnit::seconds) == 7200);
    CHECK(parse_duration("2", DurationUnit::days) == 172800);
    // Not durations.
    CHECK_FALSE(parse_duration("90", DurationUnit::none));  // 90 of what?
    CHECK_FALSE(parse_duration("", DurationUnit::minutes));
    CHECK_FALSE(parse_duration("-", DurationUnit::minutes));
    CHECK_FALSE(parse_duration("-2h", DurationUnit::none));
    CHECK_FALSE(parse_duration("2 weeks", DurationUnit::none));
    CHECK_FALSE(parse_duration("10:75", DurationUnit::none));
    CHECK_FALSE(parse_duration("2024-03-18 10:15", DurationUnit::none));
    CHECK_FALSE(parse_duration("18.03.2024", DurationUnit::minutes));
    CHECK_FALSE(parse_duration("2h x", DurationUnit::none));
    CHECK(faqt::is_plain_number("90"));
    CHECK(faqt::is_plain_number(" 1.5 "));
    CHECK_FALSE(faqt::is_plain_number("1h"));
}

TEST_CASE("a column's name gives the unit of its numbers", "[tickets][dates]") {
    using faqt::duration_unit_in_name;
    using faqt::DurationUnit;
    CHECK(duration_unit_in_name("Full resolution time in minutes") == DurationUnit::minutes);
    CHECK(duration_unit_in_name("First reply time in minutes within business hours") == DurationUnit::minutes);
    CHECK(duration_unit_in_name("Resolution time (in hrs)") == DurationUnit::hours);
    CHECK(duration_unit_in_name("calendar_stc") == DurationUnit::seconds);
    CHECK(duration_unit_in_name("Resolve time") == DurationUnit::seconds);
    CHECK(duration_unit_in_name("resolution_seconds") == DurationUnit::seconds);
    CHECK(duration_unit_in_name("Age (days)") == DurationUnit::days);
    CHECK(duration_unit_in_name("Custom field (Time to resolution)") == DurationUnit::none);
    CHECK(duration_unit_in_name("Resolution time") == DurationUnit::none);
}
