#include "tickets/export_reader.hpp"

#include <csv.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <optional>
#include <nlohmann/json.hpp>

#include "content/text.hpp"

namespace faqt {

namespace {

constexpr std::size_t k_chunk_bytes = 64 * 1024;
constexpr std::size_t k_sniff_records = 20;
constexpr int k_max_json_depth = 64;

// Where the bytes come from: a file or standard input, read in chunks.
class ByteSource {
public:
    ByteSource() = default;
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;
    ~ByteSource() {
        if (m_file != nullptr && m_file != stdin) {
            std::fclose(m_file);
        }
    }

    Result<void> open(const std::string& path, const std::string& shown) {
        if (path == "-") {
            m_file = stdin;
            return {};
        }
        m_file = std::fopen(path.c_str(), "rb");
        if (m_file == nullptr) {
            return Error(ErrorCode::io, "cannot read " + shown + ": " + std::strerror(errno),
                         "check that the file exists and is readable");
        }
        return {};
    }

    // Appends up to one chunk to out; false at the end or on an error.
    bool read(std::string& out, std::string& error) {
        char buffer[k_chunk_bytes];
        const std::size_t got = std::fread(buffer, 1, sizeof buffer, m_file);
        out.append(buffer, got);
        if (got == 0 && std::ferror(m_file)) {
            error = std::strerror(errno);
        }
        return got > 0;
    }

private:
    std::FILE* m_file = nullptr;
};

// The length of an incomplete UTF-8 sequence at the end of text (0-3), to be
// kept for the next chunk.
std::size_t incomplete_utf8_tail(std::string_view text) {
    for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
        const auto c = static_cast<unsigned char>(text[text.size() - back]);
        if ((c & 0xC0) == 0x80) {
            continue;  // a continuation byte: look further back
        }
        std::size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > back ? back : 0;
    }
    return 0;
}

std::string json_value_text(const nlohmann::ordered_json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_null()) {
        return {};
    }
    if (value.is_array()) {
        std::string joined;
        for (const auto& element : value) {
            std::string text = json_value_text(element);
            if (!text.empty()) {
                joined += joined.empty() ? "" : ", ";
                joined += text;
            }
        }
        return joined;
    }
    // A person or organisation as APIs write them: {"name": "Ana Lima", ...}.
    if (value.is_object()) {
        if (auto name = value.find("name"); name != value.end() && name->is_string()) {
            return name->get<std::string>();
        }
    }
    return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// Nesting deeper than k_max_json_depth (outside strings): such a line is no
// ticket, and refusing it bounds what the parser builds.
bool json_too_deep(std::string_view line) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > k_max_json_depth) {
                return true;
            }
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return false;
}

std::string one_line(std::string_view text) {
    std::string out = trim(text);
    for (char& c : out) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
    }
    return out;
}

bool ends_with_folded(std::string_view path, std::string_view suffix) {
    if (path.size() < suffix.size()) {
        return false;
    }
    return lower(path.substr(path.size() - suffix.size())) == suffix;
}

// The delimiter among ',' ';' tab '|' that splits the first records most
// consistently, counting only outside quotes.
char sniff_delimiter(std::string_view text) {
    constexpr char k_candidates[] = {',', ';', '\t', '|'};
    std::vector<std::array<std::size_t, 4>> per_record;
    std::array<std::size_t, 4> counts{};
    bool quoted = false;
    bool blank = true;
    for (std::size_t i = 0; i < text.size() && per_record.size() < k_sniff_records; ++i) {
        const char c = text[i];
        if (c == '"') {
            quoted = !quoted;
        } else if (c == '\n' && !quoted) {
            if (!blank) {
                per_record.push_back(counts);
            }
            counts = {};
            blank = true;
            continue;
        }
        if (c != '\r' && c != ' ') {
            blank = false;
        }
        for (std::size_t k = 0; k < 4; ++k) {
            counts[k] += !quoted && c == k_candidates[k] ? 1 : 0;
        }
    }
    if (!blank && per_record.size() < k_sniff_records) {
        per_record.push_back(counts);
    }
    char best = ',';
    std::size_t best_agree = 0;
    std::size_t best_count = 0;
    for (std::size_t k = 0; k < 4 && !per_record.empty(); ++k) {
        const std::size_t header = per_record[0][k];
        if (header == 0) {
            continue;
        }
        std::size_t agree = 0;
        for (const auto& record : per_record) {
            agree += record[k] == header ? 1 : 0;
        }
        if (agree > best_agree || (agree == best_agree && header > best_count)) {
            best = k_candidates[k];
            best_agree = agree;
            best_count = header;
        }
    }
    return best;
}

