#pragma once
// Preparing a theme's Mustache templates once per export, so that each page
// costs one render: partials included in place (kainjow-mustache parses a
// partial again at every use) and the interface words of a language put in
// place of {{s.key}}. What a page shows is the same as rendering the
// template as written with the partials and the "s" strings in its data.
//
// Pure functions; thread-safe.

#include <map>
#include <string>
#include <string_view>

#include "site/theme.hpp"

namespace faqt {

// text with each {{> name}} replaced by the partial's text, itself expanded
// the same way; a partial that includes itself (a tree) is left as a tag
// where it would recurse, and so is one not in partials. A text that changes
// its delimiters ("{{=") is returned as it is.
std::string inline_partials(std::string_view text, const std::map<std::string, std::string, std::less<>>& partials);

// text with {{s.key}} replaced by the HTML-escaped word of strings and
// {{{s.key}}} / {{&s.key}} by the word as it is ("" for a key not in it,
// as Mustache does). Other uses of s (sections) are left to the data.
std::string fill_strings(std::string_view text, const StringTable& strings);

// Whether text still names s. in a tag after fill_strings().
bool uses_strings(std::string_view text);

}  // namespace faqt
