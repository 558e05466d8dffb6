#pragma once
// Markdown rendering with cmark-gfm (CommonMark plus GitHub's tables,
// strikethrough, autolinks and task lists): HTML for show and export, plain
// text for the index and snippets, and styled text for the terminal.
// Docs-repository syntax (> [!NOTE], >![info], :::image:::, [!INCLUDE])
// degrades to readable text. All functions are thread-safe.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace faqt {

// HTML fragment. Raw HTML in the Markdown goes through the sanitiser of
// html_sanitiser.hpp (a whitelist of safe elements, unsafe URLs dropped)
// unless allow_html is true, when it passes through as written.
std::string markdown_to_html(std::string_view markdown, bool allow_html);

// What becomes of one link or image destination when rendering HTML.
struct LinkRewrite {
    enum class Action {
        keep,     // the destination as written
        replace,  // url instead
        text,     // no link: a link's text, an image's alt text, stays
    };
    Action action = Action::keep;
    std::string url;
};

struct HtmlOptions {
    bool allow_html = false;  // raw HTML as written; else the sanitiser
    // Called once per link and image, in document order, with the
    // destination as written; null keeps every one. A javascript:, data: or
    // other unsafe destination is rendered as text whatever it returns.
    std::function<LinkRewrite(std::string_view url, bool image)> rewrite_link;
    // Docs callouts ("> [!NOTE]", "> [!TIP]", "> [!WARNING]", "> [!IMPORTANT]",
    // "> [!CAUTION]"; a top-level quote that opens with "**Note:**" reads the
    // same) become <aside class="callout callout-note" role="note"> with a
    // <p class="callout-label"> naming them, instead of a quote. The label
    // is callout_label(kind) when set and not empty ("note", "tip",
    // "important", "warning", "caution", "error"), else the English name.
    bool callouts = false;
    std::function<std::string(std::string_view kind)> callout_label;
};

// HTML fragment as above, with links rewritten and callouts as options say.
std::string markdown_to_html(std::string_view markdown, const HtmlOptions& options);

// Plain text without markup, for indexing and snippets: the text, code and
// code-block nodes of cmark-gfm's tree (a literal "<" or "&lt;" is text),
// raw HTML reduced to the text of its safe elements.
std::string markdown_to_text(std::string_view markdown);

struct TerminalStyle {
    bool color = false;
    int width = 80;  // 0: no wrapping, lines as long as their paragraphs
    // ASCII marks for text pasted into a ticket reply: "- " bullets, quotes
    // (and callouts) indented by two spaces, headings without underline,
    // table cells split by " | ", no rule lines.
    bool plain_marks = false;
};

// Text for a terminal: headings emphasised, lists with bullets, tables as
// aligned columns, code indented, links as "text <url>", raw HTML through
// the sanitiser (its tables as tables, the rest as text). With
// plain_marks and width 0 it is the text of a canned answer
// (content/canned_answer.hpp).
std::string markdown_to_terminal(std::string_view markdown, const TerminalStyle& style);

// A place where the Markdown goes past what faqt gives cmark-gfm, whose time
// grows with the square of some constructs. Every renderer above bounds its
// input the same way: the construct is cut off and its rest read as text.
struct MarkdownLimit {
    int line = 0;         // in the file, counting from first_line
    std::string message;  // what was cut off, for a warning
    std::string hint;     // what the author can do about it
};

// The limits the Markdown goes past, at most one per kind, in line order.
// first_line is the file line where the Markdown starts.
std::vector<MarkdownLimit> markdown_limits(std::string_view markdown, int first_line);

struct Link {
    std::string target;  // as written: "../network/vpn.md#workaround"
    int line = 0;        // in the file, counting from first_line
    int column = 0;
};

// Links and images of the Markdown that point inside the KB (no scheme,
// no mailto:, not "//host"; a path from the KB root such as "/public/x.md"
// is one, so check and the site can warn about it), with their position. first_line is the file
// line where the Markdown starts.
std::vector<Link> extract_links(std::string_view markdown, int first_line);

// The other links and images: those with a scheme ("https:", "javascript:")
// or scheme-relative ("//host"), with their position; image tells which
// are images. For warnings about what a page may not link or load.
// The destinations of the links and images the HTML renderers show, in
// document order: extract_links() reads the Markdown as written, where a
// docs include ("[!INCLUDE [x](../includes/x.md)]") is a link the pages
// never show.
std::vector<std::string> rendered_link_targets(std::string_view markdown);

struct ExternalLink {
    std::string target;
    int line = 0;
    int column = 0;
    bool image = false;
};
std::vector<ExternalLink> extract_external_links(std::string_view markdown, int first_line);

struct Heading {
    int level = 0;          // 1 to 6
    std::string text;       // as readers see it: markup dropped, every Unicode space a ' ', runs collapsed, trimmed
    int line = 0;           // first line in the file, counting from first_line
    int end_line = 0;       // last line: the underline of a setext heading, else line
    bool top_level = true;  // false inside a quote or a list item
};

// Every heading as cmark-gfm sees it — ATX ("## Symptoms") and setext
// ("Symptoms" underlined with "---" or "==="), inside quotes and lists too,
// never inside a code block — in document order. first_line is the file line
// where the Markdown starts.
std::vector<Heading> find_headings(std::string_view markdown, int first_line);

// text with every Unicode space (no-break, thin, ideographic, ...) and tab
// as ' ', runs collapsed, trimmed: how headings are compared.
std::string normalise_spaces(std::string_view text);

}  // namespace faqt
