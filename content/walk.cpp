#include "content/walk.hpp"

#include <algorithm>
#include <cstddef>

#include "content/markdown.hpp"
#include "content/text.hpp"

namespace faqt {

namespace {

// The words of the note, per language; English is the fallback.
struct NoteWords {
    std::string_view lang;
    std::string_view flow;
    std::string_view fixed_by;
    std::string_view escalated_to;
    std::string_view contact;
    std::string_view resolved_on;
    std::string_view stopped_at;
    std::string_view time_spent;
    std::string_view minutes;
};

constexpr NoteWords k_note_words[] = {
    {"en", "Flow", "Fixed by", "Escalated to", "Contact", "Resolved on step", "Stopped at step", "Time spent", "min"},
    {"vi", "Quy trình", "Đã khắc phục bằng", "Chuyển tiếp cho", "Liên hệ", "Đã giải quyết ở bước", "Dừng ở bước",
     "Thời gian", "phút"},
    {"pl", "Procedura", "Rozwiązane przez", "Przekazane do", "Kontakt", "Rozwiązane w kroku", "Przerwane w kroku",
     "Czas", "min"},
};

const NoteWords& note_words(std::string_view lang) {
    for (const auto& words : k_note_words) {
        if (words.lang == lang) {
            return words;
        }
    }
    return k_note_words[0];
}

std::string plain(std::string_view markdown) {
    return normalise_spaces(markdown_to_text(markdown));
}

}  // namespace

const char* to_string(WalkEndKind kind) {
    switch (kind) {
        case WalkEndKind::none:
            return "none";
        case WalkEndKind::article:
            return "article";
        case WalkEndKind::escalation:
            return "escalation";
        case WalkEndKind::resolved:
            return "resolved";
        case WalkEndKind::stopped:
            return "stopped";
    }
    return "none";
}

Walk::Walk(const Article& flow_article, Flow flow, const std::vector<Article>& articles, const Config& config)
    : m_article(&flow_article), m_flow(std::move(flow)), m_articles(&articles), m_config(&config) {
    if (m_flow.steps.empty()) {
        m_end.kind = WalkEndKind::stopped;
    }
}

int Walk::match(std::string_view input) const {
    const auto& outcomes = current().outcomes;
    const std::string folded = fold(input);
    if (folded.empty()) {
        return -1;
    }
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (fold(outcomes[i].answer) == folded) {
            return static_cast<int>(i);
        }
    }
    if (std::all_of(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; }) && folded.size() < 4) {
        const auto number = static_cast<std::size_t>(std::stoi(folded));
        if (number >= 1 && number <= outcomes.size()) {
            return static_cast<int>(number - 1);
        }
        return -1;
    }
    if (folded == "b" || folded == "q") {
        return -1;
    }
    int found = -1;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (fold(outcomes[i].answer).starts_with(folded)) {
            if (found >= 0) {
                return -1;
            }
            found = static_cast<int>(i);
        }
    }
    return found;
}

WalkReply Walk::answer(std::string_view input) {
    if (finished()) {
        return {WalkReplyKind::finished, "the walk has ended"};
    }
    const int chosen = match(input);
    if (chosen >= 0) {
        m_answers.push_back({m_current, chosen});
        follow(current().outcomes[static_cast<std::size_t>(chosen)]);
        return {finished() ? WalkReplyKind::ended : WalkReplyKind::moved, {}};
    }
    const std::string folded = fold(input);
    if (folded == "b") {
        if (back()) {
            return {WalkReplyKind::back, {}};
        }
        return {WalkReplyKind::cannot_go_back, "this is the first step: there is nothing to go back to"};
    }
    if (folded == "q") {
        stop();
        return {WalkReplyKind::stopped, {}};
    }
    const auto& step = current();
    return {WalkReplyKind::unknown, "'" + std::string(input) + "' is not an answer to step " +
                                        std::to_string(step.number) + ": " + walk_choices(step) + " (or 1-" +
                                        std::to_string(step.outcomes.size()) + ", b to go back, q to stop)"};
}

