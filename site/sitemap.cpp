#include "site/sitemap.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "site/languages.hpp"
#include "site/paths.hpp"
#include "site/xml.hpp"

namespace faqt {

namespace {

constexpr std::size_t k_max_urls = 50000;

struct Language {
    std::string lang;
    std::string prefix;
    std::optional<Date> newest;
};

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

bool is_not_found_page(std::string_view path, const std::vector<Language>& languages) {
    for (const auto& language : languages) {
        if (path == language.prefix + "404.html") {
            return true;
        }
    }
    return false;
}

}  // namespace

std::vector<SiteFile> make_sitemap(const Config& config, const std::vector<PublishedArticle>& articles,
                                   const SiteOptions& options, const std::vector<std::string>& pages) {
    std::vector<SiteFile> files;
    const std::string& base = config.site_url();

    SiteFile robots;
    robots.path = "robots.txt";
    robots.content = "User-agent: *\nAllow: /\n";
    if (!base.empty()) {
        robots.content += "\nSitemap: " + absolute_url(base, "sitemap.xml") + "\n";
    }
    if (base.empty()) {
        files.push_back(std::move(robots));
        return files;
    }

    // The default language's prefix is "", so it comes last when a page's
    // language is looked for by prefix.
    std::vector<Language> languages;
    for (const auto& lang : site_languages(config, articles)) {
        languages.push_back({lang, language_prefix(lang, config.default_lang), std::nullopt});
    }
    std::map<std::string, std::optional<Date>> article_dates;  // page path → date
    for (const auto& a : articles) {
        const std::optional<Date> date = article_date(a, options);
        for (auto& language : languages) {
            if (language.lang == a.lang) {
                article_dates[article_path(language.prefix, a.id)] = date;
                if (date && (!language.newest || *language.newest < *date)) {
                    language.newest = date;
                }
            }
        }
    }
    std::vector<const Language*> by_prefix;
    for (const auto& language : languages) {
        by_prefix.push_back(&language);
    }
    std::stable_sort(by_prefix.begin(), by_prefix.end(),
                     [](const Language* x, const Language* y) { return x->prefix.size() > y->prefix.size(); });
    const auto language_of = [&](std::string_view path) -> const Language* {
        for (const Language* language : by_prefix) {
            if (starts_with(path, language->prefix)) {
                return language;
            }
        }
        return nullptr;
    };

    std::set<std::string> listed;
    for (const auto& page : pages) {
        if (!is_not_found_page(page, languages)) {
            listed.insert(page);
        }
    }
    std::vector<std::string> entries;
    for (const auto& page : listed) {
        std::string out;
        const Language* language = language_of(page);
        out += "  <url>\n    <loc>" + xml_escaped(absolute_url(base, page)) + "</loc>\n";
        std::optional<Date> lastmod;
        if (auto found = article_dates.find(page); found != article_dates.end()) {
            lastmod = found->second;
        } else if (language != nullptr) {
            lastmod = language->newest;
        }
        if (lastmod) {
            out += "    <lastmod>" + lastmod->to_string() + "</lastmod>\n";
        }
        if (language != nullptr) {
            const std::string_view rest = std::string_view(page).substr(language->prefix.size());
            std::vector<const Language*> alternates;
            for (const auto& other : languages) {
                if (listed.count(other.prefix + std::string(rest)) != 0) {
                    alternates.push_back(&other);
                }
            }
            if (alternates.size() > 1) {
                for (const Language* other : alternates) {
                    out += "    <xhtml:link rel=\"alternate\" hreflang=\"" + xml_escaped(other->lang, true) +
                           "\" href=\"" + xml_escaped(absolute_url(base, other->prefix + std::string(rest)), true) +
                           "\"/>\n";
                }
            }
        }
        out += "  </url>\n";
        entries.push_back(std::move(out));
    }

    // One file holds at most k_max_urls URLs (the protocol's limit); a
    // bigger site gets sitemaps/N.xml and sitemap.xml as their index.
    const auto urlset = [&](std::size_t begin, std::size_t end) {
        std::string out =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
            "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
        for (std::size_t i = begin; i < end; ++i) {
            out += entries[i];
        }
        out += "</urlset>\n";
        return out;
    };
    files.push_back(std::move(robots));
    SiteFile sitemap;
    sitemap.path = "sitemap.xml";
    if (entries.size() <= k_max_urls) {
        sitemap.content = urlset(0, entries.size());
        files.push_back(std::move(sitemap));
        return files;
    }
    sitemap.content =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    std::vector<SiteFile> parts;
    for (std::size_t begin = 0, n = 1; begin < entries.size(); begin += k_max_urls, ++n) {
        SiteFile part;
        part.path = "sitemaps/" + std::to_string(n) + ".xml";
        part.content = urlset(begin, std::min(entries.size(), begin + k_max_urls));
        sitemap.content +=
            "  <sitemap>\n    <loc>" + xml_escaped(absolute_url(base, part.path)) + "</loc>\n  </sitemap>\n";
        parts.push_back(std::move(part));
    }
    sitemap.content += "</sitemapindex>\n";
    files.push_back(std::move(sitemap));
    for (auto& part : parts) {
        files.push_back(std::move(part));
    }
    return files;
}

}  // namespace faqt
