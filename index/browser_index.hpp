#pragma once
// The browser's search index of one language folder of the exported site:
// the files of search/ that assets/search-core.js reads (the format is
// ARCHITECTURE.md's "The browser search index"). Made from the published
// copy of the articles (content/public_view.hpp's PublishedArticle), never
// from an Article, so no internal article, internal section, draft or
// ticket can reach it; every count in it (document and field lengths,
// document frequencies, their averages) is over these articles only, so
// the site learns nothing about the rest of the KB.
//
// Terms are made by index/term_writer.hpp, the rule the Xapian index uses,
// so a word the site's search finds is a word `faqt search --public` finds.
// The output is a pure function of the inputs: the same articles give the
// same bytes. Safe to call from several threads at once.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "content/config.hpp"
#include "content/public_view.hpp"
#include "index/search.hpp"

namespace faqt {

// One file of the index.
struct BrowserIndexFile {
    std::string name;     // relative to the search/ folder: "index.js", "t-3.js", "sp-pr.js"
    std::string content;  // faqtSearchData("NAME", DATA);\n

    bool operator==(const BrowserIndexFile&) const = default;
};

struct BrowserIndexOptions {
    std::string lang;  // the folder's language: its stemmer
    // An article's page as a URL relative to the language folder (the
    // folder search/ is in): "articles/network/vpn-drops/index.html".
    std::function<std::string(const PublishedArticle&)> page_url;
    // The name the site shows for a category id ("network/vpn" → "VPN").
    std::function<std::string(std::string_view)> category_name;
    RankingWeights weights;
    // Sizes of the files, in bytes of JSON: a term shard's payload, the
    // longest postings list kept whole (longer ones are split into part
    // files), the positions of one shard, and a documents chunk (its
    // average), and the most any file may hold: an entry that would pass
    // it moves its largest lists out to part files. Smaller values in tests.
    std::size_t shard_bytes = 4 * 1024;
    std::size_t split_bytes = 48 * 1024;
    std::size_t positions_bytes = 48 * 1024;
    std::size_t chunk_bytes = 1024;
    std::size_t file_bytes = 64 * 1024;
    unsigned threads = 2;  // documents are read on this many threads
};

// The files of the index of articles (one language folder's; any order,
// ids unique), sorted by name. An empty list of articles still makes a
// root, a fold table and facets (a search page that finds nothing).
std::vector<BrowserIndexFile> build_browser_index(const Config& config,
                                                  const std::vector<const PublishedArticle*>& articles,
                                                  const BrowserIndexOptions& options);

// The list alphabet of the format: each number little-endian in 5-bit
// groups, one base-64 digit each, 32 added to every digit but the last.
void append_list_number(std::string& out, std::uint32_t number);
// Reads numbers written by append_list_number(); false on a bad digit or a
// number cut short.
bool read_list_numbers(std::string_view text, std::vector<std::uint32_t>& out);

}  // namespace faqt
