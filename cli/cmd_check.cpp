// faqt check: every problem of the KB in one run, like a compiler.

#include <cstdio>

#include "cli/commands.hpp"
#include "content/check.hpp"
#include "content/json.hpp"

namespace faqt::cli {

namespace {

struct CheckOptions {
    std::string format = "text";
    bool strict = false;
    bool json = false;
};

int run_check(const CheckOptions& options, const Context& ctx, const LoadedKb* kb) {
    Diagnostics diagnostics = check_kb(*kb, ctx.today());
    int errors = 0;
    int warnings = 0;
    for (const auto& d : diagnostics) {
        (d.severity == Severity::error ? errors : warnings) += 1;
    }
    if (options.format == "json" || options.json) {
        JsonWriter json;
        json.begin_object();
        json.field("articles", kb->articles.size());
        json.field("errors", errors);
        json.field("warnings", warnings);
        write_diagnostics(json, diagnostics);
        json.end_object();
        std::fputs(json.str().c_str(), stdout);
    } else {
        print_diagnostics(diagnostics, ctx, stdout);
        if (!ctx.global.quiet) {
            std::fprintf(stderr, "%d error%s, %d warning%s in %zu article%s\n", errors, errors == 1 ? "" : "s",
                         warnings, warnings == 1 ? "" : "s", kb->articles.size(), kb->articles.size() == 1 ? "" : "s");
        }
    }
    if (errors > 0 || (options.strict && warnings > 0)) {
        return k_exit_not_found;
    }
    return k_exit_ok;
}

}  // namespace

void setup_check(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<CheckOptions>();
    auto* cmd = app.add_subcommand("check", "Validate every article and faqt.toml");
    cmd->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
    cmd->add_flag("--json", options->json, "Same as --format json");
    cmd->add_flag("--strict", options->strict, "Warnings also make the exit status 1");
    cmd->callback([options, &ctx] {
        ctx.json = options->json || options->format == "json";
        ctx.action = [options, &ctx](const Inputs& in) { return run_check(*options, ctx, in.kb); };
    });
}

}  // namespace faqt::cli
