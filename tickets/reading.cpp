#include "tickets/reading.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "content/text.hpp"

namespace faqt {

namespace {

// A line folded (content's fold(): no accents, lower case) with everything
// but letters and digits turned into single spaces, so phrases compare
// the same with or without diacritics and punctuation.
std::string plain(std::string_view line) {
    const std::string folded = fold(line);
    std::string out;
    out.reserve(folded.size());
    for (char ch : folded) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) != 0 || c >= 0x80) {
            out += ch;
        } else if (!out.empty() && out.back() != ' ') {
            out += ' ';
        }
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

std::size_t word_count(std::string_view plain_text) {
    if (plain_text.empty()) {
        return 0;
    }
    return static_cast<std::size_t>(std::count(plain_text.begin(), plain_text.end(), ' ')) + 1;
}

bool starts_with_phrase(std::string_view plain_text, std::string_view phrase) {
    return plain_text.size() >= phrase.size() && plain_text.substr(0, phrase.size()) == phrase &&
           (plain_text.size() == phrase.size() || plain_text[phrase.size()] == ' ');
}

template <std::size_t N>
bool starts_with_any(std::string_view plain_text, const std::array<std::string_view, N>& phrases) {
    return std::any_of(phrases.begin(), phrases.end(),
                       [&](std::string_view p) { return starts_with_phrase(plain_text, p); });
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

std::string_view trim_view(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

// Folded, as plain() makes them.
constexpr std::array<std::string_view, 26> k_greetings = {
    "hi",        "hello",    "hey",       "dear",     "good morning", "good afternoon", "good evening",
    "hallo",     "hiya",     "greetings", "morning",  "dzien dobry",  "witam",          "witajcie",
    "czesc",     "szanowni", "szanowny",  "szanowna", "chao",         "xin chao",       "kinh gui",
    "kinh chao", "gui anh",  "gui chi",   "hi all",   "to whom"};

constexpr std::array<std::string_view, 34> k_closings = {
    "thanks",          "thank you",    "thx",          "tks",          "ty",
    "many thanks",     "regards",      "best regards", "kind regards", "warm regards",
    "best wishes",     "best",         "cheers",       "br",           "brgds",
    "sincerely",       "yours",        "rgds",         "pozdrawiam",   "pozdr",
    "pozdrowienia",    "z powazaniem", "dziekuje",     "dzieki",       "serdecznie",
    "z gory dziekuje", "cam on",       "tran trong",   "than ai",      "xin cam on",
    "sent from",       "wyslane z",    "gui tu",       "get outlook"};

// Lines that open the quoted thread.
bool is_attribution(std::string_view p, std::string_view next_plain) {
    if (starts_with_phrase(p, "on") && (contains(p, " wrote") || (p.size() < 120 && contains(next_plain, "wrote")))) {
        return true;
    }
    if (p.size() < 200 && (contains(p, "napisal") || (starts_with_phrase(p, "w dniu") && contains(p, "pisze")) ||
                           contains(p, "da viet") || (contains(p, " wrote") && p.size() < 120))) {
        return true;
    }
    return false;
}

bool is_thread_marker(std::string_view p) {
    return contains(p, "original message") || contains(p, "forwarded message") ||
           starts_with_phrase(p, "begin forwarded") || contains(p, "wiadomosc oryginalna") ||
           contains(p, "przekazana wiadomosc") || contains(p, "thu chuyen tiep") || contains(p, "thu goc");
}

// Outlook's header block of a quoted or forwarded message: "From:" (Od:,
// Từ:) followed within a few lines by Sent/Date/To/Subject.
bool header_key(std::string_view line, std::initializer_list<std::string_view> keys) {
    const std::string folded = fold(trim_view(line).substr(0, 24));
    return std::any_of(keys.begin(), keys.end(), [&](std::string_view k) {
        return folded.size() > k.size() && folded.substr(0, k.size()) == k && folded[k.size()] == ':';
    });
}

bool is_header_block(const std::vector<std::string_view>& lines, std::size_t i) {
    if (!header_key(lines[i], {"from", "od", "tu", "von", "de"})) {
        return false;
    }
    for (std::size_t k = i + 1; k < lines.size() && k <= i + 4; ++k) {
        if (header_key(lines[k], {"sent", "date", "to", "subject", "wyslano", "data", "do", "temat", "da gui", "ngay",
                                  "den", "chu de", "gesendet", "cc"})) {
            return true;
        }
    }
    return false;
}

bool is_disclaimer(std::string_view paragraph_plain) {
    static constexpr std::array<std::string_view, 14> k_marks = {"confidential",    "intended recipient",
                                                                 "intended solely", "privileged",
                                                                 "disclaimer",      "poufn",
                                                                 "adresat",         "tajemnic",
                                                                 "bao mat",         "nguoi nhan",
                                                                 "mien tru",        "unauthorized",
                                                                 "legally binding", "virus"};
    const std::size_t words = word_count(paragraph_plain);
    std::size_t marks = 0;
    for (auto m : k_marks) {
        marks += contains(paragraph_plain, m) ? 1 : 0;
    }
    return marks >= 2 || (marks == 1 && (words >= 15 || starts_with_phrase(paragraph_plain, "confidential") ||
                                         starts_with_phrase(paragraph_plain, "disclaimer")));
}

// Greeting, signature and disclaimer removed from one message's lines.
std::string own_words(const std::vector<std::string_view>& lines) {
    std::vector<std::string_view> kept;
    bool greeting_checked = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = trim_view(lines[i]);
        if (line == "--" || line == "-- " || line == "__" || line == "---") {
            break;  // a signature to the end of this message
        }
        const std::string p = plain(line);
        if (!greeting_checked && !p.empty()) {
            greeting_checked = true;
            if (starts_with_any(p, k_greetings)) {
                if (word_count(p) <= 6) {
                    continue;
                }
                // "Hi team, my VPN ..." keeps what follows the greeting.
                const auto comma = line.find(',');
                if (comma != std::string_view::npos && comma < 40) {
                    line = trim_view(line.substr(comma + 1));
                }
            }
        }
        if (!p.empty() && word_count(p) <= 4 && starts_with_any(p, k_closings)) {
            // A closing with a few short lines after it (name, title,
            // phone) ends the message; otherwise only the line goes.
            std::size_t rest = 0;
            bool short_lines = true;
            for (std::size_t k = i + 1; k < lines.size(); ++k) {
                const std::string q = plain(lines[k]);
                if (q.empty()) {
                    continue;
                }
                ++rest;
                if (word_count(q) > 8 || rest > 6) {
                    short_lines = false;
                    break;
                }
            }
            if (short_lines) {
                break;
            }
            continue;
        }
        kept.push_back(line);
    }
    // Disclaimers, a paragraph at a time.
    std::string out;
    std::size_t start = 0;
    while (start < kept.size()) {
        std::size_t end = start;
        std::string paragraph;
        while (end < kept.size() && !kept[end].empty()) {
            paragraph += kept[end];
            paragraph += '\n';
            ++end;
        }
        if (!paragraph.empty() && !is_disclaimer(plain(paragraph))) {
            out += paragraph;
        }
        start = end + 1;
    }
    while (!out.empty() && out.back() == '\n') {
        out.pop_back();
    }
    return out;
}

std::string_view strip_quote_marks(std::string_view line) {
    while (!line.empty() && (line.front() == '>' || line.front() == ' ')) {
        line.remove_prefix(1);
    }
    return line;
}

struct Split {
    std::vector<std::string_view> own;
    std::vector<std::string_view> quoted;
};

// The message's own lines and the quoted thread's: '>' lines are quoted
// where they stand; from an attribution, a thread marker or a header block
// on, everything is.
Split split_thread(const std::vector<std::string_view>& lines) {
    Split split;
    bool in_thread = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        if (in_thread) {
            split.quoted.push_back(strip_quote_marks(line));
            continue;
        }
        const std::string_view trimmed = trim_view(line);
        if (!trimmed.empty() && trimmed.front() == '>') {
            split.quoted.push_back(strip_quote_marks(trimmed));
            continue;
        }
        const std::string p = plain(trimmed.substr(0, std::min<std::size_t>(trimmed.size(), 300)));
        const std::string next = i + 1 < lines.size() ? plain(lines[i + 1].substr(0, 300)) : std::string();
        if (is_thread_marker(p) || is_attribution(p, next) || is_header_block(lines, i)) {
            in_thread = true;
            if (is_header_block(lines, i)) {
                // The header lines themselves are not the problem.
                while (i < lines.size() && !trim_view(lines[i]).empty()) {
                    ++i;
                }
            }
            continue;
        }
        split.own.push_back(line);
    }
    return split;
}

bool is_version(std::string_view s, bool need_dot) {
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s.front())) == 0 ||
        std::isdigit(static_cast<unsigned char>(s.back())) == 0) {
        return false;
    }
    bool dot = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '.') {
            if (i + 1 < s.size() && s[i + 1] == '.') {
                return false;
            }
            dot = true;
        } else if (std::isdigit(static_cast<unsigned char>(s[i])) == 0) {
            return false;
        }
    }
    return dot || !need_dot;
}

