#include "content/check.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "content/category.hpp"
#include "content/flow.hpp"
#include "content/markdown.hpp"
#include "content/public_view.hpp"
#include "content/text.hpp"

namespace faqt {

namespace fs = std::filesystem;

namespace {

int line_of(const Article& article, const std::string& key) {
    if (auto it = article.field_lines.find(key); it != article.field_lines.end()) {
        return it->second;
    }
    return 1;
}

// Splits "../x.md#anchor" into the path part and the anchor.
std::pair<std::string, std::string> split_target(const std::string& target) {
    std::string path = target;
    std::string anchor;
    if (auto hash = path.find('#'); hash != std::string::npos) {
        anchor = path.substr(hash + 1);
        path = path.substr(0, hash);
    }
    if (auto query = path.find('?'); query != std::string::npos) {
        path = path.substr(0, query);
    }
    return {path, anchor};
}

std::string percent_decode(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) != 0 &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2])) != 0) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace

LinkDestination resolve_link(std::string_view from_path, std::string_view target) {
    auto [target_path, anchor] = split_target(std::string(target));
    LinkDestination destination;
    destination.anchor = percent_decode(anchor);
    if (!target_path.empty() && (target_path.front() == '/' || target_path.front() == '\\')) {
        destination.from_root = true;
        destination.path = target_path;
        return destination;
    }
    if (target_path.empty()) {
        return destination;
    }
    const fs::path folder = fs::path(from_path).parent_path();
    std::string resolved = (folder / percent_decode(target_path)).lexically_normal().generic_string();
    while (resolved.size() > 1 && resolved.back() == '/') {
        resolved.pop_back();
    }
    destination.outside = resolved.rfind("../", 0) == 0 || resolved == "..";
    destination.path = std::move(resolved);
    return destination;
}

const Article* find_linked_article(const std::map<std::string, const Article*>& by_path, const std::string& path) {
    for (const auto& candidate : {path, path + ".md", path + "/index.md", path + "/_index.md"}) {
        if (auto it = by_path.find(candidate); it != by_path.end()) {
            return it->second;
        }
    }
    return nullptr;
}

namespace {

// A known error needs Symptoms and a Workaround or Resolution, found by
// their "##" headings. A heading faqt does not know is a warning: in another
// language it is most often a section name that [sections.LANG] lacks, and
// the missing-section errors then say so instead of asking for an English
// heading the writer does not want.
void check_known_error_sections(const Article& article, const Config& config, Diagnostics& out) {
    const std::string& path = article.path;
    const std::string lang = article.lang.empty() ? config.default_lang : article.lang;
    const std::string table = "[sections." + lang + "]";
    std::vector<const Section*> unknown;
    for (const auto& section : article.sections) {
        if (section.level != 2 || section.kind != SectionKind::other) {
            continue;
        }
        unknown.push_back(&section);
        out.push_back({path, section.line, 1, Severity::warning,
                       "known error has a section '## " + section.heading + "' that faqt does not know",
                       "name it Symptoms, Cause, Workaround, Resolution, Answer or Environment, or add '" +
                           section.heading + "' to " + table + " in faqt.toml"});
    }
    // The hint for a missing section: the heading to write, or, when the
    // article has headings faqt does not know, the table that should name them.
    // Symptoms come first in a known error, the fix after them: the first
    // and the last unknown heading are the likely names.
    auto missing_hint = [&](const char* kind, const char* english, const char* add) {
        if (!unknown.empty()) {
            const Section* likely = std::string_view(kind) == "symptoms" ? unknown.front() : unknown.back();
            if (std::string_view(kind) != "symptoms" && unknown.size() == 1 &&
                article.find_section(SectionKind::symptoms) == nullptr) {
                return "name this language's " + std::string(english) + " heading in " + table +
                       " of faqt.toml: " + kind + " = [\"...\"]";
            }
            return "if '## " + likely->heading + "' is the " + english + ", name it in " + table +
                   " of faqt.toml: " + kind + " = [\"" + likely->heading + "\"]";
        }
        return std::string(add) +
               (lang == "en" ? std::string() : "; or name this language's heading in " + table + " of faqt.toml");
    };
    const int line = line_of(article, "type");
    if (article.find_section(SectionKind::symptoms) == nullptr) {
        out.push_back({path, line, 1, Severity::error, "known error has no Symptoms section",
                       missing_hint("symptoms", "Symptoms", "add a '## Symptoms' section describing what users see")});
    }
    if (article.find_section(SectionKind::workaround) == nullptr &&
        article.find_section(SectionKind::resolution) == nullptr) {
        out.push_back({path, line, 1, Severity::error, "known error has no Workaround or Resolution section",
                       missing_hint("workaround", "Workaround", "add a '## Workaround' or '## Resolution' section")});
    }
}

}  // namespace

