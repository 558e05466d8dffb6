#include "cli/clipboard.hpp"

#include "cli/output.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace faqt::cli {

namespace {

constexpr std::size_t k_screen_chunk = 76;
constexpr std::size_t k_max_stderr_kept = 4096;

std::string env_value(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? std::string(value) : std::string();
}

// The first executable regular file called name in an absolute folder of
// path. Relative and empty entries (the current folder) are skipped: faqt
// runs inside knowledge bases, whose files must not become programs.
std::optional<std::string> find_on_path(const std::string& name, std::string_view path) {
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find(':', start);
        if (end == std::string_view::npos) {
            end = path.size();
        }
        const std::string_view dir = path.substr(start, end - start);
        if (!dir.empty() && dir.front() == '/') {
            std::string candidate(dir);
            candidate += '/';
            candidate += name;
            struct stat st {};
            if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(candidate.c_str(), X_OK) == 0) {
                return candidate;
            }
        }
        start = end + 1;
    }
    return std::nullopt;
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

std::string duration_text(std::chrono::milliseconds duration) {
    if (duration.count() % 1000 == 0) {
        return std::to_string(duration.count() / 1000) + " s";
    }
    return std::to_string(duration.count()) + " ms";
}

// The first non-blank line of what a program wrote on stderr, safe to print.
std::string first_line(const std::string& text) {
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string line = one_line(text.substr(start, end - start));
        const auto first = line.find_first_not_of(' ');
        if (first != std::string::npos) {
            line = line.substr(first, line.find_last_not_of(' ') - first + 1);
            if (line.size() > 200) {
                line = line.substr(0, 200) + "...";
            }
            return line;
        }
        start = end + 1;
    }
    return {};
}

void set_nonblocking(int fd) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) {
        ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    }
}

void close_fd(int& fd) {
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

// Reads what is there now, without waiting for the end: the program's
// background child may keep the write end open for as long as it owns the
// selection.
void drain(int& fd, std::string& kept) {
    char buffer[4096];
    while (fd >= 0) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            const std::size_t room = k_max_stderr_kept - std::min(kept.size(), k_max_stderr_kept);
            kept.append(buffer, std::min(static_cast<std::size_t>(n), room));
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n == 0) {
            close_fd(fd);
        }
        return;
    }
}

}  // namespace

std::string_view clipboard_method_name(ClipboardMethod method) {
    switch (method) {
        case ClipboardMethod::wl_copy:
            return "wl-copy";
        case ClipboardMethod::xclip:
            return "xclip";
        case ClipboardMethod::xsel:
            return "xsel";
        case ClipboardMethod::osc52:
            return "OSC 52";
    }
    return "OSC 52";
}

ClipboardEnvironment current_clipboard_environment() {
    ClipboardEnvironment env;
    env.wayland_display = env_value("WAYLAND_DISPLAY");
    env.display = env_value("DISPLAY");
    env.tmux = env_value("TMUX");
    env.sty = env_value("STY");
    env.term = env_value("TERM");
    const std::string path = env_value("PATH");
    for (const char* name : {"wl-copy", "xclip", "xsel"}) {
        if (auto found = find_on_path(name, path)) {
            env.programs[name] = *found;
        }
    }
    const int tty = ::open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (tty >= 0) {
        env.terminal = true;
        ::close(tty);
    }
    return env;
}

std::vector<ClipboardStep> plan_clipboard(const ClipboardEnvironment& env, std::size_t text_bytes) {
    std::vector<ClipboardStep> steps;
    auto program = [&env](const std::string& name) -> const std::string* {
        const auto it = env.programs.find(name);
        return it != env.programs.end() && !it->second.empty() ? &it->second : nullptr;
    };

    if (env.wayland_display.empty()) {
        steps.push_back({ClipboardMethod::wl_copy, {}, "not under Wayland"});
    } else if (const std::string* wl_copy = program("wl-copy")) {
        steps.push_back({ClipboardMethod::wl_copy, {*wl_copy}, {}});
    } else {
        steps.push_back({ClipboardMethod::wl_copy, {}, "no wl-copy under Wayland"});
    }

    if (env.display.empty()) {
        steps.push_back({ClipboardMethod::xclip, {}, "not under X"});
    } else {
        const std::string* xclip = program("xclip");
        const std::string* xsel = program("xsel");
        if (xclip != nullptr) {
            steps.push_back({ClipboardMethod::xclip, {*xclip, "-selection", "clipboard"}, {}});
        }
        if (xsel != nullptr) {
            steps.push_back({ClipboardMethod::xsel, {*xsel, "--clipboard", "--input"}, {}});
        }
        if (xclip == nullptr && xsel == nullptr) {
            steps.push_back({ClipboardMethod::xclip, {}, "no xclip or xsel under X"});
        }
    }

    if (!env.terminal) {
        steps.push_back({ClipboardMethod::osc52, {}, "no terminal for OSC 52"});
    } else if (text_bytes > k_osc52_max_text_bytes) {
        steps.push_back({ClipboardMethod::osc52,
                         {},
                         "the text (" + std::to_string(text_bytes) + " bytes) is over OSC 52's limit of " +
                             std::to_string(k_osc52_max_text_bytes) + " bytes"});
    } else {
        steps.push_back({ClipboardMethod::osc52, {}, {}});
    }
    return steps;
}

