#pragma once
// The Atom 1.0 feeds (RFC 4287) of the known errors: one for the whole KB
// (feed_path) and one per product (product_feed_path), in every language of
// the site (site_languages()), so a customer can follow the problems of the
// product they use.
//
// Feeds need absolute URLs: without a base URL (Config::site_url()) none is
// made, and one warning says so, for feeds, sitemap and canonical links
// together (make_sitemap() does not warn again).
//
// Everything in a feed comes from the articles, never from the clock, so
// the same KB gives the same bytes:
// - an entry's <id> is the absolute URL of its article page, which holds the
//   article's id: it stays the same from one export to the next, and
//   translations are entries of their own language's feed;
// - an entry's <updated> is article_date() (1970-01-01 when it has none); the
//   feed's is its newest entry's (with no entries, the newest article of the
//   language's);
// - entries are newest first, then by id;
// - text is XML-escaped and stripped of characters XML 1.0 forbids.
//
// Pure; thread-safe.

#include <vector>

#include "content/config.hpp"
#include "content/diagnostic.hpp"
#include "content/public_view.hpp"
#include "site/export.hpp"

namespace faqt {

// The feeds of the site, sorted by path; diagnostics gets the warning about
// a missing base URL.
std::vector<SiteFile> make_feeds(const Config& config, const std::vector<PublishedArticle>& articles,
                                 const SiteOptions& options, Diagnostics& diagnostics);

}  // namespace faqt
