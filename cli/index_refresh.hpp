#pragma once
// What a command that reads the index does first, after
// Context::load_config(): bring the index up to date. Implemented in
// cmd_index.cpp; `faqt search` uses it, and so should every other command
// that reads the index.

#include "cli/context.hpp"
#include "content/config.hpp"
#include "index/index.hpp"
#include "index/search.hpp"

namespace faqt::cli {

// sync_index() for a reading command: files that could not be indexed are
// printed as warnings, and so is a stale index on a read-only KB (unless
// -q). It never waits: when another process holds the index, or the update
// cannot be written (a full disk), the committed index is used as it is,
// with one warning that it may be stale. Errors (a damaged index, or none
// at all) are returned for report().
Result<SyncReport> refresh_index(const Context& ctx, const Config& config);

// Warns, for each id that several files of one language share, that a
// search shows only one of them, naming every file.
void warn_duplicate_ids(const std::vector<DuplicateId>& duplicates);

}  // namespace faqt::cli
