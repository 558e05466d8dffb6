#include "content/text.hpp"

#include <catch2/catch.hpp>
#include <unicode/uchar.h>

#include <string>
#include <vector>

using faqt::display_width;
using faqt::find_words;
using faqt::fold;
using faqt::heading_anchor;
using faqt::is_valid_utf8;
using faqt::lower;
using faqt::repair_utf8;
using faqt::slugify;
using faqt::split_lines;
using faqt::split_words;
using faqt::trim;
using faqt::unix_newlines;

using Words = std::vector<std::string>;

TEST_CASE("fold removes Vietnamese diacritics and maps đ to d", "[text][fold]") {
    CHECK(fold("Lỗi đăng nhập") == "loi dang nhap");
    CHECK(fold("Mật khẩu") == "mat khau");
    CHECK(fold("ĐĂNG NHẬP") == "dang nhap");
    CHECK(fold("Đường truyền") == "duong truyen");
    CHECK(fold("Cách khắc phục tạm thời") == "cach khac phuc tam thoi");
}

TEST_CASE("fold removes Polish diacritics and maps ł to l", "[text][fold]") {
    CHECK(fold("Załoguj") == "zaloguj");
    CHECK(fold("żółty") == "zolty");
    CHECK(fold("ŻÓŁTY") == "zolty");
    CHECK(fold("Łódź") == "lodz");
    CHECK(fold("ł") == "l");
    CHECK(fold("Ł") == "l");
    CHECK(fold("drukarkę") == "drukarke");
    CHECK(fold("Się") == "sie");
}

TEST_CASE("fold maps letters that do not decompose", "[text][fold]") {
    CHECK(fold("đ") == "d");
    CHECK(fold("Đ") == "d");
    CHECK(fold("Straße") == "strasse");
    CHECK(fold("ß") == "ss");
    CHECK(fold("Øresund") == "oresund");
    CHECK(fold("Æble") == "aeble");
    CHECK(fold("œuvre") == "oeuvre");
    CHECK(fold("ı") == "i");
}

TEST_CASE("fold maps the capital sharp s like the small one", "[text][fold]") {
    // U+1E9E LATIN CAPITAL LETTER SHARP S; fold("ß") is "ss", so its capital
    // must fold the same way or "STRAẞE" and "Straße" are different words.
    CHECK(fold("ẞ") == "ss");
    CHECK(fold("STRAẞE") == fold("Straße"));
}

TEST_CASE("fold lower-cases ASCII and non-ASCII text", "[text][fold]") {
    CHECK(fold("VPN Client") == "vpn client");
    CHECK(fold("ERR_CONN_RESET 0x80070005") == "err_conn_reset 0x80070005");
    CHECK(fold("ÉCRAN NOIR") == "ecran noir");
    CHECK(fold("ΣΟΦΟΣ") == fold("σοφος"));
    CHECK(fold("") == "");
    CHECK(fold("already folded") == "already folded");
}

TEST_CASE("fold treats composed and decomposed accents alike", "[text][fold]") {
    // "é" precomposed (U+00E9) and "e" + U+0301 COMBINING ACUTE ACCENT.
    CHECK(fold("caf\xC3\xA9") == "cafe");
    CHECK(fold("cafe\xCC\x81") == "cafe");
    // Compatibility forms: the "ﬁ" ligature and full-width letters.
    CHECK(fold("\xEF\xAC\x81le") == "file");
    CHECK(fold("\xEF\xBC\xB6\xEF\xBC\xB0\xEF\xBC\xAE") == "vpn");
}

TEST_CASE("lower keeps accents", "[text]") {
    CHECK(lower("ĐĂNG NHẬP") == "đăng nhập");
    CHECK(lower("Załoguj") == "załoguj");
    CHECK(lower("VPN") == "vpn");
    CHECK(lower("Łódź") == "łódź");
}

