#include "cli/clipboard.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

using faqt::cli::base64_encode;
using faqt::cli::ClipboardEnvironment;
using faqt::cli::ClipboardMethod;
using faqt::cli::ClipboardRunner;
using faqt::cli::ClipboardStep;
using faqt::cli::copy_to_clipboard;
using faqt::cli::k_osc52_max_text_bytes;
using faqt::cli::osc52_sequence;
using faqt::cli::plan_clipboard;
using faqt::cli::run_with_input;

namespace {

ClipboardEnvironment wayland_and_x() {
    ClipboardEnvironment env;
    env.wayland_display = "wayland-0";
    env.display = ":0";
    env.programs = {{"wl-copy", "/usr/bin/wl-copy"}, {"xclip", "/usr/bin/xclip"}, {"xsel", "/usr/bin/xsel"}};
    env.terminal = true;
    return env;
}

std::vector<ClipboardMethod> tried(const std::vector<ClipboardStep>& steps) {
    std::vector<ClipboardMethod> methods;
    for (const ClipboardStep& step : steps) {
        if (step.unavailable.empty()) {
            methods.push_back(step.method);
        }
    }
    return methods;
}

// A runner that records what it was asked to do and fails the programs
// named in `failing` with the given reason.
struct FakeRunner {
    std::vector<std::string> calls;
    std::map<std::string, std::string> failing;
    std::optional<std::string> terminal_failure;
    std::string terminal_bytes;
    std::string program_input;

    ClipboardRunner runner() {
        ClipboardRunner r;
        r.run = [this](const std::vector<std::string>& argv, std::string_view input) -> std::optional<std::string> {
            const std::string name = std::filesystem::path(argv.at(0)).filename().string();
            calls.push_back(name);
            program_input = std::string(input);
            const auto it = failing.find(name);
            if (it != failing.end()) {
                return it->second;
            }
            return std::nullopt;
        };
        r.write_terminal = [this](std::string_view bytes) -> std::optional<std::string> {
            calls.push_back("tty");
            terminal_bytes = std::string(bytes);
            return terminal_failure;
        };
        return r;
    }
};

// A temporary folder removed at the end of the test.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "faqt-clipboard-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::string script(const std::string& name, const std::string& body) const {
        const auto file = path / name;
        std::ofstream(file) << "#!/bin/sh\n" << body;
        std::filesystem::permissions(file, std::filesystem::perms::owner_all);
        return file.string();
    }
};

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("plan_clipboard: Wayland before X before OSC 52", "[clipboard]") {
    const auto steps = plan_clipboard(wayland_and_x(), 10);
    CHECK(tried(steps) == std::vector<ClipboardMethod>{ClipboardMethod::wl_copy, ClipboardMethod::xclip,
                                                       ClipboardMethod::xsel, ClipboardMethod::osc52});
    REQUIRE(steps.size() == 4);
    CHECK(steps[0].argv == std::vector<std::string>{"/usr/bin/wl-copy"});
    CHECK(steps[1].argv == std::vector<std::string>{"/usr/bin/xclip", "-selection", "clipboard"});
    CHECK(steps[2].argv == std::vector<std::string>{"/usr/bin/xsel", "--clipboard", "--input"});
    CHECK(steps[3].argv.empty());
}

