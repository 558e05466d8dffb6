#include "index/browser_index.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "content/article.hpp"
#include "content/config.hpp"
#include "content/public_view.hpp"
#include "content/text.hpp"
#include "index/document_builder.hpp"

namespace {

using faqt::BrowserIndexFile;
using faqt::BrowserIndexOptions;
using faqt::PublishedArticle;
using Json = nlohmann::json;

faqt::Config config() {
    auto loaded = faqt::parse_config(R"(
[kb]
title = "Test KB"
default_lang = "en"

[[categories]]
id = "network/vpn"
name = "VPN"

[synonyms]
vpn = ["remote access", "tunnel"]
)",
                                     "/tmp");
    REQUIRE(loaded);
    return loaded->config;
}

faqt::Article parse(const std::string& path, const std::string& text) {
    return faqt::parse_article(text, path, config()).article;
}

// A small KB: public articles, one with an internal section, an internal
// article and a draft, each hidden part with a word of its own.
std::vector<faqt::Article> small_kb() {
    std::vector<faqt::Article> articles;
    articles.push_back(parse("network/vpn-drops.md", R"(+++
title = "VPN drops every 10 minutes"
summary = "The tunnel closes after ten minutes idle."
type = "known-error"
status = "investigating"
categories = ["network/vpn"]
tags = ["vpn"]
aliases = ["Tunnel disconnects"]
products = ["GlobalProtect"]
fixed_in = "4.3.2"
tickets = ["INC-4411 ticketwombat"]
+++

The VPN Client drops. Lỗi kết nối on Wi-Fi.

## Symptoms

The tunnel drops and reconnects. ERR_CONN_RESET shows.

## Internal notes

Ask zebraquokka on the network team.
)"));
    articles.push_back(parse("printer-jams.md", R"(+++
title = "Printer jams"
type = "howto"
+++

Printer printer jams.
)"));
    articles.push_back(parse("secret.md", R"(+++
title = "Okapisecret server list"
visibility = "internal"
+++

Okapisecret hosts.
)"));
    articles.push_back(parse("draft.md", R"(+++
title = "Narwhaldraft plan"
draft = true
+++

Narwhaldraft text.
)"));
    return articles;
}

BrowserIndexOptions options() {
    BrowserIndexOptions o;
    o.lang = "en";
    o.page_url = [](const PublishedArticle& a) { return "articles/" + a.id + "/index.html"; };
    o.category_name = [](std::string_view id) { return id == "network/vpn" ? std::string("VPN") : std::string(id); };
    o.threads = 2;
    return o;
}

std::vector<const PublishedArticle*> pointers(const std::vector<PublishedArticle>& published) {
    std::vector<const PublishedArticle*> out;
    for (const auto& a : published) {
        out.push_back(&a);
    }
    return out;
}

// name → DATA of each file, checking the script wrapper.
std::map<std::string, Json> decode(const std::vector<BrowserIndexFile>& files) {
    std::map<std::string, Json> out;
    for (const auto& file : files) {
        REQUIRE(file.name.size() > 3);
        REQUIRE(file.name.substr(file.name.size() - 3) == ".js");
        const std::string name = file.name.substr(0, file.name.size() - 3);
        const std::string head = "faqtSearchData(\"" + name + "\", ";
        REQUIRE(file.content.rfind(head, 0) == 0);
        REQUIRE(file.content.size() > head.size() + 3);
        REQUIRE(file.content.substr(file.content.size() - 3) == ");\n");
        out[name] = Json::parse(file.content.substr(head.size(), file.content.size() - head.size() - 3));
    }
    return out;
}

std::vector<std::uint32_t> numbers(const std::string& text) {
    std::vector<std::uint32_t> out;
    REQUIRE(faqt::read_list_numbers(text, out));
    return out;
}

// (doc, value) pairs of a postings string, doc numbers made absolute.
std::map<std::uint32_t, std::uint32_t> postings(const std::string& text) {
    const auto list = numbers(text);
    REQUIRE(list.size() % 2 == 0);
    std::map<std::uint32_t, std::uint32_t> out;
    std::uint32_t doc = 0;
    for (std::size_t i = 0; i < list.size(); i += 2) {
        doc = i == 0 ? list[i] : doc + list[i];
        out[doc] = list[i + 1];
    }
    return out;
}

// The entry of key in the term shards, found through the root's bounds.
Json entry(const std::map<std::string, Json>& data, const std::string& key) {
    const Json& shards = data.at("index").at("shards");
    std::size_t shard = 0;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        if (shards[i].get<std::string>() <= key) {
            shard = i;
        }
    }
    const Json& terms = data.at("t-" + std::to_string(shard));
    return terms.contains(key) ? terms.at(key) : Json();
}

// Xapian's length of a document: the sum of its terms' wdf.
double xapian_length(const faqt::Article& article) {
    const faqt::BuiltDocument built = faqt::build_document(article, {});
    double length = 0;
    for (auto it = built.document.termlist_begin(); it != built.document.termlist_end(); ++it) {
        length += it.get_wdf();
    }
    return length;
}

}  // namespace

TEST_CASE("list numbers round-trip through the base-64 alphabet") {
    std::string text;
    const std::vector<std::uint32_t> values = {0, 1, 31, 32, 1023, 1024, 32767, 32768, 4000000000u};
    for (auto v : values) {
        faqt::append_list_number(text, v);
    }
    CHECK(text.substr(0, 3) == "ABf");  // 0, 1, 31: one digit each
    std::vector<std::uint32_t> back;
    REQUIRE(faqt::read_list_numbers(text, back));
    CHECK(back == values);
    std::string two;
    faqt::append_list_number(two, 32);  // group 0 continued (32 + 0 = 'g'), then 1 ('B')
    CHECK(two == "gB");
    std::vector<std::uint32_t> bad;
    CHECK_FALSE(faqt::read_list_numbers("g", bad));  // cut short
    CHECK_FALSE(faqt::read_list_numbers("A!", bad));
}

TEST_CASE("the browser index holds the public text, its postings and fields") {
    const auto articles = small_kb();
    const auto published = faqt::published_articles(articles);
    REQUIRE(published.size() == 2);
    const auto files = faqt::build_browser_index(config(), pointers(published), options());
    const auto data = decode(files);
    const Json& root = data.at("index");
    CHECK(root["v"] == 1);
    CHECK(root["n"] == 2);
    CHECK(root["q"] == 64);
    CHECK(root["stem"] == "english");
    CHECK(root["spell"] == true);
    CHECK(root["shards"][0] == "");
    CHECK(root["w"]["title"] == 6);
    CHECK(root["w"]["k1"] == 9);
    CHECK(root["syn"] == Json::parse(R"([[["vpn"],["remote","access"],["tunnel"]]])"));
    CHECK(root["stop"][0] == "a");
    CHECK(root["ascii"] == true);

    // Doc numbers by id: network/vpn-drops 0, printer-jams 1.
    const Json docs = data.at("d-0");
    REQUIRE(docs.size() >= 1);
    CHECK(docs[0]["id"] == "network/vpn-drops");
    CHECK(docs[0]["u"] == "articles/network/vpn-drops/index.html");
    CHECK(docs[0]["y"] == "known-error");
    CHECK(docs[0]["st"] == "investigating");
    CHECK(docs[0]["c"] == Json::parse(R"(["network/vpn"])"));
    CHECK(docs[0]["pr"] == Json::parse(R"(["GlobalProtect"])"));
    CHECK(docs[0]["f"] == "4.3.2");
    CHECK(docs[0]["s"] == "The tunnel closes after ten minutes idle.");
    CHECK(docs[0]["x"].get<std::string>().rfind("The VPN Client drops.", 0) == 0);

    const Json printer = entry(data, "printer");
    REQUIRE(printer.is_object());
    const auto printer_text = postings(printer["t"].get<std::string>());
    CHECK(printer_text.count(1) == 1);
    CHECK(printer_text.count(0) == 0);
    CHECK(entry(data, "jams")["s"] == "jam");
    CHECK_FALSE(printer.contains("s"));
    // Title positions of the title proper: "printer" at 1 in doc 1.
    CHECK(numbers(printer["p"].get<std::string>()) == std::vector<std::uint32_t>{1, 1, 1});
    // Every position: 1 in the title, then the intro after the empty
    // fields' gaps (title 2 words + 100, summary + 100).
    CHECK(numbers(data.at("x-0")["printer"].get<std::string>()) == std::vector<std::uint32_t>{1, 3, 1, 202, 1});
    // An id term only where the id suffix is one folded word.
    CHECK_FALSE(entry(data, "printer-jams").is_object());
    const Json vpn = entry(data, "vpn");
    REQUIRE(vpn.is_object());
    CHECK(postings(vpn["t"].get<std::string>()).count(0) == 1);
    CHECK(vpn.contains("S"));  // the title's stem
    CHECK(vpn.contains("H"));  // the tag's

    // Accented forms under their folded word; title positions of the title only.
    const Json loi = entry(data, "loi");
    REQUIRE(loi.is_object());
    REQUIRE(loi.contains("e"));
    CHECK(loi["e"].contains("lỗi"));
    CHECK(root["ascii"] == true);  // "lỗi" is inside an entry, not a key

    // Stems: "drops" and "drop" meet at "drop".
    const Json drop = entry(data, "drop");
    REQUIRE(drop.is_object());
    CHECK(std::find(drop["c"].begin(), drop["c"].end(), "drops") != drop["c"].end());

    // Filters and features.
    CHECK(numbers(entry(data, "#type:known-error")["b"].get<std::string>()) == std::vector<std::uint32_t>{0});
    CHECK(numbers(entry(data, "#type:howto")["b"].get<std::string>()) == std::vector<std::uint32_t>{1});
    CHECK(entry(data, "#cat:network").is_object());
    CHECK(entry(data, "#cat:network/vpn").is_object());
    CHECK(entry(data, "#prod:globalprotect").is_object());
    CHECK(entry(data, "#fixed")["v"][0][0] == 0);
    CHECK(data.at("facets")["categories"] == Json::parse(R"([["network","network"],["network/vpn","VPN"]])"));
    CHECK(data.at("facets")["products"] == Json::parse(R"([["globalprotect","GlobalProtect"]])"));
    CHECK(data.at("facets")["types"] == Json::parse(R"(["howto","known-error"])"));

    // Spelling: each word once in sp- and ss-.
    REQUIRE(data.count("sp-pr") == 1);
    CHECK(data.at("sp-pr")["printer"] == 1);
    CHECK(data.at("ss-er")["printer"] == 1);

    // The character table has the text's characters and none of ASCII.
    const Json& fold = data.at("fold");
    CHECK(fold.contains("ỗ"));
    CHECK(fold["ỗ"][0] == "o");
    CHECK(fold["ỗ"][2] == 1);
    CHECK_FALSE(fold.contains("a"));
}

TEST_CASE("quantised values are BM25F's normalised frequencies over the index's own lengths") {
    // No tickets, no internal text: Xapian's document lengths are the
    // browser's, so its term lists give the hand computation.
    std::vector<faqt::Article> articles;
    articles.push_back(parse("printer-jams.md", "+++\ntitle = \"Printer jams\"\n+++\n\nPrinter printer jams.\n"));
    articles.push_back(parse("scanner-jams.md",
                             "+++\ntitle = \"Scanner jams in the tray\"\nsummary = \"Paper "
                             "jams.\"\n+++\n\nThe scanner jams when the tray is full of "
                             "paper. Empty the tray, then jams stop.\n"));
    const auto published = faqt::published_articles(articles);
    const auto data = decode(faqt::build_browser_index(config(), pointers(published), options()));
    const double l0 = xapian_length(articles[0]);
    const double l1 = xapian_length(articles[1]);
    CHECK(l0 == 2 + 2 + 3 + 1);  // title words and their S terms, three body words, the id term
    const double average = (l0 + l1) / 2;
    auto wdf = [&](std::size_t doc, const std::string& term) {
        const faqt::BuiltDocument built = faqt::build_document(articles[doc], {});
        for (auto it = built.document.termlist_begin(); it != built.document.termlist_end(); ++it) {
            if (*it == term) {
                return static_cast<double>(it.get_wdf());
            }
        }
        return 0.0;
    };
    const faqt::RankingWeights w;
    auto q = [](double f, double b, double length, double avg) {
        return std::max(1.0, std::round(64 * f / (1 - b + b * length / avg)));
    };
    const auto jams = postings(entry(data, "jams")["t"].get<std::string>());
    CHECK(jams.at(0) == q(wdf(0, "jams"), w.text_b, l0, average));
    CHECK(jams.at(1) == q(wdf(1, "jams"), w.text_b, l1, average));
    CHECK(wdf(1, "jams") == 4);
    // Title: "jam" (stemmed) once in titles of 2 and 5 words.
    const auto title = postings(entry(data, "jam")["S"].get<std::string>());
    CHECK(title.at(0) == q(1, w.title_b, 2, 3.5));
    CHECK(title.at(1) == q(1, w.title_b, 5, 3.5));
    // Heading: the summary of doc 1 (2 words), none in doc 0: average 1.
    const auto heading = postings(entry(data, "jam")["H"].get<std::string>());
    CHECK(heading.count(0) == 0);
    CHECK(heading.at(1) == q(1, w.heading_b, 2, 1));
}

TEST_CASE("no internal text, internal article, draft or ticket reaches a file") {
    const auto articles = small_kb();
    const auto published = faqt::published_articles(articles);
    const auto files = faqt::build_browser_index(config(), pointers(published), options());
    for (const auto& file : files) {
        INFO(file.name);
        const std::string lower = faqt::ascii_lower(file.content);
        CHECK(lower.find("zebraquokka") == std::string::npos);
        CHECK(lower.find("okapisecret") == std::string::npos);
        CHECK(lower.find("narwhaldraft") == std::string::npos);
        CHECK(lower.find("ticketwombat") == std::string::npos);
        CHECK(lower.find("inc4411") == std::string::npos);
        CHECK(file.content.size() <= 65536);
    }
}

TEST_CASE("the browser index is the same bytes every time, and long lists split") {
    std::vector<faqt::Article> articles = small_kb();
    for (int i = 0; i < 300; ++i) {
        const std::string n = std::to_string(1000 + i);
        articles.push_back(parse("bulk/item-" + n + ".md",
                                 "+++\ntitle = \"Common item " + n + "\"\n+++\n\nCommon common text " + n + ".\n"));
    }
    const auto published = faqt::published_articles(articles);
    BrowserIndexOptions small = options();
    small.split_bytes = 200;
    small.shard_bytes = 1024;
    const auto files = faqt::build_browser_index(config(), pointers(published), small);
    small.threads = 1;
    CHECK(faqt::build_browser_index(config(), pointers(published), small) == files);

    const auto data = decode(files);
    CHECK(data.at("index")["shards"].size() > 2);
    const Json common = entry(data, "common");
    REQUIRE(common.is_object());
    REQUIRE(common["t"].is_array());
    REQUIRE(common["t"].size() > 1);
    CHECK(common["df"] == 300);
    // The parts, read in order, hold every document once, each part from
    // an absolute doc number.
    std::vector<std::uint32_t> docs;
    for (const auto& part : common["t"]) {
        const std::string name = part.get<std::string>();
        REQUIRE(data.count(name) == 1);
        const std::string text = data.at(name).get<std::string>();
        CHECK(text.size() <= 200);
        for (const auto& [doc, value] : postings(text)) {
            CHECK(value >= 1);
            docs.push_back(doc);
        }
    }
    REQUIRE(docs.size() == 300);
    CHECK(std::is_sorted(docs.begin(), docs.end()));
    CHECK(docs.front() == 0);  // "bulk/…" sorts first
    CHECK(docs.back() == 299);
    // Positions of the long list are split the same way.
    std::size_t shard = 0;
    const Json& shards = data.at("index")["shards"];
    for (std::size_t i = 0; i < shards.size(); ++i) {
        if (shards[i].get<std::string>() <= "common") {
            shard = i;
        }
    }
    CHECK(data.at("x-" + std::to_string(shard))["common"].is_array());
    // Keys ascend across and within shards.
    std::string previous;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        for (const auto& [key, value] : data.at("t-" + std::to_string(i)).items()) {
            (void)value;
            CHECK(key >= shards[i].get<std::string>());
            if (i + 1 < shards.size()) {
                CHECK(key < shards[i + 1].get<std::string>());
            }
        }
    }
    for (const auto& file : files) {
        CHECK(file.content.size() <= 65536);
    }
    const std::size_t dk = data.at("index")["dk"];
    CHECK(dk >= 1);
    CHECK(data.at("d-0").size() == dk);
}

TEST_CASE("a word written very many times in one article keeps every file within 64 KiB") {
    std::string body;
    for (int i = 0; i < 60000; ++i) {
        body += "again ";
    }
    std::vector<faqt::Article> articles;
    articles.push_back(parse("repeat.md", "+++\ntitle = \"Again and again\"\n+++\n\n" + body + "\n"));
    const auto published = faqt::published_articles(articles);
    const auto files = faqt::build_browser_index(config(), pointers(published), options());
    for (const auto& file : files) {
        INFO(file.name);
        CHECK(file.content.size() <= 65536);
    }
    const auto data = decode(files);
    // The first positions are kept: the title's, then the text's.
    const auto positions = numbers(data.at("x-0")["again"].get<std::string>());
    REQUIRE(positions.size() > 4);
    CHECK(positions[0] == 0);     // doc 0
    CHECK(positions[1] == 2000);  // positions kept
    CHECK(positions[2] == 1);     // "Again" opens the title
    CHECK(postings(entry(data, "again")["t"].get<std::string>()).at(0) >= 1);
}

TEST_CASE("an entry that would pass the file budget moves every kind of list out to parts") {
    // 600 articles that each hold "common" in every field a list can come
    // from: title (S, p), heading (H), text (t, positions), an accented
    // form (e), the id (I); all of one type (b of "#type:faq").
    std::vector<faqt::Article> articles;
    for (int i = 0; i < 600; ++i) {
        const std::string n = std::to_string(1000 + i);
        articles.push_back(parse("g" + n + "/common.md", "+++\ntitle = \"Common item " + n + "\"\ntype = \"faq\"\n+++\n\n" +
                                                             "Common cômmon text " + n + ".\n\n## Common heading\n\nMore.\n"));
    }
    const auto published = faqt::published_articles(articles);
    BrowserIndexOptions tiny = options();
    tiny.file_bytes = 512;
    tiny.split_bytes = 4096;  // the file budget is what cuts here
    tiny.shard_bytes = 160;
    tiny.positions_bytes = 160;
    const auto files = faqt::build_browser_index(config(), pointers(published), tiny);
    for (const auto& file : files) {
        INFO(file.name);
        if (file.name.rfind("t-", 0) == 0 || file.name.rfind("x-", 0) == 0) {
            CHECK(file.content.size() <= 512);
        }
    }
    tiny.threads = 1;
    CHECK(faqt::build_browser_index(config(), pointers(published), tiny) == files);
    const auto data = decode(files);

    // Each list, read from its parts in order, is the whole list.
    auto docs_of = [&](const Json& field, std::size_t numbers_per_item) {
        REQUIRE(field.is_array());
        REQUIRE(!field.empty());
        std::vector<std::uint32_t> docs;
        for (const auto& part : field) {
            const std::string name = part.get<std::string>();
            REQUIRE(data.count(name) == 1);
            const auto list = numbers(data.at(name).get<std::string>());
            std::uint32_t doc = 0;
            for (std::size_t i = 0; i < list.size();) {
                doc = i == 0 ? list[i] : doc + list[i];
                docs.push_back(doc);
                // p items: doc, count, then count positions.
                i += numbers_per_item == 0 ? 2 + list[i + 1] : numbers_per_item;
            }
        }
        CHECK(std::is_sorted(docs.begin(), docs.end()));
        CHECK(std::adjacent_find(docs.begin(), docs.end()) == docs.end());
        return docs.size();
    };
    const Json common = entry(data, "common");
    REQUIRE(common.is_object());
    CHECK(docs_of(common["t"], 2) == 600);
    CHECK(common["df"] == 600);
    CHECK(docs_of(common["S"], 2) == 600);
    CHECK(common["dfS"] == 600);
    CHECK(docs_of(common["H"], 2) == 600);
    CHECK(docs_of(common["I"], 2) == 600);
    CHECK(docs_of(common["p"], 0) == 600);
    CHECK(docs_of(common["e"]["cômmon"], 2) == 600);
    const Json faq = entry(data, "#type:faq");
    CHECK(docs_of(faq["b"], 1) == 600);
    CHECK(faq["df"] == 600);

    // Positions entries too; no two parts share a name.
    bool positions_split = false;
    std::set<std::string> names;
    for (const auto& [name, value] : data) {
        if (name.rfind("x-", 0) == 0 && value.is_object()) {
            for (const auto& [key, positions] : value.items()) {
                positions_split = positions_split || positions.is_array();
                for (const auto& part : positions.is_array() ? positions : Json::array()) {
                    CHECK(names.insert(part.get<std::string>()).second);
                    CHECK(data.count(part.get<std::string>()) == 1);
                }
            }
        }
    }
    CHECK(positions_split);
}
