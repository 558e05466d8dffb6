#include "index/suggest.hpp"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "content/article_filter.hpp"
#include "content/category.hpp"
#include "content/stopwords.hpp"
#include "content/text.hpp"
#include "index/index.hpp"
#include "index/query_parser.hpp"
#include "index/rerank.hpp"
#include "index/schema.hpp"
#include "index/search_filters.hpp"
#include "index/stored_article.hpp"
#include "index/terms.hpp"
#include "index/translation_visibility.hpp"

namespace faqt {

namespace {

// Words read from one ticket at most: a 50 KB alert has fewer; past this
// the rest of a pasted log adds nothing but time.
constexpr std::size_t k_max_ticket_words = 20000;
// Words in no article that are still searched for, so the spelling rule of
// faqt-query(7) can correct them ("pasword").
constexpr std::size_t k_max_unknown_terms = 4;
// The share of a rare word's weight that a word in no article adds to the
// query's weight: it may be the topic, or a typo or a name.
constexpr double k_unknown_share = 0.5;
// The margin of a result with no result after it.
constexpr double k_lone_margin = 0.5;
// The best candidates whose matched words make the part of the ticket the
// KB speaks of (SuggestFeatures::share).
constexpr std::size_t k_share_candidates = 10;
// Document frequencies a Suggester keeps at most (then it starts afresh).
constexpr std::size_t k_max_cached_term_freqs = 200000;
// Articles whose id and stored fields a Suggester keeps at most, and
// category and product postings (then it starts afresh).
constexpr std::size_t k_max_cached_articles = 100000;
constexpr std::size_t k_max_cached_hint_postings = 4000000;
// Candidates the second stage orders.
constexpr Xapian::doccount k_candidates = 60;
// The first stage searches for the heaviest words that make this share of
// the query's weight (idf times the ticket's weight), at least this many.
constexpr double k_first_stage_share = 0.9;
constexpr std::size_t k_first_stage_min_words = 6;

// The fitted logistic function (tests/suggest/README.md, "Confidence"):
// fitted by tests/suggest/calibrate.py on the labelled tickets and the
// held-out sets together, each set weighing the same.
constexpr double k_bias = -1.81;
constexpr double k_coverage = 1.00;
constexpr double k_margin = 2.62;
constexpr double k_title = 0.95;
constexpr double k_share = 1.36;

struct TicketWord {
    std::string form;  // lower case, accents kept: what the query parser reads
    double weight = 0;
    std::size_t first = 0;  // position of its first occurrence in the ticket
    bool code = false;
};

double idf(double documents, double df) {
    return std::log(1 + (documents - df + 0.5) / (df + 0.5));
}

}  // namespace

double suggestion_confidence(const SuggestFeatures& f) {
    const double z = k_bias + k_coverage * f.coverage + k_margin * f.margin + k_title * f.title + k_share * f.share;
    return 1.0 / (1.0 + std::exp(-z));
}

struct Suggester::State {
    Config config;
    Xapian::Database db;
    std::unordered_set<std::string> internal_ids;
    std::vector<std::string> stem_langs;
    SpellingCache spelling;  // the query parser's spelling lookups, kept across tickets
    ParserCache parser;      // and its synonyms and stem classes
    // Document frequencies read for earlier tickets: tickets share most of
    // their words, and each read is a walk down the index's B-tree.
    std::unordered_map<std::string, Xapian::doccount> term_freqs;
    // What the second stage read for earlier tickets: the candidates are
    // mostly the same articles.
    RerankCache rerank_cache;
    // Per candidate article: its id (k_slot_id), read for every candidate
    // of every ticket, and its stored fields, read for every result.
    std::unordered_map<Xapian::docid, std::string> ids;
    std::unordered_map<Xapian::docid, StoredArticle> stored;
    // The articles of a category or product term, in docid order: the
    // hints of a batch name a few categories again and again.
    std::unordered_map<std::string, std::vector<Xapian::docid>> hint_postings;
    std::size_t hint_postings_kept = 0;
    CategoryTree categories;

