#pragma once
// Context: what every command gets — the global options, the terminal's
// colour capability and the one place that prints errors and maps them to
// exit codes.

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

namespace faqt::cli {

enum ExitCode { k_exit_ok = 0, k_exit_not_found = 1, k_exit_usage = 2, k_exit_runtime = 3 };

struct GlobalOptions {
    std::optional<std::string> kb;  // -C / --kb
    std::string color = "auto";     // --color
    bool quiet = false;             // -q
};

struct Context {
    GlobalOptions global;
    bool color = false;  // resolved from --color, NO_COLOR and isatty
    // Set by the selected command's CLI11 callback; main() runs it once the
    // whole command line is parsed and colour is resolved.
    std::function<int()> action;

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
int report(const Error& error);
void warn(std::string_view message, std::string_view hint = {});

// Prints diagnostics as "path:line:col: severity: message" to out, the path
// quoted when it is an odd file name (quote_name), message and hint on one
// line each (one_line) and all through write_text(), so a value quoted from
// a file can neither reach the terminal raw nor split a diagnostic.
void print_diagnostics(const Diagnostics& diagnostics, const Context& ctx, std::FILE* out);

int exit_code_for(ErrorCode code);

}  // namespace faqt::cli
