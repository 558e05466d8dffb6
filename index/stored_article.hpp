#pragma once
// What the index keeps of each article to show a search result without
// reading the file: the fields of a result plus the start of the body as
// plain text for snippets. Kept small (the docdata table is compressed).
// Internal to index/.

#include <string>
#include <string_view>
#include <vector>

namespace faqt {

struct StoredArticle {
    std::string id;
    std::string lang;
    std::string title;
    std::string type;    // "faq", "known-error", "howto"
    std::string status;  // "" when unset
    std::vector<std::string> categories;
    std::string path;
    std::string summary;
    std::string visibility;  // "public" or "internal"
    std::string text;        // plain text of the public body, whitespace collapsed, truncated
};

// Bytes of body text kept for snippets when the file cannot be read at
// search time (search reads the file for its snippet otherwise).
inline constexpr std::size_t k_stored_text_bytes = 200;

std::string encode_stored_article(const StoredArticle& article);

// Decodes what encode_stored_article wrote; fields missing from damaged
// data are left empty.
StoredArticle decode_stored_article(std::string_view data);

}  // namespace faqt
