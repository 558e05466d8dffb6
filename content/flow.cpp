#include "content/flow.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "content/check.hpp"
#include "content/text.hpp"

namespace faqt {

namespace {

// The built-in words of flows, per language. English works in every
// language: writers often keep it.
const std::map<std::string, FlowWords>& builtin_flow_words() {
    static const std::map<std::string, FlowWords> words = {
        {"en", {{"step"}, {"escalate", "escalate to"}, {"resolved", "solved", "done"}, {"steps"}}},
        {"vi", {{"bước"}, {"chuyển", "chuyển cho", "chuyển tiếp"}, {"đã giải quyết", "xong"}, {"các bước"}}},
        {"pl", {{"krok"}, {"eskaluj", "eskaluj do", "przekaż"}, {"rozwiązane", "rozwiązano"}, {"kroki"}}},
    };
    return words;
}

// The language's base subtag: "vi-VN" → "vi".
std::string base_language(std::string_view lang) {
    const auto end = lang.find_first_of("-_");
    return ascii_lower(lang.substr(0, end));
}

// Each word of a phrase, folded: "Đã giải quyết" → {"da", "giai", "quyet"}.
std::vector<std::string> folded_words(std::string_view phrase) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < phrase.size()) {
        while (at < phrase.size() && (phrase[at] == ' ' || phrase[at] == '\t')) {
            ++at;
        }
        const std::size_t begin = at;
        while (at < phrase.size() && phrase[at] != ' ' && phrase[at] != '\t') {
            ++at;
        }
        if (at > begin) {
            out.push_back(fold(phrase.substr(begin, at - begin)));
        }
    }
    return out;
}

// The words of one kind known in a language, folded, longest first so that
// "escalate to" wins over "escalate".
struct KnownWords {
    std::vector<std::vector<std::string>> step;
    std::vector<std::vector<std::string>> escalate;
    std::vector<std::vector<std::string>> resolved;
};

KnownWords known_words(std::string_view lang, const Config& config) {
    KnownWords known;
    auto add = [&](const FlowWords& words) {
        for (const auto& w : words.step) {
            known.step.push_back(folded_words(w));
        }
        for (const auto& w : words.escalate) {
            known.escalate.push_back(folded_words(w));
        }
        for (const auto& w : words.resolved) {
            known.resolved.push_back(folded_words(w));
        }
    };
    const std::string base = base_language(lang);
    const auto& builtin = builtin_flow_words();
    add(builtin.at("en"));
    if (auto it = builtin.find(base); it != builtin.end() && base != "en") {
        add(it->second);
    }
    for (const auto& [config_lang, words] : config.flows) {
        if (config_lang == lang || base_language(config_lang) == base || base_language(config_lang) == "en") {
            add(words);
        }
    }
    for (auto* list : {&known.step, &known.escalate, &known.resolved}) {
        std::erase_if(*list, [](const auto& words) { return words.empty(); });
        std::stable_sort(list->begin(), list->end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    }
    return known;
}

// The number of words of text that one of phrases begins it with, or 0.
std::size_t match_phrase(const std::vector<std::string>& words, const std::vector<std::vector<std::string>>& phrases) {
    for (const auto& phrase : phrases) {
        if (phrase.size() <= words.size() && std::equal(phrase.begin(), phrase.end(), words.begin())) {
            return phrase.size();
        }
    }
    return 0;
}

// The text after the first n space-separated words.
std::string_view after_words(std::string_view text, std::size_t n) {
    std::size_t at = 0;
    for (std::size_t i = 0; i < n; ++i) {
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) {
            ++at;
        }
        while (at < text.size() && text[at] != ' ' && text[at] != '\t') {
            ++at;
        }
    }
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) {
        ++at;
    }
    return text.substr(at);
}

// "{printer-ready}" at the start of text: the label folded, and the length
// taken; nullopt when text does not start with a label.
std::optional<std::pair<std::string, std::size_t>> leading_label(std::string_view text) {
    if (text.empty() || text.front() != '{') {
        return std::nullopt;
    }
    const auto close = text.find('}');
    if (close == std::string_view::npos || close < 2) {
        return std::nullopt;
    }
    const std::string_view name = text.substr(1, close - 1);
    if (name.find_first_of(" \t{") != std::string_view::npos) {
        return std::nullopt;
    }
    return std::make_pair(fold(name), close + 1);
}

