#pragma once
// The one rule of the index for translations: a translation of an internal
// original (the article of that id in the default language) is internal,
// whatever it says itself — content's inherit_internal_visibility(). The
// index is built one file at a time and marks each file as it reads, so
// search and the query parser's spelling suggestions apply the rule when
// they read. Internal to index/; includes <xapian.h>.

#include <xapian.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "content/article.hpp"
#include "content/public_view.hpp"
#include "index/schema.hpp"
#include "index/terms.hpp"

namespace faqt {

// The ids of every internal article in the default language, read from the
// documents: one document read per internal file.
inline std::unordered_set<std::string> scan_internal_original_ids(const Xapian::Database& db,
                                                                  std::string_view default_lang) {
    std::unordered_set<std::string> ids;
    const std::string term = terms::make_term(schema::k_visibility, "internal");
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        Xapian::Document doc = db.get_document(*it);
        if (is_default_language(doc.get_value(schema::k_slot_lang), default_lang)) {
            ids.insert(doc.get_value(schema::k_slot_id));
        }
    }
    return ids;
}

// What sync stores under schema::k_meta_internal_originals when it commits:
// "1\n", then each id of scan_internal_original_ids() that another document
// also carries, one a line. Only those can make another document internal;
// an id no other document has (its XI term in one document) changes
// nothing, and leaving it out keeps the list, which every search reads,
// small. An id whose term is in no document (cannot happen; fail closed)
// stays in.
inline std::string encode_internal_originals(const Xapian::Database& db, std::string_view default_lang) {
    auto scanned = scan_internal_original_ids(db, default_lang);
    std::vector<std::string> ids(scanned.begin(), scanned.end());
    std::sort(ids.begin(), ids.end());
    std::string out = "1\n";
    for (const auto& id : ids) {
        if (db.get_termfreq(terms::make_term(schema::k_id, terms::ascii_lower(id))) != 1) {
            out += id;
            out += '\n';
        }
    }
    return out;
}

// The ids whose original (the article in the default language) is internal,
// as far as they matter: a translation of one is internal whatever it says
// (content's inherit_internal_visibility()); the index is built one file at
// a time, so search applies that rule here. Read from the list sync stored
// (encode_internal_originals()); scanned when it is missing.
inline std::unordered_set<std::string> internal_original_ids(const Xapian::Database& db,
                                                             std::string_view default_lang) {
    const std::string stored = db.get_metadata(std::string(schema::k_meta_internal_originals));
    if (stored.rfind("1\n", 0) != 0) {
        return scan_internal_original_ids(db, default_lang);
    }
    std::unordered_set<std::string> ids;
    for (std::size_t pos = 2; pos < stored.size();) {
        std::size_t end = stored.find('\n', pos);
        if (end == std::string::npos) {
            end = stored.size();
        }
        ids.emplace(stored, pos, end - pos);
        pos = end + 1;
    }
    return ids;
}

// Accepts the documents whose visibility, with that rule applied, is the
// one asked for.
class VisibleAs : public Xapian::MatchDecider {
public:
    VisibleAs(const std::unordered_set<std::string>& internal_ids, Visibility wanted)
        : m_ids(internal_ids), m_wanted(wanted), m_internal_term(terms::make_term(schema::k_visibility, "internal")) {}
    bool operator()(const Xapian::Document& doc) const override {
        bool internal = m_ids.count(doc.get_value(schema::k_slot_id)) > 0;
        if (!internal && m_wanted == Visibility::internal) {
            auto it = doc.termlist_begin();
            it.skip_to(m_internal_term);
            internal = it != doc.termlist_end() && *it == m_internal_term;
        }
        return internal == (m_wanted == Visibility::internal);
    }

private:
    const std::unordered_set<std::string>& m_ids;
    Visibility m_wanted;
    std::string m_internal_term;
};

}  // namespace faqt
