#include "index/index.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "content/article.hpp"
#include "content/kb.hpp"
#include "content/markdown.hpp"
#include "index/document_builder.hpp"
#include "index/schema.hpp"
#include "index/translation_visibility.hpp"
#include "index/terms.hpp"
#include "index/write_lock.hpp"

namespace faqt {

namespace fs = std::filesystem;

std::filesystem::path index_path(const Config& config) {
    return config.root / ".faqt" / "index";
}

std::string SyncReport::stale_warning() const {
    if (!stale) {
        return {};
    }
    std::string text = "the index is stale: ";
    if (stale_files > 0) {
        text += std::to_string(stale_files) + (stale_files == 1 ? " file has" : " files have") +
                " changed since it was built";
    } else {
        text += "faqt.toml has changed since it was built";
    }
    text += ", and the knowledge base is read-only";
    return text;
}

namespace {

struct IndexedFile {
    Xapian::docid docid = 0;
    FileState state;
};

struct Candidate {
    const ArticleFile* file = nullptr;
    std::optional<IndexedFile> old;  // set when the file was indexed before
    // Its mtime is that of the scan's clock tick or later, so it may be
    // written again without its mtime (or size) changing: it is recorded
    // with mtime 0, which the next sync sees as a change and hashes.
    bool racy = false;
};

// How far before a scan's start an mtime counts as racy: the file-system
// clock's tick (4 ms at HZ=250) with a wide margin for clocks that step
// and slow starts; a racy file costs one more hash, and one small commit.
constexpr std::int64_t k_racy_margin_ns = 1'000'000'000;

// Files that could not be indexed (unreadable, binary), with the size and
// mtime they had, so later runs skip them until they change instead of
// failing on them at every search. Kept in the metadata as lines of
// "SIZE MTIME PATH".
using SkippedFiles = std::map<std::string, std::pair<std::uintmax_t, std::int64_t>>;

SkippedFiles decode_skipped(const std::string& text) {
    SkippedFiles skipped;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        std::uintmax_t size = 0;
        std::int64_t mtime = 0;
        if (fields >> size >> mtime) {
            std::string path;
            std::getline(fields >> std::ws, path);
            if (!path.empty()) {
                skipped[path] = {size, mtime};
            }
        }
    }
    return skipped;
}

std::string encode_skipped(const SkippedFiles& skipped) {
    std::string text;
    for (const auto& [path, state] : skipped) {
        text += std::to_string(state.first) + ' ' + std::to_string(state.second) + ' ' + path + '\n';
    }
    return text;
}

struct Plan {
    std::vector<Candidate> candidates;     // new, or size/mtime differ
    std::vector<Xapian::docid> deletions;  // indexed, no longer on disk
    SkippedFiles skipped;                  // still skipped: on disk, unchanged since they failed
    bool skipped_changed = false;          // a skipped file changed or disappeared
    bool empty() const { return candidates.empty() && deletions.empty() && !skipped_changed; }
};

// Reads the file table (value slot k_slot_file) of the index.
// Reads the file table (value slot k_slot_file) of the index, sorted by
// path. Entries that cannot be read, and second entries for one path, go
// to `broken` for removal (their files are re-indexed from disk).
std::vector<IndexedFile> read_indexed_files(const Xapian::Database& db, std::vector<Xapian::docid>& broken) {
    std::vector<IndexedFile> files;
    files.reserve(db.get_doccount());
    for (auto it = db.valuestream_begin(schema::k_slot_file); it != db.valuestream_end(schema::k_slot_file); ++it) {
        IndexedFile entry;
        entry.docid = it.get_docid();
        if (!decode_file_state(*it, entry.state)) {
            broken.push_back(entry.docid);
            continue;
        }
        files.push_back(std::move(entry));
    }
    // A fresh index is in path order already; later additions are not.
    auto by_path = [](const IndexedFile& a, const IndexedFile& b) { return a.state.path < b.state.path; };
    if (!std::is_sorted(files.begin(), files.end(), by_path)) {
        std::stable_sort(files.begin(), files.end(), by_path);
    }
    auto same_path = [](const IndexedFile& a, const IndexedFile& b) { return a.state.path == b.state.path; };
    for (auto it = std::adjacent_find(files.begin(), files.end(), same_path); it != files.end();
         it = std::adjacent_find(it, files.end(), same_path)) {
        broken.push_back((it + 1)->docid);
        files.erase(it + 1);
    }
    return files;
}

// The entries of the file table for the given paths only, found by their
// unique path terms (a few lookups instead of reading 100k values), sorted
// by path; like read_indexed_files() otherwise.
std::vector<IndexedFile> read_indexed_files_of(const Xapian::Database& db, const std::set<std::string>& paths,
                                               std::vector<Xapian::docid>& broken) {
    std::vector<IndexedFile> files;
    for (const auto& path : paths) {
        const std::string term = terms::make_term(schema::k_path, path);
        bool found = false;
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
            IndexedFile entry;
            entry.docid = *it;
            if (found || !decode_file_state(db.get_document(entry.docid).get_value(schema::k_slot_file), entry.state) ||
                entry.state.path != path) {
                broken.push_back(entry.docid);  // a second entry for the path, or one that cannot be read
                continue;
            }
            found = true;
            files.push_back(std::move(entry));
        }
    }
    return files;
}

