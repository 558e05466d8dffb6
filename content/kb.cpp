#include "content/kb.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "content/public_view.hpp"

namespace faqt {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_config_name = "faqt.toml";

// A glob compiled to a list of steps, matched by simulating every step a
// match could be at, one path character at a time: O(pattern × path) for
// any pattern. The recursive matcher this replaces was exponential in the
// number of stars ("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b" against a 40-'a' name
// took minutes).
enum class GlobStep : unsigned char {
    literal,  // one given character
    one,      // '?': one character but '/'
    star,     // '*': any run of characters without '/'
    any,      // '**' not followed by '/': any run of characters
    folders,  // '**/': nothing, or any run of characters ending with '/'
};

struct GlobToken {
    GlobStep step;
    char c = 0;
};

std::vector<GlobToken> compile_glob(std::string_view p) {
    std::vector<GlobToken> tokens;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '*' && i + 1 < p.size() && p[i + 1] == '*') {
            i += 1;
            if (i + 1 < p.size() && p[i + 1] == '/') {
                i += 1;
                tokens.push_back({GlobStep::folders});
            } else {
                tokens.push_back({GlobStep::any});
            }
        } else if (p[i] == '*') {
            tokens.push_back({GlobStep::star});
        } else if (p[i] == '?') {
            tokens.push_back({GlobStep::one});
        } else {
            tokens.push_back({GlobStep::literal, p[i]});
        }
    }
    return tokens;
}

// The longest run of literal characters of a compiled glob: a path that
// does not contain it cannot match, which rejects most paths with one
// substring search.
std::string longest_literal(const std::vector<GlobToken>& tokens) {
    std::string best;
    std::string run;
    for (const auto& t : tokens) {
        if (t.step == GlobStep::literal) {
            run += t.c;
            continue;
        }
        if (run.size() > best.size()) {
            best = run;
        }
        run.clear();
    }
    return run.size() > best.size() ? run : best;
}

// The step-simulation buffers, kept between matches so that matching a
// path against a compiled glob allocates nothing.
struct GlobScratch {
    std::vector<char> active, inside, next, next_inside;
};

bool match_tokens(const std::vector<GlobToken>& tokens, std::string_view s, GlobScratch& scratch) {
    const std::size_t n = tokens.size();
    // active[i]: a match can be at step i (n: the whole pattern matched).
    // inside[i]: a match is within the folders of the '**/' at step i, past
    // its start: it may go on only after a '/'.
    std::vector<char>& active = scratch.active;
    std::vector<char>& inside = scratch.inside;
    std::vector<char>& next = scratch.next;
    std::vector<char>& next_inside = scratch.next_inside;
    active.assign(n + 1, 0);
    inside.assign(n + 1, 0);
    next.assign(n + 1, 0);
    next_inside.assign(n + 1, 0);
    // Steps that may match nothing let the following step start as well.
    auto close = [&](std::vector<char>& states) {
        for (std::size_t i = 0; i < n; ++i) {
            if (states[i] && tokens[i].step != GlobStep::literal && tokens[i].step != GlobStep::one) {
                states[i + 1] = 1;
            }
        }
    };
    active[0] = 1;
    close(active);
    for (char c : s) {
        std::fill(next.begin(), next.end(), 0);
        std::fill(next_inside.begin(), next_inside.end(), 0);
        for (std::size_t i = 0; i < n; ++i) {
            const GlobToken& t = tokens[i];
            if (t.step == GlobStep::folders) {
                if (active[i] || inside[i]) {
                    next_inside[i] = 1;
                    if (c == '/') {
                        next[i + 1] = 1;
                    }
                }
                continue;
            }
            if (!active[i]) {
                continue;
            }
            switch (t.step) {
                case GlobStep::literal:
                    if (c == t.c) {
                        next[i + 1] = 1;
                    }
                    break;
                case GlobStep::one:
                    if (c != '/') {
                        next[i + 1] = 1;
                    }
                    break;
                case GlobStep::star:
                    if (c != '/') {
                        next[i] = 1;
                    }
                    break;
                case GlobStep::any:
                    next[i] = 1;
                    break;
                case GlobStep::folders:
                    break;
            }
        }
        close(next);
        bool alive = false;
        for (std::size_t i = 0; i <= n; ++i) {
            alive = alive || next[i] || next_inside[i];
        }
        if (!alive) {
            return false;
        }
        active.swap(next);
        inside.swap(next_inside);
    }
    return active[n] != 0;
}

