#pragma once
// A ticket as faqt reads it: from an email, a row of a ticket-system export
// or the command line. The text is kept as received (quoted replies,
// signatures and all); reading what matters in it is the job of the
// functions that take a Ticket.

#include <cstddef>
#include <string>
#include <string_view>

#include "content/diagnostic.hpp"

namespace faqt {

struct Ticket {
    std::string id;            // the ticket system's number ("INC0012345"), "" when unknown
    std::string subject;       // one line
    std::string body;          // plain text (HTML mail already turned into text), UTF-8
    std::string from_name;     // the sender's display name ("Maria Keane"), "" when unknown
    std::string from_address;  // "maria.keane@northwind.example", "" when unknown
    std::string category;      // as the ticket system names it: a code, an id or a name; "" none
    std::string product;       // "" when the ticket does not say
    std::string version;       // "" when the ticket does not say
    std::string lang;          // a language tag when the source gives one, else ""
    std::size_t line = 0;      // first line of the ticket in its file (exports), 0 otherwise

    // Sent by a machine (an alert, an auto-reply), as an email's headers say.
    bool auto_generated = false;
    // What reading the ticket cut or could not read (warnings whose path
    // is the source's name), for cli to print.
    Diagnostics diagnostics;
};

// The ticket number written in a subject the way ticket systems tag their
// mail: "[INC-123]", "[#4411]", "[Ticket#2024031510000012]", "(REQ0012)".
// The bracketed tag that holds a digit wins; "" when there is none.
std::string ticket_number_in_subject(std::string_view subject);

}  // namespace faqt