// Compares the disk (scan, sorted by path) with the index by a merge of
// the two sorted lists: no hashing of 100k paths on every refresh.
// With scope, scan covers only those paths: indexed files elsewhere are
// left as they are.
Plan make_plan(const Xapian::Database& db, const ScanResult& scan, bool fresh = false,
               const std::set<std::string>* changed_paths = nullptr, const std::set<std::string>* scope = nullptr) {
    Plan plan;
    // An mtime far in the future is not racy: writing the file again would
    // set it to now, which differs.
    auto is_racy = [&](const ArticleFile& file) {
        return file.mtime_ns >= scan.started_ns - k_racy_margin_ns &&
               file.mtime_ns <= scan.started_ns + k_racy_margin_ns;
    };
    auto indexed =
        scope != nullptr ? read_indexed_files_of(db, *scope, plan.deletions) : read_indexed_files(db, plan.deletions);
    SkippedFiles skipped;
    if (!fresh) {
        skipped = decode_skipped(db.get_metadata(std::string(schema::k_meta_skipped)));
    }
    if (scope != nullptr) {
        for (const auto& entry : skipped) {
            if (scope->count(entry.first) == 0) {
                plan.skipped.insert(entry);
            }
        }
    }
    auto in = indexed.begin();
    for (const auto& file : scan.files) {
        while (in != indexed.end() && in->state.path < file.path) {
            plan.deletions.push_back(in->docid);  // no longer on disk
            ++in;
        }
        if (in == indexed.end() || in->state.path != file.path) {
            auto skip = skipped.find(file.path);
            if (skip != skipped.end() && skip->second == std::make_pair(file.size, file.mtime_ns)) {
                plan.skipped.insert(*skip);
                continue;
            }
            plan.candidates.push_back({&file, std::nullopt, is_racy(file)});
            continue;
        }
        if (in->state.size != file.size || in->state.mtime_ns != file.mtime_ns ||
            (changed_paths != nullptr && changed_paths->count(file.path) != 0)) {
            plan.candidates.push_back({&file, *in, is_racy(file)});
        }
        ++in;
    }
    for (; in != indexed.end(); ++in) {
        plan.deletions.push_back(in->docid);
    }
    plan.skipped_changed = plan.skipped.size() != skipped.size();
    std::sort(plan.deletions.begin(), plan.deletions.end());
    return plan;
}

