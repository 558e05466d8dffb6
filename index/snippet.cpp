#include "index/snippet.hpp"

#include <algorithm>

#include "content/text.hpp"
#include "index/terms.hpp"

namespace faqt {

bool HighlightTerms::matches(std::string_view word) const {
    return matches_folded(terms::fold_word(word));
}

bool HighlightTerms::matches_folded(const std::string& f) const {
    if (folded.count(f) != 0) {
        return true;
    }
    for (const auto& lang : stem_langs) {
        if (!could_stem_to_one(lang, f)) {
            continue;
        }
        if (stems.count(terms::stem(lang, f)) != 0) {
            return true;
        }
    }
    for (const auto& prefix : prefixes) {
        if (f.compare(0, prefix.size(), prefix) == 0) {
            return true;
        }
    }
    return false;
}

// English (Snowball's Porter2, Xapian's "english") keeps the first letter
// of every word: words of one or two letters stay as they are, its
// exceptional forms (skies → sky, dying → die, gently → gentl…) keep it, and
// its rules change only endings, inside R1 or R2 (which begin after the
// first letter) or after a part they keep that is not empty ("ies" → "ie";
// "-ed", "-ing" only after a vowel). Its one change at the start, dropping
// a leading apostrophe, cannot meet a word that find_words() cut. So a
// folded word can stem to one of the stems only when it starts with the
// first byte of one: the test that spares stemming most of an article's
// words. Other languages are always stemmed.
bool HighlightTerms::could_stem_to_one(const std::string& lang, const std::string& f) const {
    if (lang != "en" || f.empty()) {
        return true;
    }
    if (!m_stem_starts_ready) {
        for (const auto& stem : stems) {
            if (!stem.empty()) {
                m_stem_starts.set(static_cast<unsigned char>(stem.front()));
            }
        }
        m_stem_starts_ready = true;
    }
    return m_stem_starts.test(static_cast<unsigned char>(f.front()));
}

const HighlightTerms::Seen& HighlightTerms::look_up(std::string_view word) const {
    if (auto known = m_seen.find(word); known != m_seen.end()) {
        return known->second;
    }
    Seen seen;
    seen.folded = terms::fold_word(word);
    seen.matches = matches_folded(seen.folded);
    return m_seen.emplace(std::string(word), std::move(seen)).first->second;
}

namespace {

struct WordSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    int key = -1;  // the matched word's folded form, numbered per text; -1 when not matched
};

// The words of a text, each with its key: the folded form of a matched word,
// or of a matched hyphenated chain ("wi-fi" → "wifi") for each of its parts.
// Keys are numbered so that counting the distinct ones in a window allocates
// nothing.
struct LocatedWords {
    std::vector<WordSpan> spans;
    std::size_t keys = 0;
};

LocatedWords locate_words(std::string_view text, const HighlightTerms& terms) {
    LocatedWords located;
    std::vector<WordSpan>& spans = located.spans;
    std::vector<std::string> keys;
    auto key_of = [&keys](const std::string& f) {
        auto known = std::find(keys.begin(), keys.end(), f);
        if (known == keys.end()) {
            keys.push_back(f);
            return static_cast<int>(keys.size() - 1);
        }
        return static_cast<int>(known - keys.begin());
    };
    std::vector<const std::string*> folded;  // of each span, for hyphenated chains
    std::string chain;
    std::size_t chain_start = 0;
    for (const auto& found : find_words(text)) {
        const HighlightTerms::Seen& seen = terms.look_up(text.substr(found.offset, found.length));
        const std::string& f = seen.folded;
        WordSpan span{found.offset, found.offset + found.length, -1};
        if (seen.matches && !f.empty()) {
            span.key = key_of(f);
        }
        bool hyphenated = !spans.empty() && found.offset == spans.back().end + 1 && text[spans.back().end] == '-';
        if (!hyphenated) {
            chain_start = spans.size();
        }
        spans.push_back(span);
        folded.push_back(&f);
        if (hyphenated) {
            // Joined only when there is a hyphen: most words are not.
            chain.clear();
            for (std::size_t k = chain_start; k < spans.size(); ++k) {
                chain += *folded[k];
            }
            if (!chain.empty() && terms.folded.count(chain) != 0) {
                const int key = key_of(chain);
                for (std::size_t k = chain_start; k < spans.size(); ++k) {
                    spans[k].key = key;
                }
            }
        }
    }
    located.keys = keys.size();
    return located;
}

struct Window {
    std::size_t begin = 0;  // byte offsets in the text
    std::size_t end = 0;
    int distinct = 0;
    int matches = 0;
};

// Prefers more distinct matched words, then more matches, then earlier.
bool better(const Window& a, const Window& b) {
    if (a.distinct != b.distinct) {
        return a.distinct > b.distinct;
    }
    return a.matches > b.matches;
}

Window best_window(std::string_view text, const LocatedWords& located, std::size_t max_bytes) {
    const std::vector<WordSpan>& spans = located.spans;
    Window best;
    best.end = std::min(text.size(), max_bytes);
    constexpr std::size_t k_context = 40;  // bytes shown before the first match
    // The window in which each key was last counted: no set to clear per window.
    std::vector<std::size_t> counted_in(located.keys, spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        if (spans[i].key < 0) {
            continue;
        }
        // Start a few words before the match, at a word start.
        std::size_t first = i;
        while (first > 0 && spans[i].begin - spans[first - 1].begin <= k_context) {
            --first;
        }
        Window w;
        w.begin = first == 0 ? 0 : spans[first].begin;
        std::size_t j = first;
        for (; j < spans.size() && (j == first || spans[j].end - w.begin <= max_bytes); ++j) {
            if (const int key = spans[j].key; key >= 0) {
                ++w.matches;
                auto& counted = counted_in[static_cast<std::size_t>(key)];
                if (counted != i) {
                    counted = i;
                    ++w.distinct;
                }
            }
        }
        w.end = spans[j - 1].end;
        if (j == spans.size() && text.size() - w.begin <= max_bytes) {
            w.end = text.size();  // keep the final full stop
        }
        if (better(w, best)) {
            best = w;
        }
    }
    if (best.distinct == 0) {
        // Nothing matched: the start, cut at a word end.
        best.begin = 0;
        best.end = text.size();
        for (const auto& s : spans) {
            if (s.end > max_bytes) {
                break;
            }
            best.end = s.end;
        }
        if (best.end > max_bytes && !spans.empty()) {
            best.end = std::min(text.size(), spans.front().end);
        }
        if (text.size() <= max_bytes) {
            best.end = text.size();
        }
    }
    return best;
}

Snippet cut(std::string_view text, const std::vector<WordSpan>& spans, const Window& w) {
    static constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";  // …
    Snippet snippet;
    std::size_t shift = 0;
    if (w.begin > 0) {
        snippet.text += k_ellipsis;
        shift = k_ellipsis.size();
    }
    std::string_view body = text.substr(w.begin, w.end - w.begin);
    // Trailing punctuation such as ':' of a heading reads badly before "…".
    snippet.text += body;
    for (const auto& s : spans) {
        if (s.key >= 0 && s.begin >= w.begin && s.end <= w.end) {
            snippet.highlights.emplace_back(s.begin - w.begin + shift, s.end - w.begin + shift);
        }
    }
    if (w.end < text.size()) {
        snippet.text += k_ellipsis;
    }
    return snippet;
}

}  // namespace

Snippet make_snippet(std::string_view summary, std::string_view text, const HighlightTerms& terms,
                     std::size_t max_bytes) {
    LocatedWords in_summary_words = locate_words(summary, terms);
    LocatedWords in_text_words = locate_words(text, terms);
    Window in_summary = best_window(summary, in_summary_words, max_bytes);
    Window in_text = best_window(text, in_text_words, max_bytes);
    bool use_text = summary.empty() || better(in_text, in_summary);
    if (use_text) {
        return cut(text, in_text_words.spans, in_text);
    }
    return cut(summary, in_summary_words.spans, in_summary);
}

}  // namespace faqt