    explicit State(const Config& c) : config(c), categories(c) {}

    // After a reopen nothing read before holds.
    void forget() {
        spelling = SpellingCache{};
        parser = ParserCache{};
        term_freqs.clear();
        rerank_cache.clear();
        ids.clear();
        stored.clear();
        hint_postings.clear();
        hint_postings_kept = 0;
    }

    const std::string& id_of(Xapian::docid docid) {
        auto it = ids.find(docid);
        if (it == ids.end()) {
            if (ids.size() >= k_max_cached_articles) {
                ids.clear();
            }
            it =
                ids.emplace(docid, db.get_document(docid, Xapian::DOC_ASSUME_VALID).get_value(schema::k_slot_id)).first;
        }
        return it->second;
    }

    const StoredArticle& stored_of(Xapian::docid docid) {
        auto it = stored.find(docid);
        if (it == stored.end()) {
            if (stored.size() >= k_max_cached_articles) {
                stored.clear();
            }
            it = stored.emplace(docid, decode_stored_article(db.get_document(docid).get_data())).first;
        }
        return it->second;
    }

    bool has_term(const std::string& term, Xapian::docid docid) {
        auto it = hint_postings.find(term);
        if (it == hint_postings.end()) {
            std::vector<Xapian::docid> list;
            for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
                list.push_back(*p);
            }
            if (hint_postings_kept + list.size() > k_max_cached_hint_postings) {
                hint_postings.clear();
                hint_postings_kept = 0;
            }
            hint_postings_kept += list.size();
            it = hint_postings.emplace(term, std::move(list)).first;
        }
        return std::binary_search(it->second.begin(), it->second.end(), docid);
    }

    Xapian::doccount term_freq(const std::string& term) {
        auto it = term_freqs.find(term);
        if (it != term_freqs.end()) {
            return it->second;
        }
        if (term_freqs.size() >= k_max_cached_term_freqs) {
            term_freqs.clear();
        }
        const Xapian::doccount df = db.get_termfreq(term);
        term_freqs.emplace(term, df);
        return df;
    }
};

Suggester::Suggester(std::unique_ptr<State> state) : m_state(std::move(state)) {}
Suggester::Suggester(Suggester&&) noexcept = default;
Suggester& Suggester::operator=(Suggester&&) noexcept = default;
Suggester::~Suggester() = default;

const CategoryTree& Suggester::categories() const {
    return m_state->categories;
}

Result<Suggester> Suggester::open(const Config& config) {
    const std::string path = index_path(config).string();
    try {
        auto state = std::make_unique<State>(config);
        state->db = Xapian::Database(path);
        state->internal_ids = internal_original_ids(state->db, config.default_lang);
        state->stem_langs = stem_langs_for(state->db, SearchFilters{});
        return Suggester(std::move(state));
    } catch (const Xapian::DatabaseNotFoundError&) {
        return Error(ErrorCode::index_damaged, "there is no index in " + path, "run 'faqt index'");
    } catch (const Xapian::Error& e) {
        return Error(ErrorCode::index_damaged, "cannot open the index " + path + ": " + e.get_msg(),
                     "run 'faqt index --rebuild'");
    }
}

