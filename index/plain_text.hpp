#pragma once
// Shaping plain text (from content's markdown_to_text) for the stored
// snippet text of an article. Internal to index/.

#include <string>
#include <string_view>

namespace faqt {

// Runs of whitespace (newlines included) become one space; trimmed.
std::string collapse_whitespace(std::string_view text);

// At most max_bytes of text, cut at a word boundary (never inside a UTF-8
// sequence).
std::string truncate_text(std::string_view text, std::size_t max_bytes);

}  // namespace faqt
