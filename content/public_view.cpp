#include "content/public_view.hpp"

#include <set>

#include "content/markdown.hpp"
#include "content/text.hpp"

namespace faqt {

bool is_public(const Article& article) {
    return article.visibility == Visibility::public_;
}

bool is_default_language(std::string_view lang, std::string_view default_lang) {
    if (lang.size() < default_lang.size() || lang.compare(0, default_lang.size(), default_lang) != 0) {
        return false;
    }
    return lang.size() == default_lang.size() || lang[default_lang.size()] == '-' || lang[default_lang.size()] == '_';
}

void inherit_internal_visibility(std::vector<Article>& articles, std::string_view default_lang,
                                 const std::vector<std::string>& unread) {
    std::set<std::string> internal_originals;
    for (const auto& article : articles) {
        if (is_default_language(article.lang, default_lang) && !is_public(article)) {
            internal_originals.insert(article.id);
        }
    }
    for (const auto& path : unread) {
        const PathIdentity identity = identity_from_path(path);
        if (identity.lang.empty() || is_default_language(identity.lang, default_lang)) {
            internal_originals.insert(identity.id);
        }
    }
    if (internal_originals.empty()) {
        return;
    }
    for (auto& article : articles) {
        if (is_public(article) && internal_originals.count(article.id) > 0) {
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

std::vector<PublishedArticle> published_articles(const std::vector<Article>& articles) {
    std::vector<PublishedArticle> out;
    for (const auto& article : articles) {
        if (!is_public(article) || article.draft) {
            continue;
        }
        const PublicArticle text = public_text(article);
        PublishedArticle& p = out.emplace_back();
        p.id = article.id;
        p.path = article.path;
        p.lang = article.lang;
        p.title = article.title;
        p.summary = article.summary;
        p.type = article.type;
        p.status = article.status;
        p.categories = article.categories;
        p.tags = article.tags;
        p.aliases = article.aliases;
        p.products = article.products;
        p.affected_versions = article.affected_versions;
        p.fixed_in = article.fixed_in;
        p.updated = article.updated;
        p.former_ids = article.former_ids;
        if (auto line = article.field_lines.find("id"); line != article.field_lines.end()) {
            p.id_line = line->second;
        }
        if (auto line = article.field_lines.find("former_ids"); line != article.field_lines.end()) {
            p.former_ids_line = line->second;
        }
        p.intro = text.intro;
        p.intro_line = article.body_line;
        p.sections = text.sections;

        // Anchors: those of the public headings, read again from the public
        // text, so an internal heading's anchor is not among them.
        std::set<std::string> targets;
        auto add_links = [&](const std::string& markdown) {
            for (auto& link : extract_links(markdown, 1)) {
                targets.insert(std::move(link.target));
            }
        };
        add_links(p.intro);
        std::set<std::string> public_anchors;
        for (const auto& section : p.sections) {
            public_anchors.insert(section.anchor);
            add_links(section.markdown);
        }
        for (const auto& section : p.sections) {
            for (const auto& heading : find_headings(section.markdown, 1)) {
                public_anchors.insert(heading_anchor(heading.text));
            }
        }
        for (const auto& heading : find_headings(p.intro, 1)) {
            public_anchors.insert(heading_anchor(heading.text));
        }
        // Keep the article's own anchor list (with GitHub's "-1" numbering)
        // where it names a public heading.
        for (const auto& anchor : article.anchors) {
            std::string base = anchor;
            if (auto dash = base.rfind('-'); dash != std::string::npos &&
                                             base.find_first_not_of("0123456789", dash + 1) == std::string::npos &&
                                             dash + 1 < base.size()) {
                base.resize(dash);
            }
            if (public_anchors.count(anchor) > 0 || public_anchors.count(base) > 0) {
                p.anchors.push_back(anchor);
            }
        }
        for (auto& link : extract_links(article.body, article.body_line)) {
            if (targets.count(link.target) > 0) {
                p.links.push_back(std::move(link));
            }
        }
        std::set<std::string> external_targets;
        auto add_external = [&](const std::string& markdown) {
            for (auto& link : extract_external_links(markdown, 1)) {
                external_targets.insert(std::move(link.target));
            }
        };
        add_external(p.intro);
        for (const auto& section : p.sections) {
            add_external(section.markdown);
        }
        if (!external_targets.empty()) {
            for (auto& link : extract_external_links(article.body, article.body_line)) {
                if (external_targets.count(link.target) > 0) {
                    p.external_links.push_back(std::move(link));
                }
            }
        }
    }
    return out;
}

}  // namespace faqt
