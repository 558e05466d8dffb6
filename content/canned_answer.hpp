#pragma once
// CannedAnswer: the reply an agent pastes into a ticket, made from one
// article (DESIGN §2, "The canned answer").
//
// Which text: the article's "## Answer" section; without one, a known
// error's Workaround, else its Resolution; otherwise (a FAQ, a how-to, a
// known error with none of those) the whole body. Only public text is ever
// used (content/public_view.hpp): a section under an internal heading does
// not count and internal parts of a section are left out. The answer of an
// internal article is still made; CannedAnswer::internal says so, and the
// caller decides whether to show it.
//
// Mustache (kainjow-mustache): [answer] greeting goes before the text and
// signature after it. Placeholders {{name}} take their value from the
// caller's vars (later ones win), then [answer.defaults]. An empty value
// counts as no value. A placeholder with no value is an error naming every
// such placeholder with its file and line, never blank text. Sections
// {{#name}}...{{/name}} and {{^name}}...{{/name}} make text optional: a name
// used only there may stay without value (it is false), and placeholders
// inside a section not shown need no value. Placeholder names are letters,
// digits, '_' and '-'; partials ({{> x}}) and dotted names are refused.
//
// Formats: markdown is the filled text as written. text is what pastes
// cleanly into a ticket reply: the Markdown rendered by
// markdown_to_terminal() with plain marks and no wrapping (links as
// "text <url>", "- " and "1. " lists, tables as "a | b" rows aligned,
// callouts as "Note: ...", no Markdown syntax left). html goes through
// markdown_to_html() and the sanitiser as `show --format html` does. In text
// and html the values are put in after rendering, so a value is never read
// as Markdown; in html every value is HTML-escaped, triple mustache
// included; in text and markdown no value is escaped.
//
// Pure functions, safe from several threads at once; nothing is printed.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/article.hpp"
#include "content/config.hpp"
#include "content/result.hpp"

namespace faqt {

enum class AnswerFormat { text, markdown, html };
enum class AnswerSection { answer, workaround, resolution, body };

const char* to_string(AnswerFormat format);    // "text", "markdown", "html"
const char* to_string(AnswerSection section);  // "answer", "workaround", "resolution", "body"
std::optional<AnswerFormat> parse_answer_format(std::string_view text);

struct AnswerRequest {
    AnswerFormat format = AnswerFormat::text;
    // name → value in the order given (--var name=value); a later one wins.
    std::vector<std::pair<std::string, std::string>> vars;
};

struct CannedAnswer {
    std::string id;
    std::string title;
    std::string lang;
    bool internal = false;  // the article is internal: not a customer reply
    AnswerSection section = AnswerSection::body;
    AnswerFormat format = AnswerFormat::text;
    std::string text;  // greeting, answer and signature, ending with '\n'
    // Every placeholder shown in the text (and every section name that had
    // a value) with the value used.
    std::map<std::string, std::string> placeholders;
};

// Which public text of the article is its answer, as Markdown, and where it
// comes from. Empty markdown when the article has no public text at all.
struct AnswerSource {
    AnswerSection section = AnswerSection::body;
    std::string markdown;
    std::vector<int> lines;  // file line of each line of markdown
};
AnswerSource answer_source(const Article& article);

// The filled answer of article. Errors (ErrorCode::usage, exit 2):
// unfilled placeholders, all of them, each with "path:line"; malformed
// Mustache (an unclosed tag or section, a section closed by another name, a
// partial, a bad name) with "path:line". Paths are the article's and
// "faqt.toml" for the greeting and signature.
Result<CannedAnswer> make_canned_answer(const Article& article, const Config& config, const AnswerRequest& request);

// The article of language lang among the articles of one id (an original
// and its translations). Without one in that language: the original (the
// one in default_lang, else the first) and a warning to show the user.
struct ChosenTranslation {
    const Article* article = nullptr;
    std::string warning;  // "" when the language was found or none was asked
};
ChosenTranslation choose_translation(const std::vector<const Article*>& same_id, std::string_view lang,
                                     std::string_view default_lang);

}  // namespace faqt