TEST_CASE("plan_clipboard: every branch says why a way is not tried", "[clipboard]") {
    ClipboardEnvironment env;
    auto steps = plan_clipboard(env, 10);
    REQUIRE(steps.size() == 3);
    CHECK(steps[0].unavailable == "not under Wayland");
    CHECK(steps[1].unavailable == "not under X");
    CHECK(steps[2].unavailable == "no terminal for OSC 52");

    // The variables are set but the programs are missing.
    env.wayland_display = "wayland-0";
    env.display = ":1";
    steps = plan_clipboard(env, 10);
    REQUIRE(steps.size() == 3);
    CHECK(steps[0].unavailable == "no wl-copy under Wayland");
    CHECK(steps[1].unavailable == "no xclip or xsel under X");

    // A program on PATH is not used outside its display server.
    env = ClipboardEnvironment{};
    env.programs = {{"wl-copy", "/usr/bin/wl-copy"}, {"xclip", "/usr/bin/xclip"}};
    env.terminal = true;
    CHECK(tried(plan_clipboard(env, 10)) == std::vector<ClipboardMethod>{ClipboardMethod::osc52});

    // Only xsel under X.
    env.display = ":0";
    env.programs = {{"xsel", "/bin/xsel"}};
    steps = plan_clipboard(env, 10);
    CHECK(tried(steps) == std::vector<ClipboardMethod>{ClipboardMethod::xsel, ClipboardMethod::osc52});
    CHECK(steps[0].unavailable == "not under Wayland");

    // Wayland with XWayland but no wl-copy: xclip.
    env.wayland_display = "wayland-0";
    env.programs = {{"xclip", "/bin/xclip"}};
    steps = plan_clipboard(env, 10);
    CHECK(steps[0].unavailable == "no wl-copy under Wayland");
    CHECK(tried(steps) == std::vector<ClipboardMethod>{ClipboardMethod::xclip, ClipboardMethod::osc52});
}

TEST_CASE("plan_clipboard: OSC 52 is refused over its size limit", "[clipboard]") {
    ClipboardEnvironment env;
    env.terminal = true;
    CHECK(tried(plan_clipboard(env, k_osc52_max_text_bytes)) == std::vector<ClipboardMethod>{ClipboardMethod::osc52});
    const auto steps = plan_clipboard(env, k_osc52_max_text_bytes + 1);
    CHECK(tried(steps).empty());
    CHECK(steps.back().unavailable == "the text (75001 bytes) is over OSC 52's limit of 75000 bytes");
    // The limit keeps the base64 within 100 000 bytes.
    CHECK(base64_encode(std::string(k_osc52_max_text_bytes, 'x')).size() <= 100'000);
}

TEST_CASE("base64_encode: RFC 4648 test vectors and UTF-8 text", "[clipboard]") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foo") == "Zm9v");
    CHECK(base64_encode("foob") == "Zm9vYg==");
    CHECK(base64_encode("fooba") == "Zm9vYmE=");
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
    // UTF-8 bytes as they are (printf 'Lỗi đăng nhập\n' | base64).
    CHECK(base64_encode("Lỗi đăng nhập\n") == "TOG7l2kgxJHEg25nIG5o4bqtcAo=");
    CHECK(base64_encode("Zażółć") == "WmHFvMOzxYLEhw==");
    CHECK(base64_encode(std::string("\xff\xfe\x00\x01", 4)) == "//4AAQ==");
}