TEST_CASE("is_valid_utf8 accepts UTF-8 and locates the first bad byte", "[text][utf8]") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ASCII"));
    CHECK(is_valid_utf8("Lỗi đăng nhập, żółty, 日本語, 😀"));

    std::size_t offset = 999;
    CHECK_FALSE(
        is_valid_utf8("abc\xFF"
                      "def",
                      &offset));
    CHECK(offset == 3);

    offset = 999;
    CHECK_FALSE(is_valid_utf8("ok \xC3\xA9 then \x80", &offset));
    CHECK(offset == 11);

    // Overlong encoding of '/', a UTF-16 surrogate, and a truncated sequence.
    offset = 999;
    CHECK_FALSE(is_valid_utf8("\xC0\xAF", &offset));
    CHECK(offset == 0);
    CHECK_FALSE(is_valid_utf8("x\xED\xA0\x80"));
    offset = 999;
    CHECK_FALSE(is_valid_utf8("xy\xE1\xBB", &offset));
    CHECK(offset == 2);

    // The offset argument is optional.
    CHECK_FALSE(is_valid_utf8("\xFE"));
}

TEST_CASE("repair_utf8 replaces invalid bytes with U+FFFD", "[text][utf8]") {
    const std::string replacement = "\xEF\xBF\xBD";
    CHECK(repair_utf8("a\xFF"
                      "b") == "a" + replacement + "b");
    CHECK(repair_utf8("\xFF\xFE") == replacement + replacement);
    CHECK(repair_utf8("Lỗi đăng nhập") == "Lỗi đăng nhập");
    CHECK(repair_utf8("") == "");

    const std::string repaired = repair_utf8("bad \x80 byte and truncated \xE1\xBB");
    CHECK(is_valid_utf8(repaired));
    CHECK(repaired.rfind("bad " + replacement + " byte", 0) == 0);
}

TEST_CASE("split_words keeps error codes and versions whole", "[text][words]") {
    CHECK(split_words("Error 0x80070005 when saving") == Words{"Error", "0x80070005", "when", "saving"});
    CHECK(split_words("Chrome says ERR_CONN_RESET.") == Words{"Chrome", "says", "ERR_CONN_RESET"});
    CHECK(split_words("fixed in 4.3.1, not 4.2") == Words{"fixed", "in", "4.3.1", "not", "4.2"});
    CHECK(split_words("upgrade to 4.3.") == Words{"upgrade", "to", "4.3"});
    CHECK(split_words("AADSTS50076") == Words{"AADSTS50076"});
}

TEST_CASE("split_words splits on '-' and other punctuation", "[text][words]") {
    CHECK(split_words("wi-fi") == Words{"wi", "fi"});
    CHECK(split_words("e-mail/calendar") == Words{"e", "mail", "calendar"});
    CHECK(split_words("file.txt") == Words{"file", "txt"});
    CHECK(split_words("v1.x") == Words{"v1", "x"});
    CHECK(split_words("_leading and trailing_") == Words{"leading", "and", "trailing"});
    CHECK(split_words("a__b") == Words{"a", "b"});
    CHECK(split_words("(see: \"this\")") == Words{"see", "this"});
    CHECK(split_words("") == Words{});
    CHECK(split_words("  --  ") == Words{});
}

TEST_CASE("split_words keeps case, accents and combining marks", "[text][words]") {
    CHECK(split_words("Lỗi đăng nhập") == Words{"Lỗi", "đăng", "nhập"});
    CHECK(split_words("Załoguj się!") == Words{"Załoguj", "się"});
    // "e" followed by U+0301 stays one word.
    CHECK(split_words("cafe\xCC\x81 au lait") == Words{"cafe\xCC\x81", "au", "lait"});
}

TEST_CASE("find_words cuts ASCII where Unicode's letters and digits end", "[text][words]") {
    // ASCII has its own path: every byte must split or join as ICU says.
    for (int c = 1; c < 0x80; ++c) {
        CAPTURE(c);
        const std::string text = std::string("x") + static_cast<char>(c) + "y";
        const bool word_char = u_isalnum(c) != 0;
        const bool joins = word_char || c == '_';  // '_' joins letters; '.' only digits
        CHECK(find_words(text).size() == (joins ? 1U : 2U));
    }
    CHECK(find_words("a_b 1.2 a.b").size() == 4);         // a_b, 1.2, a, b
    CHECK(find_words("e\xCC\x81t\xC3\xA9").size() == 1);  // a combining mark and a non-ASCII letter join
}

