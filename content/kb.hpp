#pragma once
// KnowledgeBase: a folder with faqt.toml and its articles. Discovery works
// like git's: from an explicit folder, else $FAQT_KB (passed in by cli/),
// else the working directory, the nearest faqt.toml upwards.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "content/article.hpp"
#include "content/config.hpp"
#include "content/diagnostic.hpp"
#include "content/result.hpp"

namespace faqt {

inline constexpr std::uintmax_t k_max_article_bytes = 1024 * 1024;

// Finds the KB root: the nearest folder holding faqt.toml from explicit_dir
// upwards when it is given (like 'git -C', so a subfolder of a KB works),
// else from env_dir upwards, else from start upwards. Errors
// (ErrorCode::config): explicit_dir or env_dir is not a folder, or no
// faqt.toml is found.
Result<std::filesystem::path> discover_kb(const std::optional<std::filesystem::path>& explicit_dir,
                                          const std::optional<std::filesystem::path>& env_dir,
                                          const std::filesystem::path& start);

// An article file found on disk, before it is parsed.
struct ArticleFile {
    std::string path;      // relative to the KB root, '/' separated
    std::string absolute;  // root-based path for opening the file
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
};

struct ScanResult {
    std::vector<ArticleFile> files;  // sorted by path; excludes oversized files
    Diagnostics diagnostics;         // unreadable folders, symlink loops, oversized files
    // Article files found but not taken (over the size limit, not a regular
    // file), by path: their visibility is unknown, so their translations
    // cannot be shown to end users (inherit_internal_visibility()).
    std::vector<std::string> skipped;
    // The file-system clock (CLOCK_REALTIME_COARSE, which stamps mtimes) when
    // the scan started, in ns: a file whose mtime is not older may be
    // written again within the same clock tick without its mtime changing.
    std::int64_t started_ns = 0;
};

// Walks the [kb] content folders for *.md files, honouring exclude globs and
// skipping .faqt/ and hidden folders. A symlink (to a file or a folder)
// whose real path is outside the KB root and outside every prefix of
// [kb] follow_symlinks_outside is refused with an error naming its target;
// FIFOs, sockets and devices named *.md are reported, never opened.
ScanResult scan_articles(const Config& config);

// The same scan for the given files only ('/'-separated, relative to the
// root): those that exist, lie in a content folder and would be found by
// scan_articles(), with its checks and diagnostics (a path naming a folder
// scans the folder). For a caller that knows which files changed (the
// index watcher); what is not named is not looked at.
ScanResult scan_article_paths(const Config& config, const std::set<std::string>& paths);

// Where article files may really be: under the real path of the KB root,
// or under one of [kb] follow_symlinks_outside. Built once per scan or
// load; cheap to query and safe to share between threads.
class KbBoundary {
public:
    explicit KbBoundary(const Config& config);
    // True when real_path (absolute, symlinks resolved) is inside.
    bool contains(std::string_view real_path) const;

private:
    std::vector<std::string> m_roots;
};

// Reads an article file for parsing, never following it out of the KB:
// opened without blocking, refused unless it is a regular file of at most
// k_max_article_bytes whose real path is inside boundary. The Error's
// message says why, for a diagnostic (ErrorCode::io).
Result<std::string> read_article_file(const std::string& absolute, const KbBoundary& boundary);

// True when the '/'-separated relative path matches a glob ("*" within a
// folder, "**" across folders, "?" one character). A pattern longer than
// k_max_glob_bytes, or a path longer than 4096 bytes, never matches.
bool glob_match(std::string_view pattern, std::string_view path);

// Reads and parses one file; I/O problems become diagnostics.
ParsedArticle load_article(const ArticleFile& file, const Config& config);

struct LoadedKb {
    Config config;
    std::vector<Article> articles;  // sorted by id, then lang
    Diagnostics diagnostics;        // everything found while loading (config, scan, parse)
};

// Loads the whole KB: config, scan, parse (in parallel on all cores).
// Fails only when faqt.toml cannot be read or parsed at all.
Result<LoadedKb> load_kb(const std::filesystem::path& root);

// Loads the articles of an already loaded config.
void load_articles(LoadedKb& kb, const ScanResult& scan);

}  // namespace faqt