std::string hex_byte(unsigned char c) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%02X", c);
    return buffer;
}

}  // namespace

struct TicketSource::Impl {
    ReaderOptions options;
    std::string shown;  // display path
    ByteSource bytes;
    UConverter* converter = nullptr;
    std::string carry;     // bytes of an incomplete UTF-8 sequence (no encoding)
    std::u16string utf16;  // converted text waiting for the second half of a surrogate pair
    bool started = false;  // the first bytes (BOM) are behind us
    bool input_done = false;

    ExportFormat format = ExportFormat::detect;
    char delimiter = ',';
    csv_parser parser{};
    bool parser_ready = false;

    std::size_t line = 1;          // line of the text being fed
    std::size_t record_start = 0;  // line where the record being read starts; 0 = none
    std::size_t record_bytes = 0;  // bytes fed since record_start
    bool skip_line = false;        // drop the rest of the current line (after a broken record)
    std::vector<std::string> cells;
    std::string json_line;

    bool have_header = false;
    std::vector<std::string> header;
    ColumnPlan plan;

    std::deque<TicketRecord> ready;
    Diagnostics diagnostics;
    ReadCounts counts;
    std::optional<Error> fatal;

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        if (parser_ready) {
            csv_free(&parser);
        }
        if (converter != nullptr) {
            ucnv_close(converter);
        }
    }

    void warn(std::size_t at, std::string message, std::string hint, const std::string& reason) {
        // A hostile file can break every row: keep the first warnings and
        // count the rest, so memory stays flat.
        if (diagnostics.size() < k_max_kept_warnings) {
            diagnostics.push_back(
                {shown, static_cast<int>(at), 0, Severity::warning, std::move(message), std::move(hint)});
        } else {
            ++counts.warnings_not_kept;
        }
        ++counts.skipped;
        ++counts.skipped_by_reason[reason];
    }

    // --- bytes to UTF-8 -------------------------------------------------

    Result<void> open_converter(const std::string& name) {
        UErrorCode status = U_ZERO_ERROR;
        converter = ucnv_open(name.c_str(), &status);
        if (U_FAILURE(status) || converter == nullptr) {
            converter = nullptr;
            return Error(ErrorCode::usage, "unknown encoding '" + name + "'",
                         "name an encoding such as windows-1250, windows-1252, iso-8859-2 or utf-8");
        }
        return {};
    }

    // Converts raw bytes with the ICU converter, appending UTF-8 to out. A
    // lead surrogate at the end waits for its pair in the next chunk.
    void convert(std::string_view raw, bool flush, std::string& out) {
        const char* source = raw.data();
        const char* source_end = raw.data() + raw.size();
        UChar buffer[4096];
        UErrorCode status = U_ZERO_ERROR;
        do {
            status = U_ZERO_ERROR;
            UChar* target = buffer;
            ucnv_toUnicode(converter, &target, buffer + std::size(buffer), &source, source_end, nullptr, flush,
                           &status);
            utf16.append(buffer, static_cast<std::size_t>(target - buffer));
        } while (status == U_BUFFER_OVERFLOW_ERROR);
        std::size_t whole = utf16.size();
        if (!flush && whole > 0 && U16_IS_LEAD(utf16[whole - 1])) {
            --whole;
        }
        if (whole == 0) {
            return;
        }
        std::string utf8(whole * 3, '\0');
        int32_t written = 0;
        UErrorCode convert_status = U_ZERO_ERROR;
        u_strToUTF8WithSub(utf8.data(), static_cast<int32_t>(utf8.size()), &written, utf16.data(),
                           static_cast<int32_t>(whole), 0xFFFD, nullptr, &convert_status);
        if (U_SUCCESS(convert_status)) {
            out.append(utf8.data(), static_cast<std::size_t>(written));
        }
        utf16.erase(0, whole);
    }

    // Reads a chunk and returns it as UTF-8 (valid prefix only, when the input
    // is not UTF-8: then fatal is set once that prefix has been processed).
    // bad_at receives the offset of the first invalid byte, npos if none.
    bool read_text(std::string& text, std::size_t& bad_at, unsigned char& bad_byte) {
        bad_at = std::string::npos;
        std::string raw;
        std::string read_error;
        const bool more = bytes.read(raw, read_error);
        if (!read_error.empty()) {
            fatal = Error(ErrorCode::io, "cannot read " + shown + ": " + read_error);
            return false;
        }
        if (!more) {
            input_done = true;
        }
        if (!started) {
            started = true;
            // A UTF-16 BOM says the encoding as surely as a flag would.
            if (converter == nullptr && raw.size() >= 2 &&
                ((raw[0] == '\xFF' && raw[1] == '\xFE') || (raw[0] == '\xFE' && raw[1] == '\xFF'))) {
                auto opened = open_converter("UTF-16");
                (void)opened;
            }
        }
        if (converter != nullptr) {
            convert(raw, input_done, text);
        } else {
            std::string all = std::move(carry);
            all += raw;
            carry.clear();
            const std::size_t tail = input_done ? 0 : incomplete_utf8_tail(all);
            carry = all.substr(all.size() - tail);
            all.resize(all.size() - tail);
            std::size_t offset = 0;
            if (!is_valid_utf8(all, &offset)) {
                bad_at = offset;
                bad_byte = static_cast<unsigned char>(all[offset]);
                all.resize(offset);
            }
            text += all;
        }
        return more;
    }

    // --- records -------------------------------------------------------------

    void handle_cells(std::vector<std::string>& row, std::size_t at) {
        if (!have_header) {
            header = std::move(row);
            have_header = true;
            auto planned = plan_columns(header, options.preset, options.configured, options.overrides);
            if (!planned) {
                // An unknown preset is the caller's mistake, not the file's.
                const bool about_file = planned.error().message.rfind("unknown ticket export preset", 0) != 0;
                fatal = Error(planned.error().code, (about_file ? shown + ": " : "") + planned.error().message,
                              planned.error().hint);
                return;
            }
            plan = std::move(planned.value());
            return;
        }
        ++counts.rows;
        if (format == ExportFormat::csv) {
            if (row.size() < header.size()) {
                warn(at,
                     "row has " + std::to_string(row.size()) + " cells, the header " + std::to_string(header.size()) +
                         "; skipped",
                     "a row that is cut short or holds an unquoted line break; quote cells that hold line breaks",
                     "ragged row");
                return;
            }
            for (std::size_t i = header.size(); i < row.size(); ++i) {
                if (!trim(row[i]).empty()) {
                    warn(at,
                         "row has " + std::to_string(row.size()) + " cells, the header " +
                             std::to_string(header.size()) + "; skipped",
                         "a delimiter inside an unquoted cell; quote cells that hold the delimiter", "ragged row");
                    return;
                }
            }
            // Excel's guard against formulas, which osTicket writes: '=..., '-..., '+..., '@...
            for (auto& cell : row) {
                if (cell.size() >= 2 && cell[0] == '\'' &&
                    (cell[1] == '=' || cell[1] == '-' || cell[1] == '+' || cell[1] == '@')) {
                    cell.erase(0, 1);
                }
            }
        }
        TicketRecord record;
        bool any = false;
        auto value = [&](TicketRole role) {
            for (std::size_t index : plan[role]) {
                if (index < row.size() && !trim(row[index]).empty()) {
                    any = true;
                    return role == TicketRole::body ? unix_newlines(row[index]) : one_line(row[index]);
                }
            }
            return std::string();
        };
        Ticket& ticket = record.ticket;
        ticket.id = value(TicketRole::id);
        ticket.subject = value(TicketRole::subject);
        ticket.body = value(TicketRole::body);
        ticket.category = value(TicketRole::category);
        ticket.product = value(TicketRole::product);
        ticket.version = value(TicketRole::version);
        ticket.from_name = value(TicketRole::from_name);
        ticket.from_address = value(TicketRole::from_address);
        ticket.line = at;
        record.created = value(TicketRole::created);
        record.closed = value(TicketRole::resolved);
        record.status = value(TicketRole::status);
        record.priority = value(TicketRole::priority);
        record.customer = value(TicketRole::customer);
        record.agent = value(TicketRole::agent);
        record.first_response = value(TicketRole::first_response);
        record.updated = value(TicketRole::updated);
        record.resolution_time = value(TicketRole::resolution_time);
        if (!any) {
            ++counts.skipped;
            ++counts.skipped_by_reason["empty row"];
            return;
        }
        ++counts.tickets;
        ready.push_back(std::move(record));
    }

    // --- CSV -----------------------------------------------------------------

    static void on_cell(void* data, std::size_t size, void* self_ptr) {
        auto* self = static_cast<Impl*>(self_ptr);
        if (self->record_start == 0) {
            self->record_start = self->line;
        }
        self->cells.emplace_back(data == nullptr ? "" : std::string(static_cast<const char*>(data), size));
    }

    static void on_row(int, void* self_ptr) {
        auto* self = static_cast<Impl*>(self_ptr);
        if (self->record_start == 0) {
            self->record_start = self->line;
        }
        std::vector<std::string> row = std::move(self->cells);
        self->cells.clear();
        const std::size_t at = self->record_start;
        self->record_start = 0;
        self->record_bytes = 0;
        if (!self->fatal) {
            self->handle_cells(row, at);
        }
    }

    void reset_parser() {
        if (parser_ready) {
            csv_free(&parser);
        }
        // Strict for CSV, where writers quote a cell holding a quote, so a
        // stray quote is a broken row; lenient for TSV, whose writers (RT)
        // often quote nothing: a quote inside a cell is then just a character.
        csv_init(&parser, delimiter == '\t' ? CSV_STRICT_FINI : CSV_STRICT | CSV_STRICT_FINI);
        csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
        parser_ready = true;
        cells.clear();
        record_start = 0;
        record_bytes = 0;
    }

    bool blank_segment(std::string_view segment) const {
        for (char c : segment) {
            if (c != '\n' && c != '\r' && c != ' ' && !(c == '\t' && delimiter != '\t')) {
                return false;
            }
        }
        return true;
    }

    // Feeds one line (or the part of one that this chunk holds) to libcsv.
    void feed_csv(std::string_view segment) {
        if (skip_line) {
            return;
        }
        if (record_start == 0 && !blank_segment(segment)) {
            record_start = line;
        }
        record_bytes += record_start == 0 ? 0 : segment.size();
        if (record_bytes > k_max_record_bytes) {
            ++counts.rows;
            warn(record_start,
                 "record is longer than " + std::to_string(k_max_record_bytes / (1024 * 1024)) + " MiB; skipped",
                 "a quote that never closes makes the rest of the file one cell; check the quotes of this line",
                 "record too long");
            reset_parser();
            skip_line = true;
            return;
        }
        const std::size_t used = csv_parse(&parser, segment.data(), segment.size(), on_cell, on_row, this);
        if (used < segment.size() && csv_error(&parser) == CSV_EPARSE) {
            ++counts.rows;
            warn(record_start == 0 ? line : record_start,
                 "malformed quote on line " + std::to_string(line) + "; row skipped",
                 "a cell with a quote inside must be quoted whole, its quotes doubled: \"5\"\" display\"",
                 "malformed quote");
            reset_parser();
            skip_line = true;
        }
    }

    void finish_csv() {
        if (!parser_ready) {
            return;
        }
        const std::size_t open_at = record_start;
        if (csv_fini(&parser, on_cell, on_row, this) != 0 && csv_error(&parser) == CSV_EPARSE) {
            ++counts.rows;
            warn(open_at,
                 "a quote opened in this row never closes: lines " + std::to_string(open_at) + "-" +
                     std::to_string(line) + " were read as one cell and skipped",
                 "close the quote, or double a quote inside a quoted cell (\"\")", "unclosed quote");
            cells.clear();
        }
    }

    // --- JSON Lines ----------------------------------------------------------

    void finish_json_line() {
        std::string text = std::move(json_line);
        json_line.clear();
        const std::size_t at = line;
        if (skip_line) {
            return;
        }
        if (trim(text).empty()) {
            return;
        }
        if (json_too_deep(text)) {
            ++counts.rows;
            warn(at, "JSON nested more than " + std::to_string(k_max_json_depth) + " levels; line skipped", "",
                 "bad JSON");
            return;
        }
        auto value = nlohmann::ordered_json::parse(text, nullptr, false);
        if (value.is_discarded() || !value.is_object()) {
            ++counts.rows;
            warn(at, value.is_discarded() ? "not valid JSON; line skipped" : "not a JSON object; line skipped",
                 "JSON Lines holds one object per line: {\"subject\": \"...\", \"body\": \"...\"}", "bad JSON");
            return;
        }
        if (!have_header) {
            std::vector<std::string> keys;
            for (const auto& item : value.items()) {
                keys.push_back(item.key());
            }
            handle_cells(keys, at);
            if (fatal) {
                return;
            }
        }
        std::vector<std::string> row;
        row.reserve(header.size());
        for (const auto& key : header) {
            auto it = value.find(key);
            row.push_back(it == value.end() ? std::string() : json_value_text(*it));
        }
        handle_cells(row, at);
    }

    void feed_json(std::string_view segment) {
        if (skip_line) {
            return;
        }
        if (json_line.size() + segment.size() > k_max_record_bytes) {
            ++counts.rows;
            warn(line, "line is longer than " + std::to_string(k_max_record_bytes / (1024 * 1024)) + " MiB; skipped",
                 "", "record too long");
            json_line.clear();
            skip_line = true;
            return;
        }
        json_line.append(segment);
    }

    // --- driving -------------------------------------------------------------

    void process(std::string_view text) {
        std::size_t begin = 0;
        while (begin < text.size() && !fatal) {
            const std::size_t newline = text.find('\n', begin);
            const std::size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
            const std::string_view segment = text.substr(begin, end - begin);
            if (format == ExportFormat::jsonl) {
                feed_json(newline == std::string_view::npos ? segment : segment.substr(0, segment.size() - 1));
                if (newline != std::string_view::npos) {
                    finish_json_line();
                }
            } else {
                feed_csv(segment);
            }
            if (newline != std::string_view::npos) {
                ++line;
                skip_line = false;
            }
            begin = end;
        }
    }

    void finish() {
        if (format == ExportFormat::jsonl) {
            if (!json_line.empty()) {
                finish_json_line();
            }
        } else {
            finish_csv();
        }
    }

    // Reads and processes one chunk; false when there is nothing more.
    bool pump() {
        if (fatal || input_done) {
            return false;
        }
        std::string text;
        std::size_t bad_at = std::string::npos;
        unsigned char bad_byte = 0;
        read_text(text, bad_at, bad_byte);
        if (fatal) {
            return false;
        }
        process(text);
        if (bad_at != std::string::npos && !fatal) {
            fatal = Error(ErrorCode::usage,
                          shown + ":" + std::to_string(line) + ": not valid UTF-8 (byte " + hex_byte(bad_byte) + ")",
                          "give the file's encoding with --encoding or [tickets] encoding in faqt.toml; likely: "
                          "windows-1250 (Polish, Czech), windows-1252 or latin1 (Western European), iso-8859-2 "
                          "(Central European)");
            return false;
        }
        if (input_done && !fatal) {
            finish();
        }
        return !fatal;
    }

    // The first chunk: BOM, format and delimiter, then the header.
    void start() {
        std::string text;
        std::size_t bad_at = std::string::npos;
        unsigned char bad_byte = 0;
        // Read until there is a whole line to sniff (or the input ends).
        while (!fatal && !input_done && text.find('\n') == std::string::npos && text.size() < k_max_record_bytes &&
               bad_at == std::string::npos) {
            read_text(text, bad_at, bad_byte);
        }
        if (fatal) {
            return;
        }
        if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
            text.erase(0, 3);
        }
        format = options.format;
        const std::string& path = shown;
        if (format == ExportFormat::detect) {
            const std::size_t first = text.find_first_not_of(" \t\r\n");
            const bool brace = first != std::string::npos && text[first] == '{';
            format = ends_with_folded(path, ".jsonl") || ends_with_folded(path, ".ndjson") || brace
                         ? ExportFormat::jsonl
                         : ExportFormat::csv;
        }
        if (format == ExportFormat::csv) {
            delimiter = options.delimiter != 0           ? options.delimiter
                        : ends_with_folded(path, ".tsv") ? '\t'
                        : ends_with_folded(path, ".tab") ? '\t'
                                                         : sniff_delimiter(text);
            reset_parser();
        }
        process(text);
        if (bad_at != std::string::npos && !fatal) {
            fatal = Error(ErrorCode::usage,
                          shown + ":" + std::to_string(line) + ": not valid UTF-8 (byte " + hex_byte(bad_byte) + ")",
                          "give the file's encoding with --encoding or [tickets] encoding in faqt.toml; likely: "
                          "windows-1250 (Polish, Czech), windows-1252 or latin1 (Western European), iso-8859-2 "
                          "(Central European)");
            return;
        }
        if (input_done && !fatal) {
            finish();
        }
        while (!have_header && pump()) {
        }
    }
};

