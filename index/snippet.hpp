#pragma once
// Snippets: the few lines of an article around the words a query matched,
// with those words marked, so a result shows why it matched.

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "index/search.hpp"

namespace faqt {

// The words a query looks for, in the forms the index compares: folded
// words (synonyms and spelling corrections included), stems per language,
// and the prefixes of trailing-'*' words. Internal to index/.
struct HighlightTerms {
    std::set<std::string> folded;
    std::set<std::string> stems;  // stems of the folded words in each of stem_langs
    std::vector<std::string> stem_langs;
    std::vector<std::string> prefixes;

    bool empty() const { return folded.empty() && prefixes.empty(); }
    // Whether a word of an article (as split_words() cut it) is one of them.
    bool matches(std::string_view word) const;
    // The same for a word already folded (terms::fold_word). Remembers each
    // answer: an article repeats its words, and stemming is the dear part.
    bool matches_folded(const std::string& folded_word) const;

private:
    mutable std::unordered_map<std::string, bool> m_memo;
};

// The best window of about max_bytes from the summary or the body text:
// the one with the most distinct matched words, earliest on ties; the start
// of the summary (or of the text) when nothing matches.
Snippet make_snippet(std::string_view summary, std::string_view text, const HighlightTerms& terms,
                     std::size_t max_bytes = 200);

}  // namespace faqt
