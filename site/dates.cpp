#include "site/export.hpp"

namespace faqt {

std::optional<Date> article_date(const PublishedArticle& article, const SiteOptions& options) {
    if (article.updated) {
        return article.updated;
    }
    if (auto found = options.file_dates.find(article.path); found != options.file_dates.end()) {
        return found->second;
    }
    return std::nullopt;
}

}  // namespace faqt
