#include "site/export.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "site_fixture.hpp"

using namespace faqt;
using faqt::test::export_kb;

namespace {

const std::filesystem::path k_helpdesk = std::filesystem::path(FAQT_SOURCE_DIR) / "examples/helpdesk";

}  // namespace

// Not run by default: writes the example site to $FAQT_SITE_OUT to look at.
TEST_CASE("dump the example site", "[.dump]") {
    const char* out = std::getenv("FAQT_SITE_OUT");
    REQUIRE(out != nullptr);
    auto site = export_kb(k_helpdesk);
    for (const auto& [path, file] : site.files) {
        auto target = std::filesystem::path(out) / path;
        std::filesystem::create_directories(target.parent_path());
        if (!file.copy_from.empty()) {
            std::filesystem::copy_file(file.copy_from, target, std::filesystem::copy_options::overwrite_existing);
        } else {
            std::ofstream(target, std::ios::binary) << file.content;
        }
    }
    for (const auto& d : site.report.diagnostics) {
        WARN(d.path << ":" << d.line << ":" << d.column << ": " << d.message);
    }
}

TEST_CASE("the example site has every kind of page") {
    auto site = export_kb(k_helpdesk);
    for (const char* path : {"index.html", "search.html", "404.html", "categories/index.html", "tags/index.html",
                             "faq/index.html", "known-issues/index.html", "assets/style.css", "assets/search.js"}) {
        INFO(path);
        CHECK(site.files.contains(path));
    }
    CHECK(site.report.articles > 10);
    CHECK(site.files.contains("articles/network/vpn-drops/index.html"));
}
