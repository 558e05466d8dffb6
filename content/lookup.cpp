#include "content/lookup.hpp"

#include <set>

namespace faqt {

std::string normalise_id_query(std::string_view query) {
    std::string q(query);
    while (!q.empty() && q.back() == '/') {
        q.pop_back();
    }
    if (q.size() > 3 && q.substr(q.size() - 3) == ".md") {
        q.resize(q.size() - 3);
    }
    return q;
}

bool id_matches(std::string_view id, std::string_view query) {
    return id == query || (id.size() > query.size() && id.substr(id.size() - query.size()) == query &&
                           id[id.size() - query.size() - 1] == '/');
}

Result<std::string> resolve_id(const std::vector<Article>& articles, std::string_view query) {
    const std::string q = normalise_id_query(query);
    if (q.empty()) {
        return Error(ErrorCode::usage, "an article id is empty");
    }
    std::set<std::string> matches;
    for (const auto& article : articles) {
        if (article.id == q) {
            return article.id;
        }
        if (id_matches(article.id, q)) {
            matches.insert(article.id);
        }
    }
    if (matches.empty()) {
        return Error(ErrorCode::not_found, "no article with id '" + q + "'",
                     "'faqt list' shows every id; 'faqt search' finds articles by their words");
    }
    if (matches.size() > 1) {
        std::string hint = "it could be:";
        for (const auto& id : matches) {
            hint += "\n  " + id;
        }
        return Error(ErrorCode::usage,
                     "'" + q + "' is ambiguous: " + std::to_string(matches.size()) + " articles match", hint);
    }
    return *matches.begin();
}

const Article* pick_translation(const std::vector<Article>& articles, std::string_view id, std::string_view lang,
                                std::string_view default_lang) {
    const Article* fallback = nullptr;
    const Article* any = nullptr;
    for (const auto& article : articles) {
        if (article.id != id) {
            continue;
        }
        if (!lang.empty() && article.lang == lang) {
            return &article;
        }
        if (article.lang == default_lang && fallback == nullptr) {
            fallback = &article;
        }
        if (any == nullptr) {
            any = &article;
        }
    }
    return fallback != nullptr ? fallback : any;
}

}  // namespace faqt
