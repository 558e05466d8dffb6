#pragma once
// Where a search hit's snippet text comes from. The index stores each
// article's public text as snippets show it (stored_article.hpp), so a
// search neither reads nor renders article files. The one exception is an
// entry the file has outgrown: the file's size or mtime differ from what
// the index recorded (the index is stale: `--no-refresh`, a read-only KB,
// a writer holding the index). Then the snippet is cut from the file as it
// is now, as read_snippet_text() renders it, so a section that became
// internal since is never shown; when that file cannot be read, the stored
// text is used. A file that is gone or cannot be looked at also gets the
// stored text: it is what the hit matched. Internal to index/.

#include <string>
#include <string_view>

#include "content/config.hpp"

namespace faqt {

// The text to cut a hit's snippet from. file_state: the hit's
// schema::k_slot_file value; stored_text: its StoredArticle::text.
std::string snippet_text_for(const Config& config, std::string_view file_state, std::string stored_text);

}  // namespace faqt
