#include "cli/ticket_suggest.hpp"

#include <cctype>
#include <string_view>

#include "content/category.hpp"
#include "content/html_sanitiser.hpp"
#include "content/text.hpp"
#include "tickets/email.hpp"
#include "tickets/reading.hpp"

namespace faqt::cli {

namespace {

// Whether a cell holds HTML rather than text: a tag that HTML mail and the
// rich-text fields of ticket systems use (<p>, <br>, <div>, …) somewhere in
// it. "a < b" or "<none>" stay text.
bool looks_like_html(std::string_view text) {
    static constexpr std::string_view k_tags[] = {
        "p",  "br", "div", "html", "body", "table", "tr", "td", "span", "ul",  "ol",         "li",  "strong",
        "em", "b",  "i",   "a",    "font", "h1",    "h2", "h3", "h4",   "pre", "blockquote", "img", "hr"};
    for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
        std::size_t name = at + 1;
        if (name < text.size() && text[name] == '/') {
            ++name;
        }
        std::size_t end = name;
        while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end])) != 0) {
            ++end;
        }
        if (end == name || end >= text.size()) {
            continue;
        }
        const char after = text[end];
        if (after != '>' && after != ' ' && after != '/' && after != '\t' && after != '\n' && after != '\r') {
            continue;
        }
        const std::string tag = ascii_lower(text.substr(name, end - name));
        for (const auto t : k_tags) {
            if (tag == t) {
                return true;
            }
        }
    }
    return false;
}

}  // namespace

void prepare_export_ticket(Ticket& ticket, const std::string& display_path) {
    if (looks_like_email(ticket.body)) {
        auto mail = read_email(ticket.body, display_path);
        if (mail) {
            if (ticket.id.empty()) {
                ticket.id = mail->id;
            }
            if (trim(ticket.subject).empty()) {
                ticket.subject = mail->subject;
            }
            if (ticket.from_name.empty()) {
                ticket.from_name = mail->from_name;
            }
            if (ticket.from_address.empty()) {
                ticket.from_address = mail->from_address;
            }
            if (ticket.lang.empty()) {
                ticket.lang = mail->lang;
            }
            ticket.auto_generated = mail->auto_generated;
            ticket.body = std::move(mail->body);
            for (auto& d : mail->diagnostics) {
                d.path = display_path;
                d.line = static_cast<int>(ticket.line);
                ticket.diagnostics.push_back(std::move(d));
            }
        }
    } else if (looks_like_html(ticket.body)) {
        ticket.body = html_to_text(ticket.body, HtmlTextLayout::mail);
    }
}

Result<TicketSuggestion> suggest_for_ticket(const Ticket& ticket, const TicketHints& hints, std::size_t limit,
                                            const Config& config, Suggester& suggester) {
    TicketSuggestion out;
    const TicketText text = read_ticket_text(ticket);
    // What the ticket itself says (a column of an export) wins; the hints
    // are the default for tickets that do not say.
    const std::string& hint = !ticket.category.empty() ? ticket.category : hints.category;
    if (!hint.empty()) {
        const std::string id = suggester.categories().find_by_code(hint);
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
