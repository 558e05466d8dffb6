#pragma once
// The one rule of the index for translations: a translation of an internal
// original (the article of that id in the default language) is internal,
// whatever it says itself — content's inherit_internal_visibility(). The
// index is built one file at a time and marks each file as it reads, so
// search and the query parser's spelling suggestions apply the rule when
// they read. Internal to index/; includes <xapian.h>.

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_set>

#include "content/article.hpp"
#include "index/schema.hpp"
#include "index/terms.hpp"

namespace faqt {

// The ids whose original (the article in the default language) is internal.
// A translation of one is internal whatever it says (content's
// inherit_internal_visibility()); the index is built one file at a time, so
// search applies that rule here. Costs one document read per internal file.
inline std::unordered_set<std::string> internal_original_ids(const Xapian::Database& db,
                                                             std::string_view default_lang) {
    std::unordered_set<std::string> ids;
    const std::string term = terms::make_term(schema::k_visibility, "internal");
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        Xapian::Document doc = db.get_document(*it);
        if (doc.get_value(schema::k_slot_lang) == default_lang) {
            ids.insert(doc.get_value(schema::k_slot_id));
        }
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
