#pragma once
// The numbers of `faqt report`: tickets per period and group, opened,
// closed and backlog, time to close, first response and resolution time,
// and the trend. faqt-report(1) states the definitions; an independent
// computation (tests/report/) checks them number by number:
//
// - opened: tickets created in the period; a ticket created before --since
//   is not opened in any period but is in the backlog while open.
// - closed: tickets whose close (FoldedTicket::closed, their last
//   transition into a closing status) falls in the period.
// - backlog at the end of a period: tickets created on or before its end
//   and not closed by then (closed after its end, or not closed).
// So backlog(p) = backlog(p-1) + opened(p) - closed(p) for tickets created
// within the range.
// - periods: ISO 8601 weeks (Monday to Sunday, "2016-W09") or calendar
//   months ("2016-03") of the zone's wall clock, from the period holding
//   --since (else the first ticket created) to the period holding --until
//   (else the latest creation or close), empty ones included.
// - time to close: closed - created of the tickets closed in the range;
//   median and 90th percentile by nearest rank (the value at rank
//   ceil(p * n) of the sorted values).
// - trend: a group's tickets opened in the last `trend_periods` periods
//   against the `trend_periods` before; groups ranked by the rise.
// - groups: the KB category a ticket's category maps to (a code, an id or
//   a name of [[categories]], folded), else the ticket's value as written
//   (unmapped); customer, priority or agent as written; "" is "(none)".
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
    bool mapped = true;   // by category: false when name is the ticket system's value, mapped to no KB category
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
    std::size_t closed_without_date = 0;  // end closed, no date: opened, never closed, out of the backlog

    std::vector<DurationStats> time_to_close_by_group;     // groups in Report::groups order
    std::vector<DurationStats> time_to_close_by_priority;  // priorities by count, most first
    std::vector<DurationStats> first_response_by_group;    // empty when the export has no such column
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
// seconds of its start; until takes the end of that day. Errors (usage):
// not a date of that form.
Result<std::int64_t> parse_report_day(std::string_view text, const char* option);

}  // namespace faqt
