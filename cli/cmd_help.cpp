// faqt help [TOPIC]: the manual pages, built into the binary, shown with
// man(1) when it is installed and as plain text otherwise.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli/commands.hpp"
#include "cli/man_pages.hpp"

namespace faqt::cli {

namespace {

struct HelpOptions {
    std::string topic;
};

const ManPage* find_page(const std::string& topic) {
    std::vector<std::string> names;
    if (topic.empty() || topic == "faqt") {
        names = {"faqt.1"};
    } else if (topic == "toml" || topic == "faqt.toml" || topic == "config") {
        names = {"faqt.toml.5"};
    } else {
        names = {"faqt-" + topic + ".1", "faqt-" + topic + ".5", "faqt-" + topic + ".7",
                 topic + ".1",           topic + ".5",           topic + ".7"};
    }
    for (const auto& name : names) {
        for (const auto& page : man_pages()) {
            if (page.name == name) {
                return &page;
            }
        }
    }
    return nullptr;
}

// A plain-text reading of roff for machines without man(1): requests are
// dropped or turned into line breaks, font escapes removed.
std::string roff_to_text(std::string_view source) {
    std::string out;
    std::size_t pos = 0;
    bool no_fill = false;
    while (pos < source.size()) {
        auto end = source.find('\n', pos);
        std::string line(source.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
        pos = end == std::string_view::npos ? source.size() : end + 1;
        if (line.rfind(".\\\"", 0) == 0 || line.rfind("'\\\"", 0) == 0) {
            continue;
        }
        if (!line.empty() && line[0] == '.') {
            std::string request =
                line.substr(1, line.find(' ') == std::string::npos ? std::string::npos : line.find(' ') - 1);
            std::string rest = line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
            if (request == "SH") {
                out += "\n" + rest + "\n";
            } else if (request == "SS") {
                out += "\n  " + rest + "\n";
            } else if (request == "PP" || request == "LP" || request == "P" || request == "TP" || request == "IP" ||
                       request == "br") {
                out += "\n";
                if (request == "IP" && !rest.empty()) {
                    out += rest + " ";
                }
            } else if (request == "EX" || request == "nf") {
                no_fill = true;
                out += "\n";
            } else if (request == "EE" || request == "fi") {
                no_fill = false;
            } else if (request == "B" || request == "I" || request == "BR" || request == "IR" || request == "RB" ||
                       request == "BI" || request == "IB" || request == "RI") {
                std::string text;
                bool quoted = false;
                for (char c : rest) {
                    if (c == '"') {
                        quoted = !quoted;
                        continue;
                    }
                    if (c == ' ' && !quoted && request.size() == 2) {
                        continue;  // alternating-font macros join their arguments
                    }
                    text += c;
                }
                out += text + (no_fill ? "\n" : " ");
            }
            continue;
        }
        out += line + (no_fill ? "\n" : " ");
    }
    // Escapes: fonts, hyphens, non-breaking spaces.
    std::string clean;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '\\' && i + 1 < out.size()) {
            char next = out[i + 1];
            if (next == 'f' && i + 2 < out.size()) {
                i += 2;
                continue;
            }
            if (next == '-' || next == 'e') {
                clean += next == '-' ? '-' : '\\';
                ++i;
                continue;
            }
            if (next == '%' || next == '&') {
                ++i;
                continue;
            }
            if (next == '~') {
                clean += ' ';
                ++i;
                continue;
            }
            if (next == '(' && i + 3 < out.size()) {
                std::string name = out.substr(i + 2, 2);
                clean += name == "em" ? "--" : name == "bu" ? "*" : "";
                i += 3;
                continue;
            }
        }
        clean += out[i];
    }
    return clean;
}

bool have_man() {
    return std::system("command -v man >/dev/null 2>&1") == 0;
}

int run_help(const HelpOptions& options, const Context& ctx) {
    const ManPage* page = find_page(options.topic);
    if (page == nullptr) {
        std::string topics;
        for (const auto& command : k_commands) {
            topics += std::string(topics.empty() ? "" : ", ") + std::string(command.name);
        }
        return ctx.report(Error(ErrorCode::usage, "no manual page for '" + options.topic + "'",
                                "topics: " + topics + ", toml, query, flow"));
    }
    std::fflush(stdout);
    if (have_man()) {
        char path[] = "/tmp/faqt-man-XXXXXX";
        int fd = mkstemp(path);
        if (fd >= 0) {
            std::string source(page->source);
            bool written = ::write(fd, source.data(), source.size()) == static_cast<ssize_t>(source.size());
            ::close(fd);
            int status = -1;
            if (written) {
                // Width fixed when not a terminal so the output is the same everywhere.
                std::string env = isatty(STDOUT_FILENO) != 0 ? "" : "MANWIDTH=80 ";
                std::string command = env + "man -l " + std::string(path) + " 2>/dev/null";
                status = std::system(command.c_str());
            }
            std::remove(path);
            if (status == 0) {
                return k_exit_ok;
            }
        }
    }
    std::fputs(roff_to_text(page->source).c_str(), stdout);
    std::fputs("\n", stdout);
    return k_exit_ok;
}

}  // namespace

void setup_help(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<HelpOptions>();
    auto* cmd = app.add_subcommand("help", "Show the manual page of a command");
    cmd->add_option("topic", options->topic,
                    "A command, 'toml' for faqt.toml(5), 'query' for faqt-query(7) or 'flow' for faqt-flow(5)");
    cmd->callback([options, &ctx] { ctx.action = [options, &ctx](const Inputs&) { return run_help(*options, ctx); }; });
}

}  // namespace faqt::cli