ReaderOptions reader_options(const TicketsConfig& config) {
    ReaderOptions options;
    options.encoding = config.encoding;
    options.preset = config.preset;
    options.delimiter = config.delimiter;
    options.configured = column_names(config);
    return options;
}

TicketSource::TicketSource(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
TicketSource::TicketSource(TicketSource&&) noexcept = default;
TicketSource& TicketSource::operator=(TicketSource&&) noexcept = default;
TicketSource::~TicketSource() = default;

bool TicketSource::next(TicketRecord& record) {
    Impl& impl = *m_impl;
    while (impl.ready.empty()) {
        if (!impl.pump()) {
            if (impl.ready.empty()) {
                return false;
            }
            break;
        }
    }
    record = std::move(impl.ready.front());
    impl.ready.pop_front();
    return true;
}

bool TicketSource::failed() const {
    return m_impl->fatal.has_value();
}
const Error& TicketSource::error() const {
    return *m_impl->fatal;
}
const Diagnostics& TicketSource::diagnostics() const {
    return m_impl->diagnostics;
}
const ReadCounts& TicketSource::counts() const {
    return m_impl->counts;
}
ExportFormat TicketSource::format() const {
    return m_impl->format;
}
char TicketSource::delimiter() const {
    return m_impl->delimiter;
}
const PresetInfo& TicketSource::preset() const {
    return m_impl->plan.preset;
}
const std::vector<std::string>& TicketSource::header() const {
    return m_impl->header;
}
const ColumnPlan& TicketSource::columns() const {
    return m_impl->plan;
}
const std::string& TicketSource::display_path() const {
    return m_impl->shown;
}

Result<TicketSource> open_tickets(const std::string& path, const ReaderOptions& options) {
    auto impl = std::make_unique<TicketSource::Impl>();
    impl->options = options;
    impl->shown = !options.display_path.empty() ? options.display_path : path == "-" ? "<stdin>" : path;
    if (!options.encoding.empty()) {
        if (auto opened = impl->open_converter(options.encoding); !opened) {
            return opened.error();
        }
    }
    if (auto opened = impl->bytes.open(path, impl->shown); !opened) {
        return opened.error();
    }
    impl->start();
    // An error before the first ticket is the open's error; later ones are
    // the source's (failed()).
    if (impl->fatal && impl->ready.empty()) {
        return *impl->fatal;
    }
    return TicketSource(std::move(impl));
}

}  // namespace faqt
