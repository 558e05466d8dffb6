#pragma once
// Searching the index of a KB: the query language of faqt-query(7), the
// filters of `faqt search`, ranking, facets, snippets and spelling.
//
// search() opens the index read-only (readers are never blocked by a
// writer) and does not bring it up to date: call sync_index() first.
// Translations share an id; a search returns each id once, in its
// best-matching language. Two files of one language with the same id are an
// error of the KB: the search shows one and names the others
// (SearchResults::duplicates) rather than hide them silently. Thread safety: independent calls may run at once.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "content/article.hpp"
#include "content/article_filter.hpp"
#include "content/config.hpp"
#include "content/result.hpp"

namespace faqt {

// The filters of a search are content's ArticleFilter, the ones 'faqt list'
// applies to parsed articles, so both select the same articles.
using SearchFilters = ArticleFilter;

// The knobs of the ranking; the defaults are what tests/relevance measured
// best. Public so the relevance test can try others without rebuilding.
struct RankingWeights {
    double title = 6.0;    // title and aliases
    double heading = 1.5;  // tags, headings, summary
    double body = 1.0;     // every word of the article
    double exact = 0.6;    // the word with its accents, when the query had them
    double stem = 0.6;     // another form of the word (connect ~ connection)
    double synonym = 0.7;  // the synonyms of a word from faqt.toml, together weighing as one word
    double id = 3.0;       // the word is the id, or its last part
    double code = 6.0;     // an error code or version (0x80070005, ERR_CONN_RESET, 4.3.1): very specific
    double phrase = 1.0;   // bonus for the words of a synonym as a phrase
    double bm25_k1 = 1.2;
    double bm25_b = 0.5;
    // The second stage (index/rerank.hpp; faqt-search(1), RANKING): BM25F
    // over the best rerank_depth candidates. title, heading, body, stem,
    // exact, id and code above weigh the fields and forms there too.
    double k1 = 9.0;            // BM25F saturation of a word's combined frequency
    double text_b = 1.0;        // length normalisation of the whole text
    double title_b = 0.5;       // ... of the title field
    double heading_b = 0.5;     // ... of summary, tags and headings
    double stopword = 0.2;      // a stopword or question word ("how", "can"): ranks, never matches
    double coordination = 0.1;  // exponent of the share of the query's words an article has
    double proximity = 2.0;     // two query words next to each other in the title, as in the query
    double question = 0.1;      // bonus when the title asks the query's kind of question
    double base = 0.0;          // share of Xapian's first-stage weight kept in the score
    double rerank_depth = 100;  // candidates the second stage orders (0: off)
};

// Why a hit ranked where it did (faqt search --explain): the parts of its
// score in the ranking model of faqt-search(1), RANKING.
struct WordScore {
    std::string word;    // folded query word
    double weight = 1;   // the word's weight in the query
    double title = 0;    // occurrences in title and aliases
    double heading = 0;  // in summary, tags and headings
    double text = 0;     // in the whole text (weighted: other forms count less)
    double id = 0;       // the word is the id or its last part
    double score = 0;    // its BM25F part
};

struct ScoreExplanation {
    std::vector<WordScore> words;
    double bm25f = 0;             // sum of the words' parts
    double proximity = 0;         // bonus of query word pairs found side by side in the title
    std::size_t title_pairs = 0;  // how many such pairs
    double coordination = 1;      // (matched words / query words) ^ weight
    std::string query_type;       // the question the query asks ("how-long"), "" none
    std::string title_type;       // the question the title asks
    double question = 0;          // the bonus factor for the same question
    double base = 0;              // Xapian's first-stage weight (phrases, synonyms, ...)
    double final_score = 0;
    bool reranked = false;  // false: beyond the second stage's depth, or no words to weigh
};

struct SearchRequest {
    std::string query;  // faqt-query(7); may be empty when filters are set
    SearchFilters filters;
    bool facets = false;
    std::size_t limit = 10;
    std::size_t offset = 0;
    bool spelling = true;  // correct unknown words ("did you mean")
    bool correct = true;   // search with the corrections; false: only suggest them (--no-correct)
    bool explain = false;  // fill SearchHit::explanation
    RankingWeights weights;
};

// A piece of text with the byte ranges of the matched words in it.
struct Snippet {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> highlights;  // [begin, end) byte offsets, sorted
};

struct SearchHit {
    std::string id;
    std::string title;
    std::string type;
    std::string status;
    std::string severity;  // known errors only; "" when unset
    std::vector<std::string> categories;
    std::string lang;
    std::string path;
    std::string summary;
    Visibility visibility = Visibility::internal;
    double score = 0;  // relevance weight; only comparable within one search
    Snippet snippet;
    std::optional<ScoreExplanation> explanation;  // SearchRequest::explain only
};

struct FacetCount {
    std::string value;
    std::size_t count = 0;
};

struct Facets {
    // Most frequent first, then by value. A category counts the results in
    // it or in any of its subcategories, like --category.
    std::vector<FacetCount> types;
    std::vector<FacetCount> categories;
    std::vector<FacetCount> statuses;
};

// A query is searched for its first k_max_query_parts words, phrases,
// operators and parentheses; the rest is ignored (SearchResults::truncated).
inline constexpr std::size_t k_max_query_parts = 256;

// Two files of one language with the same id (a KB error 'faqt check'
// reports). A search shows each id once, so all but one stay hidden.
struct DuplicateId {
    std::string id;
    std::string lang;
    std::vector<std::string> paths;  // sorted; the hit shown is one of them
};

// A query word the spelling rule replaced (faqt-query(7), "Spelling").
struct SpellingCorrection {
    std::string from;  // as typed
    std::string to;
};

struct SearchResults {
    std::string query;
    std::string corrected;    // the query with misspelt words corrected; "" when none were
    std::string did_you_mean;                     // the corrected query when it was only suggested
    std::vector<SpellingCorrection> corrections;  // the words corrected (or suggested), in query order
    bool truncated = false;   // the query was longer than k_max_query_parts; its end was ignored
    std::size_t total = 0;    // matching articles (ids)
    bool total_exact = true;  // false: total is Xapian's estimate (many matches, no facets)
    std::vector<SearchHit> hits;
    std::optional<Facets> facets;
    std::vector<DuplicateId> duplicates;  // hits whose id other files of their language share
};

// Errors: index_damaged when the index is missing or unreadable.
Result<SearchResults> search(const Config& config, const SearchRequest& request);

// Every id that more than one indexed file of the same language uses, by id.
// Errors: index_damaged when the index is missing or unreadable.
Result<std::vector<DuplicateId>> find_duplicate_ids(const Config& config);

}  // namespace faqt
