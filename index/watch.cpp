#include "index/watch.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace faqt {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_lock_name = "watch.lock";
constexpr const char* k_requests_name = "watch";
// The state is written in place at a fixed width, so a reader never sees
// half of it.
constexpr std::size_t k_state_width = 32;

fs::path state_dir(const Config& config) {
    return config.root / ".faqt";
}

// Closes a file descriptor when it goes out of scope.
struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

std::string read_all(int fd) {
    std::string text(k_state_width * 2, '\0');
    ssize_t n = ::pread(fd, text.data(), text.size(), 0);
    text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return text;
}

void write_state(int fd, const std::string& state, std::uint64_t generation) {
    std::string line = std::to_string(::getpid()) + " " + state + " " + std::to_string(generation);
    line.resize(k_state_width - 1, ' ');
    line += '\n';
    if (::pwrite(fd, line.data(), line.size(), 0) < 0) {
        return;  // searches then do not trust this watcher: they scan
    }
}

WatcherState parse_state(const std::string& text) {
    WatcherState state;
    std::size_t space = text.find(' ');
    if (space == std::string::npos) {
        return state;
    }
    state.pid = std::strtol(text.c_str(), nullptr, 10);
    std::size_t end = text.find_first_of(" \n", space + 1);
    state.state = text.substr(space + 1, end == std::string::npos ? std::string::npos : end - space - 1);
    if (end != std::string::npos && text[end] == ' ') {
        state.generation = std::strtoull(text.c_str() + end + 1, nullptr, 10);
    }
    return state;
}

bool skipped_folder(const char* name) {
    return name[0] == '.' || std::strcmp(name, "node_modules") == 0;
}

// Watches of one inotify instance over the content folders.
class Watches {
public:
    explicit Watches(int fd) : m_fd(fd) {}

    // Watches folder and every folder below it, as the scan walks them
    // (hidden folders and node_modules skipped, symlinks not followed).
    void add_tree(const std::string& folder) {
        // A linked folder is followed, as the scan follows it (whether its
        // files count is the scan's boundary check, not the watch's).
        constexpr std::uint32_t k_mask = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB |
                                         IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
        int wd = ::inotify_add_watch(m_fd, folder.c_str(), k_mask);
        if (wd < 0) {
            if (errno == ENOSPC) {
                m_full = true;  // fs.inotify.max_user_watches reached
            }
            return;
        }
        m_folders[wd] = folder;
        DIR* dir = ::opendir(folder.c_str());
        if (dir == nullptr) {
            return;
        }
        std::vector<std::string> subfolders;
        while (const dirent* entry = ::readdir(dir)) {
            if (skipped_folder(entry->d_name)) {
                continue;
            }
            if (entry->d_type == DT_DIR) {
                subfolders.push_back(folder + "/" + entry->d_name);
            } else if (entry->d_type == DT_UNKNOWN || entry->d_type == DT_LNK) {
                struct stat st {};
                std::string path = folder + "/" + entry->d_name;
                if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
                    subfolders.push_back(path);  // a linked folder is scanned, so it is watched
                }
            }
        }
        ::closedir(dir);
        for (const auto& sub : subfolders) {
            add_tree(sub);
        }
    }

    const std::string* folder(int wd) const {
        auto it = m_folders.find(wd);
        return it == m_folders.end() ? nullptr : &it->second;
    }
    void forget(int wd) { m_folders.erase(wd); }
    std::size_t size() const { return m_folders.size(); }
    bool full() const { return m_full; }

private:
    int m_fd;
    std::unordered_map<int, std::string> m_folders;
    bool m_full = false;
};

std::vector<std::string> content_folders(const Config& config) {
    std::vector<std::string> folders;
    for (const auto& folder : config.content) {
        std::string absolute = (config.root / folder).lexically_normal().string();
        while (absolute.size() > 1 && absolute.back() == '/') {
            absolute.pop_back();
        }
        folders.push_back(absolute);
    }
    return folders;
}

}  // namespace

