#pragma once
// Reading a ticket: from the text as received (a subject and a body with
// greetings, signatures, legal disclaimers and quoted replies), the text
// that says what the customer's problem is. Library code: no printing, no
// environment. faqt-suggest(1), "How a ticket is read", describes the rules.
//
// The body is read line by line:
// - quoted replies: '>' lines, an attribution line ("On … wrote:",
//   "W dniu … pisze:", "Vào … đã viết:"), Outlook's "From: … Sent: …"
//   header block (also in Polish and Vietnamese), "-----Original
//   Message-----" and forwarded-message markers; from an attribution or a
//   header block on, the rest of the mail is the quoted thread;
// - signatures: from a "-- " line, or from a short closing line ("Thanks",
//   "Regards", "Pozdrawiam", "Cảm ơn", …) followed by a few short lines
//   (name, title, phone), to the quoted thread;
// - greetings: a short first line ("Hi team,", "Dear …", "Dzień dobry",
//   "Chào anh/chị"), or the greeting up to its comma on a longer one;
// - legal disclaimers: a paragraph with a confidentiality notice.
// Phrases are compared folded (content's fold()), so they are found with
// or without diacritics. The quoted thread is kept apart, read by the same
// rules: a ticket whose evidence is only there still has it.

#include <string>
#include <string_view>
#include <vector>

#include "tickets/ticket.hpp"

namespace faqt {

struct TicketText {
    std::string subject;  // without "Re:", "Fwd:", "AW:", "Odp:" … and ticket-number tags
    std::string body;     // the customer's own words
    std::string quoted;   // the quoted replies and forwarded messages, read by the same rules
    // Strong evidence seen in subject, body or quoted text, in order, each
    // once: error codes (0x80070643, AADSTS50076, ERR_CONN_RESET), ticket
    // numbers (INC-4411) and versions (4.3.1).
    std::vector<std::string> evidence;
    // The version the ticket names ("version 4.2", "v4.3.1", "wersja 4.2",
    // "phiên bản 4.2"), the first one; "" when none.
    std::string version;
};

TicketText read_ticket_text(const Ticket& ticket);

// The version named in a text, as read_ticket_text() finds it; "" when none.
std::string version_in_text(std::string_view text);

// Whether a word (as content's find_words() cuts it) is strong evidence:
// a code with a digit and a letter or '_' (0x80070643, AADSTS50076,
// ERR_CONN_RESET, INC-4411, v4.3.1) or a dotted version (4.3.1).
bool is_evidence_word(std::string_view word);

}  // namespace faqt
