#include "cli/context.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "content/json.hpp"
#include "content/lookup.hpp"
#include "content/text.hpp"

namespace faqt::cli {

void Context::resolve_color() {
    if (global.color == "always") {
        color = true;
    } else if (global.color == "never") {
        color = false;
    } else {
        const char* no_color = std::getenv("NO_COLOR");
        color = (no_color == nullptr || *no_color == '\0') && isatty(STDOUT_FILENO) != 0;
    }
}

Date Context::today() const {
    if (const char* pinned = std::getenv("FAQT_TODAY"); pinned != nullptr && *pinned != '\0') {
        if (auto date = parse_date(pinned)) {
            return *date;
        }
    }
    return faqt::today();
}

Result<std::filesystem::path> Context::kb_root() const {
    std::optional<std::filesystem::path> explicit_dir;
    if (global.kb) {
        explicit_dir = *global.kb;
    }
    std::optional<std::filesystem::path> env_dir;
    if (const char* env = std::getenv("FAQT_KB"); env != nullptr && *env != '\0') {
        env_dir = env;
    }
    std::error_code ec;
    auto cwd = std::filesystem::current_path(ec);
    if (ec) {
        return Error(ErrorCode::io, "cannot read the working directory: " + ec.message());
    }
    return discover_kb(explicit_dir, env_dir, cwd);
}

namespace {

// Prints faqt.toml's problems; fails when one is an error.
Result<void> report_config_problems(const Diagnostics& diagnostics, const Context& ctx) {
    Diagnostics config_problems;
    for (const auto& d : diagnostics) {
        if (d.path == "faqt.toml" && (d.severity == Severity::error || !ctx.global.quiet)) {
            config_problems.push_back(d);
        }
    }
    sort_diagnostics(config_problems);
    print_diagnostics(config_problems, ctx, stderr);
    if (has_errors(config_problems)) {
        return Error(ErrorCode::config, "faqt.toml has errors", "fix them; 'faqt check' lists every problem");
    }
    return {};
}

}  // namespace

Result<Config> Context::load_config() const {
    auto root = kb_root();
    if (!root) {
        return root.error();
    }
    auto loaded = faqt::load_config(*root);
    if (!loaded) {
        return loaded.error();
    }
    if (auto ok = report_config_problems(loaded->diagnostics, *this); !ok) {
        return ok.error();
    }
    return std::move(loaded->config);
}

Result<LoadedKb> Context::load_for_id(std::string_view query) const {
    auto config = load_config();
    if (!config) {
        return config.error();
    }
    LoadedKb kb;
    kb.config = std::move(*config);
    const std::string q = normalise_id_query(query);
    ScanResult scan = scan_articles(kb.config);
    ScanResult matching;
    for (const auto& file : scan.files) {
        if (id_matches(identity_from_path(file.path).id, q)) {
            matching.files.push_back(file);
        }
    }
    load_articles(kb, matching.files.empty() ? scan : matching);
    return kb;
}

Result<LoadedKb> Context::load(bool for_check) const {
    auto root = kb_root();
    if (!root) {
        return root.error();
    }
    auto kb = load_kb(*root);
    if (!kb || for_check) {
        return kb;
    }
    if (auto ok = report_config_problems(kb->diagnostics, *this); !ok) {
        return ok.error();
    }
    return kb;
}

int Context::run(Needs needs) {
    if (needs_instead) {
        needs = *needs_instead;
    }
    if (check_usage) {
        if (auto ok = check_usage(); !ok) {
            return report(ok.error());
        }
    }
    Inputs inputs;
    std::optional<Config> config;
    Result<LoadedKb> kb = Error(ErrorCode::internal, "not loaded");
    switch (needs) {
        case Needs::nothing:
            break;
        case Needs::config:
        case Needs::index: {
            auto loaded = load_config();
            if (!loaded) {
                return report(loaded.error());
            }
            config = std::move(*loaded);
            inputs.config = &*config;
            break;
        }
        case Needs::kb:
        case Needs::kb_for_check:
        case Needs::kb_for_id:
            kb = needs == Needs::kb_for_id ? load_for_id(only_id) : load(needs == Needs::kb_for_check);
            if (!kb) {
                return report(kb.error());
            }
            inputs.kb = &*kb;
            inputs.config = &kb->config;
            break;
    }
    return action(inputs);
}

int Context::report(const Error& error) const {
    const int code = cli::report(error);
    if (json) {
        JsonWriter out(!json_lines);
        out.begin_object();
        out.key("error").begin_object();
        out.field("message", error.message);
        out.key("hint").string_or_null(error.hint);
        out.field("exit", code);
        out.end_object();
        out.end_object();
        std::fputs(out.str().c_str(), stdout);
        if (json_lines) {
            std::fputc('\n', stdout);
        }
    }
    return code;
}

int exit_code_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::not_found:
            return k_exit_not_found;
        case ErrorCode::usage:
        case ErrorCode::config:
            return k_exit_usage;
        case ErrorCode::io:
        case ErrorCode::index_locked:
        case ErrorCode::index_damaged:
        case ErrorCode::internal:
            return k_exit_runtime;
    }
    return k_exit_runtime;
}

int report(const Error& error) {
    std::string text = "faqt: error: " + error.message + "\n";
    if (!error.hint.empty()) {
        text += "hint: " + error.hint + "\n";
    }
    write_text(stderr, text, false);
    return exit_code_for(error.code);
}

void warn(std::string_view message, std::string_view hint) {
    std::string text = "faqt: warning: " + std::string(message) + "\n";
    if (!hint.empty()) {
        text += "hint: " + std::string(hint) + "\n";
    }
    write_text(stderr, text, false);
}

void write_diagnostics(JsonWriter& json, const Diagnostics& diagnostics) {
    json.key("diagnostics").begin_array();
    for (const auto& d : diagnostics) {
        json.begin_object();
        json.path("path", d.path);
        json.field("line", d.line);
        json.field("column", d.column);
        json.field("severity", to_string(d.severity));
        json.field("message", d.message);
        json.key("hint").string_or_null(d.hint);
        json.end_object();
    }
    json.end_array();
}

void print_diagnostics(const Diagnostics& diagnostics, const Context& ctx, std::FILE* out) {
    std::string text;
    for (const auto& d : diagnostics) {
        std::string location = quote_name(d.path);
        if (d.line > 0) {
            location += ':';
            location += std::to_string(d.line);
            location += ':';
            location += std::to_string(d.column > 0 ? d.column : 1);
        }
        const bool error = d.severity == Severity::error;
        text += std::string(ctx.bold()) + location + ":" + std::string(ctx.reset()) + " " +
                std::string(error ? ctx.red() : ctx.yellow()) + to_string(d.severity) + ":" + std::string(ctx.reset()) +
                " " + one_line(d.message) + "\n";
        if (!d.hint.empty()) {
            text += "  hint: " + one_line(d.hint) + "\n";
        }
    }
    write_text(out, text, ctx.color);
}

}  // namespace faqt::cli
