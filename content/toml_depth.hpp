#pragma once
// A guard for toml++: its parser recurses once per part of a dotted key
// ("a.b.c = 1", "[a.b.c]") with no limit of its own, so a key of 100,000
// parts overflows the stack. Call this before toml::parse() on user text.

#include <cstddef>
#include <string_view>

namespace faqt {

// Far more dotted parts than any real key has ("ms.custom.date" has 3).
inline constexpr std::size_t k_max_toml_key_parts = 64;

// The 1-based line of the first key or table header of text with more than
// k_max_toml_key_parts dotted parts, or 0 when there is none. Only the text
// before '=' (or a whole '[' header line) is counted; values are not.
int find_overlong_toml_key(std::string_view text);

}  // namespace faqt
