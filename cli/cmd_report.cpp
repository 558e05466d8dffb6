// faqt report --tickets FILE: a ticket system's export against the KB.
// The export is folded into tickets (tickets/ticket_history.hpp), counted
// per period and group (tickets/report.hpp), measured against the KB's
// articles and, on a sample, against `faqt suggest` (cli/report_coverage.hpp),
// its unanswered tickets clustered (tickets/write_next.hpp), and written in
// one of four forms (cli/report_output.hpp). This file reads the options,
// runs those steps in order and says on stderr what it read and decided.

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "cli/commands.hpp"
#include "cli/export_options.hpp"
#include "cli/filter_options.hpp"
#include "cli/index_refresh.hpp"
#include "cli/report_coverage.hpp"
#include "cli/report_output.hpp"
#include "content/atomic_file.hpp"
#include "content/text.hpp"
#include "tickets/columns.hpp"
#include "tickets/dates.hpp"
#include "tickets/export_reader.hpp"
#include "tickets/report.hpp"
#include "tickets/ticket_history.hpp"
#include "tickets/write_next.hpp"

namespace faqt::cli {

namespace {

namespace fs = std::filesystem;

// Warnings about the export's rows shown on stderr; the rest are counted.
constexpr std::size_t k_warnings_shown = 10;

struct ReportCommandOptions {
    std::string tickets;
    std::string since;
    std::string until;
    std::string period = "week";
    std::string by = "category";
    std::string format = "text";
    bool json = false;
    std::string out;
    std::string tz;
    std::string date_format;
    std::string preset;
    std::string encoding;
    std::string delimiter;
    std::vector<std::string> closed;
    int coverage_sample = static_cast<int>(k_default_coverage_sample);
    std::vector<std::string> role_columns = std::vector<std::string>(k_ticket_role_count);
};

// "--first-response-column" for the role key "first_response".
std::string column_flag(std::string_view key) {
    std::string flag = "--" + std::string(key) + "-column";
    std::replace(flag.begin(), flag.end(), '_', '-');
    return flag;
}

// The options read into the values the libraries take; every failure is a
// usage error, found before the KB is loaded.
struct Parsed {
    ReportOptions report;
    HistoryOptions history;
    ReaderOptions reader;
};

Result<Parsed> parse_options(const ReportCommandOptions& o, const TicketsConfig& tickets) {
    Parsed parsed;
    parsed.report.period = o.period == "month" ? ReportPeriod::month : ReportPeriod::week;
    parsed.report.by = o.by == "customer"   ? ReportGroupBy::customer
                       : o.by == "priority" ? ReportGroupBy::priority
                       : o.by == "agent"    ? ReportGroupBy::agent
                                            : ReportGroupBy::category;
    if (!o.since.empty()) {
        auto since = parse_report_day(o.since, "--since");
        if (!since) {
            return since.error();
        }
        parsed.report.since = *since;
    }
    if (!o.until.empty()) {
        auto until = parse_report_day(o.until, "--until");
        if (!until) {
            return until.error();
        }
        // parse_report_day() gives the start of the day; the day itself is
        // counted, so the range ends (exclusive) at the start of the next.
        parsed.report.until = *until + 86400;
    }
    if (parsed.report.since != k_no_time && parsed.report.until != k_no_time &&
        parsed.report.until <= parsed.report.since) {
        return Error(ErrorCode::usage, "--until " + quote_name(o.until) + " is before --since " + quote_name(o.since),
                     "give --since the first day and --until the last day to count");
    }
    if (!o.tz.empty()) {
        auto zone = parse_report_zone(o.tz);
        if (!zone) {
            return zone.error();
        }
        parsed.history.zone = *zone;
    }
    if (!o.date_format.empty()) {
        DateFormat format = parse_date_format(o.date_format);
        if (!format.valid) {
            return Error(ErrorCode::usage, "--date-format " + quote_name(o.date_format) + ": " + format.error,
                         "use strptime fields, e.g. '%d.%m.%Y %H:%M' (faqt-report(1))");
        }
        parsed.history.date_format = format;
    }
    ExportFlags flags;
    flags.encoding = o.encoding;
    flags.preset = o.preset;
    flags.delimiter = o.delimiter;
    for (std::size_t i = 0; i < k_ticket_role_count; ++i) {
        flags.columns[static_cast<TicketRole>(i)] = o.role_columns[i];
    }
    auto reader = export_reader_options(tickets, flags);
    if (!reader) {
        return reader.error();
    }
    parsed.reader = std::move(*reader);
    if (o.coverage_sample < 0) {
        return Error(ErrorCode::usage, "--coverage-sample expects a whole number of at least 0",
                     "0 measures coverage without running suggest");
    }
    return parsed;
}

// Standard input copied to a temporary file: the export is read twice (the
// counts, then the sample's texts), and a pipe can be read only once. The
// file is unlinked as soon as it is made and read through /proc/self/fd, so
// nothing is left behind, not even when faqt is killed (a closed pipe).
class Spool {
public:
    Spool() = default;
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;
    ~Spool() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    // A path each open of which reads the copy from its start.
    std::string path() const { return "/proc/self/fd/" + std::to_string(m_fd); }

