#pragma once
// The suggestion engine of `faqt suggest`: from a ticket's text (already
// read: tickets/reading.hpp), the articles that answer it, each with a
// confidence from 0 to 1. faqt-suggest(1) describes the method:
//
// - the ticket is words, never query syntax: every word of subject, body
//   and quoted text is folded (content's fold()), stopwords dropped, and
//   weighed by where it stands (subject ×2, body ×1, quoted thread ×0.5,
//   or ×1 when the body has almost nothing of its own) and by how rare it
//   is in the index (BM25's idf); codes count double. The best
//   k_max_ticket_terms distinct words (and a few unknown ones, which the
//   spelling rule of faqt-query(7) may correct) are read by the search's
//   query parser; one OR query of their text forms (without the light
//   words that many articles hold) finds candidates,
//   ordered by the search's second stage (BM25F, index/rerank.hpp). However long the ticket, the
//   query has at most that many words.
// - a category hint boosts the articles in it (×k_category_boost), a
//   product hint those of that product; neither filters. A version hides
//   the known errors fixed at or before it, as `search --version` does.
// - drafts are never suggested; internal articles are, marked.
// - confidence: a logistic function of four features of the top result
//   (coverage: the share of the query's weight its matched words hold,
//   words in no article counted as half a rare one; margin: how far ahead of the
//   second it is, 0.5 with no second; title: the share of that weight
//   matched in its title; share: its matched weight over what the best
//   10 results match together, which a long ticket's small talk does not
//   lower), fitted on tests/suggest/tickets.jsonl and the held-out sets
//   of tests/suggest/heldout.py (tests/suggest/README.md gives the numbers). Results
//   after the first get the same function of their own features, capped
//   by the confidence of the result before them.
//
// A Suggester opens the index once and answers many tickets; it reads only
// what the index stores (postings, value slots, stored titles), never an
// article file. Not thread-safe: one Suggester per thread.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "content/article.hpp"
#include "content/config.hpp"
#include "content/result.hpp"

namespace faqt {

class CategoryTree;

inline constexpr std::size_t k_max_ticket_terms = 24;
inline constexpr double k_category_boost = 1.3;
inline constexpr double k_product_boost = 1.15;

struct SuggestRequest {
    std::string subject;  // tickets/reading.hpp's TicketText
    std::string body;
    std::string quoted;
    std::string category;  // a category id (codes resolved by the caller), "" none
    std::string product;   // "" none
    std::string version;   // "" none
    std::size_t limit = 5;
};

// What made the confidence of a result (faqt suggest --explain).
struct SuggestFeatures {
    double coverage = 0;  // matched query weight / query weight, 0..1
    double margin = 0;    // 1 - (next score / this score), 0..1
    double title = 0;     // query weight matched in the title / query weight, 0..1
    double share = 0;     // matched query weight / that matched by the best 10 results together, 0..1
};

struct Suggestion {
    std::string id;
    std::string title;
    std::string type;
    std::string status;
    std::string lang;
    Visibility visibility = Visibility::internal;
    double score = 0;                  // only comparable within one ticket
    double confidence = 0;             // 0..1
    std::vector<std::string> matched;  // folded ticket words found in the article, best first
    SuggestFeatures features;
};

struct Suggestions {
    std::vector<Suggestion> results;  // best first, each id once
    std::vector<std::string> terms;   // the ticket words searched for, in ticket order
};

// The confidence of features (the fitted logistic function), 0..1.
double suggestion_confidence(const SuggestFeatures& features);

class Suggester {
public:
    // Errors: index_damaged when the index is missing or unreadable.
    static Result<Suggester> open(const Config& config);

    Suggester(Suggester&&) noexcept;
    Suggester& operator=(Suggester&&) noexcept;
    ~Suggester();

    // A ticket with no word in any article gives no results.
    // Errors: index_damaged when reading the index fails.
    Result<Suggestions> suggest(const SuggestRequest& request);

    // The categories of the config the Suggester was opened with, built
    // once: a ticket's category code is looked up for every ticket.
    const CategoryTree& categories() const;

    struct State;  // defined in suggest.cpp: the open index and what is read once

private:
    explicit Suggester(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

}  // namespace faqt
