#pragma once
// Which languages the site is made in. Pages, feeds, the sitemap and the
// language switcher all take the list from here, so they agree.

#include <string>
#include <string_view>
#include <vector>

#include "content/config.hpp"
#include "content/public_view.hpp"

namespace faqt {

// [site] languages when set (in that order, each once), else every language
// of a published article; either way the default language first when it is
// in the list, as its pages are at the root of the site. Pure.
// Whether lang can name a language folder of the site: a lower-case tag
// ("vi", "pt-br"), not a folder the site uses for itself ("faq"). Articles
// in another language are not exported (export_site() warns).
bool is_site_language_code(std::string_view lang);

std::vector<std::string> site_languages(const Config& config, const std::vector<PublishedArticle>& articles);

// The articles each language folder has pages for, language by language in
// site_languages() order, articles in the order given: an article belongs
// to its lang's folder (the default language's when it has none) if that is
// a site language, and only the first article of an id in a language does.
// The rule export_site() applies to pages; the browser search index of each
// folder takes its articles from here.
struct LanguageArticles {
    std::string lang;
    std::vector<const PublishedArticle*> articles;
};
std::vector<LanguageArticles> language_articles(const Config& config, const std::vector<PublishedArticle>& articles);

}  // namespace faqt
