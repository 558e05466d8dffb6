#pragma once
// Snippets: the few lines of an article around the words a query matched,
// with those words marked, so a result shows why it matched.

#include <bitset>
#include <cstddef>
#include <functional>
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
    // The same for a word already folded (terms::fold_word).
    bool matches_folded(const std::string& folded_word) const;

    // A word of an article as it is written, folded, and whether it matches.
    struct Seen {
        std::string folded;
        bool matches = false;
    };
    // matches() for a word as written, remembered for the rest of the
    // search: articles repeat their words, and folding and stemming each
    // one again is most of what a snippet costs.
    const Seen& look_up(std::string_view word) const;

private:
    // False only when stemming the folded word f in lang provably yields
    // none of the stems. Reads stems once: fill them before the first use.
    bool could_stem_to_one(const std::string& lang, const std::string& f) const;
    mutable std::bitset<256> m_stem_starts;  // first bytes of the stems
    mutable bool m_stem_starts_ready = false;

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    mutable std::unordered_map<std::string, Seen, Hash, std::equal_to<>> m_seen;
};

// The best window of about max_bytes from the summary or the body text:
// the one with the most distinct matched words, earliest on ties; the start
// of the summary (or of the text) when nothing matches.
Snippet make_snippet(std::string_view summary, std::string_view text, const HighlightTerms& terms,
                     std::size_t max_bytes = 200);

}  // namespace faqt
