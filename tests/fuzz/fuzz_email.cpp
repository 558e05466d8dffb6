// Fuzz target: tickets that arrive as email or plain text (tickets/email.hpp).
// Any bytes: MIME structure, encodings and charsets from the sender. The
// readers must not crash, must stay within their bounds and must give
// valid UTF-8.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "content/text.hpp"
#include "tickets/email.hpp"

namespace {

void check(const faqt::Ticket& ticket) {
    if (!faqt::is_valid_utf8(ticket.subject) || !faqt::is_valid_utf8(ticket.body) ||
        !faqt::is_valid_utf8(ticket.from_name) || ticket.body.size() > faqt::k_max_body_bytes ||
        ticket.subject.size() > faqt::k_max_header_bytes) {
        __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    faqt::looks_like_email(bytes);
    if (auto ticket = faqt::read_email(bytes, "fuzz.eml"); ticket.ok()) {
        check(*ticket);
    }
    check(faqt::read_plain_ticket(bytes));
    return 0;
}
