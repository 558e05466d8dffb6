#include "content/fold_table.hpp"

#include <catch2/catch.hpp>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <string>

#include "content/text.hpp"

using faqt::fold_table;
using faqt::FoldEntry;

namespace {

const FoldEntry* find(const std::vector<FoldEntry>& table, char32_t c) {
    auto it = std::lower_bound(table.begin(), table.end(), c,
                               [](const FoldEntry& e, char32_t value) { return e.code_point < value; });
    return it != table.end() && it->code_point == c ? &*it : nullptr;
}

}  // namespace

TEST_CASE("fold_table holds the fixed blocks, sorted, without ASCII", "[text][fold_table]") {
    const auto table = fold_table({});
    REQUIRE(!table.empty());
    CHECK(std::is_sorted(table.begin(), table.end(),
                         [](const FoldEntry& a, const FoldEntry& b) { return a.code_point < b.code_point; }));
    CHECK(std::adjacent_find(table.begin(), table.end(), [](const FoldEntry& a, const FoldEntry& b) {
              return a.code_point == b.code_point;
          }) == table.end());
    CHECK(table.front().code_point == 0x80);
    CHECK(find(table, U'A') == nullptr);
    const FoldEntry* e_acute = find(table, U'\u00C9');  // É
    REQUIRE(e_acute != nullptr);
    CHECK(e_acute->fold == "e");
    CHECK(e_acute->lower == "\u00E9");
    CHECK(e_acute->cls == 1);
    const FoldEntry* d_stroke = find(table, U'\u0110');  // Đ
    REQUIRE(d_stroke != nullptr);
    CHECK(d_stroke->fold == "d");
    const FoldEntry* fi = find(table, U'\uFB01');  // ﬁ
    REQUIRE(fi != nullptr);
    CHECK(fi->fold == "fi");
    CHECK(fi->lower == "\uFB01");
    const FoldEntry* acute = find(table, U'\u0301');
    REQUIRE(acute != nullptr);
    CHECK(acute->fold.empty());
    CHECK(acute->cls == 3);
    const FoldEntry* full_one = find(table, U'\uFF11');
    REQUIRE(full_one != nullptr);
    CHECK(full_one->fold == "1");
    CHECK(full_one->cls == 2);
    CHECK(find(table, U'\u4E2D') == nullptr);  // CJK: only when the text has it
    CHECK(find(table, U'\u0378') == nullptr);  // unassigned in Greek and Coptic
}

TEST_CASE("fold_table adds the text's own characters and folds each like fold()", "[text][fold_table]") {
    const auto table = fold_table({U'a', U'\u4E2D', U'\U0001F600', U'\u0531'});
    const FoldEntry* han = find(table, U'\u4E2D');
    REQUIRE(han != nullptr);
    CHECK(han->fold == "\u4E2D");
    CHECK(han->cls == 1);
    const FoldEntry* emoji = find(table, U'\U0001F600');
    REQUIRE(emoji != nullptr);
    CHECK(emoji->cls == 0);
    const FoldEntry* ayb = find(table, U'\u0531');  // Armenian capital: in no fixed block
    REQUIRE(ayb != nullptr);
    CHECK(ayb->fold == "\u0561");
    CHECK(ayb->lower == "\u0561");
    CHECK(find(table, U'a') == nullptr);
    for (const auto& entry : table) {
        CHECK(entry.cls == faqt::char_class(entry.code_point));
    }
}

TEST_CASE("fold() of a text is the fold() of each character joined", "[text][fold_table]") {
    // What lets the browser fold character by character from the table:
    // NFKD reorders only characters of a non-zero combining class, and
    // fold() drops them all when every one of them is a mark.
    for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
        if (u_getCombiningClass(c) != 0 && (U_GET_GC_MASK(c) & U_GC_M_MASK) == 0) {
            CAPTURE(c);
            CHECK(faqt::char_class(static_cast<char32_t>(c)) == faqt::k_char_mark);
        }
    }
    const char* texts[] = {"\u039F\u0394\u039F\u03A3 \u03BF\u03B4\u03BF\u03C2",  // final sigma
                           "o\u0308\u0304\u0323 q\u0307\u0323",                  // marks out of order
                           "\uFB01le \u1E9E \u0130stanbul I\u0307 \u01C5",       // ligature, ẞ, İ, ǅ
                           "\u1100\u1161\u11A8\uAC01 \uFF21\uFF11 \u00BD"};
    for (const char* text : texts) {
        std::string joined;
        const std::string_view view(text);
        for (std::size_t i = 0; i < view.size();) {
            const std::size_t start = i;
            UChar32 c = 0;
            auto pos = static_cast<int32_t>(i);
            U8_NEXT(reinterpret_cast<const uint8_t*>(view.data()), pos, static_cast<int32_t>(view.size()), c);
            i = static_cast<std::size_t>(pos);
            joined += faqt::fold(view.substr(start, i - start));
        }
        CAPTURE(text);
        CHECK(faqt::fold(text) == joined);
    }
    CHECK(faqt::fold("\u039F\u0394\u039F\u03A3 \u03BF\u03B4\u03BF\u03C2") ==
          "\u03BF\u03B4\u03BF\u03C3 \u03BF\u03B4\u03BF\u03C3");
}
