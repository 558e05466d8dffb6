// faqt suggest [FILE|-]: the articles that answer a ticket, with a
// confidence, and with --answer the top one's canned answer filled from the
// ticket. The ticket is read by tickets/reading.hpp, the articles found by
// index/suggest.hpp; this file joins them and prints. suggest_ticket() and
// write_outcome_json() are what a batch of tickets reuses.

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>

#include "cli/answer_output.hpp"
#include "cli/commands.hpp"
#include "cli/filter_options.hpp"
#include "cli/index_refresh.hpp"
#include "content/canned_answer.hpp"
#include "content/category.hpp"
#include "content/json.hpp"
#include "content/lookup.hpp"
#include "content/public_view.hpp"
#include "content/text.hpp"
#include "index/suggest.hpp"
#include "tickets/email.hpp"
#include "tickets/reading.hpp"
#include "tickets/ticket.hpp"

namespace faqt::cli {

namespace {

struct SuggestOptions {
    std::string file;  // "" or "-": stdin
    std::optional<std::string> subject;
    std::optional<std::string> body;
    std::string category;
    std::string product;
    std::string version;
    std::string lang;
    int limit = 5;
    bool answer = false;
    std::vector<std::string> vars;
    std::string format = "text";
    bool json = false;
    bool explain = false;
};

// What one ticket gave: batch writes one of these per ticket.
struct SuggestOutcome {
    Ticket ticket;
    std::string category;  // the category id the hint resolved to, else as given
    std::string version;   // given, else found in the text
    bool confident = false;
    Suggestions suggestions;
    std::optional<CannedAnswer> answer;
};

// The ticket of FILE or stdin: an email (RFC 5322, read with GMime) or
// plain text (tickets/email.hpp, looks_like_email() tells them apart).
// The reader's warnings (a cut body, an unknown charset) go to stderr.
Result<Ticket> read_ticket(std::string_view bytes, const std::string& file, const Context& ctx) {
    const std::string name = file.empty() || file == "-" ? std::string("<stdin>") : file;
    Result<Ticket> ticket = looks_like_email(bytes) ? read_email(bytes, name) : Result<Ticket>(read_plain_ticket(bytes));
    if (ticket) {
        for (auto& d : ticket->diagnostics) {
            if (d.path.empty()) {
                d.path = name;
            }
        }
        print_diagnostics(ticket->diagnostics, ctx, stderr);
        ticket->diagnostics.clear();
    }
    return ticket;
}

Result<std::string> read_input(const std::string& file) {
    std::ostringstream buffer;
    if (file.empty() || file == "-") {
        buffer << std::cin.rdbuf();
        return buffer.str();
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return Error(ErrorCode::usage, "cannot read the ticket " + quote_name(file),
                     "give a readable file, or - for stdin");
    }
    buffer << in.rdbuf();
    return buffer.str();
}

// The ticket and the suggestions for it. A category hint that names no
// category is passed on as it is (it then boosts nothing).
Result<SuggestOutcome> suggest_ticket(const Ticket& ticket, const SuggestOptions& o, const Config& config,
                                      Suggester& suggester) {
    SuggestOutcome outcome;
    outcome.ticket = ticket;
    const TicketText text = read_ticket_text(ticket);
    const std::string hint = o.category.empty() ? ticket.category : o.category;
    if (!hint.empty()) {
        const std::string id = CategoryTree(config).find_by_code(hint);
        outcome.category = id.empty() ? hint : id;
    }
    outcome.version = !o.version.empty() ? o.version : !ticket.version.empty() ? ticket.version : text.version;
    SuggestRequest request;
    request.subject = text.subject;
    request.body = text.body;
    request.quoted = text.quoted;
    request.category = outcome.category;
    request.product = o.product.empty() ? ticket.product : o.product;
    request.version = outcome.version;
    request.limit = static_cast<std::size_t>(o.limit);
    auto suggestions = suggester.suggest(request);
    if (!suggestions) {
        return suggestions.error();
    }
    outcome.suggestions = std::move(*suggestions);
    outcome.confident = !outcome.suggestions.results.empty() &&
                        outcome.suggestions.results.front().confidence >= config.suggest.threshold;
    return outcome;
}

void write_outcome_json(JsonWriter& json, const SuggestOutcome& outcome, bool explain) {
    json.begin_object();
    json.key("ticket").begin_object();
    const std::string id =
        !outcome.ticket.id.empty() ? outcome.ticket.id : ticket_number_in_subject(outcome.ticket.subject);
    json.key("id").string_or_null(id);
    json.field("subject", outcome.ticket.subject);
    json.key("category").string_or_null(outcome.category);
    json.key("version").string_or_null(outcome.version);
    json.end_object();
    json.field("confident", outcome.confident);
    json.key("results").begin_array();
    for (const auto& r : outcome.suggestions.results) {
        json.begin_object();
        json.field("id", r.id);
        json.field("title", r.title);
        json.field("type", r.type);
        json.key("status").string_or_null(r.status);
        json.field("visibility", to_string(r.visibility));
        json.field("score", r.score);
        json.field("confidence", r.confidence);
        json.key("matched").strings(r.matched);
        if (explain) {
            json.key("features").begin_object();
            json.field("coverage", r.features.coverage);
            json.field("margin", r.features.margin);
            json.field("title", r.features.title);
            json.field("share", r.features.share);
            json.end_object();
        }
        json.end_object();
    }
    json.end_array();
    json.key("answer");
    if (outcome.answer) {
        write_answer_json(json, *outcome.answer);
    } else {
        json.null();
    }
    if (explain) {
        json.key("terms").strings(outcome.suggestions.terms);
    }
    json.end_object();
}

std::string format_confidence(double c) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.2f", c);
    return buffer;
}

void print_text(const SuggestOutcome& outcome, const Context& ctx) {
    std::string out;
    for (const auto& r : outcome.suggestions.results) {
        out += std::string(ctx.bold()) + format_confidence(r.confidence) + std::string(ctx.reset()) + "  " +
               std::string(ctx.cyan()) + r.id + std::string(ctx.reset()) + "  " + one_line(r.title) + "  " +
               std::string(ctx.dim()) + "(" + r.type + (r.status.empty() ? "" : "/" + r.status) + ")" +
               std::string(ctx.reset());
        if (r.visibility == Visibility::internal) {
            out += "  " + std::string(ctx.yellow()) + "[internal]" + std::string(ctx.reset());
        }
        out += "\n      matched: ";
        for (std::size_t i = 0; i < r.matched.size(); ++i) {
            out += (i == 0 ? "" : ", ") + r.matched[i];
        }
        out += "\n";
    }
    write_text(stdout, out, true);
}

// The top article's canned answer, filled from the ticket: {{customer}}
// from the sender's name, {{ticket}} from the subject's ticket number,
// then --var. Loads only that article's files.
Result<CannedAnswer> make_answer(const SuggestOutcome& outcome, const SuggestOptions& o, const Context& ctx,
                                 std::vector<std::pair<std::string, std::string>> user_vars) {
    const Suggestion& top = outcome.suggestions.results.front();
    if (top.visibility == Visibility::internal) {
        return Error(
            ErrorCode::usage, "the best match '" + top.id + "' is internal: it is not a customer answer",
            "read it with 'faqt show " + top.id + "', or 'faqt answer " + top.id + " --internal' (agents only)");
    }
    auto kb = ctx.load_for_id(top.id);
    if (!kb) {
        return kb.error();
    }
    std::vector<const Article*> same_id;
    for (const auto& a : kb->articles) {
        if (a.id == top.id) {
            same_id.push_back(&a);
        }
    }
    if (same_id.empty()) {
        return Error(ErrorCode::not_found, "the article '" + top.id + "' is no longer in the KB",
                     "run 'faqt index' and try again");
    }
    auto chosen = choose_translation(same_id, o.lang, kb->config.default_lang);
    if (!chosen.warning.empty() && !ctx.global.quiet) {
        warn(chosen.warning);
    }
    if (!is_public(*chosen.article)) {
        return Error(ErrorCode::usage, "the best match '" + top.id + "' is internal: it is not a customer answer",
                     "read it with 'faqt show " + top.id + "'");
    }
    AnswerRequest request;
    request.format = parse_answer_format(o.format).value_or(AnswerFormat::text);
    if (!outcome.ticket.from_name.empty()) {
        request.vars.emplace_back("customer", outcome.ticket.from_name);
    }
    if (const std::string number = ticket_number_in_subject(outcome.ticket.subject); !number.empty()) {
        request.vars.emplace_back("ticket", number);
    }
    for (auto& v : user_vars) {
        request.vars.push_back(std::move(v));
    }
    return make_canned_answer(*chosen.article, kb->config, request);
}

int run_suggest(const SuggestOptions& o, const Context& ctx, const Config& config) {
    auto vars = parse_vars(o.vars);
    if (!vars) {
        return ctx.report(vars.error());
    }
    Ticket ticket;
    const bool from_options = o.subject || o.body;
    if (!o.file.empty() || !from_options) {
        if (o.file.empty() && isatty(STDIN_FILENO) != 0) {
            return ctx.report(
                Error(ErrorCode::usage, "no ticket to read", "give a FILE, - for stdin, or --subject and --body"));
        }
        auto input = read_input(o.file);
        if (!input) {
            return ctx.report(input.error());
        }
        auto read = read_ticket(*input, o.file, ctx);
        if (!read) {
            return ctx.report(read.error());
        }
        ticket = std::move(*read);
    }
    if (o.subject) {
        ticket.subject = *o.subject;
    }
    if (o.body) {
        ticket.body = *o.body;
    }
    if (trim(ticket.subject).empty() && trim(ticket.body).empty()) {
        return ctx.report(Error(ErrorCode::usage, "the ticket has no text",
                                "give a ticket with a subject or a body (FILE, -, --subject, --body)"));
    }
    auto outcome = read_fresh(ctx, config, [&]() -> Result<SuggestOutcome> {
        auto suggester = Suggester::open(config);
        if (!suggester) {
            return suggester.error();
        }
        return suggest_ticket(ticket, o, config, *suggester);
    });
    if (!outcome) {
        return ctx.report(outcome.error());
    }
    if (o.answer && outcome->confident) {
        auto answer = make_answer(*outcome, o, ctx, std::move(*vars));
        if (!answer) {
            if (!o.json) {
                print_text(*outcome, ctx);
            }
            return ctx.report(answer.error());
        }
        outcome->answer = std::move(*answer);
    }
    if (o.json) {
        JsonWriter json;
        write_outcome_json(json, *outcome, o.explain);
        std::fputs(json.str().c_str(), stdout);
    } else if (outcome->confident) {
        print_text(*outcome, ctx);
        if (outcome->answer) {
            write_text(stdout, "\n" + answer_text(*outcome->answer), false);
        }
    }
    if (!outcome->confident) {
        if (!ctx.global.quiet) {
            std::string line = "faqt: no confident match\n";
            if (!outcome->suggestions.results.empty() && !o.json) {
                const auto& best = outcome->suggestions.results.front();
                line += "hint: the best guess, " + best.id + ", has confidence " + format_confidence(best.confidence) +
                        " (under " + format_confidence(config.suggest.threshold) + "); see --json for all\n";
            }
            write_text(stderr, line, false);
        }
        return k_exit_not_found;
    }
    return k_exit_ok;
}

}  // namespace

