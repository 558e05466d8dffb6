#pragma once
// "What to write next" of `faqt report`: the tickets no article answers,
// grouped into clusters a writer can turn into articles.
//
// Within each category (the KB category, else the ticket system's value),
// the words and two-word phrases of the tickets' subjects and bodies
// (content's find_words() and fold(); stopwords and request words such as
// "please" (content/stopwords.hpp), numbers and lone ASCII letters dropped; a phrase is two kept words next
// to each other; codes such as 0x80070005 and err_conn_reset stay whole;
// a subject's words count twice; at most the first 200 words of a body are
// read) are weighed by how much more often they occur in these tickets
// than in all the tickets read (a smoothed log-odds ratio over document
// frequencies, divided by its standard error so a term many tickets hold
// outweighs a rarer one), so "vpn" beats "please"; a term no more common
// here than anywhere is no cluster's term, and a term needs
// k_min_cluster_tickets of these tickets. A phrase that holds at least 4/5
// of its word's tickets ranks as that word and goes before it. Clusters are
// then grown greedily: the best term not yet used takes the tickets that
// hold it and are in no cluster yet; a cluster needs k_min_cluster_tickets
// tickets; the tickets left form the category's "other" cluster (terms
// empty). A cluster's terms: the term that made it, then the best terms
// half of its tickets hold that repeat no word already named. Clusters are
// ranked by ticket count, then category and terms (an empty list first).
// Examples: subjects on one line, most recent first (later period first,
// then input order), distinct folded, empty ones skipped. Deterministic
// for the same input.
//
// Pure; thread-safe.

#include <cstddef>
#include <string>
#include <vector>

namespace faqt {

inline constexpr std::size_t k_min_cluster_tickets = 2;
inline constexpr std::size_t k_cluster_examples = 3;
inline constexpr std::size_t k_cluster_terms = 3;

struct ClusterTicket {
    std::string category;  // KB category id, else the ticket system's value, else ""
    std::string subject;   // one line
    std::string body;      // the ticket's own words (tickets/reading.hpp), may be ""
    std::string lang;      // "" = the KB's default language
    std::size_t period = 0;  // index of the report period it was opened in
    bool unanswered = false;  // true: no confident suggestion, or an uncovered category
};

struct WriteNextCluster {
    std::string category;
    std::size_t tickets = 0;
    std::vector<std::string> terms;      // best first: "vpn", "certificate expired" (folded)
    std::vector<std::string> examples;   // subjects of its tickets, most recent first, distinct
    std::vector<std::size_t> per_period; // tickets opened per report period
};

// tickets: all the tickets with text (the baseline of how common a word is);
// clusters are made of those marked unanswered. periods: the number of
// report periods. default_lang: for stopwords.
std::vector<WriteNextCluster> cluster_unanswered(const std::vector<ClusterTicket>& tickets, std::size_t periods,
                                                 const std::string& default_lang);

}  // namespace faqt