TEST_CASE("char_class is what ICU says a word character is", "[text][words]") {
    // Every code point, so the ASCII fast path and the classes the browser
    // search gets from the fold table cannot drift from ICU.
    for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
        const int expected = u_isdigit(c) != 0                       ? faqt::k_char_digit
                             : u_isalnum(c) != 0                     ? faqt::k_char_letter
                             : (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0 ? faqt::k_char_mark
                                                                     : faqt::k_char_other;
        if (faqt::char_class(static_cast<char32_t>(c)) != expected) {
            CAPTURE(c);
            CHECK(faqt::char_class(static_cast<char32_t>(c)) == expected);
        }
    }
    CHECK(faqt::char_class(U'a') == 1);
    CHECK(faqt::char_class(U'7') == 2);
    CHECK(faqt::char_class(U'_') == 0);
    CHECK(faqt::char_class(U'\u0301') == 3);
    CHECK(faqt::char_class(U'\u0665') == 2);  // Arabic-Indic five
    CHECK(faqt::char_class(U'\u00B2') == 0);  // superscript two: No, not Nd
}

TEST_CASE("find_words joins '_' and '.' by the class of the characters beside them", "[text][words]") {
    CHECK(split_words("x\u0665_\u0666y") == Words{"x\u0665_\u0666y"});
    CHECK(split_words("\u0665.\u0666") == Words{"\u0665.\u0666"});
    CHECK(split_words("\uFF11.\uFF12") == Words{"\uFF11.\uFF12"});  // full-width digits
    CHECK(split_words("e\u0301_a") == Words{"e\u0301", "a"});       // a mark is not a letter
    CHECK(split_words("\u00E9_\u00E0") == Words{"\u00E9_\u00E0"});
    CHECK(split_words("1.\u0301") == Words{"1", "\u0301"});
}

TEST_CASE("find_words gives byte offsets into the text", "[text][words]") {
    const std::string text = "  wi-fi: Lỗi 4.3.1";
    const auto spans = find_words(text);
    REQUIRE(spans.size() == 4);
    CHECK(spans[0].offset == 2);
    CHECK(spans[0].length == 2);
    CHECK(spans[1].offset == 5);
    CHECK(spans[1].length == 2);
    CHECK(text.substr(spans[2].offset, spans[2].length) == "Lỗi");
    CHECK(spans[2].length == 5);  // "L" + 3 bytes of "ỗ" + "i"
    CHECK(text.substr(spans[3].offset, spans[3].length) == "4.3.1");
    CHECK(spans[3].offset + spans[3].length == text.size());
}

TEST_CASE("slugify makes ASCII slugs joined by '-'", "[text][slug]") {
    CHECK(slugify("VPN disconnects every 10 minutes") == "vpn-disconnects-every-10-minutes");
    CHECK(slugify("Lỗi đăng nhập!") == "loi-dang-nhap");
    CHECK(slugify("Załoguj się do VPN") == "zaloguj-sie-do-vpn");
    CHECK(slugify("  --Hello,   World--  ") == "hello-world");
    CHECK(slugify("Outlook: 0x800CCC0E") == "outlook-0x800ccc0e");
    CHECK(slugify("Straße") == "strasse");
    CHECK(slugify("") == "");

    const std::string slug = slugify(
        "Why does my very long article title keep going and going until it is far longer "
        "than any file name should ever be");
    CHECK(slug.size() <= 80);
    CHECK_FALSE(slug.empty());
    CHECK(slug.back() != '-');
    CHECK(slug.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos);
}

