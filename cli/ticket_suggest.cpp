#include "cli/ticket_suggest.hpp"

#include "content/category.hpp"
#include "tickets/reading.hpp"

namespace faqt::cli {

Result<TicketSuggestion> suggest_for_ticket(const Ticket& ticket, const TicketHints& hints, std::size_t limit,
                                            const Config& config, Suggester& suggester) {
    TicketSuggestion out;
    const TicketText text = read_ticket_text(ticket);
    // What the ticket itself says (a column of an export) wins; the hints
    // are the default for tickets that do not say.
    const std::string& hint = !ticket.category.empty() ? ticket.category : hints.category;
    if (!hint.empty()) {
        const std::string id = CategoryTree(config).find_by_code(hint);
        out.category = id.empty() ? hint : id;
    }
    out.version = !ticket.version.empty() ? ticket.version : !hints.version.empty() ? hints.version : text.version;
    SuggestRequest request;
    request.subject = text.subject;
    request.body = text.body;
    request.quoted = text.quoted;
    request.category = out.category;
    request.product = !ticket.product.empty() ? ticket.product : hints.product;
    request.version = out.version;
    request.limit = limit;
    auto suggestions = suggester.suggest(request);
    if (!suggestions) {
        return suggestions.error();
    }
    out.suggestions = std::move(*suggestions);
    out.confident = is_confident(out.suggestions, config);
    return out;
}

bool is_confident(const Suggestions& suggestions, const Config& config) {
    return !suggestions.results.empty() && suggestions.results.front().confidence >= config.suggest.threshold;
}

}  // namespace faqt::cli
