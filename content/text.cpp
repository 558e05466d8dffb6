#include "content/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

namespace faqt {

namespace {

bool is_ascii(std::string_view text) {
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

// Decodes the code point at text[i], advancing i; invalid bytes give U+FFFD.
UChar32 next_code_point(std::string_view text, std::size_t& i) {
    UChar32 c = 0;
    int32_t pos = static_cast<int32_t>(i);
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), pos, static_cast<int32_t>(text.size()), c);
    i = static_cast<std::size_t>(pos);
    return c < 0 ? 0xFFFD : c;
}

void append_utf8(std::string& out, UChar32 c) {
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
    if (error == 0) {
        out.append(buf, static_cast<std::size_t>(len));
    }
}

bool is_mark(UChar32 c) {
    return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

bool is_word_char(UChar32 c) {
    return u_isalnum(c) != 0 || is_mark(c);
}

// Letters that have no canonical decomposition but that users type without
// their stroke or ligature.
const char* special_fold(UChar32 c) {
    switch (c) {
        case 0x0111:  // đ
        case 0x0110:
            return "d";
        case 0x0142:  // ł
        case 0x0141:
            return "l";
        case 0x00F8:  // ø
        case 0x00D8:
            return "o";
        case 0x00DF:  // ß
        case 0x1E9E:  // ẞ
            return "ss";
        case 0x00E6:  // æ
        case 0x00C6:
            return "ae";
        case 0x0153:  // œ
        case 0x0152:
            return "oe";
        case 0x0131:  // dotless ı
            return "i";
        case 0x00FE:  // þ
            return "th";
        default:
            return nullptr;
    }
}

}  // namespace

std::string fold(std::string_view text) {
    if (is_ascii(text)) {
        std::string out(text);
        for (char& c : out) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return out;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    if (U_FAILURE(status)) {
        return lower(text);
    }
    icu::UnicodeString source =
        icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    icu::UnicodeString decomposed = nfkd->normalize(source, status);
    if (U_FAILURE(status)) {
        return lower(text);
    }
    std::string out;
    out.reserve(text.size());
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (is_mark(c)) {
            continue;
        }
        if (const char* replacement = special_fold(c)) {
            out += replacement;
            continue;
        }
        append_utf8(out, u_foldCase(c, U_FOLD_CASE_DEFAULT));
    }
    return out;
}

std::string lower(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        UChar32 c = next_code_point(text, i);
        append_utf8(out, u_foldCase(c, U_FOLD_CASE_DEFAULT));
    }
    return out;
}

bool is_valid_utf8(std::string_view text, std::size_t* offset) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        if (bytes[i] < 0x80) {
            ++i;
            continue;
        }
        int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) {
            if (offset != nullptr) {
                *offset = static_cast<std::size_t>(start);
            }
            return false;
        }
    }
    return true;
}

std::string repair_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) {
            out += "\xEF\xBF\xBD";
        } else {
            out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        }
    }
    return out;
}

int char_class(char32_t c) {
    // ASCII, most of the text, without the calls into ICU: its word
    // characters are its letters and digits (it has no marks).
    if (c < 0x80) {
        if (c >= '0' && c <= '9') {
            return k_char_digit;
        }
        return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ? k_char_letter : k_char_other;
    }
    const auto cp = static_cast<UChar32>(c);
    if (u_isdigit(cp) != 0) {
        return k_char_digit;
    }
    if (u_isalnum(cp) != 0) {
        return k_char_letter;
    }
    return is_mark(cp) ? k_char_mark : k_char_other;
}

std::vector<WordSpan> find_words(std::string_view text) {
    std::vector<WordSpan> words;
    std::size_t i = 0;
    std::size_t start = std::string_view::npos;
    int previous = k_char_other;
    while (i < text.size()) {
        std::size_t here = i;
        const auto byte = static_cast<unsigned char>(text[i]);
        const UChar32 c = byte < 0x80 ? (++i, static_cast<UChar32>(byte)) : next_code_point(text, i);
        const int cls = char_class(static_cast<char32_t>(c));
        if (cls != k_char_other) {
            if (start == std::string_view::npos) {
                start = here;
            }
            previous = cls;
            continue;
        }
        // '_' between letters or digits and '.' between digits keep a code
        // whole; a mark on either side does not count.
        if (start != std::string_view::npos && (c == '_' || c == '.') && i < text.size()) {
            std::size_t peek = i;
            const int next = char_class(static_cast<char32_t>(next_code_point(text, peek)));
            const bool joins = c == '_' ? ((previous == k_char_letter || previous == k_char_digit) &&
                                           (next == k_char_letter || next == k_char_digit))
                                        : (previous == k_char_digit && next == k_char_digit);
            if (joins) {
                previous = k_char_other;
                continue;
            }
        }
        if (start != std::string_view::npos) {
            words.push_back({start, here - start});
            start = std::string_view::npos;
        }
        previous = k_char_other;
    }
    if (start != std::string_view::npos) {
        words.push_back({start, text.size() - start});
    }
    return words;
}