std::string_view trim_view(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

bool all_digits(std::string_view text) {
    return !text.empty() && text.size() <= 9 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "[text](destination)" at the start of text: the destination (without <>
// and title); nullopt when text does not start with an inline link.
std::optional<std::string> leading_link(std::string_view text) {
    if (text.empty() || text.front() != '[') {
        return std::nullopt;
    }
    int depth = 0;
    std::size_t at = 0;
    for (; at < text.size(); ++at) {
        if (text[at] == '\\') {
            ++at;
        } else if (text[at] == '[') {
            ++depth;
        } else if (text[at] == ']' && --depth == 0) {
            break;
        }
    }
    if (at + 1 >= text.size() || text[at + 1] != '(') {
        return std::nullopt;
    }
    const auto close = text.find(')', at + 2);
    if (close == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view destination = trim_view(text.substr(at + 2, close - at - 2));
    if (!destination.empty() && destination.front() == '<') {
        const auto end = destination.find('>');
        destination = destination.substr(1, end == std::string_view::npos ? destination.size() - 1 : end - 1);
    } else if (const auto space = destination.find(' '); space != std::string_view::npos) {
        destination = destination.substr(0, space);
    }
    return std::string(destination);
}

class FlowParser {
public:
    FlowParser(const Article& article, const Config& config)
        : m_article(article), m_words(known_words(article.lang, config)) {}

    // Reads "answer: target" into an outcome. Returns false when the text is
    // no outcome at all; an outcome whose target means nothing is reported.
    bool outcome(std::string_view text, int line, int column, bool must, FlowOutcome& out) {
        const auto colon = text.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            if (must) {
                error(line, column, "outcome '" + std::string(text) + "' has no answer",
                      "write the answer the agent gives, a colon, then where it goes: \"no: step 3\"");
            }
            return false;
        }
        out.answer = std::string(trim_view(text.substr(0, colon)));
        const std::string_view target = trim_view(text.substr(colon + 1));
        out.text = std::string(target);
        out.line = line;
        out.column = column;
        if (out.answer.empty() || out.answer.find('[') != std::string::npos) {
            return false;
        }
        if (auto link = leading_link(target)) {
            out.kind = FlowOutcomeKind::article;
            out.link = *link;
            const LinkDestination destination = resolve_link(m_article.path, *link);
            if (link->find(':') != std::string::npos || destination.path.empty() || destination.outside) {
                error(line, column,
                      "outcome '" + out.answer + "' links to " + *link + ", which is no article of the knowledge base",
                      "link the fix with a path relative to this file: [Printer "
                      "offline](../printers/printer-offline.md)");
                out.target.clear();
                return true;
            }
            out.target = identity_from_path(destination.path).id;
            return true;
        }
        if (auto label = leading_label(target)) {
            out.kind = FlowOutcomeKind::step;
            out.label = label->first;
            return true;
        }
        const std::vector<std::string> words = folded_words(target);
        if (std::size_t n = match_phrase(words, m_words.step); n > 0) {
            const std::string_view rest = after_words(target, n);
            out.kind = FlowOutcomeKind::step;
            if (auto label = leading_label(rest); label && trim_view(rest.substr(label->second)).empty()) {
                out.label = label->first;
                return true;
            }
            std::string_view number = rest;
            while (!number.empty() && (number.back() == '.' || number.back() == ' ')) {
                number.remove_suffix(1);
            }
            if (all_digits(number)) {
                out.step_number = std::stoi(std::string(number));
                return true;
            }
            error(line, column,
                  "outcome '" + out.answer + "' goes to '" + std::string(target) + "', which names no step",
                  "write \"step 3\" or \"step {label}\"");
            return true;
        }
        if (std::size_t n = match_phrase(words, m_words.escalate); n > 0) {
            out.kind = FlowOutcomeKind::escalation;
            std::string_view group = after_words(target, n);
            group = group.substr(0, group.find_first_of(" \t"));
            while (!group.empty() && (group.back() == '.' || group.back() == ',')) {
                group.remove_suffix(1);
            }
            out.target = std::string(group);
            if (out.target.empty()) {
                error(line, column, "outcome '" + out.answer + "' escalates to no group",
                      "name an [[escalation]] group of faqt.toml: \"escalate l2-print\"");
            }
            return true;
        }
        if (match_phrase(words, m_words.resolved) > 0) {
            out.kind = FlowOutcomeKind::resolved;
            return true;
        }
        if (must) {
            error(line, column,
                  "outcome '" + out.answer + "' goes to '" + std::string(target) + "', which faqt does not understand",
                  "an outcome goes to \"step 3\", \"step {label}\", a [link](../fix.md), \"escalate GROUP\" or "
                  "\"resolved\"");
            out.kind = FlowOutcomeKind::resolved;
            out.target.clear();
            return true;
        }
        return false;
    }

    void error(int line, int column, std::string message, std::string hint) {
        m_diagnostics.push_back({m_article.path, line, column, Severity::error, std::move(message), std::move(hint)});
    }

    const Article& m_article;
    KnownWords m_words;
    Diagnostics m_diagnostics;
};

// Splits a step's line at " — ", " – " and " -- ": the pieces with their
// byte offsets in the line.
std::vector<std::pair<std::string_view, std::size_t>> split_outcomes(std::string_view text, std::size_t offset) {
    static const std::string_view separators[] = {" \xE2\x80\x94 ", " \xE2\x80\x93 ", " -- "};
    std::vector<std::pair<std::string_view, std::size_t>> pieces;
    std::size_t begin = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t length = 0;
        for (const auto& separator : separators) {
            if (text.substr(at, separator.size()) == separator) {
                length = separator.size();
                break;
            }
        }
        if (length == 0) {
            ++at;
            continue;
        }
        pieces.emplace_back(text.substr(begin, at - begin), offset + begin);
        at += length;
        begin = at;
    }
    pieces.emplace_back(text.substr(begin), offset + begin);
    return pieces;
}

std::size_t indent_of(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) {
        n += 1;
    }
    return n;
}

// "1. " or "1) " at up to three spaces of indent: the number and where the
// text starts; nullopt for any other line.
std::optional<std::pair<int, std::size_t>> step_marker(std::string_view line) {
    const std::size_t indent = indent_of(line);
    if (indent > 3) {
        return std::nullopt;
    }
    std::size_t at = indent;
    while (at < line.size() && at - indent < 9 && line[at] >= '0' && line[at] <= '9') {
        ++at;
    }
    if (at == indent || at >= line.size() || (line[at] != '.' && line[at] != ')')) {
        return std::nullopt;
    }
    const int number = std::stoi(std::string(line.substr(indent, at - indent)));
    ++at;
    if (at < line.size() && line[at] != ' ' && line[at] != '\t') {
        return std::nullopt;
    }
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t')) {
        ++at;
    }
    return std::make_pair(number, at);
}

