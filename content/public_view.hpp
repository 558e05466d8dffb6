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

namespace faqt {

// Whether the article may be shown to end users, drafts aside (search and
// list show drafts on request; the view never does).
bool is_public(const Article& article);

// A translation of an internal original is internal too, whatever it says
// itself: a writer who marks the original internal must not have to find
// every translation to keep it from end users. The original of an id is its
// article in default_lang. Marks such translations internal and sets
// internal_by_original, so check can still say which ones said public.
void inherit_internal_visibility(std::vector<Article>& articles, std::string_view default_lang);

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

}  // namespace faqt
