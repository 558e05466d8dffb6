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
// read_ticket_time() also says which offset a value was written with, so a
// caller can convert into another zone.
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

// A value as read, with the zone it was written in: what a caller needs to
// find the export's own zone (the offset most values carry) and to convert
// into another.
struct WrittenTime {
    std::int64_t seconds = 0;           // since 1970: UTC when zoned, else the wall clock as written
    std::optional<int> offset_minutes;  // east of UTC as written ("Z" is 0); none: written without a zone
};
std::optional<WrittenTime> read_ticket_time(std::string_view value, DayMonthOrder order,
                                            const DateFormat* format = nullptr);

// Durations as exports write them (an SLA's time to resolution, a first
// reply time): "2h 30m", "1d 4h 5m", "3 Days 2 Hours 5 Minutes" (units d,
// day(s), h, hr(s), hour(s), m, min(s), minute(s), s, sec(s), second(s)),
// "HH:MM" or "HH:MM:SS" (hours may pass 24), or a plain number ("90",
// "1.5", "1,5") in the unit the column's name gives. A plain number with
// no unit is not read: 90 of what?
enum class DurationUnit { none, seconds, minutes, hours, days };

// The unit a column's name gives its numbers: the first unit word of the
// name ("First reply time in minutes within business hours": minutes;
// "Resolution time (in hrs)": hours), or ServiceNow's second counts
// ("calendar_stc", "business_stc", "Resolve time"); none when it names none.
DurationUnit duration_unit_in_name(std::string_view column_name);

// Seconds of value, or none when it is missing, negative or not a duration.
std::optional<std::int64_t> parse_duration(std::string_view value, DurationUnit unit);

// True for "90", "1.5", "1,5": a number alone, which only a unit makes a duration.
bool is_plain_number(std::string_view value);

// "2024-03-18 10:15" (UTC) for messages and reports; seconds dropped.
std::string format_ticket_time(std::int64_t seconds);

}  // namespace faqt
