// faqt index: brings the search index up to date; --rebuild starts over.
// Also the refresh every reading command runs first (cli/index_refresh.hpp).

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "cli/index_refresh.hpp"
#include "content/text.hpp"
#include "index/index.hpp"
#include "index/search.hpp"
#include "index/watch.hpp"

namespace faqt::cli {

namespace {

struct IndexOptions {
    bool rebuild = false;
    bool watch = false;
};

// How long a search waits for the watcher's answer before it checks every
// file itself.
constexpr std::chrono::milliseconds k_watcher_timeout{5000};

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

std::string summary(const SyncReport& r) {
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
    return line;
}

std::atomic<bool> g_stop_watching{false};

void stop_watching(int) {
    g_stop_watching = true;
}

std::string clock_time() {
    char buf[16];
    std::time_t now = std::time(nullptr);
    std::tm local{};
    ::localtime_r(&now, &local);
    std::strftime(buf, sizeof buf, "%H:%M:%S", &local);
    return buf;
}

// Ctrl-C, SIGTERM and SIGHUP stop the watch loop at its next wake-up. Set
// once the first sync is done: until then (a new index can take minutes)
// they end the process at once, which leaves the index as it was.
void catch_stop_signals() {
    struct sigaction action {};
    action.sa_handler = stop_watching;  // no SA_RESTART: poll() returns at once
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGHUP, &action, nullptr);
}

int run_watch(const Context& ctx, const Config& config) {
    WatchOptions options;
    options.stop = &g_stop_watching;
    auto result = watch_index(config, options, [&](const WatchEvent& event) {
        switch (event.kind) {
            case WatchEvent::Kind::watching:
                catch_stop_signals();
                if (!ctx.global.quiet) {
                    warn_diagnostics(event.report.scan_diagnostics);
                    warn_diagnostics(event.report.diagnostics);
                    std::printf("%s\n", summary(event.report).c_str());
                    std::printf(
                        "Watching %s for changes (pid %ld); searches trust this index while it runs. "
                        "Ctrl-C stops.\n",
                        plural(event.folders, "folder", "folders").c_str(), static_cast<long>(::getpid()));
                }
                break;
            case WatchEvent::Kind::synced:
                if (!ctx.global.quiet && event.report.committed) {
                    warn_diagnostics(event.report.diagnostics);
                    std::printf("%s %s\n", clock_time().c_str(), summary(event.report).c_str());
                }
                break;
            case WatchEvent::Kind::overflow:
                warn("too many changes at once: the kernel's event queue overflowed; checking every file",
                     "searches check every file themselves until this is done");
                break;
            case WatchEvent::Kind::stopped:
                if (!ctx.global.quiet) {
                    std::printf("Stopped watching; answered %s\n",
                                plural(event.answered, "search", "searches").c_str());
                }
                break;
            case WatchEvent::Kind::error:
                warn(event.message + "; trying again at the next change",
                     "searches check every file themselves until the watcher has caught up");
                break;
        }
        std::fflush(stdout);
    });
    if (!result) {
        return ctx.report(result.error());
    }
    return k_exit_ok;
}

int run_index(const IndexOptions& o, const Context& ctx, const Config* config) {
    if (o.watch) {
        if (o.rebuild) {
            return ctx.report(Error(ErrorCode::usage, "--watch and --rebuild cannot be combined",
                                    "run 'faqt index --rebuild' first, then 'faqt index --watch'"));
        }
        return run_watch(ctx, *config);
    }
    SyncOptions options;
    options.rebuild = o.rebuild;
    auto result = sync_index(*config, options);
    if (!result) {
        return ctx.report(result.error());
    }
    const SyncReport& r = *result;
    if (!ctx.global.quiet) {
        warn_diagnostics(r.scan_diagnostics);
        warn_diagnostics(r.diagnostics);
    }
    if (r.stale) {
        return ctx.report(
            Error(ErrorCode::io, "cannot update the index: " + r.stale_warning(),
                  "run 'faqt index' as a user who can write to " + index_path(*config).parent_path().string()));
    }
    if (ctx.global.quiet) {
        return k_exit_ok;
    }
    if (auto duplicates = find_duplicate_ids(*config)) {
        warn_duplicate_ids(*duplicates);
    }
    std::printf("%s\n", summary(r).c_str());
    return k_exit_ok;
}

}  // namespace

Result<SyncReport> refresh_index(const Context& ctx, const Config& config) {
    // Readers never wait for a writer: when another process holds the
    // index, or this one cannot write it (a full disk), they search the
    // index as last committed, which Xapian keeps intact and readable.
    // A running `faqt index --watch` has the index current once it has
    // read every change made so far: no file needs checking here.
    if (sync_with_watcher(config, k_watcher_timeout)) {
        return SyncReport{};
    }
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

Result<IndexRefresh> IndexRefresh::start(const Context& ctx, const Config& config) {
    IndexRefresh refresh(ctx, config);
    if (auto sync = WatcherSync::begin(config)) {
        refresh.m_watcher.emplace(std::move(*sync));
        return refresh;
    }
    auto result = refresh_index(ctx, config);
    if (!result) {
        return result.error();
    }
    return refresh;
}

Result<bool> IndexRefresh::finish() {
    if (!m_watcher) {
        return false;  // refreshed in start()
    }
    const WatcherSync::Answer answer = m_watcher->finish(k_watcher_timeout);
    m_watcher.reset();
    if (answer == WatcherSync::Answer::current) {
        return false;
    }
    if (answer == WatcherSync::Answer::none) {
        auto result = refresh_index(*m_ctx, *m_config);
        if (!result) {
            return result.error();
        }
    }
    return true;
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
    cmd->add_flag("--watch", o->watch,
                  "Keep running and keep the index current as files change (inotify); searches trust it");
    cmd->callback([o, &ctx] { ctx.action = [o, &ctx](const Inputs& in) { return run_index(*o, ctx, in.config); }; });
}

}  // namespace faqt::cli
