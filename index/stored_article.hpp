#pragma once
// What the index keeps of each article to show a search result without
// reading the file: the fields of a result plus the whole public text as
// plain text, the text snippets are cut from (Xapian's docdata table is
// zlib-compressed; BENCHMARKS.md "Search cost" measures what it adds).
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
    std::string severity;  // "" when unset
    std::vector<std::string> categories;
    std::string path;
    std::string summary;
    std::string visibility;  // "public" or "internal"
    // The public text as snippets show it, whole: intro, then each public
    // section as "Heading: text", whitespace collapsed; what
    // read_snippet_text() makes of the file as it was indexed.
    std::string text;
};

std::string encode_stored_article(const StoredArticle& article);

// Decodes what encode_stored_article wrote; fields missing from damaged
// data are left empty.
StoredArticle decode_stored_article(std::string_view data);

}  // namespace faqt
