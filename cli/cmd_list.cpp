// faqt list: articles by filter and sort.

#include <algorithm>
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/filter_options.hpp"
#include "cli/json.hpp"
#include "cli/render.hpp"
#include "content/category.hpp"
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

bool contains_folded(const std::vector<std::string>& list, const std::vector<std::string>& wanted) {
    return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& one) {
        const std::string w = fold(one);
        return std::any_of(list.begin(), list.end(), [&](const std::string& item) { return fold(item) == w; });
    });
}

bool one_of(const std::vector<std::string>& wanted, const std::string& value) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

bool matches(const Article& a, const ListOptions& o) {
    if (a.draft && !o.filter.drafts) {
        return false;
    }
    if (!one_of(o.filter.types, to_string(a.type)) || !one_of(o.filter.statuses, a.status) ||
        !one_of(o.filter.langs, a.lang)) {
        return false;
    }
    if (!o.filter.categories.empty() &&
        std::none_of(a.categories.begin(), a.categories.end(), [&](const std::string& c) {
            return std::any_of(o.filter.categories.begin(), o.filter.categories.end(),
                               [&](const std::string& wanted) { return CategoryTree::is_within(c, wanted); });
        })) {
        return false;
    }
    if (!o.filter.tags.empty() && !contains_folded(a.tags, o.filter.tags)) {
        return false;
    }
    if (!o.filter.products.empty() && !contains_folded(a.products, o.filter.products)) {
        return false;
    }
    if (o.filter.internal && is_public(a)) {
        return false;
    }
    if (o.filter.public_only && !is_public(a)) {
        return false;
    }
    return true;
}

int run_list(const ListOptions& o, Context& ctx) {
    for (const auto& type : o.filter.types) {
        if (!parse_article_type(type)) {
            return report(Error(ErrorCode::usage, "unknown type '" + type + "'", "use faq, known-error or howto"));
        }
    }
    for (const auto& status : o.filter.statuses) {
        if (!is_known_status(status)) {
            return report(Error(ErrorCode::usage, "unknown status '" + status + "'",
                                "use investigating, workaround, fixed or wont-fix"));
        }
    }
    auto kb = ctx.load();
    if (!kb) {
        return report(kb.error());
    }
    std::vector<const Article*> articles;
    for (const auto& a : kb->articles) {
        if (matches(a, o)) {
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
            json.key("categories").strings(a->categories);
            json.key("tags").strings(a->tags);
            json.field("visibility", is_public(*a) ? "public" : "internal");
            json.field("draft", a->draft);
            json_date(json, "updated", a->updated);
            json_date(json, "review_by", a->review_by);
            json.field("path", a->path);
            json.end_object();
        }
        json.end_array();
        json.end_object();
        std::fputs(json.str().c_str(), stdout);
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const Article* a : articles) {
            std::string id = a->id;
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
            rows.push_back({id, to_string(a->type), a->status.empty() ? "-" : a->status, date_text(a->updated), title});
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
    cmd->add_option("--sort", o->sort, "id, title, updated, review_by, type or status")
        ->check(CLI::IsMember({"id", "title", "updated", "review_by", "type", "status"}));
    cmd->add_flag("--reverse", o->reverse, "Reverse the order");
    cmd->add_option("--limit", o->limit, "Show at most N articles")->check(CLI::NonNegativeNumber);
    cmd->add_flag("--json", o->json, "JSON output");
    cmd->callback([o, &ctx] { ctx.action = [o, &ctx] { return run_list(*o, ctx); }; });
}

}  // namespace faqt::cli
