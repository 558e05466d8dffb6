#include "site/languages.hpp"

#include <algorithm>
#include <set>

namespace faqt {

std::vector<std::string> site_languages(const Config& config, const std::vector<PublishedArticle>& articles) {
    std::vector<std::string> out;
    std::set<std::string> seen;
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
    const auto found = std::find(out.begin(), out.end(), config.default_lang);
    if (found != out.end()) {
        std::rotate(out.begin(), found, found + 1);
    }
    return out;
}

}  // namespace faqt