    Result<void> fill_from_stdin() {
        const char* dir = std::getenv("TMPDIR");
        std::string pattern = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/faqt-report-XXXXXX";
        m_fd = ::mkostemp(pattern.data(), O_CLOEXEC);
        if (m_fd < 0) {
            return Error(ErrorCode::io,
                         "cannot make a temporary file for standard input: " + std::string(std::strerror(errno)),
                         "set TMPDIR to a writable folder");
        }
        ::unlink(pattern.c_str());
        std::vector<char> buffer(1 << 16);
        for (;;) {
            const ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
            if (n == 0) {
                return {};
            }
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                return Error(ErrorCode::io, "cannot read standard input: " + std::string(std::strerror(errno)));
            }
            for (ssize_t done = 0; done < n;) {
                const ssize_t w = ::write(m_fd, buffer.data() + done, static_cast<std::size_t>(n - done));
                if (w < 0) {
                    if (errno == EINTR) {
                        continue;
                    }
                    return Error(ErrorCode::io,
                                 "cannot copy standard input to a temporary file: " + std::string(std::strerror(errno)),
                                 "set TMPDIR to a folder with room for the export");
                }
                done += w;
            }
        }
    }

private:
    int m_fd = -1;
};

// Writes bytes to path through a temporary file in the same folder and a
// rename: an interrupted or failed write (a full disk) leaves the old file
// as it was, never half a report.
Result<void> write_report_file(const std::string& path, std::string_view bytes) {
    if (const int error = write_file_atomically(path, bytes, ".faqt-report-", true); error != 0) {
        return Error(ErrorCode::io, "cannot write " + quote_name(path) + ": " + std::strerror(error),
                     error == ENOSPC ? "free some space on its disk, or give --out another place"
                                     : "check that its folder exists and is writable");
    }
    return {};
}

// "faqt: reading FILE… 12 s" on a terminal while a long export is read, so
// a minute of reading does not look like a hang. Nothing when stderr is not
// a terminal or reading is quick; the line is wiped when reading ends.
class Progress {
public:
    Progress(std::string name, bool enabled) : m_name(std::move(name)) {
        if (enabled) {
            m_thread = std::thread([this] { tick(); });
        }
    }
    ~Progress() { stop(); }
    void stop() {
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_wake.notify_all();
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }

private:
    void tick() {
        using namespace std::chrono_literals;
        const auto start = std::chrono::steady_clock::now();
        std::unique_lock lock(m_mutex);
        if (m_wake.wait_for(lock, 2s, [this] { return m_done; })) {
            return;
        }
        const std::string name = m_name;
        std::size_t shown = 0;
        do {
            const auto seconds =
                std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start).count();
            // m_name is quote_name()d: nothing of the file name's bytes can
            // move the cursor, so the carriage return is faqt's own.
            const std::string line = "faqt: reading " + name + "… " + std::to_string(seconds) + " s";
            std::fputs(("\r" + line).c_str(), stderr);
            std::fflush(stderr);
            shown = std::max(shown, line.size());
        } while (!m_wake.wait_for(lock, 1s, [this] { return m_done; }));
        std::fputs(("\r" + std::string(shown, ' ') + "\r").c_str(), stderr);
        std::fflush(stderr);
    }

    std::string m_name;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_done = false;
};

void print_capped(const Diagnostics& warnings, std::size_t not_kept, std::string_view what, const Context& ctx) {
    // -q prints only errors; the report's header still counts every
    // skipped row by reason.
    if (ctx.global.quiet || (warnings.empty() && not_kept == 0)) {
        return;
    }
    const std::size_t shown = std::min(warnings.size(), k_warnings_shown);
    print_diagnostics(Diagnostics(warnings.begin(), warnings.begin() + static_cast<std::ptrdiff_t>(shown)), ctx,
                      stderr);
    const std::size_t rest = warnings.size() - shown + not_kept;
    if (rest > 0) {
        warn(std::to_string(rest) + " more " + std::string(what) + " not shown",
             "the report's header counts every skipped row by reason");
    }
}