std::string strip_subject_prefixes(std::string_view subject) {
    std::string_view s = trim_view(subject);
    static constexpr std::array<std::string_view, 12> k_prefixes = {
        "re:", "fw:", "fwd:", "aw:", "wg:", "odp:", "pd:", "tr:", "sv:", "vs:", "r:", "[external]"};
    for (bool again = true; again;) {
        again = false;
        for (auto p : k_prefixes) {
            if (s.size() >= p.size() && fold(s.substr(0, p.size())) == p) {
                s = trim_view(s.substr(p.size()));
                again = true;
            }
        }
    }
    // The ticket system's own tag ("[INC-123]", "[#4411]") names this
    // ticket, not its problem.
    while (!s.empty() && s.front() == '[') {
        const auto close = s.find(']');
        if (close == std::string_view::npos ||
            s.substr(0, close).find_first_of("0123456789") == std::string_view::npos) {
            break;
        }
        s = trim_view(s.substr(close + 1));
    }
    return std::string(s);
}

void add_evidence(std::string_view text, std::vector<std::string>& evidence, std::set<std::string>& seen) {
    constexpr std::size_t k_max_evidence = 32;
    for (auto& word : split_words(text)) {
        if (evidence.size() >= k_max_evidence) {
            return;
        }
        if (is_evidence_word(word) && seen.insert(fold(word)).second) {
            evidence.push_back(word);
        }
    }
}

}  // namespace

