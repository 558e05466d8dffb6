#include <catch2/catch.hpp>

#include <algorithm>

#include "index/index.hpp"
#include "index/search.hpp"
#include "tests/unit/index/temp_kb.hpp"

using namespace faqt;
using faqt::test::article;
using faqt::test::TempKb;

namespace {

// A small KB with what the search features need: known errors with
// versions, accents in Vietnamese and Polish, a draft, an internal article,
// a translation, codes and synonyms.
class SearchKb {
public:
    SearchKb() {
        kb.write("network/vpn-drops.md", article(R"(title = "VPN disconnects every 10 minutes"
summary = "VPN Client 4.2 drops the tunnel on a timer; reconnect or upgrade."
type = "known-error"
status = "workaround"
severity = "high"
categories = ["network/vpn"]
tags = ["vpn", "anyconnect"]
products = ["VPN Client"]
affected_versions = ["4.2"]
fixed_in = "4.3.1")",
                                                 "## Symptoms\n\nThe connection ends with ERR_CONN_RESET or 0x80070005 "
                                                 "after ten minutes.\n\n## Workaround\n\nReconnect, or upgrade to "
                                                 "VPN Client 4.3.1.\n"));
        kb.write("network/vpn-drops.vi.md", article(R"(title = "VPN bị ngắt kết nối sau 10 phút"
type = "known-error"
status = "workaround"
fixed_in = "4.3.1"
categories = ["network/vpn"])",
                                                    "## Triệu chứng\n\nKết nối VPN bị ngắt.\n"));
        kb.write("network/wifi-guest.md", article(R"(title = "Connecting guests to Wi-Fi"
type = "howto"
categories = ["network/wifi"]
tags = ["wifi"])",
                                                  "Guests connect to Northwind-Guest with the code from reception.\n"));
        kb.write("network/mapped-drive.md", article(R"(title = "Mapped drive missing after sign-in"
type = "faq"
categories = ["network/shares"])",
                                                    "Reconnect the mapped drive from File Explorer.\n"));
        kb.write("accounts/password-reset.md", article(R"(title = "Reset a forgotten password"
type = "howto"
categories = ["accounts/passwords"]
aliases = ["forgot my password"])",
                                                       "Open the self-service page and choose a new password.\n"));
        kb.write("accounts/outlook-login.vi.md", article(R"(title = "Lỗi đăng nhập Outlook"
type = "faq"
categories = ["accounts"])",
                                                         "Khi gặp lỗi đăng nhập Outlook, hãy đặt lại mật khẩu.\n"));
        kb.write("accounts/lock-path.vi.md", article(R"(title = "Lối vào cổng thông tin"
type = "faq"
categories = ["accounts"])",
                                                     "Lối vào trang loi mới cho nhân viên.\n"));
        kb.write("printers/drukarka.pl.md", article(R"(title = "Drukarka nie drukuje"
type = "faq"
categories = ["printers"])",
                                                    "Załoguj się ponownie. Żółty toner printers.\n"));
        kb.write("printers/queue-stuck.md", article(R"(title = "Printer queue stuck"
type = "known-error"
status = "fixed"
severity = "low"
categories = ["printers"]
products = ["Print Client"]
fixed_in = "4.2")",
                                                    "## Symptoms\n\nJobs wait in the queue forever.\n\n"
                                                    "## Resolution\n\nUpdate Print Client.\n"));
        kb.write("printers/new-printer.md", article(R"(title = "Request a new printer"
type = "faq"
categories = ["printers"]
draft = true)",
                                                    "Printers are ordered through Facilities.\n"));
        kb.write("security/incident-runbook.md", article(R"(title = "Security incident runbook"
type = "howto"
categories = ["security"]
visibility = "internal")",
                                                         "Isolate the laptop and call the on-call engineer.\n"));
        config = kb.config();
        auto report = sync_index(config);
        REQUIRE(report.ok());
        REQUIRE(report->articles == 11);
    }

    SearchResults run(const std::string& query, SearchFilters filters = {}, bool facets = false) {
        SearchRequest request;
        request.query = query;
        request.filters = std::move(filters);
        request.facets = facets;
        request.limit = 20;
        auto results = search(config, request);
        REQUIRE(results.ok());
        return *results;
    }

    std::vector<std::string> ids(const std::string& query, SearchFilters filters = {}) {
        std::vector<std::string> out;
        for (const auto& hit : run(query, std::move(filters)).hits) {
            out.push_back(hit.id);
        }
        return out;
    }

    std::string top(const std::string& query, SearchFilters filters = {}) {
        auto found = ids(query, std::move(filters));
        return found.empty() ? std::string() : found.front();
    }

    TempKb kb;
    Config config;
};

