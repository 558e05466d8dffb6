// faqt suggest [FILE|-]: the articles that answer a ticket, with a
// confidence, and with --answer the top one's canned answer filled from the
// ticket. The ticket becomes suggestions by cli/ticket_suggest.hpp (the
// rule `faqt report` shares: tickets/reading.hpp reads it, index/suggest.hpp
// finds the articles); this file reads tickets in and prints. suggest_ticket() and
// write_outcome_json() are what a batch of tickets reuses.

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>

#include "cli/answer_output.hpp"
#include "cli/ordered_pool.hpp"
#include "cli/commands.hpp"
#include "cli/export_options.hpp"
#include "cli/filter_options.hpp"
#include "cli/index_refresh.hpp"
#include "cli/ticket_suggest.hpp"
#include "content/canned_answer.hpp"
#include "content/json.hpp"
#include "content/lookup.hpp"
#include "content/public_view.hpp"
#include "content/text.hpp"
#include "index/suggest.hpp"
#include "tickets/email.hpp"
#include "tickets/export_reader.hpp"
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
    // --batch FILE and the export reader's options (faqt-suggest(1), BATCH).
    std::string batch;
    std::string id_column;
    std::string subject_column;
    std::string body_column;
    std::string category_column;
    std::string encoding;
    std::string preset;
    std::string delimiter;
};

// What one ticket gave: batch writes one of these per ticket.
struct SuggestOutcome {
    Ticket ticket;
    std::string category;  // the category id the hint resolved to, else as given
    std::string version;   // given, else found in the text
    bool confident = false;
    Suggestions suggestions;
    std::optional<CannedAnswer> answer;
    // With --answer, when the best match is a troubleshooting flow: its id.
    // A flow is walked with the customer (faqt walk), never pasted.
    std::string walk;
};