bool is_evidence_word(std::string_view word) {
    if (word.size() < 3 || word.size() > 64) {
        return false;
    }
    bool digit = false;
    bool letter = false;
    bool underscore = false;
    for (char ch : word) {
        const auto c = static_cast<unsigned char>(ch);
        digit = digit || std::isdigit(c) != 0;
        letter = letter || std::isalpha(c) != 0;
        underscore = underscore || c == '_';
    }
    if (underscore && letter) {
        return true;
    }
    if (digit && letter) {
        return word.size() >= 5 || (word.front() == 'v' && contains(word, "."));
    }
    return is_version(word, true);
}

std::string version_in_text(std::string_view text) {
    // Words split at white space, punctuation at their ends dropped.
    std::vector<std::string> words;
    for (std::size_t i = 0; i < text.size();) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0) {
            ++i;
        }
        std::size_t start = i;
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) == 0) {
            ++i;
        }
        std::string_view w = text.substr(start, i - start);
        while (!w.empty() && std::string_view(",;:()[]\"'!?").find(w.back()) != std::string_view::npos) {
            w.remove_suffix(1);
        }
        while (!w.empty() && w.back() == '.') {
            w.remove_suffix(1);
        }
        while (!w.empty() && std::string_view("([\"'").find(w.front()) != std::string_view::npos) {
            w.remove_prefix(1);
        }
        if (!w.empty()) {
            words.push_back(fold(w));
        }
        if (words.size() > 20000) {
            break;
        }
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        const bool keyword = w == "version" || w == "ver" || w == "wersja" || w == "wersji" || w == "wersje" ||
                             (w == "ban" && i > 0 && words[i - 1] == "phien");
        if (keyword && i + 1 < words.size()) {
            std::string_view next = words[i + 1];
            if (!next.empty() && next.front() == 'v') {
                next.remove_prefix(1);
            }
            if (is_version(next, false)) {
                return std::string(next);
            }
        }
        if (w.size() > 3 && w.front() == 'v' && is_version(std::string_view(w).substr(1), true)) {
            return w.substr(1);
        }
    }
    return {};
}

TicketText read_ticket_text(const Ticket& ticket) {
    TicketText out;
    out.subject = strip_subject_prefixes(ticket.subject);
    auto lines = split_lines(ticket.body);
    for (auto& line : lines) {
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
    }
    Split split = split_thread(lines);
    out.body = own_words(split.own);
    // The quoted thread may itself hold replies: one more level is read
    // apart, and both are the quoted text.
    if (!split.quoted.empty()) {
        Split inner = split_thread(split.quoted);
        out.quoted = own_words(inner.own);
        const std::string deeper = own_words(inner.quoted);
        if (!deeper.empty()) {
            out.quoted += out.quoted.empty() ? "" : "\n";
            out.quoted += deeper;
        }
    }
    std::set<std::string> seen;
    add_evidence(out.subject, out.evidence, seen);
    add_evidence(out.body, out.evidence, seen);
    add_evidence(out.quoted, out.evidence, seen);
    out.version = version_in_text(out.subject);
    if (out.version.empty()) {
        out.version = version_in_text(out.body);
    }
    if (out.version.empty()) {
        out.version = version_in_text(out.quoted);
    }
    return out;
}

}  // namespace faqt
