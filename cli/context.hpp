#pragma once
// Context: what every command gets — the global options, the terminal's
// colour capability, the loading of what a command needs (Needs, run()) and
// the one place that prints errors and maps them to exit codes.

#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "cli/output.hpp"
#include "content/diagnostic.hpp"
#include "content/kb.hpp"
#include "content/result.hpp"

namespace faqt {
class JsonWriter;
}

namespace faqt::cli {

enum ExitCode { k_exit_ok = 0, k_exit_not_found = 1, k_exit_usage = 2, k_exit_runtime = 3 };

struct GlobalOptions {
    std::optional<std::string> kb;  // -C / --kb
    std::string color = "auto";     // --color
    bool quiet = false;             // -q
};

// What a command needs before it runs, declared in the command table
// (cli/commands.hpp). Context::run() loads it, prints faqt.toml's problems
// and reports a failure, once for every command; the command gets the
// result in Inputs.
enum class Needs {
    nothing,       // no KB at all (init, help)
    config,        // faqt.toml read; its errors fail the command (index)
    kb,            // every article loaded; faqt.toml's errors fail the command
    kb_for_check,  // every article loaded; faqt.toml's problems left to the command (check)
    kb_for_id,     // only the files whose path can give Context::only_id (show: fast on big KBs)
    index,         // faqt.toml read; the command reads the index through read_fresh()
                   // (cli/index_refresh.hpp), which refreshes it around the read
};

// What Context::run() hands the command: config for every need but
// nothing, kb for the kb needs (kb->config is *config).
struct Inputs {
    const Config* config = nullptr;
    const LoadedKb* kb = nullptr;
};

struct Context {
    GlobalOptions global;
    bool color = false;  // resolved from --color, NO_COLOR and isatty
    // Set by the selected command's CLI11 callback; main() runs it through
    // run() once the whole command line is parsed and colour is resolved.
    std::function<int(const Inputs&)> action;
    // Optional, set by the callback too: checks of the command line that
    // need no KB, run before anything is loaded, so that a usage error is
    // reported as such even where there is no KB.
    std::function<Result<void>()> check_usage;
    // Set by the callback of a command given --json (or --format json):
    // report() then also prints the error as JSON on stdout.
    bool json = false;
    // With json: the command writes JSON Lines (suggest --batch), so the
    // error object is one line too.
    bool json_lines = false;
    // Needs::kb_for_id: the id (or unique suffix) whose files to load.
    std::string only_id;
    // Needs::index: --no-refresh, read the index as it is.
    bool no_refresh = false;
    // Set by a callback whose options need less than the command table
    // says (export --dump-theme needs no KB); run() loads this instead.
    std::optional<Needs> needs_instead;

    // Loads what needs names, then runs action with it. A load that fails
    // is reported here (report()), with its exit code.
    int run(Needs needs);

    // Prints "faqt: error: message" and "hint: ..." to stderr, as the free
    // report() does, and, when the command was given --json, also
    // {"error": {"message", "hint", "exit"}} on stdout, so a script reading
    // the JSON gets a failure it can parse. Returns the exit code.
    int report(const Error& error) const;

    // Today's date: $FAQT_TODAY (YYYY-MM-DD) when set, for reproducible
    // output in tests and examples, else the system clock's.
    Date today() const;

    // Resolves --color once the command line is parsed.
    void resolve_color();

    // Finds the KB root (-C, $FAQT_KB, cwd upwards).
    Result<std::filesystem::path> kb_root() const;

    // Reads faqt.toml of the KB, without parsing any article. Its problems
    // are printed (warnings unless -q); an error fails with
    // ErrorCode::config, since every command would otherwise work from a
    // half-read configuration.
    Result<Config> load_config() const;

    // Loads the KB. Problems in faqt.toml are printed (warnings unless -q);
    // when any is an error the load fails with ErrorCode::config, since
    // every command would otherwise work from a half-read configuration.
    // With for_check, faqt.toml errors are left to the caller to report.
    Result<LoadedKb> load(bool for_check = false) const;

    // Like load(), but parses only the files whose path gives an id equal
    // to query or ending in "/query" (and their translations), falling back
    // to the whole KB when none does (an id set in front matter). Keeps
    // 'faqt show ID' fast on large KBs.
    Result<LoadedKb> load_for_id(std::string_view query) const;

    // ANSI styles; empty strings when colour is off.
    std::string_view bold() const { return color ? k_style_bold : std::string_view(); }
    std::string_view dim() const { return color ? k_style_dim : std::string_view(); }
    std::string_view red() const { return color ? k_style_red : std::string_view(); }
    std::string_view green() const { return color ? k_style_green : std::string_view(); }
    std::string_view yellow() const { return color ? k_style_yellow : std::string_view(); }
    std::string_view cyan() const { return color ? k_style_cyan : std::string_view(); }
    std::string_view magenta() const { return color ? k_style_magenta : std::string_view(); }
    std::string_view reset() const { return color ? k_style_reset : std::string_view(); }
};

// Prints "faqt: error: message" and "hint: ..." to stderr and returns the
// exit code for the error. Like every message, through write_text().
// Commands report through Context::report(), which adds the JSON error.
int report(const Error& error);
void warn(std::string_view message, std::string_view hint = {});

// Prints diagnostics as "path:line:col: severity: message" to out, the path
// quoted when it is an odd file name (quote_name), message and hint on one
// line each (one_line) and all through write_text(), so a value quoted from
// a file can neither reach the terminal raw nor split a diagnostic.
void print_diagnostics(const Diagnostics& diagnostics, const Context& ctx, std::FILE* out);

// The same diagnostics as the "diagnostics" array of a --json shape
// (path, line, column, severity, message, hint).
void write_diagnostics(JsonWriter& json, const Diagnostics& diagnostics);

int exit_code_for(ErrorCode code);

}  // namespace faqt::cli
