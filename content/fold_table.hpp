#pragma once
// The character table of the site's browser search: for each character the
// JavaScript side may meet beyond ASCII, what content's fold(), lower() and
// char_class() make of it, so a query typed in the browser becomes the same
// words and terms the index holds without ICU in the page.

#include <set>
#include <string>
#include <vector>

namespace faqt {

struct FoldEntry {
    char32_t code_point;
    std::string fold;   // fold() of the one character (UTF-8)
    std::string lower;  // lower() of the one character (UTF-8)
    int cls;            // char_class() of it
};

// Entries for every non-ASCII code point of text_code_points (ASCII ones and
// surrogates are skipped: the JavaScript handles ASCII as content's fast
// paths do) plus the assigned characters of the fixed blocks the browser
// search always knows: Latin-1 Supplement, Latin Extended-A and -B, IPA
// Extensions, Combining Diacritical Marks, Greek and Coptic, Cyrillic,
// Latin Extended Additional, General Punctuation, Letterlike Symbols,
// Alphabetic Presentation Forms, Halfwidth and Fullwidth Forms. Sorted by
// code point, each once.
//
// fold() and lower() work character by character (the decomposition and the
// case folding have no context, and canonical reordering only moves marks,
// which fold() drops), so folding a text is joining the folds of its
// characters; the tests check it.
std::vector<FoldEntry> fold_table(const std::set<char32_t>& text_code_points);

}  // namespace faqt
