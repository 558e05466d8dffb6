#include "tickets/email.hpp"

#include <dlfcn.h>
#include <gmime/gmime.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>

#include "content/html_sanitiser.hpp"
#include "content/text.hpp"

namespace faqt {

namespace {

// GMime is loaded with dlopen() on the first email read, not linked: its
// shared objects (glib, gobject, gio, gpgme, libmount... 15 of them) and
// their constructors made every faqt process 49% more instructions for a
// search of the example KB (+3 ms), and Debian's static archives still 24%
// (BENCHMARKS.md, "Email and process start").
// Only the functions below are used; the type checks of GMime's macros are
// made with g_type_check_instance_is_a() from the same table.
#define FAQT_GMIME_FUNCTIONS(X)                    \
    X(g_mime_init)                                 \
    X(g_mime_stream_mem_new)                       \
    X(g_mime_stream_mem_new_with_buffer)           \
    X(g_mime_stream_mem_get_byte_array)            \
    X(g_mime_parser_new_with_stream)               \
    X(g_mime_parser_set_format)                    \
    X(g_mime_parser_options_new)                   \
    X(g_mime_parser_options_free)                  \
    X(g_mime_parser_options_set_fallback_charsets) \
    X(g_mime_parser_construct_message)             \
    X(g_mime_message_get_subject)                  \
    X(g_mime_message_get_from)                     \
    X(g_mime_message_get_sender)                   \
    X(g_mime_message_get_to)                       \
    X(g_mime_message_get_mime_part)                \
    X(g_mime_object_get_header)                    \
    X(g_mime_object_get_content_type)              \
    X(g_mime_object_get_content_type_parameter)    \
    X(g_mime_object_get_disposition)               \
    X(g_mime_content_type_is_type)                 \
    X(g_mime_multipart_get_count)                  \
    X(g_mime_multipart_get_part)                   \
    X(g_mime_message_part_get_message)             \
    X(g_mime_part_get_content)                     \
    X(g_mime_data_wrapper_write_to_stream)         \
    X(internet_address_list_length)                \
    X(internet_address_list_get_address)           \
    X(internet_address_list_to_string)             \
    X(internet_address_get_name)                   \
    X(internet_address_mailbox_get_addr)           \
    X(g_mime_part_get_type)                        \
    X(g_mime_multipart_get_type)                   \
    X(g_mime_message_part_get_type)                \
    X(internet_address_mailbox_get_type)           \
    X(g_type_check_instance_is_a)                  \
    X(g_object_unref)                              \
    X(g_free)

struct GMimeApi {
#define FAQT_GMIME_MEMBER(name) decltype(&::name) name = nullptr;
    FAQT_GMIME_FUNCTIONS(FAQT_GMIME_MEMBER)
#undef FAQT_GMIME_MEMBER
    std::string error;  // why GMime could not be loaded, "" when it was
};

// Loads and initialises GMime once, for every thread.
const GMimeApi& load_gmime() {
    static GMimeApi api;
    static std::once_flag once;
    std::call_once(once, [] {
        void* library = dlopen(FAQT_GMIME_SONAME, RTLD_NOW | RTLD_LOCAL);
        if (library == nullptr) {
            const char* reason = dlerror();
            api.error = reason == nullptr ? std::string(FAQT_GMIME_SONAME " not found") : std::string(reason);
            return;
        }
#define FAQT_GMIME_LOAD(name)                                               \
    api.name = reinterpret_cast<decltype(api.name)>(dlsym(library, #name)); \
    if (api.name == nullptr) {                                              \
        api.error = FAQT_GMIME_SONAME " has no " #name;                     \
        return;                                                             \
    }
        FAQT_GMIME_FUNCTIONS(FAQT_GMIME_LOAD)
#undef FAQT_GMIME_LOAD
        // Never unloaded: glib's types cannot be unregistered.
        api.g_mime_init();
    });
    return api;
}

const GMimeApi& gmime() {
    return load_gmime();
}

template <typename T>
bool is_a(T* object, GType type) {
    return object != nullptr &&
           gmime().g_type_check_instance_is_a(reinterpret_cast<GTypeInstance*>(object), type) != FALSE;
}

// GObjects owned here are released by g_object_unref.
struct Unref {
    void operator()(gpointer object) const {
        if (object != nullptr) {
            gmime().g_object_unref(object);
        }
    }
};
template <typename T>
using Owned = std::unique_ptr<T, Unref>;

struct ParserOptionsFree {
    void operator()(GMimeParserOptions* options) const { gmime().g_mime_parser_options_free(options); }
};

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && ascii_lower(text.substr(0, prefix.size())) == prefix;
}

// The longest prefix of valid UTF-8 text that fits max bytes, not cutting a
// code point.
std::string_view utf8_prefix(std::string_view text, std::size_t max) {
    if (text.size() <= max) {
        return text;
    }
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    return text.substr(0, end);
}

// LF line ends (CRLF and lone CR), control characters other than tab and
// newline removed, valid UTF-8.
std::string clean_text(std::string_view text) {
    return strip_control(repair_utf8(unix_newlines(text)));
}

// One line: line breaks and tabs (a folded header) as single spaces.
std::string one_line(std::string_view text) {
    std::string out;
    for (char c : clean_text(text)) {
        bool space = c == '\n' || c == '\t' || c == ' ';
        if (space) {
            if (!out.empty() && out.back() != ' ') {
                out += ' ';
            }
        } else {
            out += c;
        }
    }
    return trim(out);
}

class Reader {
public:
    Reader(std::string_view source_name, Ticket& ticket) : m_source(source_name), m_ticket(ticket) {}

    void warn(std::string message, std::string hint = {}) {
        for (const Diagnostic& known : m_ticket.diagnostics) {
            if (known.message == message) {
                return;  // one warning of a kind per message
            }
        }
        m_ticket.diagnostics.push_back(
            Diagnostic{std::string(m_source), 0, 0, Severity::warning, std::move(message), std::move(hint)});
    }

    // A header value kept to one line of at most k_max_header_bytes.
    std::string header_line(const char* value, std::string_view what) {
        if (value == nullptr) {
            return {};
        }
        std::string_view raw(value);
        if (raw.size() > 4 * k_max_header_bytes) {
            raw = raw.substr(0, 4 * k_max_header_bytes);
        }
        std::string line = one_line(raw);
        if (line.size() > k_max_header_bytes || std::string_view(value).size() > 4 * k_max_header_bytes) {
            line = std::string(utf8_prefix(line, k_max_header_bytes));
            warn("the " + std::string(what) + " is cut at " + std::to_string(k_max_header_bytes) + " bytes");
        }
        return line;
    }

    void read_message(GMimeMessage* message, int depth) {
        if (GMimeObject* body = gmime().g_mime_message_get_mime_part(message); body != nullptr) {
            read_object(body, depth);
        }
    }

    void append(std::string_view text) {
        if (m_full) {
            return;
        }
        std::string_view kept = text;
        while (!kept.empty() && (kept.back() == '\n' || kept.back() == ' ' || kept.back() == '\t')) {
            kept.remove_suffix(1);
        }
        if (kept.find_first_not_of(" \t\n") == std::string_view::npos) {
            return;
        }
        std::string& body = m_ticket.body;
        if (!body.empty()) {
            body += "\n\n";
        }
        if (body.size() + kept.size() > k_max_body_bytes) {
            std::size_t room = body.size() < k_max_body_bytes ? k_max_body_bytes - body.size() : 0;
            body += utf8_prefix(kept, room);
            cut_body();
            return;
        }
        body += kept;
    }

    void cut_body() {
        m_full = true;
        warn("the text of the email is cut at " + std::to_string(k_max_body_bytes / 1024) + " KiB",
             "the rest of the message is not read");
    }

    bool full() const { return m_full; }

private:
    void read_object(GMimeObject* object, int depth) {
        if (m_full) {
            return;
        }
        if (++m_parts > k_max_mime_parts) {
            warn("the email has more than " + std::to_string(k_max_mime_parts) + " MIME parts: the rest are not read");
            return;
        }
        if (depth > k_max_mime_depth) {
            warn("the email's MIME parts are nested more than " + std::to_string(k_max_mime_depth) +
                 " deep: the deeper ones are not read");
            return;
        }
        if (is_a(object, gmime().g_mime_message_part_get_type())) {
            read_forwarded(gmime().g_mime_message_part_get_message(reinterpret_cast<GMimeMessagePart*>(object)),
                           depth + 1);
            return;
        }
        if (is_a(object, gmime().g_mime_multipart_get_type())) {
            read_multipart(reinterpret_cast<GMimeMultipart*>(object), depth + 1);
            return;
        }
        if (is_a(object, gmime().g_mime_part_get_type())) {
            read_part(reinterpret_cast<GMimePart*>(object));
        }
    }

    void read_multipart(GMimeMultipart* multipart, int depth) {
        GMimeContentType* type = gmime().g_mime_object_get_content_type(reinterpret_cast<GMimeObject*>(multipart));
        const int count = gmime().g_mime_multipart_get_count(multipart);
        if (type != nullptr && gmime().g_mime_content_type_is_type(type, "multipart", "alternative")) {
            // The text/plain version when there is one with text, else
            // the first other version that gives any (HTML, a related
            // group): some mailers send an empty text/plain beside the HTML.
            for (const bool plain_pass : {true, false}) {
                for (int i = 0; i < count; ++i) {
                    GMimeObject* part = gmime().g_mime_multipart_get_part(multipart, i);
                    if (is_plain_text(part) != plain_pass) {
                        continue;
                    }
                    const std::size_t before = m_ticket.body.size();
                    read_object(part, depth);
                    if (m_ticket.body.size() != before || m_full) {
                        return;
                    }
                }
            }
            return;
        }
        if (type != nullptr && (gmime().g_mime_content_type_is_type(type, "multipart", "signed") ||
                                gmime().g_mime_content_type_is_type(type, "multipart", "related"))) {
            // The signed content, or the root of a related group (its
            // other parts are the images it shows).
            if (count > 0) {
                read_object(gmime().g_mime_multipart_get_part(multipart, 0), depth);
            }
            return;
        }
        if (type != nullptr && gmime().g_mime_content_type_is_type(type, "multipart", "encrypted")) {
            warn("the email is encrypted: its text cannot be read");
            return;
        }
        for (int i = 0; i < count && !m_full; ++i) {
            read_object(gmime().g_mime_multipart_get_part(multipart, i), depth);
        }
    }

    static bool is_plain_text(GMimeObject* part) {
        GMimeContentType* type = gmime().g_mime_object_get_content_type(part);
        return is_a(part, gmime().g_mime_part_get_type()) && type != nullptr &&
               gmime().g_mime_content_type_is_type(type, "text", "plain");
    }

    // A forwarded message: its headers as a mail program shows them, then
    // its text.
    void read_forwarded(GMimeMessage* message, int depth) {
        if (message == nullptr) {
            return;
        }
        std::string header = "---------- Forwarded message ----------";
        auto line = [&](const char* name, const char* value) {
            std::string text = header_line(value, name);
            if (!text.empty()) {
                header += '\n' + std::string(name) + ": " + text;
            }
        };
        line("From", address_list_text(gmime().g_mime_message_get_from(message)).c_str());
        line("Date", gmime().g_mime_object_get_header(reinterpret_cast<GMimeObject*>(message), "Date"));
        line("Subject", gmime().g_mime_message_get_subject(message));
        line("To", address_list_text(gmime().g_mime_message_get_to(message)).c_str());
        append(header);
        read_message(message, depth);
    }

    static std::string address_list_text(InternetAddressList* list) {
        if (list == nullptr) {
            return {};
        }
        char* text = gmime().internet_address_list_to_string(list, nullptr, FALSE);
        std::string out = text == nullptr ? std::string() : std::string(text);
        gmime().g_free(text);
        return out;
    }

    void read_part(GMimePart* part) {
        GMimeContentType* type = gmime().g_mime_object_get_content_type(reinterpret_cast<GMimeObject*>(part));
        if (type == nullptr) {
            return;
        }
        const bool plain = gmime().g_mime_content_type_is_type(type, "text", "plain");
        const bool html = gmime().g_mime_content_type_is_type(type, "text", "html");
        if (!plain && !html) {
            return;  // images, PDFs, calendars...: not the ticket's text
        }
        const char* disposition = gmime().g_mime_object_get_disposition(reinterpret_cast<GMimeObject*>(part));
        if (disposition != nullptr && ascii_lower(disposition) == "attachment") {
            return;  // an attached file, even a text one
        }
        bool cut = false;
        std::string text = decoded_text(part, html ? 4 * k_max_body_bytes : k_max_body_bytes, cut);
        append(html ? html_to_text(text, HtmlTextLayout::mail) : text);
        if (cut) {
            cut_body();
        }
    }

    // The part's content with its transfer encoding undone and its charset
    // converted to UTF-8, cut at about max bytes (then cut is set).
    std::string decoded_text(GMimePart* part, std::size_t max, bool& cut) {
        GMimeDataWrapper* content = gmime().g_mime_part_get_content(part);
        if (content == nullptr) {
            return {};
        }
        Owned<GMimeStream> stream(gmime().g_mime_stream_mem_new());
        gmime().g_mime_data_wrapper_write_to_stream(content, stream.get());
        GByteArray* bytes = gmime().g_mime_stream_mem_get_byte_array(reinterpret_cast<GMimeStreamMem*>(stream.get()));
        std::string_view raw(reinterpret_cast<const char*>(bytes->data), bytes->len);
        if (raw.size() > max) {
            raw = raw.substr(0, max);
            cut = true;
        }
        const char* charset =
            gmime().g_mime_object_get_content_type_parameter(reinterpret_cast<GMimeObject*>(part), "charset");
        std::string text = clean_text(to_utf8(raw, charset == nullptr ? "" : charset));
        if (cut) {
            text = std::string(utf8_prefix(text, max));
        }
        return text;
    }

    // Bytes in charset as UTF-8: UTF-8 and ASCII as they are (invalid
    // bytes become U+FFFD later), other charsets through ICU, which turns
    // what the charset does not allow into U+FFFD. An unknown charset (or
    // none) is UTF-8 when the bytes are valid UTF-8, else windows-1252,
    // which mail programs use for mislabelled Western text.
    std::string to_utf8(std::string_view raw, std::string_view charset) {
        const std::string name = ascii_lower(trim(charset));
        if (name.empty() || name == "utf-8" || name == "utf8" || name == "us-ascii" || name == "ascii") {
            if (name.empty() || name == "us-ascii" || name == "ascii") {
                if (!is_valid_utf8(raw)) {
                    return convert(raw, "windows-1252");
                }
            }
            return std::string(raw);
        }
        if (std::string out; convert(raw, name.c_str(), &out)) {
            return out;
        }
        warn("unknown charset \"" + one_line(utf8_prefix(charset, 64)) + "\" in the email",
             "its text is read as UTF-8 or windows-1252");
        return is_valid_utf8(raw) ? std::string(raw) : convert(raw, "windows-1252");
    }

    static std::string convert(std::string_view raw, const char* charset) {
        std::string out;
        convert(raw, charset, &out);
        return out;
    }

    static bool convert(std::string_view raw, const char* charset, std::string* out) {
        icu::UnicodeString text(raw.data(), static_cast<int32_t>(raw.size()), charset);
        if (text.isBogus()) {
            return false;
        }
        text.toUTF8String(*out);
        return true;
    }

    std::string_view m_source;
    Ticket& m_ticket;
    std::size_t m_parts = 0;
    bool m_full = false;
};

bool header_says_automatic(GMimeObject* object, GMimeObject* body) {
    auto value = [&](const char* name) {
        const char* text = gmime().g_mime_object_get_header(object, name);
        return text == nullptr ? std::string() : ascii_lower(trim(text));
    };
    const std::string auto_submitted = value("Auto-Submitted");
    if (!auto_submitted.empty() && auto_submitted.rfind("no", 0) != 0) {
        return true;
    }
    for (const char* name : {"X-Autoreply", "X-Autorespond", "X-Autogenerated", "X-Auto-Generated"}) {
        if (gmime().g_mime_object_get_header(object, name) != nullptr) {
            return true;
        }
    }
    const std::string precedence = value("Precedence");
    if (precedence == "bulk" || precedence == "junk" || precedence == "auto_reply") {
        return true;
    }
    GMimeContentType* type = body == nullptr ? nullptr : gmime().g_mime_object_get_content_type(body);
    return type != nullptr && gmime().g_mime_content_type_is_type(type, "multipart", "report");
}

std::string_view skip_bom(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    return text;
}

// The input without a leading mbox "From " separator line.
std::string_view skip_mbox_line(std::string_view text) {
    if (text.substr(0, 5) == "From ") {
        std::size_t end = text.find('\n');
        return end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    return text;
}

// Whether line is a header field's first line: "Name: value", the name
// printable ASCII without spaces.
bool is_field_line(std::string_view line) {
    std::size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos) {
        return false;
    }
    return std::all_of(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(colon),
                       [](char c) { return c > ' ' && c < 127; });
}

// Where the header block ends without the blank line that should end it:
// the offset of the first line that is neither a field nor a continuation,
// or npos when the block ends as it should (or at the end of the input).
// GMime drops such a line with the rest of the block; mail programs show
// it as the first line of the body.
std::size_t missing_header_end(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty()) {
            return std::string_view::npos;
        }
        if (pos > 0 && line.front() != ' ' && line.front() != '\t' && !is_field_line(line)) {
            return pos;
        }
        if (end == std::string_view::npos) {
            break;
        }
        pos = end + 1;
    }
    return std::string_view::npos;
}

}  // namespace