// A path longer than this never matches a glob (PATH_MAX).
constexpr std::size_t k_max_glob_path_bytes = 4096;

bool glob_match_impl(std::string_view pattern, std::string_view s) {
    GlobScratch scratch;
    return match_tokens(compile_glob(pattern), s, scratch);
}

// The [kb] exclude globs, compiled once per scan rather than once per
// file; the same rule as before (glob_match on the whole relative path,
// and on the last name for a pattern without '/').
class ExcludeRules {
public:
    explicit ExcludeRules(const Config& config) {
        for (const auto& pattern : config.exclude) {
            std::string p = pattern;
            while (!p.empty() && p.back() == '/') {
                p.pop_back();
            }
            if (p.rfind("./", 0) == 0) {
                p = p.substr(2);
            }
            if (p.size() > k_max_glob_bytes) {
                continue;  // never matches
            }
            Rule rule;
            rule.tokens = compile_glob(p);
            rule.literal = longest_literal(rule.tokens);
            rule.any_depth = p.find('/') == std::string::npos;
            m_rules.push_back(std::move(rule));
        }
    }

    bool empty() const { return m_rules.empty(); }

    bool excluded(std::string_view relative) {
        if (relative.size() > k_max_glob_path_bytes) {
            return false;
        }
        for (const auto& rule : m_rules) {
            if (relative.find(rule.literal) == std::string_view::npos) {
                continue;  // the name is part of the path: no match there either
            }
            if (match_tokens(rule.tokens, relative, m_scratch)) {
                return true;
            }
            // Like .gitignore, a pattern without '/' matches a name at any depth.
            if (rule.any_depth) {
                auto slash = relative.rfind('/');
                if (slash != std::string_view::npos &&
                    match_tokens(rule.tokens, relative.substr(slash + 1), m_scratch)) {
                    return true;
                }
            }
        }
        return false;
    }

private:
    struct Rule {
        std::vector<GlobToken> tokens;
        std::string literal;
        bool any_depth = false;
    };
    std::vector<Rule> m_rules;
    GlobScratch m_scratch;
};

std::string relative_to(const fs::path& root, const fs::path& path) {
    std::string rel = path.lexically_relative(root).generic_string();
    if (rel.rfind("./", 0) == 0) {
        rel = rel.substr(2);
    }
    return rel;
}

// The real path of an existing file or folder, "" when it cannot be resolved.
std::string real_path(const std::string& path) {
    char* resolved = ::realpath(path.c_str(), nullptr);
    if (resolved == nullptr) {
        return {};
    }
    std::string out(resolved);
    std::free(resolved);
    return out;
}

const char* file_kind(mode_t mode) {
    if (S_ISFIFO(mode)) {
        return "FIFO (named pipe)";
    }
    if (S_ISCHR(mode)) {
        return "character device";
    }
    if (S_ISBLK(mode)) {
        return "block device";
    }
    if (S_ISSOCK(mode)) {
        return "socket";
    }
    if (S_ISDIR(mode)) {
        return "folder";
    }
    return "special file";
}

// Walks folders with openat/readdir/fstatat: one stat per article file and
// none for other entries whose type readdir already gives. This runs before
// every search, so it is kept cheap.
// Folders reached so far, shared by the scanning threads so a folder linked
// twice is listed once.
struct VisitedFolders {
    std::mutex mutex;
    std::set<std::pair<dev_t, ino_t>> folders;

    bool insert(std::pair<dev_t, ino_t> key) {
        std::lock_guard<std::mutex> lock(mutex);
        return folders.insert(key).second;
    }
};

// A folder left for another thread: the top-level folders of a content
// folder are scanned in parallel.
struct FolderTask {
    std::string absolute;
    std::string relative;
    std::vector<std::pair<dev_t, ino_t>> chain;
};

class Scanner {
public:
    Scanner(const Config& config, const KbBoundary& boundary, ScanResult& result, VisitedFolders& visited)
        : m_exclude(config), m_boundary(boundary), m_result(result), m_visited(visited) {}

