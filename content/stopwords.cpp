#include "content/stopwords.hpp"

#include <algorithm>
#include <unordered_set>

namespace faqt {

namespace {

const std::unordered_set<std::string_view>& stopword_set() {
    static const std::unordered_set<std::string_view> words = {
        // English
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "has",
        "have",
        "how",
        "i",
        "i'm",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "it's",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "then",
        "there",
        "this",
        "to",
        "was",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
        "am",
        "been",
        "did",
        "get",
        "got",
        "im",
        "any",
        // Vietnamese (folded)
        "la",
        "va",
        "cua",
        "co",
        "cho",
        "nhung",
        "cac",
        "mot",
        "duoc",
        "thi",
        "nay",
        "voi",
        "khi",
        "de",
        "tai",
        "toi",
        "minh",
        "bi",
        "o",
        "gi",
        "sao",
        "lam",
        "the",
        // Polish (folded)
        "w",
        "z",
        "na",
        "sie",
        "nie",
        "do",
        "jak",
        "to",
        "jest",
        "czy",
        "po",
        "o",
        "ze",
        "mi",
        "mam",
        "moj",
        "moja",
        "moje",
        "co",
        "od",
        "za",
    };
    return words;
}

}  // namespace

bool is_stopword(std::string_view folded) {
    return stopword_set().count(folded) != 0;
}

std::vector<std::string> stopwords() {
    std::vector<std::string> out(stopword_set().begin(), stopword_set().end());
    std::sort(out.begin(), out.end());
    return out;
}

bool is_request_word(std::string_view folded) {
    static const std::unordered_set<std::string_view> words = {
        "help",   "needed",     "need",   "question",   "questions", "problem",  "problems", "issue",
        "issues", "urgent",     "asap",   "request",    "support",   "query",    "please",   "pls",
        "plz",    "assistance", "ticket", "pomoc",      "pomocy",    "problemu", "pytanie",  "pilne",
        "pilnie", "prosba",     "prosze", "zgloszenie", "wsparcie",  "giup"};
    return words.count(folded) != 0;
}

}  // namespace faqt
