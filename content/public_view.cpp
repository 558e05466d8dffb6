#include "content/public_view.hpp"

#include <set>

namespace faqt {

bool is_public(const Article& article) {
    return article.visibility == Visibility::public_;
}

void inherit_internal_visibility(std::vector<Article>& articles, std::string_view default_lang) {
    std::set<std::string_view> internal_originals;
    for (const auto& article : articles) {
        if (article.lang == default_lang && !is_public(article)) {
            internal_originals.insert(article.id);
        }
    }
    if (internal_originals.empty()) {
        return;
    }
    for (auto& article : articles) {
        if (article.lang != default_lang && is_public(article) && internal_originals.count(article.id) > 0) {
            article.visibility = Visibility::internal;
            article.internal_by_original = true;
        }
    }
}

PublicArticle public_text(const Article& article) {
    PublicArticle view;
    view.article = &article;
    view.intro = article.public_intro;
    for (const auto& section : article.sections) {
        // Kind and range are both checked: a section named "Internal notes"
        // is internal even if the ranges were ever computed without it.
        if (section.internal || section.kind == SectionKind::internal) {
            continue;
        }
        Section shown = section;
        shown.markdown = section.public_markdown;
        shown.public_markdown.clear();
        view.sections.push_back(std::move(shown));
    }
    return view;
}

std::string_view internal_text(const Article& article) {
    return article.internal_markdown;
}

PublicView public_view(const std::vector<Article>& articles) {
    PublicView view;
    for (const auto& article : articles) {
        if (is_public(article) && !article.draft) {
            view.articles.push_back(public_text(article));
        }
    }
    return view;
}

}  // namespace faqt