    // When tasks is given, subfolders are not entered but added to it.
    void scan_folder(const std::string& absolute, const std::string& relative,
                     std::vector<std::pair<dev_t, ino_t>>& chain, std::vector<FolderTask>* tasks = nullptr) {
        int fd = ::open(absolute.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            diagnose(relative, Severity::error, "cannot read folder: " + std::string(std::strerror(errno)),
                     "check the folder's permissions");
            return;
        }
        struct stat st {};
        if (::fstat(fd, &st) != 0) {
            ::close(fd);
            return;
        }
        auto key = std::make_pair(st.st_dev, st.st_ino);
        if (std::find(chain.begin(), chain.end(), key) != chain.end()) {
            ::close(fd);
            diagnose(relative, Severity::error, "symlink loop: this folder links back to one of its parents",
                     "remove the symlink or add the folder to [kb] exclude");
            return;
        }
        if (!m_visited.insert(key)) {
            ::close(fd);
            return;  // reached twice through symlinks; its articles are already listed
        }
        DIR* dir = ::fdopendir(fd);
        if (dir == nullptr) {
            ::close(fd);
            diagnose(relative, Severity::error, "cannot read folder: " + std::string(std::strerror(errno)),
                     "check the folder's permissions");
            return;
        }
        chain.push_back(key);
        std::vector<std::pair<std::string, unsigned char>> entries;
        errno = 0;
        while (const dirent* entry = ::readdir(dir)) {
            const char* name = entry->d_name;
            if (name[0] == '.' || std::strcmp(name, "node_modules") == 0) {
                continue;  // hidden files and folders (.git, .faqt), dependencies
            }
            entries.emplace_back(name, entry->d_type);
        }
        if (errno != 0) {
            diagnose(relative, Severity::error, "cannot list folder: " + std::string(std::strerror(errno)),
                     "check the folder's permissions");
        }
        std::sort(entries.begin(), entries.end());
        const int dir_fd = ::dirfd(dir);
        m_tasks = tasks;
        for (const auto& [name, type] : entries) {
            visit(dir_fd, absolute, relative, name, type, chain);
        }
        m_tasks = nullptr;
        ::closedir(dir);
        chain.pop_back();
    }

    // One entry of a folder, as a listing of the folder would have found it
    // (a folder is scanned whole). Nothing is added for an entry that is
    // gone or hidden.
    // content_folder: the relative path of the content folder it is in.
    void scan_entry(const std::string& root, const std::string& relative, std::string_view content_folder) {
        const auto slash = relative.rfind('/');
        const std::string folder_relative = slash == std::string::npos ? "" : relative.substr(0, slash);
        const std::string name = relative.substr(slash == std::string::npos ? 0 : slash + 1);
        if (name.empty() || name[0] == '.' || name == "node_modules") {
            return;
        }
        // What the walk checks on its way down: no folder on the way is
        // excluded, and the folder really is inside the KB (a linked folder
        // leading out is never entered).
        if (!m_exclude.empty()) {
            for (auto at = folder_relative.find('/'); true; at = folder_relative.find('/', at + 1)) {
                const std::string ancestor = folder_relative.substr(0, at);
                if (ancestor.size() > content_folder.size() && m_exclude.excluded(ancestor)) {
                    return;
                }
                if (at == std::string::npos) {
                    break;
                }
            }
        }
        const std::string folder = folder_relative.empty() ? root : root + "/" + folder_relative;
        if (!m_boundary.contains(real_path(folder))) {
            return;
        }
        int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            return;  // its folder is gone, so is the file
        }
        struct stat own {};
        if (::fstatat(fd, name.c_str(), &own, AT_SYMLINK_NOFOLLOW) == 0) {
            const unsigned char type = S_ISLNK(own.st_mode)   ? DT_LNK
                                       : S_ISDIR(own.st_mode) ? DT_DIR
                                       : S_ISREG(own.st_mode) ? DT_REG
                                                              : DT_UNKNOWN;
            std::vector<std::pair<dev_t, ino_t>> chain;
            visit(fd, folder, folder_relative, name, type, chain);
        }
        ::close(fd);
    }

