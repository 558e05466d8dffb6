#pragma once
// The command table: every faqt command, its one-line summary and the set-up
// function that registers it with CLI11. main.cpp walks this table; each
// command lives in cli/cmd_<name>.cpp with an options struct, setup_<name>()
// and run_<name>().

#include <CLI/CLI.hpp>

#include <array>
#include <string_view>

#include "cli/context.hpp"

namespace faqt::cli {

// Registers the subcommand on app. When CLI11 selects it, the callback runs
// the command and stores its exit code in ctx.exit_code.
using SetupFn = void (*)(CLI::App& app, Context& ctx);

struct Command {
    std::string_view name;
    std::string_view summary;
    SetupFn setup;
};

void setup_init(CLI::App& app, Context& ctx);
void setup_new(CLI::App& app, Context& ctx);
void setup_check(CLI::App& app, Context& ctx);
void setup_index(CLI::App& app, Context& ctx);
void setup_search(CLI::App& app, Context& ctx);
void setup_show(CLI::App& app, Context& ctx);
void setup_list(CLI::App& app, Context& ctx);
void setup_categories(CLI::App& app, Context& ctx);
void setup_help(CLI::App& app, Context& ctx);

inline constexpr std::array k_commands = {
    Command{"init", "create a new knowledge base", setup_init},
    Command{"new", "create an article from a template", setup_new},
    Command{"check", "validate every article and faqt.toml", setup_check},
    Command{"index", "bring the search index up to date", setup_index},
    Command{"search", "search the knowledge base", setup_search},
    Command{"show", "show one article", setup_show},
    Command{"list", "list articles by filter and sort", setup_list},
    Command{"categories", "show the category tree with article counts", setup_categories},
    Command{"help", "show the manual page of a command", setup_help},
};

}  // namespace faqt::cli
