#pragma once
// A ticket number as one key, however it is written: the rule by which an
// article's `tickets` field meets a ticket, in the index (`ticket:`,
// index/terms.hpp) and in `faqt report` (cli/report_coverage.hpp) alike.
// Thread-safe.

#include <string>
#include <string_view>

namespace faqt {

// Its words folded (content's fold()) and joined, without '-', '_', '.' or
// spaces, so "INC-4411", "inc4411" and "INC 4411" are one key ("inc4411").
// "" when nothing is left.
std::string ticket_number_key(std::string_view text);

}  // namespace faqt
