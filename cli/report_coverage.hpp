#pragma once
// The KB side of `faqt report`: coverage per ticket category and the
// tickets for "what to write next". This is where tickets meet the index
// (DESIGN: cli joins tickets with index for suggest and the report).
//
// - articles per KB category: public and internal articles (drafts left
//   out; an article counts in its categories and their ancestors), and known
//   errors still open (status investigating or workaround, or none).
// - answered: a ticket is answered when an article's `tickets` field lists
//   its number, or `faqt suggest` gives it a result at or above the
//   confidence threshold ([suggest] threshold), the same rule and code as
//   `faqt suggest` (cli/ticket_suggest.hpp). Suggest runs on a sample: the
//   `sample_size` most recent tickets (by creation) that carry text and
//   were opened within the range, spread over one Suggester per core.
// - uncovered: categories with tickets and no public or internal article,
//   by tickets, most first.
//
// The details, so the numbers can be checked by hand:
// - a ticket counts under report.ticket_category (its KB category), else
//   under its category value as written (mapped false: no KB category, so
//   no article, so uncovered), else under "(none)", which names no
//   category and is never uncovered;
// - articles are counted by id (the translations of one article are one
//   article, public when any of them is public), each in its categories
//   and every ancestor of them ("network/vpn" counts in "network" too);
//   a category that is only an ancestor counts the articles below it;
// - `tickets` fields are matched as content's ticket_number_key() ("INC-4411"
//   lists "inc4411"); drafts list nothing; only the sample's tickets are
//   counted as listed;
// - the sample is in coverage_sample() order (ties of creation time: the
//   later in the export first); suggest is asked with no hints (the
//   ticket's own category, product and version, as `faqt suggest --batch`
//   reads a row) and one Suggester per worker; a ticket's result depends
//   on that ticket only, never on the number of workers;
// - cluster_input follows the sample's order; its category is "" for
//   "(none)". A ticket is unanswered when it is not listed and either
//   suggest ran and was not confident, or its category is uncovered; a
//   ticket suggest did not judge is unanswered only by its category.

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "content/article.hpp"
#include "content/config.hpp"
#include "content/result.hpp"
#include "tickets/report.hpp"
#include "tickets/ticket.hpp"
#include "tickets/ticket_history.hpp"
#include "tickets/write_next.hpp"

namespace faqt::cli {

inline constexpr std::size_t k_default_coverage_sample = 10000;

struct CategoryCoverage {
    std::string category;  // KB category id, or the ticket system's value when unmapped
    bool mapped = true;
    std::size_t tickets = 0;  // opened within the range
    std::size_t public_articles = 0;
    std::size_t internal_articles = 0;
    std::size_t open_known_errors = 0;
    std::size_t sampled = 0;   // tickets of the sample in this category
    std::size_t answered = 0;  // of those, answered (see above)
};

struct Coverage {
    std::vector<CategoryCoverage> categories;  // by tickets, most first
    std::vector<std::string> uncovered;        // categories with tickets and no article, by tickets
    // Asked (--coverage-sample): measure_coverage() sets the sample's
    // size, the caller what was asked.
    std::size_t sample_size = 0;
    std::size_t sampled = 0;   // tickets suggest ran on (listed ones included); 0 when it did not run
    std::size_t answered = 0;  // of the sample: listed, or confidently suggested
    std::size_t listed = 0;    // answered because an article lists the ticket
    // Why suggest did not run ("no ticket has text", "suggest was not run":
    // the caller may say better); "" when it ran.
    std::string not_run;
    std::vector<ClusterTicket> cluster_input;  // the sampled tickets, unanswered ones marked, for write_next
};

// The tickets of history to sample: indices into history.tickets, most
// recent first, at most sample_size, opened within the range, with text.
std::vector<std::size_t> coverage_sample(const TicketHistory& history, const Report& report, std::size_t sample_size);

// texts: gather_ticket_texts() of the sample's keys (a sampled ticket
// missing from it is left out). suggest false (no index, --no-suggest):
// articles are counted, tickets listed in an article's `tickets` field
// still count as answered, the rest are not judged (not_run says why).
// Errors: the index's (index_damaged) when suggest is true.
Result<Coverage> measure_coverage(const Config& config, const std::vector<Article>& articles,
                                  const TicketHistory& history, const Report& report,
                                  const std::vector<std::size_t>& sample,
                                  const std::unordered_map<std::string, Ticket>& texts, bool suggest);

}  // namespace faqt::cli