std::string rebuild_reason(const Xapian::Database& db, const std::string& fingerprint) {
    std::string schema_version = db.get_metadata(std::string(schema::k_meta_schema));
    if (schema_version.empty()) {
        return db.get_doccount() == 0 ? "new index" : "index from an older faqt";
    }
    if (schema_version != schema::k_schema_version) {
        return "index from another version of faqt";
    }
    if (db.get_metadata(std::string(schema::k_meta_fingerprint)) != fingerprint) {
        return "faqt.toml changed";
    }
    return {};
}

// Every article file is read through content's read_article_file(), so a
// link swapped in since the scan cannot lead the index out of the KB.
std::optional<std::string> read_file(const std::string& path, const KbBoundary& boundary, std::string& error) {
    auto bytes = read_article_file(path, boundary);
    if (!bytes) {
        error = bytes.error().message;
        return std::nullopt;
    }
    return std::move(*bytes);
}

bool is_writable(const fs::path& path) {
    return ::access(path.c_str(), W_OK) == 0;
}

// The result of reading one candidate file, made by a worker thread.
struct Outcome {
    enum class Kind { built, touched, failed } kind = Kind::failed;
    BuiltDocument built;
    FileState state;
    Diagnostics diagnostics;
};

Outcome process(const Candidate& candidate, const Config& config, const KbBoundary& boundary) {
    Outcome out;
    const ArticleFile& file = *candidate.file;
    out.state.path = file.path;
    out.state.size = file.size;
    out.state.mtime_ns = candidate.racy ? 0 : file.mtime_ns;
    try {
        std::string error;
        auto bytes = read_file(file.absolute, boundary, error);
        if (!bytes) {
            Diagnostic d;
            d.path = file.path;
            d.severity = Severity::warning;
            d.message = "cannot read the file (" + error + "); not indexed";
            out.diagnostics.push_back(std::move(d));
            return out;
        }
        if (bytes->find('\0') != std::string::npos) {
            Diagnostic d;
            d.path = file.path;
            d.severity = Severity::warning;
            d.message = "binary file (contains NUL bytes); not indexed";
            d.hint = "articles are UTF-8 text; remove the file or exclude it in [kb] exclude";
            out.diagnostics.push_back(std::move(d));
            return out;
        }
        out.state.hash = content_hash(*bytes);
        if (candidate.old && candidate.old->state.hash == out.state.hash) {
            out.kind = Outcome::Kind::touched;
            return out;
        }
        ParsedArticle parsed = parse_article(*bytes, file.path, config);
        for (auto& d : parsed.diagnostics) {
            if (d.severity == Severity::error) {
                out.diagnostics.push_back(std::move(d));
            }
        }
        // Where the Markdown was cut off to keep cmark-gfm fast, index says so too.
        for (auto& limit : markdown_limits(parsed.article.body, parsed.article.body_line)) {
            out.diagnostics.push_back({parsed.article.path, limit.line, 1, Severity::warning, std::move(limit.message),
                                       std::move(limit.hint)});
        }
        out.built = build_document(parsed.article, out.state);
        for (auto& d : out.built.diagnostics) {
            out.diagnostics.push_back(std::move(d));
        }
        out.kind = Outcome::Kind::built;
    } catch (const std::exception& e) {
        Diagnostic d;
        d.path = file.path;
        d.severity = Severity::warning;
        d.message = std::string("cannot index the file: ") + e.what();
        out.diagnostics.push_back(std::move(d));
        out.kind = Outcome::Kind::failed;
    } catch (const Xapian::Error& e) {
        Diagnostic d;
        d.path = file.path;
        d.severity = Severity::warning;
        d.message = "cannot index the file: " + e.get_msg();
        out.diagnostics.push_back(std::move(d));
        out.kind = Outcome::Kind::failed;
    }
    return out;
}

