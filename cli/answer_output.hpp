#pragma once
// How a canned answer is printed, for `faqt answer` and `faqt suggest
// --answer` alike: --var parsed one way, the internal mark, and the JSON
// object of faqt-answer(1).

#include <string>
#include <utility>
#include <vector>

#include "content/canned_answer.hpp"
#include "content/json.hpp"
#include "content/result.hpp"

namespace faqt::cli {

// The line that opens an internal article's answer, so that nobody pastes
// it to a customer by mistake.
inline constexpr const char* k_internal_mark = "[internal — not for customers]";

// --var name=value, each split at its first '='. A --var without '=' (or
// with an empty name) is a usage error naming it.
Result<std::vector<std::pair<std::string, std::string>>> parse_vars(const std::vector<std::string>& vars);

// The answer as it is printed and copied: the internal mark, then the text.
std::string answer_text(const CannedAnswer& answer);

// {"id", "title", "lang", "visibility", "section", "format", "text", "placeholders"}.
void write_answer_json(JsonWriter& json, const CannedAnswer& answer);

}  // namespace faqt::cli