std::string single_quoted(std::string_view text) {
    return "'" + one_line(repair_utf8(text)) + "'";
}

// The sentences the report states about how it read the export.
std::vector<std::string> reading_notes(const ReportCommandOptions& o, const Config& config, const TicketSource& source,
                                       const TicketHistory& history) {
    std::vector<std::string> notes;
    const PresetInfo& preset = source.preset();
    if (!o.preset.empty()) {
        notes.push_back("Read as " + export_of(preset) + ", as --preset says.");
    } else if (!config.tickets.preset.empty()) {
        notes.push_back("Read as " + export_of(preset) + ", as [tickets] preset in faqt.toml says.");
    } else if (!preset.name.empty()) {
        const auto& matched = source.columns().matched;
        if (matched.size() > 1) {
            std::string others;
            for (std::size_t i = 1; i < matched.size(); ++i) {
                others += (i == 1 ? "" : i + 1 == matched.size() ? " and " : ", ") + matched[i].preset.display +
                          " (" + std::to_string(matched[i].columns) + " columns)";
            }
            const bool tie = matched[1].columns == matched.front().columns;
            notes.push_back("Read as " + export_of(preset) + ": its header also fits " + others +
                            ", but " + preset.display + " maps " + std::to_string(matched.front().columns) +
                            (tie ? ", as many, and comes first" : ", the most") + "; --preset chooses another.");
        } else {
            notes.push_back("Read as " + export_of(preset) + ": its header has that system's columns.");
        }
    } else {
        notes.push_back("No ticket system's preset matches the header: columns found by their common names.");
    }
    if (history.rows_folded > 0) {
        notes.push_back(std::to_string(history.rows) + " rows folded into " + std::to_string(history.tickets.size()) +
                        " tickets: the export is an event log.");
    }
    for (const auto& column : history.dates) {
        const std::string name = single_quoted(column.column);
        if (o.date_format.empty()) {
            if (column.conflicting) {
                notes.push_back("Dates in " + name +
                                " are written both day-first and month-first: give --date-format (e.g. "
                                "'%d/%m/%Y %H:%M') to read those that could be either.");
            } else if (column.order != DayMonthOrder::unknown) {
                notes.push_back("Dates in " + name + " read " + to_string(column.order) +
                                (column.order_example.empty()
                                     ? std::string(".")
                                     : ": " + single_quoted(column.order_example) + " decides."));
            }
        }
        if (column.unreadable > 0) {
            notes.push_back(
                std::to_string(column.unreadable) + " of the dates in " + name + " could not be read" +
                (column.unreadable_example.empty() ? "" : ", e.g. " + single_quoted(column.unreadable_example)) +
                ": give --date-format with the form they are written in.");
        }
    }
    if (!o.date_format.empty()) {
        notes.push_back("Dates read with --date-format " + single_quoted(o.date_format) + ".");
    }
    if (!o.tz.empty()) {
        notes.push_back("Times are in " + history.zone.describe() + " (--tz).");
    } else if (history.zone.kind == ReportZone::Kind::as_written) {
        notes.push_back("Times are taken as the export writes them (it gives no zone; --tz sets one).");
    } else {
        notes.push_back("Times are in " + history.zone.describe() +
                        ", the zone most of the export's times are written in (--tz sets another).");
    }
    if (!history.has_status) {
        notes.push_back("The export has no status column: a ticket with a resolved date is closed.");
    } else if (!history.closed_statuses.empty()) {
        std::string statuses;
        for (const auto& s : history.closed_statuses) {
            statuses += (statuses.empty() ? "" : ", ") + single_quoted(s);
        }
        const std::string from = !o.closed.empty() ? std::string("--closed") : history.closed_statuses_from;
        notes.push_back("Closing statuses: " + statuses + (from.empty() ? "" : " (from " + from + ")") + ".");
    }
    return notes;
}

std::string export_format(const TicketSource& source) {
    if (source.format() == ExportFormat::jsonl) {
        return "JSON Lines";
    }
    return source.delimiter() == '\t' ? "TSV" : "CSV";
}

int output_width() {
    winsize size{};
    if (isatty(STDOUT_FILENO) != 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 40) {
        return std::min<int>(size.ws_col, 120);
    }
    return 80;
}

