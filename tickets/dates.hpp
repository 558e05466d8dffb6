#pragma once
// Dates and times as ticket systems export them, unedited: ISO 8601 with or
// without a zone ("2024-03-18T10:15:00Z", "2024-03-18 10:15"), day-first
// and month-first numbers ("29/2/2016 01:16", "02/29/2016 1:16 PM",
// "29.02.2016"), Jira's "18/Mar/24 10:15 AM", "Mar 18, 2024", an email's
// "Mon, 18 Mar 2024 10:15:00 +0100", or a format the user gives
// (--date-format, strptime-like).
//
// A value like "03/04/2024" can be read two ways; which one is a property
// of the column, not of the value, so DateOrderVotes counts what every value
// of a column says (a part over 12 decides) and the caller parses with the
// order the column settles on, and says which.
//
// Times are seconds since 1970-01-01 UTC. A time written with a zone is
// converted to UTC; one without is taken as written (the export's own
// clock), which is what a weekly report of one help desk needs.
// Pure functions; thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faqt {

// "", "?", "-", "NULL", "N/A", "none" (any case, surrounding spaces): no date.
bool is_missing_date(std::string_view value);

enum class DayMonthOrder { unknown, day_first, month_first };
const char* to_string(DayMonthOrder order);  // "unknown", "day-first", "month-first"

// What one value says about the order of day and month in its column.
enum class OrderVote {
    none,         // no numeric day and month to swap (ISO, a month name, missing, unreadable)
    either,       // both parts are 12 or less: "03/04/2024"
    day_first,    // the first part is over 12 ("29/02/2016"), or dots ("29.02.2016", "03.04.2024")
    month_first,  // the second part is over 12 ("02/29/2016")
};
OrderVote order_vote(std::string_view value);

// The votes of a whole column.
struct DateOrderVotes {
    std::int64_t day_first = 0;
    std::int64_t month_first = 0;
    std::int64_t either = 0;
    std::string day_first_example;  // a value that voted so, for the report's note
    std::string month_first_example;

    void add(std::string_view value);
    // The order the votes decide: unknown when none decides, or when both
    // orders have votes (the column mixes them: say so, use --date-format).
    DayMonthOrder decided() const;
    bool conflicting() const { return day_first > 0 && month_first > 0; }
};

// A --date-format: strptime-like fields %Y %y %m %d %e %b %B %H %I %M %S %p
// %z %Z %T (%H:%M:%S) %F (%Y-%m-%d) %%, a space matching any run of spaces,
// any other character itself.
struct DateFormat {
    std::string pattern;
    bool valid = false;
    std::string error;  // why it is not valid ("unknown field %Q")
};
DateFormat parse_date_format(std::string_view pattern);

// Seconds since 1970 UTC of value, or none when it is missing or cannot be
// read. order settles "03/04/2024" (unknown: such a value is not read);
// a format, when given and valid, is the only form tried.
std::optional<std::int64_t> parse_ticket_time(std::string_view value, DayMonthOrder order,
                                              const DateFormat* format = nullptr);

// "2024-03-18 10:15" (UTC) for messages and reports; seconds dropped.
std::string format_ticket_time(std::int64_t seconds);

}  // namespace faqt