bool has(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("search: words, ranking by title, and nothing found", "[search]") {
    SearchKb kb;
    CHECK(kb.top("password") == "accounts/password-reset");
    CHECK(kb.top("vpn disconnects") == "network/vpn-drops");
    auto none = kb.run("zebracorn");
    CHECK(none.total == 0);
    CHECK(none.hits.empty());
}

TEST_CASE("search: unaccented queries find accented text", "[search][folding]") {
    SearchKb kb;
    CHECK(kb.top("loi dang nhap") == "accounts/outlook-login");
    CHECK(kb.top("zaloguj") == "printers/drukarka");
    CHECK(kb.top("zolty toner") == "printers/drukarka");
    CHECK(kb.top("LỖI ĐĂNG NHẬP") == "accounts/outlook-login");
}

TEST_CASE("search: exact accents rank first", "[search][folding]") {
    SearchKb kb;
    // Both articles fold to "loi"; the one written "lỗi" wins for "lỗi"
    // and the one written "lối" for "lối".
    CHECK(kb.top("lỗi") == "accounts/outlook-login");
    CHECK(kb.top("lối") == "accounts/lock-path");
    auto both = kb.ids("loi");
    CHECK(has(both, "accounts/outlook-login"));
    CHECK(has(both, "accounts/lock-path"));
}

TEST_CASE("search: phrases, with or without accents", "[search][phrase]") {
    SearchKb kb;
    CHECK(kb.ids("\"dang nhap outlook\"") == Ids{"accounts/outlook-login"});
    CHECK(kb.ids("\"đăng nhập\"") == Ids{"accounts/outlook-login"});
    CHECK(kb.ids("\"nhap dang\"").empty());
    CHECK(kb.ids("\"every 10 minutes\"") == Ids{"network/vpn-drops"});
}

TEST_CASE("search: error codes and versions are kept whole", "[search][codes]") {
    SearchKb kb;
    CHECK(kb.ids("0x80070005") == Ids{"network/vpn-drops"});
    CHECK(kb.ids("ERR_CONN_RESET") == Ids{"network/vpn-drops"});
    CHECK(kb.ids("err_conn_reset") == Ids{"network/vpn-drops"});
    CHECK(kb.ids("4.3.1") == Ids{"network/vpn-drops"});
    CHECK(kb.run("4.3").total == 0);
    CHECK(kb.top("Error 0x80070005: the operation failed") == "network/vpn-drops");
}

TEST_CASE("search: hyphenated words match written together or apart", "[search]") {
    SearchKb kb;
    CHECK(kb.top("wifi") == "network/wifi-guest");
    CHECK(kb.top("wi-fi") == "network/wifi-guest");
    CHECK(kb.top("\"wi fi\"") == "network/wifi-guest");
}

TEST_CASE("search: stemming follows the article's language", "[search][stem]") {
    SearchKb kb;
    CHECK(kb.top("disconnecting") == "network/vpn-drops");
    CHECK(kb.top("reconnecting mapped drives") == "network/mapped-drive");
    // Only the body has "Explorer"; the stem table links "explorers" to it.
    CHECK(kb.ids("explorers") == Ids{"network/mapped-drive"});
    CHECK(kb.ids("selfservice") == Ids{"accounts/password-reset"});  // "self-service" written as one word
    // "printers" in a Polish article is not stemmed with English rules.
    SearchFilters polish;
    polish.langs = {"pl"};
    CHECK(kb.ids("printer", polish).empty());
    CHECK(kb.ids("printers", polish) == Ids{"printers/drukarka"});
}

TEST_CASE("search: boolean operators and exclusion", "[search][syntax]") {
    SearchKb kb;
    CHECK(kb.run("vpn AND password").total == 0);
    CHECK(kb.run("tunnel OR self-service").total == 2);
    CHECK_FALSE(has(kb.ids("reconnect -vpn"), "network/vpn-drops"));
    CHECK(has(kb.ids("reconnect -vpn"), "network/mapped-drive"));
    CHECK_FALSE(has(kb.ids("reconnect NOT vpn"), "network/vpn-drops"));
    CHECK(kb.ids("+queue printer") == Ids{"printers/queue-stuck"});
    CHECK(kb.ids("(tunnel OR queue) AND symptoms").size() == 2);
    auto not_vpn = kb.ids("NOT vpn");
    CHECK_FALSE(has(not_vpn, "network/vpn-drops"));
    CHECK(has(not_vpn, "accounts/password-reset"));
}

TEST_CASE("search: field prefixes", "[search][syntax]") {
    SearchKb kb;
    CHECK(kb.ids("title:password") == Ids{"accounts/password-reset"});
    CHECK(kb.ids("title:self-service").empty());
    CHECK(kb.ids("tag:anyconnect") == Ids{"network/vpn-drops"});
    CHECK(kb.ids("type:known-error vpn") == Ids{"network/vpn-drops"});
    CHECK(kb.ids("status:fixed") == Ids{"printers/queue-stuck"});
    CHECK(kb.ids("severity:low") == Ids{"printers/queue-stuck"});
    CHECK(kb.ids("severity:HIGH") == Ids{"network/vpn-drops"});
    CHECK(kb.ids("product:\"vpn client\"") == Ids{"network/vpn-drops"});
    CHECK(kb.ids("category:network/wifi") == Ids{"network/wifi-guest"});
    CHECK(kb.ids("category:network").size() == 3);
    CHECK(kb.ids("lang:pl") == Ids{"printers/drukarka"});
    CHECK(kb.ids("id:vpn-drops") == Ids{"network/vpn-drops"});
    CHECK(kb.ids("id:network/vpn-drops") == Ids{"network/vpn-drops"});
    CHECK(kb.ids("-type:faq category:network") == Ids{"network/vpn-drops", "network/wifi-guest"});
}

TEST_CASE("search: trailing wildcard", "[search][syntax]") {
    SearchKb kb;
    CHECK(kb.top("disconn*") == "network/vpn-drops");
    CHECK(kb.top("anyconn*") == "network/vpn-drops");
}

TEST_CASE("search: synonyms from faqt.toml, multi-word too", "[search][synonyms]") {
    SearchKb kb;
    CHECK(kb.top("remote access") == "network/vpn-drops");
    CHECK(kb.top("s drive") == "network/mapped-drive");
    CHECK(kb.top("network drive missing") == "network/mapped-drive");
}

TEST_CASE("search: translations share an id and appear once", "[search]") {
    SearchKb kb;
    auto results = kb.run("vpn");
    REQUIRE_FALSE(results.hits.empty());
    CHECK(results.hits[0].severity == "high");
    CHECK(std::count_if(results.hits.begin(), results.hits.end(),
                        [](const SearchHit& h) { return h.id == "network/vpn-drops"; }) == 1);
    auto vi = kb.run("ngắt kết nối");
    REQUIRE_FALSE(vi.hits.empty());
    CHECK(vi.hits[0].id == "network/vpn-drops");
    CHECK(vi.hits[0].lang == "vi");
}

TEST_CASE("search: filters", "[search][filters]") {
    SearchKb kb;
    SearchFilters f;
    f.types = {"known-error"};
    CHECK(kb.ids("", f) == Ids{"network/vpn-drops", "printers/queue-stuck"});

    f = {};
    f.categories = {"network"};
    CHECK(kb.ids("", f).size() == 3);
    f.categories = {"network/vpn"};
    CHECK(kb.ids("", f) == Ids{"network/vpn-drops"});

    f = {};
    f.tags = {"WiFi"};
    CHECK(kb.ids("", f) == Ids{"network/wifi-guest"});

    f = {};
    f.statuses = {"workaround"};
    CHECK(kb.ids("", f) == Ids{"network/vpn-drops"});

    f = {};
    f.severities = {"low", "critical"};
    CHECK(kb.ids("", f) == Ids{"printers/queue-stuck"});

    f = {};
    f.products = {"print client"};
    CHECK(kb.ids("", f) == Ids{"printers/queue-stuck"});

    f = {};
    f.langs = {"vi"};
    CHECK(kb.ids("", f).size() == 3);
}

TEST_CASE("search: internal articles and drafts", "[search][filters]") {
    SearchKb kb;
    CHECK(kb.ids("laptop") == Ids{"security/incident-runbook"});
    SearchFilters f;
    f.visibility = Visibility::public_;
    CHECK(kb.ids("laptop", f).empty());
    f.visibility = Visibility::internal;
    CHECK(kb.ids("", f) == Ids{"security/incident-runbook"});

    CHECK(kb.ids("ordered facilities").empty());
    f = {};
    f.drafts = true;
    CHECK(kb.ids("ordered facilities", f) == Ids{"printers/new-printer"});
}

TEST_CASE("search: --version hides known errors fixed at or before it", "[search][filters]") {
    SearchKb kb;
    SearchFilters f;
    f.types = {"known-error"};
    f.version = "4.3";
    CHECK(kb.ids("", f) == Ids{"network/vpn-drops"});  // queue-stuck fixed in 4.2
    f.version = "4.3.1";
    CHECK(kb.ids("", f).empty());
    f.version = "4.10";
    CHECK(kb.ids("", f).empty());
    f.version = "4.1";
    CHECK(kb.ids("", f).size() == 2);
}

TEST_CASE("search: facets count results by type, category and status", "[search][facets]") {
    SearchKb kb;
    auto results = kb.run("", {}, true);
    REQUIRE(results.facets);
    auto count = [](const std::vector<FacetCount>& list, const std::string& value) -> std::size_t {
        for (const auto& f : list) {
            if (f.value == value) {
                return f.count;
            }
        }
        return 0;
    };
    CHECK(results.total == 9);  // 11 files, one translation, one draft
    CHECK(count(results.facets->types, "faq") == 4);
    CHECK(count(results.facets->types, "known-error") == 2);
    CHECK(count(results.facets->types, "howto") == 3);
    CHECK(count(results.facets->categories, "network") == 3);
    CHECK(count(results.facets->categories, "network/vpn") == 1);
    CHECK(count(results.facets->categories, "printers") == 2);
    CHECK(count(results.facets->statuses, "workaround") == 1);
    CHECK(count(results.facets->statuses, "fixed") == 1);
    CHECK(results.facets->types.front().value == "faq");  // most frequent first
}

TEST_CASE("search: limit, offset and total", "[search]") {
    SearchKb kb;
    SearchRequest request;
    request.limit = 2;
    request.offset = 0;
    auto first = search(kb.config, request);
    REQUIRE(first.ok());
    CHECK(first->total == 9);
    CHECK(first->hits.size() == 2);
    // Translations collapse into one result; the total counts ids too,
    // even when the page is shorter than the list.
    SearchRequest vpn;
    vpn.query = "vpn";
    vpn.limit = 1;
    auto one = search(kb.config, vpn);
    vpn.limit = 50;
    auto all = search(kb.config, vpn);
    REQUIRE(one.ok());
    REQUIRE(all.ok());
    CHECK(one->total == all->hits.size());
    CHECK(all->total == all->hits.size());

    request.offset = 8;
    auto last = search(kb.config, request);
    REQUIRE(last.ok());
    CHECK(last->hits.size() == 1);
    CHECK(last->hits[0].id != first->hits[0].id);
}

TEST_CASE("search: did you mean", "[search][spelling]") {
    SearchKb kb;
    auto results = kb.run("pasword");
    CHECK(results.corrected == "password");
    REQUIRE_FALSE(results.hits.empty());
    CHECK(results.hits[0].id == "accounts/password-reset");

    CHECK(kb.run("reset forgoten pasword").corrected == "reset forgotten password");
    CHECK(kb.run("password").corrected.empty());
    CHECK(kb.run("ERR_CONN_RESTE").corrected.empty());  // codes are not corrected
    CHECK(kb.run("PASWORD").corrected.empty());         // nor ALL-CAPS words
    CHECK(kb.run("0x80070006").corrected.empty());
}

TEST_CASE("search: results carry what --json needs and a marked snippet", "[search]") {
    SearchKb kb;
    auto results = kb.run("loi dang nhap");
    REQUIRE_FALSE(results.hits.empty());
    const auto& hit = results.hits[0];
    CHECK(hit.id == "accounts/outlook-login");
    CHECK(hit.title == "Lỗi đăng nhập Outlook");
    CHECK(hit.type == "faq");
    CHECK(hit.lang == "vi");
    CHECK(hit.path == "accounts/outlook-login.vi.md");
    CHECK(hit.categories == Ids{"accounts"});
    CHECK(hit.score > 0);
    std::vector<std::string> marked;
    for (const auto& [b, e] : hit.snippet.highlights) {
        marked.push_back(hit.snippet.text.substr(b, e - b));
    }
    CHECK(has(marked, "lỗi"));
    CHECK(has(marked, "đăng"));
    CHECK(has(marked, "nhập"));

    auto vpn = kb.run("ERR_CONN_RESET");
    REQUIRE(vpn.hits.size() == 1);
    CHECK(vpn.hits[0].status == "workaround");
    CHECK(vpn.hits[0].snippet.text.find("ERR_CONN_RESET") != std::string::npos);
}

TEST_CASE("search: odd queries never fail", "[search][syntax]") {
    SearchKb kb;
    for (const char* q : {"\"unclosed phrase", "((vpn", "vpn)", "AND", "OR OR", "NOT", "-", "+", "*", "title:", "tag:",
                          "\"\"", "()", "vpn AND", ":::", "foo:bar", "https://vpn.northwind.example/x?y=1"}) {
        SearchRequest request;
        request.query = q;
        INFO(q);
        CHECK(search(kb.config, request).ok());
    }
}

TEST_CASE("search: a huge query is cut at k_max_query_parts, not a crash or a hang", "[search][syntax]") {
    // Found by scripts/fuzz: 100,000 '(' overflowed the parser's stack, a
    // chain of 15,000 ANDs the converter's, and 8,000 words took 16 s.
    SearchKb kb;
    auto repeat = [](const std::string& part, int n) {
        std::string out;
        for (int i = 0; i < n; ++i) {
            out += part;
        }
        return out;
    };
    for (const std::string& q :
         {repeat("(", 100000) + "vpn", repeat("NOT ", 30000) + "vpn", "vpn" + repeat(" AND vpn", 15000),
          "vpn" + repeat(" OR vpn", 15000), repeat("-(x ", 20000), repeat("vpnn ", 8000)}) {
        INFO(q.substr(0, 40));
        SearchRequest request;
        request.query = q;
        const auto results = search(kb.config, request);
        REQUIRE(results.ok());
        CHECK(results->truncated);
    }
    const auto cut = kb.run(repeat("zebracorn ", k_max_query_parts - 1) + "disconnects " + repeat("zebracorn ", 9));
    CHECK(cut.truncated);
    CHECK(cut.total == 1);
    const auto whole = kb.run(repeat("zebracorn ", k_max_query_parts - 1) + "disconnects   ");
    CHECK_FALSE(whole.truncated);
    CHECK(whole.total == 1);
    CHECK_FALSE(kb.run("vpn").truncated);
}

TEST_CASE("search: a missing index is an error that says what to do", "[search]") {
    TempKb kb;
    SearchRequest request;
    request.query = "vpn";
    auto results = search(kb.config(), request);
    REQUIRE_FALSE(results.ok());
    CHECK(results.error().code == ErrorCode::index_damaged);
    CHECK_THAT(results.error().hint, Catch::Contains("faqt index"));
}

TEST_CASE("search: a query of operators alone reads them as words, not as match-everything", "[search][syntax]") {
    SearchKb kb;
    // No article here holds the word "not"; before, "NOT" alone matched
    // every article, as did "AND".
    CHECK(kb.run("NOT").total == 0);
    CHECK(kb.run("NOT NOT").total == 0);
    // "or" alone is the word, found where articles hold it: the English
    // VPN article only ("reconnect or upgrade").
    CHECK(kb.ids("OR") == std::vector<std::string>{"network/vpn-drops"});
    CHECK(kb.ids("or") == std::vector<std::string>{"network/vpn-drops"});
    CHECK(kb.run("OR").total == 1);
    // Next to other words, AND and OR are operators again.
    CHECK(kb.ids("or AND upgrade") == std::vector<std::string>{"network/vpn-drops"});
    CHECK(kb.run("or AND toner").total == 0);
    auto either = kb.ids("toner OR queue");
    std::sort(either.begin(), either.end());
    CHECK(either == std::vector<std::string>{"printers/drukarka", "printers/queue-stuck"});
}

TEST_CASE("search: two files of one language with the same id are named, not hidden silently", "[search][duplicates]") {
    SearchKb kb;
    kb.kb.write("network/vpn-drops-again.md", article(R"(id = "network/vpn-drops"
title = "VPN disconnects again"
type = "faq")",
                                                      "The VPN disconnects every few minutes.\n"));
    REQUIRE(sync_index(kb.config).ok());

    auto duplicates = find_duplicate_ids(kb.config);
    REQUIRE(duplicates.ok());
    REQUIRE(duplicates->size() == 1);
    CHECK(duplicates->front().id == "network/vpn-drops");
    CHECK(duplicates->front().lang == "en");
    CHECK(duplicates->front().paths == Ids{"network/vpn-drops-again.md", "network/vpn-drops.md"});

    // The search shows the id once, and says which files share it.
    SearchResults results = kb.run("vpn disconnects");
    CHECK(std::count_if(results.hits.begin(), results.hits.end(),
                        [](const SearchHit& hit) { return hit.id == "network/vpn-drops"; }) == 1);
    REQUIRE(results.duplicates.size() == 1);
    CHECK(results.duplicates.front().paths == Ids{"network/vpn-drops-again.md", "network/vpn-drops.md"});

    // Translations share an id by design: they are no duplicates.
    SearchKb clean;
    auto none = find_duplicate_ids(clean.config);
    REQUIRE(none.ok());
    CHECK(none->empty());
    CHECK(clean.run("vpn").duplicates.empty());
}

