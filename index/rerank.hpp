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

#include <string>
#include <string_view>
#include <vector>

#include "index/search.hpp"

namespace faqt {

// One query word and the index terms that hold it in each field.
struct RankTerm {
    std::string term;
    double weight = 1;     // the word itself 1; another form (stem), its accents, a synonym: less
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

// Scores candidates (any order) with the model and sorts them best first;
// ties keep their order. explain fills each candidate's explanation.
void rerank(const Xapian::Database& db, const RankQuery& query, const RankingWeights& weights,
            std::vector<RankCandidate>& candidates, bool explain);

}  // namespace faqt
