#pragma once
// Article: one Markdown file of the KB — front matter plus a body split into
// "##" sections. parse_article() never throws and never loses an article: a
// broken front matter yields diagnostics and an Article that still has an id,
// a path and its body.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/config.hpp"
#include "content/date.hpp"
#include "content/diagnostic.hpp"

namespace faqt {

enum class ArticleType { faq, known_error, howto, flow };
enum class Visibility { public_, internal };

const char* to_string(ArticleType type);       // "faq", "known-error", "howto", "flow"
const char* to_string(Visibility visibility);  // "public", "internal"
std::optional<ArticleType> parse_article_type(std::string_view text);
bool is_known_status(std::string_view status);  // investigating|workaround|fixed|wont-fix
// How bad a known error is, worst first: critical, high, medium, low.
const std::vector<std::string>& known_severities();
bool is_known_severity(std::string_view severity);
// The place of a severity in known_severities() (0 = critical); an unset or
// unknown one comes after low.
int severity_rank(std::string_view severity);

// A part of the body under a heading of level 1 or 2 (headings found by
// cmark-gfm: ATX and setext alike).
struct Section {
    std::string heading;  // text of the heading as readers see it, without markup
    SectionKind kind = SectionKind::other;
    int level = 2;
    int line = 0;          // 1-based line of the heading in the file
    std::string markdown;  // the section's body, without its heading
    std::string anchor;    // GitHub-style slug of the heading
    // The section is under an internal heading (its own, or one of a higher
    // level above it): none of it may be shown to end users.
    bool internal = false;
    // markdown without the parts under an internal heading; "" when internal.
    // Read it through content/public_view.hpp, the one rule of public text.
    std::string public_markdown;
};

struct Article {
    std::string id;    // "network/vpn-drops"
    std::string path;  // relative to the KB root, '/' separated
    std::string lang;  // "en", "vi", ...
    std::string title;
    std::string summary;
    ArticleType type = ArticleType::faq;
    std::string status;  // known errors only; "" when unset
    // Known errors only (cleared, with a warning, on other articles): one of
    // known_severities(); "" when unset.
    std::string severity;
    std::vector<std::string> categories;
    std::vector<std::string> tags;
    std::vector<std::string> aliases;
    std::vector<std::string> products;
    std::vector<std::string> affected_versions;
    std::string fixed_in;
    // The escalation group ([[escalation]] id) the article hands tickets to;
    // "" = its category's (content/escalation.hpp). Agent-side only.
    std::string escalate_to;
    // internal when the front matter says so, or when it cannot be read with
    // certainty (broken TOML/YAML, unclosed, a duplicate key, CR-only line
    // ends, a visibility that is not "public" or "internal"): fail closed.
    Visibility visibility = Visibility::public_;
    // Set by inherit_internal_visibility(): the article said public (or
    // nothing) but is a translation of an internal original, so it is internal.
    bool internal_by_original = false;
    bool draft = false;
    std::optional<Date> updated;
    std::optional<Date> review_by;
    std::vector<std::string> tickets;
    // Ids the article had before it moved; the site writes a redirect page
    // at each so old links keep working.
    std::vector<std::string> former_ids;

    std::string source;        // the whole file as read (UTF-8, repaired if needed)
    std::string body;          // Markdown after the front matter
    int body_line = 1;         // line of the file where body starts
    std::string intro;         // body text before the first "##" heading (without a leading "# title")
    std::string public_intro;  // intro without the parts under an internal heading
    // Every part of the body under an internal heading (any level, up to the
    // next heading of the same or a higher level), headings included:
    // searchable by agents, never shown to end users.
    std::string internal_markdown;
    // The file lines of internal_markdown, as [begin, end) ranges in order.
    std::vector<std::pair<int, int>> internal_lines;
    std::vector<Section> sections;
    std::vector<std::string> anchors;        // GitHub-style anchors of every heading
    std::map<std::string, int> field_lines;  // front matter key → line in the file

    bool is_known_error() const { return type == ArticleType::known_error; }
    bool is_internal() const { return visibility == Visibility::internal; }
    const Section* find_section(SectionKind kind) const;
    // Whether a file line is under an internal heading.
    bool is_internal_line(int line) const;
};

struct ParsedArticle {
    Article article;
    Diagnostics diagnostics;
};

// Parses text read from path (relative to the KB root, '/' separated).
// Invalid UTF-8 is reported and repaired; front matter errors are reported
// with the line in the file.
ParsedArticle parse_article(std::string_view text, std::string_view path, const Config& config);

// The id and language that the file name alone implies:
// "network/vpn-drops.vi.md" → {"network/vpn-drops", "vi"} when "vi" looks like
// a language code; otherwise lang is empty.
struct PathIdentity {
    std::string id;
    std::string lang;
};
PathIdentity identity_from_path(std::string_view path);

}  // namespace faqt
