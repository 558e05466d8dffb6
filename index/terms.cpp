#include "index/terms.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "content/digest.hpp"
#include "content/text.hpp"
#include "content/ticket_number.hpp"

namespace faqt::terms {

namespace {

bool is_ascii(std::string_view s) {
    for (char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

// Caches are per thread (indexing folds on every core) and bounded, so a
// huge vocabulary cannot grow them without limit.
constexpr std::size_t k_cache_limit = 200000;

std::string cached(std::unordered_map<std::string, std::string>& cache, std::string_view word,
                   std::string (*compute)(std::string_view)) {
    auto it = cache.find(std::string(word));
    if (it != cache.end()) {
        return it->second;
    }
    std::string value = compute(word);
    if (cache.size() >= k_cache_limit) {
        cache.clear();
    }
    cache.emplace(std::string(word), value);
    return value;
}

}  // namespace

std::string fold_word(std::string_view word) {
    if (is_ascii(word)) {
        return ascii_lower(word);
    }
    thread_local std::unordered_map<std::string, std::string> cache;
    return cached(cache, word, [](std::string_view w) { return faqt::fold(w); });
}

std::string lower_word(std::string_view word) {
    if (is_ascii(word)) {
        return ascii_lower(word);
    }
    thread_local std::unordered_map<std::string, std::string> cache;
    return cached(cache, word, [](std::string_view w) { return faqt::lower(w); });
}

bool is_code_like(std::string_view word) {
    for (char c : word) {
        if ((c >= '0' && c <= '9') || c == '_' || c == '.') {
            return true;
        }
    }
    return false;
}

bool is_all_caps(std::string_view word) {
    int letters = 0;
    for (char c : word) {
        if (c >= 'a' && c <= 'z') {
            return false;
        }
        if (c >= 'A' && c <= 'Z') {
            ++letters;
        }
    }
    return letters >= 2;
}

std::string base_lang(std::string_view lang) {
    std::size_t end = lang.find_first_of("-_");
    return ascii_lower(lang.substr(0, end));
}

namespace {

// Languages Xapian stems, by ISO 639-1 code. Vietnamese and Polish are
// absent on purpose: Xapian has no stemmer for them, and the English one
// would mangle their words.
const std::map<std::string, std::string, std::less<>>& stem_names() {
    static const std::map<std::string, std::string, std::less<>> names = {
        {"ar", "arabic"},     {"ca", "catalan"},  {"da", "danish"},     {"de", "german"},    {"en", "english"},
        {"es", "spanish"},    {"eu", "basque"},   {"fi", "finnish"},    {"fr", "french"},    {"ga", "irish"},
        {"hu", "hungarian"},  {"hy", "armenian"}, {"id", "indonesian"}, {"it", "italian"},   {"lt", "lithuanian"},
        {"nb", "norwegian"},  {"ne", "nepali"},   {"nl", "dutch"},      {"nn", "norwegian"}, {"no", "norwegian"},
        {"pt", "portuguese"}, {"ro", "romanian"}, {"ru", "russian"},    {"sv", "swedish"},   {"ta", "tamil"},
        {"tr", "turkish"},
    };
    return names;
}

Xapian::Stem* stemmer_for(std::string_view lang) {
    // Xapian::Stem objects are not safe to share between threads.
    thread_local std::map<std::string, std::unique_ptr<Xapian::Stem>, std::less<>> stemmers;
    std::string code = base_lang(lang);
    auto it = stemmers.find(code);
    if (it != stemmers.end()) {
        return it->second.get();
    }
    std::unique_ptr<Xapian::Stem> stemmer;
    auto name = stem_names().find(code);
    if (name != stem_names().end()) {
        try {
            stemmer = std::make_unique<Xapian::Stem>(name->second);
        } catch (const Xapian::Error&) {
            stemmer.reset();
        }
    }
    auto* raw = stemmer.get();
    stemmers.emplace(code, std::move(stemmer));
    return raw;
}

}  // namespace

std::string stemmer_name(std::string_view lang) {
    if (stemmer_for(lang) == nullptr) {
        return "";
    }
    return stem_names().find(base_lang(lang))->second;
}

bool has_stemmer(std::string_view lang) {
    return stemmer_for(lang) != nullptr;
}

std::string stem(std::string_view lang, const std::string& folded) {
    if (is_code_like(folded)) {
        return folded;
    }
    // One language's stems per thread: a thread stems one document (one
    // language) after another, so the cache is keyed by the word alone and
    // emptied when the language changes, without a key to build per word.
    thread_local std::string cache_lang;
    thread_local Xapian::Stem* stemmer = nullptr;
    thread_local bool looked_up = false;
    thread_local std::unordered_map<std::string, std::string> cache;
    if (!looked_up || lang != cache_lang) {
        stemmer = stemmer_for(lang);
        cache_lang = lang;
        looked_up = true;
        cache.clear();
    }
    if (stemmer == nullptr) {
        return folded;
    }
    auto it = cache.find(folded);
    if (it != cache.end()) {
        return it->second;
    }
    std::string stemmed = (*stemmer)(folded);
    if (cache.size() >= k_cache_limit) {
        cache.clear();
    }
    cache.emplace(folded, stemmed);
    return stemmed;
}

bool is_plain_number(std::string_view word) {
    return std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }) && word.size() < 5;
}

bool is_spelling_word(std::string_view term) {
    if (term.size() < 3 || term.size() > 32) {
        return false;
    }
    for (char c : term) {
        if (c < 'a' || c > 'z') {
            return false;
        }
    }
    return true;
}

std::vector<std::string> compound_parts(std::string_view folded) {
    std::vector<std::string> parts;
    if (folded.find('_') == std::string_view::npos) {
        return parts;
    }
    bool has_letter = false;
    std::string current;
    for (char c : folded) {
        if (c == '_') {
            if (!current.empty()) {
                parts.push_back(std::move(current));
            }
            current.clear();
        } else {
            has_letter = has_letter || !(c >= '0' && c <= '9');
            current += c;
        }
    }
    if (!current.empty()) {
        parts.push_back(std::move(current));
    }
    if (!has_letter || parts.size() < 2) {
        parts.clear();
    }
    return parts;
}

std::vector<std::string> number_parts(std::string_view folded) {
    const std::size_t split = name_number_split(folded);
    if (split == std::string_view::npos) {
        return {};
    }
    return {std::string(folded.substr(0, split)), std::string(folded.substr(split))};
}

std::string joined_name_number(std::string_view folded, std::string_view between, std::string_view next_folded) {
    if (!joins_name_number(folded, between, next_folded) || is_stopword(folded)) {
        return {};
    }
    return std::string(folded) + std::string(next_folded);
}

std::string ticket_key(std::string_view text) {
    return ticket_number_key(text);
}

bool term_too_long(std::string_view prefix, std::string_view value) {
    return prefix.size() + value.size() > k_max_xapian_term_bytes;
}

std::string make_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    if (!term_too_long(prefix, value)) {
        term += value;
        return term;
    }
    // The seed indexes were built with (not FNV's offset basis): kept, so
    // the terms of existing indexes still match.
    std::uint64_t hash = fnv1a(value, 1469598103934665603ULL);
    constexpr std::size_t k_suffix = 17;  // '#' and 16 hex digits
    std::size_t keep =
        k_max_xapian_term_bytes > prefix.size() + k_suffix ? k_max_xapian_term_bytes - prefix.size() - k_suffix : 0;
    while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0) == 0x80) {
        --keep;  // never inside a UTF-8 sequence
    }
    term.append(value.substr(0, keep));
    static constexpr char k_hex[] = "0123456789abcdef";
    term += '#';
    for (int shift = 60; shift >= 0; shift -= 4) {
        term += k_hex[(hash >> shift) & 0xF];
    }
    return term;
}

std::vector<std::vector<std::vector<std::string>>> synonym_groups(const Config& config,
                                                                   std::set<std::string>* vocabulary) {
    std::vector<std::vector<std::vector<std::string>>> groups;
    for (const auto& [key, values] : config.synonyms) {
        std::vector<std::vector<std::string>> group;
        auto add = [&](std::string_view text) {
            std::vector<std::string> words;
            for (const auto& w : split_words(text)) {
                std::string f = fold_word(w);
                if (!f.empty()) {
                    if (vocabulary != nullptr) {
                        vocabulary->insert(f);
                    }
                    words.push_back(std::move(f));
                }
            }
            if (!words.empty() && std::find(group.begin(), group.end(), words) == group.end()) {
                group.push_back(std::move(words));
            }
        };
        add(key);
        for (const auto& v : values) {
            add(v);
        }
        if (group.size() >= 2) {
            groups.push_back(std::move(group));
        }
    }
    return groups;
}

}  // namespace faqt::terms