bool Walk::back() {
    if (m_answers.empty()) {
        return false;
    }
    m_current = m_answers.back().step_index;
    m_answers.pop_back();
    m_end = {};
    return true;
}

void Walk::stop() {
    if (finished()) {
        return;
    }
    m_end = {};
    m_end.kind = WalkEndKind::stopped;
    m_end.step_number = current().number;
}

void Walk::follow(const FlowOutcome& outcome) {
    const int from = current().number;
    switch (outcome.kind) {
        case FlowOutcomeKind::step:
            if (outcome.step_index >= 0 && static_cast<std::size_t>(outcome.step_index) < m_flow.steps.size()) {
                m_current = outcome.step_index;
                return;
            }
            // A step check would report as missing: the walk cannot go on.
            m_end.kind = WalkEndKind::stopped;
            break;
        case FlowOutcomeKind::article: {
            m_end.kind = WalkEndKind::article;
            const Article* target = find_outcome_article(*m_article, outcome, *m_articles);
            m_end.target = target != nullptr ? target->id : outcome.target;
            m_end.title = target != nullptr ? target->title : outcome.target;
            break;
        }
        case FlowOutcomeKind::escalation: {
            m_end.kind = WalkEndKind::escalation;
            m_end.target = outcome.target;
            m_end.title = outcome.target;
            if (const auto* group = m_config->find_escalation(outcome.target)) {
                if (!group->name.empty()) {
                    m_end.title = group->name;
                }
                m_end.codes = group->codes;
                m_end.contact = group->contact;
            }
            break;
        }
        case FlowOutcomeKind::resolved:
            m_end.kind = WalkEndKind::resolved;
            break;
    }
    m_end.step_number = from;
}

std::string walk_choices(const FlowStep& step) {
    std::string out;
    for (const auto& outcome : step.outcomes) {
        if (!out.empty()) {
            out += " | ";
        }
        out += outcome.answer;
    }
    return out;
}

std::string walk_note(const Walk& walk, long seconds) {
    const auto& words = note_words(walk.article().lang);
    std::string note;
    note += std::string(words.flow) + ": " + walk.article().title + " (" + walk.article().id + ")\n";
    for (const auto& given : walk.answers()) {
        const auto& step = walk.flow().steps[static_cast<std::size_t>(given.step_index)];
        note += std::to_string(step.number) + ". " + plain(step.question) + " \xE2\x80\x94 " +
                step.outcomes[static_cast<std::size_t>(given.outcome_index)].answer + "\n";
    }
    const auto& end = walk.end();
    switch (end.kind) {
        case WalkEndKind::article:
            note += std::string(words.fixed_by) + ": " + end.title + " (" + end.target + ")\n";
            break;
        case WalkEndKind::escalation: {
            note += std::string(words.escalated_to) + ": " + end.title;
            std::string codes;
            for (const auto& code : end.codes) {
                codes += (codes.empty() ? "" : ", ") + code;
            }
            note += " (" + (codes.empty() ? end.target : codes) + ")\n";
            if (!end.contact.empty()) {
                note += std::string(words.contact) + ": " + end.contact + "\n";
            }
            break;
        }
        case WalkEndKind::resolved:
            note += std::string(words.resolved_on) + " " + std::to_string(end.step_number) + "\n";
            break;
        case WalkEndKind::stopped:
        case WalkEndKind::none:
            note += std::string(words.stopped_at) + " " + std::to_string(end.step_number) + "\n";
            break;
    }
    const long minutes = std::max(1L, (std::max(0L, seconds) + 30) / 60);
    note += std::string(words.time_spent) + ": " + std::to_string(minutes) + " " + std::string(words.minutes) + "\n";
    return note;
}

}  // namespace faqt
