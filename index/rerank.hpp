#pragma once
// The ranking model's second stage: field-weighted BM25 (BM25F) over the
// best candidates Xapian found, with coordination and the question type.
// Xapian's BM25 sees one length per document, so a word of a four-word
// title and a word of a 2,000-word body are told apart only by prefixed
// terms whose scores add up; here each query word's frequencies in title,
// headings and text are normalised by that field's own length, weighted and
// summed into one frequency before BM25's saturation (Robertson & Zaragoza,
// "The probabilistic relevance framework: BM25 and beyond", 2009). Every
// feature comes from a term's postings or the article's field lengths
// (schema.hpp, k_slot_fields), so the site's script search can apply the
// same formula. faqt-search(1), RANKING, gives the formula. Internal to index/.

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "index/search.hpp"

namespace faqt {

// One query word and the index terms that hold it in each field.
struct RankTerm {
    std::string term;
    double weight = 1;  // the word itself 1; another form (stem), its accents, a synonym: less
};

struct RankGroup {
    std::string word;               // folded, as --explain shows it
    double weight = 1;              // 1; codes more; stopwords and question words little
    bool counts = true;             // takes part in coordination (content words)
    std::vector<RankTerm> text;     // unprefixed forms (and internal-text terms)
    std::vector<RankTerm> title;    // S terms: the word's stems (weight 1), synonyms' (less)
    std::vector<RankTerm> heading;  // H terms, likewise
    std::string id;
};

struct RankQuery {
    std::vector<RankGroup> groups;
    std::vector<std::size_t> sequence;  // the group of each query word, in the query's order
    std::string question_type;          // of the query's words: question_type()
    // false when part of the query is beyond the model (title:, a trailing
    // *): the first stage's order is kept.
    bool complete = true;
};

// The kind of question a text asks from its first words: "what", "how",
// "how-long" (how long/many/much/often/far/old), "where", "why", "when",
// "who", "yes-no" (can/does/is... first); "" when it asks none.
std::string question_type(const std::vector<std::string>& folded_words);
std::string question_type_of_text(std::string_view text);

// The field lengths and question type of an article, as stored in
// k_slot_fields: "TITLE_WORDS HEADING_WORDS TYPE".
std::string encode_field_features(unsigned title_words, unsigned heading_words, std::string_view question_type);

struct RankCandidate {
    Xapian::docid docid = 0;
    double base = 0;   // Xapian's weight
    double score = 0;  // after rerank()
    ScoreExplanation explanation;
};

// What rerank() read from one open database, kept across the queries of
// one reader (a Suggester ranks the candidates of thousands of tickets
// among the same articles): each article's length and field features, the
// average field lengths, document frequencies, the postings of terms in
// few articles and the title positions read. The scores are the same with
// or without it. Valid only for one Xapian::Database handle that is never
// reopened (clear() after a reopen); not thread-safe. Each part is cleared
// when it reaches its bound, so memory stays bounded.
struct RerankCache {
    static constexpr std::size_t k_max_entries = 100000;
    // A term's postings are kept whole only when it is in at most this
    // many articles (else its list is walked for the candidates, as
    // without a cache), and all kept postings together stay under
    // k_max_postings.
    static constexpr std::size_t k_max_term_postings = 4096;
    static constexpr std::size_t k_max_postings = 4000000;

    struct Article {
        double length = 0;
        double title = 0;
        double heading = 0;
        std::string question_type;
    };
    std::unordered_map<Xapian::docid, Article> articles;
    std::optional<std::pair<double, double>> average_field_lengths;
    std::unordered_map<std::string, Xapian::doccount> term_freqs;
    // (docid, wdf) in docid order; absent: not read yet or too long to keep.
    std::unordered_map<std::string, std::vector<std::pair<Xapian::docid, Xapian::termcount>>> postings;
    std::size_t postings_kept = 0;
    // Positions of a term in an article's title, keyed by term, '\0', docid.
    std::unordered_map<std::string, std::vector<Xapian::termpos>> title_positions;

    void clear();
};

// Scores candidates (any order) with the model and sorts them best first;
// ties keep their order. explain fills each candidate's explanation.
// cache, when given, keeps what is read for the next call.
void rerank(const Xapian::Database& db, const RankQuery& query, const RankingWeights& weights,
            std::vector<RankCandidate>& candidates, bool explain, RerankCache* cache = nullptr);

}  // namespace faqt
