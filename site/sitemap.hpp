#pragma once
// sitemap.xml (sitemaps.org 0.9) and robots.txt.
//
// The sitemap lists the absolute URL of every page it is given, with its
// lastmod and, for a page that exists in other languages of the site (the
// same path under another language's folder: an article's translation, the
// home page, a category ...), an <xhtml:link rel="alternate" hreflang> to
// each, itself included, as search engines ask. An article page's lastmod
// is article_date(); any other page's the newest date of its language's
// articles, since it lists them. Made only with a base URL (the warning
// about its absence is make_feeds()'s).
//
// A site of more than 50,000 pages (the protocol's limit per file) gets
// sitemaps/1.xml, sitemaps/2.xml ... and sitemap.xml as their sitemap index.
//
// robots.txt is always made: it allows everything and, with a base URL,
// names the sitemap.
//
// Pure; thread-safe. Deterministic: pages are listed in path order.

#include <string>
#include <vector>

#include "content/config.hpp"
#include "content/public_view.hpp"
#include "site/export.hpp"

namespace faqt {

// pages: the paths of the HTML pages of the site (relative to the output
// folder), as export_site() made them; 404.html pages are left out here, and
// redirect pages (make_redirects()) should not be given.
std::vector<SiteFile> make_sitemap(const Config& config, const std::vector<PublishedArticle>& articles,
                                   const SiteOptions& options, const std::vector<std::string>& pages);

}  // namespace faqt
