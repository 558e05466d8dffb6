#pragma once
// Shaping plain text (from content's markdown_to_text) for the stored
// snippet text of an article. Internal to index/.

#include <optional>
#include <string>
#include <string_view>

#include "content/article.hpp"
#include "content/config.hpp"

namespace faqt {

// Runs of whitespace (newlines included) become one space; trimmed.
std::string collapse_whitespace(std::string_view text);

// Appends a section of an article's public text (content/public_view.hpp)
// to the text snippets are cut from, as "Heading: text" on a new line. Used
// by the index's stored text and by search.
void append_snippet_section(std::string& out, const Section& section, std::string_view plain);

// The public text of the article file at path (relative to the KB root),
// as snippets show it: content's public_text() of it, intro and sections, each
// "Heading: text", whitespace collapsed. nullopt when the file cannot be
// read (deleted since it was indexed) or is over the article size limit.
std::optional<std::string> read_snippet_text(const Config& config, std::string_view path);

}  // namespace faqt