// The ticket of FILE or stdin: an email (RFC 5322, read with GMime) or
// plain text (tickets/email.hpp, looks_like_email() tells them apart).
// The reader's warnings (a cut body, an unknown charset) go to stderr.
Result<Ticket> read_ticket(std::string_view bytes, const std::string& file, const Context& ctx) {
    const std::string name = file.empty() || file == "-" ? std::string("<stdin>") : file;
    Result<Ticket> ticket =
        looks_like_email(bytes) ? read_email(bytes, name) : Result<Ticket>(read_plain_ticket(bytes));
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

// The ticket and the suggestions for it, by the rule every command shares
// (cli/ticket_suggest.hpp); the options are the hints.
Result<SuggestOutcome> suggest_ticket(const Ticket& ticket, const SuggestOptions& o, const Config& config,
                                      Suggester& suggester) {
    auto suggested = suggest_for_ticket(ticket, TicketHints{o.category, o.product, o.version},
                                        static_cast<std::size_t>(o.limit), config, suggester);
    if (!suggested) {
        return suggested.error();
    }
    SuggestOutcome outcome;
    outcome.ticket = ticket;
    outcome.category = std::move(suggested->category);
    outcome.version = std::move(suggested->version);
    outcome.confident = suggested->confident;
    outcome.suggestions = std::move(suggested->suggestions);
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
    json.key("walk");
    if (!outcome.walk.empty()) {
        json.begin_object();
        json.field("id", outcome.walk);
        json.field("title", outcome.suggestions.results.front().title);
        json.field("command", walk_command(outcome.walk));
        json.end_object();
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
    if (top.type == to_string(ArticleType::flow)) {
        return flow_is_no_answer(top.id);
    }
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
    if (o.answer && outcome->confident && outcome->suggestions.results.front().type == to_string(ArticleType::flow)) {
        outcome->walk = outcome->suggestions.results.front().id;
    } else if (o.answer && outcome->confident) {
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
        if (!outcome->walk.empty()) {
            write_text(stdout,
                       "\nThe best match is a troubleshooting flow, \"" +
                           one_line(outcome->suggestions.results.front().title) +
                           "\": walk it with the customer rather than paste it:\n  " + walk_command(outcome->walk) +
                           "\n",
                       false);
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

// ---- --batch: many tickets from a ticket-system export -------------------

// The id a batch line gives its ticket: the id column; else a ticket
// number in the subject ("[INC-123]"), as for one ticket; else "line N",
// the line of the export the ticket starts on.
std::string batch_ticket_id(const Ticket& ticket) {
    if (!ticket.id.empty()) {
        return ticket.id;
    }
    if (std::string number = ticket_number_in_subject(ticket.subject); !number.empty()) {
        return number;
    }
    return "line " + std::to_string(ticket.line);
}

struct BatchJob {
    Ticket ticket;
    Diagnostics reader_warnings;  // the reader's warnings for rows before this one
};

struct BatchDone {
    std::optional<SuggestOutcome> outcome;  // empty: no text, or a failure
    Ticket ticket;                          // when there is no outcome
    Diagnostics warnings;                   // reader's, then the ticket's own
    std::optional<Error> error;             // reading the index failed: the batch stops
};

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// faqt suggest --batch FILE: one JSON line per ticket read, in input order,
// each of the shape of `faqt suggest --json`. Workers (one per hardware
// thread, each with its own Suggester) suggest; this thread writes.
int run_batch(const SuggestOptions& o, const Context& ctx, const Config& config) {
    auto vars = parse_vars(o.vars);
    if (!vars) {
        return ctx.report(vars.error());
    }
    ExportFlags flags;
    flags.encoding = o.encoding;
    flags.preset = o.preset;
    flags.delimiter = o.delimiter;
    flags.columns[TicketRole::id] = o.id_column;
    flags.columns[TicketRole::subject] = o.subject_column;
    flags.columns[TicketRole::body] = o.body_column;
    flags.columns[TicketRole::category] = o.category_column;
    auto reader = export_reader_options(config.tickets, flags);
    if (!reader) {
        return ctx.report(reader.error());
    }
    const ReaderOptions& options = *reader;
    auto source = open_tickets(o.batch, options);
    if (!source) {
        return ctx.report(source.error());
    }
    const std::string display = source->display_path();
    if (!source->preset().name.empty() && !ctx.global.quiet) {
        write_text(stderr, "faqt: reading " + quote_name(display) + " as " + export_of(source->preset()) + "\n", false);
    }
    if (!ctx.no_refresh) {
        auto refreshed = refresh_index(ctx, config);
        if (!refreshed) {
            return ctx.report(refreshed.error());
        }
    }
    const std::size_t workers = default_worker_count();
    std::vector<Suggester> suggesters;
    suggesters.reserve(workers);
    for (std::size_t i = 0; i < workers; ++i) {
        auto suggester = Suggester::open(config);
        if (!suggester) {
            return ctx.report(suggester.error());
        }
        suggesters.push_back(std::move(*suggester));
    }

    std::size_t warnings_seen = 0;  // of source->diagnostics(), handed on
    auto take_reader_warnings = [&] {
        const Diagnostics& all = source->diagnostics();
        Diagnostics fresh(all.begin() + static_cast<std::ptrdiff_t>(warnings_seen), all.end());
        warnings_seen = all.size();
        return fresh;
    };
    auto produce = [&](BatchJob& job) {
        TicketRecord record;
        if (!source->next(record)) {
            return false;
        }
        job.ticket = std::move(record.ticket);
        job.reader_warnings = take_reader_warnings();
        return true;
    };
    auto work = [&](BatchJob& job, std::size_t worker) {
        BatchDone done;
        done.warnings = std::move(job.reader_warnings);
        Ticket& ticket = job.ticket;
        prepare_export_ticket(ticket, display);
        for (auto& d : ticket.diagnostics) {
            done.warnings.push_back(std::move(d));
        }
        ticket.diagnostics.clear();
        ticket.id = batch_ticket_id(ticket);
        if (trim(ticket.subject).empty() && trim(ticket.body).empty()) {
            done.warnings.push_back(Diagnostic{display, static_cast<int>(ticket.line), 0, Severity::warning,
                                               "ticket " + ticket.id + " has no text: no suggestion",
                                               "give the row a subject or a body"});
            done.ticket = std::move(ticket);
            return done;
        }
        auto outcome = suggest_ticket(ticket, o, config, suggesters[worker]);
        if (!outcome) {
            done.error = outcome.error();
            return done;
        }
        done.outcome = std::move(*outcome);
        return done;
    };

    std::size_t read = 0;
    std::size_t confident = 0;
    std::size_t without_text = 0;
    std::size_t without_answer = 0;
    std::optional<Error> failure;
    auto consume = [&](BatchDone& done) {
        print_diagnostics(done.warnings, ctx, stderr);
        if (done.error) {
            failure = std::move(done.error);
            return false;
        }
        ++read;
        SuggestOutcome empty;
        SuggestOutcome* outcome = &empty;
        if (done.outcome) {
            outcome = &*done.outcome;
        } else {
            ++without_text;
            empty.ticket = std::move(done.ticket);
        }
        if (outcome->confident) {
            ++confident;
            if (o.answer) {
                SuggestOptions per_ticket = o;
                if (per_ticket.lang.empty()) {
                    per_ticket.lang = outcome->ticket.lang;
                }
                auto answer = make_answer(*outcome, per_ticket, ctx, *vars);
                if (answer) {
                    outcome->answer = std::move(*answer);
                } else {
                    ++without_answer;
                    print_diagnostics(
                        {Diagnostic{display, static_cast<int>(outcome->ticket.line), 0, Severity::warning,
                                    "ticket " + outcome->ticket.id + ": no answer: " + answer.error().message,
                                    answer.error().hint}},
                        ctx, stderr);
                }
            }
        }
        JsonWriter json(false);
        write_outcome_json(json, *outcome, o.explain);
        std::string line = json.str();
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), stdout);
        return true;
    };
    run_ordered<BatchJob, BatchDone>(workers, 16 * workers, produce, work, consume);
    std::fflush(stdout);

    // Warnings of rows skipped after the last ticket.
    print_diagnostics(take_reader_warnings(), ctx, stderr);
    if (failure) {
        return ctx.report(*failure);
    }
    const ReadCounts& counts = source->counts();
    if (counts.warnings_not_kept > 0) {
        warn(plural(counts.warnings_not_kept, "more warning", "more warnings") + " about skipped rows not shown",
             "the summary below counts every skipped row");
    }
    if (source->failed()) {
        return ctx.report(source->error());
    }
    if (!ctx.global.quiet) {
        std::string summary = "faqt: " + quote_name(display) + ": " + plural(read, "ticket", "tickets") + " read, " +
                              std::to_string(confident) + " confident";
        if (without_text > 0) {
            summary += ", " + std::to_string(without_text) + " without text";
        }
        if (o.answer) {
            summary += ", " + std::to_string(without_answer) + " confident without an answer";
        }
        summary += ", " + plural(counts.skipped, "row", "rows") + " skipped";
        if (!counts.skipped_by_reason.empty()) {
            std::string reasons;
            for (const auto& [reason, n] : counts.skipped_by_reason) {
                reasons += (reasons.empty() ? "" : ", ") + std::to_string(n) + " " + reason;
            }
            summary += " (" + reasons + ")";
        }
        write_text(stderr, summary + "\n", false);
    }
    return k_exit_ok;
}

// --batch reads its tickets from the export; the export's options need it.
Result<void> check_batch_usage(const SuggestOptions& o) {
    if (!o.batch.empty()) {
        if (!o.file.empty() || o.subject || o.body) {
            return Error(ErrorCode::usage,
                         "--batch reads its tickets from the export, not from a FILE, --subject or --body",
                         "give either --batch EXPORT or one ticket");
        }
        return {};
    }
    const std::pair<const char*, const std::string*> batch_only[] = {
        {"--id-column", &o.id_column},     {"--subject-column", &o.subject_column},
        {"--body-column", &o.body_column}, {"--category-column", &o.category_column},
        {"--encoding", &o.encoding},       {"--preset", &o.preset},
        {"--delimiter", &o.delimiter},
    };
    for (const auto& [flag, value] : batch_only) {
        if (!value->empty()) {
            return Error(ErrorCode::usage, std::string(flag) + " reads an export: it works only with --batch",
                         "add --batch EXPORT, or leave " + std::string(flag) + " out");
        }
    }
    return {};
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
    cmd->add_option("--batch", o->batch,
                    "Suggest for every ticket of an export (CSV, TSV or JSON Lines; - = stdin): "
                    "JSON Lines out")
        ->type_name("FILE");
    cmd->add_option("--id-column", o->id_column, "With --batch: the column of the ticket's number")->type_name("NAME");
    cmd->add_option("--subject-column", o->subject_column, "With --batch: the column of the subject")
        ->type_name("NAME");
    cmd->add_option("--body-column", o->body_column, "With --batch: the column of the text")->type_name("NAME");
    cmd->add_option("--category-column", o->category_column, "With --batch: the column of the category")
        ->type_name("NAME");
    cmd->add_option("--encoding", o->encoding, "With --batch: the export's encoding (windows-1250, latin1, ...)");
    cmd->add_option("--preset", o->preset, "With --batch: read the export as this ticket system writes it");
    cmd->add_option("--delimiter", o->delimiter, "With --batch: the CSV delimiter: , ; | or tab (default: sniffed)");
    cmd->add_flag("--no-refresh", ctx.no_refresh, "Read the index as it is, without checking the files first");
    cmd->callback([o, &ctx] {
        ctx.json = o->json || !o->batch.empty();
        ctx.json_lines = !o->batch.empty();
        ctx.check_usage = [o]() -> Result<void> {
            if (auto batch = check_batch_usage(*o); !batch) {
                return batch;
            }
            auto vars = parse_vars(o->vars);
            if (!vars) {
                return vars.error();
            }
            return {};
        };
        ctx.action = [o, &ctx](const Inputs& in) {
            return o->batch.empty() ? run_suggest(*o, ctx, *in.config) : run_batch(*o, ctx, *in.config);
        };
    });
}

}  // namespace faqt::cli
