#include "cli/output.hpp"

#include <catch2/catch.hpp>

#include <string>

using faqt::cli::k_style_bold;
using faqt::cli::k_style_heading;
using faqt::cli::k_style_reset;
using faqt::cli::terminal_safe;

TEST_CASE("terminal_safe drops escape sequences a file could carry", "[output]") {
    // OSC 52 clipboard write, OSC 0 window title, CSI screen clear.
    CHECK(terminal_safe("a\x1b]52;c;aGk=\x07z", false) == "a]52;c;aGk=z");
    CHECK(terminal_safe("\x1b]0;pwned\x1b\\title", false) == "]0;pwned\\title");
    CHECK(terminal_safe("x\x1b[2Jy", false) == "x[2Jy");
    // C1 CSI encoded as UTF-8, a carriage return and a backspace.
    CHECK(terminal_safe("c1 \xc2\x9b"
                        "2J cr\r bs\x08",
                        false) == "c1 2J cr bs");
    CHECK(terminal_safe("tab\tand\nnewline stay", false) == "tab\tand\nnewline stay");
}

TEST_CASE("terminal_safe writes U+FFFD for bytes that are not UTF-8", "[output]") {
    // A lone 0x9B is CSI on an 8-bit terminal.
    CHECK(terminal_safe("b\xff and \x9b"
                        "2J",
                        false) ==
          "b\xef\xbf\xbd and \xef\xbf\xbd"
          "2J");
    CHECK(terminal_safe("Lỗi đăng nhập", false) == "Lỗi đăng nhập");
}

TEST_CASE("terminal_safe keeps only faqt's own styles, and only when asked", "[output]") {
    const std::string styled = std::string(k_style_bold) + "Title" + std::string(k_style_reset) + " " +
                               std::string(k_style_heading) + "H" + std::string(k_style_reset);
    CHECK(terminal_safe(styled, true) == styled);
    CHECK(terminal_safe(styled, false) == "[1mTitle[0m [1;4mH[0m");
    // Conceal, cursor movement and OSC are not faqt's styles.
    CHECK(terminal_safe("\x1b[8mhidden\x1b[1A\x1b]0;t\x07", true) == "[8mhidden[1A]0;t");
    // A style split by the end of the text is not a style.
    CHECK(terminal_safe("\x1b[1", true) == "[1");
}

TEST_CASE("one_line keeps a value on one line without control characters", "[output]") {
    using faqt::cli::one_line;
    CHECK(one_line("also used by new\nline.md") == "also used by new line.md");
    CHECK(one_line("a\tb\r\nc") == "a b c");  // the CR is a control character
    CHECK(one_line("t\x1b]0;x\x07z") == "t]0;xz");
    CHECK(one_line("Lỗi đăng nhập") == "Lỗi đăng nhập");
}
