#include "content/public_view.hpp"

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "content/flow.hpp"
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
        // (or "When to escalate") is internal even if the ranges were ever
        // computed without it.
        if (section.internal || is_internal_kind(section.kind)) {
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

PublishedFlow published_flow(const Article& article, const std::vector<Article>& articles, const Config& config) {
    PublishedFlow published;
    if (article.type != ArticleType::flow || !is_public(article) || article.draft) {
        return published;
    }
    const ParsedFlow parsed = parse_flow(article, config);
    const std::vector<FlowStep>& steps = parsed.flow.steps;
    if (steps.empty() || steps.front().internal) {
        return published;
    }
    // Where each step of the flow is among the public ones; -1 for internal.
    std::vector<int> public_index(steps.size(), -1);
    int next = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (!steps[i].internal) {
            public_index[i] = next++;
        }
    }
    for (const FlowStep& step : steps) {
        if (step.internal) {
            continue;
        }
        PublishedStep shown;
        shown.number = step.number;
        shown.question = step.question;
        shown.detail = step.detail;
        for (const FlowOutcome& outcome : step.outcomes) {
            PublishedOutcome out;
            out.answer = outcome.answer;
            switch (outcome.kind) {
                case FlowOutcomeKind::step:
                    if (outcome.step_index >= 0 && static_cast<std::size_t>(outcome.step_index) < steps.size() &&
                        public_index[outcome.step_index] >= 0) {
                        out.kind = PublishedOutcomeKind::step;
                        out.step_index = public_index[outcome.step_index];
                    }
                    break;
                case FlowOutcomeKind::article:
                    if (const Article* fix = find_outcome_article(article, outcome, articles);
                        fix != nullptr && is_public(*fix) && !fix->draft) {
                        out.kind = PublishedOutcomeKind::article;
                        out.link = outcome.link;
                    }
                    break;
                case FlowOutcomeKind::escalation:
                    break;
                case FlowOutcomeKind::resolved:
                    out.kind = PublishedOutcomeKind::resolved;
                    break;
            }
            shown.outcomes.push_back(std::move(out));
        }
        // A step with no way on still ends somewhere: at contact support.
        if (shown.outcomes.empty()) {
            shown.outcomes.push_back(PublishedOutcome{});
        }
        published.steps.push_back(std::move(shown));
    }
    return published;
}

namespace {

// Links, images and reference definitions all need a ']': Markdown without
// one has no link to look for, and most sections have none.
bool may_hold_links(std::string_view markdown) {
    return markdown.find(']') != std::string_view::npos;
}

// A heading is an ATX "#", a raw HTML "<h1>" to "<h6>", or a paragraph over
// a setext underline: a line of only '=' or only '-' once the spaces, tabs
// and quote markers before it are set aside (a line ends at a newline or a carriage return, as
// in cmark-gfm). Markdown with none of these has
// no heading to look for.
bool may_hold_headings(std::string_view markdown) {
    if (markdown.find_first_of("#<=") != std::string_view::npos) {
        return true;
    }
    std::size_t start = 0;
    while (start < markdown.size()) {
        std::size_t end = markdown.find_first_of("\r\n", start);
        if (end == std::string_view::npos) {
            end = markdown.size();
        }
        std::string_view line = markdown.substr(start, end - start);
        const std::size_t first = line.find_first_not_of(" \t>");
        if (first != std::string_view::npos && line[first] == '-' &&
            line.find_first_not_of("- \t", first) == std::string_view::npos) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

PublishedArticle publish(const Article& article, const std::vector<Article>& articles, const Config* config) {
    const PublicArticle text = public_text(article);
    PublishedArticle p;
    p.id = article.id;
    p.path = article.path;
    p.lang = article.lang;
    p.title = article.title;
    p.summary = article.summary;
    p.type = article.type;
    p.status = article.status;
    p.severity = article.severity;
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
    if (config != nullptr) {
        p.flow = published_flow(article, articles, *config);
    }

    // Anchors: those of the public headings, read again from the public
    // text, so an internal heading's anchor is not among them.
    std::set<std::string> targets;
    auto add_links = [&](const std::string& markdown) {
        if (!may_hold_links(markdown)) {
            return;
        }
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
    auto add_headings = [&](const std::string& markdown) {
        if (!may_hold_headings(markdown)) {
            return;
        }
        for (const auto& heading : find_headings(markdown, 1)) {
            public_anchors.insert(heading_anchor(heading.text));
        }
    };
    for (const auto& section : p.sections) {
        add_headings(section.markdown);
    }
    add_headings(p.intro);
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
    // Positions come from the whole body, so they are the file's; only the
    // targets the public text holds are kept.
    if (!targets.empty()) {
        for (auto& link : extract_links(article.body, article.body_line)) {
            if (targets.count(link.target) > 0) {
                p.links.push_back(std::move(link));
            }
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
    return p;
}

}  // namespace

std::vector<PublishedArticle> published_articles(const std::vector<Article>& articles, const Config* config) {
    std::vector<const Article*> shown;
    for (const auto& article : articles) {
        if (is_public(article) && !article.draft) {
            shown.push_back(&article);
        }
    }
    // Each article is copied on its own, by every core; each result goes to
    // its article's place, so the order is the one given.
    std::vector<PublishedArticle> out(shown.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < shown.size(); i = next++) {
            out[i] = publish(*shown[i], articles, config);
        }
    };
    const std::size_t threads = std::max<std::size_t>(1, std::min<std::size_t>(8, std::thread::hardware_concurrency()));
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads && t * 64 < shown.size(); ++t) {
        pool.emplace_back(work);
    }
    work();
    for (std::thread& thread : pool) {
        thread.join();
    }
    return out;
}

}  // namespace faqt
