#pragma once
// The search index of a KB, kept in ROOT/.faqt/index (Xapian), and
// sync_index(), which brings it up to date with the articles on disk.
//
// Every command that reads the index calls sync_index() first. It is cheap
// when nothing changed: one stat per article file and one read of the
// index's file table, no lock, no write. Changed files (size or mtime
// differ) are hashed; a file whose bytes are unchanged ("touched") only has
// its recorded mtime updated. New and edited files are parsed on all cores
// and written by one thread; deleted files are removed. All of it is one
// Xapian transaction, committed once: a crash or kill leaves the previous
// index intact. A change of schema (a new faqt) or of the indexing settings
// of faqt.toml (Config::index_fingerprint()) rebuilds the index by itself.
//
// Only one process writes at a time (Xapian's lock); a second one waits up
// to SyncOptions::lock_wait, then fails with ErrorCode::index_locked naming
// the holder. Readers are never blocked. When the KB is read-only, the
// existing index is left as it is and the report says whether it is stale.
//
// Thread safety: sync_index() may be called from any thread, but not
// concurrently on the same KB from one process (the second call would wait
// for the lock like another process).

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <set>
#include <string>

#include "content/config.hpp"
#include "content/diagnostic.hpp"
#include "content/result.hpp"

namespace faqt {

struct SyncOptions {
    bool rebuild = false;                       // start over (`faqt index --rebuild`)
    std::chrono::milliseconds lock_wait{5000};  // how long to wait for another writer
    unsigned threads = 0;                       // parsing threads; 0: one per core
    // Never write; only report whether the index is stale. Chosen by itself
    // when the KB (or its .faqt folder) is not writable.
    bool read_only = false;
    // Files ('/'-separated, relative to the root) known to have changed,
    // e.g. from inotify: hashed even when their size and mtime look
    // unchanged (a copy that kept its timestamps). Not owned.
    const std::set<std::string>* changed_paths = nullptr;
    // Look only at these files (same form), taking the rest of the index as
    // current: the watcher's batches of article events. Ignored (every file
    // is scanned) when the index must be built or rebuilt. Not owned.
    const std::set<std::string>* only_paths = nullptr;
    // Test hook: runs after every change is written, just before the commit.
    std::function<void()> before_commit;
};

struct SyncReport {
    std::size_t articles = 0;  // documents (article files) in the index afterwards
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t removed = 0;
    std::size_t touched = 0;  // mtime changed but not the content: nothing re-indexed
    std::size_t skipped = 0;  // files that could not be read (see diagnostics)
    bool committed = false;   // false when nothing needed writing
    bool rebuilt = false;
    std::string rebuild_reason;  // "new index", "--rebuild", "faqt.toml changed", ...
    bool stale = false;          // read-only KB: the index misses changes on disk
    std::size_t stale_files = 0;
    Diagnostics diagnostics;       // problems in the files read in this run (errors, and Markdown cut off)
    Diagnostics scan_diagnostics;  // problems found walking the folders (every run)
    double seconds = 0;

    // "the index is stale: N files changed since it was built (...)", or ""
    std::string stale_warning() const;
};

// ROOT/.faqt/index.
std::filesystem::path index_path(const Config& config);

// Brings the index up to date; see the top of this file. Errors:
// index_locked, index_damaged (cannot be read, even to rebuild it), io
// (cannot be created: read-only KB without an index).
Result<SyncReport> sync_index(const Config& config, const SyncOptions& options = {});

}  // namespace faqt
