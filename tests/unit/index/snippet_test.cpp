#include <catch2/catch.hpp>

#include "index/snippet.hpp"
#include "index/terms.hpp"

using namespace faqt;

namespace {

std::vector<std::string> marked(const Snippet& s) {
    std::vector<std::string> words;
    for (const auto& [begin, end] : s.highlights) {
        words.push_back(s.text.substr(begin, end - begin));
    }
    return words;
}

}  // namespace

TEST_CASE("a snippet marks the matched words", "[snippet]") {
    HighlightTerms terms;
    terms.folded = {"tunnel"};
    auto s = make_snippet("", "The tunnel drops every ten minutes.", terms);
    CHECK(s.text == "The tunnel drops every ten minutes.");
    CHECK(marked(s) == std::vector<std::string>{"tunnel"});
}

TEST_CASE("an unaccented query marks the accented words", "[snippet]") {
    HighlightTerms terms;
    terms.folded = {"loi", "dang", "nhap"};
    auto s = make_snippet("", "Khi gặp lỗi đăng nhập Outlook, hãy thử lại.", terms);
    CHECK(marked(s) == std::vector<std::string>{"lỗi", "đăng", "nhập"});
}

TEST_CASE("the window with most matched words wins, cut at word boundaries", "[snippet]") {
    HighlightTerms terms;
    terms.folded = {"printer", "queue"};
    std::string text =
        "Start. " + std::string(300, 'x') + " filler words here and the printer queue is stuck again today.";
    auto s = make_snippet("", text, terms, 80);
    CHECK(s.text.rfind("\xE2\x80\xA6", 0) == 0);  // starts with an ellipsis
    CHECK(marked(s) == std::vector<std::string>{"printer", "queue"});
}

TEST_CASE("the summary is used when the body matches no better", "[snippet]") {
    HighlightTerms terms;
    terms.folded = {"vpn"};
    auto s = make_snippet("VPN drops on a timer.", "Some text about VPN.", terms);
    CHECK(s.text == "VPN drops on a timer.");
    auto nothing = make_snippet("Summary here.", "Body.", HighlightTerms{});
    CHECK(nothing.text == "Summary here.");
    CHECK(nothing.highlights.empty());
}

TEST_CASE("stems and prefixes match too; hyphenated words by their joined form", "[snippet]") {
    HighlightTerms terms;
    terms.stem_langs = {"en"};
    terms.stems = {"connect"};
    terms.prefixes = {"print"};
    terms.folded = {"wifi"};
    auto s = make_snippet("", "Connecting to Wi-Fi before printing.", terms);
    CHECK(marked(s) == std::vector<std::string>{"Connecting", "Wi", "Fi", "printing"});
}

TEST_CASE("English words match their stems whatever the first letters of the other stems", "[snippet]") {
    // Each word stems to a form that keeps its first letter but not always
    // its second ("aing" → "a"), nor its spelling ("skies" → "sky").
    for (const std::string word : {"skies", "dying", "lying", "gently", "early", "only", "aing", "ies", "sses",
                                   "yelling", "connections", "authentication", "2fa", "ß"}) {
        HighlightTerms terms;
        terms.stem_langs = {"en"};
        terms.stems = {terms::stem("en", terms::fold_word(word))};
        CAPTURE(word, *terms.stems.begin());
        CHECK(terms.matches(word));
        CHECK(terms.matches(word));  // and again, once the first letters are known
    }
    HighlightTerms terms;
    terms.stem_langs = {"en"};
    terms.stems = {"sky"};
    CHECK(terms.matches("Skies"));
    CHECK_FALSE(terms.matches("kies"));
    CHECK_FALSE(terms.matches("tries"));
}

TEST_CASE("other languages are stemmed without the first-letter test", "[snippet]") {
    HighlightTerms terms;
    terms.stem_langs = {"de"};
    terms.stems = {terms::stem("de", "häuser")};
    CHECK(terms.matches("Häuser"));
}

TEST_CASE("the window with more distinct words beats the one with more matches", "[snippet]") {
    HighlightTerms terms;
    terms.folded = {"vpn", "wifi", "drops"};
    std::string text = "vpn vpn vpn vpn vpn vpn. " + std::string(300, 'x') + " The Wi-Fi drops the vpn.";
    auto s = make_snippet("", text, terms, 60);
    CHECK(marked(s) == std::vector<std::string>{"Wi", "Fi", "drops", "vpn"});
}
