// faqt show ID: one article for the terminal, as text, markdown, html or json.

#include <unistd.h>

#include <cstdio>
#include <set>
#include <sys/ioctl.h>

#include "cli/commands.hpp"
#include "cli/render.hpp"
#include "content/category.hpp"
#include "content/json.hpp"
#include "content/lookup.hpp"
#include "content/markdown.hpp"
#include "content/text.hpp"
#include "content/public_view.hpp"

namespace faqt::cli {

namespace {

struct ShowOptions {
    std::string id;
    std::string format = "text";
    std::string lang;
    bool json = false;
};

int terminal_width() {
    winsize size{};
    if (isatty(STDOUT_FILENO) != 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 20) {
        return std::min<int>(size.ws_col, 100);
    }
    return 80;
}

// The body without a leading "# Title" heading, which the header already shows.
std::string body_markdown(const Article& a) {
    std::string out = a.intro;
    for (const auto& section : a.sections) {
        if (!out.empty()) {
            out += "\n\n";
        }
        out += std::string(static_cast<std::size_t>(section.level), '#') + " " + section.heading + "\n\n" +
               section.markdown;
    }
    return out;
}

// The group's name and codes as one line: "Network team (NET-L2)".
std::string group_line(const EscalationGroup& group) {
    std::string line = group.name.empty() ? group.id : group.name;
    if (!group.codes.empty()) {
        line += " (" + join(group.codes) + ")";
    }
    return line;
}

void print_text(const Article& a, const EscalationGroup* escalation, const Context& ctx) {
    std::string out;
    const std::string title = one_line(a.title);
    out += std::string(ctx.bold()) + title + std::string(ctx.reset()) + "\n";
    out += std::string(std::min<std::size_t>(display_width(title), 80), '=') + "\n";
    std::vector<std::vector<std::string>> meta;
    auto add = [&](const char* label, const std::string& value) {
        if (!value.empty()) {
            meta.push_back({label, value});
        }
    };
    add("Id:", quote_name(a.id) + (a.lang.empty() ? "" : " [" + a.lang + "]"));
    add("Type:", to_string(a.type));
    add("Status:", a.status);
    add("Severity:", a.severity);
    add("Summary:", a.summary);
    add("Categories:", join(a.categories));
    add("Tags:", join(a.tags));
    add("Products:", join(a.products));
    add("Affected:", join(a.affected_versions));
    add("Fixed in:", a.fixed_in);
    add("Updated:", date_text(a.updated, ""));
    add("Review by:", date_text(a.review_by, ""));
    add("Tickets:", join(a.tickets));
    if (escalation != nullptr) {
        add("Escalate to:", group_line(*escalation));
        if (!escalation->when.empty()) {
            meta.push_back({"", "when: " + escalation->when});
        }
        if (!escalation->contact.empty()) {
            meta.push_back({"", "contact: " + escalation->contact});
        }
    }
    if (!is_public(a)) {
        add("Visibility:", "internal (agents only, never exported)");
    }
    if (a.draft) {
        add("Draft:", "yes");
    }
    write_text(stdout, out, ctx.color);
    print_columns(meta, {ctx.dim()}, ctx);
    // The body keeps the renderer's styles; link URLs and anything else the
    // renderer passed through lose their control characters here.
    out = "\n" + markdown_to_terminal(body_markdown(a), TerminalStyle{ctx.color, terminal_width()});
    write_text(stdout, out, ctx.color);
}

void print_json(const Article& a, const EscalationGroup* escalation, const std::vector<Article>& all) {
    JsonWriter json;
    json.begin_object();
    json.field("id", a.id);
    json.field("title", a.title);
    json.key("summary").string_or_null(a.summary);
    json.field("type", to_string(a.type));
    json.key("status").string_or_null(a.status);
    json.key("severity").string_or_null(a.severity);
    json.key("categories").strings(a.categories);
    json.key("tags").strings(a.tags);
    json.key("aliases").strings(a.aliases);
    json.key("products").strings(a.products);
    json.key("affected_versions").strings(a.affected_versions);
    json.key("fixed_in").string_or_null(a.fixed_in);
    json.field("visibility", is_public(a) ? "public" : "internal");
    json.field("draft", a.draft);
    json.field("lang", a.lang);
    json_date(json, "updated", a.updated);
    json_date(json, "review_by", a.review_by);
    json.key("tickets").strings(a.tickets);
    json.key("escalation");
    if (escalation == nullptr) {
        json.null();
    } else {
        json.begin_object();
        json.field("id", escalation->id);
        json.key("name").string_or_null(escalation->name);
        json.key("codes").strings(escalation->codes);
        json.key("when").string_or_null(escalation->when);
        json.key("contact").string_or_null(escalation->contact);
        json.end_object();
    }
    json.path("path", a.path);
    std::vector<std::string> translations;
    for (const auto& other : all) {
        if (other.id == a.id && other.lang != a.lang) {
            translations.push_back(other.lang);
        }
    }
    json.key("translations").strings(translations);
    json.key("sections").begin_array();
    for (const auto& section : a.sections) {
        json.begin_object();
        json.field("heading", section.heading);
        json.key("kind");
        if (section.kind == SectionKind::other) {
            json.null();
        } else {
            json.value(to_string(section.kind));
        }
        json.field("line", section.line);
        json.end_object();
    }
    json.end_array();
    std::string_view body = a.body;
    while (!body.empty() && (body.front() == '\n' || body.front() == '\r')) {
        body.remove_prefix(1);
    }
    json.field("body", body);
    json.end_object();
    std::fputs(json.str().c_str(), stdout);
}

int run_show(const ShowOptions& options, const Context& ctx, const LoadedKb* kb) {
    auto id = resolve_id(kb->articles, options.id);
    if (!id) {
        return ctx.report(id.error());
    }
    const Article* article = pick_translation(kb->articles, *id, options.lang, kb->config.default_lang);
    if (!options.lang.empty() && article->lang != options.lang) {
        std::set<std::string> langs;
        for (const auto& a : kb->articles) {
            if (a.id == *id) {
                langs.insert(a.lang);
            }
        }
        std::string available;
        for (const auto& l : langs) {
            available += (available.empty() ? "" : ", ") + l;
        }
        return ctx.report(Error(ErrorCode::not_found, "'" + *id + "' has no translation in '" + options.lang + "'",
                                "available: " + available));
    }
    std::string format = options.json ? "json" : options.format;
    const EscalationGroup* escalation = escalation_group(*article, kb->config);
    if (format == "json") {
        print_json(*article, escalation, kb->articles);
    } else if (format == "markdown") {
        // The source as written, less control characters (a CRLF file
        // comes out with LF line ends).
        write_text(stdout, article->source, false);
    } else if (format == "html") {
        write_text(stdout, markdown_to_html(article->body, kb->config.site_allow_html), false);
    } else {
        print_text(*article, escalation, ctx);
    }
    return k_exit_ok;
}

}  // namespace

void setup_show(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<ShowOptions>();
    auto* cmd = app.add_subcommand("show", "Show one article");
    cmd->add_option("id", options->id, "Article id, or a unique suffix of one")->required();
    cmd->add_option("--format", options->format, "text, markdown, html or json")
        ->check(CLI::IsMember({"text", "markdown", "html", "json"}));
    cmd->add_flag("--json", options->json, "Same as --format json");
    cmd->add_option("--lang", options->lang, "Show the translation in this language");
    cmd->callback([options, &ctx] {
        ctx.json = options->json || options->format == "json";
        ctx.only_id = options->id;
        ctx.action = [options, &ctx](const Inputs& in) { return run_show(*options, ctx, in.kb); };
    });
}

}  // namespace faqt::cli
