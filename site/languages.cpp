#include "site/languages.hpp"

#include <set>

namespace faqt {

std::vector<std::string> site_languages(const Config& config, const std::vector<PublishedArticle>& articles) {
    // The default language is always exported: its home page is the
    // site's root.
    std::vector<std::string> out{config.default_lang};
    std::set<std::string> seen{config.default_lang};
    const auto add = [&](const std::string& lang) {
        if (!lang.empty() && seen.insert(lang).second) {
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

}  // namespace faqt
