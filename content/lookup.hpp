#pragma once
// Finding an article by id or by a unique suffix of its id, the way git
// accepts a short hash: "vpn-drops" finds "network/vpn-drops".

#include <string>
#include <string_view>
#include <vector>

#include "content/article.hpp"
#include "content/result.hpp"

namespace faqt {

// Returns the distinct ids matching query: the exact id if present, else ids
// whose last path components equal query. Errors: not_found, or usage for an
// ambiguous suffix (the hint lists the candidates).
Result<std::string> resolve_id(const std::vector<Article>& articles, std::string_view query);

// The article with this id in lang, else in default_lang, else any.
const Article* pick_translation(const std::vector<Article>& articles, std::string_view id, std::string_view lang,
                                std::string_view default_lang);

}  // namespace faqt
