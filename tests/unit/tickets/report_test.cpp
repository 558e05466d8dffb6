#include "tickets/report.hpp"

#include <catch2/catch.hpp>

#include "content/category.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

using faqt::CategoryMap;
using faqt::FoldedTicket;
using faqt::k_no_time;
using faqt::make_report;
using faqt::Report;
using faqt::ReportGroupBy;
using faqt::ReportOptions;
using faqt::ReportPeriod;
using faqt::TicketHistory;

namespace {

constexpr std::int64_t k_hour = 3600;
constexpr std::int64_t k_day = 86400;
constexpr std::size_t k_npos = static_cast<std::size_t>(-1);

// Wall-clock seconds of a day's start ("2024-03-18"), plus hours.
std::int64_t day(const char* text, std::int64_t hours = 0) {
    auto parsed = faqt::parse_report_day(text, "--since");
    REQUIRE(parsed.ok());
    return *parsed + hours * k_hour;
}

faqt::Config kb_config() {
    faqt::Config config;
    config.categories.push_back({"network/vpn", "VPN and remote access", "", {"NET-VPN", "Network > VPN"}, "", 0});
    config.categories.push_back({"accounts/passwords", "Passwords", "", {"ACC-PWD"}, "", 0});
    config.categories.push_back({"printers", "Printing and scanning", "", {"PRN"}, "", 0});
    return config;
}

// A history built by hand: the fields are plain data.
struct Tickets {
    TicketHistory history;

    Tickets() { history.values.push_back(""); }

    std::uint32_t intern(const std::string& value) {
        auto it = std::find(history.values.begin(), history.values.end(), value);
        if (it != history.values.end()) {
            return static_cast<std::uint32_t>(it - history.values.begin());
        }
        history.values.push_back(value);
        return static_cast<std::uint32_t>(history.values.size() - 1);
    }

    FoldedTicket& add(std::int64_t created, std::int64_t closed = k_no_time, const std::string& category = "") {
        FoldedTicket ticket;
        ticket.id = "T" + std::to_string(history.tickets.size() + 1);
        ticket.created = created;
        ticket.closed = closed;
        ticket.category = intern(category);
        history.tickets.push_back(ticket);
        return history.tickets.back();
    }

    Report report(ReportOptions options = {}) const { return make_report(history, options, CategoryMap(kb_config())); }
};

ReportOptions by(ReportGroupBy group_by, ReportPeriod period = ReportPeriod::week) {
    ReportOptions options;
    options.by = group_by;
    options.period = period;
    return options;
}

const faqt::ReportGroup& group(const Report& report, const std::string& name) {
    for (const auto& g : report.groups) {
        if (g.name == name) {
            return g;
        }
    }
    FAIL("no group " << name);
    return report.groups.front();
}

std::vector<std::string> labels(const Report& report) {
    std::vector<std::string> out;
    for (const auto& period : report.periods) {
        out.push_back(period.label);
    }
    return out;
}

std::string week_of(const char* text) {
    Tickets tickets;
    tickets.add(day(text, 12));
    const Report report = tickets.report();
    REQUIRE(report.periods.size() == 1);
    return report.periods[0].label;
}

}  // namespace

TEST_CASE("weeks are ISO 8601 weeks labelled with the ISO week-year", "[tickets][report]") {
    CHECK(week_of("2016-02-29") == "2016-W09");
    CHECK(week_of("2015-12-31") == "2015-W53");
    CHECK(week_of("2016-01-03") == "2015-W53");  // a Sunday: still the week of 2015's last Thursday
    CHECK(week_of("2016-01-04") == "2016-W01");
    CHECK(week_of("2021-01-03") == "2020-W53");
    CHECK(week_of("2021-01-04") == "2021-W01");
    CHECK(week_of("2024-12-30") == "2025-W01");
    CHECK(week_of("2025-01-05") == "2025-W01");
    CHECK(week_of("2018-12-31") == "2019-W01");
    CHECK(week_of("2020-12-31") == "2020-W53");
    CHECK(week_of("1970-01-01") == "1970-W01");
    CHECK(week_of("1969-12-29") == "1970-W01");
}

TEST_CASE("a week runs Monday to Sunday and its bounds are the Mondays' starts", "[tickets][report]") {
    Tickets tickets;
    tickets.add(day("2024-03-17", 23));  // Sunday, 23:00
    tickets.add(day("2024-03-18"));      // Monday, midnight
    const Report report = tickets.report();
    REQUIRE(labels(report) == std::vector<std::string>{"2024-W11", "2024-W12"});
    CHECK(report.periods[0].start == day("2024-03-11"));
    CHECK(report.periods[0].end == day("2024-03-18"));
    CHECK(report.periods[1].start == day("2024-03-18"));
    CHECK(report.periods[1].end == day("2024-03-25"));
    CHECK(report.total.periods[0].opened == 1);
    CHECK(report.total.periods[1].opened == 1);
}