// Runs process() on every candidate with `threads` workers and hands the
// outcomes to consume() in candidate order on the calling thread, at most
// k_window ahead so memory stays bounded on a cold index of 100k files.
template <typename Consume>
void run_pipeline(const std::vector<Candidate>& candidates, const Config& config, unsigned threads, Consume&& consume) {
    const std::size_t n = candidates.size();
    const KbBoundary boundary(config);
    if (n < 8 || threads <= 1) {
        for (const auto& c : candidates) {
            consume(process(c, config, boundary));
        }
        return;
    }
    constexpr std::size_t k_window = 512;
    std::vector<std::optional<Outcome>> results(n);
    std::mutex mutex;
    std::condition_variable ready;
    std::condition_variable space;
    std::size_t next = 0;
    std::size_t consumed = 0;
    bool stop = false;

    auto worker = [&] {
        while (true) {
            std::size_t i = 0;
            {
                std::unique_lock lock(mutex);
                space.wait(lock, [&] { return stop || next >= n || next < consumed + k_window; });
                if (stop || next >= n) {
                    return;
                }
                i = next++;
            }
            Outcome outcome = process(candidates[i], config, boundary);
            {
                std::lock_guard lock(mutex);
                results[i] = std::move(outcome);
            }
            ready.notify_all();
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back(worker);
    }
    auto finish = [&] {
        {
            std::lock_guard lock(mutex);
            stop = true;
        }
        space.notify_all();
        for (auto& t : pool) {
            t.join();
        }
    };
    try {
        for (std::size_t i = 0; i < n; ++i) {
            Outcome outcome;
            {
                std::unique_lock lock(mutex);
                ready.wait(lock, [&] { return results[i].has_value(); });
                outcome = std::move(*results[i]);
                results[i].reset();
                consumed = i + 1;
            }
            space.notify_all();
            consume(std::move(outcome));
        }
    } catch (...) {
        finish();
        throw;
    }
    finish();
}

void remove_spellings(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
    for (const auto& word : spelling_words_of(doc)) {
        db.remove_spelling(word, 1);
    }
}

std::set<std::string> split_langs(const std::string& text) {
    std::set<std::string> langs;
    std::istringstream in(text);
    for (std::string lang; in >> lang;) {
        langs.insert(lang);
    }
    return langs;
}

std::string join_langs(const std::set<std::string>& langs) {
    std::string text;
    for (const auto& lang : langs) {
        if (!text.empty()) {
            text += ' ';
        }
        text += lang;
    }
    return text;
}

// Counts the candidates whose content really changed, for a read-only KB.
std::size_t count_real_changes(const Plan& plan, const Config& config) {
    const KbBoundary boundary(config);
    std::size_t changed = plan.deletions.size();
    for (const auto& c : plan.candidates) {
        if (!c.old) {
            ++changed;
            continue;
        }
        std::string error;
        auto bytes = read_file(c.file->absolute, boundary, error);
        if (!bytes || content_hash(*bytes) != c.old->state.hash) {
            ++changed;
        }
    }
    return changed;
}

void ensure_state_dir(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec)) {
        return;
    }
    fs::create_directories(dir, ec);
    if (!ec) {
        // Generated state never belongs in the writers' git repository, even
        // in a KB that `faqt init` did not create.
        std::ofstream(dir / ".gitignore") << "*\n";
    }
}

