#pragma once
// Validation of a loaded KB beyond what parsing one file can see: unknown
// categories, duplicate ids, broken links and anchors, known errors missing
// their sections, reviews overdue.

#include "content/diagnostic.hpp"
#include "content/kb.hpp"

#include <map>
#include <string>
#include <string_view>

namespace faqt {

// Where a link written in the article at from_path leads, the one rule of
// check and flows: path is from the KB root ('/' separated, normalised,
// percent-decoded, no "#anchor" or "?query"; "" for a link to an anchor of
// the same article), anchor is percent-decoded, outside says the path
// leaves the KB, from_root that it was written from the KB's root ("/x.md").
struct LinkDestination {
    std::string path;
    std::string anchor;
    bool outside = false;
    bool from_root = false;
};
LinkDestination resolve_link(std::string_view from_path, std::string_view target);

// The article a resolved link path names: the path itself, or with ".md",
// "/index.md" or "/_index.md" added; null when none.
const Article* find_linked_article(const std::map<std::string, const Article*>& by_path, const std::string& path);

// Returns every problem of the KB: kb.diagnostics plus the cross-article
// checks. today is passed in so tests can pin it.
Diagnostics check_kb(const LoadedKb& kb, const Date& today);

}  // namespace faqt