void setup_suggest(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<SuggestOptions>();
    auto* cmd = app.add_subcommand("suggest", "Suggest the articles that answer a ticket");
    cmd->add_option("file", o->file,
                    "The ticket: a text file whose first lines may be Subject: and From: (- or none: stdin)");
    cmd->add_option("--subject", o->subject, "The ticket's subject");
    cmd->add_option("--body", o->body, "The ticket's body");
    cmd->add_option("--category", o->category, "A category id or ticket-system code: boosts, never filters");
    cmd->add_option("--product", o->product, "The product the ticket is about: boosts its articles");
    cmd->add_option("--version", o->version,
                    "The product version: hides known errors fixed at or before it (default: found in the text)");
    add_whole_number_option(cmd, "--limit", o->limit, "Show at most N suggestions (default 5)", 1);
    cmd->add_option("--lang", o->lang, "With --answer: the answer of the translation in this language");
    cmd->add_flag("--answer", o->answer, "Also print the top article's canned answer, filled from the ticket");
    cmd->add_option("--var", o->vars, "With --answer: fill placeholder {{name}} with value (repeatable, later wins)")
        ->type_name("NAME=VALUE")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_option("--format", o->format, "With --answer: text, markdown or html")
        ->check(CLI::IsMember({"text", "markdown", "html"}));
    cmd->add_flag("--json", o->json, "JSON output (see faqt-suggest(1))");
    cmd->add_flag("--explain", o->explain, "With --json: each result's confidence features and the words searched");
    cmd->add_flag("--no-refresh", ctx.no_refresh, "Read the index as it is, without checking the files first");
    cmd->callback([o, &ctx] {
        ctx.json = o->json;
        ctx.check_usage = [o]() -> Result<void> {
            auto vars = parse_vars(o->vars);
            if (!vars) {
                return vars.error();
            }
            return {};
        };
        ctx.action = [o, &ctx](const Inputs& in) { return run_suggest(*o, ctx, *in.config); };
    });
}

}  // namespace faqt::cli
