// faqt search QUERY...: ranked results with snippets, filters, facets and
// --json, over the index (refreshed first).

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/filter_options.hpp"
#include "cli/index_refresh.hpp"
#include "cli/json.hpp"
#include "cli/render.hpp"
#include "content/article.hpp"
#include "index/search.hpp"

namespace faqt::cli {

namespace {

struct SearchOptions {
    FilterOptions filter;
    std::vector<std::string> words;
    std::string version;
    bool facets = false;
    int limit = 10;
    int offset = 0;
    bool json = false;
    bool no_refresh = false;
    std::vector<std::string> extras;  // "-word" exclusions CLI11 took for options
};

std::string join_query(const SearchOptions& o) {
    std::string query;
    for (const auto& list : {o.words, o.extras}) {
        for (const auto& w : list) {
            if (w == "--") {
                continue;
            }
            if (!query.empty()) {
                query += ' ';
            }
            query += w;
        }
    }
    return query;
}

// The snippet with its matched words in bold yellow on a terminal.
std::string styled_snippet(const Snippet& snippet, const Context& ctx) {
    if (!ctx.color) {
        return snippet.text;
    }
    std::string out;
    std::size_t at = 0;
    for (const auto& [begin, end] : snippet.highlights) {
        if (begin < at || end > snippet.text.size()) {
            continue;
        }
        out.append(snippet.text, at, begin - at);
        out += std::string(ctx.bold()) + std::string(ctx.yellow());
        out.append(snippet.text, begin, end - begin);
        out += ctx.reset();
        at = end;
    }
    out.append(snippet.text, at, std::string::npos);
    return out;
}

void print_facet_line(const char* label, const std::vector<FacetCount>& counts, const Context& ctx) {
    std::string line = std::string(ctx.bold()) + label + std::string(ctx.reset());
    if (counts.empty()) {
        line += " -";
    }
    bool first = true;
    for (const auto& c : counts) {
        line += first ? " " : ", ";
        first = false;
        line += c.value + " " + std::to_string(c.count);
    }
    std::printf("%s\n", line.c_str());
}

void print_text(const SearchResults& r, const SearchOptions& o, const Config& config, const Context& ctx) {
    if (!r.corrected.empty() && !ctx.global.quiet) {
        std::printf("Showing results for \"%s%s%s\" instead of \"%s\"\n\n", std::string(ctx.bold()).c_str(),
                    r.corrected.c_str(), std::string(ctx.reset()).c_str(), r.query.c_str());
    }
    for (const auto& hit : r.hits) {
        std::string id = hit.id;
        if (!hit.lang.empty() && hit.lang != config.default_lang) {
            id += "[" + hit.lang + "]";
        }
        // Marked like 'faqt list' does, so no one pastes it to a customer.
        std::string title = hit.title;
        if (hit.visibility != Visibility::public_) {
            title += " (internal)";
        }
        std::printf("%s%s%s  %s%s%s\n", std::string(ctx.cyan()).c_str(), id.c_str(), std::string(ctx.reset()).c_str(),
                    std::string(ctx.bold()).c_str(), title.c_str(), std::string(ctx.reset()).c_str());
        std::string meta = hit.type;
        if (!hit.status.empty()) {
            meta += " · " + hit.status;
        }
        if (!hit.categories.empty()) {
            meta += " · " + join(hit.categories);
        }
        std::printf("    %s%s%s\n", std::string(ctx.dim()).c_str(), meta.c_str(), std::string(ctx.reset()).c_str());
        if (!hit.snippet.text.empty()) {
            std::printf("    %s\n", styled_snippet(hit.snippet, ctx).c_str());
        }
        std::printf("\n");
    }
    if (r.facets) {
        print_facet_line("Types:", r.facets->types, ctx);
        print_facet_line("Categories:", r.facets->categories, ctx);
        print_facet_line("Status:", r.facets->statuses, ctx);
        std::printf("\n");
    }
    if (!ctx.global.quiet && !r.hits.empty()) {
        std::size_t first = static_cast<std::size_t>(o.offset) + 1;
        std::size_t last = static_cast<std::size_t>(o.offset) + r.hits.size();
        std::string line = std::to_string(first) + "-" + std::to_string(last) + " of " +
                           (r.total_exact ? "" : "about ") + std::to_string(r.total) +
                           (r.total == 1 ? " article" : " articles");
        if (last < r.total) {
            line += "; --offset " + std::to_string(last) + " shows more";
        }
        std::printf("%s%s%s\n", std::string(ctx.dim()).c_str(), line.c_str(), std::string(ctx.reset()).c_str());
    } else if (!ctx.global.quiet && r.total > 0) {
        // Paged past the end: say so rather than print nothing.
        std::fprintf(stderr, "faqt: no results past %d; %s%zu %s match\n", o.offset, r.total_exact ? "" : "about ",
                     r.total, r.total == 1 ? "article" : "articles");
    }
}

void json_facet(JsonWriter& json, std::string_view name, const std::vector<FacetCount>& counts) {
    json.key(name).begin_object();
    for (const auto& c : counts) {
        json.field(c.value, c.count);
    }
    json.end_object();
}

void print_json(const SearchResults& r) {
    JsonWriter json;
    json.begin_object();
    json.field("query", r.query);
    json.key("corrected").string_or_null(r.corrected);
    json.field("total", r.total);
    json.key("results").begin_array();
    for (const auto& hit : r.hits) {
        json.begin_object();
        json.field("id", hit.id);
        json.field("title", hit.title);
        json.field("type", hit.type);
        json.key("status").string_or_null(hit.status);
        json.key("categories").strings(hit.categories);
        json.field("lang", hit.lang);
        json.field("path", hit.path);
        json.field("visibility", to_string(hit.visibility));
        json.field("score", hit.score);
        json.field("snippet", hit.snippet.text);
        json.end_object();
    }
    json.end_array();
    json.key("facets");
    if (r.facets) {
        json.begin_object();
        json_facet(json, "type", r.facets->types);
        json_facet(json, "category", r.facets->categories);
        json_facet(json, "status", r.facets->statuses);
        json.end_object();
    } else {
        json.null();
    }
    json.end_object();
    std::fputs(json.str().c_str(), stdout);
}

int run_search(const SearchOptions& o, Context& ctx) {
    for (const auto& extra : o.extras) {
        if (extra.rfind("--", 0) == 0 && extra != "--") {
            return report(Error(ErrorCode::usage, "unknown option '" + extra + "'",
                                "run 'faqt search --help'; put '--' before a query word that starts with '-'"));
        }
    }
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
    SearchRequest request;
    request.query = join_query(o);
    request.filters.types = o.filter.types;
    request.filters.categories = o.filter.categories;
    request.filters.tags = o.filter.tags;
    request.filters.statuses = o.filter.statuses;
    request.filters.products = o.filter.products;
    request.filters.langs = o.filter.langs;
    request.filters.version = o.version;
    request.filters.drafts = o.filter.drafts;
    if (o.filter.internal) {
        request.filters.visibility = Visibility::internal;
    } else if (o.filter.public_only) {
        request.filters.visibility = Visibility::public_;
    }
    request.facets = o.facets;
    request.limit = static_cast<std::size_t>(o.limit);
    request.offset = static_cast<std::size_t>(o.offset);
    if (request.query.find_first_not_of(" \t") == std::string::npos && request.filters.empty() && !o.filter.drafts &&
        !o.facets) {
        return report(Error(ErrorCode::usage, "nothing to search for",
                            "give a query, or a filter such as --type known-error; see 'faqt help query'"));
    }

    auto config = ctx.load_config();
    if (!config) {
        return report(config.error());
    }
    // The freshness check costs one stat per article file; --no-refresh
    // skips it for scripts on big KBs that run 'faqt index' themselves.
    if (!o.no_refresh) {
        auto refreshed = refresh_index(ctx, *config);
        if (!refreshed) {
            return report(refreshed.error());
        }
    }
    auto results = search(*config, request);
    if (!results) {
        return report(results.error());
    }
    if (results->truncated && !ctx.global.quiet) {
        warn("the query is too long; only its first " + std::to_string(k_max_query_parts) +
                 " words and operators are searched",
             "search for the distinctive part, such as the error code or the first line of the message");
    }
    if (o.json) {
        print_json(*results);
    } else {
        print_text(*results, o, *config, ctx);
    }
    if (results->total == 0) {
        if (!ctx.global.quiet && !o.json) {
            std::fprintf(stderr, "faqt: no articles match\n");
        }
        return k_exit_not_found;
    }
    return k_exit_ok;
}

}  // namespace

void setup_search(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<SearchOptions>();
    auto* cmd = app.add_subcommand("search", "Search the knowledge base");
    cmd->add_option("query", o->words, "Words, \"phrases\", AND/OR/NOT, -word, field:value (see 'faqt help query')");
    add_filter_options(cmd, o->filter);
    cmd->add_option("--version", o->version, "Hide known errors fixed in this version or before it");
    cmd->add_flag("--facets", o->facets, "Count the results by type, category and status");
    cmd->add_option("--limit", o->limit, "Show at most N results (default 10)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--offset", o->offset, "Skip the first N results")->check(CLI::NonNegativeNumber);
    cmd->add_flag("--json", o->json, "JSON output (see faqt-search(1))");
    cmd->add_flag("--no-refresh", o->no_refresh, "Search the index as it is, without checking the files first");
    // "-word" excludes a word, but CLI11 takes it for an unknown option and,
    // falling through, the main command rejects it. So this command keeps
    // unknown arguments as query words itself, and takes the global options
    // itself, since they cannot fall through any more.
    cmd->fallthrough(false);
    cmd->allow_extras();
    cmd->add_option("-C,--kb", ctx.global.kb, "Use the knowledge base in DIR")->option_text("DIR");
    cmd->add_option("--color", ctx.global.color, "Colour output: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->option_text("WHEN");
    cmd->add_flag("-q,--quiet", ctx.global.quiet, "Print only errors");
    cmd->callback([o, &ctx, cmd] {
        o->extras = cmd->remaining();
        ctx.action = [o, &ctx] { return run_search(*o, ctx); };
    });
}

}  // namespace faqt::cli
