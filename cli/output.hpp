#pragma once
// The one door to the terminal: every line of text a command writes to
// stdout or stderr goes through write_text(), which drops what a file could
// smuggle into it. Article fields, file names, link URLs and values quoted
// in diagnostics can carry escape sequences (OSC 52 clipboard writes, OSC 0
// window titles, screen clears); only faqt's own styles below survive.
// JSON output is made safe by content's JsonWriter instead.

#include <array>
#include <cstdio>
#include <string>
#include <string_view>

namespace faqt::cli {

// faqt's own styles (SGR sequences). Context hands them out when colour is
// on; content's terminal renderer (markdown_to_terminal) uses the same codes
// plus bold underline for headings.
inline constexpr std::string_view k_style_reset = "\033[0m";
inline constexpr std::string_view k_style_bold = "\033[1m";
inline constexpr std::string_view k_style_dim = "\033[2m";
inline constexpr std::string_view k_style_red = "\033[31m";
inline constexpr std::string_view k_style_green = "\033[32m";
inline constexpr std::string_view k_style_yellow = "\033[33m";
inline constexpr std::string_view k_style_magenta = "\033[35m";
inline constexpr std::string_view k_style_cyan = "\033[36m";
inline constexpr std::string_view k_style_heading = "\033[1;4m";
inline constexpr std::array<std::string_view, 9> k_styles = {k_style_reset,   k_style_bold,  k_style_dim,
                                                             k_style_red,     k_style_green, k_style_yellow,
                                                             k_style_magenta, k_style_cyan,  k_style_heading};

// The text made safe for a terminal: bytes that are not UTF-8 become U+FFFD,
// control characters (C0 but tab and newline, DEL, C1) are dropped, and so is
// the ESC of any escape sequence — except, with keep_styles, the exact
// sequences of k_styles, which are kept. Text from a file can therefore
// colour itself with one of those codes when colour is on, but never move
// the cursor, clear the screen, set a title or write the clipboard.
std::string terminal_safe(std::string_view text, bool keep_styles);

// The text without control characters (strip_control) and with newlines,
// carriage returns and tabs as spaces, for what must stay on one line: a
// table cell, a title, a message that quotes a file name.
std::string one_line(std::string_view text);

// Writes terminal_safe(text, keep_styles) to stream.
void write_text(std::FILE* stream, std::string_view text, bool keep_styles);

}  // namespace faqt::cli
