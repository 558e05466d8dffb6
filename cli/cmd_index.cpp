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
    // A reader waits less than `faqt index` would: long enough for an
    // incremental update, not for someone's full rebuild.
    SyncOptions options;
    options.lock_wait = std::chrono::seconds(2);
    auto result = sync_index(config, options);
    if (!result && result.error().code == ErrorCode::index_locked) {
        std::error_code ec;
        if (std::filesystem::exists(index_path(config), ec)) {
            // Readers are never blocked: use the index as it was.
            if (!ctx.global.quiet) {
                warn(result.error().message + "; using the index as it was",
                     "results may miss the latest edits until it finishes");
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

void setup_index(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<IndexOptions>();
    auto* cmd = app.add_subcommand("index", "Bring the search index up to date");
    cmd->add_flag("--rebuild", o->rebuild, "Build the index again from scratch");
    cmd->callback([o, &ctx] { ctx.action = [o, &ctx] { return run_index(*o, ctx); }; });
}

}  // namespace faqt::cli
