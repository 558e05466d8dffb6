#pragma once
// Word → term rules shared by the indexer and the query parser, so a word
// typed in a query becomes exactly the terms the same word produced in an
// article. Internal to index/.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "content/config.hpp"
#include "content/stopwords.hpp"
#include "content/text.hpp"

namespace faqt::terms {

// Xapian refuses a term over 245 bytes, and one such term aborts the whole
// commit ("Term too long (> 245)"). The longest term make_term() makes.
inline constexpr std::size_t k_max_xapian_term_bytes = 240;

// The one place terms are made, for the index and for queries alike:
// prefix + value when that fits in k_max_xapian_term_bytes; otherwise
// prefix, the start of value (cut at a UTF-8 boundary), '#' and 16 hex
// digits of a 64-bit hash of the whole value. The same long value always
// gives the same term, so `--tag <a 300-byte tag>` finds its article.
std::string make_term(std::string_view prefix, std::string_view value);

// True when make_term(prefix, value) shortens the value.
bool term_too_long(std::string_view prefix, std::string_view value);

// content's fold() with a fast path for ASCII and a per-thread cache:
// indexing calls it for every word of every article.
std::string fold_word(std::string_view word);

// ASCII letters lower-cased, everything else as it is: for prefixes,
// field names and ids (content/text.hpp's rule).
using faqt::ascii_lower;

// content's lower() with the same fast path and cache.
std::string lower_word(std::string_view word);

// Error codes, versions and identifiers: a word with a digit, '_' or '.'
// in it. They are never stemmed and never spelling-corrected.
bool is_code_like(std::string_view word);

// "ERR", "VPN", "AADSTS": two or more letters, all upper-case.
bool is_all_caps(std::string_view word);

// The primary language subtag, lower-cased: "en-GB" → "en".
std::string base_lang(std::string_view lang);

// Xapian's name of lang's stemmer ("english"), "" when it has none.
std::string stemmer_name(std::string_view lang);

// True when Xapian has a stemmer for lang. Never for Vietnamese or Polish.
bool has_stemmer(std::string_view lang);

// Stem of a folded word in lang; the word itself when lang has no stemmer
// or the word is code-like.
std::string stem(std::string_view lang, const std::string& folded);

// Words too common to help a ranked query (content/stopwords.hpp, the list
// tickets are clustered with too). Used only to drop words from an
// implicit OR of several words.
using faqt::is_stopword;
using faqt::stopwords;

// "10", "2": one to four digits 0-9, numbers that say little on their own,
// unlike 4.3.1 or 0x80070005 (code-like words that are not plain numbers
// rank as codes).
bool is_plain_number(std::string_view word);

// Whether a term goes into the spelling dictionary: 3–32 ASCII letters.
bool is_spelling_word(std::string_view term);

// Parts of a word joined by '_' ("err_conn_reset" → "err", "conn",
// "reset"), empty when the word has none or its parts are all numbers.
std::vector<std::string> compound_parts(std::string_view folded);

// The parts of a name with a number written as one word ("covid19" →
// "covid", "19"; content's name_number_split()), empty for other words.
std::vector<std::string> number_parts(std::string_view folded);

// "covid" and "19" written apart with one space: the joined word
// "covid19" (content's joins_name_number()), "" when they do not join or
// the first is a stopword ("in 2024" stays apart).
std::string joined_name_number(std::string_view folded, std::string_view between, std::string_view next_folded);

// A ticket number as one term: content's ticket_number_key() (its words
// folded and joined, without '-', '_', '.' or spaces, so "INC-4411",
// "inc4411" and "INC 4411" are one key, "inc4411"); the same form the
// body's "INC-4411" is indexed joined as. "" when nothing is left.
std::string ticket_key(std::string_view text);

// faqt.toml's [synonyms]: groups of interchangeable word sequences, each
// alternative as its folded words (no empty or repeated alternative; a
// group of fewer than two is dropped), in the order of the keys.
// vocabulary, when given, receives every folded word of every alternative,
// those of dropped groups too.
std::vector<std::vector<std::vector<std::string>>> synonym_groups(const Config& config,
                                                                  std::set<std::string>* vocabulary = nullptr);

}  // namespace faqt::terms