bool is_setext_underline(std::string_view line) {
    line = trim_view(line);
    return !line.empty() && (line.find_first_not_of('=') == std::string_view::npos ||
                             line.find_first_not_of('-') == std::string_view::npos);
}

void append_line(std::string& text, std::string_view line) {
    if (!text.empty()) {
        text += '\n';
    }
    text += line;
}

}  // namespace

const char* to_string(FlowOutcomeKind kind) {
    switch (kind) {
        case FlowOutcomeKind::step:
            return "step";
        case FlowOutcomeKind::article:
            return "article";
        case FlowOutcomeKind::escalation:
            return "escalation";
        case FlowOutcomeKind::resolved:
            return "resolved";
    }
    return "resolved";
}

bool is_steps_heading(std::string_view heading, std::string_view lang, const Config& config) {
    const std::string folded = fold(trim_view(heading));
    auto matches = [&](const FlowWords& words) {
        return std::any_of(words.heading.begin(), words.heading.end(),
                           [&](const std::string& name) { return fold(name) == folded; });
    };
    const std::string base = base_language(lang);
    const auto& builtin = builtin_flow_words();
    if (matches(builtin.at("en"))) {
        return true;
    }
    if (auto it = builtin.find(base); it != builtin.end() && matches(it->second)) {
        return true;
    }
    return std::any_of(config.flows.begin(), config.flows.end(), [&](const auto& entry) {
        return (entry.first == lang || base_language(entry.first) == base) && matches(entry.second);
    });
}