// Writes what plan says into db: deletions, then every candidate through
// the parsing pipeline, then the spelling and stem tables and the metadata.
// after_add runs after each document added (fresh builds commit there).
// Returns whether anything changed.
bool apply_plan(Xapian::WritableDatabase& db, Plan& plan, const Config& config, const SyncOptions& options,
                const std::string& fingerprint, bool rebuilt, SyncReport& report,
                const std::function<void()>& after_add) {
    std::set<std::string> stem_langs;
    if (!rebuilt) {
        stem_langs = split_langs(db.get_metadata(std::string(schema::k_meta_stem_langs)));
    }
    for (auto docid : plan.deletions) {
        remove_spellings(db, db.get_document(docid));
        db.delete_document(docid);
        ++report.removed;
    }

    unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    std::size_t index = 0;
    // Spelling frequencies are summed here and handed to Xapian once per
    // word: far fewer calls than once per word per article.
    std::unordered_map<std::string, Xapian::termcount> spelling;
    // (stem, word) pairs for the stem table, added once per run.
    std::set<std::pair<std::string, std::string>> stems;
    run_pipeline(plan.candidates, config, threads, [&](Outcome outcome) {
        const Candidate& candidate = plan.candidates[index++];
        for (auto& d : outcome.diagnostics) {
            report.diagnostics.push_back(std::move(d));
        }
        switch (outcome.kind) {
            case Outcome::Kind::failed:
                // An unreadable file keeps the version indexed before, if any.
                ++report.skipped;
                if (!candidate.old) {
                    plan.skipped[candidate.file->path] = {candidate.file->size, candidate.file->mtime_ns};
                    plan.skipped_changed = true;
                }
                break;
            case Outcome::Kind::touched: {
                Xapian::Document doc = db.get_document(candidate.old->docid);
                doc.add_value(schema::k_slot_file, encode_file_state(outcome.state));
                db.replace_document(candidate.old->docid, doc);
                ++report.touched;
                break;
            }
            case Outcome::Kind::built:
                if (candidate.old) {
                    remove_spellings(db, db.get_document(candidate.old->docid));
                    db.replace_document(candidate.old->docid, outcome.built.document);
                    ++report.updated;
                } else {
                    db.add_document(outcome.built.document);
                    ++report.added;
                    if (after_add) {
                        after_add();
                    }
                }
                for (const auto& word : outcome.built.spelling_words) {
                    ++spelling[word];
                }
                for (auto& pair : outcome.built.stems) {
                    stems.insert(std::move(pair));
                }
                if (!outcome.built.stem_lang.empty()) {
                    stem_langs.insert(outcome.built.stem_lang);
                }
                break;
        }
    });

    for (const auto& [word, count] : spelling) {
        db.add_spelling(word, count);
    }
    for (const auto& [stem, word] : stems) {
        db.add_synonym(std::string(schema::k_stem) + stem, word);
    }
    const bool changed =
        rebuilt || report.added + report.updated + report.removed + report.touched > 0 || plan.skipped_changed;
    if (changed) {
        db.set_metadata(std::string(schema::k_meta_skipped), encode_skipped(plan.skipped));
        db.set_metadata(std::string(schema::k_meta_schema), std::string(schema::k_schema_version));
        db.set_metadata(std::string(schema::k_meta_fingerprint), fingerprint);
        db.set_metadata(std::string(schema::k_meta_stem_langs), join_langs(stem_langs));
        db.set_metadata(std::string(schema::k_meta_internal_originals),
                        encode_internal_originals(db, config.default_lang));
    }
    return changed;
}

// The size of every file of the index folder.
std::map<fs::path, std::uintmax_t> file_sizes(const fs::path& db_path) {
    std::map<fs::path, std::uintmax_t> sizes;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(db_path, ec)) {
        if (entry.is_regular_file(ec)) {
            sizes[entry.path()] = entry.file_size(ec);
        }
    }
    return sizes;
}

// After a failed update: when the index is still at revision, cuts each file
// back to its size before the update (what grew past it is unreferenced).
// Never throws; a file it cannot cut stays as it is.
void restore_file_sizes(const fs::path& db_path, const std::map<fs::path, std::uintmax_t>& sizes,
                        Xapian::rev revision) {
    try {
        if (Xapian::Database(db_path.string()).get_revision() != revision) {
            return;  // the update was committed after all: keep every block
        }
    } catch (const Xapian::Error&) {
        return;
    }
    std::error_code ec;
    for (const auto& [path, size] : sizes) {
        if (fs::file_size(path, ec) > size && !ec) {
            fs::resize_file(path, size, ec);
        }
    }
}

