// faqt: a command-line knowledge base for help desks. main() parses the
// command line with CLI11, runs the selected command from the command table
// and is the last-resort catch for anything unexpected.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <string>

#include "cli/commands.hpp"
#include "cli/context.hpp"

#ifndef FAQT_VERSION
#define FAQT_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
    using namespace faqt::cli;
    try {
        Context ctx;
        CLI::App app{"faqt - a command-line knowledge base for help desks", "faqt"};
        app.set_version_flag("--version", "faqt " FAQT_VERSION);
        app.add_option("-C,--kb", ctx.global.kb, "Use the knowledge base in DIR")->option_text("DIR");
        app.add_option("--color", ctx.global.color, "Colour output: auto, always or never")
            ->check(CLI::IsMember({"auto", "always", "never"}))
            ->option_text("WHEN");
        app.add_flag("-q,--quiet", ctx.global.quiet, "Print only errors");
        app.require_subcommand(0, 1);
        // Global options work after the command too: faqt check -q.
        app.fallthrough();
        app.footer("Run 'faqt help COMMAND' for the manual page of a command.");
        for (const auto& command : k_commands) {
            command.setup(app, ctx);
        }
        for (auto* sub : app.get_subcommands({})) {
            sub->group("Commands");
        }
        app.get_formatter()->label("SUBCOMMAND", "COMMAND");

        try {
            app.parse(argc, argv);
        } catch (const CLI::ParseError& e) {
            if (e.get_exit_code() == 0) {
                return app.exit(e);
            }
            std::fprintf(stderr, "faqt: error: %s\n", e.what());
            std::fprintf(stderr, "hint: run 'faqt --help' for usage\n");
            return k_exit_usage;
        }
        ctx.resolve_color();
        if (!ctx.action) {
            std::fputs(app.help().c_str(), stderr);
            return k_exit_usage;
        }
        int code = ctx.action();
        std::fflush(stdout);
        if (std::ferror(stdout) != 0) {
            return k_exit_runtime;
        }
        return code;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "faqt: error: unexpected failure: %s\n", e.what());
        std::fprintf(stderr, "hint: this is a bug in faqt; please report it with the command you ran\n");
        return k_exit_runtime;
    }
}
