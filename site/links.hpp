#pragma once
// Where a link written in an article's public Markdown leads on the site:
// another public article's page, a file of the KB copied beside the site,
// or nowhere (the link's text stays, with a warning). The one rule for
// links of the site; the pages apply it, and the input keys of incremental
// export hash its results.
//
// Pure functions; thread-safe.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "content/public_view.hpp"

namespace faqt {

struct LinkTarget {
    enum class Kind {
        keep,        // external (http, https, mailto) or "#anchor": as written
        article,     // another article's page: article_path, fragment
        attachment,  // a file of the KB: kb_path, fragment
        text,        // no link: warning says why
    };
    Kind kind = Kind::keep;
    const PublishedArticle* article = nullptr;  // Kind::article: the file linked to
    std::string kb_path;                        // attachment: its path in the KB, '/' separated
    std::string fragment;                       // after '#', as written
    std::string warning;                        // Kind::text: the message of the warning
};

// What a link may reach: public articles by their path, and the files of the
// KB.
struct LinkScope {
    std::filesystem::path root;                                                // the KB root (config.root)
    const std::map<std::string, const PublishedArticle*>* articles = nullptr;  // by path
};

// The target of url (a link or image destination as written, from
// extract_links or the renderer) in the article at from_path. External
// images are Kind::text: a page may load nothing from outside the site.
LinkTarget resolve_link(std::string_view url, bool image, std::string_view from_path, const LinkScope& scope);

// Whether url has a scheme ("https:", "javascript:") or is scheme-relative
// ("//host"): not a path in the KB.
bool is_external_url(std::string_view url);

}  // namespace faqt