// Small changes go into the live index, in one transaction: readers see
// all of them at once, or, if the writer dies, none.
Result<SyncReport> update_in_place(IndexWriter& writer, const Config& config, const ScanResult& scan,
                                   const SyncOptions& options, SyncReport report, const std::string& fingerprint) {
    Xapian::WritableDatabase& db = writer.db();
    db.begin_transaction();
    Plan plan = make_plan(db, scan, false, options.changed_paths, options.only_paths);
    if (plan.empty()) {
        // Another process brought it up to date while this one waited.
        db.cancel_transaction();
        report.articles = db.get_doccount();
        return report;
    }
    if (!apply_plan(db, plan, config, options, fingerprint, false, report, {})) {
        db.cancel_transaction();
        report.articles = db.get_doccount();
        return report;
    }
    if (options.before_commit) {
        options.before_commit();
    }
    db.commit_transaction();
    report.committed = true;
    report.articles = db.get_doccount();
    return report;
}

// Removes what killed builds left behind: "index.new-PID" folders whose
// process is gone.
void remove_abandoned_builds(const fs::path& state_dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(state_dir, ec)) {
        std::string name = entry.path().filename().string();
        if (name.rfind("index.new-", 0) != 0) {
            continue;
        }
        long pid = std::strtol(name.c_str() + 10, nullptr, 10);
        if (pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH)) {
            continue;  // still being built
        }
        fs::remove_all(entry.path(), ec);
    }
}