bool is_remote_file_system(long f_type) {
    switch (static_cast<unsigned long>(f_type) & 0xffffffffUL) {
        case 0x6969UL:      // NFS
        case 0x517BUL:      // SMB
        case 0xFF534D42UL:  // CIFS
        case 0xFE534D42UL:  // SMB2
        case 0x65735546UL:  // FUSE
        case 0x01021997UL:  // 9p
        case 0x00C36400UL:  // Ceph
        case 0x5346414FUL:  // AFS
        case 0x47504653UL:  // GPFS
        case 0x0BD00BD0UL:  // Lustre
            return true;
        default:
            return false;
    }
}

WatcherState watcher_state(const Config& config) {
    const fs::path lock = state_dir(config) / k_lock_name;
    Fd fd(::open(lock.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (fd.fd < 0) {
        return {};
    }
    if (::flock(fd.fd, LOCK_SH | LOCK_NB) == 0) {
        return {};  // nobody holds it: a watcher killed before it could remove the file
    }
    if (errno != EWOULDBLOCK) {
        return {};
    }
    return parse_state(read_all(fd.fd));
}

WatcherSync::~WatcherSync() {
    if (!m_request.empty()) {
        ::unlink(m_request.c_str());  // never answered
    }
    if (m_inotify >= 0) {
        ::close(m_inotify);
    }
    if (m_state >= 0) {
        ::close(m_state);
    }
}

WatcherSync::WatcherSync(WatcherSync&& other) noexcept
    : m_state(std::exchange(other.m_state, -1)),
      m_inotify(std::exchange(other.m_inotify, -1)),
      m_request(std::move(other.m_request)),
      m_name(std::move(other.m_name)),
      m_generation(other.m_generation) {
    other.m_request.clear();
}

std::optional<WatcherSync> WatcherSync::begin(const Config& config) {
    WatcherSync sync;
    const fs::path lock = state_dir(config) / k_lock_name;
    sync.m_state = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (sync.m_state < 0) {
        return std::nullopt;
    }
    // Unlocked: left by a watcher that was killed (the kernel dropped its
    // lock), so nobody watches.
    if (::flock(sync.m_state, LOCK_SH | LOCK_NB) == 0 || errno != EWOULDBLOCK) {
        return std::nullopt;
    }
    // A rescanning watcher answers after its rescan, which covers every
    // event it lost; a starting one may not watch every folder yet, and one
    // whose last sync failed may not catch up.
    const WatcherState state = parse_state(read_all(sync.m_state));
    if (state.pid == 0 || (state.state != "ready" && state.state != "rescanning")) {
        return std::nullopt;
    }
    sync.m_generation = state.generation;
    const fs::path requests = state_dir(config) / k_requests_name;
    sync.m_inotify = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (sync.m_inotify < 0 || ::inotify_add_watch(sync.m_inotify, requests.c_str(), IN_DELETE | IN_ONLYDIR) < 0) {
        return std::nullopt;
    }
    static std::atomic<unsigned> counter{0};
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    sync.m_name =
        "req-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(now.tv_nsec);
    const fs::path request = requests / sync.m_name;
    int file = ::open(request.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (file < 0) {
        return std::nullopt;  // a read-only KB
    }
    ::close(file);
    sync.m_request = request.string();
    return sync;
}

WatcherSync::Answer WatcherSync::finish(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    alignas(inotify_event) char buffer[4096];
    bool answered = false;
    while (!answered) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            break;
        }
        pollfd p{m_inotify, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) < 0 && errno != EINTR) {
            break;
        }
        ssize_t n = ::read(m_inotify, buffer, sizeof buffer);
        for (ssize_t at = 0; n > 0 && at < n;) {
            const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
            if ((event->mask & IN_DELETE) != 0 && event->len > 0 && m_name == event->name) {
                answered = true;
            }
            if ((event->mask & IN_Q_OVERFLOW) != 0 && ::access(m_request.c_str(), F_OK) != 0) {
                answered = true;  // the answer may be among the lost events
            }
            at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
        }
    }
    if (!answered) {
        return Answer::none;  // the destructor removes the request
    }
    m_request.clear();
    const WatcherState state = parse_state(read_all(m_state));
    if (state.state != "ready" && state.state != "rescanning") {
        return Answer::none;
    }
    return state.generation == m_generation ? Answer::current : Answer::changed;
}

