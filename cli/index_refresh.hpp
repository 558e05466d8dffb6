#pragma once
// What a command that reads the index (Needs::index) reads it through:
// read_fresh() brings the index up to date around the read. Implemented in
// cmd_index.cpp; `faqt search` uses it, and so should every other command
// that reads the index.

#include <optional>

#include "cli/context.hpp"
#include "content/config.hpp"
#include "index/index.hpp"
#include "index/search.hpp"
#include "index/watch.hpp"

namespace faqt::cli {

// sync_index() for a reading command: files that could not be indexed are
// printed as warnings, and so is a stale index on a read-only KB (unless
// -q). It never waits: when another process holds the index, or the update
// cannot be written (a full disk), the committed index is used as it is,
// with one warning that it may be stale. Errors (a damaged index, or none
// at all) are returned for report().
Result<SyncReport> refresh_index(const Context& ctx, const Config& config);

// The same refresh, split so that reading the index overlaps the answer of
// a running `faqt index --watch`: start() sends the watcher a sync request
// and returns at once, or, when no watcher is ready, runs refresh_index().
// After reading, finish() waits for the watcher's answer and says whether
// to read again: the watcher committed since start(), or it did not answer
// (then every file was checked, as refresh_index() does).
class IndexRefresh {
public:
    static Result<IndexRefresh> start(const Context& ctx, const Config& config);
    // True when the index must be read again. Errors as refresh_index().
    Result<bool> finish();

private:
    IndexRefresh(const Context& ctx, const Config& config) : m_ctx(&ctx), m_config(&config) {}
    const Context* m_ctx;
    const Config* m_config;
    std::optional<WatcherSync> m_watcher;
};

// The one way a command reads the index (Needs::index): read() runs once
// the refresh has started (IndexRefresh) and again when finish() says the
// watcher committed meanwhile. With --no-refresh (ctx.no_refresh) read()
// runs on the index as it is: the freshness check costs one stat per
// article file, which scripts on big KBs that run 'faqt index' themselves
// skip. A failed refresh is returned as read()'s error.
template <typename Read>
auto read_fresh(const Context& ctx, const Config& config, Read read) -> decltype(read()) {
    if (ctx.no_refresh) {
        return read();
    }
    auto refresh = IndexRefresh::start(ctx, config);
    if (!refresh) {
        return refresh.error();
    }
    auto result = read();
    auto again = refresh->finish();
    if (!again) {
        return again.error();
    }
    if (*again) {
        result = read();
    }
    return result;
}

// Warns, for each id that several files of one language share, that a
// search shows only one of them, naming every file.
void warn_duplicate_ids(const std::vector<DuplicateId>& duplicates);

}  // namespace faqt::cli
