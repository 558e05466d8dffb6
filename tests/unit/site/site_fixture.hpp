#pragma once
// Exports for the site's tests: a KB folder made of files, or the example
// KB, exported into memory.

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "content/kb.hpp"
#include "content/public_view.hpp"
#include "site/export.hpp"

namespace faqt::test {

// A KB written into a fresh temporary folder, removed with the object.
class TempKb {
public:
    explicit TempKb(const std::map<std::string, std::string>& files) {
        static int counter = 0;
        m_root = std::filesystem::temp_directory_path() /
                 ("faqt-site-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(m_root);
        for (const auto& [path, text] : files) {
            const auto file = m_root / path;
            std::filesystem::create_directories(file.parent_path());
            std::ofstream(file, std::ios::binary) << text;
        }
    }
    ~TempKb() {
        std::error_code error;
        std::filesystem::remove_all(m_root, error);
    }
    TempKb(const TempKb&) = delete;
    TempKb& operator=(const TempKb&) = delete;
    const std::filesystem::path& root() const { return m_root; }

private:
    std::filesystem::path m_root;
};

struct ExportedSite {
    std::map<std::string, SiteFile> files;  // by path
    std::vector<std::string> order;         // paths as the sink got them
    SiteReport report;

    const std::string& page(const std::string& path) const {
        static const std::string k_none;
        auto found = files.find(path);
        return found == files.end() ? k_none : found->second.content;
    }
};

inline ExportedSite export_kb(const std::filesystem::path& root, SiteOptions options = {},
                              void (*edit)(LoadedKb&) = nullptr) {
    auto loaded = load_kb(root);
    if (!loaded) {
        throw std::runtime_error("load_kb failed: " + loaded.error().message);
    }
    if (edit != nullptr) {
        edit(*loaded);
    }
    const std::vector<PublishedArticle> published = published_articles(loaded->articles, &loaded->config);
    ExportedSite site;
    auto report = export_site(loaded->config, published, options, [&](SiteFile&& file) -> Result<void> {
        site.order.push_back(file.path);
        site.files[file.path] = std::move(file);
        return {};
    });
    if (!report) {
        throw std::runtime_error("export_site failed: " + report.error().message);
    }
    site.report = *report;
    return site;
}

}  // namespace faqt::test
