#include "index/document_builder.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>

#include "content/markdown.hpp"
#include "content/public_view.hpp"
#include "content/digest.hpp"
#include "content/text.hpp"
#include "index/plain_text.hpp"
#include "index/rerank.hpp"
#include "index/schema.hpp"
#include "index/stored_article.hpp"
#include "index/term_writer.hpp"
#include "index/terms.hpp"
#include "content/version_compare.hpp"

namespace faqt {

std::string encode_file_state(const FileState& state) {
    char head[64];
    std::snprintf(head, sizeof head, "%016llx %llu %lld ", static_cast<unsigned long long>(state.hash),
                  static_cast<unsigned long long>(state.size), static_cast<long long>(state.mtime_ns));
    return head + state.path;
}

bool decode_file_state(std::string_view value, FileState& state) {
    // Called for every article on every refresh: no sscanf, no locale.
    const char* p = value.data();
    const char* end = p + value.size();
    auto number = [&](auto& out, int base) {
        auto [next, ec] = std::from_chars(p, end, out, base);
        if (ec != std::errc() || next == end || *next != ' ') {
            return false;
        }
        p = next + 1;
        return true;
    };
    if (!number(state.hash, 16) || !number(state.size, 10) || !number(state.mtime_ns, 10) || p == end) {
        return false;
    }
    state.path.assign(p, end);
    return true;
}

std::uint64_t content_hash(std::string_view bytes) {
    // The seed the index's stored hashes were made with (not FNV's offset
    // basis): kept, so an index stays valid.
    return fnv1a(bytes, 1469598103934665603ULL);
}

namespace {

// Terms of a TermWriter into a Xapian document.
class DocumentSink final : public TermSink {
public:
    explicit DocumentSink(Xapian::Document& doc) : m_doc(doc) {}
    void add_posting(const std::string& term, unsigned position) override { m_doc.add_posting(term, position); }
    void add_term(const std::string& term) override { m_doc.add_term(term); }

private:
    Xapian::Document& m_doc;
};

}  // namespace

BuiltDocument build_document(const Article& article, const FileState& state) {
    BuiltDocument built;
    Xapian::Document& doc = built.document;
    const std::string lang = article.lang.empty() ? std::string("en") : article.lang;
    const std::string type = to_string(article.type);

    // Every term goes through terms::make_term(), which shortens a value
    // over Xapian's term limit the same way the query does; such a value
    // gets a warning on its line.
    std::set<std::string> long_fields;
    auto term = [&](std::string_view prefix, std::string_view value, const char* field) {
        if (terms::term_too_long(prefix, value) && long_fields.insert(field).second) {
            auto line = article.field_lines.find(field);
            built.diagnostics.push_back(
                {article.path, line == article.field_lines.end() ? 1 : line->second, 1, Severity::warning,
                 std::string(field) + " value of " + std::to_string(value.size()) +
                     " bytes is longer than the index allows; indexed shortened",
                 "searching for the whole value still finds the article; a shorter value is easier to type"});
        }
        return terms::make_term(prefix, value);
    };

    // Boolean terms.
    doc.add_boolean_term(term(schema::k_path, article.path, "path"));
    for (const std::string& suffix : id_suffixes(article.id)) {
        // wdf 1, not boolean: a query word that is the id ranks it high.
        doc.add_term(term(schema::k_id, suffix, "id"));
    }
    doc.add_boolean_term(term(schema::k_lang, terms::base_lang(lang), "lang"));
    doc.add_boolean_term(term(schema::k_type, type, "type"));
    if (!article.status.empty()) {
        doc.add_boolean_term(term(schema::k_status, ascii_lower(article.status), "status"));
    }
    if (!article.severity.empty()) {
        doc.add_boolean_term(term(schema::k_severity, article.severity, "severity"));
    }
    for (const auto& category : article.categories) {
        std::string c = ascii_lower(category);
        for (std::size_t slash = c.find('/'); slash != std::string::npos; slash = c.find('/', slash + 1)) {
            doc.add_boolean_term(term(schema::k_category, c.substr(0, slash), "categories"));
        }
        doc.add_boolean_term(term(schema::k_category, c, "categories"));
    }
    for (const auto& tag : article.tags) {
        doc.add_boolean_term(term(schema::k_tag, fold(trim(tag)), "tags"));
    }
    for (const auto& product : article.products) {
        doc.add_boolean_term(term(schema::k_product, fold(trim(product)), "products"));
    }
    // A ticket number as one key, for ticket: (terms::ticket_key).
    for (const auto& ticket : article.tickets) {
        if (std::string key = terms::ticket_key(ticket); !key.empty()) {
            doc.add_boolean_term(term(schema::k_ticket, key, "tickets"));
        }
    }
    const char* visibility = is_public(article) ? "public" : "internal";
    doc.add_boolean_term(term(schema::k_visibility, visibility, "visibility"));
    if (article.draft) {
        doc.add_boolean_term(std::string(schema::k_draft));
    }

    // Text, most important first. The unprefixed terms and the snippet
    // text come from the public text only (content/public_view.hpp); what
    // is under internal headings is indexed apart.
    DocumentSink sink(doc);
    TermWriter writer(sink, lang);
    const PublicArticle shown = public_text(article);
    const WrittenText written =
        write_text_terms(writer, IndexedText{&article.title, &article.aliases, &article.summary, &article.tags,
                                             &article.products, &article.tickets, &shown.intro, &shown.sections});
    writer.index_internal(markdown_to_text(internal_text(article)));
    if (writer.stemmed()) {
        built.stem_lang = terms::base_lang(lang);
        built.stems.assign(writer.stem_pairs().begin(), writer.stem_pairs().end());
    }

    // Values.
    doc.add_value(schema::k_slot_id, article.id);
    doc.add_value(schema::k_slot_type, type);
    if (!article.status.empty()) {
        doc.add_value(schema::k_slot_status, ascii_lower(article.status));
    }
    std::string categories;
    for (const auto& c : article.categories) {
        if (!categories.empty()) {
            categories += '\n';
        }
        categories += c;
    }
    if (!categories.empty()) {
        doc.add_value(schema::k_slot_categories, categories);
    }
    if (article.is_known_error() && !trim(article.fixed_in).empty()) {
        doc.add_value(schema::k_slot_fixed_in, version_sort_key(article.fixed_in));
    }
    doc.add_value(schema::k_slot_file, encode_file_state(state));
    if (article.updated) {
        doc.add_value(schema::k_slot_updated, article.updated->to_string());
    }
    doc.add_value(schema::k_slot_lang, lang);
    doc.add_value(schema::k_slot_fields, encode_field_features(writer.title_words(), writer.heading_words(),
                                                               question_type_of_text(article.title)));

    // Stored data.
    StoredArticle stored;
    stored.id = article.id;
    stored.lang = lang;
    stored.title = article.title;
    stored.type = type;
    stored.status = article.status;
    stored.severity = article.severity;
    stored.categories = article.categories;
    stored.path = article.path;
    stored.summary = collapse_whitespace(article.summary);
    stored.visibility = visibility;
    // The whole public text: search cuts snippets from it instead of
    // re-reading and re-rendering the file (index/snippet_source.hpp).
    stored.text = collapse_whitespace(written.stored_text);
    doc.set_data(encode_stored_article(stored));

    built.spelling_words = spelling_words_of(doc);
    return built;
}

std::vector<std::string> spelling_words_of(const Xapian::Document& document) {
    std::vector<std::string> words;
    for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
        const std::string& term = *it;
        if (terms::is_spelling_word(term)) {
            words.push_back(term);
        }
    }
    return words;
}

}  // namespace faqt
