#include "cli/file_dates.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <ctime>
#include <set>
#include <string_view>
#include <vector>

#include "content/public_view.hpp"

extern char** environ;

namespace faqt::cli {

namespace {

std::optional<Date> utc_date(long long seconds) {
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    if (::gmtime_r(&t, &tm) == nullptr) {
        return std::nullopt;
    }
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

// Reads `git log -z --format=%x01%ct --name-only` output: "\x01TIME\0\nPATH\0PATH\0\x01TIME\0...",
// newest commit first, so the first date seen for a path is its last commit's.
class GitLogReader {
public:
    GitLogReader(std::set<std::string>& wanted, std::map<std::string, Date>& dates)
        : m_wanted(wanted), m_dates(dates) {}

    void feed(std::string_view chunk) {
        m_pending.append(chunk);
        std::size_t start = 0;
        for (std::size_t nul; (nul = m_pending.find('\0', start)) != std::string::npos; start = nul + 1) {
            token(std::string_view(m_pending).substr(start, nul - start));
        }
        m_pending.erase(0, start);
    }

private:
    void token(std::string_view text) {
        if (!text.empty() && text.front() == '\x01') {
            text.remove_prefix(1);
            long long seconds = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
            m_date = ec == std::errc() && end == text.data() + text.size() ? utc_date(seconds) : std::nullopt;
            return;
        }
        if (!text.empty() && text.front() == '\n') {
            text.remove_prefix(1);
        }
        if (text.empty() || !m_date) {
            return;
        }
        if (auto found = m_wanted.find(std::string(text)); found != m_wanted.end()) {
            m_dates[*found] = *m_date;
            m_wanted.erase(found);
        }
    }

    std::set<std::string>& m_wanted;
    std::map<std::string, Date>& m_dates;
    std::string m_pending;
    std::optional<Date> m_date;
};

// Runs git log in root and takes the dates of the wanted paths it finds out
// of wanted. Any failure (no git, not a repository) leaves them there.
void dates_from_git(const std::filesystem::path& root, std::set<std::string>& wanted,
                    std::map<std::string, Date>& dates) {
    int fds[2] = {-1, -1};
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        return;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    const std::string root_text = root.string();
    // Options that a user's git configuration could change are set here, so
    // the output has one shape: no signatures, no renames, paths relative to
    // the KB root (which may be a subfolder of the repository).
    std::vector<std::string> argv = {"git",
                                     "-C",
                                     root_text,
                                     "-c",
                                     "log.showSignature=false",
                                     "-c",
                                     "log.showRoot=true",
                                     "log",
                                     "-z",
                                     "--format=%x01%ct",
                                     "--name-only",
                                     "--relative",
                                     "--no-renames",
                                     "--no-color",
                                     "--",
                                     "."};
    std::vector<char*> args;
    for (auto& arg : argv) {
        args.push_back(arg.data());
    }
    args.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = ::posix_spawnp(&pid, "git", &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (spawned != 0) {
        ::close(fds[0]);
        return;
    }
    std::map<std::string, Date> found;
    std::set<std::string> left = wanted;
    GitLogReader reader(left, found);
    char buffer[65536];
    bool stopped = false;
    while (true) {
        const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        reader.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
        if (left.empty()) {
            // Every date is known: the rest of the history is not needed.
            ::kill(pid, SIGTERM);
            stopped = true;
            break;
        }
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!stopped && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        return;  // not a repository, or git failed: mtimes for all
    }
    for (auto& [path, date] : found) {
        dates[path] = date;
        wanted.erase(path);
    }
}

}  // namespace

std::map<std::string, Date> article_file_dates(const LoadedKb& kb) {
    std::set<std::string> wanted;
    for (const auto& article : kb.articles) {
        // Only the site's articles need a date; git need not run for others.
        if (!article.updated && is_public(article) && !article.draft) {
            wanted.insert(article.path);
        }
    }
    std::map<std::string, Date> dates;
    if (wanted.empty()) {
        return dates;
    }
    dates_from_git(kb.config.root, wanted, dates);
    for (const auto& path : wanted) {
        struct stat st {};
        if (::stat((kb.config.root / path).c_str(), &st) == 0) {
            if (auto date = utc_date(static_cast<long long>(st.st_mtim.tv_sec))) {
                dates[path] = *date;
            }
        }
    }
    return dates;
}

}  // namespace faqt::cli
