// faqt new TYPE TITLE: an article file from a template, ready to edit.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>

#include <unistd.h>

#include "cli/commands.hpp"
#include "content/category.hpp"
#include "content/date.hpp"
#include "content/text.hpp"

namespace faqt::cli {

namespace {

namespace fs = std::filesystem;

struct NewOptions {
    std::string type;
    std::string title;
    std::string category;
    std::string dir;
    std::string lang;
    bool edit = false;
    bool force = false;
};

// True when an executable called name is in a folder of $PATH.
bool on_path(const char* name) {
    const char* path = std::getenv("PATH");
    std::string_view dirs = path != nullptr ? path : "";
    while (!dirs.empty()) {
        const std::size_t colon = dirs.find(':');
        const std::string dir(dirs.substr(0, colon));
        dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
        const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0) {
            return true;
        }
    }
    return false;
}

// The editor as git picks it: $VISUAL, $EDITOR, else 'editor' (Debian's
// alternative) or 'vi' from $PATH.
std::optional<std::string> find_editor() {
    for (const char* variable : {"VISUAL", "EDITOR"}) {
        if (const char* value = std::getenv(variable); value != nullptr && *value != '\0') {
            return std::string(value);
        }
    }
    for (const char* name : {"editor", "vi"}) {
        if (on_path(name)) {
            return std::string(name);
        }
    }
    return std::nullopt;
}

// text as one word for sh, quotes and all.
std::string shell_quote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

std::string toml_string(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

// escalation: an [[escalation]] group's id for the flow template's last
// step; "" when faqt.toml declares none (the step then ends "resolved").
std::string article_text(const NewOptions& o, ArticleType type, const std::string& default_lang, const Date& today,
                         const std::string& escalation) {
    std::string date = today.to_string();
    std::string fm = "+++\ntitle = " + toml_string(o.title) + "\nsummary = \"\"\ntype = \"" + to_string(type) + "\"\n";
    if (type == ArticleType::known_error) {
        fm += "status = \"investigating\"\n";
        fm += "severity = \"medium\"  # critical, high, medium or low\n";
    }
    fm += "categories = [" + (o.category.empty() ? std::string() : toml_string(o.category)) + "]\n";
    fm += "tags = []\naliases = []\n";
    if (type == ArticleType::known_error) {
        fm += "products = []\naffected_versions = []\n# fixed_in = \"\"\n";
    }
    if (!o.lang.empty() && o.lang != default_lang) {
        fm += "lang = " + toml_string(o.lang) + "\n";
    }
    fm += "updated = " + date + "\n+++\n\n";
    switch (type) {
        case ArticleType::known_error:
            return fm +
                   "## Symptoms\n\nWhat users see: the error message, word for word.\n\n"
                   "## Cause\n\nWhy it happens, once known.\n\n"
                   "## Workaround\n\nWhat users can do until it is fixed.\n\n"
                   "## Answer\n\nThis is a known problem and we are working on it. Until it is fixed, ...\n";
        case ArticleType::howto:
            return fm +
                   "What this guide helps with, in one or two sentences.\n\n"
                   "## Steps\n\n1. First step.\n2. Second step.\n\n"
                   "## Answer\n\nHere is how to do it: ...\n";
        case ArticleType::flow:
            // A flow a writer can fill in without the man page: both forms
            // of a step, a label, an agent-only step and ends of each kind.
            return fm +
                   "What an agent finds out with this flow, in one sentence. Each answer leads to another step, "
                   "to the article with the fix (a link to it, relative to this file), to a second-line group "
                   "(\"escalate GROUP\") or to \"resolved\"; see faqt-flow(5).\n\n"
                   "## Steps\n\n"
                   "1. {first-check} The first question to ask the user? \u2014 yes: step 2 \u2014 no: resolved\n"
                   "2. The next question, or a check the user does.\n"
                   "   - it works now: resolved\n"
                   "   - it does not: step {hand-over}\n"
                   "   - not sure: step {first-check}\n"
                   "3. {internal} {hand-over} What the agent checks before handing the ticket over (end users "
                   "never see this step). \u2014 done: " +
                   (escalation.empty() ? std::string("resolved") : "escalate " + escalation) + "\n";
        case ArticleType::faq:
            break;
    }
    return fm + "The answer, in a sentence or two.\n\n## Answer\n\nThe reply an agent pastes into the ticket.\n";
}

Result<void> check_type(const NewOptions& o) {
    if (!parse_article_type(o.type)) {
        return Error(ErrorCode::usage, "unknown article type '" + o.type + "'", "use faq, known-error, howto or flow");
    }
    return {};
}

int run_new(const NewOptions& o, const Context& ctx, const LoadedKb* kb) {
    const auto type = parse_article_type(o.type);
    const Config& config = kb->config;
    if (!o.category.empty() && !CategoryTree(config).contains(o.category)) {
        return ctx.report(Error(ErrorCode::usage, "unknown category '" + o.category + "'",
                                "'faqt categories' lists them; declare new ones in faqt.toml"));
    }
    std::string slug = slugify(o.title);
    if (slug.empty()) {
        return ctx.report(
            Error(ErrorCode::usage, "the title gives an empty file name", "use a title with letters or digits"));
    }
    fs::path folder = config.root;
    if (!o.dir.empty()) {
        folder /= o.dir;
    } else if (!o.category.empty()) {
        folder /= o.category;
    }
    // The file must land inside the KB: --dir ../elsewhere is refused.
    std::string inside = folder.lexically_relative(config.root).lexically_normal().generic_string();
    if (inside.rfind("..", 0) == 0 || fs::path(o.dir).is_absolute()) {
        return ctx.report(Error(ErrorCode::usage, "--dir '" + o.dir + "' is outside the knowledge base",
                                "give a folder below " + config.root.string()));
    }
    std::string name = slug;
    if (!o.lang.empty() && o.lang != config.default_lang) {
        name += "." + o.lang;
    }
    fs::path file = folder / (name + ".md");
    std::error_code ec;
    if (fs::exists(file, ec) && !o.force) {
        return ctx.report(Error(ErrorCode::io,
                                "'" + file.lexically_relative(fs::current_path()).string() + "' already exists",
                                "choose another title, or use --force to overwrite it"));
    }
    // The editor is found before the file is written, so a missing one
    // leaves nothing behind.
    std::optional<std::string> editor;
    if (o.edit) {
        editor = find_editor();
        if (!editor) {
            return ctx.report(Error(ErrorCode::usage,
                                    "--edit found no editor: $VISUAL and $EDITOR are not set, and "
                                    "neither 'editor' nor 'vi' is on $PATH",
                                    "set EDITOR, for example EDITOR=nano, or leave out --edit"));
        }
    }
    fs::create_directories(folder, ec);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << article_text(o, *type, config.default_lang, ctx.today(),
                        config.escalation.empty() ? std::string() : config.escalation.front().id);
    out.close();
    if (!out) {
        return ctx.report(Error(ErrorCode::io, "cannot write '" + file.string() + "'"));
    }
    std::string shown = file.lexically_relative(fs::current_path(ec)).string();
    if (shown.empty()) {
        shown = file.string();
    }
    write_text(stdout, quote_name(shown) + "\n", false);
    if (editor) {
        std::fflush(stdout);
        std::string command = *editor + " " + shell_quote(file.string());
        if (std::system(command.c_str()) != 0) {
            return ctx.report(Error(ErrorCode::io, "the editor exited with an error",
                                    "the article was written to '" + shown + "'; edit it there"));
        }
    }
    return k_exit_ok;
}

}  // namespace

void setup_new(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<NewOptions>();
    auto* cmd = app.add_subcommand("new", "Create an article from a template");
    cmd->add_option("type", options->type, "faq, known-error, howto or flow")->required();
    cmd->add_option("title", options->title, "Title of the article")->required();
    cmd->add_option("--category", options->category, "Ticket category (also the default folder)");
    cmd->add_option("--dir", options->dir, "Folder below the KB root for the file");
    cmd->add_option("--lang", options->lang, "Language of the article");
    cmd->add_flag("--edit", options->edit, "Open the new file in $VISUAL, $EDITOR, editor or vi");
    cmd->add_flag("--force", options->force, "Overwrite an existing file");
    cmd->callback([options, &ctx] {
        ctx.check_usage = [options] { return check_type(*options); };
        ctx.action = [options, &ctx](const Inputs& in) { return run_new(*options, ctx, in.kb); };
    });
}

}  // namespace faqt::cli
