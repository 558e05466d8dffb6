#include "index/plain_text.hpp"

#include <iterator>

#include "content/article.hpp"
#include "content/kb.hpp"
#include "content/markdown.hpp"
#include "content/public_view.hpp"

namespace faqt {

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            space = !out.empty();
        } else {
            if (space) {
                out += ' ';
                space = false;
            }
            out += c;
        }
    }
    return out;
}

void append_snippet_section(std::string& out, const Section& section, std::string_view plain) {
    out += '\n';
    out += section.heading;
    out += ": ";
    out += plain;
}

std::optional<std::string> read_snippet_text(const Config& config, std::string_view path) {
    // Through content's reader: never out of the KB by a link, never a FIFO.
    auto read = read_article_file((config.root / std::string(path)).string(), KbBoundary(config));
    if (!read) {
        return std::nullopt;
    }
    const std::string& bytes = *read;
    ParsedArticle parsed = parse_article(bytes, path, config);
    // Internal notes are searchable by agents but never shown in a snippet,
    // which may end up in front of a customer.
    const PublicArticle shown = public_text(parsed.article);
    std::string text = markdown_to_text(shown.intro);
    for (const auto& section : shown.sections) {
        append_snippet_section(text, section, markdown_to_text(section.markdown));
    }
    return collapse_whitespace(text);
}

}  // namespace faqt
