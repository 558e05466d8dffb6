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
    double title = 3.0;    // title and aliases
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
};

struct SearchRequest {
    std::string query;  // faqt-query(7); may be empty when filters are set
    SearchFilters filters;
    bool facets = false;
    std::size_t limit = 10;
    std::size_t offset = 0;
    bool spelling = true;  // correct unknown words ("did you mean")
    bool correct = true;   // search with the corrections; false: only suggest them (--no-correct)
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
    std::vector<std::string> categories;
    std::string lang;
    std::string path;
    std::string summary;
    Visibility visibility = Visibility::internal;
    double score = 0;  // relevance weight; only comparable within one search
    Snippet snippet;
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