TEST_CASE("months are calendar months across a year's end, February with its leap day", "[tickets][report]") {
    Tickets tickets;
    tickets.add(day("2015-12-31", 23));
    tickets.add(day("2016-02-29", 12), day("2016-03-01"));
    const Report report = tickets.report(by(ReportGroupBy::category, ReportPeriod::month));
    REQUIRE(labels(report) == std::vector<std::string>{"2015-12", "2016-01", "2016-02", "2016-03"});
    CHECK(report.periods[0].start == day("2015-12-01"));
    CHECK(report.periods[1].start == day("2016-01-01"));
    CHECK(report.periods[2].end - report.periods[2].start == 29 * k_day);
    CHECK(report.periods[3].end == day("2016-04-01"));
    CHECK(report.total.periods[1].opened == 0);  // an empty month is still there
    CHECK(report.total.periods[1].backlog == 1);
    CHECK(report.total.periods[3].closed == 1);
}

TEST_CASE("empty periods between tickets are listed and carry the backlog", "[tickets][report]") {
    Tickets tickets;
    tickets.add(day("2024-01-01"), day("2024-01-24"), "NET-VPN");  // W01, closed in W04
    tickets.add(day("2024-01-02"), k_no_time, "NET-VPN");          // W01, open
    tickets.add(day("2024-01-25"), k_no_time, "NET-VPN");          // W04
    const Report report = tickets.report();
    REQUIRE(labels(report) == std::vector<std::string>{"2024-W01", "2024-W02", "2024-W03", "2024-W04"});
    const auto& vpn = group(report, "network/vpn");
    CHECK(vpn.periods[0].opened == 2);
    CHECK(vpn.periods[0].backlog == 2);
    CHECK(vpn.periods[1].opened == 0);
    CHECK(vpn.periods[1].backlog == 2);
    CHECK(vpn.periods[2].backlog == 2);
    CHECK(vpn.periods[3].opened == 1);
    CHECK(vpn.periods[3].closed == 1);
    CHECK(vpn.periods[3].backlog == 2);
    CHECK(vpn.opened == 3);
    CHECK(vpn.closed == 1);
    CHECK(vpn.backlog == 2);
    CHECK(report.total.backlog == 2);
    CHECK(report.used == 3);
}

TEST_CASE("the last period runs to the latest close when no --until is given", "[tickets][report]") {
    Tickets tickets;
    tickets.add(day("2024-01-01"), day("2024-02-14"));
    const Report report = tickets.report(by(ReportGroupBy::category, ReportPeriod::month));
    CHECK(labels(report) == std::vector<std::string>{"2024-01", "2024-02"});
    CHECK(report.total.periods[1].closed == 1);
    CHECK(report.total.backlog == 0);
}

TEST_CASE("since and until bound what is counted", "[tickets][report]") {
    Tickets tickets;
    tickets.add(day("2024-02-20"), k_no_time, "PRN");          // before --since, open: backlog only
    tickets.add(day("2024-02-21"), day("2024-03-06"), "PRN");  // before --since, closed within the range
    tickets.add(day("2024-02-22"), day("2024-03-01"), "PRN");  // before --since, closed before it: nowhere
    tickets.add(day("2024-03-05"), day("2024-03-20"), "PRN");  // in range; closed after --until: still open
    tickets.add(day("2024-03-06"), day("2024-03-07"), "PRN");  // in range, closed in range
    tickets.add(day("2024-03-08"), k_no_time, "PRN");          // after --until: not counted
    tickets.add(day("2024-03-07", 23), k_no_time, "ACC-PWD");  // the last hour of the last day counted
    ReportOptions options;
    options.since = day("2024-03-04");          // a Monday: 2024-W10
    options.until = day("2024-03-07") + k_day;  // --until 2024-03-07, a Thursday: the end of that day
    const Report report = tickets.report(options);
    REQUIRE(labels(report) == std::vector<std::string>{"2024-W10"});
    CHECK(report.before_since == 3);
    CHECK(report.after_until == 1);
    CHECK(report.used == 3);
    const auto& printers = group(report, "printers");
    CHECK(printers.opened == 2);
    CHECK(printers.closed == 2);   // the one from before --since and the one of the range
    CHECK(printers.backlog == 2);  // the open one from before --since, the one closed after --until
    CHECK(report.total.backlog == 3);
    CHECK(report.ticket_period[0] == k_npos);
    CHECK(report.ticket_period[3] == 0);
    CHECK(report.ticket_period[5] == k_npos);
    REQUIRE(report.time_to_close_by_group.size() == 1);
    CHECK(report.time_to_close_by_group[0].count == 2);  // closes within the range only
}

TEST_CASE("a since in mid-week starts at its week, and tickets of that week before it are backlog",
          "[tickets][report]") {
    Tickets tickets;
    tickets.add(day("2024-03-04", 9));  // Monday, before --since
    tickets.add(day("2024-03-07", 9));  // Thursday
    ReportOptions options;
    options.since = day("2024-03-06");
    const Report report = tickets.report(options);
    REQUIRE(labels(report) == std::vector<std::string>{"2024-W10"});
    CHECK(report.periods[0].start == day("2024-03-04"));
    CHECK(report.before_since == 1);
    CHECK(report.total.opened == 1);
    CHECK(report.total.backlog == 2);
}

