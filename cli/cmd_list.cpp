// faqt list: articles by filter and sort.

#include <algorithm>
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/filter_options.hpp"
#include "cli/render.hpp"
#include "content/category.hpp"
#include "content/json.hpp"
#include "content/public_view.hpp"
#include "content/text.hpp"

namespace faqt::cli {

namespace {

// Each filter takes several values, repeated or comma-separated, like
// 'faqt search': an article passes when it matches any of them.
struct ListOptions {
    FilterOptions filter;
    std::string sort = "id";
    bool reverse = false;
    int limit = 0;
    bool json = false;
};

int run_list(const ListOptions& o, const Context& ctx, const LoadedKb* kb) {
    auto filter = o.filter.resolve(kb->config);
    if (!filter) {
        return ctx.report(filter.error());
    }
    std::vector<const Article*> articles;
    for (const auto& a : kb->articles) {
        if (filter->matches(a)) {
            articles.push_back(&a);
        }
    }
    // Articles come sorted by id; a stable sort keeps that order among equal
    // keys, and --reverse flips the key only, so ties stay in id order.
    const bool reverse = o.reverse;
    auto by = [&](auto key) {
        std::stable_sort(articles.begin(), articles.end(), [&](const Article* x, const Article* y) {
            return reverse ? key(*y) < key(*x) : key(*x) < key(*y);
        });
    };
    if (o.sort == "title") {
        by([](const Article& a) { return fold(a.title); });
    } else if (o.sort == "updated") {
        by([](const Article& a) { return a.updated; });
    } else if (o.sort == "review_by") {
        // Articles without review_by sort after every date.
        by([](const Article& a) { return std::make_pair(!a.review_by.has_value(), a.review_by); });
    } else if (o.sort == "type") {
        by([](const Article& a) { return std::string(to_string(a.type)); });
    } else if (o.sort == "status") {
        by([](const Article& a) { return a.status; });
    } else if (o.sort == "severity") {
        // Critical first; articles without a severity after low.
        by([](const Article& a) { return severity_rank(a.severity); });
    } else if (reverse) {
        std::reverse(articles.begin(), articles.end());
    }
    if (o.limit > 0 && articles.size() > static_cast<std::size_t>(o.limit)) {
        articles.resize(static_cast<std::size_t>(o.limit));
    }
    if (o.json) {
        JsonWriter json;
        json.begin_object();
        json.field("count", articles.size());
        json.key("articles").begin_array();
        for (const Article* a : articles) {
            json.begin_object();
            json.field("id", a->id);
            json.field("lang", a->lang);
            json.field("title", a->title);
            json.field("type", to_string(a->type));
            json.key("status").string_or_null(a->status);
            json.key("severity").string_or_null(a->severity);
            json.key("categories").strings(a->categories);
            json.key("tags").strings(a->tags);
            json.field("visibility", is_public(*a) ? "public" : "internal");
            json.field("draft", a->draft);
            json_date(json, "updated", a->updated);
            json_date(json, "review_by", a->review_by);
            json.path("path", a->path);
            json.end_object();
        }
        json.end_array();
        json.end_object();
        std::fputs(json.str().c_str(), stdout);
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const Article* a : articles) {
            // An id made from an odd file name is quoted, so its row stays one row.
            std::string id = quote_name(a->id);
            if (a->lang != kb->config.default_lang) {
                id += "[" + a->lang + "]";
            }
            std::string title = a->title;
            if (!is_public(*a)) {
                title += " (internal)";
            }
            if (a->draft) {
                title += " (draft)";
            }
            // "workaround/high": the severity of a known error that has one
            // shares the status column, so the columns stay as they were.
            std::string status = a->status.empty() ? "-" : a->status;
            if (!a->severity.empty()) {
                status += "/" + a->severity;
            }
            rows.push_back({id, to_string(a->type), status, date_text(a->updated), title});
        }
        print_columns(rows, {ctx.cyan(), {}, ctx.yellow(), ctx.dim()}, ctx);
    }
    if (articles.empty()) {
        if (!ctx.global.quiet && !o.json) {
            std::fprintf(stderr, "faqt: no articles match\n");
        }
        return k_exit_not_found;
    }
    return k_exit_ok;
}

}  // namespace

void setup_list(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ListOptions>();
    auto* cmd = app.add_subcommand("list", "List articles by filter and sort");
    add_filter_options(cmd, o->filter);
    cmd->add_option("--sort", o->sort, "id, title, updated, review_by, type, status or severity")
        ->check(CLI::IsMember({"id", "title", "updated", "review_by", "type", "status", "severity"}));
    cmd->add_flag("--reverse", o->reverse, "Reverse the order");
    add_whole_number_option(cmd, "--limit", o->limit, "Show at most N articles", 1);
    cmd->add_flag("--json", o->json, "JSON output");
    cmd->callback([o, &ctx] {
        ctx.json = o->json;
        ctx.action = [o, &ctx](const Inputs& in) { return run_list(*o, ctx, in.kb); };
    });
}

}  // namespace faqt::cli