TEST_CASE("osc52_sequence: plain, tmux and screen", "[clipboard]") {
    ClipboardEnvironment env;
    env.term = "xterm-256color";
    CHECK(osc52_sequence("hi", env) == "\x1b]52;c;aGk=\x07");

    env.tmux = "/tmp/tmux-1000/default,1234,0";
    env.term = "screen-256color";  // tmux sets TERM=screen too: tmux wins
    CHECK(osc52_sequence("hi", env) == "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\");

    env.tmux.clear();
    CHECK(osc52_sequence("hi", env) == "\x1bP\x1b]52;c;aGk=\x07\x1b\\");
    env.term = "xterm";
    env.sty = "1234.pts-0.host";
    CHECK(osc52_sequence("hi", env) == "\x1bP\x1b]52;c;aGk=\x07\x1b\\");

    // screen: pieces of 76 base64 characters, each in its own DCS.
    const std::string text(60, 'a');  // 80 base64 characters
    const std::string payload = base64_encode(text);
    REQUIRE(payload.size() == 80);
    CHECK(osc52_sequence(text, env) ==
          "\x1bP\x1b]52;c;" + payload.substr(0, 76) + "\x1b\\\x1bP" + payload.substr(76) + "\x07\x1b\\");
}

TEST_CASE("copy_to_clipboard uses the first way that works", "[clipboard]") {
    FakeRunner fake;
    const auto copied = copy_to_clipboard("Dear customer", wayland_and_x(), fake.runner());
    REQUIRE(copied.ok());
    CHECK(copied->method == ClipboardMethod::wl_copy);
    CHECK(copied->failures.empty());
    CHECK(fake.calls == std::vector<std::string>{"wl-copy"});
    CHECK(fake.program_input == "Dear customer");
    CHECK(faqt::cli::clipboard_method_name(copied->method) == "wl-copy");
}

TEST_CASE("copy_to_clipboard: a failing program falls through with its reason kept", "[clipboard]") {
    FakeRunner fake;
    fake.failing = {{"wl-copy", "exit status 1: Failed to connect to a Wayland server"},
                    {"xclip", "killed by signal 9"}};
    const auto copied = copy_to_clipboard("text", wayland_and_x(), fake.runner());
    REQUIRE(copied.ok());
    CHECK(copied->method == ClipboardMethod::xsel);
    CHECK(copied->failures ==
          std::vector<std::string>{"wl-copy failed: exit status 1: Failed to connect to a Wayland server",
                                   "xclip failed: killed by signal 9"});
    CHECK(fake.calls == std::vector<std::string>{"wl-copy", "xclip", "xsel"});

    // All programs fail: OSC 52 on the terminal.
    fake = FakeRunner{};
    fake.failing = {{"wl-copy", "exit status 1"}, {"xclip", "exit status 1"}, {"xsel", "exit status 1"}};
    ClipboardEnvironment env = wayland_and_x();
    env.tmux = "/tmp/tmux";
    const auto osc = copy_to_clipboard("hi", env, fake.runner());
    REQUIRE(osc.ok());
    CHECK(osc->method == ClipboardMethod::osc52);
    CHECK(osc->failures.size() == 3);
    CHECK(fake.terminal_bytes == "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\");
}

TEST_CASE("copy_to_clipboard fails clearly when nothing works", "[clipboard]") {
    FakeRunner fake;
    auto failed = copy_to_clipboard("text", ClipboardEnvironment{}, fake.runner());
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().code == faqt::ErrorCode::io);
    CHECK(failed.error().message ==
          "cannot copy: no clipboard (not under Wayland, not under X, no terminal for OSC 52)");
    CHECK(failed.error().hint.find("install wl-clipboard") != std::string::npos);
    CHECK(fake.calls.empty());

    ClipboardEnvironment env;
    env.wayland_display = "wayland-0";
    env.display = ":0";
    failed = copy_to_clipboard("text", env, fake.runner());
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message ==
          "cannot copy: no clipboard (no wl-copy under Wayland, no xclip or xsel under X, no terminal for OSC 52)");

    // A program that fails and a terminal that cannot be written.
    env.programs = {{"xclip", "/usr/bin/xclip"}};
    env.terminal = true;
    fake.failing = {{"xclip", "exit status 1: Error: Can't open display: :0"}};
    fake.terminal_failure = "cannot write to /dev/tty: Input/output error";
    failed = copy_to_clipboard("text", env, fake.runner());
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message ==
          "cannot copy: no clipboard (no wl-copy under Wayland, xclip failed: exit status 1: Error: Can't open "
          "display: :0, OSC 52 failed: cannot write to /dev/tty: Input/output error)");

    // Too long for OSC 52: the hint says so.
    fake = FakeRunner{};
    ClipboardEnvironment terminal_only;
    terminal_only.terminal = true;
    failed = copy_to_clipboard(std::string(k_osc52_max_text_bytes + 1, 'x'), terminal_only, fake.runner());
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().hint.find("too long") != std::string::npos);
    CHECK(fake.calls.empty());
}