namespace {

SearchResults search_in(const Config& config, const std::string& query, std::optional<Visibility> visibility) {
    SearchRequest request;
    request.query = query;
    request.filters.visibility = visibility;
    auto results = search(config, request);
    REQUIRE(results.ok());
    return *results;
}

}  // namespace

TEST_CASE("search: words only in internal notes are never matched by a public search", "[search][visibility]") {
    TempKb kb;
    // Every heading form of an internal section, and an internal H3 inside
    // a public section.
    kb.write("a.md", article("title = \"Printer jams\"",
                             "Clear the tray.\n\n## Internal notes\n\nnotesatx\n\n## Answer\n\nPull the paper.\n"));
    kb.write("b.md", article("title = \"Scanner jams\"",
                             "Clear the glass.\n\nInternal notes\n---\n\nnotessetext\n\n## Answer\n\nWipe it.\n"));
    kb.write("c.md", article("title = \"Badge fails\"",
                             "Try again.\n\n# Internal notes:\n\nnotesh1\n\n## Steps\n\nnotesunderh1\n"));
    kb.write("d.md", article("title = \"Fax fails\"",
                             "Redial.\n\n## Answer\n\nCall us.\n\n### Agent\xC2\xA0notes\n\n"
                             "notesh3\n\n## Resolution\n\npublicafter\n"));
    Config config = kb.config();
    REQUIRE(sync_index(config).ok());
    for (const char* word : {"notesatx", "notessetext", "notesh1", "notesunderh1", "notesh3"}) {
        INFO(word);
        CHECK(search_in(config, word, Visibility::public_).total == 0);
        // Agents still find them, with no filter or with --internal on
        // internal articles; and the snippet never quotes them.
        auto found = search_in(config, word, std::nullopt);
        REQUIRE(found.total == 1);
        CHECK(found.hits[0].snippet.text.find(word) == std::string::npos);
    }
    CHECK(search_in(config, "publicafter", Visibility::public_).total == 1);
    CHECK(search_in(config, "paper", Visibility::public_).total == 1);
}

