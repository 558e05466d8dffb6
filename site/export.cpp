#include "site/export.hpp"

namespace faqt {

Result<SiteReport> export_site(const Config& config, const std::vector<PublishedArticle>& articles,
                               const SiteOptions& options, const SiteSink& sink) {
    (void)options;
    SiteReport report;
    std::string html = "<!DOCTYPE html>\n<html><head><title>" + config.title + "</title></head><body><ul>\n";
    for (const auto& article : articles) {
        html += "<li>" + article.title + "</li>\n";
        ++report.articles;
    }
    html += "</ul></body></html>\n";
    SiteFile file;
    file.path = "index.html";
    file.content = std::move(html);
    if (auto written = sink(std::move(file)); !written) {
        return written.error();
    }
    report.pages = report.files = 1;
    return report;
}

std::vector<ThemeFile> default_theme() {
    return {};
}

}  // namespace faqt