private:
    static bool is_markdown(const std::string& name) {
        return name.size() > 3 && name.compare(name.size() - 3, 3, ".md") == 0;
    }

    void visit(int dir_fd, const std::string& folder, const std::string& folder_relative, const std::string& name,
               unsigned char type, std::vector<std::pair<dev_t, ino_t>>& chain) {
        std::string relative = folder_relative.empty() ? name : folder_relative + "/" + name;
        if (!m_exclude.empty() && m_exclude.excluded(relative)) {
            return;
        }
        const std::string absolute = folder + "/" + name;
        if (type == DT_DIR) {
            enter(absolute, relative, chain);
            return;
        }
        if (type == DT_REG && !is_markdown(name)) {
            return;
        }
        // Regular .md files, symlinks and file systems without d_type: one
        // stat, following symlinks.
        struct stat st {};
        if (::fstatat(dir_fd, name.c_str(), &st, 0) != 0) {
            int error = errno;
            if (type == DT_LNK || type == DT_UNKNOWN) {
                if (error == ELOOP) {
                    diagnose(relative, Severity::error, "symlink loop", "remove the symlink");
                } else if (is_markdown(name)) {
                    diagnose(relative, Severity::error, "broken symlink", "remove it or point it at an existing file");
                }
            } else {
                diagnose(relative, Severity::error, "cannot read: " + std::string(std::strerror(error)),
                         "check its permissions");
            }
            return;
        }
        bool link = type == DT_LNK;
        if (type == DT_UNKNOWN) {
            struct stat own {};
            link = ::fstatat(dir_fd, name.c_str(), &own, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(own.st_mode);
        }
        if (!S_ISDIR(st.st_mode) && !is_markdown(name)) {
            return;
        }
        if (link) {
            // A link may lead anywhere: /etc/passwd named x.md would be
            // indexed and shown to whoever searches. Its real path decides.
            std::string real = real_path(absolute);
            if (!m_boundary.contains(real)) {
                diagnose(relative, Severity::error,
                         "symlink leads outside the knowledge base, to '" + real + "'; skipped",
                         "move the target into the knowledge base, remove the link, or allow the target's folder "
                         "with [kb] follow_symlinks_outside in faqt.toml");
                if (relative.ends_with(".md")) {
                    m_result.skipped.push_back(relative);
                }
                return;
            }
        }
        if (S_ISDIR(st.st_mode)) {
            enter(absolute, relative, chain);
            return;
        }
        if (!S_ISREG(st.st_mode)) {
            // Never opened: reading a FIFO blocks, a device never ends.
            diagnose(relative, Severity::error, std::string("is a ") + file_kind(st.st_mode) + ", not a file; skipped",
                     "articles are regular files; remove it or add it to [kb] exclude");
            m_result.skipped.push_back(relative);
            return;
        }
        auto size = static_cast<std::uintmax_t>(st.st_size);
        if (size > k_max_article_bytes) {
            diagnose(relative, Severity::warning,
                     "file is " + std::to_string(size / 1024) + " KiB, over the 1 MiB limit; skipped",
                     "split it into smaller articles or add it to [kb] exclude");
            m_result.skipped.push_back(std::move(relative));
            return;
        }
        std::int64_t mtime = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
        m_result.files.push_back({std::move(relative), absolute, size, mtime});
    }

    void enter(const std::string& absolute, const std::string& relative, std::vector<std::pair<dev_t, ino_t>>& chain) {
        if (m_tasks != nullptr) {
            m_tasks->push_back({absolute, relative, chain});
            return;
        }
        std::vector<FolderTask>* saved = m_tasks;
        scan_folder(absolute, relative, chain);
        m_tasks = saved;
    }

    void diagnose(const std::string& relative, Severity severity, std::string message, std::string hint) {
        // Whole-file problems point at 1:1 so every diagnostic reads path:line:col.
        m_result.diagnostics.push_back(
            {relative.empty() ? "." : relative, 1, 1, severity, std::move(message), std::move(hint)});
    }

    ExcludeRules m_exclude;
    const KbBoundary& m_boundary;
    ScanResult& m_result;
    VisitedFolders& m_visited;
    std::vector<FolderTask>* m_tasks = nullptr;
};

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
    // Linear in each, so the product is what costs: bounded by the longest
    // pattern and the longest relative path (PATH_MAX) a KB can have.
    if (pattern.size() > k_max_glob_bytes || path.size() > k_max_glob_path_bytes) {
        return false;
    }
    return glob_match_impl(pattern, path);
}

