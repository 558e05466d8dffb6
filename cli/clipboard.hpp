#pragma once
// Putting a text on the user's clipboard (`--copy`).
//
// The mechanism, in order of preference:
//   1. Wayland ($WAYLAND_DISPLAY set): `wl-copy`, the text on its stdin.
//   2. X ($DISPLAY set): `xclip -selection clipboard`, then
//      `xsel --clipboard --input`, the text on their stdin.
//   3. Otherwise (and when those fail): OSC 52 written to the controlling
//      terminal (/dev/tty): ESC ] 52 ; c ; BASE64 BEL, which the terminal
//      turns into a clipboard write; it works over SSH, since the terminal
//      is on the user's side. Inside tmux ($TMUX) the sequence is wrapped
//      in tmux's passthrough (ESC P tmux; ... ESC \, inner ESCs doubled;
//      tmux needs `set -g allow-passthrough on`), inside GNU screen ($STY,
//      or $TERM screen*) in screen's (ESC P ... ESC \, cut in pieces of 76
//      characters, which screen's buffer takes). OSC 52 is refused without a
//      terminal and for texts over k_osc52_max_text_bytes (terminals drop
//      longer sequences). A terminal cannot say whether it obeyed OSC 52.
// A program that is on PATH but fails (exit status not 0, killed, or still
// running after the timeout, when it is killed) falls through to the next
// way, and its reason is kept: in the error when none works, in
// ClipboardCopy::failures when a later one does.
//
// Programs are started with fork/execv of their full path found on PATH, no
// shell, the text written to their stdin, stdout to /dev/null. Only the
// program faqt started is waited for, never its children: xclip, xsel and
// wl-copy fork a background process that keeps owning the selection (and
// keeps the stderr faqt reads) after the program itself exits.
//
// The choice is plan_clipboard(), a pure function of a ClipboardEnvironment
// snapshot, so it is tested without a display; running it goes through a
// ClipboardRunner, replaced in tests. Not thread safe: meant for the one
// command that copies. Only cli/ reads the environment and runs programs.

#include "content/result.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faqt::cli {

// The largest text OSC 52 carries: its base64 is then at most 100 000 bytes,
// which common terminals (xterm, hterm, kitty, tmux) accept.
inline constexpr std::size_t k_osc52_max_text_bytes = 75'000;

// How long a clipboard program may run before it is killed and the next way
// is tried.
inline constexpr std::chrono::milliseconds k_clipboard_timeout{3000};

enum class ClipboardMethod { wl_copy, xclip, xsel, osc52 };

// "wl-copy", "xclip", "xsel", "OSC 52": for "copied to the clipboard with …".
std::string_view clipboard_method_name(ClipboardMethod method);

// What the choice depends on, read once from the process
// (current_clipboard_environment) or written by a test.
struct ClipboardEnvironment {
    std::string wayland_display;  // $WAYLAND_DISPLAY
    std::string display;          // $DISPLAY
    std::string tmux;             // $TMUX
    std::string sty;              // $STY (GNU screen)
    std::string term;             // $TERM
    // Full path of each of wl-copy, xclip, xsel found on $PATH (an
    // executable regular file); absent when not found.
    std::map<std::string, std::string> programs;
    bool terminal = false;  // /dev/tty can be opened for writing
};

ClipboardEnvironment current_clipboard_environment();

// One way to try, in order. A step with a non-empty `unavailable` is not
// tried; the text says why ("no wl-copy under Wayland").
struct ClipboardStep {
    ClipboardMethod method = ClipboardMethod::osc52;
    std::vector<std::string> argv;  // programs: full path then arguments; empty for OSC 52
    std::string unavailable;
};

// The steps for a text of text_bytes bytes in this environment: Wayland,
// then X, then OSC 52, each either a way to try or the reason it is not.
std::vector<ClipboardStep> plan_clipboard(const ClipboardEnvironment& env, std::size_t text_bytes);

// Standard base64 (RFC 4648, with padding) of the bytes of text.
std::string base64_encode(std::string_view text);

// The bytes to write to the terminal to copy text with OSC 52, wrapped for
// tmux when env.tmux is set, else for screen when env.sty is set or env.term
// starts with "screen".
std::string osc52_sequence(std::string_view text, const ClipboardEnvironment& env);

// Runs argv (argv[0] a path, no shell) with input on its stdin; waits for
// that process only, at most `timeout`, then kills it. Returns nothing on
// exit status 0, else why it failed ("exit status 1: <its first stderr
// line>", "killed by signal 9", "still running after 3 s").
std::optional<std::string> run_with_input(const std::vector<std::string>& argv, std::string_view input,
                                          std::chrono::milliseconds timeout);

// Writes bytes to /dev/tty; returns nothing when done, else why not.
std::optional<std::string> write_to_terminal(std::string_view bytes);

// How steps are carried out; tests replace both.
struct ClipboardRunner {
    std::function<std::optional<std::string>(const std::vector<std::string>& argv, std::string_view input)> run;
    std::function<std::optional<std::string>(std::string_view bytes)> write_terminal;
};

// The real runner: run_with_input with k_clipboard_timeout, write_to_terminal.
ClipboardRunner system_clipboard_runner();

struct ClipboardCopy {
    ClipboardMethod method = ClipboardMethod::osc52;
    // The ways tried before it that failed, each "xclip failed: exit status 1: ...".
    std::vector<std::string> failures;
};

// Tries the steps of plan_clipboard(env, text.size()) in order until one
// works. When none does: Error{io, "cannot copy: no clipboard (<every reason,
// in order>)", hint}.
Result<ClipboardCopy> copy_to_clipboard(std::string_view text, const ClipboardEnvironment& env,
                                        const ClipboardRunner& runner);

// copy_to_clipboard with the process's environment and the real runner.
Result<ClipboardCopy> copy_to_clipboard(std::string_view text);

}  // namespace faqt::cli
