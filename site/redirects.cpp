#include "site/redirects.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "content/html_sanitiser.hpp"
#include "content/text.hpp"
#include "site/languages.hpp"
#include "site/paths.hpp"

namespace faqt {

namespace {

std::string html(std::string_view text, bool attribute = false) {
    std::string out;
    append_html_escaped(strip_control(repair_utf8(text)), out, attribute);
    return out;
}

std::string redirect_page(const Config& config, const PublishedArticle& article, const std::string& from,
                          const std::string& to) {
    const std::string href = relative_href(from, to);
    const std::string title = article.title.empty() ? article.id : article.title;
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + html(article.lang, true) + "\">\n<head>\n";
    out += "<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\n";
    out += "<meta name=\"robots\" content=\"noindex\">\n";
    out += "<meta http-equiv=\"refresh\" content=\"0; url=" + html(href, true) + "\">\n";
    if (const std::string url = absolute_url(config.site_url(), to); !url.empty()) {
        out += "<link rel=\"canonical\" href=\"" + html(url, true) + "\">\n";
    }
    out += "<title>" + html(title) + "</title>\n";
    out += "</head>\n<body>\n<main>\n<h1>" + html(title) + "</h1>\n";
    out += "<p><a href=\"" + html(href, true) + "\">" + html(title) + "</a></p>\n";
    out += "</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace

std::vector<SiteFile> make_redirects(const Config& config, const std::vector<PublishedArticle>& articles,
                                     const SiteOptions& options, Diagnostics& diagnostics) {
    (void)options;
    std::vector<SiteFile> files;
    const std::vector<std::string> languages = site_languages(config, articles);
    const auto exported = [&](const std::string& lang) {
        return std::find(languages.begin(), languages.end(), lang) != languages.end();
    };
    std::set<std::pair<std::string, std::string>> current;  // (lang, id)
    for (const auto& a : articles) {
        current.insert({a.lang, a.id});
    }
    std::vector<const PublishedArticle*> ordered;
    for (const auto& a : articles) {
        ordered.push_back(&a);
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const PublishedArticle* x, const PublishedArticle* y) {
        return std::tie(x->id, x->lang) < std::tie(y->id, y->lang);
    });
    std::map<std::string, const PublishedArticle*> claimed;  // page path → article
    for (const PublishedArticle* a : ordered) {
        if (!exported(a->lang)) {
            continue;
        }
        const std::string prefix = language_prefix(a->lang, config.default_lang);
        for (const auto& former : a->former_ids) {
            const auto warn = [&](std::string message) {
                diagnostics.push_back(Diagnostic{a->path, a->former_ids_line, 1, Severity::warning, std::move(message),
                                                 "remove it from former_ids, or rename the other article"});
            };
            if (trim(former).empty() || former == a->id) {
                warn("former id '" + former + "' is empty or the article's own id; no redirect page");
                continue;
            }
            if (current.count({a->lang, former}) != 0) {
                warn("former id '" + former + "' is the id of another article; no redirect page");
                continue;
            }
            const std::string path = article_path(prefix, former);
            if (auto [it, inserted] = claimed.emplace(path, a); !inserted) {
                if (it->second != a) {
                    warn("former id '" + former + "' is also a former id of " + it->second->path +
                         "; its redirect page goes there");
                }
                continue;
            }
            SiteFile file;
            file.path = path;
            file.content = redirect_page(config, *a, path, article_path(prefix, a->id));
            files.push_back(std::move(file));
        }
    }
    std::sort(files.begin(), files.end(), [](const SiteFile& x, const SiteFile& y) { return x.path < y.path; });
    return files;
}

}  // namespace faqt
