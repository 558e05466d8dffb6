#pragma once
// The public view of a knowledge base: the articles and the text that may be
// shown to end users, and nothing else. This is the one home of the rule of
// what is public; public search (the index's public terms and snippet text),
// `list --public`, `show` and the site export all decide through it.
//
// The rule, which fails closed:
// - an article is public only when its front matter was read with certainty
//   and says visibility = "public" or nothing (Article::visibility, set by
//   parse_article(): a broken front matter or an unknown visibility makes it
//   internal);
// - drafts are never in the view;
// - inside a public article, everything under an internal heading (any
//   level, any Markdown form: "## Internal notes", a setext "Internal
//   notes" over "---", "# Agent notes:") up to the next heading of the same
//   or a higher level is absent.
//
// Views point into the articles they were made from: keep those alive.
// Pure functions, safe to call from several threads at once.

#include <string>
#include <string_view>
#include <vector>

#include "content/article.hpp"
#include "content/config.hpp"
#include "content/markdown.hpp"

namespace faqt {

// Whether the article may be shown to end users, drafts aside (search and
// list show drafts on request; the view never does).
bool is_public(const Article& article);

// A translation of an internal original is internal too, whatever it says
// itself: a writer who marks the original internal must not have to find
// every translation to keep it from end users. The original of an id is its
// article in default_lang. Marks such translations internal and sets
// internal_by_original, so check can still say which ones said public.
// default_lang or a regional form of it ("en", "en-GB", "en_us"): the
// language of an id's original.
bool is_default_language(std::string_view lang, std::string_view default_lang);

// An original counts whether its language is default_lang or a regional
// form of it ("en-GB" when default_lang is "en"). unread: paths of article
// files that could not be read (too big, binary, unreadable): their
// visibility is unknown, so the translations of the ids their names give
// are internal too.
void inherit_internal_visibility(std::vector<Article>& articles, std::string_view default_lang,
                                 const std::vector<std::string>& unread = {});

// The text of one article as end users may see it. Made for any article,
// public or not: snippets show only this text, even to agents, since they
// may be pasted into a reply.
struct PublicArticle {
    const Article* article = nullptr;
    std::string intro;              // Markdown before the first section, internal parts removed
    std::vector<Section> sections;  // sections not under an internal heading, internal parts removed
};
PublicArticle public_text(const Article& article);

// The Markdown under internal headings, headings included: searchable by
// agents (indexed apart from the public text), never shown to end users.
std::string_view internal_text(const Article& article);

// The public articles of a KB (not drafts), in the order given, each with
// its public text.
struct PublicView {
    std::vector<PublicArticle> articles;
};
PublicView public_view(const std::vector<Article>& articles);

// What end users may see of a public flow: a self-service troubleshooter.
// Internal steps, escalation groups and their codes and contacts are
// agent-side and never in it: an outcome that leads to an internal step, to
// an escalation or to an article that is not public leads to "contact
// support" instead.
enum class PublishedOutcomeKind { step, article, contact, resolved };

struct PublishedOutcome {
    std::string answer;  // "yes", "not sure"
    PublishedOutcomeKind kind = PublishedOutcomeKind::contact;
    int step_index = -1;  // step: the index in PublishedFlow::steps
    std::string link;     // article: the link as written in the flow, to a public article
};

struct PublishedStep {
    int number = 0;        // as written: "step N" in the public text still counts right
    std::string question;  // Markdown
    std::string detail;    // Markdown, "" when none
    std::vector<PublishedOutcome> outcomes;
};

struct PublishedFlow {
    // Public steps only, in the order written; steps[0] is where a walk
    // starts. Empty when the flow is not published as a troubleshooter: its
    // first step is internal or it has no step (the page then shows the
    // public text only).
    std::vector<PublishedStep> steps;
};

// The troubleshooter of a public flow article (empty for any other
// article). articles is the whole KB, to find the articles outcomes link to.
PublishedFlow published_flow(const Article& article, const std::vector<Article>& articles, const Config& config);

// A copy of what end users may see of one article, holding nothing else:
// no source, no body, no internal parts, no anchors of internal headings.
// The site export receives only these, so internal text cannot reach it by
// any path, however its code is changed.
struct PublishedArticle {
    std::string id;
    std::string path;  // relative to the KB root, '/' separated (links are relative to its folder)
    std::string lang;
    std::string title;
    std::string summary;
    ArticleType type = ArticleType::faq;
    std::string status;
    std::string severity;
    std::vector<std::string> categories;
    std::vector<std::string> tags;
    std::vector<std::string> aliases;
    std::vector<std::string> products;
    std::vector<std::string> affected_versions;
    std::string fixed_in;
    std::optional<Date> updated;
    std::vector<std::string> former_ids;
    // File lines of the front matter's id and former_ids keys (1 when the
    // key is not written: the id then comes from the file name), for
    // warnings about them.
    int id_line = 1;
    int former_ids_line = 1;
    std::string intro;                 // public Markdown before the first section
    int intro_line = 0;                // file line where intro starts
    std::vector<Section> sections;     // public sections, markdown = their public text
    std::vector<std::string> anchors;  // anchors of the public headings only
    // Links of the public text (content/markdown.hpp's extract_links) with
    // their line and column in the file, for warnings about them.
    std::vector<Link> links;
    // Links and images with a scheme or "//host" in the public text
    // (extract_external_links), with their line and column in the file: the
    // site warns about external images and javascript: links.
    std::vector<ExternalLink> external_links;

    // Flow articles: the troubleshooter (published_articles() with a config).
    PublishedFlow flow;

    bool is_known_error() const { return type == ArticleType::known_error; }
};

// The public articles of a KB (not drafts; every language), in the order
// given, copied so that nothing internal comes along.
// With a config, flow articles carry their troubleshooter.
std::vector<PublishedArticle> published_articles(const std::vector<Article>& articles, const Config* config = nullptr);

}  // namespace faqt