ParsedFlow parse_flow(const Article& article, const Config& config) {
    ParsedFlow parsed;
    Flow& flow = parsed.flow;
    FlowParser parser(article, config);
    const std::vector<std::string_view> lines = split_lines(article.source);

    const Section* steps = nullptr;
    int end_line = static_cast<int>(lines.size());
    for (const auto& section : article.sections) {
        if (steps != nullptr) {
            end_line = section.line - 1;
            break;
        }
        if (is_steps_heading(section.heading, article.lang, config)) {
            steps = &section;
        }
    }
    if (steps == nullptr) {
        const auto type_line = article.field_lines.find("type");
        parser.error(type_line == article.field_lines.end() ? 1 : type_line->second, 1,
                     "flow has no '## Steps' section",
                     "write the steps as a numbered list under a '## Steps' heading (see faqt-flow(5))");
        parsed.diagnostics = std::move(parser.m_diagnostics);
        return parsed;
    }
    flow.line = steps->line;
    flow.end_line = end_line;

    FlowStep* step = nullptr;
    std::size_t content_indent = 0;
    bool blank_before = false;
    bool in_question = false;    // lines still continue the step's first paragraph
    bool after_outcome = false;  // the previous list item under the step was an outcome
    for (int number = steps->line + 1; number <= end_line && number <= static_cast<int>(lines.size()); ++number) {
        const std::string_view line = lines[number - 1];
        if (number == steps->line + 1 && is_setext_underline(line)) {
            continue;
        }
        const std::string_view trimmed = trim_view(line);
        if (trimmed.empty()) {
            blank_before = true;
            in_question = false;
            continue;
        }
        if (auto marker = step_marker(line)) {
            flow.steps.emplace_back();
            step = &flow.steps.back();
            step->number = marker->first;
            step->line = number;
            step->column = static_cast<int>(indent_of(line)) + 1;
            step->end_line = number;
            content_indent = marker->second;
            std::size_t at = marker->second;
            while (auto label = leading_label(line.substr(at))) {
                if (label->first == "internal") {
                    step->internal = true;
                } else if (step->label.empty()) {
                    step->label = label->first;
                } else {
                    parser.error(number, static_cast<int>(at) + 1,
                                 "step has two labels, {" + step->label + "} and {" + label->first + "}",
                                 "give each step one label ({internal} aside)");
                }
                at += label->second;
                at += indent_of(line.substr(at));
            }
            const auto pieces = split_outcomes(line.substr(at), at);
            std::size_t first_outcome = pieces.size();
            for (std::size_t i = 1; i < pieces.size(); ++i) {
                FlowOutcome outcome;
                if (parser.outcome(trim_view(pieces[i].first), number, static_cast<int>(pieces[i].second) + 1, false,
                                   outcome)) {
                    first_outcome = i;
                    break;
                }
            }
            std::string question;
            for (std::size_t i = 0; i < first_outcome; ++i) {
                if (i > 0) {
                    question += " \xE2\x80\x94 ";
                }
                question += trim_view(pieces[i].first);
            }
            for (std::size_t i = first_outcome; i < pieces.size(); ++i) {
                FlowOutcome outcome;
                const std::string_view piece = pieces[i].first;
                const int column = static_cast<int>(pieces[i].second + indent_of(piece)) + 1;
                if (parser.outcome(trim_view(piece), number, column, true, outcome)) {
                    step->outcomes.push_back(std::move(outcome));
                }
            }
            step->question = std::move(question);
            blank_before = false;
            in_question = true;
            after_outcome = false;
            continue;
        }
        const std::size_t indent = indent_of(line);
        if (step == nullptr || (indent == 0 && blank_before)) {
            // Text before the first step or after the list: not part of any step.
            step = nullptr;
            blank_before = false;
            continue;
        }
        step->end_line = number;
        // A list item under the step: an outcome when it reads as one.
        if (indent > 0 && (trimmed.starts_with("- ") || trimmed.starts_with("* ") || trimmed.starts_with("+ "))) {
            const std::string_view item = trim_view(trimmed.substr(2));
            const int column = static_cast<int>(indent + 2 + indent_of(trimmed.substr(2))) + 1;
            FlowOutcome outcome;
            if (parser.outcome(item, number, column, after_outcome, outcome)) {
                step->outcomes.push_back(std::move(outcome));
                after_outcome = true;
                in_question = false;
                blank_before = false;
                continue;
            }
        }
        after_outcome = false;
        if (in_question && !blank_before) {
            append_line(step->question, trimmed);
            continue;
        }
        in_question = false;
        const std::size_t strip = std::min(indent, content_indent);
        if (blank_before && !step->detail.empty()) {
            step->detail += '\n';
        }
        append_line(step->detail, line.substr(strip));
        blank_before = false;
    }

    for (const auto& s : flow.steps) {
        if (s.outcomes.empty()) {
            parser.error(
                s.line, s.column, "step " + std::to_string(s.number) + " has no outcomes",
                "end the step with its answers: \" \xE2\x80\x94 yes: step 3 \xE2\x80\x94 no: escalate GROUP\", "
                "or list them under it (\"- yes: step 3\")");
        }
    }
    if (flow.steps.empty()) {
        parser.error(steps->line, 1, "the '## " + steps->heading + "' section of a flow has no numbered steps",
                     "write each step as \"1. Question? \xE2\x80\x94 yes: step 2 \xE2\x80\x94 no: escalate GROUP\"");
    }

    // References to steps: labels by name, "step N" by the number written.
    const int first = flow.steps.empty() ? 1 : flow.steps.front().number;
    std::map<std::string, int> labels;
    for (std::size_t i = 0; i < flow.steps.size(); ++i) {
        if (!flow.steps[i].label.empty()) {
            labels.emplace(flow.steps[i].label, static_cast<int>(i));
        }
    }
    for (auto& s : flow.steps) {
        for (auto& outcome : s.outcomes) {
            if (outcome.kind != FlowOutcomeKind::step) {
                continue;
            }
            if (!outcome.label.empty()) {
                if (auto it = labels.find(outcome.label); it != labels.end()) {
                    outcome.step_index = it->second;
                }
            } else if (outcome.step_number > 0) {
                // The step written with that number, else the one at that
                // place in the list (a list numbered "1. 1. 1.").
                const auto written = std::find_if(flow.steps.begin(), flow.steps.end(), [&](const FlowStep& other) {
                    return other.number == outcome.step_number;
                });
                const int index = written != flow.steps.end() ? static_cast<int>(written - flow.steps.begin())
                                                              : outcome.step_number - first;
                if (index >= 0 && index < static_cast<int>(flow.steps.size())) {
                    outcome.step_index = index;
                }
            }
        }
    }
    parsed.diagnostics = std::move(parser.m_diagnostics);
    return parsed;
}