Result<Ticket> read_email(std::string_view bytes, std::string_view source_name) {
    if (const GMimeApi& api = load_gmime(); !api.error.empty()) {
        return Error(ErrorCode::internal, std::string(source_name) + ": cannot read email: " + api.error,
                     "install GMime 3 (Debian: libgmime-3.0-0)");
    }
    Ticket ticket;
    Reader reader(source_name, ticket);
    std::string_view input = skip_mbox_line(skip_bom(bytes));
    if (input.size() > k_max_email_bytes) {
        input = input.substr(0, k_max_email_bytes);
        reader.warn("the email is over " + std::to_string(k_max_email_bytes >> 20) + " MiB: only its start is read");
    }
    if (input.empty()) {
        // GMime asserts on an empty buffer (and prints its assertion).
        return Error(ErrorCode::usage, std::string(source_name) + ": not an email: no header block",
                     "a plain-text ticket is read as text when it does not start with email headers");
    }
    std::string repaired;
    if (std::size_t end = missing_header_end(input); end != std::string_view::npos) {
        repaired.reserve(input.size() + 1);
        repaired.append(input.substr(0, end)).append("\n").append(input.substr(end));
        input = repaired;
    }
    Owned<GMimeStream> stream(gmime().g_mime_stream_mem_new_with_buffer(input.data(), input.size()));
    Owned<GMimeParser> parser(gmime().g_mime_parser_new_with_stream(stream.get()));
    gmime().g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    std::unique_ptr<GMimeParserOptions, ParserOptionsFree> options(gmime().g_mime_parser_options_new());
    // Raw 8-bit headers: UTF-8 when they are, else windows-1252.
    const char* fallback[] = {"utf-8", "windows-1252", nullptr};
    gmime().g_mime_parser_options_set_fallback_charsets(options.get(), fallback);
    Owned<GMimeMessage> message(gmime().g_mime_parser_construct_message(parser.get(), options.get()));
    if (!message) {
        return Error(ErrorCode::usage, std::string(source_name) + ": not an email: no header block",
                     "a plain-text ticket is read as text when it does not start with email headers");
    }
    GMimeObject* object = reinterpret_cast<GMimeObject*>(message.get());

    ticket.subject = reader.header_line(gmime().g_mime_message_get_subject(message.get()), "subject");
    InternetAddressList* from = gmime().g_mime_message_get_from(message.get());
    if (from == nullptr || gmime().internet_address_list_length(from) == 0) {
        from = gmime().g_mime_message_get_sender(message.get());
    }
    if (from != nullptr && gmime().internet_address_list_length(from) > 0) {
        InternetAddress* address = gmime().internet_address_list_get_address(from, 0);
        if (is_a(address, gmime().internet_address_mailbox_get_type())) {
            ticket.from_address = reader.header_line(
                gmime().internet_address_mailbox_get_addr(reinterpret_cast<InternetAddressMailbox*>(address)),
                "sender's address");
        }
        ticket.from_name = reader.header_line(gmime().internet_address_get_name(address), "sender's name");
        if (ticket.from_name.empty()) {
            ticket.from_name = ticket.from_address.substr(0, ticket.from_address.find('@'));
        }
    }
    ticket.id = ticket_number_in_subject(ticket.subject);
    GMimeObject* body = gmime().g_mime_message_get_mime_part(message.get());
    ticket.auto_generated = header_says_automatic(object, body);
    // GMime keeps the message's Content-* headers with its body part.
    const char* language = gmime().g_mime_object_get_header(object, "Content-Language");
    if (language == nullptr && body != nullptr) {
        language = gmime().g_mime_object_get_header(body, "Content-Language");
    }
    if (language != nullptr) {
        // "pl-PL, en-US": the first tag, when it looks like one.
        std::string tag = trim(std::string_view(language).substr(0, std::string_view(language).find(',')));
        bool plausible = !tag.empty() && tag.size() <= 35 && std::all_of(tag.begin(), tag.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        });
        if (plausible) {
            ticket.lang = tag;
        }
    }
    reader.read_message(message.get(), 0);
    return ticket;
}

