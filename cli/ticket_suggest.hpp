#pragma once
// The one rule that turns a ticket into suggestions, and the one rule of
// when a suggestion is confident: `faqt suggest`, `faqt suggest --batch`
// and the coverage of `faqt report` (cli/report_coverage.hpp) all go
// through here, so a ticket the report counts as answered is one `suggest`
// answers.
//
// - a ticket of an export is first prepared (prepare_export_ticket: a
//   whole email or HTML in the body);
// - the ticket is read by tickets/reading.hpp (read_ticket_text): subject,
//   own words and quoted thread go to the Suggester;
// - category: the ticket's own value, else the hint; a category code or
//   name of [[categories]] becomes its id (CategoryTree::find_by_code),
//   anything else is passed on as it is (it then boosts nothing);
// - product: the ticket's, else the hint;
// - version: the ticket's, else the hint, else the one its text names.
// - confident: the best result's confidence is at or above [suggest]
//   threshold.
//
// Thread safety: as the Suggester given (one per thread).

#include <cstddef>
#include <string>

#include "content/config.hpp"
#include "content/result.hpp"
#include "index/suggest.hpp"
#include "tickets/ticket.hpp"

namespace faqt::cli {

// What the caller says about tickets that do not say it themselves (the
// options of `faqt suggest`); "" none.
struct TicketHints {
    std::string category;
    std::string product;
    std::string version;
};

struct TicketSuggestion {
    std::string category;  // the category id the hint resolved to, else as given; "" none
    std::string version;   // given, else found in the text; "" none
    bool confident = false;
    Suggestions suggestions;
};

// A ticket of an export's row as suggest reads it: a body that is a whole
// email is read as one (the row's own id, subject and category win over
// the mail's); an HTML body is turned into text as a mail program shows
// it. Warnings go to ticket.diagnostics with display_path and the row's line.
void prepare_export_ticket(Ticket& ticket, const std::string& display_path);

// config is the one suggester was opened with (its categories are the
// suggester's, built once). Errors: the Suggester's (index_damaged).
Result<TicketSuggestion> suggest_for_ticket(const Ticket& ticket, const TicketHints& hints, std::size_t limit,
                                            const Config& config, Suggester& suggester);

// True when the best of suggestions is at or above [suggest] threshold.
bool is_confident(const Suggestions& suggestions, const Config& config);

}  // namespace faqt::cli