TEST_CASE("search: an internal article whose front matter is broken is never public", "[search][visibility]") {
    TempKb kb;
    kb.write("s.md", "+++\nvisibility = \"internal\"\ntitle = \"Secret\n+++\nleakword\n");
    kb.write("d.md", "---\nvisibility: internal\nvisibility: public\n---\nleakword\n");
    kb.write("p.md", article("title = \"Public\"", "leakword\n"));
    Config config = kb.config();
    REQUIRE(sync_index(config).ok());
    auto shown = search_in(config, "leakword", Visibility::public_);
    REQUIRE(shown.total == 1);
    CHECK(shown.hits[0].id == "p");
    CHECK(shown.hits[0].visibility == Visibility::public_);
    auto all = search_in(config, "leakword", std::nullopt);
    CHECK(all.total == 3);
    for (const auto& hit : all.hits) {
        INFO(hit.id);
        CHECK((hit.visibility == Visibility::public_) == (hit.id == "p"));
    }
}

TEST_CASE("search: a public search never suggests a word of an internal article", "[search][visibility][spelling]") {
    TempKb kb;
    kb.write("p.md", article("title = \"Printer\"", "The printer is fine.\n"));
    kb.write("i.md", article("title = \"Runbook\"\nvisibility = \"internal\"", "Call zeppelinfix now.\n"));
    Config config = kb.config();
    REQUIRE(sync_index(config).ok());
    auto agents = search_in(config, "zeppelinfux", std::nullopt);
    CHECK(agents.corrected == "zeppelinfix");
    auto shown = search_in(config, "zeppelinfux", Visibility::public_);
    CHECK(shown.corrected.empty());
    CHECK(shown.total == 0);
}

