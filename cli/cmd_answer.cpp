// faqt answer ID: the canned answer of one article, ready to paste into a
// ticket reply. A thin layer over content/canned_answer.hpp: the command
// parses --var, picks the translation, refuses an internal article unless
// --internal is given, and prints.

#include <cstdio>
#include <set>

#include "cli/answer_output.hpp"
#include "cli/commands.hpp"
#include "content/canned_answer.hpp"
#include "content/json.hpp"
#include "content/lookup.hpp"
#include "content/public_view.hpp"

namespace faqt::cli {

namespace {

struct AnswerOptions {
    std::string id;
    std::vector<std::string> vars;  // "name=value", in the order given
    std::string lang;
    std::string format = "text";
    bool internal = false;
    bool json = false;
    bool copy = false;
};

void print_json(const CannedAnswer& answer) {
    JsonWriter json;
    write_answer_json(json, answer);
    std::fputs(json.str().c_str(), stdout);
}

int run_answer(const AnswerOptions& options, const Context& ctx, const LoadedKb* kb) {
    auto vars = parse_vars(options.vars);
    if (!vars) {
        return ctx.report(vars.error());
    }
    auto found = article_for_id(*kb, options.id, options.lang, ctx);
    if (!found) {
        return ctx.report(found.error());
    }
    const Article& article = **found;
    AnswerRequest request;
    request.format = parse_answer_format(options.format).value_or(AnswerFormat::text);
    request.vars = std::move(*vars);
    if (article.type == ArticleType::flow) {
        return ctx.report(flow_is_no_answer(article.id));
    }
    // Refused before anything is made, so that an internal article's own
    // problems (an unfilled placeholder) do not hide that it is internal.
    if (!is_public(article) && !options.internal) {
        return ctx.report(Error(ErrorCode::usage, "'" + article.id + "' is internal: it is not a customer answer",
                                "add --internal to see it anyway, for agents only"));
    }
    auto answer = make_canned_answer(article, kb->config, request);
    if (!answer) {
        return ctx.report(answer.error());
    }
    const std::string text = answer_text(*answer);
    if (options.json) {
        print_json(*answer);
    } else {
        write_text(stdout, text, false);
    }
    if (options.copy) {
        // The text as printed, never the JSON.
        return copy_printed(text, ctx);
    }
    return k_exit_ok;
}

}  // namespace

void setup_answer(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<AnswerOptions>();
    auto* cmd = app.add_subcommand("answer", "Print the canned answer of an article, ready to paste");
    cmd->add_option("id", options->id, "Article id, or a unique suffix of one")->required();
    cmd->add_option("--var", options->vars, "Fill placeholder {{name}} with value (repeatable, later wins)")
        ->type_name("NAME=VALUE")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_option("--lang", options->lang, "The answer of the translation in this language");
    cmd->add_option("--format", options->format, "text, markdown or html")
        ->check(CLI::IsMember({"text", "markdown", "html"}));
    cmd->add_flag("--internal", options->internal, "Print an internal article's answer, marked internal");
    cmd->add_flag("--copy", options->copy,
                  "Also put the answer on the clipboard (wl-copy, xclip or xsel, else OSC 52 to the terminal)");
    cmd->add_flag("--json", options->json, "Print the answer (in --format) and its placeholders as JSON");
    cmd->callback([options, &ctx] {
        ctx.json = options->json;
        ctx.only_id = options->id;
        ctx.check_usage = [options]() -> Result<void> {
            auto vars = parse_vars(options->vars);
            if (!vars) {
                return vars.error();
            }
            return {};
        };
        ctx.action = [options, &ctx](const Inputs& in) { return run_answer(*options, ctx, in.kb); };
    });
}

}  // namespace faqt::cli
