#include "site/theme.hpp"
#include "site/compact_script.hpp"
#include "site/template_text.hpp"
#include "site/sha256.hpp"

#include <catch2/catch.hpp>

#include <set>

#include "site/export.hpp"
#include "site_fixture.hpp"

using namespace faqt;

namespace {

std::string hex_bytes_of(const std::array<std::uint8_t, 32>& digest) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    for (std::uint8_t byte : digest) {
        out += k_hex[byte >> 4];
        out += k_hex[byte & 15];
    }
    return out;
}

}  // namespace

TEST_CASE("the built-in theme has every template, partial, string table and asset") {
    std::set<std::string> paths;
    for (const ThemeFile& file : default_theme()) {
        CHECK_FALSE(file.content.empty());
        paths.insert(file.path);
    }
    for (const char* name : {"templates/home.mustache", "templates/article.mustache", "templates/faq.mustache",
                             "templates/known-issues.mustache", "templates/404.mustache", "templates/search.mustache",
                             "partials/head.mustache", "partials/foot.mustache", "strings/en.txt", "strings/vi.txt",
                             "strings/pl.txt", "assets/style.css", "assets/search.js", "assets/search-text.js",
                             "assets/search-core.js"}) {
        INFO(name);
        CHECK(paths.contains(name));
    }
}

TEST_CASE("every language's string table has every English key") {
    Diagnostics diagnostics;
    const Theme theme = Theme::load({}, diagnostics);
    const StringTable en = parse_strings(theme.file("strings/en.txt"));
    for (const char* lang : {"vi", "pl"}) {
        const StringTable own = parse_strings(theme.file(std::string("strings/") + lang + ".txt"));
        for (const auto& [key, value] : en) {
            INFO(lang << " " << key);
            CHECK(own.contains(key));
        }
    }
    CHECK(theme.strings("vi").at("search") == "Tìm kiếm");
    CHECK(theme.strings("pl").at("workaround") == "Obejście");
    // An unknown language reads English.
    CHECK(theme.strings("xx").at("search") == "Search");
}

TEST_CASE("a theme folder overrides single files and changes the digest") {
    test::TempKb dir(std::map<std::string, std::string>{{"strings/en.txt", "search = Find\n"},
                                                        {"assets/extra.css", "p{}"},
                                                        {"assets/.extra.css.swp", "x"},
                                                        {".git/config", "x"}});
    Diagnostics diagnostics;
    const Theme builtin = Theme::load({}, diagnostics);
    const Theme theme = Theme::load(dir.root(), diagnostics);
    CHECK(diagnostics.empty());
    CHECK(theme.strings("en").at("search") == "Find");
    CHECK(theme.file("assets/extra.css") == "p{}");
    CHECK_FALSE(theme.files().contains("assets/.extra.css.swp"));
    CHECK_FALSE(theme.files().contains(".git/config"));
    CHECK(theme.file("templates/home.mustache") == builtin.file("templates/home.mustache"));
    CHECK(theme.digest() != builtin.digest());
}

TEST_CASE("string tables: key = value lines, comments and junk skipped") {
    auto table = parse_strings("# comment\nsearch = Search  \n\nbroken line\n = nokey\nx=y=z\n");
    CHECK(table.size() == 2);
    CHECK(table.at("search") == "Search");
    CHECK(table.at("x") == "y=z");
}

TEST_CASE("partials are put in place, a partial that includes itself stays a tag") {
    const std::map<std::string, std::string, std::less<>> partials = {
        {"head", "<h>{{> title}}</h>"},
        {"title", "{{page_title}}"},
        {"tree", "<ul>{{#children}}{{> tree}}{{/children}}</ul>"}};
    CHECK(inline_partials("{{> head}}x{{>tree}}{{> missing}}", partials) ==
          "<h>{{page_title}}</h>x<ul>{{#children}}{{> tree}}{{/children}}</ul>{{> missing}}");
    // Changed delimiters: left to kainjow-mustache.
    CHECK(inline_partials("{{=<% %>=}}<%> head%>", partials) == "{{=<% %>=}}<%> head%>");
}

TEST_CASE("the words of a language are put in place, escaped as Mustache would") {
    const StringTable strings = {{"search", "Szukaj"}, {"quote", "<\"it's\">"}};
    CHECK(fill_strings("<b>{{s.search}}</b>{{ s.quote }}|{{{s.quote}}}|{{&s.quote}}|{{s.none}}|{{title}}", strings) ==
          "<b>Szukaj</b>&lt;&quot;it&apos;s&quot;&gt;|<\"it's\">|<\"it's\">||{{title}}");
    CHECK(fill_strings("{{#s.search}}x{{/s.search}}", strings) == "{{#s.search}}x{{/s.search}}");
    // A word is never read as a tag.
    CHECK(fill_strings("{{s.odd}}", {{"odd", "a {{/x}} b"}}) == "a &#123;&#123;/x}} b");
    CHECK(uses_strings("{{#s.search}}x{{/s.search}}"));
    CHECK_FALSE(uses_strings(fill_strings("{{s.search}}", strings)));
}

TEST_CASE("SHA-256 and the CSP hash of a stylesheet") {
    // FIPS 180-4 examples, and one that needs a second padding block.
    CHECK(hex_bytes_of(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(hex_bytes_of(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(hex_bytes_of(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(csp_hash("abc") == "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}

TEST_CASE("compact_script drops comment lines, blank lines and indentation, and keeps code") {
    const std::string script =
        "/* A header\n"
        " * over lines\n"
        " */\n"
        "(function () {\n"
        "    // a comment line\n"
        "\n"
        "    var url = 'http://example.org/x'; // the code stays, its trailing comment too\n"
        "    /* one-line block */\n"
        "    var re = /\\/\\*not a comment/;\n"
        "    /* a block */ var after = 1;\n"
        "})();\r\n";
    CHECK(compact_script(script) ==
          "(function () {\n"
          "var url = 'http://example.org/x'; // the code stays, its trailing comment too\n"
          "var re = /\\/\\*not a comment/;\n"
          "/* a block */ var after = 1;\n"
          "})();\n");
    CHECK(compact_script("") == "");
    // A block comment left open swallows the rest rather than shipping half a comment.
    CHECK(compact_script("a();\n/* open\nb();\n") == "a();\n");
}

TEST_CASE("the built-in scripts ship compacted, a theme's own as they are") {
    Diagnostics diagnostics;
    const Theme builtin = Theme::load({}, diagnostics);
    for (const ThemeFile& file : default_theme()) {
        if (file.path.starts_with("assets/") && file.path.ends_with(".js")) {
            INFO(file.path);
            const std::string& shipped = builtin.file(file.path);
            CHECK(shipped == compact_script(file.content));
            CHECK(shipped.size() < file.content.size());
            CHECK(shipped.find("\n//") == std::string::npos);
        }
    }
    std::string dumped;
    for (const ThemeFile& file : default_theme()) {
        if (file.path == "assets/search-core.js") {
            dumped = std::string(file.content);
        }
    }
    test::TempKb dir(std::map<std::string, std::string>{{"assets/search.js", "// mine\n  run();\n"},
                                                        {"assets/search-core.js", dumped}});
    const Theme own = Theme::load(dir.root(), diagnostics);
    CHECK(own.file("assets/search.js") == "// mine\n  run();\n");
    // A script of the built-in theme as --dump-theme wrote it is the built-in one.
    CHECK(own.file("assets/search-core.js") == builtin.file("assets/search-core.js"));
}
