#pragma once
// Text made safe for the XML files of the site (Atom feeds, sitemap.xml):
// XML 1.0 allows neither most control characters nor U+FFFE/U+FFFF, and a
// byte that is not UTF-8 makes the whole file unreadable to a strict parser.

#include <string>
#include <string_view>

#include "content/date.hpp"

namespace faqt {

// Appends text as XML character data (attribute = true: also '"'), after
// repairing its UTF-8 and dropping the characters XML 1.0 forbids (and the
// other control and bidi characters content's strip_control() drops).
void append_xml_escaped(std::string_view text, std::string& out, bool attribute = false);
std::string xml_escaped(std::string_view text, bool attribute = false);

// A date as an RFC 3339 time at midnight UTC ("2026-11-20T00:00:00Z"), as
// Atom's <updated> wants it.
std::string rfc3339(const Date& date);

}  // namespace faqt