int run_report(const ReportCommandOptions& o, const Context& ctx, const LoadedKb& kb) {
    const Config& config = kb.config;
    auto parsed = parse_options(o, config.tickets);
    if (!parsed) {
        return ctx.report(parsed.error());
    }
    ReaderOptions& reader = parsed->reader;
    HistoryOptions& history_options = parsed->history;
    history_options.closed_statuses = !o.closed.empty() ? o.closed : config.tickets.closed;

    Spool spool;
    std::string path = o.tickets;
    if (o.tickets == "-") {
        if (auto filled = spool.fill_from_stdin(); !filled) {
            return ctx.report(filled.error());
        }
        path = spool.path();
        reader.display_path = "<stdin>";
    }

    auto source = open_tickets(path, reader);
    if (!source) {
        return ctx.report(source.error());
    }
    const std::string display = source->display_path();
    if (!source->preset().name.empty() && !ctx.global.quiet) {
        write_text(stderr, "faqt: reading " + quote_name(display) + " as " + export_of(source->preset()) + "\n",
                   false);
    }
    Progress progress(quote_name(display), isatty(STDERR_FILENO) != 0 && !ctx.global.quiet);
    auto history = fold_tickets(*source, history_options);
    progress.stop();
    print_capped(source->diagnostics(), source->counts().warnings_not_kept, "warnings about skipped rows", ctx);
    if (!history) {
        return ctx.report(history.error());
    }
    if (source->failed()) {
        return ctx.report(source->error());
    }
    print_capped(history->warnings, history->warnings_not_kept, "warnings about the tickets", ctx);

    const CategoryMap categories(config);
    const Report report = make_report(*history, parsed->report, categories);

    // Coverage: the articles are counted from the KB; whether a ticket is
    // answered needs `faqt suggest`, so the index, opened only here and
    // brought up to date as suggest does. When it cannot be used the report
    // goes on with the articles and the tickets they list, and says why.
    std::vector<std::string> coverage_notes;
    const std::size_t sample_size = static_cast<std::size_t>(o.coverage_sample);
    const std::vector<std::size_t> sample =
        sample_size > 0 ? coverage_sample(*history, report, sample_size) : std::vector<std::size_t>{};
    std::string suggest_off;  // why suggest does not run, when the reason is the command's
    if (sample_size == 0) {
        suggest_off = "--coverage-sample 0";
    } else if (!sample.empty() && !ctx.no_refresh) {
        if (auto refreshed = refresh_index(ctx, config); !refreshed) {
            suggest_off = "the index cannot be used: " + refreshed.error().message +
                          (refreshed.error().hint.empty() ? "" : " (" + refreshed.error().hint + ")");
        }
    }
    std::unordered_map<std::string, Ticket> texts;
    if (!sample.empty()) {
        std::unordered_map<std::string, std::size_t> keys;
        for (std::size_t i : sample) {
            keys.emplace(ticket_key(history->tickets[i]), i);
        }
        auto again = open_tickets(path, reader);
        if (!again) {
            return ctx.report(again.error());
        }
        auto gathered = gather_ticket_texts(*again, keys);
        if (!gathered) {
            return ctx.report(gathered.error());
        }
        texts = std::move(*gathered);
    }
    auto coverage =
        measure_coverage(config, kb.articles, *history, report, sample, texts, suggest_off.empty() && !sample.empty());
    if (!coverage && suggest_off.empty() && !sample.empty()) {
        suggest_off = "the index cannot be used: " + coverage.error().message;
        coverage = measure_coverage(config, kb.articles, *history, report, sample, texts, false);
    }
    if (!coverage) {
        coverage_notes.push_back("Coverage was not measured: " + coverage.error().message + ".");
    } else {
        coverage->sample_size = sample_size;  // as asked, however many tickets the range held
        if (!suggest_off.empty()) {
            coverage->not_run = suggest_off;
        } else if (coverage->not_run.empty()) {
            coverage_notes.push_back("Answered was judged on the " + std::to_string(coverage->sampled) +
                                     " most recent tickets with text of the range (--coverage-sample " +
                                     std::to_string(sample_size) + ").");
        }
    }

    ReportDocument doc;
    doc.kb_title = config.title;
    doc.file = display;
    doc.format = export_format(*source);
    doc.preset = source->preset().display;
    doc.encoding = !reader.encoding.empty() ? reader.encoding : "UTF-8";
    const ReadCounts& counts = source->counts();
    doc.rows_read = counts.rows;
    doc.rows_skipped = counts.skipped;
    doc.skipped = counts.skipped_by_reason;
    for (const auto& [reason, n] : history->skipped) {
        doc.skipped[reason] += n;
    }
    doc.tickets = history->tickets.size();
    doc.history = &*history;
    doc.report = &report;
    doc.coverage = coverage ? &*coverage : nullptr;
    if (coverage) {
        doc.write_next = cluster_unanswered(coverage->cluster_input, report.periods.size(), config.default_lang);
    }
    doc.notes = reading_notes(o, config, *source, *history);
    doc.notes.insert(doc.notes.end(), coverage_notes.begin(), coverage_notes.end());
    doc.since = o.since;
    doc.until = o.until;

    const std::string format = o.json ? "json" : o.format;
    const bool to_file = !o.out.empty() && o.out != "-";
    std::string bytes;
    if (format == "json") {
        bytes = report_json(doc);
    } else if (format == "csv") {
        bytes = report_csv(doc);
    } else if (format == "html") {
        bytes = report_html(doc);
    } else {
        bytes = report_text(doc, ctx.color && !to_file, to_file ? 80 : static_cast<std::size_t>(output_width()));
    }
    if (to_file) {
        if (auto written = write_report_file(o.out, bytes); !written) {
            return ctx.report(written.error());
        }
    } else if (format == "text") {
        write_text(stdout, bytes, ctx.color);
    } else {
        // JSON, CSV and HTML carry no control character of the export
        // (escaped or dropped), so they go out as they are.
        std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    }
    std::fflush(stdout);
    if (std::ferror(stdout) != 0) {
        return ctx.report(Error(ErrorCode::io, "cannot write the report to standard output"));
    }
    if (report.used == 0) {
        if (!ctx.global.quiet) {
            warn("no ticket falls in the range", o.since.empty() && o.until.empty()
                                                     ? "the export has no ticket with a readable creation date"
                                                     : "check --since and --until against the export's dates");
        }
        return k_exit_not_found;
    }
    return k_exit_ok;
}

}  // namespace

