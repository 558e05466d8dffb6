#pragma once
// The built-in theme's scripts as the site ships them: without their
// comment lines, blank lines and indentation. The search loads these
// scripts on every cold query and file:// has no compression, so their
// comments would cost every end user bytes; the sources keep them (and
// `faqt export --dump-theme` gives the sources).
//
// Line-based, so it is safe only for scripts written for it: no string,
// template or regular expression literal spans lines, and no line starts
// inside one. The built-in scripts are (tests/js checks them, and the
// browser tests run the compacted files); a theme's own scripts are copied
// as they are.

#include <string>
#include <string_view>

namespace faqt {

// Drops lines that are blank, a `//` comment, or part of a `/* ... */`
// comment that starts its line and ends at a line's end; strips every
// line's leading spaces and tabs. Code lines keep their trailing comments.
std::string compact_script(std::string_view script);

}  // namespace faqt
