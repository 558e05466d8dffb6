#pragma once
// How a canned answer is printed, for `faqt answer` and `faqt suggest
// --answer` alike: --var parsed one way, the internal mark, and the JSON
// object of faqt-answer(1).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/context.hpp"
#include "content/canned_answer.hpp"
#include "content/json.hpp"
#include "content/kb.hpp"
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

// The article a command line names: the id or unique suffix, in lang when
// it has that translation (else the original, with a warning unless -q).
// For answer and walk; the error is for ctx.report().
Result<const Article*> article_for_id(const LoadedKb& kb, std::string_view query, std::string_view lang,
                                      const Context& ctx);

// A troubleshooting flow is walked with the customer, never pasted as an
// answer: the command that walks it, and the error `faqt answer` (and
// suggest --answer in a batch) gives for one (exit 2).
std::string walk_command(std::string_view id);
Error flow_is_no_answer(std::string_view id);

// --copy of answer and walk: puts text (as printed, never the JSON) on the
// clipboard after flushing stdout, warns about each way that failed and
// says on stderr which way worked (unless -q). k_exit_ok, or the error's
// exit code once reported.
int copy_printed(std::string_view text, const Context& ctx);

// {"id", "title", "lang", "visibility", "section", "format", "text", "placeholders"}.
void write_answer_json(JsonWriter& json, const CannedAnswer& answer);

}  // namespace faqt::cli
