#pragma once
// ArticleFilter: the one definition of which articles a filter selects, for
// every command that filters articles ('faqt list', 'faqt search', later
// export, suggest and report). It owns the normalisation of the values
// (case, Unicode folding, the base subtag of a language, category codes and
// ancestry, dotted versions), so that 'list --lang VI' and 'search --lang VI'
// select the same articles: list calls matches() on parsed articles, and
// index/search.cpp turns the same filter into its Xapian query.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/article.hpp"
#include "content/config.hpp"
#include "content/result.hpp"

namespace faqt {

// Filter values as the user typed them (each may hold several, any of which
// matches).
struct FilterValues {
    std::vector<std::string> types;
    std::vector<std::string> statuses;
    std::vector<std::string> severities;
    std::vector<std::string> categories;  // ids, or codes and names from [[categories]]
    std::vector<std::string> tags;
    std::vector<std::string> products;
    std::vector<std::string> langs;
    std::string version;
    std::optional<Visibility> visibility;
    bool drafts = false;
};

// Within one filter any value matches; all filters given must match. Values
// are normalised (normalize_*() below); build one with make_article_filter().
struct ArticleFilter {
    std::vector<std::string> types;        // "faq", "known-error", "howto"
    std::vector<std::string> statuses;     // lower case
    std::vector<std::string> severities;   // lower case
    std::vector<std::string> categories;   // category ids, lower case; each includes its subcategories
    std::vector<std::string> tags;         // folded
    std::vector<std::string> products;     // folded
    std::vector<std::string> langs;        // base subtag, lower case ("pt-BR" → "pt")
    std::string version;                   // hides known errors with fixed_in at or before it
    std::optional<Visibility> visibility;  // only public, or only internal, articles
    bool drafts = false;                   // include drafts (hidden by default)

    // True when no filter is given (drafts alone do not count).
    bool empty() const;

    // True when the article passes every filter given.
    bool matches(const Article& article) const;
};

// The normal forms of filter values and of the article fields they are
// compared with. The index stores these forms as its filter terms.
std::string normalize_type(std::string_view type);          // "" when unknown
std::string normalize_status(std::string_view status);      // trimmed, lower case
std::string normalize_severity(std::string_view severity);  // trimmed, lower case
std::string normalize_category(std::string_view category);  // trimmed, lower case, no trailing '/'
std::string normalize_label(std::string_view tag);          // tags and products: trimmed, folded
std::string normalize_lang(std::string_view lang);          // base subtag, lower case

// Checks and normalises the values typed by the user. Errors (ErrorCode::usage)
// name a value that selects nothing anywhere, with the nearest known value
// ("did you mean"): an unknown type, status or severity, or a category that is neither
// declared in faqt.toml (or implied by a declared one) nor the code or name of
// one. A category code becomes its category's id. When faqt.toml declares no
// categories, any category is accepted.
Result<ArticleFilter> make_article_filter(const FilterValues& values, const Config& config);

}  // namespace faqt