TEST_CASE("search: agents find a phrase of internal notes, a public search does not", "[search][visibility][phrase]") {
    TempKb kb;
    kb.write("a.md", article("title = \"Printer jams\"",
                             "Clear the tray.\n\n## Internal notes\n\nCall the vendor hotline first.\n"));
    kb.write("b.md", article("title = \"Scanner\"", "The hotline vendor is closed.\n"));
    Config config = kb.config();
    REQUIRE(sync_index(config).ok());
    auto agents = search_in(config, "\"vendor hotline\"", std::nullopt);
    REQUIRE(agents.total == 1);
    CHECK(agents.hits[0].id == "a");
    CHECK(search_in(config, "\"vendor hotline\"", Visibility::public_).total == 0);
    CHECK(search_in(config, "\"hotline vendor\"", Visibility::public_).total == 1);
}

TEST_CASE("search: a public search never suggests a word of a draft", "[search][visibility][spelling]") {
    TempKb kb;
    kb.write("p.md", article("title = \"Printer\"", "The printer is fine.\n"));
    kb.write("d.md", article("title = \"Coming soon\"\ndraft = true", "Call zeppelinfix now.\n"));
    Config config = kb.config();
    REQUIRE(sync_index(config).ok());
    auto shown = search_in(config, "zeppelinfux", Visibility::public_);
    CHECK(shown.corrected.empty());
    CHECK(shown.total == 0);
}

