#pragma once
// Troubleshooting flows: articles of type = "flow" whose "## Steps" section
// is a numbered list a first-line agent walks through. Each step is a check
// or a question; each of its outcomes is an answer the agent can give and
// where it leads: another step, an article (the fix), an escalation group
// or "resolved". Two forms of a step mean the same:
//
//   1. {printer-ready} Does the printer show "Ready"? — yes: step 3 — no: [Offline](../printers/offline.md)
//
//   1. {printer-ready} Does the printer show "Ready"?
//      - yes: step 3
//      - no: [Offline](../printers/offline.md)
//      - not sure: escalate l2-print
//
// Outcomes are separated by " — " (also " – " and " -- ") on the step's
// line, or are the items of a list under it; any other text under a step is
// its detail. "{label}" after the number names a step so references survive
// renumbering ("step {printer-ready}" or "{printer-ready}" alone);
// "{internal}" makes the step agent-only (content/public_view.hpp keeps it
// out of public text). The words step, escalate and resolved, and the
// heading "Steps", have built-in forms in English, Vietnamese and Polish and
// more in faqt.toml [flows.LANG]; they are matched folded (content/text.hpp).
//
// parse_flow() reads the syntax of one article; check_flow() the structure
// against the whole KB. Neither throws; problems are diagnostics with the
// article's path and the line and column of the step or outcome. Pure
// functions, safe to call from several threads at once.

#include <string>
#include <string_view>
#include <vector>

#include "content/article.hpp"
#include "content/config.hpp"
#include "content/diagnostic.hpp"

namespace faqt {

enum class FlowOutcomeKind { step, article, escalation, resolved };

const char* to_string(FlowOutcomeKind kind);  // "step", "article", "escalation", "resolved"

struct FlowOutcome {
    std::string answer;  // what the agent answers: "yes", "not sure"
    FlowOutcomeKind kind = FlowOutcomeKind::resolved;
    // step: the index in Flow::steps of the step it goes to; -1 when that
    // step does not exist (check_flow() reports it).
    int step_index = -1;
    std::string label;    // step: the label it names ("printer-ready"); "" for "step N"
    int step_number = 0;  // step: the number it names ("step 3"); 0 for a label
    // article: the id the link's path gives ("printers/printer-offline");
    // escalation: the group's id ("l2-print").
    std::string target;
    std::string link;  // article: the link's destination as written ("../printers/printer-offline.md")
    std::string text;  // the outcome as written, without the answer: "step 3", "[..](..)", "escalate l2-print"
    int line = 0;      // in the file
    int column = 0;    // of the answer, 1-based, in bytes
};

struct FlowStep {
    int number = 0;     // as written in the list
    std::string label;  // "" when the step has none
    bool internal = false;
    std::string question;  // Markdown of the step's first line, without number, labels and outcomes
    std::string detail;    // Markdown of the other paragraphs under the step, unindented
    std::vector<FlowOutcome> outcomes;
    int line = 0;  // in the file
    int column = 0;
    int end_line = 0;  // last line of the step (its outcomes and detail included)
};

struct Flow {
    std::vector<FlowStep> steps;  // in the order written; steps[0] is where a walk starts
    int line = 0;                 // line of the "## Steps" heading; 0 when there is none
    int end_line = 0;             // last line of the section
};

struct ParsedFlow {
    Flow flow;
    Diagnostics diagnostics;  // syntax: no Steps section, a step without outcomes, an outcome that means nothing
};

// The steps of a flow article. Also usable on any article: one without a
// Steps section gives an empty flow and an error.
ParsedFlow parse_flow(const Article& article, const Config& config);

// Whether a heading names a flow's steps in the article's language (or in
// English, which works everywhere).
bool is_steps_heading(std::string_view heading, std::string_view lang, const Config& config);

// The public text of a flow (content/public_view.hpp's rule), made by
// parse_article() for articles of type flow: in the Steps section's
// Section::public_markdown an {internal} step keeps its number, so "step N"
// still counts right, but its text becomes a line saying support does it;
// an outcome that escalates says "contact support" in the article's
// language instead of naming the group; labels are dropped and
// "step {label}" becomes "step N". The internal steps' text goes to
// Article::internal_markdown and internal_lines, like internal sections.
void make_flow_public_text(Article& article, const Config& config);

// The article an outcome of kind article links to, found as check finds a
// link's article (its path, or with ".md", "/index.md" or "/_index.md");
// null when the KB has none. outcome.target is the id the path implies,
// which a front matter "id" may change: this gives the article itself.
const Article* find_outcome_article(const Article& flow_article, const FlowOutcome& outcome,
                                    const std::vector<Article>& articles);

// The structure of a parsed flow against the KB: outcomes to a missing step,
// label, article or escalation group, duplicate labels, steps no path from
// step 1 reaches, steps from which no path ever ends (a loop with no exit),
// and numbering gaps (warnings). articles is the whole KB, to resolve links.
Diagnostics check_flow(const Article& article, const Flow& flow, const std::vector<Article>& articles,
                       const Config& config);

}  // namespace faqt