TEST_CASE("since and until with no ticket in between give their empty periods", "[tickets][report]") {
    Tickets tickets;
    tickets.add(day("2024-01-01"));
    ReportOptions options;
    options.since = day("2024-02-01");
    options.until = day("2024-03-31") + k_day;
    options.period = ReportPeriod::month;
    const Report report = tickets.report(options);
    CHECK(labels(report) == std::vector<std::string>{"2024-02", "2024-03"});
    CHECK(report.used == 0);
    CHECK(report.before_since == 1);
    CHECK(report.total.periods[0].backlog == 1);
    CHECK(report.total.periods[1].backlog == 1);
}

TEST_CASE("an until before since counts nothing", "[tickets][report]") {
    Tickets tickets;
    tickets.add(day("2024-01-01"));
    tickets.add(day("2024-03-01"));
    ReportOptions options;
    options.since = day("2024-02-01");
    options.until = day("2024-01-15");
    const Report report = tickets.report(options);
    CHECK(report.periods.empty());
    CHECK(report.used == 0);
    CHECK(report.before_since == 1);
    CHECK(report.after_until == 1);
}

TEST_CASE("no tickets give no periods", "[tickets][report]") {
    Tickets tickets;
    const Report report = tickets.report();
    CHECK(report.periods.empty());
    CHECK(report.groups.empty());
    CHECK(report.total.name == "total");
    CHECK(report.trend.empty());
}

TEST_CASE("a reopened ticket is closed at its last close, or open", "[tickets][report]") {
    Tickets tickets;
    // Closed in W01, reopened, closed again in W03: the fold keeps the last close.
    auto& again = tickets.add(day("2024-01-01"), day("2024-01-17"), "NET-VPN");
    again.reopened = 1;
    // Closed in W01, reopened and still open.
    auto& open = tickets.add(day("2024-01-02"), k_no_time, "NET-VPN");
    open.reopened = 1;
    const Report report = tickets.report();
    REQUIRE(report.periods.size() == 3);
    const auto& vpn = group(report, "network/vpn");
    CHECK(vpn.periods[0].closed == 0);
    CHECK(vpn.periods[2].closed == 1);
    CHECK(vpn.periods[0].backlog == 2);
    CHECK(vpn.periods[1].backlog == 2);
    CHECK(vpn.periods[2].backlog == 1);
    REQUIRE(report.time_to_close_by_group.size() == 1);
    CHECK(report.time_to_close_by_group[0].median == 16 * k_day);
}

TEST_CASE("a ticket closed without a date is opened, never closed, and out of the backlog after its period",
          "[tickets][report]") {
    Tickets tickets;
    auto& undated = tickets.add(day("2024-01-01"));
    undated.closed_without_date = true;
    tickets.add(day("2024-01-20"));
    const Report report = tickets.report();
    REQUIRE(report.periods.size() == 3);
    CHECK(report.closed_without_date == 1);
    CHECK(report.total.opened == 2);
    CHECK(report.total.closed == 0);
    CHECK(report.total.periods[0].backlog == 1);
    CHECK(report.total.periods[1].backlog == 0);
    CHECK(report.total.periods[2].backlog == 1);
    CHECK(report.time_to_close_by_group.empty());
}

TEST_CASE("a close written before the creation counts as at the creation", "[tickets][report]") {
    Tickets tickets;
    tickets.add(day("2024-01-10"), day("2024-01-01"));
    const Report report = tickets.report();
    REQUIRE(report.periods.size() == 1);
    CHECK(report.total.periods[0].opened == 1);
    CHECK(report.total.periods[0].closed == 1);
    CHECK(report.total.periods[0].backlog == 0);
    REQUIRE(report.time_to_close_by_group.size() == 1);
    CHECK(report.time_to_close_by_group[0].median == 0);
}

