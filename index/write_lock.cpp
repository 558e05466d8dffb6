#include "index/write_lock.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

namespace faqt {

namespace fs = std::filesystem;

std::filesystem::path lock_info_path(const std::filesystem::path& db_path) {
    return db_path.parent_path() / (db_path.filename().string() + ".lock");
}

namespace {

void write_info(const fs::path& info) {
    std::time_t now = std::time(nullptr);
    char when[32] = "";
    std::tm tm{};
    if (localtime_r(&now, &tm) != nullptr) {
        std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    }
    fs::path tmp = info;
    tmp += ".tmp" + std::to_string(getpid());
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << getpid() << '\n' << when << '\n';
        if (!out) {
            return;  // the information is a courtesy; the lock is Xapian's
        }
    }
    std::error_code ec;
    fs::rename(tmp, info, ec);
    if (ec) {
        fs::remove(tmp, ec);
    }
}

// "pid 1234, since 2026-11-23 10:42:07", or "" when unknown or stale.
std::string describe_holder(const fs::path& info) {
    std::ifstream in(info);
    long pid = 0;
    std::string line;
    std::string when;
    if (!(in >> pid) || pid <= 0) {
        return {};
    }
    std::getline(in, line);
    std::getline(in, when);
    if (kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
        return {};
    }
    std::string text = "pid " + std::to_string(pid);
    if (!when.empty()) {
        text += ", since " + when;
    }
    return text;
}

}  // namespace

IndexWriter::IndexWriter(Xapian::WritableDatabase db, std::filesystem::path info)
    : m_db(std::move(db)), m_info(std::move(info)) {}

IndexWriter::IndexWriter(IndexWriter&& other) noexcept : m_db(std::move(other.m_db)), m_info(std::move(other.m_info)) {
    other.m_db.reset();
    other.m_info.clear();
}

IndexWriter& IndexWriter::operator=(IndexWriter&& other) noexcept {
    if (this != &other) {
        release();
        m_db = std::move(other.m_db);
        m_info = std::move(other.m_info);
        other.m_db.reset();
        other.m_info.clear();
    }
    return *this;
}

IndexWriter::~IndexWriter() {
    release();
}

void IndexWriter::release() {
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
            // Closing cannot be reported from a destructor; the kernel drops
            // the lock when the process ends anyway.
        }
        m_db.reset();
        std::error_code ec;
        fs::remove(m_info, ec);
    }
}

Result<IndexWriter> IndexWriter::open(const std::filesystem::path& db_path, std::chrono::milliseconds wait) {
    using clock = std::chrono::steady_clock;
    const auto deadline = clock::now() + wait;
    const fs::path info = lock_info_path(db_path);
    while (true) {
        try {
            Xapian::WritableDatabase db(db_path.string(), Xapian::DB_CREATE_OR_OPEN);
            write_info(info);
            return IndexWriter(std::move(db), info);
        } catch (const Xapian::DatabaseLockError& e) {
            if (clock::now() >= deadline) {
                std::string holder = describe_holder(info);
                std::string message = "the index " + db_path.string() + " is being updated by another process";
                if (!holder.empty()) {
                    message += " (" + holder + ")";
                }
                return Error(ErrorCode::index_locked, message, "wait for it to finish and run the command again");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        } catch (const Xapian::DatabaseCorruptError& e) {
            return Error(ErrorCode::index_damaged, "the index " + db_path.string() + " is damaged: " + e.get_msg(),
                         "run 'faqt index --rebuild'");
        } catch (const Xapian::DatabaseVersionError& e) {
            return Error(ErrorCode::index_damaged,
                         "the index " + db_path.string() + " was written by another Xapian version: " + e.get_msg(),
                         "run 'faqt index --rebuild'");
        } catch (const Xapian::Error& e) {
            return Error(ErrorCode::io, "cannot open the index " + db_path.string() + " for writing: " + e.get_msg());
        }
    }
}

}  // namespace faqt
