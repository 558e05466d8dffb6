#pragma once
// The layout of the Xapian index in .faqt/index: term prefixes, value slots
// and metadata keys. ARCHITECTURE.md ("The search index") explains each one;
// change k_schema_version whenever a document would be indexed differently,
// and every existing index rebuilds itself on the next run.

#include <string_view>

namespace faqt::schema {

// Bump on any change to terms, values or stored data.
inline constexpr std::string_view k_schema_version = "faqt-index-10";

// Text terms. Unprefixed terms are the folded words of every field (with
// positions, for phrases) plus, for words with accents, their exact
// lower-case form (no positions), so an accented query can rank exact
// matches first.
// Z + stem is a key of Xapian's synonym table, not a document term: it
// lists the folded words with that stem (only those whose stem differs
// from the word). Stemming costs one table entry per word of the
// vocabulary instead of one term per word of every article; the query
// expands a stem to its words. Grows only: a stale word finds nothing.
inline constexpr std::string_view k_stem = "Z";
inline constexpr std::string_view k_title = "S";    // title and aliases, stemmed where possible
inline constexpr std::string_view k_heading = "H";  // tags, headings, summary, stemmed where possible
// XN + folded word (and its exact and compound forms) of the text under
// internal headings. Unprefixed terms hold public text only, so a search
// limited to public articles (which does not look for XN) can never match
// a word that only internal notes contain; other searches look for both.
inline constexpr std::string_view k_internal_text = "XN";

// Boolean terms (wdf 0): filters and field prefixes of the query language.
inline constexpr std::string_view k_path = "Q";         // Q + path: the unique term of a document
inline constexpr std::string_view k_id = "XI";          // XI + lower-case id and each '/'-suffix of it
inline constexpr std::string_view k_lang = "L";         // L + lang
inline constexpr std::string_view k_type = "XT";        // XT + faq | known-error | howto
inline constexpr std::string_view k_status = "XS";      // XS + status
inline constexpr std::string_view k_severity = "XE";    // XE + severity (known errors only)
inline constexpr std::string_view k_category = "XC";    // XC + category and each of its ancestors
inline constexpr std::string_view k_tag = "K";          // K + folded tag
inline constexpr std::string_view k_product = "XP";     // XP + folded product
inline constexpr std::string_view k_visibility = "XV";  // XV + public | internal
inline constexpr std::string_view k_draft = "XDRAFT";   // present on drafts only

// XTICKET + terms::ticket_key() of each ticket of the front matter (ticket:).
inline constexpr std::string_view k_ticket = "XTICKET";

// Value slots.
enum Slot : unsigned {
    k_slot_id = 0,          // article id: the collapse key (translations share it)
    k_slot_type = 1,        // faq | known-error | howto
    k_slot_status = 2,      // status or ""
    k_slot_categories = 3,  // the article's own categories, '\n' separated
    k_slot_fixed_in = 4,    // version_sort_key(fixed_in), known errors with fixed_in only
    k_slot_file = 5,        // "HASH SIZE MTIME PATH": what sync compares with the disk
    k_slot_updated = 6,     // YYYY-MM-DD or unset
    k_slot_lang = 7,        // lang
    k_slot_fields = 8,      // "TITLE_WORDS HEADING_WORDS QUESTION_TYPE": ranking features (index/rerank.hpp)
};

// Database metadata keys.
inline constexpr std::string_view k_meta_schema = "faqt.schema";
inline constexpr std::string_view k_meta_fingerprint = "faqt.fingerprint";
inline constexpr std::string_view k_meta_stem_langs = "faqt.stem_langs";  // space separated
inline constexpr std::string_view k_meta_skipped = "faqt.skipped";  // "SIZE MTIME PATH" lines: files not indexable
// "1\n" and a line per id of an internal original that another document
// shares (index/translation_visibility.hpp): searches read it instead of
// every internal document.
inline constexpr std::string_view k_meta_internal_originals = "faqt.internal_originals";

// Positions: each field starts k_field_gap after the previous one, so a
// phrase never matches across two fields.
inline constexpr unsigned k_field_gap = 100;

// Words longer than this are not indexed (base64 blobs, URLs with tokens).
inline constexpr std::size_t k_max_term_bytes = 64;

}  // namespace faqt::schema
