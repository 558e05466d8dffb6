#pragma once
// The output folder of `faqt export`: writes the files export_site() hands
// to its sink, and only those whose bytes changed, and keeps a manifest
// (k_manifest_name, JSON) of every file it wrote, with its digest, size and
// input_key. The manifest is what makes re-export incremental and safe:
//
// - a folder that is not empty and has no manifest is never written into
//   (it is not faqt's; `--clean` empties a folder the user named);
// - a file is written only when its digest or size differs from the
//   manifest's record or the file is gone, atomically (a temporary file in
//   the same folder, then rename), so unchanged files keep their mtime and a
//   reader never sees half a page;
// - after the export, files the previous manifest lists and this export did
//   not produce are removed, with the folders they leave empty, and nothing
//   else is ever removed;
// - an article of the KB (the folder may be inside the KB) is never
//   overwritten or removed, whatever the manifest says;
// - a new or emptied folder gets an empty manifest at once (an export stopped
//   half-way leaves a folder faqt still knows as its own); the full manifest
//   is written last, atomically. When a write fails (a full
//   disk, a permission), the manifest written lists what is on disk now: the
//   old records of files not yet rewritten, the new records of those that
//   were.
//
// Files are written and removed only through real folders of the output
// folder: a symbolic link planted in it is never followed (a write through
// one is an error, a removal through one is skipped).
//
// Paths are checked again here (site/paths.hpp already escapes ids): a path
// that is absolute, has an empty, "." or ".." segment, a backslash or a
// control character is refused. (Bytes that are not UTF-8 are kept: an id
// made from such a file name has them; the manifest records their hex.)
//
// Not thread-safe: one OutputFolder per export, used from one thread.

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "content/result.hpp"
#include "site/export.hpp"

namespace faqt {

inline constexpr std::string_view k_manifest_name = ".faqt-export.json";

// What one export did to the folder.
struct OutputStats {
    int written = 0;    // files created or rewritten
    int unchanged = 0;  // files left as they were
    int removed = 0;    // files of the previous export that this one no longer makes
};

// A file of the site that was not written because of its own path (a name
// too long, a file or folder in its way, an article of the KB there) or an
// attachment that could not be read; the rest of the export goes on.
struct SkippedFile {
    std::string path;       // the site's path
    std::string copy_from;  // the attachment's file in the KB, if it is one
    std::string reason;     // why, without the path: "File name too long"
    std::string hint;
    bool article = false;  // it would have overwritten an article of the KB: an error, not a warning
};

struct OutputOptions {
    std::filesystem::path folder;   // where the site goes (created when missing)
    std::filesystem::path kb_root;  // never the folder, inside it, or a parent of it
    // Empty the folder first. Allowed when it has a manifest, or when the
    // user named it (explicit_folder), it is not inside the KB and it holds
    // no Markdown file (recursively); never when it is inside the KB and
    // holds a Markdown file (an article), manifest or not.
    bool clean = false;
    // The user named the folder (--out); a default folder is cleaned only
    // when faqt wrote it.
    bool explicit_folder = false;
};

class OutputFolder {
public:
    // Checks the folder (not the KB root, not a folder holding it, not '/'),
    // creates it when missing, refuses a non-empty folder without a
    // manifest (ErrorCode::usage, with a hint), cleans it when asked, and
    // reads the previous manifest. A manifest that cannot be read is an
    // error (ErrorCode::io): faqt cannot tell which files are its own.
    static Result<OutputFolder> open(const OutputOptions& options);

    // Whether the previous export wrote path from input_key (not empty) and
    // the file is still there with the size it had: SiteOptions::is_current.
    bool is_current(std::string_view path, std::string_view input_key) const;

    // Writes one file of the site (see the header comment). A file marked
    // unchanged keeps its previous record. A file that cannot be written
    // because of its own path (ENAMETOOLONG, a file where a folder must be
    // or the reverse), an attachment that cannot be read, and a path that
    // is an article of the KB (a `*.md` below the KB root, outside .faqt/,
    // when the folder is inside the KB) are skipped: listed in skipped(),
    // the result is success. Errors stop the export: the disk's or the
    // folder's (ENOSPC, EIO, EACCES, EROFS: ErrorCode::io) or a path the
    // site could not have made (ErrorCode::internal); they name the file.
    Result<void> write(const SiteFile& file);

    // The files write() skipped, in the order it got them.
    const std::vector<SkippedFile>& skipped() const { return m_skipped; }

    // Removes what the previous export wrote and this one did not, then
    // writes the manifest. Call once, after every write().
    Result<OutputStats> finish();

    // After a failed write(): writes the manifest of what is on disk now,
    // best effort, so the next export knows its files. Does not remove.
    void abandon();

    const std::filesystem::path& folder() const { return m_folder; }

private:
    struct Record {
        std::string digest;
        std::uint64_t size = 0;
        std::string input_key;
    };

    Result<void> write_manifest(const std::map<std::string, Record>& records) const;
    Result<void> remove_stale();
    // 0 when the folders of path are there, else the errno why one cannot
    // be made (skip the file; ENOTDIR with failed set: a file is in the
    // way); an error stops the export.
    Result<int> make_folders(std::string_view path, std::string& failed);
    bool in_real_folders(std::string_view path);
    Result<void> skip(const SiteFile& file, std::string reason, std::string hint);
    bool is_article(std::string_view path) const;

    std::filesystem::path m_folder;
    std::filesystem::path m_kb_root;
    bool m_inside_kb = false;
    std::vector<SkippedFile> m_skipped;
    std::map<std::string, Record> m_previous;  // the previous manifest
    std::map<std::string, Record> m_current;   // the files of this export
    std::string m_manifest_text;               // the previous manifest as read
    std::set<std::string> m_real_folders;      // folders checked to be real (no symbolic link)
    OutputStats m_stats;
};

// True when path is a safe relative '/'-separated file path (see above).
bool is_safe_site_path(std::string_view path);

// The digest recorded in the manifest: 64-bit FNV-1a, 16 hex digits.
std::string content_digest(std::string_view bytes);

}  // namespace faqt
