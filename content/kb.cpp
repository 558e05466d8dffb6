#include "content/kb.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <atomic>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace faqt {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_config_name = "faqt.toml";

bool glob_match_impl(std::string_view p, std::string_view s) {
    while (!p.empty()) {
        if (p.size() >= 2 && p[0] == '*' && p[1] == '*') {
            // "**/" matches zero or more folders; "**" alone matches anything.
            std::string_view rest = p.substr(2);
            if (!rest.empty() && rest[0] == '/') {
                std::string_view after = rest.substr(1);
                if (glob_match_impl(after, s)) {
                    return true;
                }
                for (std::size_t i = 0; i < s.size(); ++i) {
                    if (s[i] == '/' && glob_match_impl(after, s.substr(i + 1))) {
                        return true;
                    }
                }
                return false;
            }
            for (std::size_t i = 0; i <= s.size(); ++i) {
                if (glob_match_impl(rest, s.substr(i))) {
                    return true;
                }
            }
            return false;
        }
        if (p[0] == '*') {
            std::string_view rest = p.substr(1);
            for (std::size_t i = 0; i <= s.size(); ++i) {
                if (glob_match_impl(rest, s.substr(i))) {
                    return true;
                }
                if (i < s.size() && s[i] == '/') {
                    break;
                }
            }
            return false;
        }
        if (s.empty()) {
            return false;
        }
        if (p[0] != '?' && p[0] != s[0]) {
            return false;
        }
        if (p[0] == '?' && s[0] == '/') {
            return false;
        }
        p.remove_prefix(1);
        s.remove_prefix(1);
    }
    return s.empty();
}

bool excluded(const Config& config, const std::string& relative) {
    for (const auto& pattern : config.exclude) {
        std::string p = pattern;
        while (!p.empty() && p.back() == '/') {
            p.pop_back();
        }
        if (p.rfind("./", 0) == 0) {
            p = p.substr(2);
        }
        if (glob_match(p, relative)) {
            return true;
        }
        // Like .gitignore, a pattern without '/' matches a name at any depth.
        if (p.find('/') == std::string::npos) {
            auto slash = relative.rfind('/');
            if (slash != std::string::npos && glob_match(p, std::string_view(relative).substr(slash + 1))) {
                return true;
            }
        }
    }
    return false;
}

std::string relative_to(const fs::path& root, const fs::path& path) {
    std::string rel = path.lexically_relative(root).generic_string();
    if (rel.rfind("./", 0) == 0) {
        rel = rel.substr(2);
    }
    return rel;
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
    Scanner(const Config& config, ScanResult& result, VisitedFolders& visited)
        : m_config(config), m_result(result), m_visited(visited) {}

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

private:
    static bool is_markdown(const std::string& name) {
        return name.size() > 3 && name.compare(name.size() - 3, 3, ".md") == 0;
    }

    void visit(int dir_fd, const std::string& folder, const std::string& folder_relative, const std::string& name,
               unsigned char type, std::vector<std::pair<dev_t, ino_t>>& chain) {
        std::string relative = folder_relative.empty() ? name : folder_relative + "/" + name;
        if (!m_config.exclude.empty() && excluded(m_config, relative)) {
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
        if (S_ISDIR(st.st_mode)) {
            enter(absolute, relative, chain);
            return;
        }
        if (!S_ISREG(st.st_mode) || !is_markdown(name)) {
            return;
        }
        auto size = static_cast<std::uintmax_t>(st.st_size);
        if (size > k_max_article_bytes) {
            diagnose(relative, Severity::warning,
                     "file is " + std::to_string(size / 1024) + " KiB, over the 1 MiB limit; skipped",
                     "split it into smaller articles or add it to [kb] exclude");
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

    const Config& m_config;
    ScanResult& m_result;
    VisitedFolders& m_visited;
    std::vector<FolderTask>* m_tasks = nullptr;
};

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
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

ScanResult scan_articles(const Config& config) {
    ScanResult result;
    VisitedFolders visited;
    Scanner scanner(config, result, visited);
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
        Scanner own(config, partial[t], visited);
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
    }
    sort_diagnostics(result.diagnostics);
    std::sort(result.files.begin(), result.files.end(),
              [](const ArticleFile& a, const ArticleFile& b) { return a.path < b.path; });
    result.files.erase(std::unique(result.files.begin(), result.files.end(),
                                   [](const ArticleFile& a, const ArticleFile& b) { return a.path == b.path; }),
                       result.files.end());
    return result;
}

ParsedArticle load_article(const ArticleFile& file, const Config& config) {
    std::ifstream in(file.absolute, std::ios::binary);
    if (!in) {
        ParsedArticle failed;
        failed.article.path = file.path;
        failed.diagnostics.push_back({file.path, 1, 1, Severity::error,
                                      "cannot read: " + std::string(std::strerror(errno)), "check its permissions"});
        return failed;
    }
    std::string text;
    text.resize(static_cast<std::size_t>(file.size));
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.find('\0') != std::string::npos) {
        ParsedArticle failed;
        failed.article.path = file.path;
        failed.diagnostics.push_back({file.path, 1, 1, Severity::error, "binary file (contains NUL bytes); skipped",
                                      "articles are UTF-8 text; remove the file or exclude it in [kb] exclude"});
        return failed;
    }
    return parse_article(text, file.path, config);
}

void load_articles(LoadedKb& kb, const ScanResult& scan) {
    const std::size_t count = scan.files.size();
    std::vector<ParsedArticle> parsed(count);
    std::atomic<std::size_t> next{0};
    auto worker = [&]() {
        for (std::size_t i = next++; i < count; i = next++) {
            parsed[i] = load_article(scan.files[i], kb.config);
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
    for (auto& p : parsed) {
        kb.diagnostics.insert(kb.diagnostics.end(), p.diagnostics.begin(), p.diagnostics.end());
        if (!p.article.id.empty()) {
            kb.articles.push_back(std::move(p.article));
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