TEST_CASE("run_with_input gives the text to the program's stdin, no shell", "[clipboard]") {
    TempDir dir;
    const auto out = dir.path / "got";
    const std::string program = dir.script("wl-copy", "cat > \"$1\"\n");
    // UTF-8, shell metacharacters and more than a pipe's buffer.
    std::string text = "Lỗi đăng nhập; $(touch pwned) `id` 'q' \"d\"\n";
    while (text.size() < 300'000) {
        text += "Zażółć gęślą jaźń 0123456789\n";
    }
    CHECK_FALSE(run_with_input({program, out.string()}, text, std::chrono::milliseconds(10'000)));
    CHECK(read_file(out) == text);
    CHECK_FALSE(std::filesystem::exists(dir.path / "pwned"));
}

TEST_CASE("run_with_input reports a failing, a killed and a hung program", "[clipboard]") {
    TempDir dir;
    const std::string fails =
        dir.script("xclip", "cat >/dev/null\necho 'Error: Can'\\''t open display: :9' >&2\nexit 1\n");
    CHECK(run_with_input({fails}, "text", std::chrono::milliseconds(10'000)) ==
          "exit status 1: Error: Can't open display: :9");

    const std::string killed = dir.script("killed", "kill -9 $$\n");
    CHECK(run_with_input({killed}, "text", std::chrono::milliseconds(10'000)) == "killed by signal 9");

    // Never reads its stdin and never exits: killed after the timeout, and
    // a text larger than the socket's buffer does not block faqt either.
    const std::string hung = dir.script("hung", "exec sleep 30\n");
    const auto start = std::chrono::steady_clock::now();
    CHECK(run_with_input({hung}, std::string(1'000'000, 'x'), std::chrono::milliseconds(300)) ==
          "still running after 300 ms, killed");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));

    CHECK(run_with_input({(dir.path / "missing").string()}, "text", std::chrono::milliseconds(1000))
              ->starts_with("cannot run it: "));
}

TEST_CASE("run_with_input does not wait for the background child that keeps the selection", "[clipboard]") {
    // Like xclip and wl-copy: read the text, leave a child that holds stdout
    // and stderr, and exit 0. faqt returns when the program exits, long
    // before the child does.
    TempDir dir;
    const auto out = dir.path / "got";
    const std::string program = dir.script("xclip", "cat > \"$1\"\n(sleep 20) &\nexit 0\n");
    const auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(run_with_input({program, out.string()}, "Dear customer", std::chrono::milliseconds(15'000)));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
    CHECK(read_file(out) == "Dear customer");
}

TEST_CASE("copy_to_clipboard runs fake wl-copy and xclip found on PATH", "[clipboard]") {
    TempDir dir;
    const auto record = dir.path / "record";
    dir.script("wl-copy", "echo wl-copy >> '" + record.string() + "'\ncat >/dev/null\nexit 1\n");
    dir.script("xclip",
               "echo \"xclip $*\" >> '" + record.string() + "'\ncat >> '" + record.string() + "'\n(sleep 20) &\n");

    // A relative folder of PATH (here the current folder's rel/) is never
    // searched: faqt runs inside knowledge bases.
    std::filesystem::create_directory(dir.path / "rel");
    dir.script("rel/xsel", "exit 0\n");
    const auto saved_cwd = std::filesystem::current_path();
    std::filesystem::current_path(dir.path);
    const char* old_path = std::getenv("PATH");
    const std::string saved_path = old_path != nullptr ? old_path : "";
    ::setenv("PATH", ("rel::" + dir.path.string() + ":/nonexistent").c_str(), 1);
    ClipboardEnvironment env = faqt::cli::current_clipboard_environment();
    ::setenv("PATH", saved_path.c_str(), 1);
    std::filesystem::current_path(saved_cwd);
    CHECK(env.programs.at("wl-copy") == (dir.path / "wl-copy").string());
    CHECK(env.programs.at("xclip") == (dir.path / "xclip").string());
    CHECK_FALSE(env.programs.contains("xsel"));

    env.wayland_display = "wayland-0";
    env.display = ":0";
    env.programs.erase("xsel");
    env.terminal = false;
    const auto copied = copy_to_clipboard("Lỗi đăng nhập\n", env, faqt::cli::system_clipboard_runner());
    REQUIRE(copied.ok());
    CHECK(copied->method == ClipboardMethod::xclip);
    CHECK(copied->failures == std::vector<std::string>{"wl-copy failed: exit status 1"});
    CHECK(read_file(record) == "wl-copy\nxclip -selection clipboard\nLỗi đăng nhập\n");
}
