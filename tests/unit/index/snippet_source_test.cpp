#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "index/index.hpp"
#include "index/search.hpp"
#include "tests/unit/index/temp_kb.hpp"

using namespace faqt;
using faqt::test::article;
using faqt::test::TempKb;

namespace {

// 3,000 words before the one a search looks for: far past any stored start.
std::string long_body(const std::string& last_words) {
    std::string body = "## Details\n\n";
    for (int i = 1; i <= 300; ++i) {
        body += "Release " + std::to_string(i) + " changed the power profile of the dock and nothing else. ";
    }
    return body + "\n\n" + last_words + "\n";
}

Snippet only_snippet(const Config& config, const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.spelling = false;
    auto results = search(config, request);
    REQUIRE(results.ok());
    REQUIRE(results->hits.size() == 1);
    return results->hits[0].snippet;
}

void index_now(const Config& config) {
    auto report = sync_index(config, {});
    REQUIRE(report.ok());
}

}  // namespace

TEST_CASE("snippets come from the text the index stored, deep words included", "[snippet][store]") {
    TempKb kb;
    kb.write("hardware/dock.md",
             article(R"(title = "Dock firmware")", long_body("Release 301 fixed the quokkabyte flicker.")));
    auto config = kb.config();
    index_now(config);
    CHECK(only_snippet(config, "quokkabyte").text.find("quokkabyte flicker") != std::string::npos);

    // The file is gone and the index not refreshed: the stored text still
    // gives the snippet, the deep word included.
    kb.remove("hardware/dock.md");
    CHECK(only_snippet(config, "quokkabyte").text.find("quokkabyte flicker") != std::string::npos);
}

TEST_CASE("an unchanged file (same size and mtime) is not read for its snippet", "[snippet][store]") {
    TempKb kb;
    kb.write("network/proxy.md", article(R"(title = "Proxy settings")", "Set the wombatgate proxy on port 8080.\n"));
    auto config = kb.config();
    index_now(config);
    const auto file = kb.root() / "network/proxy.md";
    const auto mtime = std::filesystem::last_write_time(file);
    // Same length, same mtime, other bytes: only a read of the file could
    // show "9090"; the snippet shows what was indexed.
    kb.write("network/proxy.md", article(R"(title = "Proxy settings")", "Set the wombatgate proxy on port 9090.\n"));
    std::filesystem::last_write_time(file, mtime);
    auto snippet = only_snippet(config, "wombatgate");
    CHECK(snippet.text.find("8080") != std::string::npos);
    CHECK(snippet.text.find("9090") == std::string::npos);
}

TEST_CASE("a file changed since indexing gives its snippet as it is now", "[snippet][store]") {
    TempKb kb;
    kb.write("printers/fax.md",
             article(R"(title = "Fax gateway")",
                     "The gateway stops.\n\n## Answer\n\nThe pelicanfax gateway needs Jo on 4357.\n"));
    auto config = kb.config();
    index_now(config);
    // The answer moved under an internal heading; the index is stale.
    kb.write("printers/fax.md",
             article(R"(title = "Fax gateway")",
                     "The gateway stops.\n\n## Internal notes\n\nThe pelicanfax gateway needs Jo on 4357.\n"));
    auto snippet = only_snippet(config, "pelicanfax");
    CHECK(snippet.text.find("4357") == std::string::npos);
    CHECK(snippet.text.find("The gateway stops.") != std::string::npos);

    // Refreshed, the word is internal only and no longer found by the
    // snippet's text; the store holds the new public text.
    index_now(config);
    auto after = only_snippet(config, "gateway");
    CHECK(after.text.find("4357") == std::string::npos);
}
