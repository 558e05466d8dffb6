// faqt index: brings the search index up to date; --rebuild starts over.
// Also the refresh every reading command runs first (cli/index_refresh.hpp).

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "cli/index_refresh.hpp"
#include "content/text.hpp"
#include "index/index.hpp"
#include "index/search.hpp"

namespace faqt::cli {

namespace {

struct IndexOptions {
    bool rebuild = false;
};

void warn_diagnostics(Diagnostics diagnostics) {
    sort_diagnostics(diagnostics);
    for (const auto& d : diagnostics) {
        std::string location = quote_name(d.path);
        if (d.line > 0) {
            location += ":" + std::to_string(d.line);
        }
        warn(location + ": " + d.message, d.hint);
    }
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string seconds_text(double seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f s", seconds);
    return buf;
}

int run_index(const IndexOptions& o, Context& ctx) {
    auto config = ctx.load_config();
    if (!config) {
        return report(config.error());
    }
    SyncOptions options;
    options.rebuild = o.rebuild;
    auto result = sync_index(*config, options);
    if (!result) {
        return report(result.error());
    }
    const SyncReport& r = *result;
    if (!ctx.global.quiet) {
        warn_diagnostics(r.scan_diagnostics);
        warn_diagnostics(r.diagnostics);
    }
    if (r.stale) {
        return report(
            Error(ErrorCode::io, "cannot update the index: " + r.stale_warning(),
                  "run 'faqt index' as a user who can write to " + index_path(*config).parent_path().string()));
    }
    if (ctx.global.quiet) {
        return k_exit_ok;
    }
    if (auto duplicates = find_duplicate_ids(*config)) {
        warn_duplicate_ids(*duplicates);
    }
    std::string line;
    if (r.rebuilt) {
        line = "Indexed " + plural(r.articles, "article", "articles") + " (" +
               (r.rebuild_reason == "new index" ? std::string("new index") : "rebuilt: " + r.rebuild_reason) + ")";
    } else if (r.committed) {
        line = "Updated the index: " + std::to_string(r.added) + " added, " + std::to_string(r.updated) + " changed, " +
               std::to_string(r.removed) + " removed";
        if (r.touched > 0) {
            line += ", " + std::to_string(r.touched) + " unchanged but touched";
        }
        line += "; " + plural(r.articles, "article", "articles");
    } else {
        line = "The index is up to date: " + plural(r.articles, "article", "articles");
    }
    if (r.skipped > 0) {
        line += ", " + std::to_string(r.skipped) + " skipped";
    }
    line += " in " + seconds_text(r.seconds);
    std::printf("%s\n", line.c_str());
    return k_exit_ok;
}

}  // namespace

Result<SyncReport> refresh_index(const Context& ctx, const Config& config) {
    // Readers never wait for a writer: when another process holds the
    // index, or this one cannot write it (a full disk), they search the
    // index as last committed, which Xapian keeps intact and readable.
    SyncOptions options;
    options.lock_wait = std::chrono::milliseconds(0);
    auto result = sync_index(config, options);
    if (!result && (result.error().code == ErrorCode::index_locked || result.error().code == ErrorCode::io)) {
        std::error_code ec;
        if (std::filesystem::exists(index_path(config), ec)) {
            if (!ctx.global.quiet) {
                if (result.error().code == ErrorCode::index_locked) {
                    warn(result.error().message + "; searching the index as it was, which may miss the latest edits");
                } else {
                    warn(result.error().message + "; searching the index as it was, which may miss the latest edits",
                         result.error().hint);
                }
            }
            return SyncReport{};
        }
    }
    if (!result) {
        return result;
    }
    if (!ctx.global.quiet) {
        warn_diagnostics(result->diagnostics);
        if (result->stale) {
            warn(result->stale_warning(),
                 "results may be out of date; run 'faqt index' as a user who can write to the knowledge base");
        }
    }
    return result;
}

void warn_duplicate_ids(const std::vector<DuplicateId>& duplicates) {
    for (const auto& d : duplicates) {
        std::string files;
        for (std::size_t i = 0; i < d.paths.size(); ++i) {
            files += (i == 0 ? "" : i + 1 == d.paths.size() ? " and " : ", ") + quote_name(d.paths[i]);
        }
        std::string id = quote_name(d.id);
        if (id == d.id) {
            id = "'" + id + "'";
        }
        warn("id " + id + " (" + d.lang + ") is used by " + files + "; a search shows only one of them",
             "give each file its own id: rename one, or set 'id' in its front matter");
    }
}

void setup_index(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<IndexOptions>();
    auto* cmd = app.add_subcommand("index", "Bring the search index up to date");
    cmd->add_flag("--rebuild", o->rebuild, "Build the index again from scratch");
    cmd->callback([o, &ctx] { ctx.action = [o, &ctx] { return run_index(*o, ctx); }; });
}

}  // namespace faqt::cli