// A new index, or a rebuild, is written into a fresh folder that nobody
// reads, committing as it goes (Xapian is much faster with small batches
// than with one huge transaction), and then swapped with the live index in
// one rename: readers see the old index or the new one, never a mix; a
// killed build leaves the old one in place.
// lock is held until the new index is in place.
Result<SyncReport> build_fresh([[maybe_unused]] WriteLock lock, const Config& config, const ScanResult& scan,
                               const SyncOptions& options, SyncReport report, const std::string& fingerprint,
                               const std::string& reason) {
    const fs::path db_path = index_path(config);
    const fs::path state_dir = db_path.parent_path();
    const fs::path fresh_path = state_dir / ("index.new-" + std::to_string(::getpid()));
    const fs::path compact_path = fresh_path.string() + ".compact";
    std::error_code ec;
    fs::remove_all(fresh_path, ec);
    // Whatever way this fails (a full disk, most often), what it wrote goes:
    // a left-over copy would keep the disk full.
    struct RemoveOnFailure {
        const fs::path& fresh;
        const fs::path& compact;
        bool done = false;
        ~RemoveOnFailure() {
            std::error_code ignored;
            fs::remove_all(compact, ignored);
            if (!done) {
                fs::remove_all(fresh, ignored);
            }
        }
    } cleanup{fresh_path, compact_path};
    report.rebuilt = true;
    report.rebuild_reason = reason;
    {
        Xapian::WritableDatabase db(fresh_path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        Plan plan = make_plan(db, scan, true);
        constexpr std::size_t k_batch = 500;  // measured: 250-1000 equally fast, 10000 30% slower
        std::size_t since_commit = 0;
        apply_plan(db, plan, config, options, fingerprint, true, report, [&] {
            if (++since_commit >= k_batch) {
                db.commit();
                since_commit = 0;
            }
        });
        if (options.before_commit) {
            options.before_commit();
        }
        db.commit();
        report.articles = db.get_doccount();
        db.close();
    }
    {
        // Batch commits leave half-full blocks; a compact copy is about a
        // third smaller and costs a fraction of a second per 10k articles.
        fs::remove_all(compact_path, ec);
        Xapian::Database(fresh_path.string()).compact(compact_path.string());
        fs::remove_all(fresh_path, ec);
        fs::rename(compact_path, fresh_path, ec);
        if (ec) {
            return Error(ErrorCode::io, "cannot write the index in " + state_dir.string() + ": " + ec.message());
        }
    }
    if (fs::exists(db_path, ec)) {
        // Swap the two folders atomically; the old index ends up at
        // fresh_path and goes. Readers that opened it keep their files.
        if (::renameat2(AT_FDCWD, fresh_path.c_str(), AT_FDCWD, db_path.c_str(), RENAME_EXCHANGE) != 0) {
            std::string why = std::strerror(errno);
            fs::remove_all(fresh_path, ec);
            return Error(ErrorCode::io, "cannot replace the index " + db_path.string() + ": " + why);
        }
        fs::remove_all(fresh_path, ec);
    } else if (::rename(fresh_path.c_str(), db_path.c_str()) != 0) {
        std::string why = std::strerror(errno);
        fs::remove_all(fresh_path, ec);
        return Error(ErrorCode::io, "cannot create the index " + db_path.string() + ": " + why);
    }
    cleanup.done = true;
    report.committed = true;
    return report;
}

Result<SyncReport> write_changes(const Config& config, const ScanResult& scan, const SyncOptions& options,
                                 SyncReport report, const std::string& fingerprint) {
    const fs::path db_path = index_path(config);
    ensure_state_dir(db_path.parent_path());
    auto lock = WriteLock::acquire(db_path, options.lock_wait);
    if (!lock) {
        return lock.error();
    }
    remove_abandoned_builds(db_path.parent_path());
    // A new index is built from every file, also when only some were named.
    std::optional<ScanResult> rescanned;
    auto all_files = [&]() -> const ScanResult& {
        if (options.only_paths == nullptr) {
            return scan;
        }
        rescanned = scan_articles(config);
        return *rescanned;
    };
    std::error_code ec;
    if (!fs::exists(db_path, ec)) {
        return build_fresh(std::move(*lock), config, all_files(), options, std::move(report), fingerprint, "new index");
    }
    if (options.rebuild) {
        // Not even opened: a damaged index is rebuilt the same way.
        return build_fresh(std::move(*lock), config, all_files(), options, std::move(report), fingerprint, "--rebuild");
    }
    auto writer = IndexWriter::open(db_path, *lock);
    if (!writer) {
        return writer.error();
    }
    std::string reason = rebuild_reason(writer->db(), fingerprint);
    if (!reason.empty()) {
        return build_fresh(writer->release(), config, all_files(), options, std::move(report), fingerprint, reason);
    }
    // Xapian grows the live files while it writes a transaction and does not
    // shrink them when the transaction fails, so a failed update on a full
    // disk would leave the disk fuller. The committed revision uses no block
    // past the files' old ends, so a failed update cuts them back.
    const std::map<fs::path, std::uintmax_t> sizes = file_sizes(db_path);
    const Xapian::rev revision = writer->db().get_revision();
    try {
        return update_in_place(*writer, config, scan, options, std::move(report), fingerprint);
    } catch (const Xapian::Error&) {
        const WriteLock held = writer->release();  // closes the index; the lock is held until the files are cut
        restore_file_sizes(db_path, sizes, revision);
        throw;
    }
}

// ENOSPC or EDQUOT, as Xapian and std::filesystem spell them.
bool is_disk_full(const std::string& why) {
    return why == std::strerror(ENOSPC) || why == std::strerror(EDQUOT);
}

Error disk_full(const fs::path& db_path, const std::string& detail) {
    const std::string dir = db_path.parent_path().string();
    return Error(ErrorCode::io, "cannot update the index " + db_path.string() + ": the disk is full (" + detail + ")",
                 "free some space on the disk that holds " + dir + " ('df -h " + dir +
                     "' shows it), then run 'faqt index'; the previous index is unchanged");
}

}  // namespace

