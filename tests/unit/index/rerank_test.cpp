#include "index/rerank.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "index/index.hpp"
#include "index/query_parser.hpp"
#include "tests/unit/index/temp_kb.hpp"

using namespace faqt;
using faqt::test::article;
using faqt::test::TempKb;

TEST_CASE("rerank: a RerankCache kept across queries gives the scores of a rerank without one", "[rerank]") {
    TempKb kb;
    // "vpn" at a different place in each title: the title positions kept
    // for one article must not serve another.
    kb.write("network/a-drops.md", article(R"(title = "VPN disconnects every 10 minutes"
type = "known-error")",
                                           "Reconnect or upgrade the client.\n"));
    kb.write("network/b-client.md", article(R"(title = "Disconnects of the VPN client"
type = "faq")",
                                            "The client disconnects when the laptop sleeps.\n"));
    kb.write("network/c-install.md", article(R"(title = "Install the VPN client at home"
type = "howto")",
                                             "Download the client from the portal and sign in.\n"));
    kb.write("accounts/password.md", article(R"(title = "Reset a forgotten password"
type = "howto")",
                                             "Go to the password portal.\n"));
    const Config config = kb.config();
    REQUIRE(sync_index(config).ok());
    Xapian::Database db(index_path(config).string());
    QueryContext context;
    context.db = &db;
    context.config = &config;
    context.stem_langs = {"en"};
    const RankingWeights weights;
    REQUIRE(weights.proximity > 0);
    context.weights = weights;

    auto all = [&] {
        std::vector<RankCandidate> out;
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
            out.push_back({*it, 1.0, 1.0, {}});
        }
        return out;
    };
    const std::vector<std::string> queries = {"vpn disconnects", "vpn client", "install vpn client at home",
                                              "client disconnects every minutes", "forgotten password portal"};
    RerankCache cache;
    bool some_pair = false;
    for (int round = 0; round < 2; ++round) {
        for (const auto& text : queries) {
            INFO(text << ", round " << round);
            const ParsedQuery parsed = parse_query(text, context);
            std::vector<RankCandidate> plain = all();
            std::vector<RankCandidate> cached = all();
            rerank(db, parsed.rank, weights, plain, true);
            rerank(db, parsed.rank, weights, cached, true, &cache);
            REQUIRE(plain.size() == cached.size());
            for (std::size_t k = 0; k < plain.size(); ++k) {
                CHECK(plain[k].docid == cached[k].docid);
                CHECK(plain[k].score == cached[k].score);
                CHECK(plain[k].explanation.bm25f == cached[k].explanation.bm25f);
                CHECK(plain[k].explanation.proximity == cached[k].explanation.proximity);
                CHECK(plain[k].explanation.title_pairs == cached[k].explanation.title_pairs);
                CHECK(plain[k].explanation.words.size() == cached[k].explanation.words.size());
                some_pair = some_pair || plain[k].explanation.title_pairs > 0;
            }
        }
    }
    CHECK(some_pair);  // the titles' word pairs were compared too
    CHECK_FALSE(cache.articles.empty());
    CHECK_FALSE(cache.postings.empty());
    CHECK_FALSE(cache.title_positions.empty());
}
