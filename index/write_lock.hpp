#pragma once
// The single writer of an index. Xapian's own lock (an fcntl lock on
// flintlock, released by the kernel when the holder dies) decides who
// writes; alongside it faqt keeps .faqt/index.lock with the holder's pid and
// start time, only to tell a waiting user who holds it. Internal to index/.

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <optional>

#include "content/result.hpp"

namespace faqt {

class IndexWriter {
public:
    // Opens (creating if needed) the index at db_path for writing. When
    // another process writes, retries until wait has passed, then fails with
    // ErrorCode::index_locked naming that process.
    static Result<IndexWriter> open(const std::filesystem::path& db_path, std::chrono::milliseconds wait);

    IndexWriter(IndexWriter&& other) noexcept;
    IndexWriter& operator=(IndexWriter&& other) noexcept;
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;
    // Closes the database (discarding anything uncommitted) and removes the
    // lock information.
    ~IndexWriter();

    Xapian::WritableDatabase& db() { return *m_db; }

private:
    IndexWriter(Xapian::WritableDatabase db, std::filesystem::path info);
    void release();

    std::optional<Xapian::WritableDatabase> m_db;
    std::filesystem::path m_info;
};

// Where the lock information of the index at db_path is kept.
std::filesystem::path lock_info_path(const std::filesystem::path& db_path);

}  // namespace faqt