namespace {

// The nearest folder holding faqt.toml from dir upwards, without a trailing '/'.
std::optional<fs::path> find_kb_upwards(fs::path dir) {
    std::error_code ec;
    while (true) {
        if (fs::exists(dir / k_config_name, ec)) {
            std::string s = dir.string();
            if (s.size() > 1 && s.back() == '/') {
                dir = fs::path(s.substr(0, s.size() - 1));
            }
            return dir;
        }
        if (!dir.has_parent_path() || dir.parent_path() == dir) {
            return std::nullopt;
        }
        dir = dir.parent_path();
    }
}

}  // namespace

Result<fs::path> discover_kb(const std::optional<fs::path>& explicit_dir, const std::optional<fs::path>& env_dir,
                             const fs::path& start) {
    // Like 'git -C': the folder given, or the nearest one above it, holds the KB.
    auto check_dir = [](const fs::path& dir, const char* source) -> Result<fs::path> {
        std::error_code ec;
        fs::path absolute = fs::absolute(dir, ec).lexically_normal();
        if (!fs::is_directory(absolute, ec)) {
            return Error(ErrorCode::config, std::string(source) + " '" + dir.string() + "' is not a folder");
        }
        if (auto found = find_kb_upwards(absolute)) {
            return *found;
        }
        return Error(ErrorCode::config,
                     "no faqt.toml in '" + dir.string() + "' or any folder above it (from " + source + ")",
                     "run 'faqt init " + dir.string() + "' to create a knowledge base there");
    };
    if (explicit_dir) {
        return check_dir(*explicit_dir, "--kb");
    }
    if (env_dir) {
        return check_dir(*env_dir, "$FAQT_KB");
    }
    std::error_code ec;
    if (auto found = find_kb_upwards(fs::absolute(start, ec).lexically_normal())) {
        return *found;
    }
    return Error(ErrorCode::config, "not in a faqt knowledge base (no faqt.toml here or in any parent folder)",
                 "use -C DIR or $FAQT_KB, or run 'faqt init' to create one");
}

namespace {

// The file-system clock (CLOCK_REALTIME_COARSE, which stamps mtimes), in ns.
std::int64_t file_clock_ns() {
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME_COARSE, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1000000000LL + now.tv_nsec;
}

// Diagnostics in order, files sorted by path and each path once.
void finish_scan(ScanResult& result) {
    sort_diagnostics(result.diagnostics);
    std::sort(result.files.begin(), result.files.end(),
              [](const ArticleFile& a, const ArticleFile& b) { return a.path < b.path; });
    result.files.erase(std::unique(result.files.begin(), result.files.end(),
                                   [](const ArticleFile& a, const ArticleFile& b) { return a.path == b.path; }),
                       result.files.end());
}

}  // namespace