TEST_CASE("search: a translation of an internal original is internal", "[search][visibility]") {
    TempKb kb;
    kb.write("x.md", article("title = \"Secret\"\nvisibility = \"internal\"", "secretword sharedword\n"));
    kb.write("x.vi.md", article("title = \"Ban dich\"", "sharedword\n"));
    kb.write("y.md", article("title = \"Other\"", "sharedword\n"));
    Config config = kb.config();
    REQUIRE(sync_index(config).ok());
    auto shown = search_in(config, "sharedword", Visibility::public_);
    REQUIRE(shown.total == 1);
    CHECK(shown.hits[0].id == "y");
    auto internal = search_in(config, "sharedword", Visibility::internal);
    REQUIRE(internal.total == 1);
    CHECK(internal.hits[0].id == "x");
    auto agents = search_in(config, "sharedword", std::nullopt);
    REQUIRE(agents.total == 2);
    for (const auto& hit : agents.hits) {
        CHECK((hit.id == "y") == (hit.visibility == Visibility::public_));
    }
}

TEST_CASE("search: the translations of internal originals stay internal through incremental updates",
          "[search][visibility]") {
    TempKb kb;
    kb.write("x.md", article("title = \"Secret\"\nvisibility = \"internal\"", "secretword sharedword\n"));
    kb.write("lone.md", article("title = \"Lone\"\nvisibility = \"internal\"", "loneword\n"));
    kb.write("y.md", article("title = \"Other\"", "sharedword\n"));
    Config config = kb.config();
    REQUIRE(sync_index(config).ok());
    CHECK(search_in(config, "sharedword", Visibility::public_).total == 1);

    // A translation added later, in an update of the live index.
    kb.write("x.vi.md", article("title = \"Ban dich\"", "sharedword\n"));
    REQUIRE(sync_index(config).ok());
    auto shown = search_in(config, "sharedword", Visibility::public_);
    REQUIRE(shown.total == 1);
    CHECK(shown.hits[0].id == "y");
    auto agents = search_in(config, "sharedword", std::nullopt);
    REQUIRE(agents.total == 2);
    for (const auto& hit : agents.hits) {
        CHECK((hit.id == "y") == (hit.visibility == Visibility::public_));
    }

    // The original made public: its translation is public too.
    kb.write("x.md", article("title = \"Secret\"", "secretword sharedword\n"));
    REQUIRE(sync_index(config).ok());
    CHECK(search_in(config, "sharedword", Visibility::public_).total == 2);

    // And internal again, in the same update as an edit of the translation.
    kb.write("x.md", article("title = \"Secret\"\nvisibility = \"internal\"", "secretword sharedword\n"));
    kb.write("x.vi.md", article("title = \"Ban dich moi\"", "sharedword\n"));
    REQUIRE(sync_index(config).ok());
    shown = search_in(config, "sharedword", Visibility::public_);
    REQUIRE(shown.total == 1);
    CHECK(shown.hits[0].id == "y");
    CHECK(search_in(config, "loneword", Visibility::public_).total == 0);
    CHECK(search_in(config, "loneword", Visibility::internal).total == 1);
}

