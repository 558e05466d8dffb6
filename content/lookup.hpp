#pragma once
// Finding an article by id or by a unique suffix of its id, the way git
// accepts a short hash: "vpn-drops" finds "network/vpn-drops".

#include <string>
#include <string_view>
#include <vector>

#include "content/article.hpp"
#include "content/result.hpp"

namespace faqt {

// The id a user typed, without a trailing '/' or ".md".
std::string normalise_id_query(std::string_view query);

// True when id is query or ends with "/query": a suffix must start at a path
// component, so "vpn-drops" matches "network/vpn-drops", never
// "network/old-vpn-drops". query is normalised.
bool id_matches(std::string_view id, std::string_view query);

// Returns the distinct ids matching query: the exact id if present, else ids
// whose last path components equal query. Errors: not_found, or usage for an
// ambiguous suffix (the hint lists the candidates).
Result<std::string> resolve_id(const std::vector<Article>& articles, std::string_view query);

// The article with this id in lang, else in default_lang, else any.
const Article* pick_translation(const std::vector<Article>& articles, std::string_view id, std::string_view lang,
                                std::string_view default_lang);

}  // namespace faqt
