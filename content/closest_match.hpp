#pragma once
// "Did you mean": the candidate nearest to a mistyped word, for the
// messages that reject an unknown command, type, status or category.

#include <string>
#include <string_view>
#include <vector>

namespace faqt {

// The candidate with the fewest single-character edits (insert, delete,
// replace, swap of neighbours; case ignored) from word, when it is close
// enough to be a typo: at most 2 edits, and fewer than half the word's
// length. "" when none is. Ties go to the earlier candidate.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace faqt