namespace {

// FAQ articles whose titles are questions on one topic, the way a help
// site's short questions ask them: a topic word plus a qualifier. The
// topic word is in every title, so the qualifier and the kind of question
// must decide.
class QuestionKb {
public:
    explicit QuestionKb() {
        auto faq = [&](const std::string& id, const std::string& title, const std::string& body) {
            kb.write(id + ".md", article("title = \"" + title + "\"\ntype = \"faq\"", body));
        };
        faq("what", "What is measles?",
            "Measles is a contagious disease caused by a virus. It spreads easily and can be serious for "
            "young children. Vaccination prevents measles.\n");
        faq("children", "What are the symptoms of measles in children?",
            "Children with measles first get a high fever, a cough, a runny nose and red, watery eyes. A rash "
            "appears three to five days later.\n");
        faq("surfaces", "How long does the measles virus survive on surfaces?",
            "The virus stays active on surfaces and in the air for up to two hours after an infected person "
            "has left the room.\n");
        faq("contagious", "How long is a person with measles contagious?",
            "People with measles can spread it from four days before the rash appears to four days after.\n");
        faq("adults", "Can adults get measles?",
            "Yes. Adults who were never vaccinated and never had measles can catch it, and complications are "
            "more common in adults.\n");
        faq("origin", "Where did measles come from?",
            "Measles probably evolved from a cattle virus, rinderpest, in the first millennium.\n");
        faq("vaccine", "Measles vaccine for children and adults",
            "Two doses of the vaccine protect almost everyone. Children get the first dose at 12 months. "
            "Adults without proof of immunity get one dose.\n");
        config = kb.config();
        REQUIRE(sync_index(config).ok());
    }

    SearchResults run(const std::string& query, RankingWeights weights = {}, bool explain = false) {
        SearchRequest request;
        request.query = query;
        request.weights = weights;
        request.explain = explain;
        auto results = search(config, request);
        REQUIRE(results.ok());
        return *results;
    }

    std::string top(const std::string& query, RankingWeights weights = {}) {
        auto r = run(query, weights);
        return r.hits.empty() ? std::string() : r.hits.front().id;
    }

    TempKb kb;
    Config config;
};

}  // namespace

TEST_CASE("search: a short question finds the article that asks it", "[search][ranking]") {
    QuestionKb kb;
    // The qualifier's words in body and title outweigh one title word.
    CHECK(kb.top("symptoms of measles in children") == "children");
    // "how long" in query and title, and the qualifier's stem (surface ~ surfaces).
    CHECK(kb.top("how long does measles last on a surface") == "surfaces");
    CHECK(kb.top("how long is measles contagious") == "contagious");
    CHECK(kb.top("can adults catch measles") == "adults");
    CHECK(kb.top("what is measles") == "what");
    CHECK(kb.top("where does measles come from") == "origin");
}