Diagnostics check_kb(const LoadedKb& kb, const Date& today) {
    Diagnostics out = kb.diagnostics;
    CategoryTree tree(kb.config);

    std::map<std::string, const Article*> by_path;
    for (const auto& article : kb.articles) {
        by_path[article.path] = &article;
    }

    // The original of each id: the article in the default language.
    std::map<std::string, const Article*> originals;
    for (const auto& article : kb.articles) {
        if (article.lang == kb.config.default_lang) {
            originals.emplace(article.id, &article);
        }
    }

    std::set<std::string> seen_ids;
    for (const auto& article : kb.articles) {
        seen_ids.insert(article.id);
    }

    std::map<std::pair<std::string, std::string>, const Article*> seen;
    for (const auto& article : kb.articles) {
        const std::string& path = article.path;
        auto key = std::make_pair(article.id, article.lang);
        if (auto [it, inserted] = seen.emplace(key, &article); !inserted) {
            out.push_back({path, line_of(article, "id"), 1, Severity::error,
                           "duplicate id '" + article.id + "' (" + article.lang + "), also used by " +
                               quote_name(it->second->path),
                           "rename one file or set a different 'id' in its front matter"});
        }

        // A file name that is not text cannot be shown as it is: terminals get
        // it quoted, JSON gets U+FFFD and the bytes in path_bytes.
        if (!is_valid_utf8(path)) {
            out.push_back({path, 0, 0, Severity::warning, "the file name is not valid UTF-8",
                           "rename the file; output shows the name quoted and --json with U+FFFD (see path_bytes)"});
        } else if (std::any_of(path.begin(), path.end(),
                               [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
            out.push_back({path, 0, 0, Severity::warning, "the file name holds control characters",
                           "rename the file; output shows the name quoted"});
        }

        // A translation must not publish what its original keeps internal, and
        // should describe the same kind of article.
        if (auto it = originals.find(article.id); it != originals.end() && it->second != &article) {
            const Article& original = *it->second;
            if (original.is_internal() && (article.internal_by_original || !article.is_internal())) {
                out.push_back({path, line_of(article, "visibility"), 1, Severity::error,
                               "translation is public but " + quote_name(original.path) +
                                   " is internal; the translation is treated as internal",
                               "add visibility = \"internal\" to the translation"});
            }
            if (original.type != article.type) {
                out.push_back({path, line_of(article, "type"), 1, Severity::warning,
                               std::string("translation is a ") + to_string(article.type) + " but " +
                                   quote_name(original.path) + " is a " + to_string(original.type),
                               "give both the same type"});
            }
            if (original.is_known_error() && article.is_known_error() && original.fixed_in != article.fixed_in) {
                out.push_back({path, line_of(article, "fixed_in"), 1, Severity::warning,
                               "translation says fixed_in \"" + article.fixed_in + "\" but " +
                                   quote_name(original.path) + " says \"" + original.fixed_in + "\"",
                               "keep fixed_in the same in every language so --version filters them alike"});
            }
        }

        for (const auto& category : article.categories) {
            if (!tree.contains(category)) {
                out.push_back(
                    {path, line_of(article, "categories"), 1, Severity::error, "unknown category '" + category + "'",
                     "declare it in faqt.toml as [[categories]] id = \"" + category + "\", or fix the spelling"});
            }
        }
        if (!article.escalate_to.empty() && kb.config.find_escalation(article.escalate_to) == nullptr) {
            out.push_back({path, line_of(article, "escalate_to"), 1, Severity::error,
                           "article escalates to '" + article.escalate_to + "', which is not an escalation group",
                           escalation_hint(article.escalate_to, kb.config)});
        }

        if (article.is_known_error()) {
            check_known_error_sections(article, kb.config, out);
        }

        std::set<int> flow_link_lines;
        if (article.type == ArticleType::flow) {
            ParsedFlow flow = parse_flow(article, kb.config);
            out.insert(out.end(), flow.diagnostics.begin(), flow.diagnostics.end());
            Diagnostics structure = check_flow(article, flow.flow, kb.articles, kb.config);
            out.insert(out.end(), structure.begin(), structure.end());
            // check_flow() reports an outcome's missing article: the link
            // check below need not say it again.
            for (const auto& step : flow.flow.steps) {
                for (const auto& outcome : step.outcomes) {
                    if (outcome.kind == FlowOutcomeKind::article) {
                        flow_link_lines.insert(outcome.line);
                    }
                }
            }
        }

        // A former id gets a redirect page in the site, unless an article
        // has that id now: that article's page wins.
        for (const auto& former : article.former_ids) {
            if (former != article.id && seen_ids.count(former) != 0) {
                out.push_back(
                    {path, line_of(article, "former_ids"), 1, Severity::warning,
                     "former id '" + former + "' is the id of another article; the site has no redirect for it",
                     "remove it from former_ids, or rename the other article"});
            }
        }

        if (article.review_by && *article.review_by < today) {
            out.push_back({path, line_of(article, "review_by"), 1, Severity::warning,
                           "review is overdue (review_by " + article.review_by->to_string() + ")",
                           "review the article and move review_by forward"});
        }

        // Links end users will see: in the public text of a public article.
        // One to an article the site does not have becomes plain text.
        const bool published = is_public(article) && !article.draft;

        for (const auto& link : extract_links(article.body, article.body_line)) {
            const LinkDestination destination = resolve_link(path, link.target);
            const std::string& anchor = destination.anchor;
            const Article* target = &article;
            if (destination.from_root) {
                if (!published || article.is_internal_line(link.line)) {
                    continue;
                }
                // The site cannot tell where the KB root is on the server:
                // it shows such a link as plain text (site/links.hpp).
                out.push_back({path, link.line, link.column, Severity::warning,
                               "link to " + link.target +
                                   " is written from the knowledge base's root; the site shows it as plain text",
                               "make it relative to this file's folder"});
                continue;
            }
            if (!destination.path.empty()) {
                const std::string& resolved = destination.path;
                if (destination.outside) {
                    out.push_back({path,
                                   link.line,
                                   link.column,
                                   Severity::error,
                                   "link points outside the knowledge base: " + link.target,
                                   {}});
                    continue;
                }
                target = find_linked_article(by_path, resolved);
                if (target == nullptr) {
                    // An image, an attachment or an excluded file that exists is fine.
                    std::error_code ec;
                    if (fs::exists(kb.config.root / resolved, ec) || flow_link_lines.count(link.line) != 0) {
                        continue;
                    }
                    const std::string name = fs::path(resolved).filename().string();
                    bool article_link = name.find('.') == std::string::npos ||
                                        (resolved.size() > 3 && resolved.substr(resolved.size() - 3) == ".md");
                    out.push_back(
                        {path, link.line, link.column, Severity::error,
                         "broken link: " + link.target + (article_link ? " (no such article)" : " (no such file)"),
                         "fix the path; links are relative to this file's folder"});
                    continue;
                }
                if (published && !article.is_internal_line(link.line) && (!is_public(*target) || target->draft)) {
                    out.push_back({path, link.line, link.column, Severity::warning,
                                   std::string(target->draft ? "links to a draft" : "links to an internal article") +
                                       "; the site shows the link as plain text",
                                   "link to a public article, or publish " + quote_name(target->path)});
                }
            }
            if (!anchor.empty()) {
                const auto& anchors = target->anchors;
                if (std::find(anchors.begin(), anchors.end(), lower(anchor)) == anchors.end()) {
                    out.push_back({path, link.line, link.column, Severity::error,
                                   "broken link: " + link.target + " (no heading with anchor #" + anchor + ")",
                                   "anchors are heading texts in lower case with spaces as '-'"});
                }
            }
        }
    }
    // Feeds, the sitemap and canonical links need absolute URLs.
    if (kb.config.site_line > 0 && kb.config.site_url().empty()) {
        out.push_back({"faqt.toml", kb.config.site_line, 1, Severity::warning,
                       "[site] has no base URL: the exported site has no feeds, no sitemap and no canonical links",
                       "set [site] base_url (or [kb] base_url) to the address the site is published at"});
    }
    sort_diagnostics(out);
    return out;
}

}  // namespace faqt