namespace {

std::size_t count_letters(std::string_view folded) {
    std::size_t n = 0;
    while (n < folded.size() && folded[n] >= 'a' && folded[n] <= 'z') {
        ++n;
    }
    return n;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::size_t name_number_split(std::string_view folded) {
    const std::size_t letters = count_letters(folded);
    if (letters < 2 || !all_digits(folded.substr(letters))) {
        return std::string_view::npos;
    }
    return letters;
}

bool joins_name_number(std::string_view folded, std::string_view between, std::string_view next_folded) {
    return between == " " && folded.size() >= 2 && count_letters(folded) == folded.size() && all_digits(next_folded);
}

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    for (const auto& span : find_words(text)) {
        words.emplace_back(text.substr(span.offset, span.length));
    }
    return words;
}

std::string slugify(std::string_view text) {
    std::string folded = fold(text);
    std::string out;
    bool dash = false;
    for (char c : folded) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 && u < 0x80) {
            if (dash && !out.empty()) {
                out += '-';
            }
            dash = false;
            out += c;
        } else {
            dash = true;
        }
    }
    if (out.size() > 80) {
        out.resize(80);
        while (!out.empty() && out.back() == '-') {
            out.pop_back();
        }
    }
    return out;
}

std::string heading_anchor(std::string_view heading) {
    std::string out;
    for (std::size_t i = 0; i < heading.size();) {
        UChar32 c = next_code_point(heading, i);
        if (c == ' ') {
            out += '-';
        } else if (c == '-' || c == '_' || is_word_char(c)) {
            append_utf8(out, u_tolower(c));
        }
    }
    return out;
}

namespace {

std::size_t code_point_width(UChar32 c) {
    if (c < 0) {
        return 1;
    }
    if (is_mark(c) || c == 0x200B || u_charType(c) == U_FORMAT_CHAR) {
        return 0;
    }
    const auto width = static_cast<UEastAsianWidth>(u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH));
    return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        width += code_point_width(next_code_point(text, i));
    }
    return width;
}

std::string fit_width(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) {
        return std::string(text);
    }
    if (width == 0) {
        return "";
    }
    std::string out;
    std::size_t used = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const std::size_t w = code_point_width(next_code_point(text, i));
        if (used + w > width - 1) {
            break;
        }
        out.append(text.substr(start, i - start));
        used += w;
    }
    return out + "\u2026";
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (true) {
        const std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            lines.push_back(text.substr(pos));
            return lines;
        }
        lines.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
}

std::string unix_newlines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string trim(std::string_view text) {
    // ASCII space plus the Unicode spaces writers paste in: no-break (U+00A0),
    // narrow no-break (U+202F), thin (U+2009), zero-width (U+200B), BOM.
    static const std::string_view unicode_spaces[] = {"\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89", "\xE2\x80\x8B",
                                                      "\xEF\xBB\xBF"};
    bool changed = true;
    while (changed && !text.empty()) {
        changed = false;
        while (!text.empty() &&
               (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n')) {
            text.remove_prefix(1);
            changed = true;
        }
        while (!text.empty() &&
               (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
            text.remove_suffix(1);
            changed = true;
        }
        for (auto space : unicode_spaces) {
            if (text.size() >= space.size() && text.substr(0, space.size()) == space) {
                text.remove_prefix(space.size());
                changed = true;
            }
            if (text.size() >= space.size() && text.substr(text.size() - space.size()) == space) {
                text.remove_suffix(space.size());
                changed = true;
            }
        }
    }
    return std::string(text);
}

std::string strip_control(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
            continue;
        }
        // C1 controls are U+0080..U+009F, encoded C2 80..C2 9F.
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
            ++i;
            continue;
        }
        // The bidi embeddings, overrides and isolates, U+202A..U+202E
        // (E2 80 AA..AE) and U+2066..U+2069 (E2 81 A6..A9), reorder the
        // text up to their end, so a line can show other than what it holds
        // ("Trojan Source"). The marks U+200E and U+200F stay: they only
        // set the direction of the characters next to them, and right-to-left
        // articles need them to show punctuation and numbers right.
        if (c == 0xE2 && i + 2 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            const auto b2 = static_cast<unsigned char>(text[i + 2]);
            if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

bool name_needs_quoting(std::string_view name) {
    if (name.empty()) {
        return false;
    }
    if (name.front() == ' ' || name.back() == ' ') {
        return true;
    }
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c < 0x20 || c == 0x7F || c == '"' || c == '\\') {
            return true;
        }
        if (c == 0xC2 && i + 1 < name.size() && static_cast<unsigned char>(name[i + 1]) <= 0x9F) {
            return true;  // a C1 control, U+0080..U+009F
        }
    }
    return !is_valid_utf8(name);
}

std::string quote_name(std::string_view name) {
    if (!name_needs_quoting(name)) {
        return std::string(name);
    }
    std::string out = "\"";
    auto octal = [&out](unsigned char c) {
        out += '\\';
        out += static_cast<char>('0' + ((c >> 6) & 7));
        out += static_cast<char>('0' + ((c >> 3) & 7));
        out += static_cast<char>('0' + (c & 7));
    };
    const auto* bytes = reinterpret_cast<const uint8_t*>(name.data());
    const auto length = static_cast<int32_t>(name.size());
    for (int32_t i = 0; i < length;) {
        const uint8_t c = bytes[i];
        if (c < 0x80) {
            ++i;
            switch (c) {
                case '\n':
                    out += "\\n";
                    break;
                case '\t':
                    out += "\\t";
                    break;
                case '"':
                    out += "\\\"";
                    break;
                case '\\':
                    out += "\\\\";
                    break;
                default:
                    if (c < 0x20 || c == 0x7F) {
                        octal(c);
                    } else {
                        out += static_cast<char>(c);
                    }
            }
            continue;
        }
        const int32_t start = i;
        UChar32 cp = 0;
        U8_NEXT(bytes, i, length, cp);
        if (cp < 0 || cp <= 0x9F) {
            for (int32_t k = start; k < i; ++k) {
                octal(bytes[k]);
            }
        } else {
            out.append(name.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        }
    }
    out += '"';
    return out;
}

}  // namespace faqt
