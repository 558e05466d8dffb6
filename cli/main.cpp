// faqt: a command-line knowledge base for help desks. main() parses the
// command line with CLI11, runs the selected command from the command table
// and is the last-resort catch for anything unexpected.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "content/closest_match.hpp"

#ifndef FAQT_VERSION
#define FAQT_VERSION "0.0.0"
#endif

namespace {

// The first word of the command line that is not a global option or its
// value: the command's name, "" when there is none.
struct FirstWord {
    std::string_view word;
    bool after_dashes = false;  // after "--", which no command may follow
};

FirstWord first_word(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--") {
            return {i + 1 < argc ? argv[i + 1] : "", true};
        }
        if (arg == "-C" || arg == "--kb" || arg == "--color") {
            ++i;  // the option's value
            continue;
        }
        if (!arg.empty() && arg[0] == '-') {
            continue;
        }
        return {arg, false};
    }
    return {};
}

const faqt::cli::Command* command_named(std::string_view name) {
    for (const auto& command : faqt::cli::k_commands) {
        if (name == command.name) {
            return &command;
        }
    }
    return nullptr;
}

bool asks_for_help(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            return true;
        }
    }
    return false;
}

// Whether the words before any "--" ask for JSON: --json, --format json or
// --format=json.
bool asks_for_json(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--") {
            return false;
        }
        if (arg == "--json" || arg == "--format=json" ||
            (arg == "--format" && i + 1 < argc && std::string_view(argv[i + 1]) == "json")) {
            return true;
        }
    }
    return false;
}

int report_unknown_command(const std::string& name) {
    using namespace faqt::cli;
    std::vector<std::string> names;
    std::string list;
    for (const auto& command : k_commands) {
        names.emplace_back(command.name);
        list += (list.empty() ? "" : ", ") + std::string(command.name);
    }
    const std::string near = faqt::closest_match(name, names);
    return report(faqt::Error(
        faqt::ErrorCode::usage, "unknown command '" + name + "'",
        near.empty() ? "the commands are " + list + "; see 'faqt --help'" : "did you mean 'faqt " + near + "'?"));
}

}  // namespace

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
        // A word that names no command is reported before any set-up (CLI11
        // would report it among "arguments not expected", last word first).
        const auto [word, after_dashes] = first_word(argc, argv);
        const Command* named = after_dashes ? nullptr : command_named(word);
        if (!word.empty() && named == nullptr) {
            return report_unknown_command(std::string(word));
        }
        // Setting up every command's options costs more than many commands
        // take to run: when the command line names one and asks for no help
        // (whose text lists them all), only that one is set up.
        if (named != nullptr && !asks_for_help(argc, argv)) {
            named->setup(app, ctx);
        } else {
            for (const auto& command : k_commands) {
                command.setup(app, ctx);
            }
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
            // The callbacks have not run, so whether the command was given
            // --json is read from the words: its error is JSON too.
            ctx.json = named != nullptr && asks_for_json(argc, argv) &&
                       app.get_subcommand(std::string(named->name))->get_option_no_throw("--json") != nullptr;
            return ctx.report(faqt::Error(faqt::ErrorCode::usage, e.what(), "run 'faqt --help' for usage"));
        }
        ctx.resolve_color();
        if (!ctx.action) {
            std::fputs(app.help().c_str(), stderr);
            return k_exit_usage;
        }
        const Command* selected = nullptr;
        for (const auto* sub : app.get_subcommands()) {
            selected = command_named(sub->get_name());
        }
        int code = ctx.run(selected != nullptr ? selected->needs : Needs::nothing);
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
