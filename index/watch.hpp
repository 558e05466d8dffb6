#pragma once
// `faqt index --watch`: a long-running process that keeps the index of a KB
// current with inotify, and the sync point a search asks it for instead of
// checking every file itself.
//
// One watcher per KB. It holds an flock on ROOT/.faqt/watch.lock for its
// whole life (the kernel drops it however the process dies) and writes
// "PID STATE GENERATION" into it: "starting" until its first sync is
// committed, "ready" afterwards, "rescanning" after the kernel's event queue
// overflowed until it has scanned everything again, "behind" after a sync
// failed (the index locked by `faqt index --rebuild`, a full disk) until one
// succeeds; GENERATION counts its commits.
//
// Sync point: a search creates a uniquely named file in ROOT/.faqt/watch/,
// a folder the watcher watches with the same inotify instance as the
// articles. Events of one inotify instance are read in the order they
// happened, so when the watcher reads that file's creation it has read
// every event of every edit made before the search started. It then syncs
// (when anything changed; files named by events are hashed even when their
// size and mtime look unchanged), commits, and removes the file: the removal is
// the answer the search waits for. After an overflow it answers only once
// its rescan is committed (the rescan covers every lost event), so a
// rescanning watcher is asked too. A search trusts no watcher that does not
// hold the lock, is starting or behind, or does not answer within the
// timeout; it then checks every file as it would without a watcher.
//
// The watcher refuses to start on file systems that do not deliver inotify
// events for changes made elsewhere (NFS, CIFS/SMB, FUSE, 9p, Ceph, AFS),
// so no search ever trusts a watcher there. A batch of events that name
// only article files is brought in by sync_index() looking at those files
// alone (SyncOptions::only_paths: about 10 ms at 100k articles); any other
// batch (folders created, moved or deleted, links, faqt.toml, lost events,
// a failed sync) by a sync that scans every file, so whatever the events
// were (renames, a `git checkout`, deleted folders) the index ends as a scan
// would leave it.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "content/config.hpp"
#include "content/result.hpp"
#include "index/index.hpp"

namespace faqt {

struct WatchOptions {
    // How long to wait for more events before syncing a batch; a sync
    // request from a search is answered at once.
    std::chrono::milliseconds settle{50};
    // Set (e.g. by a signal handler) to stop; checked at least every 250 ms.
    const std::atomic<bool>* stop = nullptr;
};

struct WatchEvent {
    enum class Kind {
        watching,  // first sync done; report and folders set
        synced,    // a batch was brought in (report)
        overflow,  // the event queue overflowed: everything is scanned again
        error,     // a sync failed (message); retried with the next event
        stopped,   // asked to stop (answered); the state file is removed next
    } kind = Kind::synced;
    SyncReport report;
    std::size_t folders = 0;   // folders watched
    std::size_t answered = 0;  // searches answered so far
    std::string message;
};

// Runs the watcher until *options.stop is set. Errors: index_locked
// (another watcher runs: the message names its pid), io (no inotify, a
// file system that does not deliver events), and the errors of
// sync_index() on the first sync. Removes its state file on return.
Result<void> watch_index(const Config& config, const WatchOptions& options,
                         const std::function<void(const WatchEvent&)>& on_event);

// For a command about to read the index (begin() and finish() at once):
// asks the KB's watcher, if one runs
// and is ready, to bring the index up to date with every change made so
// far, and waits up to timeout for its answer. True when it answered (the
// index is current); false when no watcher runs, it is not ready, the
// request cannot be made (a read-only KB) or no answer came in time.
bool sync_with_watcher(const Config& config, std::chrono::milliseconds timeout);

// A sync request in flight, so that a search can run while the watcher
// answers: begin(), search, finish(); when finish() says the index changed
// since begin(), search again. The watcher counts its commits (the
// generation in its state file): begin() reads it before the search opens
// the index, finish() after the answer; the same count means no commit
// happened in between, so the index the search read already held every
// change made before begin().
class WatcherSync {
public:
    enum class Answer {
        current,  // answered; the index read after begin() is current
        changed,  // answered; the index was committed since begin(): read it again
        none,     // no answer in time, or the watcher stopped being ready: check every file
    };
    // Sends the request; nullopt when no ready watcher holds the state file
    // or the request cannot be written (a read-only KB).
    static std::optional<WatcherSync> begin(const Config& config);
    // Waits for the answer, up to timeout. Call once.
    Answer finish(std::chrono::milliseconds timeout);

    WatcherSync(WatcherSync&& other) noexcept;
    WatcherSync& operator=(WatcherSync&&) = delete;
    WatcherSync(const WatcherSync&) = delete;
    WatcherSync& operator=(const WatcherSync&) = delete;
    ~WatcherSync();  // removes an unanswered request

private:
    WatcherSync() = default;
    int m_state = -1;
    int m_inotify = -1;
    std::string m_request;  // path of the request file while unanswered
    std::string m_name;
    std::uint64_t m_generation = 0;
};

// What the state file of a KB's watcher says: its pid, state ("ready", ...)
// and commits so far, when a live watcher holds the lock; else pid 0.
struct WatcherState {
    long pid = 0;
    std::string state;
    std::uint64_t generation = 0;
};
WatcherState watcher_state(const Config& config);

// True for a file system whose changes made on other machines or by a
// user-space server reach no inotify watch (by statfs's f_type).
bool is_remote_file_system(long f_type);

}  // namespace faqt
