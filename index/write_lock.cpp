#include "index/write_lock.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>

namespace faqt {

namespace fs = std::filesystem;

std::filesystem::path lock_path(const std::filesystem::path& db_path) {
    return db_path.parent_path() / (db_path.filename().string() + ".lock");
}

namespace {

void write_holder(int fd) {
    std::time_t now = std::time(nullptr);
    char when[32] = "";
    std::tm tm{};
    if (localtime_r(&now, &tm) != nullptr) {
        std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    }
    std::string text = std::to_string(::getpid()) + "\n" + when + "\n";
    // The holder information is a courtesy to waiting users; failing to
    // write it does not stop the sync.
    if (::ftruncate(fd, 0) == 0) {
        (void)!::pwrite(fd, text.data(), text.size(), 0);
    }
}

// "pid 1234, since 2026-11-23 10:42:07", or "" when unknown or stale.
std::string describe_holder(int fd) {
    char buf[128] = {};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0) {
        return {};
    }
    std::string text(buf, static_cast<std::size_t>(n));
    long pid = std::strtol(text.c_str(), nullptr, 10);
    if (pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)) {
        return {};
    }
    std::string description = "pid " + std::to_string(pid);
    std::size_t newline = text.find('\n');
    if (newline != std::string::npos) {
        std::string when = text.substr(newline + 1);
        while (!when.empty() && (when.back() == '\n' || when.back() == '\r')) {
            when.pop_back();
        }
        if (!when.empty()) {
            description += ", since " + when;
        }
    }
    return description;
}

}  // namespace

Result<WriteLock> WriteLock::acquire(const std::filesystem::path& db_path, std::chrono::milliseconds wait) {
    const fs::path path = lock_path(db_path);
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return Error(ErrorCode::io, "cannot create " + path.string() + ": " + std::strerror(errno));
    }
    using clock = std::chrono::steady_clock;
    const auto deadline = clock::now() + wait;
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            std::string why = std::strerror(errno);
            ::close(fd);
            return Error(ErrorCode::io, "cannot lock " + path.string() + ": " + why);
        }
        if (clock::now() >= deadline) {
            std::string holder = describe_holder(fd);
            ::close(fd);
            std::string message = "the index " + db_path.string() + " is being updated by another process";
            if (!holder.empty()) {
                message += " (" + holder + ")";
            }
            return Error(ErrorCode::index_locked, message, "wait for it to finish and run the command again");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    write_holder(fd);
    return WriteLock(fd);
}

WriteLock::WriteLock(WriteLock&& other) noexcept : m_fd(other.m_fd) {
    other.m_fd = -1;
}

WriteLock& WriteLock::operator=(WriteLock&& other) noexcept {
    if (this != &other) {
        this->~WriteLock();
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

WriteLock::~WriteLock() {
    if (m_fd >= 0) {
        // The file stays: removing it would let a waiter lock a deleted
        // file while a newcomer locks a new one.
        (void)::ftruncate(m_fd, 0);
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
        m_fd = -1;
    }
}

Result<IndexWriter> IndexWriter::open(const std::filesystem::path& db_path, std::chrono::milliseconds wait) {
    auto lock = WriteLock::acquire(db_path, wait);
    if (!lock) {
        return lock.error();
    }
    return open(db_path, *lock);
}

Result<IndexWriter> IndexWriter::open(const std::filesystem::path& db_path, WriteLock& lock) {
    // Under the faqt lock Xapian's own lock is normally free; an older faqt
    // or a stray tool may still hold it for a moment.
    for (int attempt = 0;; ++attempt) {
        try {
            Xapian::WritableDatabase db(db_path.string(), Xapian::DB_OPEN);
            return IndexWriter(std::move(db), std::move(lock));
        } catch (const Xapian::DatabaseLockError& e) {
            if (attempt >= 40) {
                return Error(ErrorCode::index_locked,
                             "the index " + db_path.string() + " is locked by another program: " + e.get_msg(),
                             "wait for it to finish and run the command again");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        } catch (const Xapian::DatabaseCorruptError& e) {
            return Error(ErrorCode::index_damaged, "the index " + db_path.string() + " is damaged: " + e.get_msg(),
                         "run 'faqt index --rebuild'");
        } catch (const Xapian::DatabaseVersionError& e) {
            return Error(ErrorCode::index_damaged,
                         "the index " + db_path.string() + " was written by another Xapian version: " + e.get_msg(),
                         "run 'faqt index --rebuild'");
        } catch (const Xapian::DatabaseOpeningError& e) {
            return Error(ErrorCode::index_damaged, "cannot open the index " + db_path.string() + ": " + e.get_msg(),
                         "run 'faqt index --rebuild'");
        } catch (const Xapian::Error& e) {
            return Error(ErrorCode::io, "cannot open the index " + db_path.string() + " for writing: " + e.get_msg());
        }
    }
}

void IndexWriter::close() {
    if (m_db) {
        try {
            // Every change is made inside a transaction; an unfinished sync
            // must leave the last commit as it was, so cancel it rather than
            // let close() keep anything.
            try {
                m_db->cancel_transaction();
            } catch (const Xapian::InvalidOperationError&) {
                // No transaction was open: the sync committed or never began.
            }
            m_db->close();
        } catch (const Xapian::Error&) {
            // Nothing to report from here; the kernel drops Xapian's lock
            // when the process ends anyway.
        }
        m_db.reset();
    }
}

IndexWriter::IndexWriter(IndexWriter&& other) noexcept : m_db(std::move(other.m_db)), m_lock(std::move(other.m_lock)) {
    other.m_db.reset();
    other.m_lock.reset();
}

IndexWriter& IndexWriter::operator=(IndexWriter&& other) noexcept {
    if (this != &other) {
        close();
        m_db = std::move(other.m_db);
        m_lock = std::move(other.m_lock);
        other.m_db.reset();
        other.m_lock.reset();
    }
    return *this;
}

IndexWriter::~IndexWriter() {
    close();
}

WriteLock IndexWriter::release() {
    close();
    WriteLock lock = std::move(*m_lock);
    m_lock.reset();
    return lock;
}

}  // namespace faqt
