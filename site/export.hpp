#pragma once
// The static help site (faqt-export(1)): every page, feed and file of the
// site made from the public copy of a KB (content/public_view.hpp's
// PublishedArticle) and its configuration. It never sees an Article, so
// internal articles, internal sections and drafts cannot reach a page.
//
// The library makes files and hands them to a sink in a deterministic order;
// cli/ writes them (site/output.hpp: the output folder and its manifest).
// It never prints and never reads the environment: dates from git or the
// file system are passed in.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/config.hpp"
#include "content/date.hpp"
#include "content/diagnostic.hpp"
#include "content/public_view.hpp"
#include "content/result.hpp"

namespace faqt {

// One file of the site.
struct SiteFile {
    std::string path;       // relative to the output folder, '/' separated: "articles/network/vpn-drops/index.html"
    std::string content;    // the bytes (empty when unchanged or copy_from is set)
    std::string copy_from;  // an attachment: absolute path of the KB file to copy
    // A digest of everything the file is made from ("" for files made anew
    // on every export). A file whose input_key the previous export wrote
    // for the same path is not made again: unchanged is set, content empty.
    std::string input_key;
    bool unchanged = false;
};

struct SiteOptions {
    std::filesystem::path theme_dir;  // overrides of the built-in theme ("" = none)
    // The date of an article without `updated`, by its path: its last git
    // commit, else its file's mtime (cli finds them).
    std::map<std::string, Date> file_dates;
    // Whether the previous export wrote path from input_key (and the file is
    // still there); null = make every file.
    std::function<bool(std::string_view path, std::string_view input_key)> is_current;
};

// The date shown and used for an article (feeds' <updated>, sitemap's
// lastmod, "Updated"): its `updated`, else options.file_dates of its path,
// else none.
std::optional<Date> article_date(const PublishedArticle& article, const SiteOptions& options);

struct SiteReport {
    Diagnostics diagnostics;  // warnings (skipped articles, dropped links, no base_url), path:line
    int articles = 0;         // article pages written (translations included)
    int pages = 0;            // every HTML page
    int files = 0;            // every file, assets and feeds included
};

// Makes the site and passes each file to sink, in a deterministic order. A
// sink error stops the export and is returned.
using SiteSink = std::function<Result<void>(SiteFile&&)>;
Result<SiteReport> export_site(const Config& config, const std::vector<PublishedArticle>& articles,
                               const SiteOptions& options, const SiteSink& sink);

// The name the site shows for a category id: its [[categories]] name, else
// its last segment with '-' as spaces and a capital ("file-shares" → "File
// shares").
std::string category_display_name(const Config& config, std::string_view id);

// The files of the built-in theme (templates, partials, strings, CSS, JS),
// for `faqt export --dump-theme`.
struct ThemeFile {
    std::string path;
    std::string_view content;
};
std::vector<ThemeFile> default_theme();

}  // namespace faqt
