// The query-language rules of index/query_parser.cpp that issue from how
// people really type: ticket numbers, names with numbers, AND/OR/NOT in
// pasted text, and automatic spelling correction (faqt-query(7)).

#include <catch2/catch.hpp>

#include <algorithm>

#include "index/index.hpp"
#include "index/query_parser.hpp"
#include "index/search.hpp"
#include "tests/unit/index/temp_kb.hpp"

using namespace faqt;
using faqt::test::article;
using faqt::test::TempKb;

namespace {

using Ids = std::vector<std::string>;

class WordsKb {
public:
    WordsKb() {
        kb.write("health/covid-dash.md", article(R"(title = "What is COVID-19?"
type = "faq")",
                                                 "A disease caused by a coronavirus.\n"));
        kb.write("health/covid-joined.md", article(R"(title = "Covid19 testing at the office"
type = "howto")",
                                                   "Tests are handed out at reception.\n"));
        kb.write("health/covid-space.md", article(R"(title = "Working from home during covid 19"
type = "faq")",
                                                  "Ask your manager first.\n"));
        kb.write("software/windows.md", article(R"(title = "Upgrade to Windows 10"
type = "howto")",
                                                "Windows 10 needs a restart; Office365 keeps working.\n"));
        kb.write("software/codes.md", article(R"(title = "Sign-in fails with AADSTS50076"
type = "known-error"
status = "workaround")",
                                              "The error ERR_CONN_RESET or 0x80070005 follows; fixed in 4.3.1.\n"));
        kb.write("network/vpn-drops.md", article(R"(title = "VPN disconnects every 10 minutes"
type = "known-error"
status = "fixed"
tickets = ["PRB-0188", "INC-4411"])",
                                                 "Reconnect or upgrade the client. Information about the tunnel.\n"));
        kb.write("network/vpn-slow.md",
                 article(R"(title = "VPN is slow in the evening"
type = "faq")",
                         "Seen in tickets SR-12 and CS0012345: the tunnel is slow. A warning shows.\n"));
        kb.write("software/teams-camera.md", article(R"(title = "Camera not working in Teams"
type = "known-error"
status = "workaround")",
                                                     "The camera shows black in Teams calls.\n"));
        kb.write("software/teams-audio.md", article(R"(title = "Teams audio is choppy"
type = "faq")",
                                                    "Close other apps using the microphone.\n"));
        kb.write("email/skrzynka.pl.md", article(R"(title = "Nie mogę się zalogować do poczty"
type = "faq")",
                                                 "Dzień dobry. Sprawdź hasło, dobre hasło i klawiaturę.\n"));
        kb.write("email/hop-thu.vi.md", article(R"(title = "Không đăng nhập được hộp thư"
type = "faq")",
                                                "Xin chào. Hãy kiểm tra mật khẩu và răng cưa.\n"));
        config = kb.config();
        REQUIRE(sync_index(config).ok());
    }

    SearchResults run(const std::string& query, bool correct = true) {
        SearchRequest request;
        request.query = query;
        request.limit = 20;
        request.correct = correct;
        auto results = search(config, request);
        REQUIRE(results.ok());
        return *results;
    }

    Ids ids(const std::string& query) {
        Ids out;
        for (const auto& hit : run(query).hits) {
            out.push_back(hit.id);
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    std::string top(const std::string& query) {
        auto found = run(query).hits;
        return found.empty() ? std::string() : found.front().id;
    }

    TempKb kb;
    Config config;
};

bool has(const Ids& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

TEST_CASE("query: a ticket of the front matter finds its article, in any written form", "[query][tickets]") {
    WordsKb kb;
    for (const char* q : {"INC-4411", "inc-4411", "INC4411", "ticket:INC-4411", "ticket:inc4411", "PRB-0188"}) {
        INFO(q);
        CHECK(kb.ids(q) == Ids{"network/vpn-drops"});
    }
    CHECK(kb.ids("ticket:INC-44*") == Ids{"network/vpn-drops"});
    // ticket: is the front matter's list only: a ticket in the body is not one.
    CHECK(kb.ids("ticket:SR-12").empty());
    CHECK(kb.run("INC-4412").total == 0);
}

TEST_CASE("query: ticket numbers in the body are whole terms too", "[query][tickets]") {
    WordsKb kb;
    for (const char* q : {"SR-12", "sr12", "CS0012345", "cs-0012345"}) {
        INFO(q);
        CHECK(kb.top(q) == "network/vpn-slow");
    }
}

TEST_CASE("query: covid19, covid-19, covid 19 and COVID all meet", "[query][forms]") {
    WordsKb kb;
    const Ids all = {"health/covid-dash", "health/covid-joined", "health/covid-space"};
    for (const char* q : {"covid19", "covid-19", "COVID-19", "covid 19", "COVID", "Covid"}) {
        INFO(q);
        CHECK(kb.ids(q) == all);
    }
    for (const char* q : {"windows10", "Windows-10", "windows 10", "office365", "office 365", "Office-365"}) {
        INFO(q);
        CHECK(kb.top(q) == "software/windows");
    }
}

TEST_CASE("query: codes and versions stay whole among the word forms", "[query][forms]") {
    WordsKb kb;
    CHECK(kb.ids("AADSTS50076") == Ids{"software/codes"});
    CHECK(kb.ids("aadsts") == Ids{"software/codes"});  // the name of a letters+digits code
    CHECK(kb.run("AADSTS50079").total == 0);           // but not another code of that name
    CHECK(kb.ids("0x80070005") == Ids{"software/codes"});
    CHECK(kb.run("0x8007").total == 0);
    CHECK(kb.ids("ERR_CONN_RESET") == Ids{"software/codes"});
    CHECK(kb.ids("4.3.1") == Ids{"software/codes"});
    CHECK(kb.run("4.3").total == 0);
    CHECK(kb.run("\"in 4\"").total == 0);  // a stopword and a number do not join
}

TEST_CASE("query: AND, OR and NOT in pasted text are words", "[query][operators]") {
    WordsKb kb;
    // Emphasis, not exclusion: the article about it is found, first.
    CHECK(kb.top("Teams NOT working") == "software/teams-camera");
    CHECK(kb.top("camera is NOT showing") == "software/teams-camera");
    CHECK(has(kb.ids("Camera does NOT work"), "software/teams-camera"));
    // Long pasted text: its OR is a word, every word counts.
    const Ids long_or = kb.ids("CAMERA OR microphone keeps failing because the laptop is old and slow today");
    CHECK(has(long_or, "software/teams-camera"));
    CHECK(has(long_or, "software/teams-audio"));
    CHECK(has(long_or, "network/vpn-slow"));
    // A NOT with nothing after it is the word.
    CHECK(has(kb.ids("teams NOT"), "software/teams-camera"));
}

TEST_CASE("query: AND, OR and NOT in the query language stay operators", "[query][operators]") {
    WordsKb kb;
    CHECK(kb.ids("teams NOT camera") == Ids{"software/teams-audio"});
    CHECK(kb.ids("teams AND NOT camera") == Ids{"software/teams-audio"});
    CHECK(kb.ids("camera AND microphone").empty());
    CHECK(kb.ids("camera OR microphone") == Ids{"software/teams-audio", "software/teams-camera"});
    CHECK(kb.ids("(camera OR microphone) AND choppy") == Ids{"software/teams-audio"});
    CHECK_FALSE(has(kb.ids("NOT teams"), "software/teams-camera"));
}

TEST_CASE("query: a misspelt word is searched corrected and the correction named", "[query][spelling]") {
    WordsKb kb;
    auto r = kb.run("Infomation about the tunnel");
    CHECK(r.corrected == "information about the tunnel");
    REQUIRE(r.corrections.size() == 1);
    CHECK(r.corrections[0].from == "Infomation");
    CHECK(r.corrections[0].to == "information");
    CHECK(r.did_you_mean.empty());
    REQUIRE_FALSE(r.hits.empty());
    CHECK(r.hits[0].id == "network/vpn-drops");
    CHECK(kb.run("Infomation").total == 1);
}

TEST_CASE("query: without correction the words are searched as typed, and suggested", "[query][spelling]") {
    WordsKb kb;
    auto r = kb.run("Infomation", false);
    CHECK(r.total == 0);
    CHECK(r.corrected.empty());
    CHECK(r.did_you_mean == "information");
    REQUIRE(r.corrections.size() == 1);
    CHECK(r.corrections[0].to == "information");
}

TEST_CASE("query: words of languages faqt has no dictionary for are never corrected", "[query][spelling]") {
    WordsKb kb;
    // "dobry" is one letter from the Polish "dobre", "rana" from the
    // Vietnamese "răng": Polish and Vietnamese have no stemmer, so no
    // correction turns into their words, and a query whose known words are
    // theirs is read as written.
    for (const char* q : {"Dzien dobry, od rana nie moge sie zalogowac do poczty", "dobry rana",
                          "Xin chao, toi khong dang nhap duoc hop thu", "Xin chào, tôi không đăng nhập được"}) {
        INFO(q);
        auto r = kb.run(q);
        CHECK(r.corrected.empty());
        CHECK(r.corrections.empty());
    }
    // Mostly unknown words: another language, not typos.
    CHECK(kb.run("Drucker druckt nicht mehr richtig").corrections.empty());
}

TEST_CASE("query: two letters wrong are corrected only in long words", "[query][spelling]") {
    WordsKb kb;
    // Nine letters, two edits from "information".
    CHECK(kb.run("infomaton").corrected == "information");
    // Seven letters two edits from "warning": a real word, left alone.
    auto r = kb.run("tunnel slow every morning");
    CHECK(r.corrections.empty());
    CHECK(r.corrected.empty());
}

TEST_CASE("query: a SpellingCache gives the same query and is what later queries read", "[query][spelling]") {
    WordsKb kb;
    Xapian::Database db(index_path(kb.config).string());
    QueryContext context;
    context.db = &db;
    context.config = &kb.config;
    context.stem_langs = {"en"};
    const std::string text = "Infomation about the tunnel";
    const ParsedQuery plain = parse_query(text, context);
    REQUIRE(plain.corrected == "information about the tunnel");

    SpellingCache cache;
    context.spelling_cache = &cache;
    for (int i = 0; i < 2; ++i) {
        const ParsedQuery cached = parse_query(text, context);
        CHECK(cached.corrected == plain.corrected);
        CHECK(cached.query.get_description() == plain.query.get_description());
    }
    REQUIRE(cache.corrections.count("infomation") == 1);
    CHECK(cache.corrections["infomation"] == "information");
    CHECK(cache.known.count("infomation") == 1);
    // A later query takes the correction from the cache, not the index.
    cache.corrections["infomation"] = "camera";
    CHECK(parse_query(text, context).corrected == "camera about the tunnel");
}

TEST_CASE("query: a ParserCache gives the same query and is what later queries read", "[query]") {
    WordsKb kb;
    Xapian::Database db(index_path(kb.config).string());
    QueryContext context;
    context.db = &db;
    context.config = &kb.config;
    context.stem_langs = {"en"};
    const std::string text = "vpn disconnecting from the tunnel";
    const ParsedQuery plain = parse_query(text, context);

    ParserCache cache;
    context.parser_cache = &cache;
    for (int i = 0; i < 2; ++i) {
        const ParsedQuery cached = parse_query(text, context);
        CHECK(cached.query.get_description() == plain.query.get_description());
        REQUIRE(cached.rank.groups.size() == plain.rank.groups.size());
        for (std::size_t g = 0; g < plain.rank.groups.size(); ++g) {
            CHECK(cached.rank.groups[g].text.size() == plain.rank.groups[g].text.size());
        }
    }
    REQUIRE(cache.synonyms != nullptr);
    REQUIRE_FALSE(cache.stem_classes.empty());
    // A later query takes the stem classes from the cache, not the index.
    for (auto& [key, words] : cache.stem_classes) {
        words.push_back("zebracorn");
    }
    CHECK(parse_query(text, context).query.get_description().find("zebracorn") != std::string::npos);
}
