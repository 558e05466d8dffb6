#include "content/fold_table.hpp"

#include <unicode/uchar.h>

#include "content/text.hpp"

namespace faqt {

namespace {

std::string utf8(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

int character_class(char32_t c) {
    const auto u = static_cast<UChar32>(c);
    if (u_isdigit(u) != 0) {
        return 2;
    }
    if (u_isalnum(u) != 0) {
        return 1;
    }
    if ((U_GET_GC_MASK(u) & U_GC_M_MASK) != 0) {
        return 3;
    }
    return 0;
}

}  // namespace

std::vector<FoldEntry> fold_table(const std::set<char32_t>& text_code_points) {
    static constexpr std::pair<char32_t, char32_t> k_blocks[] = {
        {0x0080, 0x00FF}, {0x0100, 0x017F}, {0x0180, 0x024F}, {0x0250, 0x02AF}, {0x0300, 0x036F}, {0x0370, 0x03FF},
        {0x0400, 0x04FF}, {0x1E00, 0x1EFF}, {0x2000, 0x206F}, {0x2100, 0x214F}, {0xFB00, 0xFB4F}, {0xFF00, 0xFFEF},
    };
    std::set<char32_t> all;
    for (const auto& [first, last] : k_blocks) {
        for (char32_t c = first; c <= last; ++c) {
            if (u_isdefined(static_cast<UChar32>(c)) != 0) {
                all.insert(c);
            }
        }
    }
    for (char32_t c : text_code_points) {
        if (c >= 0x80 && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF)) {
            all.insert(c);
        }
    }
    std::vector<FoldEntry> table;
    table.reserve(all.size());
    for (char32_t c : all) {
        const std::string text = utf8(c);
        table.push_back({c, fold(text), lower(text), character_class(c)});
    }
    return table;
}

}  // namespace faqt
