#pragma once
// The dates of articles that have no `updated` in their front matter, for
// the site (SiteOptions::file_dates): the committer date (UTC) of the last
// commit that touched the file when the KB is in a git repository, so every
// clone exports the same dates; else, and for files git does not know
// (untracked, or outside the repository), the file's mtime as a UTC date.
// A tracked file with uncommitted changes keeps its last commit's date: the
// date changes when the change is committed.
//
// git runs once for the whole KB (`git log --name-only`), and stops being
// read once every file asked for has its date. No git, or no repository:
// mtimes only, no message.

#include <map>
#include <string>

#include "content/date.hpp"
#include "content/kb.hpp"

namespace faqt::cli {

// Path (relative to the KB root, '/' separated) → date, for every public
// article of kb (not a draft) without `updated`.
std::map<std::string, Date> article_file_dates(const LoadedKb& kb);

}  // namespace faqt::cli