bool looks_like_email(std::string_view bytes) {
    std::string_view text = skip_mbox_line(skip_bom(bytes));
    int fields = 0;
    bool key_field = false;
    std::size_t pos = 0;
    // A header block longer than this is no ticket's.
    constexpr int k_max_lines = 1000;
    for (int lines = 0; lines < k_max_lines && pos < text.size(); ++lines) {
        std::size_t end = text.find('\n', pos);
        std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty()) {
            return end != std::string_view::npos && fields >= 2 && key_field;
        }
        if (line.front() == ' ' || line.front() == '\t') {
            if (fields == 0) {
                return false;  // a continuation of nothing
            }
        } else {
            if (!is_field_line(line)) {
                return false;
            }
            ++fields;
            const std::string lower = ascii_lower(line.substr(0, line.find(':')));
            key_field = key_field || lower == "from" || lower == "subject" || lower == "date" ||
                        lower == "message-id" || lower == "mime-version" || lower == "received";
        }
        if (end == std::string_view::npos) {
            return false;  // headers and no body: no blank line
        }
        pos = end + 1;
    }
    return false;
}

Ticket read_plain_ticket(std::string_view text) {
    Ticket ticket;
    std::string_view input = skip_bom(text);
    std::string clean = clean_text(input.size() > 4 * k_max_body_bytes ? input.substr(0, 4 * k_max_body_bytes) : input);
    std::string_view rest = clean;
    if (starts_with_nocase(rest, "subject:")) {
        std::size_t end = rest.find('\n');
        ticket.subject = one_line(utf8_prefix(
            rest.substr(8, end == std::string_view::npos ? std::string_view::npos : end - 8), k_max_header_bytes));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        ticket.id = ticket_number_in_subject(ticket.subject);
    }
    while (!rest.empty() && rest.front() == '\n') {
        rest.remove_prefix(1);
    }
    while (!rest.empty() && (rest.back() == '\n' || rest.back() == ' ' || rest.back() == '\t')) {
        rest.remove_suffix(1);
    }
    if (rest.size() > k_max_body_bytes || input.size() > 4 * k_max_body_bytes) {
        rest = utf8_prefix(rest, k_max_body_bytes);
        ticket.diagnostics.push_back(
            Diagnostic{"", 0, 0, Severity::warning,
                       "the text of the ticket is cut at " + std::to_string(k_max_body_bytes / 1024) + " KiB",
                       "the rest is not read"});
    }
    ticket.body = std::string(rest);
    return ticket;
}

}  // namespace faqt