const Article* find_outcome_article(const Article& flow_article, const FlowOutcome& outcome,
                                    const std::vector<Article>& articles) {
    if (outcome.kind != FlowOutcomeKind::article || outcome.link.empty()) {
        return nullptr;
    }
    const LinkDestination destination = resolve_link(flow_article.path, outcome.link);
    if (destination.path.empty() || destination.outside || destination.from_root) {
        return nullptr;
    }
    std::map<std::string, const Article*> by_path;
    for (const auto& a : articles) {
        by_path[a.path] = &a;
    }
    return find_linked_article(by_path, destination.path);
}

Diagnostics check_flow(const Article& article, const Flow& flow, const std::vector<Article>& articles,
                       const Config& config) {
    Diagnostics out;
    const std::string& path = article.path;
    if (flow.steps.empty()) {
        return out;
    }
    std::map<std::string, const Article*> by_path;
    for (const auto& a : articles) {
        by_path[a.path] = &a;
    }

    const int first = flow.steps.front().number;
    std::map<std::string, std::size_t> labels;
    for (std::size_t i = 0; i < flow.steps.size(); ++i) {
        const FlowStep& step = flow.steps[i];
        const int expected = first + static_cast<int>(i);
        if (step.number != expected) {
            out.push_back(
                {path, step.line, step.column, Severity::warning,
                 "step written as " + std::to_string(step.number) + " is step " + std::to_string(expected) +
                     " of the list",
                 "number the steps 1, 2, 3, ... in order: Markdown shows them so, whatever the numbers written"});
        }
        if (!step.label.empty()) {
            auto [it, inserted] = labels.emplace(step.label, i);
            if (!inserted) {
                out.push_back({path, step.line, step.column, Severity::error,
                               "label {" + step.label + "} is also step " +
                                   std::to_string(first + static_cast<int>(it->second)) + "'s",
                               "give each step its own label"});
            }
        }
    }

    // Outcomes that lead nowhere: a missing step or label, an article the KB
    // does not have, a group faqt.toml does not declare.
    for (const auto& step : flow.steps) {
        for (const auto& outcome : step.outcomes) {
            switch (outcome.kind) {
                case FlowOutcomeKind::step:
                    if (outcome.step_index < 0 && !outcome.label.empty()) {
                        out.push_back({path, outcome.line, outcome.column, Severity::error,
                                       "outcome '" + outcome.answer + "' goes to {" + outcome.label +
                                           "}, but no step has that label",
                                       "label the step: \"3. {" + outcome.label + "} ...\""});
                    } else if (outcome.step_index < 0 && outcome.step_number > 0) {
                        out.push_back({path, outcome.line, outcome.column, Severity::error,
                                       "outcome '" + outcome.answer + "' goes to step " +
                                           std::to_string(outcome.step_number) + ", but the flow has steps " +
                                           std::to_string(first) + " to " +
                                           std::to_string(first + static_cast<int>(flow.steps.size()) - 1),
                                       "fix the number, or label the step and write \"step {label}\""});
                    }
                    break;
                case FlowOutcomeKind::article: {
                    if (outcome.target.empty()) {
                        break;
                    }
                    const LinkDestination destination = resolve_link(path, outcome.link);
                    if (destination.from_root || find_linked_article(by_path, destination.path) == nullptr) {
                        out.push_back({path, outcome.line, outcome.column, Severity::error,
                                       "outcome '" + outcome.answer + "' links to " + outcome.link +
                                           ", which is no article of the knowledge base",
                                       "fix the path; links are relative to this file's folder"});
                    }
                    break;
                }
                case FlowOutcomeKind::escalation:
                    if (!outcome.target.empty() && config.find_escalation(outcome.target) == nullptr) {
                        out.push_back({path, outcome.line, outcome.column, Severity::error,
                                       "outcome '" + outcome.answer + "' escalates to '" + outcome.target +
                                           "', which is not an escalation group",
                                       escalation_hint(outcome.target, config)});
                    }
                    break;
                case FlowOutcomeKind::resolved:
                    break;
            }
        }
    }

    // Reachable from the first step.
    const std::size_t n = flow.steps.size();
    std::vector<bool> reached(n, false);
    std::vector<std::size_t> queue = {0};
    reached[0] = true;
    while (!queue.empty()) {
        const std::size_t at = queue.back();
        queue.pop_back();
        for (const auto& outcome : flow.steps[at].outcomes) {
            if (outcome.step_index >= 0 && !reached[outcome.step_index]) {
                reached[outcome.step_index] = true;
                queue.push_back(static_cast<std::size_t>(outcome.step_index));
            }
        }
    }
    // Steps from which a walk can end: an outcome that ends (or leads
    // nowhere, which is reported above), or one to a step that can.
    std::vector<bool> ends(n, false);
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            if (ends[i] || flow.steps[i].outcomes.empty()) {
                continue;
            }
            for (const auto& outcome : flow.steps[i].outcomes) {
                if (outcome.kind != FlowOutcomeKind::step || outcome.step_index < 0 || ends[outcome.step_index]) {
                    ends[i] = true;
                    changed = true;
                    break;
                }
            }
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        const FlowStep& step = flow.steps[i];
        const std::string name = "step " + std::to_string(first + static_cast<int>(i));
        if (!reached[i]) {
            out.push_back({path, step.line, step.column, Severity::error,
                           name + " cannot be reached from step " + std::to_string(first),
                           "point an outcome of another step at it, or remove it"});
        } else if (!ends[i] && !step.outcomes.empty()) {
            out.push_back({path, step.line, step.column, Severity::error,
                           "every path from " + name + " loops without end",
                           "give a step of the loop an outcome that ends: a [fix](../article.md), "
                           "\"escalate GROUP\" or \"resolved\""});
        }
    }
    return out;
}

