#pragma once
// Reading a ticket system's export, as it comes, one ticket at a time: the
// batch input of `faqt suggest --batch` and the input of `faqt report`.
//
//   auto source = open_tickets("export.csv", options);   // Result<TicketSource>
//   if (!source) { ... source.error() ... }
//   TicketRecord record;
//   while (source->next(record)) { ... }
//   if (source->failed()) { ... source->error() ... }    // stopped mid-file
//   ... source->diagnostics(), source->counts() ...
//
// Formats: CSV/TSV through libcsv, and JSON Lines through nlohmann-json
// (one object per line). JSON Lines when the name ends in .jsonl/.ndjson or
// the first non-blank byte is '{'; else CSV (tab-separated for .tsv). The
// keys of the first object are the header (a key that only later objects
// have is not read); a value that is a list is joined with ", ", an object
// gives its "name" (a requester or organisation as APIs write them), null
// is empty.
//
// Streaming: the file is read in 64 KiB chunks and handed out one record at
// a time, so memory stays flat on a million rows (a record is bounded by
// k_max_record_bytes). "-" reads standard input.
//
// Bytes: a UTF-8 BOM is dropped; a UTF-16 BOM selects UTF-16. With
// ReaderOptions::encoding set, ICU's converter of that name turns the bytes
// into UTF-8 as they stream. Without it the input must be UTF-8: the first
// invalid byte stops reading with an Error naming the file, the line and
// the likely encodings (never guessed: ICU's detector does not know
// windows-1250).
//
// CSV rules: CRLF or LF; cells quoted with '"' may hold delimiters, quotes
// ("") and line breaks, and a record knows the line it starts on. The
// delimiter, unless given, is sniffed among ',' ';' tab and '|' from the
// first records, counting only delimiters outside quotes: the one whose
// count is the same on the most records, then the largest count. The first
// record is the header (tickets/columns.hpp maps it). Excel's guard
// against formulas — a "'" before '=', '-', '+' or '@', which osTicket adds —
// is removed from every cell. Blank lines are skipped.
//
// Bad rows never vanish silently; each is a warning (Diagnostic with the
// file and the line the record starts on) and is counted, and reading goes on:
// - a row with fewer cells than the header, or more cells of which an extra
//   one is not empty, is skipped, not padded: its cells no longer line up
//   with the header (an unquoted delimiter in a text, a cut line), so its
//   subject or category would be some other column's value;
// - a quote in the wrong place (`a,"b"c`, `x"y`) skips its record, in CSV;
//   in TSV (tab-delimited) a quote inside a cell that does not start with
//   one is a plain character, as Request Tracker writes them unquoted;
// - a quoted cell still open at the end of the file skips its record (the
//   warning names the line where the quote opened);
// - a record over k_max_record_bytes is skipped;
// - a JSON Lines line that does not parse, or is not an object, is skipped.
//
// Thread safety: a TicketSource is used by one thread at a time.

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "content/diagnostic.hpp"
#include "content/result.hpp"
#include "tickets/columns.hpp"
#include "tickets/ticket.hpp"

namespace faqt {

inline constexpr std::size_t k_max_record_bytes = 4 * 1024 * 1024;
inline constexpr std::size_t k_max_kept_warnings = 1000;

enum class ExportFormat { detect, csv, jsonl };

struct ReaderOptions {
    std::string encoding;  // an ICU converter name ("windows-1250"); "" = UTF-8 (or UTF-16 by BOM)
    std::string preset;    // a preset to use ("servicenow"); "" = detect from the header
    char delimiter = 0;    // ',' ';' '\t' '|'; 0 = sniff (CSV only)
    ExportFormat format = ExportFormat::detect;
    ColumnNames configured;    // [tickets] column names (column_names(config.tickets))
    ColumnNames overrides;     // --ROLE-column flags; beat configured
    std::string display_path;  // the file's name in messages; "" = the path given ("<stdin>" for "-")
};

// ReaderOptions from faqt.toml's [tickets]; the caller then applies its flags.
ReaderOptions reader_options(const TicketsConfig& config);

// One ticket of an export: the Ticket (with line = the line its record
// starts on) and the raw strings the report reads. Dates stay as written.
struct TicketRecord {
    Ticket ticket;
    std::string created;
    std::string closed;  // the resolved/closed date
    std::string status;
    std::string priority;
    std::string customer;
    std::string agent;
    std::string first_response;   // a date or a duration
    std::string updated;          // when the row was last changed
    std::string resolution_time;  // a duration
};

struct ReadCounts {
    std::size_t rows = 0;                                  // data records seen (not the header, not blank lines)
    std::size_t tickets = 0;                               // records handed out by next()
    std::size_t skipped = 0;                               // rows - tickets
    std::map<std::string, std::size_t> skipped_by_reason;  // "ragged row", "malformed quote", ...
    std::size_t warnings_not_kept = 0;                     // warnings past k_max_kept_warnings, counted only
};

class TicketSource {
public:
    TicketSource(TicketSource&&) noexcept;
    TicketSource& operator=(TicketSource&&) noexcept;
    ~TicketSource();

    // The next ticket, or false at the end of the input or when reading
    // failed (then failed() is true and error() says why).
    bool next(TicketRecord& record);

    bool failed() const;
    const Error& error() const;  // only when failed()

    // Warnings so far (skipped rows), in file order; path = display path.
    // The first k_max_kept_warnings are kept, the rest counted
    // (counts().warnings_not_kept).
    const Diagnostics& diagnostics() const;
    const ReadCounts& counts() const;

    ExportFormat format() const;
    char delimiter() const;            // CSV: the delimiter used
    const PresetInfo& preset() const;  // name "" when no preset matched
    const std::vector<std::string>& header() const;
    const ColumnPlan& columns() const;
    const std::string& display_path() const;

    struct Impl;

private:
    explicit TicketSource(std::unique_ptr<Impl> impl);
    friend Result<TicketSource> open_tickets(const std::string& path, const ReaderOptions& options);
    std::unique_ptr<Impl> m_impl;
};

// Opens path ("-" = standard input), reads up to the header (the first
// object for JSON Lines) and plans the columns. Errors: the file cannot be
// read (io); an unknown encoding or preset, a named column missing, no
// column with any role, invalid UTF-8 before the header (usage). An empty
// input is a source with no tickets.
Result<TicketSource> open_tickets(const std::string& path, const ReaderOptions& options);

}  // namespace faqt
