#pragma once
// A ticket export folded into tickets, for `faqt report`: one FoldedTicket
// per ticket number, whether the export is a snapshot (a row per ticket) or
// an event log (a row per update, the same number on every row of a ticket).
//
//   auto source = open_tickets(path, reader);            // tickets/export_reader.hpp
//   auto history = fold_tickets(*source, options);        // Result<TicketHistory>
//
// Rows of one ticket are put in time order (the `updated` column when the
// export has one and it reads, else file order) and walked: the ticket's
// last state is its last row's (a value left empty on a later row keeps the
// earlier one); created is its earliest creation date; it is closed at its
// last transition into a closing status, the time being that row's
// `resolved` date, else its `updated` time. A ticket whose last status does
// not close it is open, whatever dates its rows carry (reopened). Without a
// status column, a resolved date closes a ticket.
//
// Closing statuses: HistoryOptions::closed_statuses when given ([tickets]
// closed), else the preset's, else common names in English, German, French
// and Polish; matched folded (case, accents, spaces: "Closed Successful" =
// "closed successful").
//
// Dates: each date column is read with the day/month order its own values
// settle (tickets/dates.hpp's DateOrderVotes over the whole column), or the
// --date-format. Times are wall-clock seconds in the report's zone
// (`ReportZone`): a value written with a zone is converted to it; a value
// without one is taken as written in it. With no --tz the zone is the one
// most zoned values of the export are written in, else "as written".
//
// A ticket that cannot be placed in time is skipped and counted by reason
// ("no ticket number", "no creation date", "unreadable creation date");
// unreadable dates are counted per column with an example; each skipped
// ticket is a warning with the line of its first row (the first
// k_max_kept_warnings kept). Memory: a FoldedTicket per ticket (about 100
// bytes) and, while folding, a compact event per row (about 80 bytes: its
// times, status and interned values; no text).
//
// Durations (first_response, resolution_time): tickets/dates.hpp's
// parse_duration() with the unit the column's name gives; first_response
// may also be a date (then the time from created to it).
// Thread safety: pure functions of their arguments.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "content/diagnostic.hpp"
#include "content/result.hpp"
#include "tickets/dates.hpp"
#include "tickets/export_reader.hpp"

namespace faqt {

// No time: a missing or unreadable date.
inline constexpr std::int64_t k_no_time = std::numeric_limits<std::int64_t>::min();

// The clock a report is written in.
struct ReportZone {
    enum class Kind { as_written, fixed, named };
    Kind kind = Kind::as_written;
    int offset_minutes = 0;  // fixed: east of UTC
    std::string name;        // named: an IANA zone ICU knows ("Europe/Warsaw"); fixed: "UTC+01:00"; as_written: ""

    // Wall-clock seconds in this zone of a UTC time (as_written: unchanged).
    std::int64_t local_from_utc(std::int64_t utc_seconds) const;
    // "UTC+01:00", "Europe/Warsaw", "the export's own clock".
    std::string describe() const;
};

// --tz: "UTC", "Z", "+01:00", "-0500", "UTC+2", or an IANA name.
// Errors (usage): a name ICU does not know, with a hint.
Result<ReportZone> parse_report_zone(std::string_view text);

struct HistoryOptions {
    std::vector<std::string> closed_statuses;  // [tickets] closed; empty = the preset's, else the common names
    std::optional<DateFormat> date_format;     // --date-format (already valid); none = detect per column
    std::optional<ReportZone> zone;            // --tz; none = the export's own (see above)
};

// One ticket after folding. Text values are interned: an index into
// TicketHistory::values, 0 being "".
struct FoldedTicket {
    std::string id;           // the ticket number; "" when the export has no id column (a row is a ticket)
    std::size_t line = 0;     // the line of its first row
    std::uint32_t rows = 1;   // rows folded into it
    std::int64_t created = k_no_time;
    std::int64_t closed = k_no_time;      // when it ends closed: its last transition into a closing status
    bool closed_without_date = false;     // ends closed, but no row says when
    std::uint32_t reopened = 0;           // transitions from closed back to open
    std::int64_t first_response = k_no_time;   // seconds from created to the first response, when the export says
    std::int64_t resolution_time = k_no_time;  // seconds, from an SLA/resolution-time column, when the export has one
    std::uint32_t status = 0;
    std::uint32_t category = 0;  // as the ticket system names it
    std::uint32_t priority = 0;
    std::uint32_t customer = 0;
    std::uint32_t agent = 0;
    bool has_text = false;  // a subject or a body on some row

    bool is_closed() const { return closed != k_no_time; }
};

// What happened to one date column while folding.
struct DateColumnNote {
    std::string role;    // "created", "resolved", "updated", "first_response"
    std::string column;  // its header name
    DayMonthOrder order = DayMonthOrder::unknown;  // what the column settled (unknown: no ambiguous value)
    bool conflicting = false;                      // values vote both ways: --date-format needed
    std::string order_example;                     // a value of the column that decides order ("29/02/2016"), "" none
    std::size_t read = 0;
    std::size_t unreadable = 0;
    std::string unreadable_example;  // one value that did not read
};

struct TicketHistory {
    std::vector<FoldedTicket> tickets;  // in order of their first row
    std::vector<std::string> values;    // interned values; values[0] == ""
    std::size_t rows = 0;               // rows the reader handed over
    std::size_t rows_folded = 0;        // rows that updated a ticket already seen (event log); 0 for a snapshot
    std::map<std::string, std::size_t> skipped;  // tickets left out, by reason
    std::vector<DateColumnNote> dates;
    ReportZone zone;                              // the zone times are in
    std::vector<std::string> closed_statuses;     // the closing statuses used, as given
    std::string closed_statuses_from;             // "[tickets] closed", "the Zendesk preset", "common names"
    std::vector<std::pair<std::string, std::size_t>> statuses;  // last statuses seen, with counts, most first
    bool has_status = false;                      // the export has a status column
    bool has_updated = false;
    Diagnostics warnings;  // e.g. a status column in which no value closes a ticket
    std::size_t warnings_not_kept = 0;  // warnings past k_max_kept_warnings, counted only

    const std::string& value(std::uint32_t index) const { return values[index]; }
};

// Reads every remaining record of source and folds it. Errors: the
// source failing mid-file (its error).
Result<TicketHistory> fold_tickets(TicketSource& source, const HistoryOptions& options);

// The subject and body of the tickets whose key (FoldedTicket::id, or
// "#LINE" when the export has no id column: the line of its first row) is
// in keys, read from a second pass over the same export: the last
// non-empty subject and body of each ticket's rows, and its category as written.
std::string ticket_key(const FoldedTicket& ticket);
Result<std::unordered_map<std::string, Ticket>> gather_ticket_texts(
    TicketSource& source, const std::unordered_map<std::string, std::size_t>& keys);

}  // namespace faqt
