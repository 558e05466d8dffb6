#include "site/feeds.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "site/languages.hpp"
#include "site/paths.hpp"
#include "site/xml.hpp"

namespace faqt {

namespace {

constexpr Date k_no_date{1970, 1, 1};

struct Entry {
    const PublishedArticle* article = nullptr;
    Date updated;
};

struct Feed {
    std::string path;
    std::string title;
    std::string page;  // the HTML page the feed is the feed of
    std::vector<Entry> entries;
};

void element(std::string& out, std::string_view indent, std::string_view name, std::string_view text) {
    out += indent;
    out += '<';
    out += name;
    out += '>';
    append_xml_escaped(text, out);
    out += "</";
    out += name;
    out += ">\n";
}

std::string render(const Feed& feed, const Config& config, std::string_view lang, const Date& fallback) {
    const std::string& base = config.site_url();
    const Date updated = feed.entries.empty() ? fallback : feed.entries.front().updated;
    std::string out =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"";
    append_xml_escaped(lang, out, true);
    out += "\">\n";
    element(out, "  ", "id", absolute_url(base, feed.path));
    element(out, "  ", "title", feed.title);
    out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" +
           xml_escaped(absolute_url(base, feed.path), true) + "\"/>\n";
    out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escaped(absolute_url(base, feed.page), true) +
           "\"/>\n";
    element(out, "  ", "updated", rfc3339(updated));
    out += "  <author>\n";
    element(out, "    ", "name", config.title);
    out += "  </author>\n";
    element(out, "  ", "generator", "faqt");
    for (const Entry& entry : feed.entries) {
        const PublishedArticle& a = *entry.article;
        // An untranslated article's page is in the default language's folder.
        const std::string url = absolute_url(
            base,
            article_path(language_prefix(a.lang.empty() ? config.default_lang : a.lang, config.default_lang), a.id));
        out += "  <entry>\n";
        element(out, "    ", "id", url);
        element(out, "    ", "title", a.title.empty() ? a.id : a.title);
        out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escaped(url, true) + "\"/>\n";
        element(out, "    ", "updated", rfc3339(entry.updated));
        if (!a.status.empty()) {
            out += "    <category term=\"" + xml_escaped(a.status, true) + "\"/>\n";
        }
        for (const auto& product : a.products) {
            out += "    <category term=\"" + xml_escaped(product, true) + "\"/>\n";
        }
        if (!a.summary.empty()) {
            element(out, "    ", "summary", a.summary);
        }
        out += "  </entry>\n";
    }
    out += "</feed>\n";
    return out;
}

// The feeds of every language of the site, with their entries. A
// language's pages show each id in its own translation, else in the default
// language (site/export.cpp), so its feeds do too: every known-issues page
// of a product, in every language, has its feed.
struct LanguageFeeds {
    std::string lang;
    std::string prefix;
    Date newest = k_no_date;
    std::map<std::string, Feed> feeds;  // by path, so products slugged alike share one feed
};

std::vector<LanguageFeeds> plan_feeds(const Config& config, const std::vector<PublishedArticle>& articles,
                                      const SiteOptions& options) {
    std::vector<LanguageFeeds> out;
    if (config.site_url().empty()) {
        return out;
    }
    const std::vector<std::string> languages = site_languages(config, articles);
    // id → lang → the first article of that id and language, as the pages
    // take it.
    std::map<std::string, std::map<std::string, const PublishedArticle*>> translations;
    for (const auto& a : articles) {
        const std::string& lang = a.lang.empty() ? config.default_lang : a.lang;
        translations[a.id].emplace(lang, &a);
    }
    for (const std::string& lang : languages) {
        LanguageFeeds& language = out.emplace_back();
        language.lang = lang;
        language.prefix = language_prefix(lang, config.default_lang);
        std::vector<Entry> entries;
        for (const auto& [id, by_lang] : translations) {
            auto found = by_lang.find(lang);
            if (found == by_lang.end()) {
                found = by_lang.find(config.default_lang);
            }
            if (found == by_lang.end()) {
                continue;
            }
            const PublishedArticle& a = *found->second;
            const Date date = article_date(a, options).value_or(k_no_date);
            language.newest = std::max(language.newest, date);
            if (a.is_known_error()) {
                entries.push_back({&a, date});
            }
        }
        std::stable_sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
            if (x.updated != y.updated) {
                return x.updated > y.updated;
            }
            return x.article->id < y.article->id;
        });

        Feed& all = language.feeds[feed_path(language.prefix)];
        all.path = feed_path(language.prefix);
        all.title = config.title + ": known issues";
        all.page = known_issues_path(language.prefix);
        all.entries = entries;
        for (const Entry& entry : entries) {
            for (const auto& product : entry.article->products) {
                const std::string path = product_feed_path(language.prefix, product);
                Feed& feed = language.feeds[path];
                if (feed.path.empty()) {
                    feed.path = path;
                    feed.title = config.title + ": known issues in " + product;
                    feed.page = product_path(language.prefix, product);
                }
                // An article naming two products of one slug is one entry.
                if (feed.entries.empty() || feed.entries.back().article != entry.article) {
                    feed.entries.push_back(entry);
                }
            }
        }
    }
    return out;
}

}  // namespace

std::set<std::string> feed_paths(const Config& config, const std::vector<PublishedArticle>& articles,
                                 const SiteOptions& options) {
    std::set<std::string> paths;
    for (const LanguageFeeds& language : plan_feeds(config, articles, options)) {
        for (const auto& [path, feed] : language.feeds) {
            paths.insert(path);
        }
    }
    return paths;
}

std::vector<SiteFile> make_feeds(const Config& config, const std::vector<PublishedArticle>& articles,
                                 const SiteOptions& options, Diagnostics& diagnostics) {
    std::vector<SiteFile> files;
    if (config.site_url().empty()) {
        diagnostics.push_back(Diagnostic{"faqt.toml", 0, 0, Severity::warning,
                                         "no base URL: the site has no feeds, no sitemap and no canonical links",
                                         "set [site] base_url (or [kb] base_url) to the address the site is "
                                         "published at"});
        return files;
    }
    for (const LanguageFeeds& language : plan_feeds(config, articles, options)) {
        for (const auto& [path, feed] : language.feeds) {
            SiteFile file;
            file.path = path;
            file.content = render(feed, config, language.lang, language.newest);
            files.push_back(std::move(file));
        }
    }
    std::sort(files.begin(), files.end(), [](const SiteFile& x, const SiteFile& y) { return x.path < y.path; });
    return files;
}

}  // namespace faqt
