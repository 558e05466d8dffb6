#pragma once
// The query language of faqt-query(7) → a Xapian query over the terms of
// schema.hpp. faqt parses queries itself rather than with
// Xapian::QueryParser so that a query word becomes exactly the terms the
// indexer made of the same word (content's split_words() and fold(), codes
// kept whole), with exact accents, stems, field boosts, synonyms and
// spelling all decided per word. The parser never fails: unbalanced quotes
// or parentheses are closed at the end of the query. Internal to index/.

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "content/config.hpp"
#include "index/rerank.hpp"
#include "index/search.hpp"
#include "index/snippet.hpp"

namespace faqt {

// What the spelling rule looked up in one open database, kept across the
// queries of one reader (a Suggester answers thousands of tickets with
// the same words): whether a word is known, in an article the search may
// show (of a stemmed language, or of any), and its correction. Valid only
// for one Xapian::Database handle that is never reopened and one set of
// the other QueryContext fields; not thread-safe. Each map is cleared when
// it reaches k_max_entries, so memory stays bounded.
struct SpellingCache {
    static constexpr std::size_t k_max_entries = 100000;
    std::unordered_map<std::string, bool> known;
    std::unordered_map<std::string, bool> in_stemmed_articles;
    std::unordered_map<std::string, bool> in_any_article;
    std::unordered_map<std::string, std::string> corrections;
};

struct Synonyms;  // faqt.toml's synonym groups as the parser reads them (query_parser.cpp)

// What the parser builds from the config and reads from one open database
// the same for every query: the synonym groups of faqt.toml and the words
// of each stem class (the stem table). Kept across the queries of one
// reader; valid as SpellingCache is, and bounded likewise.
struct ParserCache {
    static constexpr std::size_t k_max_entries = 100000;
    std::shared_ptr<const Synonyms> synonyms;
    std::unordered_map<std::string, std::vector<std::string>> stem_classes;  // stem key → words
};

struct QueryContext {
    const Xapian::Database* db = nullptr;  // for spelling and wildcards; may be null in tests
    const Config* config = nullptr;        // synonyms; may be null
    std::vector<std::string> stem_langs;   // languages whose stems the query also looks for
    bool spelling = true;                  // look for corrections of unknown words
    bool correct = true;                   // and search with them (else only suggest them)
    // Whether words may match text under internal headings (schema.hpp,
    // k_internal_text): false for searches limited to public articles.
    bool internal_text = true;
    RankingWeights weights;
    // Optional: spelling lookups remembered across queries (null: none).
    SpellingCache* spelling_cache = nullptr;
    // Optional: the synonyms and stem classes kept across queries (null: none).
    ParserCache* parser_cache = nullptr;
};

struct ParsedQuery {
    Xapian::Query query;       // MatchAll when the query holds only filters or exclusions
    bool empty = true;         // the text had nothing to search for
    bool ranked = false;       // some part of the query weighs documents (else sort by id)
    std::string corrected;     // the text with misspelt words replaced; "" when none were
    std::string did_you_mean;  // the same, when corrections were only suggested (QueryContext::correct off)
    std::vector<SpellingCorrection> corrections;  // each word replaced (or suggested), in query order
    bool truncated = false;  // the text had more than k_max_query_parts parts; the rest was ignored
    HighlightTerms highlight;
    RankQuery rank;  // the query's words for the second stage (index/rerank.hpp)
};

ParsedQuery parse_query(std::string_view text, const QueryContext& context);

}  // namespace faqt
