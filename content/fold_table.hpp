#pragma once
// The character table of the site's browser search: for each character
// beyond ASCII the JavaScript side may meet, what content's fold() and
// lower() make of it and what kind of character it is, so a query typed in
// the browser becomes the words the index holds without ICU in the page.

#include <set>
#include <string>
#include <vector>

namespace faqt {

struct FoldEntry {
    char32_t code_point;
    std::string fold;   // fold() of the one character (UTF-8)
    std::string lower;  // lower() of the one character (UTF-8)
    int cls;            // 1 letter, 2 decimal digit, 3 mark, 0 not a word character
};

// Entries for every non-ASCII code point of text_code_points plus the
// characters of the blocks the browser search always knows (Latin-1
// Supplement … Halfwidth and Fullwidth Forms), sorted by code point, each
// once; ASCII and surrogates are skipped.
std::vector<FoldEntry> fold_table(const std::set<char32_t>& text_code_points);

}  // namespace faqt