namespace {

// The ticket's words, folded and weighed by where they stand.
std::unordered_map<std::string, TicketWord> ticket_words(const SuggestRequest& r) {
    std::unordered_map<std::string, TicketWord> words;
    std::size_t position = 0;
    std::size_t own = 0;
    auto add = [&](std::string_view text, double weight, bool count_own) {
        for (const auto& word : split_words(text)) {
            if (position >= k_max_ticket_words) {
                return;
            }
            ++position;
            if (word.size() > schema::k_max_term_bytes) {
                continue;
            }
            std::string folded = terms::fold_word(word);
            if (folded.empty() || terms::is_stopword(folded) || is_request_word(folded) ||
                (folded.size() < 2 && !std::isdigit(static_cast<unsigned char>(folded[0])))) {
                continue;
            }
            auto [it, added] = words.try_emplace(folded);
            TicketWord& w = it->second;
            if (added) {
                w.form = terms::lower_word(word);
                w.first = position;
                w.code = terms::is_code_like(folded);
                own += count_own ? 1 : 0;
            }
            // Repeats count, less and less (a log pasted ten times is one log).
            w.weight += w.weight == 0 ? weight : weight * 0.3;
        }
    };
    add(r.subject, 2.0, true);
    add(r.body, 1.0, true);
    // A reply that says only "still broken" has its evidence in the thread.
    add(r.quoted, own < 3 ? 1.0 : 0.5, false);
    return words;
}

Suggestions run_suggest(Suggester::State& s, const SuggestRequest& request);

}  // namespace

Result<Suggestions> Suggester::suggest(const SuggestRequest& request) {
    try {
        for (int attempt = 0;; ++attempt) {
            try {
                return run_suggest(*m_state, request);
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= 3) {
                    throw;
                }
                m_state->db.reopen();
                m_state->forget();
            }
        }
    } catch (const Xapian::Error& e) {
        return Error(ErrorCode::index_damaged,
                     "cannot read the index " + index_path(m_state->config).string() + ": " + e.get_msg(),
                     "run 'faqt index --rebuild'");
    }
}

