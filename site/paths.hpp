#pragma once
// Where each thing lives in the exported site, and how one page links to
// another. Every page and every feed takes its paths from here, so the site,
// its feeds, its sitemap and the tests agree.
//
// Layout (paths relative to the output folder; the default language at the
// root, every other exported language in a folder named by its code):
//
//   index.html                        home
//   search.html                       search (the browser search's page)
//   404.html, robots.txt, sitemap.xml
//   articles/<id>/index.html          one page per article ("network/vpn-drops")
//   categories/index.html             every category
//   categories/<category>/index.html  one category ("network/vpn")
//   tags/index.html, tags/<slug>/index.html
//   faq/index.html                    every FAQ by category
//   known-issues/index.html           every known error
//   known-issues/<slug>/index.html    the known errors of one product
//   feeds/known-issues.xml            Atom, whole KB (only with a base URL)
//   feeds/<slug>.xml                  Atom, one product
//   assets/...                        the theme's CSS and JavaScript
//   files/<path in the KB>            images and attachments articles link to
//   <lang>/...                        the same for another language ("vi/articles/...")
//
// Ids and category ids become folder names segment by segment; a segment
// that is empty, "." or "..", or holds a byte that is unsafe in a file name
// or a URL ('\\', control characters, '%'), is escaped with '%XX', so no id
// can name a path outside its folder. Links are relative (they work from
// file:// and under any sub-path) and name index.html, since a folder does
// not open its index.html from file://.
//
// Pure functions; thread-safe.

#include <string>
#include <string_view>

namespace faqt {

// The folder prefix of a language: "" for the default language, "vi/" for
// another.
std::string language_prefix(std::string_view lang, std::string_view default_lang);

// Paths of pages, relative to the output folder, with the language prefix.
std::string home_path(std::string_view prefix);                          // "vi/index.html"
std::string search_path(std::string_view prefix);                        // "vi/search.html"
std::string search_index_path(std::string_view prefix);                  // "vi/search/" (the browser search index)
std::string article_path(std::string_view prefix, std::string_view id);  // "vi/articles/network/vpn-drops/index.html"
std::string categories_path(std::string_view prefix);                    // "categories/index.html"
std::string category_path(std::string_view prefix, std::string_view category_id);
std::string tags_path(std::string_view prefix);
std::string tag_path(std::string_view prefix, std::string_view tag);  // slug of the tag
std::string faq_path(std::string_view prefix);
std::string known_issues_path(std::string_view prefix);
std::string product_path(std::string_view prefix, std::string_view product);  // slug of the product
std::string feed_path(std::string_view prefix);                               // "feeds/known-issues.xml"
std::string product_feed_path(std::string_view prefix, std::string_view product);
std::string attachment_path(std::string_view kb_path);  // "files/network/img/a.png" (no language)

// The slug of a tag or product name ("VPN Client" → "vpn-client"); a name
// with no letter or digit gets "x" plus a digest, so it still has a page.
std::string name_slug(std::string_view name);

// One id or path segment made safe as a folder name (see above).
std::string escape_segment(std::string_view segment);

// A path relative to the output folder made into a URL path: every byte
// that may not stand in a URL path is percent-encoded ("a b" → "a%20b").
std::string url_path(std::string_view path);

// A value in a URL's query (a mailto: subject or body): every byte but
// letters, digits and "-._~" percent-encoded ("a b\n" → "a%20b%0A").
std::string query_value(std::string_view value);

// The href from the page at from (a path relative to the output folder) to
// the file at to, relative and percent-encoded: from "articles/a/b/index.html"
// to "index.html" is "../../../index.html". fragment, when not empty, is
// added after '#'.
std::string relative_href(std::string_view from, std::string_view to, std::string_view fragment = {});

// The absolute URL of a file of the site: base_url (with or without its
// trailing '/') joined with url_path(path). "" when base_url is "".
std::string absolute_url(std::string_view base_url, std::string_view path);

}  // namespace faqt
