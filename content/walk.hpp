#pragma once
// Walking a troubleshooting flow (content/flow.hpp): the state of one walk,
// the matching of an agent's answer to a step's outcomes, going back, and
// the ticket note at the end. A pure engine: it reads nothing and prints
// nothing, so the terminal prompt, a pipe and --answers all drive it the
// same way (cli/cmd_walk.cpp). Agents walk every step, {internal} ones too.

#include <string>
#include <string_view>
#include <vector>

#include "content/article.hpp"
#include "content/config.hpp"
#include "content/flow.hpp"

namespace faqt {

// How a walk ended; none while it goes on.
enum class WalkEndKind { none, article, escalation, resolved, stopped };

const char* to_string(WalkEndKind kind);  // "none", "article", "escalation", "resolved", "stopped"

struct WalkEnd {
    WalkEndKind kind = WalkEndKind::none;
    std::string target;              // article: its id; escalation: the group's id; else ""
    std::string title;               // article: its title; escalation: the group's name (its id when unknown)
    std::vector<std::string> codes;  // escalation: the ticket system's codes
    std::string contact;             // escalation: how to reach the group
    int step_number = 0;             // the step the walk ended on, as numbered in the flow
};

// One answer given: the step it answered and the outcome it chose.
struct WalkAnswer {
    int step_index = 0;
    int outcome_index = 0;
};

// What one line of input did.
enum class WalkReplyKind { moved, ended, back, stopped, unknown, cannot_go_back, finished };

struct WalkReply {
    WalkReplyKind kind = WalkReplyKind::unknown;
    // unknown: "'maybe' is not an answer to step 2: yes | no | not sure
    // (or 1-3, b to go back, q to stop)"; cannot_go_back and finished: why.
    std::string message;
};

class Walk {
public:
    // flow_article and articles must outlive the walk; flow is its parsed
    // steps (parse_flow()). A flow without steps ends at once, stopped.
    Walk(const Article& flow_article, Flow flow, const std::vector<Article>& articles, const Config& config);

    bool finished() const { return m_end.kind != WalkEndKind::none; }
    // The step to answer; only while not finished.
    const FlowStep& current() const { return m_flow.steps[static_cast<std::size_t>(m_current)]; }
    const Flow& flow() const { return m_flow; }
    const Article& article() const { return *m_article; }
    const std::vector<WalkAnswer>& answers() const { return m_answers; }
    const WalkEnd& end() const { return m_end; }

    // One answer, as typed: an outcome's answer (folded, content/text.hpp),
    // its number 1..n, a prefix only one answer starts with, "b" (back) or
    // "q" (stop). An outcome whose answer is exactly "b" or "q" wins over
    // back and stop.
    WalkReply answer(std::string_view input);
    // Undo the last answer; false when there is none.
    bool back();
    // End the walk where it is.
    void stop();

    // The outcome input names on the current step: its index, or -1.
    int match(std::string_view input) const;

private:
    void follow(const FlowOutcome& outcome);

    const Article* m_article;
    Flow m_flow;
    const std::vector<Article>* m_articles;
    const Config* m_config;
    int m_current = 0;
    std::vector<WalkAnswer> m_answers;
    WalkEnd m_end;
};

// The choices of a step for a message: "yes | no, it shows an error | not
// sure" (an answer may hold a comma).
std::string walk_choices(const FlowStep& step);

// The ticket note of a finished walk, plain text to paste into a ticket's
// notes field, in the flow's language where faqt has the words (en, vi, pl;
// English otherwise):
//
//   Flow: Printer not printing (flows/printer-not-printing)
//   1. When you tap your badge ...? — no
//   3. Does the laptop's print queue ...? — offline
//   Fixed by: Printer shows Offline (printers/printer-offline)
//   Time spent: 4 min
std::string walk_note(const Walk& walk, long seconds);

}  // namespace faqt