TEST_CASE("median and p90 are taken by nearest rank", "[tickets][report]") {
    auto stats = [](const std::vector<std::int64_t>& hours) {
        Tickets tickets;
        for (std::int64_t h : hours) {
            tickets.add(day("2024-01-01"), day("2024-01-01") + h * k_hour);
        }
        const Report report = tickets.report();
        REQUIRE(report.time_to_close_by_group.size() == 1);
        return report.time_to_close_by_group[0];
    };
    // 1..10 hours, shuffled: median rank ceil(5) = 5, p90 rank ceil(9) = 9 (not 10: no float error).
    auto ten = stats({7, 3, 10, 1, 9, 2, 8, 4, 6, 5});
    CHECK(ten.count == 10);
    CHECK(ten.median == 5 * k_hour);
    CHECK(ten.p90 == 9 * k_hour);
    // Of four values the median is the 2nd, p90 rank ceil(3.6) = 4.
    auto four = stats({40, 10, 30, 20});
    CHECK(four.median == 20 * k_hour);
    CHECK(four.p90 == 40 * k_hour);
    auto one = stats({5});
    CHECK(one.median == 5 * k_hour);
    CHECK(one.p90 == 5 * k_hour);
    // Eleven: median rank 6, p90 rank ceil(9.9) = 10.
    auto eleven = stats({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    CHECK(eleven.median == 6 * k_hour);
    CHECK(eleven.p90 == 10 * k_hour);
    // Twenty: median rank 10, p90 rank 18.
    std::vector<std::int64_t> twenty;
    for (int i = 20; i >= 1; --i) {
        twenty.push_back(i);
    }
    auto t = stats(twenty);
    CHECK(t.median == 10 * k_hour);
    CHECK(t.p90 == 18 * k_hour);
}

TEST_CASE("time to close per priority, most tickets first", "[tickets][report]") {
    Tickets tickets;
    const std::uint32_t p1 = tickets.intern("1 - Critical");
    const std::uint32_t p3 = tickets.intern("3 - Moderate");
    tickets.add(day("2024-01-01"), day("2024-01-01", 2), "NET-VPN").priority = p1;
    tickets.add(day("2024-01-01"), day("2024-01-02"), "PRN").priority = p3;
    tickets.add(day("2024-01-01"), day("2024-01-03"), "PRN").priority = p3;
    tickets.add(day("2024-01-01"), day("2024-01-04"), "PRN");        // no priority
    tickets.add(day("2024-01-01"), k_no_time, "PRN").priority = p1;  // open: not in time to close
    const Report report = tickets.report();
    REQUIRE(report.time_to_close_by_priority.size() == 3);
    CHECK(report.time_to_close_by_priority[0].group == "3 - Moderate");
    CHECK(report.time_to_close_by_priority[0].count == 2);
    CHECK(report.time_to_close_by_priority[0].median == k_day);
    CHECK(report.time_to_close_by_priority[0].p90 == 2 * k_day);
    CHECK(report.time_to_close_by_priority[1].group == "(none)");
    CHECK(report.time_to_close_by_priority[2].group == "1 - Critical");
    CHECK(report.time_to_close_by_priority[2].count == 1);
    CHECK(report.time_to_close_by_priority[2].median == 2 * k_hour);
    // Per group in the groups' order: printers (4 opened) before network/vpn.
    REQUIRE(report.time_to_close_by_group.size() == 2);
    CHECK(report.time_to_close_by_group[0].group == "printers");
    CHECK(report.time_to_close_by_group[0].count == 3);
    CHECK(report.time_to_close_by_group[1].group == "network/vpn");
}

TEST_CASE("first response and resolution time are listed only when tickets have them", "[tickets][report]") {
    Tickets tickets;
    tickets.add(day("2024-01-01"), day("2024-01-02"), "PRN");
    tickets.add(day("2024-01-01"), day("2024-01-02"), "NET-VPN");
    {
        const Report report = tickets.report();
        CHECK(report.first_response_by_group.empty());
        CHECK(report.resolution_time_by_group.empty());
    }
    tickets.history.tickets[0].first_response = 30 * 60;
    tickets.history.tickets[0].resolution_time = 5 * k_hour;
    auto& open = tickets.add(day("2024-01-01"), k_no_time, "PRN");
    open.first_response = 90 * 60;
    open.resolution_time = k_hour;  // not closed: not a resolution of the range
    const Report report = tickets.report();
    REQUIRE(report.first_response_by_group.size() == 1);
    CHECK(report.first_response_by_group[0].group == "printers");
    CHECK(report.first_response_by_group[0].count == 2);
    CHECK(report.first_response_by_group[0].median == 30 * 60);
    CHECK(report.first_response_by_group[0].p90 == 90 * 60);
    REQUIRE(report.resolution_time_by_group.size() == 1);
    CHECK(report.resolution_time_by_group[0].count == 1);
    CHECK(report.resolution_time_by_group[0].median == 5 * k_hour);
}

TEST_CASE("the trend compares the last periods with the ones before, rising groups only", "[tickets][report]") {
    Tickets tickets;
    // Eight weeks from 2024-01-01 (W01..W08); trend over 4 against 4.
    auto opened = [&](const std::string& category, int week, int count) {
        for (int i = 0; i < count; ++i) {
            tickets.add(day("2024-01-01") + (week * 7 + 1) * k_day, k_no_time, category);
        }
    };
    opened("PRN", 0, 1);  // printers: 1 → 5, rise 4
    opened("PRN", 6, 5);
    opened("NET-VPN", 1, 3);  // network/vpn: 3 → 1, falls
    opened("NET-VPN", 7, 1);
    opened("ACC-PWD", 2, 2);  // accounts/passwords: 2 → 2, flat
    opened("ACC-PWD", 5, 2);
    opened("Hardware", 4, 4);  // unmapped "Hardware": 0 → 4, rise 4
    ReportOptions options;
    options.trend_periods = 4;
    const Report report = tickets.report(options);
    REQUIRE(report.periods.size() == 8);
    REQUIRE(report.trend.size() == 2);
    CHECK(report.trend[0].group == "Hardware");  // same rise: by name, byte order
    CHECK(report.trend[0].previous == 0);
    CHECK(report.trend[0].recent == 4);
    CHECK(report.trend[1].group == "printers");
    CHECK(report.trend[1].previous == 1);
    CHECK(report.trend[1].recent == 5);

    // Two periods a side: W05-W06 against W07-W08.
    options.trend_periods = 2;
    const Report two = tickets.report(options);
    REQUIRE(two.trend.size() == 2);
    CHECK(two.trend[0].group == "printers");
    CHECK(two.trend[0].previous == 0);
    CHECK(two.trend[0].recent == 5);
    CHECK(two.trend[1].group == "network/vpn");
    CHECK(two.trend[1].previous == 0);
    CHECK(two.trend[1].recent == 1);
}

TEST_CASE("with fewer periods than the trend needs, the later half is compared with the earlier", "[tickets][report]") {
    Tickets tickets;
    // Five weeks: the first is left out, W02-W03 against W04-W05.
    tickets.add(day("2024-01-01"), k_no_time, "PRN");  // W01: not compared
    tickets.add(day("2024-01-01"), k_no_time, "PRN");
    tickets.add(day("2024-01-09"), k_no_time, "PRN");  // W02
    tickets.add(day("2024-01-23"), k_no_time, "PRN");  // W04
    tickets.add(day("2024-01-30"), k_no_time, "PRN");  // W05
    const Report report = tickets.report();
    REQUIRE(report.periods.size() == 5);
    REQUIRE(report.trend.size() == 1);
    CHECK(report.trend[0].previous == 1);
    CHECK(report.trend[0].recent == 2);

    Tickets single;
    single.add(day("2024-01-01"));
    CHECK(single.report().trend.empty());  // one period: nothing to compare
}

TEST_CASE("categories map through codes, names and ids folded, and the rest is unmapped", "[tickets][report]") {
    Tickets tickets;
    tickets.add(day("2024-01-01"), k_no_time, "NET-VPN");
    tickets.add(day("2024-01-01"), k_no_time, " network >  vpn ");
    tickets.add(day("2024-01-01"), k_no_time, "VPN AND REMOTE ACCESS");
    tickets.add(day("2024-01-01"), k_no_time, "network/vpn");
    tickets.add(day("2024-01-01"), k_no_time, "Hardware");
    tickets.add(day("2024-01-02"), k_no_time, "Hardware");
    tickets.add(day("2024-01-02"), k_no_time, "Facilities");
    tickets.add(day("2024-01-02"), k_no_time, "");
    tickets.add(day("2024-01-03"), k_no_time, "Old queue");  // before --since: not in unmapped
    tickets.history.tickets.back().created = day("2023-12-01");
    ReportOptions options;
    options.since = day("2024-01-01");
    const Report report = tickets.report(options);
    REQUIRE(report.groups.size() == 5);
    CHECK(report.groups[0].name == "network/vpn");
    CHECK(report.groups[0].mapped);
    CHECK(report.groups[0].opened == 4);
    CHECK(report.groups[1].name == "Hardware");
    CHECK_FALSE(report.groups[1].mapped);
    CHECK(report.groups[2].name == "(none)");
    CHECK_FALSE(report.groups[2].mapped);
    CHECK(report.groups[3].name == "Facilities");
    CHECK(report.groups[4].name == "Old queue");  // in the backlog only
    CHECK(report.groups[4].opened == 0);
    CHECK(report.groups[4].backlog == 1);
    REQUIRE(report.unmapped.size() == 2);
    CHECK(report.unmapped[0].value == "Hardware");
    CHECK(report.unmapped[0].tickets == 2);
    CHECK(report.unmapped[1].value == "Facilities");
    CHECK(report.unmapped[1].tickets == 1);
    REQUIRE(report.ticket_category.size() == 9);
    CHECK(report.ticket_category[1] == "network/vpn");
    CHECK(report.ticket_category[4] == "");
    CHECK(report.ticket_category[8] == "");
    CHECK(report.ticket_period[0] == 0);
    CHECK(report.ticket_period[8] == k_npos);
}

TEST_CASE("ticket_category is filled whatever the report groups by", "[tickets][report]") {
    Tickets tickets;
    tickets.add(day("2024-01-01"), k_no_time, "ACC-PWD").customer = tickets.intern("Contoso");
    const Report report = tickets.report(by(ReportGroupBy::customer));
    CHECK(report.ticket_category[0] == "accounts/passwords");
    CHECK(report.unmapped.empty());
    REQUIRE(report.groups.size() == 1);
    CHECK(report.groups[0].name == "Contoso");
}

TEST_CASE("customer, priority and agent group as written, empty as (none)", "[tickets][report]") {
    Tickets tickets;
    const std::uint32_t contoso = tickets.intern("Contoso");
    const std::uint32_t contoso_lower = tickets.intern("contoso");
    const std::uint32_t fabrikam = tickets.intern("Fabrikam");
    const std::uint32_t high = tickets.intern("High");
    const std::uint32_t ana = tickets.intern("Ana Nowak");
    auto& a = tickets.add(day("2024-01-01"), day("2024-01-02"), "PRN");
    a.customer = contoso;
    a.priority = high;
    a.agent = ana;
    auto& b = tickets.add(day("2024-01-01"), k_no_time, "PRN");
    b.customer = contoso;
    b.priority = high;
    auto& c = tickets.add(day("2024-01-01"), k_no_time, "NET-VPN");
    c.customer = fabrikam;
    c.agent = ana;
    auto& d = tickets.add(day("2024-01-01"), k_no_time, "NET-VPN");
    d.customer = contoso_lower;

    const Report customers = tickets.report(by(ReportGroupBy::customer));
    REQUIRE(customers.groups.size() == 3);
    CHECK(customers.groups[0].name == "Contoso");
    CHECK(customers.groups[0].opened == 2);
    CHECK(customers.groups[0].closed == 1);
    CHECK(customers.groups[0].backlog == 1);
    CHECK(customers.groups[0].mapped);
    CHECK(customers.groups[1].name == "Fabrikam");  // then by name
    CHECK(customers.groups[2].name == "contoso");   // as written: not merged with "Contoso"
    CHECK(customers.unmapped.empty());
    CHECK(customers.by == ReportGroupBy::customer);

    const Report priorities = tickets.report(by(ReportGroupBy::priority));
    REQUIRE(priorities.groups.size() == 2);
    CHECK(priorities.groups[0].name == "(none)");
    CHECK(priorities.groups[0].opened == 2);
    CHECK(priorities.groups[1].name == "High");

    const Report agents = tickets.report(by(ReportGroupBy::agent));
    REQUIRE(agents.groups.size() == 2);
    CHECK(agents.groups[0].name == "(none)");
    CHECK(agents.groups[1].name == "Ana Nowak");
    CHECK(agents.groups[1].opened == 2);
    CHECK(agents.groups[1].closed == 1);

    const Report categories = tickets.report(by(ReportGroupBy::category));
    REQUIRE(categories.groups.size() == 2);
    CHECK(categories.groups[0].name == "network/vpn");  // 2 and 2: by name
    CHECK(categories.groups[1].name == "printers");
}

TEST_CASE("to_string names the period and the grouping as the options write them", "[tickets][report]") {
    CHECK(std::string(faqt::to_string(ReportPeriod::week)) == "week");
    CHECK(std::string(faqt::to_string(ReportPeriod::month)) == "month");
    CHECK(std::string(faqt::to_string(ReportGroupBy::category)) == "category");
    CHECK(std::string(faqt::to_string(ReportGroupBy::customer)) == "customer");
    CHECK(std::string(faqt::to_string(ReportGroupBy::priority)) == "priority");
    CHECK(std::string(faqt::to_string(ReportGroupBy::agent)) == "agent");
}

TEST_CASE("CategoryMap and CategoryTree::find_by_code agree", "[tickets][report]") {
    const auto config = kb_config();
    const CategoryMap map(config);
    const faqt::CategoryTree tree(config);
    for (const char* value :
         {"NET-VPN", "net-vpn", "Network  > VPN", "Passwords", "printers", "PRN ", "Hardware", "", "network"}) {
        CHECK(map.map(value) == tree.find_by_code(value));
    }
    CHECK(map.map("Network  > VPN") == "network/vpn");
    CHECK(map.map("network") == "");  // a parent only implied by a path names nothing
}

TEST_CASE("parse_report_day reads YYYY-MM-DD only", "[tickets][report]") {
    auto ok = faqt::parse_report_day("2024-03-18", "--since");
    REQUIRE(ok.ok());
    CHECK(*ok == 1710720000);  // 2024-03-18T00:00:00 as seconds of the wall clock
    auto leap = faqt::parse_report_day("2024-02-29", "--until");
    REQUIRE(leap.ok());
    CHECK(*leap == *ok - 18 * k_day);
    CHECK(faqt::parse_report_day("1970-01-01", "--since").value() == 0);
    for (const char* bad : {"2024-3-18", "18/03/2024", "2024-03-18T10:00", "2024-03-18 ", "", "yesterday", "2024/03/18",
                            "+024-03-18", "2024-03-1x"}) {
        auto parsed = faqt::parse_report_day(bad, "--since");
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == faqt::ErrorCode::usage);
        CHECK(parsed.error().message.find("--since") != std::string::npos);
        CHECK(parsed.error().hint.find("YYYY-MM-DD") != std::string::npos);
    }
    for (const char* impossible : {"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00"}) {
        auto parsed = faqt::parse_report_day(impossible, "--until");
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.find("--until") != std::string::npos);
    }
    // What reaches the terminal has no control characters.
    auto escape = faqt::parse_report_day("\x1b[31m2024", "--since");
    REQUIRE_FALSE(escape.ok());
    CHECK(escape.error().message.find('\x1b') == std::string::npos);
}