namespace {

// What end users read instead of agent-only parts, per language (English
// for languages without their own).
struct PublicFlowWords {
    std::string_view step;
    std::string_view contact;
    std::string_view internal_step;
};

PublicFlowWords public_flow_words(std::string_view lang) {
    const std::string base = base_language(lang);
    if (base == "vi") {
        return {"bước", "liên hệ bộ phận hỗ trợ", "Bộ phận hỗ trợ thực hiện bước này: hãy liên hệ bộ phận hỗ trợ."};
    }
    if (base == "pl") {
        return {"krok", "skontaktuj się z pomocą techniczną",
                "Ten krok wykonuje pomoc techniczna: skontaktuj się z pomocą techniczną."};
    }
    return {"step", "contact support", "Support does this step: contact support."};
}

}  // namespace

void make_flow_public_text(Article& article, const Config& config) {
    Section* section = nullptr;
    for (auto& candidate : article.sections) {
        if (is_steps_heading(candidate.heading, article.lang, config)) {
            section = &candidate;
            break;
        }
    }
    if (section == nullptr || section->internal) {
        return;
    }
    const ParsedFlow parsed = parse_flow(article, config);
    const Flow& flow = parsed.flow;
    if (flow.steps.empty()) {
        return;
    }
    const PublicFlowWords words = public_flow_words(article.lang);
    const int first = flow.steps.front().number;
    const std::vector<std::string_view> lines = split_lines(article.source);

    auto public_target = [&](const FlowOutcome& outcome) -> std::string {
        switch (outcome.kind) {
            case FlowOutcomeKind::step:
                if (outcome.step_index >= 0) {
                    return std::string(words.step) + " " + std::to_string(first + outcome.step_index);
                }
                return outcome.text;
            case FlowOutcomeKind::escalation:
                return std::string(words.contact);
            case FlowOutcomeKind::article:
            case FlowOutcomeKind::resolved:
                return outcome.text;
        }
        return outcome.text;
    };

    std::map<int, std::vector<const FlowOutcome*>> outcomes_at;
    std::map<int, const FlowStep*> step_at;
    for (const auto& step : flow.steps) {
        step_at[step.line] = &step;
        for (const auto& outcome : step.outcomes) {
            outcomes_at[outcome.line].push_back(&outcome);
        }
    }

    std::string out;
    std::string internal;
    const FlowStep* hidden = nullptr;
    for (int number = flow.line + 1; number <= flow.end_line && number <= static_cast<int>(lines.size()); ++number) {
        std::string line(lines[number - 1]);
        if (number == flow.line + 1 && is_setext_underline(line)) {
            continue;
        }
        if (article.is_internal_line(number)) {
            continue;
        }
        if (auto it = step_at.find(number); it != step_at.end()) {
            hidden = it->second->internal ? it->second : nullptr;
        } else if (hidden != nullptr && number > hidden->end_line) {
            hidden = nullptr;
        }
        if (hidden != nullptr) {
            append_line(internal, line);
            if (number == hidden->line) {
                out += std::string(indent_of(line), ' ') + std::to_string(hidden->number) + ". " +
                       std::string(words.internal_step) + "\n";
            }
            if (number == hidden->end_line) {
                article.internal_lines.emplace_back(hidden->line, hidden->end_line + 1);
                internal += '\n';
            }
            continue;
        }
        // Outcomes from right to left, so the columns of the others hold.
        if (auto it = outcomes_at.find(number); it != outcomes_at.end()) {
            std::vector<const FlowOutcome*> on_line = it->second;
            std::sort(on_line.begin(), on_line.end(),
                      [](const FlowOutcome* a, const FlowOutcome* b) { return a->column > b->column; });
            for (const FlowOutcome* outcome : on_line) {
                const std::size_t begin = static_cast<std::size_t>(outcome->column - 1);
                const std::size_t target = line.find(outcome->text, line.find(':', begin));
                if (target == std::string::npos || outcome->text.empty()) {
                    continue;
                }
                line.replace(target, outcome->text.size(), public_target(*outcome));
            }
        }
        if (step_at.count(number) != 0) {
            if (auto marker = step_marker(line)) {
                std::size_t at = marker->second;
                while (auto label = leading_label(std::string_view(line).substr(at))) {
                    at += label->second;
                    at += indent_of(std::string_view(line).substr(at));
                }
                line.erase(marker->second, at - marker->second);
            }
        }
        out += line;
        out += '\n';
    }
    section->public_markdown = trim(out);
    if (!internal.empty()) {
        if (!article.internal_markdown.empty() && article.internal_markdown.back() != '\n') {
            article.internal_markdown += '\n';
        }
        article.internal_markdown += "## " + section->heading + "\n\n" + internal;
        std::sort(article.internal_lines.begin(), article.internal_lines.end());
    }
}

}  // namespace faqt