namespace {

Suggestions run_suggest(Suggester::State& s, const SuggestRequest& request) {
    Suggestions out;
    const Xapian::Database& db = s.db;
    const double documents = std::max<double>(1, db.get_doccount());

    // Choose the words that discriminate: BM25's idf times the ticket's
    // weight of the word; codes count double.
    struct Chosen {
        const std::string* folded;
        const TicketWord* word;
        double score;
    };
    auto words = ticket_words(request);
    std::vector<Chosen> known;
    std::vector<Chosen> unknown;
    for (const auto& [folded, word] : words) {
        const double df = s.term_freq(folded);
        if (df == 0) {
            if (terms::is_spelling_word(folded) && !word.code) {
                unknown.push_back({&folded, &word, word.weight});
            }
            continue;
        }
        const double w = std::min(word.weight, 3.0) * idf(documents, df) * (word.code ? 2.0 : 1.0);
        known.push_back({&folded, &word, w});
    }
    auto by_score = [](const Chosen& a, const Chosen& b) {
        return a.score != b.score ? a.score > b.score : *a.folded < *b.folded;
    };
    std::sort(known.begin(), known.end(), by_score);
    std::sort(unknown.begin(), unknown.end(), by_score);
    known.resize(std::min(known.size(), k_max_ticket_terms));
    unknown.resize(std::min(unknown.size(), k_max_unknown_terms));
    known.insert(known.end(), unknown.begin(), unknown.end());
    std::sort(known.begin(), known.end(),
              [](const Chosen& a, const Chosen& b) { return a.word->first < b.word->first; });
    std::string text;
    std::unordered_map<std::string, double> ticket_weight;
    for (const auto& c : known) {
        text += text.empty() ? "" : " ";
        text += c.word->form;
        out.terms.push_back(*c.folded);
        ticket_weight[*c.folded] = std::min(c.word->weight, 3.0);
    }
    if (text.empty()) {
        return out;
    }

    QueryContext context;
    context.db = &db;
    context.config = &s.config;
    context.stem_langs = s.stem_langs;
    context.spelling_cache = &s.spelling;
    context.parser_cache = &s.parser;
    const RankingWeights weights;
    context.weights = weights;
    ParsedQuery parsed = parse_query(text, context);
    if (parsed.empty || parsed.query.empty()) {
        return out;
    }
    // The ticket's weight of each word (subject over body over quotes)
    // scales its weight in the second stage.
    double query_weight = 0;
    std::unordered_map<std::string, double> group_idf;
    std::unordered_map<std::string, double> group_df;
    for (auto& g : parsed.rank.groups) {
        auto it = ticket_weight.find(g.word);
        g.weight *= std::sqrt(it != ticket_weight.end() ? it->second : 1.0);
        double df = 0;
        for (const auto& t : g.text) {
            df = std::max<double>(df, s.term_freq(t.term));
        }
        if (!g.counts) {
            continue;
        }
        if (df > 0) {
            group_idf[g.word] = idf(documents, df);
            group_df[g.word] = df;
            query_weight += g.weight * group_idf[g.word];
        } else {
            // A word no article has (and the spelling rule did not
            // correct) still says what the ticket is about: a ticket
            // mostly about what the KB does not know is not answered by
            // the article that shares its two common words.
            query_weight += k_unknown_share * g.weight * idf(documents, 1);
        }
    }

    SearchFilters filters;
    filters.version = request.version;
    // The first stage only finds candidates, which the second orders: one
    // OR over each word's text forms (the word, its stem class, its
    // synonyms, internal text) is enough, and a third of the posting lists
    // of the search's query, whose title and heading terms double them.
    // Words whose weight is a negligible part of the query's and whose
    // posting lists are long (common words: most of the first stage's
    // time on a long ticket) are left to the second stage; a candidate
    // only they would find ranks low anyway.
    std::vector<std::pair<double, const RankGroup*>> by_weight;
    double known_weight = 0;
    for (const auto& g : parsed.rank.groups) {
        auto it = group_idf.find(g.word);
        if (g.counts && it != group_idf.end()) {
            by_weight.emplace_back(g.weight * it->second, &g);
            known_weight += g.weight * it->second;
        }
    }
    std::stable_sort(by_weight.begin(), by_weight.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::unordered_set<const RankGroup*> left_out;
    {
        double sum = 0;
        std::size_t words_in = 0;
        for (const auto& [weight, g] : by_weight) {
            if (words_in >= k_first_stage_min_words && sum >= k_first_stage_share * known_weight &&
                group_df[g->word] > k_candidates) {
                left_out.insert(g);
                continue;
            }
            ++words_in;
            sum += weight;
        }
    }
    std::vector<Xapian::Query> forms;
    std::unordered_set<std::string> seen_forms;
    for (const auto& g : parsed.rank.groups) {
        if (!g.counts || left_out.count(&g) != 0) {
            continue;
        }
        for (const auto& t : g.text) {
            if (seen_forms.insert(t.term).second) {
                forms.emplace_back(t.term, 1, 0);
            }
        }
    }
    Xapian::Query first = forms.empty() || !parsed.rank.complete
                              ? parsed.query
                              : Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end());
    Xapian::Query query = apply_filters(first, filters);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(weights.bm25_k1, 0, 1, weights.bm25_b, 0.5));
    // Translations share an id, and only the best of each is a candidate.
    // Xapian's collapse would read the id of every document the OR
    // matches; the id of the few fetched is read here, fetching more when
    // translations take places (the same candidates, most of them).
    std::vector<RankCandidate> ranked;
    for (Xapian::doccount fetch = k_candidates + k_candidates / 4;; fetch *= 2) {
        Xapian::MSet mset = enquire.get_mset(0, fetch);
        ranked.clear();
        std::unordered_set<std::string> ids;
        for (auto it = mset.begin(); it != mset.end() && ranked.size() < k_candidates; ++it) {
            const std::string& id = s.id_of(*it);
            if (id.empty() || ids.insert(id).second) {
                ranked.push_back({*it, it.get_weight(), it.get_weight(), {}});
            }
        }
        if (ranked.size() >= k_candidates || mset.size() < fetch) {
            break;
        }
    }
    if (parsed.rank.complete && !parsed.rank.groups.empty()) {
        rerank(db, parsed.rank, weights, ranked, true, &s.rerank_cache);
    }
    // Hints boost, never filter: tickets are often filed under the wrong category.
    const std::string category = normalize_category(request.category);
    const std::string product = normalize_label(request.product);
    const std::string category_term = terms::make_term(schema::k_category, category);
    const std::string product_term = terms::make_term(schema::k_product, product);
    for (auto& c : ranked) {
        if (!category.empty() && s.has_term(category_term, c.docid)) {
            c.score *= k_category_boost;
        }
        if (!product.empty() && s.has_term(product_term, c.docid)) {
            c.score *= k_product_boost;
        }
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const RankCandidate& a, const RankCandidate& b) { return a.score > b.score; });

    // The query weight of a candidate's matched words.
    auto matched_weight_of = [&](const RankCandidate& c, std::unordered_set<std::string>* into) {
        double sum = 0;
        for (const auto& w : c.explanation.words) {
            if (w.score <= 0) {
                continue;
            }
            auto it = group_idf.find(w.word);
            if (it == group_idf.end()) {
                continue;
            }
            if (into == nullptr || into->insert(w.word).second) {
                sum += w.weight * it->second;
            }
        }
        return sum;
    };
    // What the best candidates match between them: the part of the ticket
    // the KB speaks of. A long ticket's dates, names and small talk are in
    // no candidate and do not lower the share of a result.
    double union_weight = 0;
    {
        std::unordered_set<std::string> seen;
        for (std::size_t k = 0; k < std::min(ranked.size(), k_share_candidates); ++k) {
            union_weight += matched_weight_of(ranked[k], &seen);
        }
    }

    const std::size_t n = std::min(ranked.size(), request.limit);
    double previous_confidence = 1.0;
    for (std::size_t k = 0; k < n; ++k) {
        const RankCandidate& c = ranked[k];
        Suggestion hit;
        std::vector<std::pair<double, std::string>> matched;
        double matched_weight = 0;
        double title_weight = 0;
        for (const auto& w : c.explanation.words) {
            if (w.score <= 0) {
                continue;
            }
            matched.emplace_back(w.score, w.word);
            auto it = group_idf.find(w.word);
            const double weight = it != group_idf.end() ? w.weight * it->second : 0.0;
            matched_weight += weight;
            if (w.title > 0) {
                title_weight += weight;
            }
        }
        std::stable_sort(matched.begin(), matched.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        for (auto& [score, word] : matched) {
            hit.matched.push_back(std::move(word));
        }
        if (query_weight > 0) {
            hit.features.coverage = std::min(1.0, matched_weight / query_weight);
            hit.features.title = std::min(1.0, title_weight / query_weight);
        }
        if (union_weight > 0) {
            hit.features.share = std::min(1.0, matched_weight / union_weight);
        }
        // With nothing after it, how far ahead it is is unknown, not
        // certain: a ticket that shares one word with one article has no
        // second result at all.
        if (k + 1 < ranked.size()) {
            hit.features.margin = c.score > 0 ? std::clamp(1.0 - ranked[k + 1].score / c.score, 0.0, 1.0) : 0.0;
        } else {
            hit.features.margin = k_lone_margin;
        }
        // Never above the result before it: the order is the engine's.
        hit.confidence = std::min(previous_confidence, suggestion_confidence(hit.features));
        previous_confidence = hit.confidence;
        hit.score = c.score;
        const StoredArticle& stored = s.stored_of(c.docid);
        hit.id = stored.id;
        hit.title = stored.title;
        hit.type = stored.type;
        hit.status = stored.status;
        hit.lang = stored.lang;
        // Fail closed: only what the index marked public is public.
        hit.visibility = stored.visibility == "public" && s.internal_ids.count(hit.id) == 0 ? Visibility::public_
                                                                                            : Visibility::internal;
        out.results.push_back(std::move(hit));
    }
    return out;
}

}  // namespace

}  // namespace faqt
