#include "index/search.hpp"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <memory_resource>
#include <set>
#include <sstream>
#include <unordered_set>

#include "content/text.hpp"
#include "index/index.hpp"
#include "index/document_builder.hpp"
#include "index/query_parser.hpp"
#include "index/rerank.hpp"
#include "index/search_filters.hpp"
#include "index/translation_visibility.hpp"
#include "index/schema.hpp"
#include "index/snippet.hpp"
#include "index/snippet_source.hpp"
#include "index/stored_article.hpp"
#include "index/terms.hpp"
#include "content/version_compare.hpp"

namespace faqt {

namespace {

using Xapian::Query;

std::string prefixed(std::string_view prefix, std::string_view value) {
    return terms::make_term(prefix, value);
}

Query any_of(std::string_view prefix, const std::vector<std::string>& values,
             std::string (*normalize)(std::string_view)) {
    std::vector<Query> terms;
    for (const auto& v : values) {
        terms.emplace_back(prefixed(prefix, normalize(trim(v))));
    }
    return Query(Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

// The Xapian form of an ArticleFilter: the terms document_builder.cpp
// writes hold the same normal forms as ArticleFilter::matches() compares.
Query apply_filters(Query query, const SearchFilters& f) {
    std::vector<Query> filters;
    if (!f.types.empty()) {
        filters.push_back(any_of(schema::k_type, f.types, normalize_type));
    }
    if (!f.categories.empty()) {
        filters.push_back(any_of(schema::k_category, f.categories, normalize_category));
    }
    if (!f.tags.empty()) {
        filters.push_back(any_of(schema::k_tag, f.tags, normalize_label));
    }
    if (!f.statuses.empty()) {
        filters.push_back(any_of(schema::k_status, f.statuses, normalize_status));
    }
    if (!f.severities.empty()) {
        filters.push_back(any_of(schema::k_severity, f.severities, normalize_severity));
    }
    if (!f.products.empty()) {
        filters.push_back(any_of(schema::k_product, f.products, normalize_label));
    }
    if (!f.langs.empty()) {
        filters.push_back(any_of(schema::k_lang, f.langs, normalize_lang));
    }
    if (f.visibility) {
        filters.emplace_back(prefixed(schema::k_visibility, to_string(*f.visibility)));
    }
    if (!filters.empty()) {
        query = Query(Query::OP_FILTER, query, Query(Query::OP_AND, filters.begin(), filters.end()));
    }
    if (!f.drafts) {
        query = Query(Query::OP_AND_NOT, query, Query(std::string(schema::k_draft)));
    }
    if (!trim(f.version).empty()) {
        // Known errors fixed at or before the user's version do not concern them.
        Query fixed(Query::OP_VALUE_LE, schema::k_slot_fixed_in, version_sort_key(f.version));
        query = Query(Query::OP_AND_NOT, query,
                      Query(Query::OP_AND, Query(prefixed(schema::k_type, "known-error")), fixed));
    }
    return query;
}

namespace {

// Counts the matching articles (ids: translations count once, as the
// results collapse them; Xapian's own estimate does not when a page is
// short) and, when asked, counts them by type, category (with its
// ancestors) and status.
class FacetSpy : public Xapian::MatchSpy {
public:
    // expected: about how many documents it will see, to size its set once.
    FacetSpy(bool facets, std::size_t expected) : m_facets(facets) { m_seen.reserve(expected); }

    std::size_t total() const { return m_seen.size(); }
    std::size_t documents() const { return m_documents; }

    void operator()(const Xapian::Document& doc, double) override {
        ++m_documents;
        if (!first_time(doc.get_value(schema::k_slot_id)) || !m_facets) {
            return;
        }
        ++m_types[doc.get_value(schema::k_slot_type)];
        if (std::string status = doc.get_value(schema::k_slot_status); !status.empty()) {
            ++m_statuses[status];
        }
        std::set<std::string> categories;
        std::istringstream in(doc.get_value(schema::k_slot_categories));
        for (std::string c; std::getline(in, c);) {
            if (c.empty()) {
                continue;
            }
            for (std::size_t slash = c.find('/'); slash != std::string::npos; slash = c.find('/', slash + 1)) {
                categories.insert(c.substr(0, slash));
            }
            categories.insert(c);
        }
        for (const auto& c : categories) {
            ++m_categories[c];
        }
    }

    Facets facets() const {
        Facets f;
        f.types = sorted(m_types);
        f.categories = sorted(m_categories);
        f.statuses = sorted(m_statuses);
        return f;
    }

private:
    // Whether the id is new. Ids and the set's nodes live in one arena,
    // freed at once: a search may see a thousand ids, and allocating and
    // freeing each cost more than reading it.
    bool first_time(std::string_view id) {
        if (m_seen.count(id) != 0) {
            return false;
        }
        auto* copy = static_cast<char*>(m_arena.allocate(std::max<std::size_t>(id.size(), 1), 1));
        std::copy(id.begin(), id.end(), copy);
        m_seen.emplace(copy, id.size());
        return true;
    }

    static std::vector<FacetCount> sorted(const std::map<std::string, std::size_t>& counts) {
        std::vector<FacetCount> out;
        for (const auto& [value, count] : counts) {
            out.push_back({value, count});
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
        return out;
    }

    bool m_facets = false;
    std::size_t m_documents = 0;
    std::pmr::monotonic_buffer_resource m_arena;
    std::pmr::unordered_set<std::string_view> m_seen{&m_arena};
    std::map<std::string, std::size_t> m_types;
    std::map<std::string, std::size_t> m_categories;
    std::map<std::string, std::size_t> m_statuses;
};

}  // namespace

std::vector<std::string> stem_langs_for(const Xapian::Database& db, const SearchFilters& filters) {
    std::vector<std::string> langs;
    if (!filters.langs.empty()) {
        for (const auto& l : filters.langs) {
            std::string base = normalize_lang(l);
            if (terms::has_stemmer(base) && std::find(langs.begin(), langs.end(), base) == langs.end()) {
                langs.push_back(base);
            }
        }
        return langs;
    }
    std::istringstream in(db.get_metadata(std::string(schema::k_meta_stem_langs)));
    for (std::string l; in >> l;) {
        if (terms::has_stemmer(l)) {
            langs.push_back(l);
        }
    }
    return langs;
}

namespace {

// The path a document was indexed from, read from its value slot rather
// than its stored data, which holds the whole text.
std::string indexed_path(const Xapian::Document& doc) {
    FileState state;
    return decode_file_state(doc.get_value(schema::k_slot_file), state) ? state.path
                                                                        : decode_stored_article(doc.get_data()).path;
}

// The files of the hit's language that share its id, when there are more
// than one: one small boolean query per hit, and none when a single
// document carries the id term (the usual case).
std::optional<DuplicateId> duplicates_of(const Xapian::Database& db, const SearchHit& hit) {
    constexpr Xapian::doccount k_max_files = 100;
    const std::string id_term = prefixed(schema::k_id, terms::ascii_lower(hit.id));
    if (db.get_termfreq(id_term) < 2) {
        return std::nullopt;
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(
        Query(Query::OP_AND, Query(id_term), Query(prefixed(schema::k_lang, terms::base_lang(hit.lang)))));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = enquire.get_mset(0, k_max_files);
    DuplicateId duplicate{hit.id, hit.lang, {}};
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Xapian::Document doc = it.get_document();
        if (doc.get_value(schema::k_slot_id) == hit.id && doc.get_value(schema::k_slot_lang) == hit.lang) {
            duplicate.paths.push_back(indexed_path(doc));
        }
    }
    if (duplicate.paths.size() < 2) {
        return std::nullopt;
    }
    std::sort(duplicate.paths.begin(), duplicate.paths.end());
    return duplicate;
}

// Below this many matches the total is always exact.
constexpr std::size_t k_exact_total_limit = 1000;

SearchResults run_search(const Xapian::Database& db, const Config& config, const SearchRequest& request) {
    SearchResults results;
    results.query = request.query;

    QueryContext context;
    context.db = &db;
    context.config = &config;
    context.stem_langs = stem_langs_for(db, request.filters);
    context.spelling = request.spelling;
    context.correct = request.correct;
    context.internal_text = request.filters.visibility != Visibility::public_;
    context.weights = request.weights;
    ParsedQuery parsed = parse_query(request.query, context);
    results.corrected = parsed.corrected;
    results.did_you_mean = parsed.did_you_mean;
    results.corrections = parsed.corrections;
    results.truncated = parsed.truncated;

    Query query = parsed.empty ? Query::MatchAll : parsed.query;
    if (query.empty()) {
        if (request.facets) {
            results.facets = Facets{};
        }
        return results;
    }
    const std::unordered_set<std::string> internal_ids = internal_original_ids(db, config.default_lang);
    const bool public_only = request.filters.visibility == Visibility::public_;
    const bool internal_only = request.filters.visibility == Visibility::internal;
    const VisibleAs decider(internal_ids, internal_only ? Visibility::internal : Visibility::public_);
    if (internal_only && !internal_ids.empty()) {
        // The translations of internal originals are internal too, though
        // the index marked them public: the decider picks them.
        SearchFilters filters = request.filters;
        filters.visibility.reset();
        query = apply_filters(query, filters);
    } else {
        query = apply_filters(query, request.filters);
    }
    const bool decide = (public_only || internal_only) && !internal_ids.empty();

    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const RankingWeights& w = request.weights;
    enquire.set_weighting_scheme(Xapian::BM25Weight(w.bm25_k1, 0, 1, w.bm25_b, 0.5));
    enquire.set_collapse_key(schema::k_slot_id);
    if (!parsed.ranked) {
        enquire.set_sort_by_value_then_relevance(schema::k_slot_id, false);
    }
    // Facets need every match. Otherwise Xapian may stop once it knows the
    // best page, which keeps common-word queries fast on big KBs; the total
    // is then its estimate, exact whenever it looked at every match.
    // The second stage of the ranking (index/rerank.hpp) orders the best
    // rerank_depth candidates: they are fetched whatever the page, so page
    // two continues page one.
    const std::size_t depth = parsed.ranked && parsed.rank.complete && !parsed.rank.groups.empty() && request.limit > 0
                                  ? static_cast<std::size_t>(std::max(0.0, w.rerank_depth))
                                  : 0;
    const std::size_t fetch = std::max(request.offset + request.limit, depth);
    const Xapian::doccount check =
        request.facets ? db.get_doccount()
                       : std::min<Xapian::doccount>(
                             db.get_doccount(), static_cast<Xapian::doccount>(std::max(fetch, k_exact_total_limit)));
    FacetSpy spy(request.facets, std::min<std::size_t>(check, k_exact_total_limit));
    enquire.add_matchspy(&spy);
    Xapian::MSet mset =
        enquire.get_mset(0, static_cast<Xapian::doccount>(fetch), check, nullptr, decide ? &decider : nullptr);
    // The spy sees every document Xapian looks at; fewer than it was asked
    // to look at means there were no more.
    if (check >= db.get_doccount() || spy.documents() < check) {
        results.total = spy.total();
        results.total_exact = true;
    } else {
        results.total = std::max<std::size_t>(mset.get_matches_estimated(), spy.total());
        results.total_exact = false;
    }
    std::vector<RankCandidate> ranked;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        ranked.push_back({*it, it.get_weight(), it.get_weight(), {}});
    }
    if (depth > 0) {
        std::vector<RankCandidate> rest;
        if (ranked.size() > depth) {
            rest.assign(ranked.begin() + static_cast<std::ptrdiff_t>(depth), ranked.end());
            ranked.resize(depth);
        }
        rerank(db, parsed.rank, w, ranked, request.explain);
        ranked.insert(ranked.end(), rest.begin(), rest.end());
    }
    for (std::size_t k = request.offset; k < ranked.size() && k < request.offset + request.limit; ++k) {
        const RankCandidate& candidate = ranked[k];
        Xapian::Document doc = db.get_document(candidate.docid);
        StoredArticle stored = decode_stored_article(doc.get_data());
        SearchHit hit;
        hit.id = std::move(stored.id);
        hit.title = std::move(stored.title);
        hit.type = std::move(stored.type);
        hit.status = std::move(stored.status);
        hit.severity = std::move(stored.severity);
        hit.categories = std::move(stored.categories);
        hit.lang = std::move(stored.lang);
        hit.path = std::move(stored.path);
        // Fail closed: only what the index marked public is public.
        hit.visibility = stored.visibility == "public" && internal_ids.count(hit.id) == 0 ? Visibility::public_
                                                                                          : Visibility::internal;
        hit.score = candidate.score;
        if (request.explain) {
            hit.explanation = candidate.explanation;
            hit.explanation->base = candidate.base;
            hit.explanation->final_score = candidate.score;
        }
        // From the text stored at index time, or from the file when it
        // changed since (index/snippet_source.hpp).
        const std::string text = snippet_text_for(config, doc.get_value(schema::k_slot_file), std::move(stored.text));
        hit.snippet = make_snippet(stored.summary, text, parsed.highlight);
        hit.summary = std::move(stored.summary);
        if (auto duplicate = duplicates_of(db, hit)) {
            results.duplicates.push_back(std::move(*duplicate));
        }
        results.hits.push_back(std::move(hit));
    }
    if (request.facets) {
        results.facets = spy.facets();
    }
    return results;
}

std::vector<DuplicateId> run_find_duplicates(const Xapian::Database& db) {
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> paths;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Xapian::Document doc = db.get_document(*it);
        paths[{doc.get_value(schema::k_slot_id), doc.get_value(schema::k_slot_lang)}].push_back(indexed_path(doc));
    }
    std::vector<DuplicateId> out;
    for (auto& [key, files] : paths) {
        if (files.size() > 1) {
            std::sort(files.begin(), files.end());
            out.push_back({key.first, key.second, std::move(files)});
        }
    }
    return out;
}

}  // namespace

Result<std::vector<DuplicateId>> find_duplicate_ids(const Config& config) {
    const std::string path = index_path(config).string();
    try {
        Xapian::Database db(path);
        for (int attempt = 0;; ++attempt) {
            try {
                return run_find_duplicates(db);
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= 3) {
                    throw;
                }
                db.reopen();
            }
        }
    } catch (const Xapian::Error& e) {
        return Error(ErrorCode::index_damaged, "cannot read the index " + path + ": " + e.get_msg(),
                     "run 'faqt index --rebuild'");
    }
}

Result<SearchResults> search(const Config& config, const SearchRequest& request) {
    const std::string path = index_path(config).string();
    try {
        Xapian::Database db(path);
        // A writer may commit twice while we read; reopen and try again.
        for (int attempt = 0;; ++attempt) {
            try {
                return run_search(db, config, request);
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= 3) {
                    throw;
                }
                db.reopen();
            }
        }
    } catch (const Xapian::DatabaseNotFoundError&) {
        return Error(ErrorCode::index_damaged, "there is no index in " + path, "run 'faqt index'");
    } catch (const Xapian::DatabaseOpeningError& e) {
        return Error(ErrorCode::index_damaged, "cannot open the index " + path + ": " + e.get_msg(),
                     "run 'faqt index --rebuild'");
    } catch (const Xapian::Error& e) {
        return Error(ErrorCode::index_damaged, "cannot search the index " + path + ": " + e.get_msg(),
                     "run 'faqt index --rebuild'");
    }
}

}  // namespace faqt
