#include "site/languages.hpp"

#include <map>
#include <set>

namespace faqt {

bool is_site_language_code(std::string_view lang) {
    // A language tag as sites name their folders: "vi", "pl", "pt-br",
    // "zh-hans"; never a name the site's own folders use.
    if (lang == "faq") {
        return false;
    }
    std::size_t i = 0;
    while (i < lang.size() && lang[i] >= 'a' && lang[i] <= 'z') {
        ++i;
    }
    if (i < 2 || i > 3) {
        return false;
    }
    while (i < lang.size()) {
        if (lang[i] != '-' && lang[i] != '_') {
            return false;
        }
        std::size_t start = ++i;
        while (i < lang.size() && ((lang[i] >= 'a' && lang[i] <= 'z') || (lang[i] >= '0' && lang[i] <= '9'))) {
            ++i;
        }
        if (i == start || i - start > 8) {
            return false;
        }
    }
    return true;
}

std::vector<std::string> site_languages(const Config& config, const std::vector<PublishedArticle>& articles) {
    // The default language is always exported: its home page is the
    // site's root.
    std::vector<std::string> out{config.default_lang};
    std::set<std::string> seen{config.default_lang};
    const auto add = [&](const std::string& lang) {
        if (!lang.empty() && is_site_language_code(lang) && seen.insert(lang).second) {
            out.push_back(lang);
        }
    };
    if (!config.site_languages.empty()) {
        for (const auto& lang : config.site_languages) {
            add(lang);
        }
    } else {
        std::set<std::string> written;
        for (const auto& article : articles) {
            written.insert(article.lang);
        }
        for (const auto& lang : written) {
            add(lang);
        }
    }
    return out;
}

std::vector<LanguageArticles> language_articles(const Config& config, const std::vector<PublishedArticle>& articles) {
    std::vector<LanguageArticles> out;
    std::map<std::string, std::size_t> index;
    for (const std::string& lang : site_languages(config, articles)) {
        index[lang] = out.size();
        out.push_back({lang, {}});
    }
    std::set<std::pair<std::string, std::string>> seen;  // (lang, id)
    for (const PublishedArticle& article : articles) {
        const std::string lang = article.lang.empty() ? config.default_lang : article.lang;
        auto found = index.find(lang);
        if (found != index.end() && seen.emplace(lang, article.id).second) {
            out[found->second].articles.push_back(&article);
        }
    }
    return out;
}

}  // namespace faqt