// Random histories, checked against what must hold whatever the data.
namespace {

struct RandomHistory {
    Tickets tickets;
    ReportOptions options;
    bool has_before_since = false;
    bool has_undated = false;
};

RandomHistory random_history(std::mt19937& rng) {
    RandomHistory out;
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const std::vector<std::string> categories = {"NET-VPN", "network > vpn", "ACC-PWD",    "Passwords",
                                                 "PRN",     "Hardware",      "Facilities", ""};
    const std::vector<std::string> customers = {"Contoso", "Fabrikam", "Northwind", ""};
    const std::vector<std::string> priorities = {"1", "2", "3", "4", ""};
    const std::vector<std::string> agents = {"Ana", "Piotr", "Chen", "Ola", ""};
    const std::int64_t start = day("2023-11-20") + pick(400) * k_day;
    const int span_days = 20 + pick(200);
    const int count = 100 + pick(300);
    const bool undated = pick(3) == 0;
    for (int i = 0; i < count; ++i) {
        const std::int64_t created = start + pick(span_days) * k_day + pick(86400);
        std::int64_t closed = k_no_time;
        const int fate = pick(10);
        if (fate < 6) {
            closed = created + pick(40) * k_day + pick(86400);
        }
        auto& ticket = out.tickets.add(created, closed, categories[static_cast<std::size_t>(pick(8))]);
        if (undated && fate == 6) {
            ticket.closed_without_date = true;
        }
        ticket.customer = out.tickets.intern(customers[static_cast<std::size_t>(pick(4))]);
        ticket.priority = out.tickets.intern(priorities[static_cast<std::size_t>(pick(5))]);
        ticket.agent = out.tickets.intern(agents[static_cast<std::size_t>(pick(5))]);
    }
    out.options.period = pick(2) == 0 ? ReportPeriod::week : ReportPeriod::month;
    out.options.trend_periods = static_cast<std::size_t>(1 + pick(5));
    const int bounds = pick(4);
    if (bounds == 1 || bounds == 3) {
        out.options.since = start + pick(span_days / 2) * k_day;
    }
    if (bounds == 2 || bounds == 3) {
        out.options.until = start + (span_days / 2 + pick(span_days)) * k_day;
    }
    for (const auto& ticket : out.tickets.history.tickets) {
        out.has_before_since =
            out.has_before_since || (out.options.since != k_no_time && ticket.created < out.options.since);
        out.has_undated = out.has_undated || ticket.closed_without_date;
    }
    return out;
}

}  // namespace