Result<SyncReport> sync_index(const Config& config, const SyncOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    auto finish = [&](Result<SyncReport> result) {
        if (result) {
            result->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        }
        return result;
    };
    const fs::path db_path = index_path(config);
    SyncReport report;
    SyncOptions effective = options;  // only_paths dropped when every file must be scanned
    if (options.rebuild) {
        effective.only_paths = nullptr;
    }
    ScanResult scan =
        effective.only_paths != nullptr ? scan_article_paths(config, *effective.only_paths) : scan_articles(config);
    report.scan_diagnostics = scan.diagnostics;
    std::string fingerprint;
    try {
        fingerprint = config.index_fingerprint();
    } catch (const std::exception& e) {
        return Error(ErrorCode::internal, std::string("cannot fingerprint faqt.toml: ") + e.what());
    }

    // First look without the lock: nothing changed is the common case.
    bool exists = false;
    std::optional<Plan> read_only_plan;
    std::string read_only_reason;
    std::optional<Error> damaged;
    try {
        Xapian::Database db(db_path.string());
        exists = true;
        read_only_reason = rebuild_reason(db, fingerprint);
        if (effective.only_paths != nullptr && !rebuild_reason(db, fingerprint).empty()) {
            effective.only_paths = nullptr;  // a rebuild reads every file
            scan = scan_articles(config);
            report.scan_diagnostics = scan.diagnostics;
        }
        read_only_plan = make_plan(db, scan, false, effective.changed_paths, effective.only_paths);
        if (!options.rebuild && read_only_reason.empty() && read_only_plan->empty()) {
            report.articles = db.get_doccount();
            return finish(report);
        }
        report.articles = db.get_doccount();
    } catch (const Xapian::DatabaseOpeningError& e) {
        std::error_code ec;
        if (fs::exists(db_path, ec)) {
            damaged = Error(ErrorCode::index_damaged, "cannot open the index " + db_path.string() + ": " + e.get_msg(),
                            "run 'faqt index --rebuild'");
        }
    } catch (const Xapian::Error& e) {
        damaged = Error(ErrorCode::index_damaged, "cannot read the index " + db_path.string() + ": " + e.get_msg(),
                        "run 'faqt index --rebuild'");
    }

    if (effective.only_paths != nullptr && (!exists || damaged)) {
        effective.only_paths = nullptr;  // a new index reads every file
        scan = scan_articles(config);
        report.scan_diagnostics = scan.diagnostics;
        read_only_plan.reset();
    }

    // Something to write. A read-only KB keeps the index it has.
    const fs::path state_dir = db_path.parent_path();
    std::error_code ec;
    bool writable = false;
    if (!options.read_only) {
        writable = fs::exists(state_dir, ec) ? is_writable(state_dir) && (!exists || is_writable(db_path))
                                             : is_writable(config.root);
    }
    if (!writable) {
        if (damaged) {
            return *damaged;
        }
        if (!exists) {
            return Error(ErrorCode::io,
                         "there is no index yet and " + (fs::exists(state_dir, ec) ? state_dir : config.root).string() +
                             " is not writable",
                         "run 'faqt index' once as a user who can write to the knowledge base");
        }
        if (read_only_reason.find("version") != std::string::npos ||
            read_only_reason.find("older") != std::string::npos) {
            return Error(ErrorCode::index_damaged,
                         "the index was built by another version of faqt and the knowledge base is read-only",
                         "run 'faqt index' once as a user who can write to the knowledge base");
        }
        report.stale_files = count_real_changes(*read_only_plan, config);
        report.stale = report.stale_files > 0 || !read_only_reason.empty();
        return finish(report);
    }

    try {
        return finish(write_changes(config, scan, effective, std::move(report), fingerprint));
    } catch (const Xapian::Error& e) {
        // "Error writing block 41" alone does not say why; errno does.
        if (const char* why = e.get_error_string(); why != nullptr && is_disk_full(why)) {
            return disk_full(db_path, e.get_msg() + ": " + why);
        }
        if (std::string_view(e.get_type()) == "DatabaseCorruptError") {
            return Error(ErrorCode::index_damaged, "the index " + db_path.string() + " is damaged: " + e.get_msg(),
                         "run 'faqt index --rebuild'");
        }
        return Error(ErrorCode::io, "cannot update the index " + db_path.string() + ": " + e.get_description());
    } catch (const std::filesystem::filesystem_error& e) {
        if (e.code() == std::errc::no_space_on_device) {
            return disk_full(db_path, e.what());
        }
        return Error(ErrorCode::io, "cannot update the index " + db_path.string() + ": " + e.what());
    }
}

}  // namespace faqt
