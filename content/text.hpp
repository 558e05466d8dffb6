#pragma once
// Unicode text helpers shared by parsing, search and export. All strings are
// UTF-8. Folding is the single definition of "the same word" across faqt: the
// index, the query parser and the site's browser search all use these rules.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace faqt {

// Folds text for matching: NFKD, drops combining marks, lower-cases, and maps
// letters that do not decompose (đ→d, ł→l, ø→o, ß→ss, æ→ae, œ→oe, ı→i).
// "Lỗi đăng nhập" → "loi dang nhap", "Załoguj" → "zaloguj".
std::string fold(std::string_view text);

// Lower-cases (full Unicode case folding) without removing accents.
std::string lower(std::string_view text);

// Lower-cases A-Z only: for names that are ASCII by definition (HTML tags,
// MIME types, charsets, term prefixes), where Unicode rules must not apply.
std::string ascii_lower(std::string_view text);

// True when text is valid UTF-8. On failure, offset receives the byte offset
// of the first bad sequence.
bool is_valid_utf8(std::string_view text, std::size_t* offset = nullptr);

// Replaces each invalid byte with U+FFFD so a bad file can still be shown.
std::string repair_utf8(std::string_view text);

// Splits text into words: runs of letters, digits and marks, keeping
// codes such as 0x80070005, ERR_CONN_RESET and 4.3.1 whole: an '_' between
// letters or digits and a '.' between digits stay part of the word. A '-'
// splits ("wi-fi" gives "wi" and "fi"). Words keep their case and accents.
std::vector<std::string> split_words(std::string_view text);

// Names with a number: the forms of one name that faqt makes meet (index
// and query alike, and the site's search the same way). On folded words:
// - a word of two or more letters a-z followed by digits 0-9 ("covid19",
//   "windows10", "office365", "inc4411") is also indexed as its two parts
//   ("covid", "19"): name_number_split() gives where they meet;
// - a word of two or more letters a-z followed, after exactly one space, by
//   a word of digits 0-9 ("covid 19", "windows 10") is also indexed joined
//   ("covid19"): joins_name_number() says when;
// - words joined by '-' ("covid-19", "inc-4411") are already indexed joined
//   ("covid19", "inc4411") as well as apart.
// So "covid19", "covid-19", "covid 19" all give the terms covid, 19 and
// covid19, and "COVID" meets each. Codes stay whole: a word with '_' or '.'
// or starting with a digit (0x80070005, ERR_CONN_RESET, 4.3.1) is none of
// these shapes.
std::size_t name_number_split(std::string_view folded);  // npos when not letters+digits
bool joins_name_number(std::string_view folded, std::string_view between, std::string_view next_folded);

// What find_words() makes of one code point: the one definition of a word
// character, shared with the site's browser search (content/fold_table.hpp
// exports it per character). Invalid UTF-8 reads as U+FFFD, class 0.
enum CharClass : int {
    k_char_other = 0,   // ends a word ('_' and '.' may join, see split_words)
    k_char_letter = 1,  // a letter (Unicode L): u_isalnum and not a digit
    k_char_digit = 2,   // a decimal digit (Unicode Nd)
    k_char_mark = 3,    // a combining mark (Unicode M): part of the word it follows
};
int char_class(char32_t c);

// A word with its byte offset in the text it came from, for highlighting.
struct WordSpan {
    std::size_t offset = 0;
    std::size_t length = 0;
};
std::vector<WordSpan> find_words(std::string_view text);

// A URL and file-name friendly slug: folded, ASCII letters and digits, words
// joined by '-'. "VPN disconnects every 10 minutes" → "vpn-disconnects-every-10-minutes".
std::string slugify(std::string_view text);

// The GitHub-style anchor of a heading: lower-case, spaces to '-', punctuation
// dropped, letters (accented included) kept. Used to check "#anchor" links.
std::string heading_anchor(std::string_view heading);

// The columns text takes on a terminal, for aligning columns: 2 for East
// Asian wide and full-width characters (CJK, Hangul, full-width forms), 0
// for combining marks, format characters and U+200B, 1 for anything else
// (a byte that is not UTF-8 included).
std::size_t display_width(std::string_view text);

// text cut to at most width columns, with "…" where it was cut, never in
// the middle of a character.
std::string fit_width(std::string_view text, std::size_t width);

std::string trim(std::string_view text);

// Line ends as '\n': CRLF and a lone CR each become one LF (mail and ticket
// exports from Windows).
std::string unix_newlines(std::string_view text);

// The lines of text, split at '\n' (views into text, without the '\n'); a
// text ending in '\n' ends with an empty line, "" is one empty line.
std::vector<std::string_view> split_lines(std::string_view text);

// Removes control characters (C0 but tab and newline, DEL, C1) so text from
// an article cannot send escape sequences to a terminal, and the Unicode
// bidi embedding, override and isolate controls (U+202A..U+202E,
// U+2066..U+2069) so it cannot display other than it reads. The marks
// U+200E and U+200F are kept.
std::string strip_control(std::string_view text);

// True when a file name (or an id made from one) cannot be printed as it is
// on one line of text: it holds control characters (newline and tab too),
// bytes that are not UTF-8, '"' or '\\', or begins or ends with a space.
bool name_needs_quoting(std::string_view name);

// The name as it is when it is plain, else in double quotes with C-style
// escapes like git's quoted paths: \n \t \" \\ and every other control
// character or non-UTF-8 byte as three octal digits ("b\377.md"). The result
// is printable ASCII and UTF-8 text only, so it is safe on a terminal and
// keeps the exact bytes recoverable.
std::string quote_name(std::string_view name);

}  // namespace faqt
