#pragma once
// The command table: every faqt command, its one-line summary, what it needs
// loaded before it runs, and the set-up function that registers it with
// CLI11. main.cpp walks this table and runs the selected command through
// Context::run(), which loads what the command needs (and reports a failed
// load) once for every command; each command lives in cli/cmd_<name>.cpp
// with an options struct, setup_<name>() and run_<name>(), and gets what it
// declared in Inputs.

#include <CLI/CLI.hpp>

#include <array>
#include <string_view>

#include "cli/context.hpp"

namespace faqt::cli {

// Registers the subcommand on app. When CLI11 selects it, the callback sets
// ctx.action (and ctx.json, ctx.check_usage, ctx.only_id, ctx.no_refresh
// where they apply); main() runs it with Context::run().
using SetupFn = void (*)(CLI::App& app, Context& ctx);

struct Command {
    std::string_view name;
    std::string_view summary;
    Needs needs;
    SetupFn setup;
};

void setup_init(CLI::App& app, Context& ctx);
void setup_new(CLI::App& app, Context& ctx);
void setup_check(CLI::App& app, Context& ctx);
void setup_index(CLI::App& app, Context& ctx);
void setup_search(CLI::App& app, Context& ctx);
void setup_show(CLI::App& app, Context& ctx);
void setup_answer(CLI::App& app, Context& ctx);
void setup_suggest(CLI::App& app, Context& ctx);
void setup_walk(CLI::App& app, Context& ctx);
void setup_list(CLI::App& app, Context& ctx);
void setup_categories(CLI::App& app, Context& ctx);
void setup_report(CLI::App& app, Context& ctx);
void setup_export(CLI::App& app, Context& ctx);
void setup_help(CLI::App& app, Context& ctx);

inline constexpr std::array k_commands = {
    Command{"init", "create a new knowledge base", Needs::nothing, setup_init},
    Command{"new", "create an article from a template", Needs::kb, setup_new},
    Command{"check", "validate every article and faqt.toml", Needs::kb_for_check, setup_check},
    Command{"index", "bring the search index up to date", Needs::config, setup_index},
    Command{"search", "search the knowledge base", Needs::index, setup_search},
    Command{"show", "show one article", Needs::kb_for_id, setup_show},
    Command{"answer", "print the canned answer of an article, ready to paste", Needs::kb_for_id, setup_answer},
    Command{"suggest", "suggest the articles that answer a ticket", Needs::index, setup_suggest},
    Command{"walk", "walk a troubleshooting flow and print the ticket note", Needs::kb, setup_walk},
    Command{"list", "list articles by filter and sort", Needs::kb, setup_list},
    Command{"categories", "show the category tree with article counts", Needs::kb, setup_categories},
    Command{"report", "ticket volume, coverage and what to write next, from a ticket export", Needs::kb,
            setup_report},
    Command{"export", "write the static help site", Needs::kb, setup_export},
    Command{"help", "show the manual page of a command", Needs::nothing, setup_help},
};

}  // namespace faqt::cli
