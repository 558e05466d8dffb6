#pragma once
// The numbers of `faqt report`: tickets per period and group, opened,
// closed and backlog, time to close, first response and resolution time,
// and the trend. faqt-report(1) states the definitions; an independent
// computation (tests/report/) checks them number by number:
//
// - range: creations and closes are counted from --since (else the start
//   of the first period) up to --until, exclusive (else the end of the last
//   period). A close at or after --until is not seen: the ticket is still
//   open at the end of the report. A close written before its ticket's
//   creation is taken as at the creation.
// - opened: tickets created in the period; a ticket created before --since
//   is not opened in any period but is in the backlog while open, and its
//   close within the range is counted as closed (and in time to close). A
//   ticket created at or after --until is not counted at all.
// - closed: tickets whose close (FoldedTicket::closed, their last
//   transition into a closing status) falls in the period.
// - backlog at the end of a period: tickets created on or before its end
//   and not closed by then (closed after its end, or not closed).
// So backlog(p) = backlog(p-1) + opened(p) - closed(p) for tickets created
// within the range. A ticket closed without a date (closed_without_date) is
// opened in its period and in the backlog at that period's end, never
// closed, and out of the backlog from the next period on: each such ticket
// takes one from the backlog of the period after its own that this sum does
// not account for. A ticket created before --since and closed without a
// date is in no backlog.
// - periods: ISO 8601 weeks (Monday to Sunday, "2016-W09", the year being
//   the ISO week-year: 2021-01-03 is in "2020-W53") or calendar months
//   ("2016-03") of the zone's wall clock, from the period holding --since
//   (else the first ticket created) to the period holding the last second
//   before --until (else the latest creation or close), empty ones
//   included. No ticket and no --until, or --until not after --since: no
//   periods, and every ticket is before_since or after_until.
// - time to close: closed - created of the tickets closed in the range;
//   median and 90th percentile by nearest rank (the value at rank
//   ceil(p * n) of the sorted values: of 4 values the median is the 2nd).
//   Listed per group (groups with a close in the range only) and per
//   priority. First response: of the tickets opened in the range that have
//   one; resolution time: of the tickets closed in the range that have one.
// - trend: a group's tickets opened in the last `trend_periods` periods
//   against the `trend_periods` before; only groups that rise, ranked by the
//   rise, then name. With fewer than 2 * trend_periods periods, the later
//   half of the periods against the earlier half (of an odd number the
//   first period is left out); with fewer than 2 periods, no trend.
// - groups: the KB category a ticket's category maps to (a code, an id or
//   a name of [[categories]], folded: content/category.hpp's
//   category_key(), the rule `faqt suggest` uses too), else the ticket's
//   value as written (unmapped); customer, priority or agent as written; ""
//   is "(none)". Groups are made of the tickets counted in the range
//   (opened, or in a backlog or closed there).
// - unmapped: by category, the non-empty values of the tickets opened in
//   the range that map to no category, with their ticket counts.
//
// Pure functions of their arguments; thread-safe.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/config.hpp"
#include "tickets/ticket_history.hpp"

namespace faqt {

enum class ReportPeriod { week, month };
enum class ReportGroupBy { category, customer, priority, agent };

const char* to_string(ReportPeriod period);    // "week", "month"
const char* to_string(ReportGroupBy group_by); // "category", ...

struct ReportOptions {
    ReportPeriod period = ReportPeriod::week;
    ReportGroupBy by = ReportGroupBy::category;
    std::int64_t since = k_no_time;  // wall-clock seconds in the history's zone: the start of the first day counted
    std::int64_t until = k_no_time;  // the end (exclusive) of the last day counted
    std::size_t trend_periods = 4;
};

// A ticket system's category value and the KB category it maps to.
class CategoryMap {
public:
    explicit CategoryMap(const Config& config);
    // The id of the [[categories]] entry whose id, name or one of whose
    // codes equals value folded (content's fold(), spaces trimmed), or "".
    std::string map(std::string_view value) const;

private:
    std::vector<std::pair<std::string, std::string>> m_keys;  // folded key → category id, sorted by key
};

struct PeriodCounts {
    std::size_t opened = 0;
    std::size_t closed = 0;
    std::size_t backlog = 0;  // at the end of the period
};

struct ReportPeriodSpan {
    std::string label;       // "2016-W09", "2016-03"
    std::int64_t start = 0;  // wall-clock seconds, inclusive
    std::int64_t end = 0;    // exclusive
};

struct ReportGroup {
    std::string name;     // category id, customer, ...; "(none)" for an empty value
    bool mapped = true;   // by category: false when name is the ticket system's unmapped value, or "(none)"
    std::vector<PeriodCounts> periods;  // one per Report::periods
    std::size_t opened = 0;             // over all periods
    std::size_t closed = 0;
    std::size_t backlog = 0;            // at the end of the last period
};

struct DurationStats {
    std::string group;  // a group's name, or a priority
    std::size_t count = 0;
    std::int64_t median = 0;  // seconds
    std::int64_t p90 = 0;
};

struct TrendRow {
    std::string group;
    std::size_t previous = 0;  // opened in the trend_periods before the recent ones
    std::size_t recent = 0;    // opened in the last trend_periods
};

struct UnmappedCategory {
    std::string value;  // as the ticket system writes it
    std::size_t tickets = 0;
};

struct Report {
    ReportPeriod period = ReportPeriod::week;
    ReportGroupBy by = ReportGroupBy::category;
    std::vector<ReportPeriodSpan> periods;
    std::vector<ReportGroup> groups;  // by tickets opened, most first; then name
    ReportGroup total;                // name "total": the sum of every group per period

    std::size_t used = 0;                 // tickets opened within the range (= total.opened)
    std::size_t before_since = 0;         // created before --since (backlog only)
    std::size_t after_until = 0;          // created after --until (not counted)
    std::size_t closed_without_date = 0;  // closed, no date: opened, never closed, out of the backlog after its period

    std::vector<DurationStats> time_to_close_by_group;     // groups with a close, in Report::groups order
    std::vector<DurationStats> time_to_close_by_priority;  // priorities by count, most first
    std::vector<DurationStats> first_response_by_group;    // groups with one; empty when no ticket has one
    std::vector<DurationStats> resolution_time_by_group;   // likewise
    std::vector<TrendRow> trend;                           // rising groups, most rise first
    std::vector<UnmappedCategory> unmapped;                // by category: values no [[categories]] entry maps, most first

    // Per FoldedTicket of the history (same index): the KB category id its
    // category maps to ("" none), and the period it was opened in
    // (npos: outside the range).
    std::vector<std::string> ticket_category;
    std::vector<std::size_t> ticket_period;
};

Report make_report(const TicketHistory& history, const ReportOptions& options, const CategoryMap& categories);

// --since/--until: "2024-03-18" (a day of the history's zone) → wall-clock
// seconds of its start; for --until the caller adds a day (86400 s) to make
// ReportOptions::until. Errors (usage, naming option): not of the form
// YYYY-MM-DD, or not a day of the calendar ("2024-02-30").
Result<std::int64_t> parse_report_day(std::string_view text, const char* option);

}  // namespace faqt