std::string base64_encode(std::string_view text) {
    static constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((text.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= text.size(); i += 3) {
        const unsigned n = static_cast<unsigned char>(text[i]) << 16 | static_cast<unsigned char>(text[i + 1]) << 8 |
                           static_cast<unsigned char>(text[i + 2]);
        out += k_alphabet[(n >> 18) & 63];
        out += k_alphabet[(n >> 12) & 63];
        out += k_alphabet[(n >> 6) & 63];
        out += k_alphabet[n & 63];
    }
    const std::size_t rest = text.size() - i;
    if (rest > 0) {
        unsigned n = static_cast<unsigned char>(text[i]) << 16;
        if (rest == 2) {
            n |= static_cast<unsigned char>(text[i + 1]) << 8;
        }
        out += k_alphabet[(n >> 18) & 63];
        out += k_alphabet[(n >> 12) & 63];
        out += rest == 2 ? k_alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string osc52_sequence(std::string_view text, const ClipboardEnvironment& env) {
    const std::string payload = base64_encode(text);
    if (!env.tmux.empty()) {
        // tmux passes a DCS "tmux;" string through to the outer terminal,
        // with each ESC inside it doubled.
        return "\x1bPtmux;\x1b\x1b]52;c;" + payload + "\x07\x1b\\";
    }
    if (!env.sty.empty() || starts_with(env.term, "screen")) {
        // screen passes DCS strings through but keeps only a short one in
        // its buffer, so the payload goes in pieces, one DCS each.
        std::string out = "\x1bP\x1b]52;c;";
        for (std::size_t at = 0; at < payload.size(); at += k_screen_chunk) {
            if (at > 0) {
                out += "\x1b\\\x1bP";
            }
            out += payload.substr(at, k_screen_chunk);
        }
        out += "\x07\x1b\\";
        return out;
    }
    return "\x1b]52;c;" + payload + "\x07";
}

std::optional<std::string> run_with_input(const std::vector<std::string>& argv, std::string_view input,
                                          std::chrono::milliseconds timeout) {
    if (argv.empty()) {
        return std::string("no program to run");
    }
    // The text goes through a socket rather than a pipe so that writing to a
    // program that stopped reading fails with EPIPE (MSG_NOSIGNAL) instead
    // of killing faqt with SIGPIPE.
    int in_fds[2] = {-1, -1};
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_fds) != 0) {
        return std::string("cannot create a socket: ") + std::strerror(errno);
    }
    int err_fds[2] = {-1, -1};
    if (::pipe2(err_fds, O_CLOEXEC) != 0) {
        const int saved = errno;
        ::close(in_fds[0]);
        ::close(in_fds[1]);
        return std::string("cannot create a pipe: ") + std::strerror(saved);
    }
    ::shutdown(in_fds[1], SHUT_WR);  // the program's end only reads

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_fds[1], STDIN_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, err_fds[1], STDERR_FILENO);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    sigset_t empty_mask;
    sigemptyset(&empty_mask);
    posix_spawnattr_setsigmask(&attributes, &empty_mask);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const std::string& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);

    pid_t pid = -1;
    const int spawned = ::posix_spawn(&pid, args[0], &actions, &attributes, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    ::close(in_fds[1]);
    ::close(err_fds[1]);
    int to_child = in_fds[0];
    int from_child = err_fds[0];
    if (spawned != 0) {
        close_fd(to_child);
        close_fd(from_child);
        return std::string("cannot run it: ") + std::strerror(spawned);
    }
    set_nonblocking(to_child);
    set_nonblocking(from_child);

    std::size_t written = 0;
    if (input.empty()) {
        close_fd(to_child);
    }
    std::string errors;
    int status = 0;
    bool exited = false;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid || (done < 0 && errno != EINTR)) {
            exited = done == pid;
            break;
        }
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            break;
        }
        // Short waits: the loop also notices the program's exit, which no
        // descriptor reports while its background child holds them.
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
        pollfd fds[2];
        nfds_t count = 0;
        if (to_child >= 0) {
            fds[count++] = {to_child, POLLOUT, 0};
        }
        if (from_child >= 0) {
            fds[count++] = {from_child, POLLIN, 0};
        }
        const int wait_ms = static_cast<int>(std::min<long long>(left, 10));
        if (::poll(fds, count, std::max(wait_ms, 1)) < 0 && errno != EINTR) {
            break;
        }
        if (to_child >= 0) {
            const ssize_t n = ::send(to_child, input.data() + written, input.size() - written, MSG_NOSIGNAL);
            if (n > 0) {
                written += static_cast<std::size_t>(n);
            }
            // EPIPE: the program stopped reading; its exit status says why.
            if (written == input.size() || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
                close_fd(to_child);
            }
        }
        drain(from_child, errors);
    }
    close_fd(to_child);
    drain(from_child, errors);
    close_fd(from_child);

    if (!exited) {
        ::kill(pid, SIGKILL);
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        return "still running after " + duration_text(timeout) + ", killed";
    }
    const std::string said = first_line(errors);
    if (WIFEXITED(status)) {
        if (WEXITSTATUS(status) == 0) {
            return std::nullopt;
        }
        return "exit status " + std::to_string(WEXITSTATUS(status)) + (said.empty() ? "" : ": " + said);
    }
    if (WIFSIGNALED(status)) {
        return "killed by signal " + std::to_string(WTERMSIG(status)) + (said.empty() ? "" : ": " + said);
    }
    return std::string("stopped");
}

