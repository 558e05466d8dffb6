#include "index/snippet.hpp"

#include <map>

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
    std::string key;  // folded form, for counting distinct matches; "" when not matched
};

std::vector<WordSpan> locate_words(std::string_view text, const HighlightTerms& terms) {
    std::vector<WordSpan> spans;
    std::string chain;  // folded words joined by '-' so far: "wi-fi" → "wifi"
    std::size_t chain_start = 0;
    for (const auto& found : find_words(text)) {
        const HighlightTerms::Seen& seen = terms.look_up(text.substr(found.offset, found.length));
        const std::string& f = seen.folded;
        WordSpan span{found.offset, found.offset + found.length, {}};
        if (seen.matches) {
            span.key = f;
        }
        bool hyphenated = !spans.empty() && found.offset == spans.back().end + 1 && text[spans.back().end] == '-';
        if (!hyphenated) {
            chain.clear();
            chain_start = spans.size();
        }
        chain += f;
        spans.push_back(std::move(span));
        if (hyphenated && terms.folded.count(chain) != 0) {
            for (std::size_t k = chain_start; k < spans.size(); ++k) {
                spans[k].key = chain;
            }
        }
    }
    return spans;
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

Window best_window(std::string_view text, const std::vector<WordSpan>& spans, std::size_t max_bytes) {
    Window best;
    best.end = std::min(text.size(), max_bytes);
    constexpr std::size_t k_context = 40;  // bytes shown before the first match
    for (std::size_t i = 0; i < spans.size(); ++i) {
        if (spans[i].key.empty()) {
            continue;
        }
        // Start a few words before the match, at a word start.
        std::size_t first = i;
        while (first > 0 && spans[i].begin - spans[first - 1].begin <= k_context) {
            --first;
        }
        Window w;
        w.begin = first == 0 ? 0 : spans[first].begin;
        std::map<std::string, int> seen;
        std::size_t j = first;
        for (; j < spans.size() && (j == first || spans[j].end - w.begin <= max_bytes); ++j) {
            if (!spans[j].key.empty()) {
                ++w.matches;
                seen[spans[j].key]++;
            }
        }
        w.distinct = static_cast<int>(seen.size());
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
        if (!s.key.empty() && s.begin >= w.begin && s.end <= w.end) {
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
    auto summary_spans = locate_words(summary, terms);
    auto text_spans = locate_words(text, terms);
    Window in_summary = best_window(summary, summary_spans, max_bytes);
    Window in_text = best_window(text, text_spans, max_bytes);
    bool use_text = summary.empty() || better(in_text, in_summary);
    if (use_text) {
        return cut(text, text_spans, in_text);
    }
    return cut(summary, summary_spans, in_summary);
}

}  // namespace faqt
