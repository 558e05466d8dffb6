#pragma once
// The one rule of which terms an article's text makes: words folded, their
// exact accented forms, stems for the title and heading fields, compound
// and name-number parts, hyphen chains and joined names, with positions and
// field gaps. The Xapian index (index/document_builder.cpp) and the
// browser's index (index/browser_index.hpp) both make their terms here, so
// the site's search finds what `faqt search --public` finds. Terms go to a
// TermSink; one TermWriter per document, not thread-safe (use one per
// thread). Internal to index/.

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/article.hpp"

namespace faqt {

// Where a TermWriter's terms go. Each call adds 1 to the term's wdf (and
// to the document's length, as Xapian counts it).
class TermSink {
public:
    virtual ~TermSink() = default;
    virtual void add_posting(const std::string& term, unsigned position) = 0;
    virtual void add_term(const std::string& term) = 0;
};

// Which boost field a run of text belongs to, besides the all-text terms.
enum class TermField { body, title, heading };

class TermWriter {
public:
    TermWriter(TermSink& sink, std::string lang);

    // A run of text of one field: its words, then a gap of
    // schema::k_field_gap positions, so no phrase spans two fields.
    void index(std::string_view text, TermField field);

    // Text under internal headings: its words go under their own prefix
    // (schema.hpp, k_internal_text), with positions but no stems, so only
    // a search that may see internal text can match them.
    void index_internal(std::string_view text);

    bool stemmed() const { return m_stems; }
    // Field lengths in words, for the ranking's per-field norms.
    unsigned title_words() const { return m_title_words; }
    unsigned heading_words() const { return m_heading_words; }
    // The last position given (the next field starts after it).
    unsigned position() const { return m_pos; }
    // (stem, folded word) of each word whose stem differs from it.
    const std::set<std::pair<std::string, std::string>>& stem_pairs() const { return m_stem_pairs; }

private:
    void add_joined(const std::string& joined);
    void flush_chain(std::string& chain, int& words);
    void add_word(std::string_view word, TermField field);

    TermSink& m_sink;
    std::string m_lang;
    bool m_stems = false;
    unsigned m_pos = 0;
    unsigned m_title_words = 0;
    unsigned m_heading_words = 0;
    std::set<std::pair<std::string, std::string>> m_stem_pairs;
};

// The fields of an article that make its text terms, public text only
// (content/public_view.hpp: an Article's public_text() or a
// PublishedArticle). tickets may be null (the browser's index has none).
struct IndexedText {
    const std::string* title = nullptr;
    const std::vector<std::string>* aliases = nullptr;
    const std::string* summary = nullptr;
    const std::vector<std::string>* tags = nullptr;
    const std::vector<std::string>* products = nullptr;
    const std::vector<std::string>* tickets = nullptr;
    const std::string* intro = nullptr;  // Markdown
    const std::vector<Section>* sections = nullptr;
};

struct WrittenText {
    // The public text as snippets show it (index/plain_text.hpp), not yet
    // whitespace-collapsed: intro, then "Heading: text" per section.
    std::string stored_text;
    unsigned title_end = 0;  // the last position of the title proper (aliases follow later)
};

// Feeds writer the fields in the index's order, most important first:
// title, aliases, summary, tags, products, tickets, intro, then each
// section's heading and text.
WrittenText write_text_terms(TermWriter& writer, const IndexedText& text);

// The lower-cased id and each part of it after a '/' ("network/vpn-drops",
// "vpn-drops"): the id terms (schema.hpp, k_id), wdf 1 each.
std::vector<std::string> id_suffixes(std::string_view id);

}  // namespace faqt
