#include "content/fold_table.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "content/text.hpp"

namespace faqt {

namespace {

struct Block {
    char32_t first;
    char32_t last;
};

// The fixed blocks of the browser index's fold.js (ARCHITECTURE.md): the
// scripts of the languages help desks write in, and the punctuation, symbols
// and width forms pasted into their text.
constexpr Block k_blocks[] = {
    {0x0080, 0x00FF},  // Latin-1 Supplement
    {0x0100, 0x017F},  // Latin Extended-A
    {0x0180, 0x024F},  // Latin Extended-B
    {0x0250, 0x02AF},  // IPA Extensions
    {0x0300, 0x036F},  // Combining Diacritical Marks
    {0x0370, 0x03FF},  // Greek and Coptic
    {0x0400, 0x04FF},  // Cyrillic
    {0x1E00, 0x1EFF},  // Latin Extended Additional
    {0x2000, 0x206F},  // General Punctuation
    {0x2100, 0x214F},  // Letterlike Symbols
    {0xFB00, 0xFB4F},  // Alphabetic Presentation Forms
    {0xFF00, 0xFFEF},  // Halfwidth and Fullwidth Forms
};

bool in_table(char32_t c) {
    return c >= 0x80 && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
}

std::string utf8(char32_t c) {
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, static_cast<UChar32>(c), error);
    return error == 0 ? std::string(buf, static_cast<std::size_t>(len)) : std::string();
}

}  // namespace

std::vector<FoldEntry> fold_table(const std::set<char32_t>& text_code_points) {
    std::set<char32_t> code_points;
    for (char32_t c : text_code_points) {
        if (in_table(c)) {
            code_points.insert(c);
        }
    }
    // Unassigned code points of the blocks are left out: they fold to
    // themselves and are no word characters, what the JavaScript assumes of a
    // character missing from the table.
    for (const auto& block : k_blocks) {
        for (char32_t c = block.first; c <= block.last; ++c) {
            if (u_charType(static_cast<UChar32>(c)) != U_UNASSIGNED) {
                code_points.insert(c);
            }
        }
    }
    std::vector<FoldEntry> table;
    table.reserve(code_points.size());
    for (char32_t c : code_points) {
        const std::string text = utf8(c);
        table.push_back({c, fold(text), lower(text), char_class(c)});
    }
    return table;
}

}  // namespace faqt
