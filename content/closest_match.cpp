#include "content/closest_match.hpp"

#include <algorithm>

#include "content/text.hpp"

namespace faqt {

namespace {

// Optimal string alignment distance (Damerau-Levenshtein without
// repeated edits of one substring), enough for typos.
std::size_t edit_distance(const std::string& a, const std::string& b) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) {
        d[i][0] = i;
    }
    for (std::size_t j = 0; j <= m; ++j) {
        d[0][j] = j;
    }
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[n][m];
}

}  // namespace

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    // Long inputs are not typos of a short name; the cap keeps the table small.
    constexpr std::size_t k_max_length = 64;
    const std::string wanted = lower(word);
    if (wanted.empty() || wanted.size() > k_max_length) {
        return {};
    }
    std::string best;
    std::size_t best_distance = 3;
    for (const auto& candidate : candidates) {
        const std::string c = lower(candidate);
        if (c.size() > k_max_length) {
            continue;
        }
        const std::size_t distance = edit_distance(wanted, c);
        if (distance < best_distance && distance * 2 < std::max(wanted.size(), c.size())) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

}  // namespace faqt