TEST_CASE("property: every ticket is counted once and the counts add up, by every grouping",
          "[tickets][report][property]") {
    for (unsigned round = 0; round < 200; ++round) {
        std::mt19937 rng(1000 + round);
        RandomHistory random = random_history(rng);
        const auto& tickets = random.tickets.history.tickets;
        for (ReportGroupBy group_by :
             {ReportGroupBy::category, ReportGroupBy::customer, ReportGroupBy::priority, ReportGroupBy::agent}) {
            INFO("round " << round << " by " << faqt::to_string(group_by));
            ReportOptions options = random.options;
            options.by = group_by;
            const Report report = random.tickets.report(options);
            const std::size_t periods = report.periods.size();
            REQUIRE(periods > 0);
            REQUIRE(report.total.periods.size() == periods);

            // Periods follow each other without a gap.
            for (std::size_t p = 1; p < periods; ++p) {
                REQUIRE(report.periods[p].start == report.periods[p - 1].end);
            }
            // Every ticket is used, before --since or after --until: once.
            CHECK(report.used + report.before_since + report.after_until == tickets.size());
            // Sum of opened over periods and groups = used = the total row.
            std::size_t opened = 0;
            for (const auto& group : report.groups) {
                REQUIRE(group.periods.size() == periods);
                for (const auto& counts : group.periods) {
                    opened += counts.opened;
                }
            }
            CHECK(opened == report.used);
            CHECK(report.total.opened == report.used);
            // Each ticket in exactly one period: ticket_period agrees with the counts.
            std::vector<std::size_t> by_ticket(periods, 0);
            for (std::size_t i = 0; i < tickets.size(); ++i) {
                if (report.ticket_period[i] != k_npos) {
                    REQUIRE(report.ticket_period[i] < periods);
                    ++by_ticket[report.ticket_period[i]];
                    CHECK(tickets[i].created >= report.periods[report.ticket_period[i]].start);
                    CHECK(tickets[i].created < report.periods[report.ticket_period[i]].end);
                }
            }
            // Per period, the groups sum to the total row; the backlog
            // follows from its definition, counted here the slow way.
            const std::int64_t range_start = options.since != k_no_time ? options.since : report.periods.front().start;
            const std::int64_t range_end = options.until != k_no_time ? options.until : report.periods.back().end;
            std::size_t created_so_far = report.before_since;
            for (std::size_t p = 0; p < periods; ++p) {
                faqt::PeriodCounts sum;
                for (const auto& group : report.groups) {
                    sum.opened += group.periods[p].opened;
                    sum.closed += group.periods[p].closed;
                    sum.backlog += group.periods[p].backlog;
                }
                CHECK(sum.opened == report.total.periods[p].opened);
                CHECK(sum.closed == report.total.periods[p].closed);
                CHECK(sum.backlog == report.total.periods[p].backlog);
                CHECK(by_ticket[p] == report.total.periods[p].opened);

                const std::int64_t end = std::min(report.periods[p].end, range_end);
                std::size_t backlog = 0;
                std::size_t closed = 0;
                for (const auto& ticket : tickets) {
                    if (ticket.created >= range_end) {
                        continue;
                    }
                    const bool before = ticket.created < range_start;
                    const bool closed_here = ticket.is_closed() && ticket.closed >= report.periods[p].start &&
                                             ticket.closed < end && ticket.closed >= range_start;
                    if (closed_here && !ticket.closed_without_date) {
                        ++closed;
                    }
                    if (ticket.created >= end) {
                        continue;
                    }
                    if (ticket.closed_without_date) {
                        if (!before && ticket.created >= report.periods[p].start) {
                            ++backlog;  // in the backlog of its own period only
                        }
                        continue;
                    }
                    if (!ticket.is_closed() || ticket.closed >= end) {
                        ++backlog;
                    }
                }
                CHECK(report.total.periods[p].closed == closed);
                CHECK(report.total.periods[p].backlog == backlog);

                // The backlog never exceeds the tickets created so far.
                created_so_far += report.total.periods[p].opened;
                CHECK(report.total.periods[p].backlog <= created_so_far);
            }
            // backlog(p) = backlog(p-1) + opened(p) - closed(p), per group and in total.
            if (!random.has_before_since && !random.has_undated) {
                for (const auto* group : [&] {
                         std::vector<const faqt::ReportGroup*> all{&report.total};
                         for (const auto& g : report.groups) {
                             all.push_back(&g);
                         }
                         return all;
                     }()) {
                    std::size_t backlog = 0;
                    for (const auto& counts : group->periods) {
                        REQUIRE(backlog + counts.opened >= counts.closed);
                        backlog = backlog + counts.opened - counts.closed;
                        CHECK(counts.backlog == backlog);
                    }
                    CHECK(group->backlog == backlog);
                }
            }
            // Groups: by opened, most first, then name; names unique.
            for (std::size_t g = 1; g < report.groups.size(); ++g) {
                const auto& a = report.groups[g - 1];
                const auto& b = report.groups[g];
                CHECK((a.opened > b.opened || (a.opened == b.opened && a.name < b.name)));
            }
            // Time to close counts each close within the range once.
            std::size_t timed = 0;
            for (const auto& stats : report.time_to_close_by_group) {
                timed += stats.count;
                CHECK(stats.median <= stats.p90);
            }
            std::size_t timed_by_priority = 0;
            for (const auto& stats : report.time_to_close_by_priority) {
                timed_by_priority += stats.count;
            }
            CHECK(timed == report.total.closed);
            CHECK(timed_by_priority == report.total.closed);
            // The trend lists rising groups only.
            for (const auto& row : report.trend) {
                CHECK(row.recent > row.previous);
            }
            // Unmapped values count only tickets opened in the range.
            std::size_t unmapped = 0;
            for (const auto& value : report.unmapped) {
                unmapped += value.tickets;
            }
            std::size_t expected_unmapped = 0;
            if (group_by == ReportGroupBy::category) {
                for (std::size_t i = 0; i < tickets.size(); ++i) {
                    const std::string& value = random.tickets.history.values[tickets[i].category];
                    if (report.ticket_period[i] != k_npos && (value == "Hardware" || value == "Facilities")) {
                        ++expected_unmapped;
                    }
                }
            }
            CHECK(unmapped == expected_unmapped);
        }
    }
}

TEST_CASE("a million tickets are counted in one pass", "[tickets][report][.slow]") {
    // Run by hand (tickets_tests "[.slow]") to see the time; tests assert no timings.
    Tickets tickets;
    std::mt19937 rng(7);
    for (const char* category : {"NET-VPN", "ACC-PWD", "PRN", "Hardware"}) {
        tickets.intern(category);
    }
    tickets.history.tickets.reserve(1000000);
    const std::int64_t start = day("2024-01-01");
    for (int i = 0; i < 1000000; ++i) {
        FoldedTicket ticket;
        ticket.created = start + static_cast<std::int64_t>(rng() % (365u * 86400u));
        if (rng() % 3 != 0) {
            ticket.closed = ticket.created + static_cast<std::int64_t>(rng() % (30u * 86400u));
        }
        ticket.category = 1 + rng() % 4;
        ticket.priority = rng() % 5;
        tickets.history.tickets.push_back(ticket);
    }
    const Report report = tickets.report();
    CHECK(report.used == 1000000);
}