bool sync_with_watcher(const Config& config, std::chrono::milliseconds timeout) {
    auto sync = WatcherSync::begin(config);
    return sync && sync->finish(timeout) != WatcherSync::Answer::none;
}

Result<void> watch_index(const Config& config, const WatchOptions& options,
                         const std::function<void(const WatchEvent&)>& on_event) {
    for (const auto& folder : content_folders(config)) {
        struct statfs sfs {};
        if (::statfs(folder.c_str(), &sfs) == 0 && is_remote_file_system(static_cast<long>(sfs.f_type))) {
            return Error(ErrorCode::io,
                         "cannot watch " + folder +
                             ": it is on a network or FUSE file system, which does not report "
                             "changes made elsewhere",
                         "searches check every file there; run 'faqt index' from a timer or a git hook instead");
        }
    }
    const fs::path dir = state_dir(config);
    std::error_code ec;
    fs::create_directories(dir / k_requests_name, ec);
    if (ec) {
        return Error(ErrorCode::io, "cannot create " + (dir / k_requests_name).string() + ": " + ec.message());
    }
    if (!fs::exists(dir / ".gitignore", ec)) {
        FILE* f = std::fopen((dir / ".gitignore").c_str(), "w");
        if (f != nullptr) {
            std::fputs("*\n", f);
            std::fclose(f);
        }
    }
    const fs::path lock_file = dir / k_lock_name;
    int lock_fd = -1;
    for (int attempt = 0; attempt < 3 && lock_fd < 0; ++attempt) {
        int fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0) {
            return Error(ErrorCode::io, "cannot open " + lock_file.string() + ": " + std::strerror(errno));
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            WatcherState other = parse_state(read_all(fd));
            ::close(fd);
            return Error(ErrorCode::index_locked,
                         "the knowledge base is already watched by pid " + std::to_string(other.pid),
                         "one watcher per knowledge base is enough; stop it first ('kill " + std::to_string(other.pid) +
                             "') to start another");
        }
        // The file may have been removed by a watcher that was exiting while
        // it was opened: then the lock guards nothing others can see.
        struct stat held {
        }, named{};
        if (::fstat(fd, &held) == 0 && ::stat(lock_file.c_str(), &named) == 0 && held.st_ino == named.st_ino &&
            held.st_dev == named.st_dev) {
            lock_fd = fd;
        } else {
            ::close(fd);
        }
    }
    if (lock_fd < 0) {
        return Error(ErrorCode::io, "cannot take " + lock_file.string());
    }
    std::uint64_t generation = 0;  // commits so far, for searches that overlap their wait
    if (::ftruncate(lock_fd, 0) != 0) {
        return Error(ErrorCode::io, "cannot write " + lock_file.string() + ": " + std::strerror(errno));
    }
    write_state(lock_fd, "starting", generation);
    // Removed on every way out, while still locked, so no search finds a
    // state file nobody holds (one killed with SIGKILL leaves it unlocked,
    // which searches see as no watcher).
    struct Cleanup {
        int fd;
        fs::path path;
        ~Cleanup() {
            ::unlink(path.c_str());
            ::close(fd);
        }
    } cleanup{lock_fd, lock_file};

    Fd in(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
    if (in.fd < 0) {
        return Error(ErrorCode::io, std::string("cannot start inotify: ") + std::strerror(errno),
                     "raise fs.inotify.max_user_instances, or search without a watcher");
    }
    const fs::path requests = dir / k_requests_name;
    const int requests_wd = ::inotify_add_watch(in.fd, requests.c_str(), IN_CREATE | IN_MOVED_TO | IN_ONLYDIR);
    Config current = config;  // reloaded when faqt.toml changes
    Watches watches(in.fd);
    auto watch_all = [&] {
        for (const auto& folder : content_folders(current)) {
            watches.add_tree(folder);
        }
    };
    watch_all();
    // The root itself, for faqt.toml: a change of the indexing settings is
    // brought in by the next sync (a rebuild). When the root is a content
    // folder this is the same watch (one watch per inode and instance), so
    // the mask is added, never replaced.
    const int root_wd = ::inotify_add_watch(
        in.fd, config.root.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ONLYDIR | IN_MASK_ADD);
    if (requests_wd < 0 || root_wd < 0) {
        return Error(ErrorCode::io, std::string("cannot watch ") + requests.string() + ": " + std::strerror(errno));
    }
    if (watches.full()) {
        return Error(ErrorCode::io, "cannot watch every folder: the system's limit of inotify watches is reached",
                     "raise it (sysctl fs.inotify.max_user_watches=524288), or search without a watcher");
    }
    SyncOptions sync_options;
    auto first = sync_index(current, sync_options);
    if (!first) {
        return first.error();
    }
    if (first->stale) {
        // Searches would trust an index this process cannot bring up to date.
        return Error(ErrorCode::io, "cannot watch: " + first->stale_warning(),
                     "run 'faqt index --watch' as a user who can write to " + dir.string());
    }
    write_state(lock_fd, "ready", generation);
    {
        WatchEvent event;
        event.kind = WatchEvent::Kind::watching;
        event.report = *first;
        event.folders = watches.size();
        on_event(event);
    }

    bool pending = false;
    bool overflowed = false;
    bool behind = false;            // the last sync failed
    bool whole_scan = false;        // the batch needs every file scanned, not only the ones events named
    std::set<std::string> changed;  // files named by events since the last sync
    std::size_t answered = 0;
    std::string root = config.root.lexically_normal().string();
    while (root.size() > 1 && root.back() == '/') {
        root.pop_back();
    }
    sync_options.changed_paths = &changed;
    bool config_changed = false;
    std::vector<std::string> answers;  // request files to remove after the next sync
    alignas(inotify_event) char buffer[65536];
    auto stopping = [&] { return options.stop != nullptr && options.stop->load(); };
    while (!stopping()) {
        // Waits for events: briefly when a batch is open, so a burst (a
        // checkout) becomes one sync.
        const int wait_ms = !answers.empty() ? 0 : pending ? static_cast<int>(options.settle.count()) : 250;
        pollfd p{in.fd, POLLIN, 0};
        int ready = ::poll(&p, 1, wait_ms);
        if (ready < 0 && errno != EINTR) {
            return Error(ErrorCode::io, std::string("cannot wait for changes: ") + std::strerror(errno));
        }
        bool got = false;
        while (true) {
            ssize_t n = ::read(in.fd, buffer, sizeof buffer);
            if (n <= 0) {
                break;
            }
            got = true;
            for (ssize_t at = 0; at < n;) {
                const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
                at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
                if ((event->mask & IN_Q_OVERFLOW) != 0) {
                    overflowed = true;
                    pending = true;
                    continue;
                }
                if (event->wd == requests_wd) {
                    if (event->len > 0 && std::strncmp(event->name, "req-", 4) == 0) {
                        answers.emplace_back(event->name);
                    }
                    continue;
                }
                if (event->wd == root_wd && event->len > 0) {
                    if (std::strcmp(event->name, "faqt.toml") == 0) {
                        config_changed = true;
                        pending = true;
                    } else if ((event->mask & (IN_CREATE | IN_MOVED_TO)) != 0 && (event->mask & IN_ISDIR) != 0 &&
                               watches.folder(event->wd) == nullptr) {
                        // Maybe a content folder (re)created under a root
                        // that is not one itself.
                        watch_all();
                        pending = true;
                        whole_scan = true;
                    }
                }
                if ((event->mask & IN_IGNORED) != 0) {
                    watches.forget(event->wd);
                    continue;
                }
                const std::string* folder = watches.folder(event->wd);
                if (folder == nullptr) {
                    continue;
                }
                if (event->len == 0) {
                    pending = true;  // the folder itself was deleted or moved
                    whole_scan = true;
                    continue;
                }
                const std::string name = event->name;
                if (skipped_folder(name.c_str())) {
                    continue;  // hidden files and folders (editors' swap files), node_modules: never scanned
                }
                const std::string path = *folder + "/" + name;
                const bool folder_event = (event->mask & IN_ISDIR) != 0;
                const bool article = name.size() > 3 && name.compare(name.size() - 3, 3, ".md") == 0;
                if (!folder_event && !article) {
                    // Another file: only its appearance (a symlink to a
                    // folder is scanned) or disappearance can matter.
                    if ((event->mask & (IN_CREATE | IN_MOVED_TO)) != 0) {
                        struct stat st {};
                        if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
                            watches.add_tree(path);
                            pending = true;
                            whole_scan = true;
                        }
                    } else if ((event->mask & (IN_DELETE | IN_MOVED_FROM)) != 0) {
                        pending = true;
                        whole_scan = true;  // maybe a link to a folder
                    }
                    continue;
                }
                pending = true;
                if (!folder_event) {
                    // Hashed by the sync even if its size and mtime look the
                    // same (a copy that kept its timestamps).
                    if (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                        path[root.size()] == '/') {
                        changed.insert(path.substr(root.size() + 1));
                    }
                } else {
                    // A folder created, moved or deleted: what is in it is
                    // known only to a scan.
                    whole_scan = true;
                    if ((event->mask & (IN_CREATE | IN_MOVED_TO)) != 0) {
                        // Watched before the sync scans it, so no file
                        // written into it afterwards goes unseen.
                        watches.add_tree(path);
                    }
                }
            }
        }
        if (watches.full()) {
            // A folder it cannot watch would hide its edits from searches
            // that trust this watcher: stop (the state file goes), so they
            // check every file again.
            return Error(ErrorCode::io,
                         "stopped watching: a new folder cannot be watched, the system's limit of inotify watches is "
                         "reached",
                         "raise it (sysctl fs.inotify.max_user_watches=524288) and start 'faqt index --watch' again");
        }
        if (stopping()) {
            break;
        }
        // A batch is closed when the queue stayed quiet for the settle time,
        // or at once when a search is waiting.
        if (!pending || (got && answers.empty())) {
            if (!pending && !answers.empty()) {
                for (const auto& name : answers) {
                    ::unlink((requests / name).c_str());
                }
                answered += answers.size();
                answers.clear();
            }
            continue;
        }
        if (overflowed) {
            // Events were lost, maybe a search's request among them: watch
            // every folder again, scan everything, and answer the requests
            // made before the scan started.
            write_state(lock_fd, "rescanning", generation);
            WatchEvent event;
            event.kind = WatchEvent::Kind::overflow;
            on_event(event);
            watch_all();
            std::error_code list_ec;
            for (const auto& entry : fs::directory_iterator(requests, list_ec)) {
                std::string name = entry.path().filename().string();
                if (name.rfind("req-", 0) == 0) {
                    answers.push_back(name);
                }
            }
        }
        if (config_changed) {
            auto loaded = load_config(current.root);
            if (loaded) {
                current = loaded->config;
                watch_all();  // [kb] content may name other folders now
            }
        }
        // A batch of article events looks at those files only; anything else
        // (folders, links, faqt.toml, lost events, a failed sync) at every file.
        sync_options.only_paths = whole_scan || overflowed || config_changed || behind ? nullptr : &changed;
        auto synced = sync_index(current, sync_options);
        if (synced && synced->stale) {
            synced = Error(ErrorCode::io, "cannot update the index: " + synced->stale_warning());
        }
        if (!synced) {
            WatchEvent event;
            event.kind = WatchEvent::Kind::error;
            event.message = synced.error().message;
            on_event(event);
            // Unanswered: the waiting searches time out and check every
            // file, and until a sync succeeds new ones do so at once.
            answers.clear();
            write_state(lock_fd, "behind", generation);
            behind = true;
            continue;
        }
        pending = false;
        config_changed = false;
        whole_scan = false;
        changed.clear();
        if (synced->committed || overflowed || behind) {
            // After the commit: a search that read the previous generation
            // and sees this one reads the index again.
            generation += synced->committed ? 1 : 0;
            overflowed = false;
            behind = false;
            write_state(lock_fd, "ready", generation);
        }
        for (const auto& name : answers) {
            ::unlink((requests / name).c_str());
        }
        answered += answers.size();
        answers.clear();
        WatchEvent event;
        event.kind = WatchEvent::Kind::synced;
        event.report = *synced;
        event.folders = watches.size();
        event.answered = answered;
        on_event(event);
    }
    WatchEvent event;
    event.kind = WatchEvent::Kind::stopped;
    event.answered = answered;
    on_event(event);
    return {};
}

}  // namespace faqt