std::optional<std::string> write_to_terminal(std::string_view bytes) {
    const int tty = ::open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (tty < 0) {
        return std::string("cannot open /dev/tty: ") + std::strerror(errno);
    }
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(tty, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int saved = errno;
            ::close(tty);
            return std::string("cannot write to /dev/tty: ") + std::strerror(saved);
        }
        written += static_cast<std::size_t>(n);
    }
    ::close(tty);
    return std::nullopt;
}

ClipboardRunner system_clipboard_runner() {
    ClipboardRunner runner;
    runner.run = [](const std::vector<std::string>& argv, std::string_view input) {
        return run_with_input(argv, input, k_clipboard_timeout);
    };
    runner.write_terminal = write_to_terminal;
    return runner;
}

Result<ClipboardCopy> copy_to_clipboard(std::string_view text, const ClipboardEnvironment& env,
                                        const ClipboardRunner& runner) {
    ClipboardCopy copy;
    std::vector<std::string> reasons;
    bool over_limit = false;
    for (const ClipboardStep& step : plan_clipboard(env, text.size())) {
        if (!step.unavailable.empty()) {
            over_limit = over_limit || (step.method == ClipboardMethod::osc52 && env.terminal);
            reasons.push_back(step.unavailable);
            continue;
        }
        const std::optional<std::string> failed = step.method == ClipboardMethod::osc52
                                                      ? runner.write_terminal(osc52_sequence(text, env))
                                                      : runner.run(step.argv, text);
        if (!failed) {
            copy.method = step.method;
            return copy;
        }
        std::string reason = std::string(clipboard_method_name(step.method)) + " failed: " + *failed;
        reasons.push_back(reason);
        copy.failures.push_back(std::move(reason));
    }
    std::string message = "cannot copy: no clipboard (";
    for (std::size_t i = 0; i < reasons.size(); ++i) {
        message += (i > 0 ? ", " : "") + reasons[i];
    }
    message += ")";
    std::string hint = over_limit ? "the text is too long for the terminal's clipboard (OSC 52); install wl-clipboard "
                                    "(Wayland) or xclip (X), or leave out --copy and copy the printed text"
                                  : "install wl-clipboard (Wayland) or xclip (X), or run faqt in a terminal (OSC 52 "
                                    "works over SSH); or leave out --copy and copy the printed text";
    return Error(ErrorCode::io, std::move(message), std::move(hint));
}

Result<ClipboardCopy> copy_to_clipboard(std::string_view text) {
    return copy_to_clipboard(text, current_clipboard_environment(), system_clipboard_runner());
}

}  // namespace faqt::cli
