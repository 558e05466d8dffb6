#include "content/date.hpp"

#include <catch2/catch.hpp>

#include <ctime>

#include "test_support.hpp"

using faqt::Date;
using faqt::parse_date;

TEST_CASE("parse_date reads YYYY-MM-DD", "[date]") {
    auto d = parse_date("2026-11-20");
    REQUIRE(d);
    CHECK(d->year == 2026);
    CHECK(d->month == 11);
    CHECK(d->day == 20);
    CHECK(parse_date("2024-01-05") == Date{2024, 1, 5});
}

TEST_CASE("parse_date reads US order MM/DD/YYYY as in ms.date", "[date]") {
    CHECK(parse_date("01/30/2024") == Date{2024, 1, 30});
    CHECK(parse_date("11/20/2026") == Date{2026, 11, 20});
    CHECK(parse_date("1/5/2024") == Date{2024, 1, 5});
    // Day-first order is not US order: there is no month 30.
    CHECK_FALSE(parse_date("30/01/2024"));
}

TEST_CASE("parse_date reads YYYY/MM/DD", "[date]") {
    CHECK(parse_date("2026/11/20") == Date{2026, 11, 20});
}

TEST_CASE("parse_date drops the time of a date-time", "[date]") {
    CHECK(parse_date("2026-11-20T10:00:00Z") == Date{2026, 11, 20});
    CHECK(parse_date("2026-11-20T23:59:59+07:00") == Date{2026, 11, 20});
    CHECK(parse_date("2026-11-20 10:00") == Date{2026, 11, 20});
    CHECK(parse_date("01/30/2024 08:15") == Date{2024, 1, 30});
}

TEST_CASE("parse_date rejects dates that do not exist", "[date]") {
    CHECK_FALSE(parse_date("2024-02-30"));
    CHECK_FALSE(parse_date("2023-02-29"));
    CHECK(parse_date("2024-02-29") == Date{2024, 2, 29});
    CHECK_FALSE(parse_date("2024-13-01"));
    CHECK_FALSE(parse_date("2024-00-10"));
    CHECK_FALSE(parse_date("2024-04-31"));
    CHECK_FALSE(parse_date("2024-01-00"));
    CHECK_FALSE(parse_date("13/01/2024"));
    CHECK_FALSE(parse_date("02/30/2024"));
}

TEST_CASE("parse_date rejects text that is not a date", "[date]") {
    CHECK_FALSE(parse_date(""));
    CHECK_FALSE(parse_date("tomorrow"));
    CHECK_FALSE(parse_date("20261120"));
    CHECK_FALSE(parse_date("2026-11"));
    CHECK_FALSE(parse_date("2026-1a-20"));
    CHECK_FALSE(parse_date("2026.11.20"));
    CHECK_FALSE(parse_date("2026-11/20"));
    CHECK_FALSE(parse_date("11/20"));
    CHECK_FALSE(parse_date("ab/cd/efgh"));
}

TEST_CASE("Date prints as zero-padded YYYY-MM-DD", "[date]") {
    CHECK(Date{2026, 1, 5}.to_string() == "2026-01-05");
    CHECK(Date{2026, 11, 20}.to_string() == "2026-11-20");
    CHECK(parse_date(Date{2024, 2, 29}.to_string()) == Date{2024, 2, 29});
}

TEST_CASE("Dates compare in calendar order", "[date]") {
    CHECK(Date{2026, 1, 31} < Date{2026, 2, 1});
    CHECK(Date{2025, 12, 31} < Date{2026, 1, 1});
    CHECK(Date{2026, 3, 2} > Date{2026, 3, 1});
    CHECK(Date{2026, 3, 1} == Date{2026, 3, 1});
}

TEST_CASE("days_since_epoch counts days from 1970-01-01", "[date]") {
    CHECK(Date{1970, 1, 1}.days_since_epoch() == 0);
    CHECK(Date{1970, 1, 2}.days_since_epoch() == 1);
    CHECK(Date{2000, 3, 1}.days_since_epoch() - Date{2000, 2, 28}.days_since_epoch() == 2);
    CHECK(Date{2024, 1, 1}.days_since_epoch() - Date{2023, 1, 1}.days_since_epoch() == 365);
    CHECK(Date{2025, 1, 1}.days_since_epoch() - Date{2024, 1, 1}.days_since_epoch() == 366);
}

TEST_CASE("today is the current UTC date", "[date]") {
    auto utc_today = [] {
        std::time_t now = std::time(nullptr);
        std::tm tm{};
        gmtime_r(&now, &tm);
        return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    };
    const Date before = utc_today();
    const Date t = faqt::today();
    const Date after = utc_today();
    CHECK((t == before || t == after));
    CHECK(parse_date(t.to_string()) == t);
}