TEST_CASE("heading_anchor follows GitHub's rules", "[text][anchor]") {
    CHECK(heading_anchor("Symptoms") == "symptoms");
    CHECK(heading_anchor("Step 1: Reset the password") == "step-1-reset-the-password");
    CHECK(heading_anchor("What's new?") == "whats-new");
    CHECK(heading_anchor("C++ & C#") == "c--c");
    CHECK(heading_anchor("ERR_CONN_RESET in Chrome") == "err_conn_reset-in-chrome");
    CHECK(heading_anchor("Wi-Fi") == "wi-fi");
    // Accented letters are kept, lower-cased.
    CHECK(heading_anchor("Cách khắc phục tạm thời") == "cách-khắc-phục-tạm-thời");
    CHECK(heading_anchor("Łódź") == "łódź");
}

TEST_CASE("display_width counts terminal columns, not bytes or marks", "[text]") {
    CHECK(display_width("") == 0);
    CHECK(display_width("VPN") == 3);
    CHECK(display_width("Lỗi") == 3);
    CHECK(display_width("cafe\xCC\x81") == 4);
    CHECK(display_width("│ ─") == 3);
    // East Asian wide and full-width characters take two columns; format
    // characters none; a byte that is not UTF-8 one.
    CHECK(display_width("日本語") == 6);
    CHECK(display_width("한글") == 4);
    CHECK(display_width("ＶＰＮ") == 6);
    CHECK(display_width("a\u200Db") == 2);
    CHECK(display_width("a\xFF" "b") == 3);
}

TEST_CASE("fit_width cuts at a character with an ellipsis", "[text]") {
    CHECK(faqt::fit_width("VPN", 3) == "VPN");
    CHECK(faqt::fit_width("Network", 4) == "Net\u2026");
    // A wide character that would cross the edge is left out whole.
    CHECK(faqt::fit_width("日本語", 4) == "日\u2026");
    CHECK(faqt::display_width(faqt::fit_width("日本語テキスト", 7)) <= 7);
    CHECK(faqt::fit_width("abc", 0).empty());
}

TEST_CASE("unix_newlines makes CRLF and a lone CR one LF each", "[text]") {
    CHECK(unix_newlines("a\r\nb\rc\nd\r") == "a\nb\nc\nd\n");
    CHECK(unix_newlines("\r\n\r\n") == "\n\n");
    CHECK(unix_newlines("\n\r") == "\n\n");
    CHECK(unix_newlines("") == "");
}

TEST_CASE("split_lines keeps empty lines, the last one too", "[text]") {
    using V = std::vector<std::string_view>;
    CHECK(split_lines("a\nb") == V{"a", "b"});
    CHECK(split_lines("a\n") == V{"a", ""});
    CHECK(split_lines("\n\n") == V{"", "", ""});
    CHECK(split_lines("") == V{""});
    CHECK(split_lines("a\r\nb") == V{"a\r", "b"});
}

TEST_CASE("trim removes surrounding spaces, tabs and newlines", "[text]") {
    CHECK(trim("  a b \t\r\n") == "a b");
    CHECK(trim("\n\n") == "");
    CHECK(trim("") == "");
    CHECK(trim("x") == "x");
}

TEST_CASE("strip_control drops bidi embeddings, overrides and isolates", "[text][control]") {
    using faqt::strip_control;
    // U+202E (right-to-left override) would show "abc" as "cba".
    CHECK(strip_control("x \u202Eabc\u202C y") == "x abc y");
    CHECK(strip_control("\u202A\u202B\u202C\u202D\u202E") == "");
    CHECK(strip_control("\u2066a\u2067b\u2068c\u2069") == "abc");
    // The marks set direction without reordering; right-to-left text needs them.
    CHECK(strip_control("a\u200Eb\u200Fc") == "a\u200Eb\u200Fc");
    // Neighbours in the same UTF-8 lead byte range stay.
    CHECK(strip_control("\u2029\u202F\u2065\u206A\u2014") == "\u2029\u202F\u2065\u206A\u2014");
    CHECK(strip_control("a\x1b[31mb\xc2\x9b"
                        "c") == "a[31mbc");
}

