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
// - a language's feeds hold what its pages show: each known error in the
//   language's own translation, else in the default language (whose page
//   the entry links to), so every product page of every language has its
//   feed;
// - entries are newest first, then by id;
// - text is XML-escaped and stripped of characters XML 1.0 forbids.
//
// Pure; thread-safe.

#include <set>
#include <string>
#include <vector>

#include "content/config.hpp"
#include "content/diagnostic.hpp"
#include "content/public_view.hpp"
#include "site/export.hpp"

namespace faqt {

// The paths of the feeds make_feeds() writes (none without a base URL):
// pages link to a feed only when its path is here, so no page links to a
// feed that does not exist.
std::set<std::string> feed_paths(const Config& config, const std::vector<PublishedArticle>& articles,
                                 const SiteOptions& options);

// The feeds of the site, sorted by path; diagnostics gets the warning about
// a missing base URL.
std::vector<SiteFile> make_feeds(const Config& config, const std::vector<PublishedArticle>& articles,
                                 const SiteOptions& options, Diagnostics& diagnostics);

}  // namespace faqt