void setup_report(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ReportCommandOptions>();
    auto* cmd = app.add_subcommand("report", "Ticket volume, coverage and what to write next, from a ticket export");
    cmd->add_option("--tickets", o->tickets, "The ticket system's export: CSV, TSV or JSON Lines (- = stdin)")
        ->type_name("FILE")
        ->required();
    cmd->add_option("--since", o->since, "Count from this day on (a day of the report's zone)")
        ->type_name("YYYY-MM-DD");
    cmd->add_option("--until", o->until, "Count up to this day, included")->type_name("YYYY-MM-DD");
    cmd->add_option("--period", o->period, "Count per ISO week or calendar month (default week)")
        ->check(CLI::IsMember({"week", "month"}));
    cmd->add_option("--by", o->by, "Group by category, customer, priority or agent (default category)")
        ->check(CLI::IsMember({"category", "customer", "priority", "agent"}));
    cmd->add_option("--format", o->format, "text, json, csv or html (default text)")
        ->check(CLI::IsMember({"text", "json", "csv", "html"}));
    cmd->add_flag("--json", o->json, "The same as --format json (see faqt-report(1), FORMATS)");
    cmd->add_option("--out", o->out, "Write the report to FILE (atomically) instead of stdout")->type_name("FILE");
    cmd->add_option("--tz", o->tz, "The zone to count days in: UTC, +01:00 or a name such as Europe/Warsaw")
        ->type_name("ZONE");
    cmd->add_option("--date-format", o->date_format, "How the export writes its dates, e.g. '%d.%m.%Y %H:%M'")
        ->type_name("FMT");
    cmd->add_option("--preset", o->preset, "Read the export as this ticket system writes it")->type_name("NAME");
    cmd->add_option("--encoding", o->encoding, "The export's encoding (windows-1250, latin1, ...)")->type_name("NAME");
    cmd->add_option("--delimiter", o->delimiter, "The CSV delimiter: , ; | or tab (default: sniffed)");
    cmd->add_option("--closed", o->closed, "A status that means closed (repeatable; beats [tickets] closed)")
        ->type_name("STATUS")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    add_whole_number_option(cmd, "--coverage-sample", o->coverage_sample,
                            "Run suggest on the N most recent tickets to judge coverage (default 10000; 0 = none)", 0);
    for (std::size_t i = 0; i < k_ticket_role_count; ++i) {
        const std::string key = k_ticket_column_keys[i];
        cmd->add_option(column_flag(key), o->role_columns[i], "The export's column for the role '" + key + "'")
            ->type_name("NAME");
    }
    cmd->add_flag("--no-refresh", ctx.no_refresh, "Read the index as it is, without checking the files first");
    cmd->callback([o, &ctx] {
        ctx.json = o->json || o->format == "json";
        ctx.check_usage = [o]() -> Result<void> {
            auto parsed = parse_options(*o, TicketsConfig{});
            if (!parsed) {
                return parsed.error();
            }
            return {};
        };
        ctx.action = [o, &ctx](const Inputs& in) { return run_report(*o, ctx, *in.kb); };
    });
}

}  // namespace faqt::cli