TEST_CASE("search: question words rank but never match on their own", "[search][ranking]") {
    QuestionKb kb;
    // "how" is kept for ranking only: the articles that match are those
    // with the other words, whatever their titles ask.
    auto r = kb.run("how rinderpest");
    REQUIRE(r.total == 1);
    CHECK(r.hits.front().id == "origin");
    // With the question type, "how long" prefers the title that asks "how long".
    auto with = kb.run("how long measles contagious", {}, true);
    REQUIRE(!with.hits.empty());
    REQUIRE(with.hits.front().explanation);
    CHECK(with.hits.front().explanation->query_type == "how-long");
    CHECK(with.hits.front().explanation->title_type == "how-long");
    CHECK(with.hits.front().explanation->question > 0);
    // "how long" side by side in query and title: a proximity pair.
    CHECK(with.hits.front().explanation->title_pairs >= 1);
    CHECK(with.hits.front().explanation->proximity > 0);
    // Without the pair and the question type, the same words score less.
    RankingWeights plain;
    plain.proximity = 0;
    plain.question = 0;
    auto without = kb.run("how long measles contagious", plain, true);
    REQUIRE(!without.hits.empty());
    CHECK(without.hits.front().score < with.hits.front().score);
}

TEST_CASE("search: the explanation adds up to the score", "[search][ranking][explain]") {
    QuestionKb kb;
    auto r = kb.run("measles symptoms children", {}, true);
    REQUIRE(r.hits.size() >= 2);
    for (const auto& hit : r.hits) {
        REQUIRE(hit.explanation);
        const ScoreExplanation& e = *hit.explanation;
        CHECK(e.reranked);
        double sum = 0;
        for (const auto& w : e.words) {
            sum += w.score;
        }
        CHECK(sum == Approx(e.bm25f));
        CHECK(e.final_score == Approx((e.bm25f + e.proximity) * e.coordination * (1 + e.question)));
        CHECK(hit.score == Approx(e.final_score));
    }
    // Coordination: the article with all three words has a factor of 1,
    // one with fewer less.
    CHECK(r.hits.front().id == "children");
    CHECK(r.hits.front().explanation->coordination == Approx(1.0));
    CHECK(r.hits.back().explanation->coordination < 1.0);
    // Without --explain nothing is filled.
    CHECK_FALSE(kb.run("measles").hits.front().explanation);
}

TEST_CASE("search: pages of a reranked search continue each other", "[search][ranking]") {
    QuestionKb kb;
    // Also when the second stage orders fewer candidates than there are
    // results: past its depth the first stage's order goes on.
    const double depth = GENERATE(100.0, 3.0);
    RankingWeights weights;
    weights.rerank_depth = depth;
    std::vector<std::string> all;
    auto whole = kb.run("measles children adults", weights, true);
    for (const auto& hit : whole.hits) {
        all.push_back(hit.id);
    }
    REQUIRE(all.size() > 3);
    CHECK(whole.hits[3].explanation->reranked == (depth > 3));
    std::vector<std::string> paged;
    for (std::size_t offset = 0; offset < all.size(); offset += 2) {
        SearchRequest request;
        request.query = "measles children adults";
        request.weights = weights;
        request.limit = 2;
        request.offset = offset;
        auto page = search(kb.config, request);
        REQUIRE(page.ok());
        for (const auto& hit : page->hits) {
            paged.push_back(hit.id);
        }
    }
    CHECK(paged == all);
}

TEST_CASE("search: the second stage weighs synonyms and phrase words, and leaves what it cannot weigh",
          "[search][ranking]") {
    SearchKb kb;
    auto explained = [&](const std::string& query) {
        SearchRequest request;
        request.query = query;
        request.explain = true;
        auto results = search(kb.config, request);
        REQUIRE(results.ok());
        REQUIRE(!results->hits.empty());
        return *results;
    };
    // "remote access" is a synonym of vpn: the VPN article, which has
    // neither word, scores through "vpn" in the second stage too.
    auto remote = explained("remote access");
    CHECK(remote.hits.front().id == "network/vpn-drops");
    REQUIRE(remote.hits.front().explanation);
    CHECK(remote.hits.front().explanation->reranked);
    CHECK(remote.hits.front().explanation->bm25f > 0);
    // ... with the synonym's weight (0.7), shared by the two words it
    // stands for, in the title as in the text.
    for (const auto& word : remote.hits.front().explanation->words) {
        CHECK(word.title == Approx(0.35));
    }
    // The words of a phrase are the phrase's words in the model.
    auto phrase = explained("\"mapped drive\"");
    REQUIRE(phrase.hits.front().explanation);
    CHECK(phrase.hits.front().id == "network/mapped-drive");
    CHECK(phrase.hits.front().explanation->words.size() == 2);
    // A trailing * or title: is beyond the model: the first stage's order stays.
    for (const std::string query : {"print*", "title:printer queue"}) {
        auto r = explained(query);
        REQUIRE(r.hits.front().explanation);
        CHECK_FALSE(r.hits.front().explanation->reranked);
    }
}
