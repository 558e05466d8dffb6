#pragma once
// Redirect pages for the former ids of articles (front matter `former_ids`),
// so links to an article's old address keep working after it is renamed or
// moved: at article_path(prefix, former_id), in the article's language, a
// small valid HTML page that sends the browser on (meta refresh, which works
// from file:// and any web server), names the new page as canonical (with a
// base URL) and links to it for whoever the refresh does not move. Links are
// relative, like every link of the site.
//
// Skipped, with a warning naming the article: a former id that is the id of
// a current article in the same language (that page wins), its own id, an
// empty one, or one that an earlier article (in id order) already claimed.
//
// Pure; thread-safe; deterministic (sorted by path).

#include <vector>

#include "content/config.hpp"
#include "content/diagnostic.hpp"
#include "content/public_view.hpp"
#include "site/export.hpp"

namespace faqt {

std::vector<SiteFile> make_redirects(const Config& config, const std::vector<PublishedArticle>& articles,
                                     const SiteOptions& options, Diagnostics& diagnostics);

}  // namespace faqt
