#pragma once
// Who may write the index of a KB. One process at a time holds
// .faqt/index.lock (an flock, which the kernel drops when the holder dies,
// however it dies); the file also holds that process's pid and start time
// to tell a waiting user who it is. The lock covers everything a sync
// writes: updates in place, and new indexes built beside the live one,
// which Xapian's own per-database lock cannot cover. Internal to index/.

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <optional>

#include "content/result.hpp"

namespace faqt {

class WriteLock {
public:
    // Takes the lock of the index at db_path (creating .faqt/index.lock if
    // needed), retrying until wait has passed; then fails with
    // ErrorCode::index_locked naming the holder.
    static Result<WriteLock> acquire(const std::filesystem::path& db_path, std::chrono::milliseconds wait);

    WriteLock(WriteLock&& other) noexcept;
    WriteLock& operator=(WriteLock&& other) noexcept;
    WriteLock(const WriteLock&) = delete;
    WriteLock& operator=(const WriteLock&) = delete;
    ~WriteLock();  // clears the holder information and unlocks

private:
    explicit WriteLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

// The live index opened for writing, under the write lock.
class IndexWriter {
public:
    // Takes the write lock, then opens the existing index at db_path.
    // Errors: index_locked, index_damaged, io.
    static Result<IndexWriter> open(const std::filesystem::path& db_path, std::chrono::milliseconds wait);
    // Opens the index at db_path under a lock already held; the lock moves
    // into the writer only on success.
    static Result<IndexWriter> open(const std::filesystem::path& db_path, WriteLock& lock);

    IndexWriter(IndexWriter&& other) noexcept;
    IndexWriter& operator=(IndexWriter&& other) noexcept;
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;
    // Closes the database, discarding anything uncommitted, then unlocks.
    ~IndexWriter();

    Xapian::WritableDatabase& db() { return *m_db; }
    // Closes the database and hands back the lock (to swap in a new index).
    WriteLock release();

private:
    IndexWriter(Xapian::WritableDatabase db, WriteLock lock) : m_db(std::move(db)), m_lock(std::move(lock)) {}
    void close();

    std::optional<Xapian::WritableDatabase> m_db;
    std::optional<WriteLock> m_lock;
};

// Where the lock of the index at db_path is: ".faqt/index.lock".
std::filesystem::path lock_path(const std::filesystem::path& db_path);

}  // namespace faqt