TEST_CASE("name_needs_quoting finds names that cannot be printed as they are", "[text][quote]") {
    using faqt::name_needs_quoting;
    CHECK_FALSE(name_needs_quoting("network/vpn-drops.md"));
    CHECK_FALSE(name_needs_quoting("lỗi đăng nhập.vi.md"));
    CHECK_FALSE(name_needs_quoting("a b.md"));
    CHECK_FALSE(name_needs_quoting(""));
    CHECK(name_needs_quoting("new\nline.md"));
    CHECK(name_needs_quoting("esc\x1b]0;x\x07.md"));
    CHECK(name_needs_quoting("b\xff.md"));
    CHECK(name_needs_quoting("c1\xc2\x9b.md"));
    CHECK(name_needs_quoting(" lead.md"));
    CHECK(name_needs_quoting("trail.md "));
    CHECK(name_needs_quoting("say \"hi\".md"));
    CHECK(name_needs_quoting("back\\slash.md"));
}

TEST_CASE("quote_name quotes odd names git-style and leaves plain ones", "[text][quote]") {
    using faqt::quote_name;
    CHECK(quote_name("network/vpn.md") == "network/vpn.md");
    CHECK(quote_name("lỗi.vi.md") == "lỗi.vi.md");
    CHECK(quote_name("new\nline.md") == R"("new\nline.md")");
    CHECK(quote_name("tab\there") == R"("tab\there")");
    CHECK(quote_name("esc\x1b]0;x\x07.md") == R"("esc\033]0;x\007.md")");
    CHECK(quote_name("b\xff.md") == R"("b\377.md")");
    CHECK(quote_name("c1\xc2\x9b") == R"("c1\302\233")");
    CHECK(quote_name("lỗi\xff") == "\"lỗi\\377\"");
    CHECK(quote_name("trail ") == R"("trail ")");
    CHECK(quote_name("say \"hi\"") == R"("say \"hi\"")");
    CHECK(quote_name("a\\b") == R"("a\\b")");
}

TEST_CASE("quote_name output is one line of printable UTF-8", "[text][quote]") {
    const std::string hostile = "x\n\r\x1b[2J\x07\x7f\xc2\x85\xff\xe1\xbb";
    const std::string quoted = faqt::quote_name(hostile);
    CHECK(is_valid_utf8(quoted));
    for (char c : quoted) {
        const auto b = static_cast<unsigned char>(c);
        CHECK((b >= 0x20 && b != 0x7f));
    }
    CHECK(quoted == R"("x\n\015\033[2J\007\177\302\205\377\341\273")");
}

TEST_CASE("name_number_split: letters then digits, at least two letters", "[text][words]") {
    using faqt::name_number_split;
    CHECK(name_number_split("covid19") == 5);
    CHECK(name_number_split("office365") == 6);
    CHECK(name_number_split("aadsts50076") == 6);
    CHECK(name_number_split("x64") == std::string::npos);
    CHECK(name_number_split("covid") == std::string::npos);
    CHECK(name_number_split("19") == std::string::npos);
    CHECK(name_number_split("0x80070005") == std::string::npos);
    CHECK(name_number_split("err_conn_reset") == std::string::npos);
    CHECK(name_number_split("4.3.1") == std::string::npos);
    CHECK(name_number_split("win11pro") == std::string::npos);
}

TEST_CASE("joins_name_number: a word of letters, one space, a word of digits", "[text][words]") {
    using faqt::joins_name_number;
    CHECK(joins_name_number("covid", " ", "19"));
    CHECK(joins_name_number("windows", " ", "10"));
    CHECK_FALSE(joins_name_number("windows", "-", "10"));  // words joined by '-' are joined already
    CHECK_FALSE(joins_name_number("windows", "\n", "10"));
    CHECK_FALSE(joins_name_number("v", " ", "2"));
    CHECK_FALSE(joins_name_number("windows", " ", "10a"));
    CHECK_FALSE(joins_name_number("version", " ", "4.3.1"));
}
