#pragma once
// Turns a parsed Article into the Xapian document described in schema.hpp.
// Pure function of its inputs, safe to call from several threads at once
// (each call builds its own document). Internal to index/.

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "content/article.hpp"
#include "content/diagnostic.hpp"

namespace faqt {

// What sync records about the file an article came from.
struct FileState {
    std::uint64_t hash = 0;
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string path;
};

std::string encode_file_state(const FileState& state);
bool decode_file_state(std::string_view value, FileState& state);

// 64-bit FNV-1a of the file's bytes: tells a real edit from a touch.
std::uint64_t content_hash(std::string_view bytes);

struct BuiltDocument {
    Xapian::Document document;
    std::vector<std::string> spelling_words;  // distinct words for the spelling dictionary
    std::string stem_lang;                    // base language if it was stemmed, else ""
    // (stem, word) for each distinct word whose stem differs from it, for
    // the stem table (schema.hpp, k_stem).
    std::vector<std::pair<std::string, std::string>> stems;
    Diagnostics diagnostics;  // warnings: values shortened to fit Xapian's term limit
};

BuiltDocument build_document(const Article& article, const FileState& state);

// The distinct spelling words of a document already in the index, read from
// its term list: what build_document put in spelling_words for it.
std::vector<std::string> spelling_words_of(const Xapian::Document& document);

}  // namespace faqt
