// faqt search QUERY...: ranked results with snippets, filters, facets and
// --json, over the index (refreshed first).

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/filter_options.hpp"
#include "cli/index_refresh.hpp"
#include "cli/render.hpp"
#include "content/article.hpp"
#include "content/json.hpp"
#include "content/text.hpp"
#include "index/search.hpp"

namespace faqt::cli {

namespace {

struct SearchOptions {
    FilterOptions filter;
    std::vector<std::string> words;
    bool facets = false;
    int limit = 10;
    int offset = 0;
    bool json = false;
    bool no_correct = false;
    bool explain = false;
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

// The snippet with its matched words in bold yellow on a terminal. The
// pieces of text lose their control characters before the styles go in, so
// the snippet cannot bring in a colour code of its own.
std::string styled_snippet(const Snippet& snippet, const Context& ctx) {
    if (!ctx.color) {
        return one_line(snippet.text);
    }
    std::string out;
    std::size_t at = 0;
    for (const auto& [begin, end] : snippet.highlights) {
        if (begin < at || end > snippet.text.size()) {
            continue;
        }
        const std::string_view text(snippet.text);
        out += one_line(text.substr(at, begin - at));
        out += std::string(ctx.bold()) + std::string(ctx.yellow());
        out += one_line(text.substr(begin, end - begin));
        out += ctx.reset();
        at = end;
    }
    out += one_line(std::string_view(snippet.text).substr(at));
    return out;
}

std::string facet_line(const char* label, const std::vector<FacetCount>& counts, const Context& ctx) {
    std::string line = std::string(ctx.bold()) + label + std::string(ctx.reset());
    if (counts.empty()) {
        line += " -";
    }
    bool first = true;
    for (const auto& c : counts) {
        line += first ? " " : ", ";
        first = false;
        line += one_line(c.value) + " " + std::to_string(c.count);
    }
    return line + "\n";
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

// --explain: the parts of a hit's score (faqt-search(1), RANKING).
std::string explanation_text(const ScoreExplanation& e) {
    if (!e.reranked) {
        return "    score " + number(e.final_score) + ": first-stage weight only\n";
    }
    std::string out = "    score " + number(e.final_score) + " = (BM25F " + number(e.bm25f) + " + title pairs " +
                      number(e.proximity) + ") × coordination " + number(e.coordination) + " × question " +
                      number(1 + e.question);
    if (!e.query_type.empty() || !e.title_type.empty()) {
        out += " (query " + (e.query_type.empty() ? std::string("-") : e.query_type) + ", title " +
               (e.title_type.empty() ? std::string("-") : e.title_type) + ")";
    }
    out += "\n";
    for (const auto& w : e.words) {
        out += "      " + one_line(w.word) + ": title " + number(w.title) + ", headings " + number(w.heading) +
               ", text " + number(w.text);
        if (w.id > 0) {
            out += ", id";
        }
        if (w.weight != 1) {
            out += " (weight " + number(w.weight) + ")";
        }
        out += " → " + number(w.score) + "\n";
    }
    return out;
}

// The page of results as one text, written through write_text() so nothing
// from an article's fields reaches the terminal raw.
void print_text(const SearchResults& r, const SearchOptions& o, const Config& config, const Context& ctx) {
    std::string out;
    for (const auto& hit : r.hits) {
        std::string id = quote_name(hit.id);
        if (!hit.lang.empty() && hit.lang != config.default_lang) {
            id += "[" + hit.lang + "]";
        }
        // Marked like 'faqt list' does, so no one pastes it to a customer.
        std::string title = one_line(hit.title);
        if (hit.visibility != Visibility::public_) {
            title += " (internal)";
        }
        out += std::string(ctx.cyan()) + id + std::string(ctx.reset()) + "  " + std::string(ctx.bold()) + title +
               std::string(ctx.reset()) + "\n";
        std::string meta = hit.type;
        if (!hit.status.empty()) {
            meta += " · " + hit.status;
        }
        if (!hit.severity.empty()) {
            meta += " · " + hit.severity + " severity";
        }
        if (!hit.categories.empty()) {
            meta += " · " + join(hit.categories);
        }
        out += "    " + std::string(ctx.dim()) + one_line(meta) + std::string(ctx.reset()) + "\n";
        if (!hit.snippet.text.empty()) {
            out += "    " + styled_snippet(hit.snippet, ctx) + "\n";
        }
        if (hit.explanation) {
            out += std::string(ctx.dim()) + explanation_text(*hit.explanation) + std::string(ctx.reset());
        }
        out += "\n";
    }
    if (r.facets) {
        out += facet_line("Types:", r.facets->types, ctx);
        out += facet_line("Categories:", r.facets->categories, ctx);
        out += facet_line("Status:", r.facets->statuses, ctx);
        out += "\n";
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
        out += std::string(ctx.dim()) + line + std::string(ctx.reset()) + "\n";
    }
    if (!ctx.global.quiet && o.limit == 0) {
        // --limit 0 asks for the count (and facets) alone.
        out += std::string(ctx.dim()) + (r.total_exact ? "" : "about ") + std::to_string(r.total) +
               (r.total == 1 ? " article matches" : " articles match") + std::string(ctx.reset()) + "\n";
    }
    write_text(stdout, out, ctx.color);
    if (!ctx.global.quiet && r.hits.empty() && r.total > 0 && o.limit > 0) {
        // Paged past the end: say so rather than print nothing.
        std::fprintf(stderr, "faqt: no results past %d; %s%zu %s match\n", o.offset, r.total_exact ? "" : "about ",
                     r.total, r.total == 1 ? "article" : "articles");
    }
}

// The words the spelling rule corrected (or, with --no-correct, would
// have), as '"to" instead of "from"' pairs: never the whole query, which
// may be a pasted paragraph. At most k_shown pairs, then how many more.
std::string correction_list(const std::vector<SpellingCorrection>& corrections) {
    constexpr std::size_t k_shown = 5;
    std::string out;
    for (std::size_t i = 0; i < corrections.size() && i < k_shown; ++i) {
        if (i > 0) {
            out += ", ";
        }
        out += "\"" + one_line(corrections[i].to) + "\" instead of \"" + one_line(corrections[i].from) + "\"";
    }
    if (corrections.size() > k_shown) {
        out += " and " + std::to_string(corrections.size() - k_shown) + " more";
    }
    return out;
}

// On stderr, so the results on stdout stay what the query found.
void print_corrections(const SearchResults& r, const Context& ctx) {
    if (ctx.global.quiet || r.corrections.empty()) {
        return;
    }
    std::string line;
    if (!r.corrected.empty()) {
        line = "faqt: showing results for " + correction_list(r.corrections) + "; --no-correct searches as typed\n";
    } else {
        line = "faqt: did you mean " + correction_list(r.corrections) + "?\n";
    }
    write_text(stderr, line, false);
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
        json.key("severity").string_or_null(hit.severity);
        json.key("categories").strings(hit.categories);
        json.field("lang", hit.lang);
        json.path("path", hit.path);
        json.field("visibility", to_string(hit.visibility));
        json.field("score", hit.score);
        json.field("snippet", hit.snippet.text);
        if (hit.explanation) {
            const ScoreExplanation& e = *hit.explanation;
            json.key("explain").begin_object();
            json.field("reranked", e.reranked);
            json.field("bm25f", e.bm25f);
            json.field("proximity", e.proximity);
            json.field("title_pairs", e.title_pairs);
            json.field("coordination", e.coordination);
            json.key("query_type").string_or_null(e.query_type);
            json.key("title_type").string_or_null(e.title_type);
            json.field("question", e.question);
            json.field("first_stage", e.base);
            json.key("words").begin_array();
            for (const auto& w : e.words) {
                json.begin_object();
                json.field("word", w.word);
                json.field("weight", w.weight);
                json.field("title", w.title);
                json.field("headings", w.heading);
                json.field("text", w.text);
                json.field("id", w.id);
                json.field("score", w.score);
                json.end_object();
            }
            json.end_array();
            json.end_object();
        }
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
    json.key("did_you_mean").string_or_null(r.did_you_mean);
    json.key("corrections").begin_array();
    for (const auto& c : r.corrections) {
        json.begin_object();
        json.field("from", c.from);
        json.field("to", c.to);
        json.end_object();
    }
    json.end_array();
    json.end_object();
    std::fputs(json.str().c_str(), stdout);
}

Result<void> check_extras(const SearchOptions& o) {
    for (const auto& extra : o.extras) {
        if (extra.rfind("--", 0) == 0 && extra != "--") {
            return Error(ErrorCode::usage, "unknown option '" + extra + "'",
                         "run 'faqt search --help'; put '--' before a query word that starts with '-'");
        }
    }
    return {};
}

int run_search(const SearchOptions& o, const Context& ctx, const Config* config) {
    SearchRequest request;
    request.query = join_query(o);
    request.facets = o.facets;
    request.limit = static_cast<std::size_t>(o.limit);
    request.offset = static_cast<std::size_t>(o.offset);
    request.correct = !o.no_correct;
    request.explain = o.explain;
    auto filter = o.filter.resolve(*config);
    if (!filter) {
        return ctx.report(filter.error());
    }
    request.filters = std::move(*filter);
    if (request.query.find_first_not_of(" \t") == std::string::npos && request.filters.empty() && !o.filter.drafts &&
        !o.facets) {
        return ctx.report(Error(ErrorCode::usage, "nothing to search for",
                                "give a query, or a filter such as --type known-error; see 'faqt help query'"));
    }
    auto results = read_fresh(ctx, *config, [&] { return search(*config, request); });
    if (!results) {
        return ctx.report(results.error());
    }
    if (results->truncated && !ctx.global.quiet) {
        warn("the query is too long; only its first " + std::to_string(k_max_query_parts) +
                 " words and operators are searched",
             "search for the distinctive part, such as the error code or the first line of the message");
    }
    if (!ctx.global.quiet) {
        warn_duplicate_ids(results->duplicates);
    }
    if (!o.json) {
        print_corrections(*results, ctx);
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
    cmd->add_flag("--facets", o->facets, "Count the results by type, category and status");
    add_whole_number_option(cmd, "--limit", o->limit,
                            "Show at most N results (default 10; 0 for counts and facets only)", 0);
    add_whole_number_option(cmd, "--offset", o->offset, "Skip the first N results", 0);
    cmd->add_flag("--json", o->json, "JSON output (see faqt-search(1))");
    cmd->add_flag("--no-correct", o->no_correct,
                  "Search misspelt words as typed; only suggest corrections (see 'faqt help query')");
    cmd->add_flag("--explain", o->explain, "Show why each result ranked where it did (the parts of its score)");
    cmd->add_flag("--no-refresh", ctx.no_refresh, "Search the index as it is, without checking the files first");
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
        ctx.json = o->json;
        ctx.check_usage = [o] { return check_extras(*o); };
        ctx.action = [o, &ctx](const Inputs& in) { return run_search(*o, ctx, in.config); };
    });
}

}  // namespace faqt::cli
