// faqt walk ID: an agent walks a troubleshooting flow (content/flow.hpp)
// step by step and gets the ticket note at the end. The walk itself is
// content/walk.hpp; this file feeds it answers and prints. Answers come
// from --answers, from the terminal (each step shown on stderr, a prompt,
// one line per answer), or, when stdin is not a terminal, line by line from
// stdin (end of input stops the walk). The note or the JSON goes to stdout,
// so `faqt walk ID > note.txt` still shows the steps. It loads the whole
// KB, not only the flow's files: the note names the articles it leads to.
//
// The prompt is a plain line read from stdin, not libedit or readline: an
// answer is one short word or a number, so history and completion earn
// little, while a plain read works the same over SSH, under tmux and in a
// pipe, and keeps another static library out of the build.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "cli/answer_output.hpp"
#include "cli/commands.hpp"
#include "content/canned_answer.hpp"
#include "content/json.hpp"
#include "content/lookup.hpp"
#include "content/markdown.hpp"
#include "content/walk.hpp"

namespace faqt::cli {

namespace {

struct WalkOptions {
    std::string id;
    std::vector<std::string> answers;
    bool answers_given = false;
    std::string lang;
    bool json = false;
    bool copy = false;
};

// FAQT_WALK_SECONDS pins the time spent, so tests get the same note.
long seconds_spent(std::chrono::steady_clock::time_point started) {
    if (const char* pinned = std::getenv("FAQT_WALK_SECONDS"); pinned != nullptr && *pinned != '\0') {
        char* end = nullptr;
        const long value = std::strtol(pinned, &end, 10);
        if (end != nullptr && *end == '\0' && value >= 0) {
            return value;
        }
    }
    return static_cast<long>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count());
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

void show_step(const Walk& walk, bool color) {
    const auto& step = walk.current();
    const auto style = [color](std::string_view code) { return color ? std::string(code) : std::string(); };
    std::string out = "\n" + style(k_style_bold) + "Step " + std::to_string(step.number) + style(k_style_reset);
    if (step.internal) {
        out += " " + style(k_style_yellow) + "(internal)" + style(k_style_reset);
    }
    out += "\n" + one_line(normalise_spaces(markdown_to_text(step.question))) + "\n";
    if (!step.detail.empty()) {
        out += style(k_style_dim) + trimmed(markdown_to_text(step.detail)) + style(k_style_reset) + "\n";
    }
    std::string choices;
    for (std::size_t i = 0; i < step.outcomes.size(); ++i) {
        choices += "  " + style(k_style_cyan) + "[" + std::to_string(i + 1) + "]" + style(k_style_reset) + " " +
                   one_line(step.outcomes[i].answer);
    }
    out += choices + "   " + style(k_style_cyan) + "b" + style(k_style_reset) + " back  " + style(k_style_cyan) + "q" +
           style(k_style_reset) + " stop\n";
    write_text(stderr, out, color);
}

Error bad_answer(const WalkReply& reply) {
    return Error(ErrorCode::usage, reply.message,
                 "answer with one of the choices, its number, or a prefix only it has");
}

// Feeds answers one by one until the walk ends or they run out (the walk
// then stops where it is). An answer that matches nothing is an error.
Result<void> feed(Walk& walk, const std::vector<std::string>& answers) {
    for (const auto& given : answers) {
        if (walk.finished()) {
            return Error(ErrorCode::usage, "the walk ended before the answer '" + given + "'",
                         "give no more answers than the walk takes");
        }
        const auto reply = walk.answer(trimmed(given));
        if (reply.kind == WalkReplyKind::unknown || reply.kind == WalkReplyKind::cannot_go_back) {
            return bad_answer(reply);
        }
    }
    walk.stop();
    return {};
}

// The terminal: show each step, read a line, say what was wrong and ask
// again; end of input stops.
void converse(Walk& walk, bool color) {
    write_text(stderr,
               (color ? std::string(k_style_heading) : "") + one_line(walk.article().title) +
                   (color ? std::string(k_style_reset) : "") + "\n",
               color);
    bool shown = false;  // an answer that matches nothing asks again without showing the step again
    while (!walk.finished()) {
        if (!shown) {
            show_step(walk, color);
        }
        shown = true;
        write_text(stderr, "> ", false);
        std::fflush(stderr);
        std::string line;
        if (!std::getline(std::cin, line)) {
            write_text(stderr, "\n", false);
            walk.stop();
            break;
        }
        if (trimmed(line).empty()) {
            continue;
        }
        const auto reply = walk.answer(trimmed(line));
        shown = reply.kind == WalkReplyKind::unknown || reply.kind == WalkReplyKind::cannot_go_back;
        if (!reply.message.empty()) {
            write_text(stderr, one_line(reply.message) + "\n", false);
        }
    }
    write_text(stderr, "\n", false);
}

void print_json(const Walk& walk, const std::string& note) {
    JsonWriter json;
    json.begin_object();
    json.field("id", walk.article().id);
    json.field("title", walk.article().title);
    json.field("lang", walk.article().lang);
    json.key("steps").begin_array();
    for (const auto& given : walk.answers()) {
        const auto& step = walk.flow().steps[static_cast<std::size_t>(given.step_index)];
        json.begin_object();
        json.field("step", step.number);
        json.field("label", step.label);
        json.field("internal", step.internal);
        json.field("question", normalise_spaces(markdown_to_text(step.question)));
        json.field("answer", step.outcomes[static_cast<std::size_t>(given.outcome_index)].answer);
        json.end_object();
    }
    json.end_array();
    const auto& end = walk.end();
    json.key("outcome").begin_object();
    json.field("kind", to_string(end.kind));
    json.key("target").string_or_null(end.target);
    json.key("title").string_or_null(end.title);
    if (end.kind == WalkEndKind::escalation) {
        json.key("codes").strings(end.codes);
        json.key("contact").string_or_null(end.contact);
    }
    json.field("step", end.step_number);
    json.end_object();
    json.field("note", note);
    json.end_object();
    std::fputs(json.str().c_str(), stdout);
}

int run_walk(const WalkOptions& options, const Context& ctx, const LoadedKb* kb) {
    const auto started = std::chrono::steady_clock::now();
    auto found = article_for_id(*kb, options.id, options.lang, ctx);
    if (!found) {
        return ctx.report(found.error());
    }
    const Article& article = **found;
    if (article.type != ArticleType::flow) {
        return ctx.report(
            Error(ErrorCode::usage, "'" + article.id + "' is a " + to_string(article.type) + " article, not a flow",
                  "faqt answer " + article.id + " prints its answer; faqt list --type flow lists the flows"));
    }
    auto parsed = parse_flow(article, kb->config);
    if (parsed.flow.steps.empty()) {
        return ctx.report(Error(ErrorCode::usage, "the flow '" + article.id + "' has no steps to walk",
                                "faqt check shows what is wrong with it"));
    }
    Walk walk(article, std::move(parsed.flow), kb->articles, kb->config);
    if (options.answers_given) {
        if (auto fed = feed(walk, options.answers); !fed) {
            return ctx.report(fed.error());
        }
    } else if (isatty(STDIN_FILENO) != 0) {
        converse(walk, ctx.color);
    } else {
        std::vector<std::string> lines;
        std::string line;
        while (std::getline(std::cin, line)) {
            if (!trimmed(line).empty()) {
                lines.push_back(line);
            }
        }
        if (auto fed = feed(walk, lines); !fed) {
            return ctx.report(fed.error());
        }
    }
    const std::string note = walk_note(walk, seconds_spent(started));
    if (options.json) {
        print_json(walk, note);
    } else {
        write_text(stdout, note, false);
    }
    if (options.copy) {
        // The text as printed, never the JSON.
        return copy_printed(note, ctx);
    }
    return k_exit_ok;
}

}  // namespace

void setup_walk(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<WalkOptions>();
    auto* cmd = app.add_subcommand("walk", "Walk a troubleshooting flow and print the ticket note");
    cmd->add_option("id", options->id, "Flow id, or a unique suffix of one")->required();
    auto* answers = cmd->add_option("--answers", options->answers,
                                    "The answers in order, comma-separated, instead of asking (b back, q stop)")
                        ->type_name("A,B,...")
                        ->delimiter(',');
    cmd->add_option("--lang", options->lang, "Walk the translation in this language");
    cmd->add_flag("--copy", options->copy,
                  "Also put the note on the clipboard (wl-copy, xclip or xsel, else OSC 52 to the terminal)");
    cmd->add_flag("--json", options->json, "Print the steps taken, the outcome and the note as JSON");
    cmd->callback([options, answers, &ctx] {
        ctx.json = options->json;
        options->answers_given = answers->count() > 0;
        ctx.action = [options, &ctx](const Inputs& in) { return run_walk(*options, ctx, in.kb); };
    });
}

}  // namespace faqt::cli
