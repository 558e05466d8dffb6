#include "content/stopwords.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "content/text.hpp"

using faqt::fold;
using faqt::is_stopword;
using faqt::stopwords;

TEST_CASE("stopwords are the common words of English, Vietnamese and Polish, folded", "[stopwords]") {
    CHECK(is_stopword("the"));
    CHECK(is_stopword("i'm"));
    CHECK(is_stopword(fold("được")));  // Vietnamese "duoc"
    CHECK(is_stopword(fold("się")));   // Polish "sie"
    CHECK_FALSE(is_stopword("vpn"));
    CHECK_FALSE(is_stopword("The"));  // callers fold first
    CHECK_FALSE(is_stopword(""));
}

TEST_CASE("stopwords() lists each word of is_stopword() once, sorted", "[stopwords]") {
    const std::vector<std::string> words = stopwords();
    REQUIRE(words.size() > 50);
    CHECK(std::is_sorted(words.begin(), words.end()));
    CHECK(std::adjacent_find(words.begin(), words.end()) == words.end());
    for (const auto& w : words) {
        CHECK(is_stopword(w));
    }
    // "the" is English and Vietnamese, "to" English and Polish: listed once.
    CHECK(std::count(words.begin(), words.end(), "the") == 1);
    CHECK(std::count(words.begin(), words.end(), "to") == 1);
}

TEST_CASE("request words say a ticket asks for help, not what it is about", "[stopwords]") {
    CHECK(faqt::is_request_word("please"));
    CHECK(faqt::is_request_word("urgent"));
    CHECK(faqt::is_request_word(fold("proszę")));  // Polish "prosze"
    CHECK_FALSE(faqt::is_request_word("vpn"));
    CHECK_FALSE(faqt::is_stopword("please"));  // a query may still search it
}