ScanResult scan_articles(const Config& config) {
    ScanResult result;
    result.started_ns = file_clock_ns();
    VisitedFolders visited;
    const KbBoundary boundary(config);
    Scanner scanner(config, boundary, result, visited);
    std::vector<FolderTask> tasks;
    for (const auto& folder : config.content) {
        fs::path dir = (config.root / folder).lexically_normal();
        std::error_code ec;
        if (!fs::exists(dir, ec)) {
            result.diagnostics.push_back({"faqt.toml", 1, 1, Severity::warning,
                                          "content folder '" + folder + "' does not exist",
                                          "fix [kb] content in faqt.toml"});
            continue;
        }
        if (!boundary.contains(real_path(dir.string()))) {
            result.diagnostics.push_back({"faqt.toml", 1, 1, Severity::error,
                                          "content folder '" + folder + "' leads outside the knowledge base, to '" +
                                              real_path(dir.string()) + "'; skipped",
                                          "allow it with [kb] follow_symlinks_outside in faqt.toml"});
            continue;
        }
        std::vector<std::pair<dev_t, ino_t>> chain;
        std::string relative = relative_to(config.root, dir);
        if (relative == ".") {
            relative.clear();
        }
        std::string absolute = dir.string();
        while (absolute.size() > 1 && absolute.back() == '/') {
            absolute.pop_back();
        }
        scanner.scan_folder(absolute, relative, chain, &tasks);
    }
    // Most of the time goes to one stat per file in the kernel; two or more
    // threads over the top-level folders nearly halve it on a big KB.
    const unsigned threads =
        tasks.size() < 2 ? 1U : std::min<unsigned>(std::max(1U, std::thread::hardware_concurrency()), 4U);
    std::vector<ScanResult> partial(threads);
    std::atomic<std::size_t> next{0};
    auto worker = [&](unsigned t) {
        Scanner own(config, boundary, partial[t], visited);
        for (std::size_t i = next++; i < tasks.size(); i = next++) {
            own.scan_folder(tasks[i].absolute, tasks[i].relative, tasks[i].chain);
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) {
        pool.emplace_back(worker, t);
    }
    worker(0);
    for (auto& thread : pool) {
        thread.join();
    }
    for (auto& part : partial) {
        result.files.insert(result.files.end(), std::make_move_iterator(part.files.begin()),
                            std::make_move_iterator(part.files.end()));
        result.diagnostics.insert(result.diagnostics.end(), part.diagnostics.begin(), part.diagnostics.end());
        result.skipped.insert(result.skipped.end(), part.skipped.begin(), part.skipped.end());
    }
    finish_scan(result);
    return result;
}

ScanResult scan_article_paths(const Config& config, const std::set<std::string>& paths) {
    ScanResult result;
    result.started_ns = file_clock_ns();
    VisitedFolders visited;
    const KbBoundary boundary(config);
    Scanner scanner(config, boundary, result, visited);
    std::string root = fs::path(config.root).lexically_normal().string();
    while (root.size() > 1 && root.back() == '/') {
        root.pop_back();
    }
    // Only paths a scan of the content folders would reach.
    std::vector<std::string> prefixes;
    for (const auto& folder : config.content) {
        std::string relative = relative_to(config.root, (config.root / folder).lexically_normal());
        while (!relative.empty() && relative.back() == '/') {
            relative.pop_back();
        }
        prefixes.push_back(relative == "." ? "" : relative);
    }
    // Below its content folder, a path the walk reaches has no hidden
    // folder or node_modules on the way.
    auto walked = [](std::string_view rest) {
        return !rest.empty() && rest[0] != '.' && rest.find("/.") == std::string_view::npos &&
               rest.rfind("node_modules/", 0) != 0 && rest.find("/node_modules/") == std::string_view::npos;
    };
    for (const auto& path : paths) {
        for (const auto& prefix : prefixes) {
            const bool below = prefix.empty()
                                   ? walked(path)
                                   : path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
                                         path[prefix.size()] == '/' &&
                                         walked(std::string_view(path).substr(prefix.size() + 1));
            if (below) {
                scanner.scan_entry(root, path, prefix);
                break;
            }
        }
    }
    finish_scan(result);
    return result;
}

KbBoundary::KbBoundary(const Config& config) {
    auto add = [&](const std::string& path) {
        std::string real = real_path(path);
        if (real.empty()) {
            real = fs::path(path).lexically_normal().string();
        }
        while (real.size() > 1 && real.back() == '/') {
            real.pop_back();
        }
        m_roots.push_back(std::move(real));
    };
    add(fs::absolute(config.root).string());
    for (const auto& prefix : config.follow_symlinks_outside) {
        add(prefix);
    }
}

bool KbBoundary::contains(std::string_view real_path) const {
    if (real_path.empty() || real_path[0] != '/') {
        return false;
    }
    for (const auto& root : m_roots) {
        if (real_path.size() >= root.size() && real_path.compare(0, root.size(), root) == 0 &&
            (real_path.size() == root.size() || root == "/" || real_path[root.size()] == '/')) {
            return true;
        }
    }
    return false;
}

Result<std::string> read_article_file(const std::string& absolute, const KbBoundary& boundary) {
    // Looked at before it is opened: opening a FIFO waits for a writer, and
    // opening a device can do anything.
    struct stat st {};
    if (::stat(absolute.c_str(), &st) != 0) {
        return Error(ErrorCode::io, std::strerror(errno));
    }
    if (!S_ISREG(st.st_mode)) {
        return Error(ErrorCode::io, std::string("it is a ") + file_kind(st.st_mode) + ", not a file");
    }
    int fd = ::open(absolute.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        return Error(ErrorCode::io, std::strerror(errno));
    }
    struct FdCloser {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{fd};
    // What was opened decides, not what the path said a moment before: the
    // file may have been replaced by a link since the scan.
    if (::fstat(fd, &st) != 0) {
        return Error(ErrorCode::io, std::strerror(errno));
    }
    if (!S_ISREG(st.st_mode)) {
        return Error(ErrorCode::io, std::string("it is a ") + file_kind(st.st_mode) + ", not a file");
    }
    char proc[64];
    std::snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    std::string real(4096, '\0');
    ssize_t n = ::readlink(proc, real.data(), real.size());
    if (n > 0 && static_cast<std::size_t>(n) < real.size()) {
        real.resize(static_cast<std::size_t>(n));
    } else {
        real = real_path(absolute);
    }
    if (!boundary.contains(real)) {
        return Error(ErrorCode::io, "it leads outside the knowledge base, to '" + real + "'",
                     "allow the target's folder with [kb] follow_symlinks_outside in faqt.toml");
    }
    std::string data;
    data.reserve(static_cast<std::size_t>(std::min<std::uintmax_t>(st.st_size, k_max_article_bytes + 1)));
    char buf[65536];
    while (true) {
        ssize_t got = ::read(fd, buf, sizeof buf);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            return Error(ErrorCode::io, std::strerror(errno));
        }
        if (got == 0) {
            break;
        }
        data.append(buf, static_cast<std::size_t>(got));
        if (data.size() > k_max_article_bytes) {
            return Error(ErrorCode::io, "larger than 1 MiB");
        }
    }
    return data;
}

namespace {

ParsedArticle load_within(const ArticleFile& file, const Config& config, const KbBoundary& boundary) {
    auto text = read_article_file(file.absolute, boundary);
    if (!text) {
        ParsedArticle failed;
        failed.article.path = file.path;
        failed.diagnostics.push_back({file.path, 1, 1, Severity::error, "cannot read: " + text.error().message,
                                      text.error().hint.empty() ? "check its permissions" : text.error().hint});
        return failed;
    }
    if (text->find('\0') != std::string::npos) {
        ParsedArticle failed;
        failed.article.path = file.path;
        failed.diagnostics.push_back({file.path, 1, 1, Severity::error, "binary file (contains NUL bytes); skipped",
                                      "articles are UTF-8 text; remove the file or exclude it in [kb] exclude"});
        return failed;
    }
    return parse_article(*text, file.path, config);
}

}  // namespace

ParsedArticle load_article(const ArticleFile& file, const Config& config) {
    return load_within(file, config, KbBoundary(config));
}

void load_articles(LoadedKb& kb, const ScanResult& scan) {
    const std::size_t count = scan.files.size();
    std::vector<ParsedArticle> parsed(count);
    std::atomic<std::size_t> next{0};
    const KbBoundary boundary(kb.config);
    auto worker = [&]() {
        for (std::size_t i = next++; i < count; i = next++) {
            parsed[i] = load_within(scan.files[i], kb.config, boundary);
        }
    };
    unsigned threads = std::max(1U, std::min(std::thread::hardware_concurrency(), 8U));
    if (count < 64) {
        threads = 1;
    }
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) {
        pool.emplace_back(worker);
    }
    worker();
    for (auto& thread : pool) {
        thread.join();
    }
    kb.diagnostics.insert(kb.diagnostics.end(), scan.diagnostics.begin(), scan.diagnostics.end());
    kb.articles.reserve(count);
    std::vector<std::string> unread = scan.skipped;
    for (auto& p : parsed) {
        kb.diagnostics.insert(kb.diagnostics.end(), p.diagnostics.begin(), p.diagnostics.end());
        if (!p.article.id.empty()) {
            kb.articles.push_back(std::move(p.article));
        } else {
            unread.push_back(p.article.path);
        }
    }
    std::sort(kb.articles.begin(), kb.articles.end(), [](const Article& a, const Article& b) {
        if (a.id != b.id) {
            return a.id < b.id;
        }
        if (a.lang != b.lang) {
            return a.lang < b.lang;
        }
        return a.path < b.path;
    });
    inherit_internal_visibility(kb.articles, kb.config.default_lang, unread);
}

Result<LoadedKb> load_kb(const fs::path& root) {
    auto config = load_config(root);
    if (!config) {
        return config.error();
    }
    LoadedKb kb;
    kb.config = std::move(config->config);
    kb.diagnostics = std::move(config->diagnostics);
    ScanResult scan = scan_articles(kb.config);
    load_articles(kb, scan);
    return kb;
}

}  // namespace faqt
