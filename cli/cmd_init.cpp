// faqt init [DIR]: a new knowledge base with faqt.toml, .gitignore and two
// starter articles that pass 'faqt check'.

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/commands.hpp"
#include "content/date.hpp"
#include "content/kb.hpp"
#include "content/text.hpp"

namespace faqt::cli {

namespace {

namespace fs = std::filesystem;

struct InitOptions {
    std::string dir = ".";
    std::string title;
    bool force = false;
};

std::string config_text(const std::string& title) {
    return R"([kb]
title = ")" +
           title + R"("
default_lang = "en"
# base_url = "https://help.example.com/"
# exclude = ["drafts/**"]

# Ticket categories, as the help desk uses them. Parents are implied:
# "accounts/passwords" makes "accounts" a category too.
[[categories]]
id = "general"
name = "General"
description = "Questions about the help desk itself"
codes = ["GEN"]

[[categories]]
id = "accounts/passwords"
name = "Passwords"
description = "Password resets and expiry"
codes = ["ACC-PWD"]

[synonyms]
password = ["passcode", "pwd"]

[answer]
greeting = "Hi {{customer}},"
signature = "Best regards,\n{{agent}}"

[answer.defaults]
customer = "there"
agent = "The Help Desk"

# Section headings of articles in other languages (the English ones are
# built in): a known error's "## Triệu chứng" is its Symptoms section.
[sections.vi]
symptoms = ["Triệu chứng", "Hiện tượng"]
cause = ["Nguyên nhân"]
workaround = ["Cách khắc phục tạm thời"]
resolution = ["Cách giải quyết", "Giải pháp"]
answer = ["Câu trả lời", "Trả lời mẫu"]
environment = ["Môi trường"]
internal = ["Ghi chú nội bộ"]

[sections.pl]
symptoms = ["Objawy"]
cause = ["Przyczyna"]
workaround = ["Obejście"]
resolution = ["Rozwiązanie"]
answer = ["Odpowiedź"]
environment = ["Środowisko"]
internal = ["Notatki wewnętrzne"]
)";
}

std::string faq_text(const std::string& date) {
    return R"(+++
title = "How do I contact the help desk?"
summary = "Open a ticket, call, or chat: where to reach the help desk and when."
type = "faq"
categories = ["general"]
tags = ["contact", "hours"]
aliases = ["help desk phone number", "opening hours"]
updated = )" +
           date + R"(
+++

Open a ticket in the self-service portal at any time, or call the help desk
on weekdays between 08:00 and 18:00.

## Answer

You can reach the help desk through the self-service portal at any time, or
by phone on weekdays from 08:00 to 18:00. For an outage that stops you
working, call so we can start on it at once.
)";
}

std::string known_error_text(const std::string& date) {
    return R"(+++
title = "Password reset link has expired"
summary = "Reset links are valid for 30 minutes; request a new one."
type = "known-error"
status = "workaround"
severity = "low"
categories = ["accounts/passwords"]
tags = ["password", "reset"]
products = ["Self-service portal"]
affected_versions = ["2.4"]
updated = )" +
           date + R"(
+++

## Symptoms

Opening the password reset link shows "This link has expired".

## Cause

Reset links are valid for 30 minutes, and some mail filters delay them.

## Workaround

Request a new link and open it within 30 minutes.

## Answer

The reset link is only valid for 30 minutes. Please request a new one from
the sign-in page and open it straight away; it will work for the next 30
minutes.
)";
}

int run_init(const InitOptions& options, Context& ctx) {
    fs::path dir = options.dir;
    std::error_code ec;
    if (fs::exists(dir / "faqt.toml", ec)) {
        return ctx.report(Error(ErrorCode::usage, "'" + (dir / "faqt.toml").string() + "' already exists",
                                "this folder is already a knowledge base"));
    }
    // A KB inside another one would hand its articles to the outer KB too
    // (its scan finds every *.md below it).
    if (!options.force) {
        const fs::path absolute = fs::weakly_canonical(fs::absolute(dir, ec), ec);
        auto enclosing = discover_kb(std::nullopt, std::nullopt, absolute.parent_path());
        if (enclosing) {
            return ctx.report(
                Error(ErrorCode::usage,
                      "'" + dir.string() + "' is inside the knowledge base in '" + enclosing->string() + "'",
                      "its articles would also belong to that one; use a folder outside it, or "
                      "'faqt init --force' to create a nested knowledge base anyway"));
        }
    }
    fs::create_directories(dir / "known-errors", ec);
    if (ec) {
        return ctx.report(Error(ErrorCode::io, "cannot create '" + dir.string() + "': " + ec.message()));
    }
    std::string title = options.title;
    if (title.empty()) {
        title = fs::absolute(dir, ec).lexically_normal().filename().string();
        if (title.empty() || title == ".") {
            title = fs::absolute(dir, ec).lexically_normal().parent_path().filename().string();
        }
        if (title.empty()) {
            title = "Knowledge base";
        }
    }
    const std::string date = ctx.today().to_string();
    struct File {
        fs::path path;
        std::string text;
        bool append = false;
    };
    const File files[] = {
        {dir / "faqt.toml", config_text(title)},
        {dir / "getting-started.md", faq_text(date)},
        {dir / "known-errors" / "example-known-error.md", known_error_text(date)},
    };
    for (const auto& file : files) {
        if (fs::exists(file.path, ec)) {
            continue;  // never overwrite a writer's file
        }
        std::ofstream out(file.path, std::ios::binary);
        out << file.text;
        if (!out) {
            return ctx.report(Error(ErrorCode::io, "cannot write '" + file.path.string() + "'"));
        }
    }
    // Add .faqt/ to .gitignore, keeping what is there.
    fs::path gitignore = dir / ".gitignore";
    std::string existing;
    {
        std::ifstream in(gitignore, std::ios::binary);
        existing.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (existing.find(".faqt/") == std::string::npos) {
        std::ofstream out(gitignore, std::ios::binary | std::ios::app);
        if (!existing.empty() && existing.back() != '\n') {
            out << '\n';
        }
        out << ".faqt/\n";
        if (!out) {
            return ctx.report(Error(ErrorCode::io, "cannot write '" + gitignore.string() + "'"));
        }
    }
    if (!ctx.global.quiet) {
        write_text(stdout, "Initialised empty faqt KB in " + quote_name(dir.string()) + "\n", false);
    }
    return k_exit_ok;
}

}  // namespace

void setup_init(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<InitOptions>();
    auto* cmd = app.add_subcommand("init", "Create a new knowledge base");
    cmd->add_option("dir", options->dir, "Folder for the knowledge base (default: .)");
    cmd->add_option("--title", options->title, "Title of the knowledge base");
    cmd->add_flag("--force", options->force, "Create it even inside another knowledge base");
    cmd->callback([options, &ctx] { ctx.action = [options, &ctx](const Inputs&) { return run_init(*options, ctx); }; });
}

}  // namespace faqt::cli
