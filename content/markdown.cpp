#include "content/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "content/html_sanitiser.hpp"
#include "content/text.hpp"

namespace faqt {

namespace {

constexpr const char* k_extensions[] = {"table", "strikethrough", "autolink", "tasklist"};

struct NodeDeleter {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

std::string take_string(char* text) {
    std::string out = text == nullptr ? std::string() : std::string(text);
    std::free(text);
    return out;
}

// Replaces ":::image type="content" source="x.png" alt-text="Alt":::" by
// "*[Image: Alt]*", wherever it appears in the line (tables and list items
// hold them too).
std::string replace_docs_images(std::string line) {
    std::size_t at = 0;
    while ((at = line.find(":::image", at)) != std::string::npos) {
        if (line.compare(at, 12, ":::image-end") == 0) {
            auto close = line.find(":::", at + 3);
            line.erase(at, close == std::string::npos ? std::string::npos : close + 3 - at);
            continue;
        }
        auto close = line.find(":::", at + 8);
        std::string directive = line.substr(at, close == std::string::npos ? std::string::npos : close - at);
        std::string replacement = "*[Image]*";
        if (auto alt = directive.find("alt-text=\""); alt != std::string::npos) {
            auto start = alt + 10;
            auto end = directive.find('"', start);
            replacement =
                "*[Image: " + directive.substr(start, end == std::string::npos ? std::string::npos : end - start) +
                "]*";
        }
        line.replace(at, close == std::string::npos ? std::string::npos : close + 3 - at, replacement);
        at += replacement.size();
    }
    return line;
}

// The label of a docs callout marker: "[!NOTE]" (GitHub, Microsoft docs)
// or, at the start of a quote, "![info]" (Adobe's docs site). Case does not
// matter. Empty when word names no callout.
std::string_view callout_name(std::string_view word) {
    static const std::pair<std::string_view, std::string_view> names[] = {
        {"note", "Note"},       {"info", "Note"},       {"tip", "Tip"},    {"important", "Important"},
        {"warning", "Warning"}, {"caution", "Caution"}, {"error", "Error"}};
    std::string folded = lower(std::string(word));
    for (const auto& [name, label] : names) {
        if (folded == name) {
            return label;
        }
    }
    return {};
}

// Replaces callout markers in one line by "**Note:**" and the like.
void replace_callouts(std::string& line) {
    std::size_t at = 0;
    bool quote_start = true;  // only blanks and '>' so far: "![info]" is a marker here
    bool quoted = false;      // a '>' so far (kept as it goes: finding it again is quadratic)
    std::string out;          // built anew: replacing in place is quadratic too
    out.reserve(line.size());
    while (at < line.size()) {
        char c = line[at];
        bool bang_first = c == '!' && quote_start && at + 1 < line.size() && line[at + 1] == '[';
        bool bracket_first = c == '[' && at + 1 < line.size() && line[at + 1] == '!';
        if (bang_first || bracket_first) {
            std::size_t word = at + 2;
            // Looked for among the next few characters only: a run of "[!"
            // would find the same far ']' again for each.
            std::size_t close = std::string_view(line).substr(word, 11).find(']');
            if (close != std::string_view::npos) {
                close += word;
                std::string_view label = callout_name(std::string_view(line).substr(word, close - word));
                if (!label.empty() && (c != '!' || quoted)) {
                    out += "**";
                    out += label;
                    out += ":**";
                    at = close + 1;
                    quote_start = false;
                    continue;
                }
            }
        }
        if (c != ' ' && c != '\t' && c != '>') {
            quote_start = false;
        }
        quoted = quoted || c == '>';
        out += c;
        ++at;
    }
    line = std::move(out);
}

// Docs repositories use a few extensions of their own; turn them into plain
// Markdown so they read well everywhere. Line count is kept, so positions
// still match the file.
std::string normalise_docs_syntax(std::string_view markdown) {
    std::string out;
    out.reserve(markdown.size());
    std::size_t pos = 0;
    while (pos < markdown.size()) {
        auto end = markdown.find('\n', pos);
        std::size_t next = end == std::string_view::npos ? markdown.size() : end + 1;
        std::string line(markdown.substr(pos, next - pos));
        pos = next;
        if (line.find(":::") != std::string::npos) {
            line = replace_docs_images(std::move(line));
            std::string trimmed = trim(line);
            if (trimmed.rfind(":::", 0) == 0) {
                // Other directives (:::zone, :::row) carry no text.
                line = "\n";
            }
        }
        if (line.find("[!INCLUDE") != std::string::npos || line.find("[!include") != std::string::npos) {
            line = "\n";
        }
        if (line.find("[!") != std::string::npos || line.find("![") != std::string::npos) {
            replace_callouts(line);
        }
        out += line;
    }
    return out;
}

// cmark-gfm 0.29 takes time quadratic in some constructs; a 1 MiB article
// made of them takes minutes. The Markdown given to cmark is bounded first,
// by escaping the markers past each limit, so the rest of the construct is
// read as text: line count and every word are kept.
constexpr int k_max_nesting = 32;         // list and quote markers opening on one line ("- - - - x")
constexpr int k_max_brackets = 256;       // '[' in one paragraph ("![[]()" repeated)
constexpr int k_max_table_columns = 128;  // '|' in one line (a 30,000-column table)
// '*' and '_' in one paragraph, each ("*a" repeated: half a million
// emphasis nodes, a second to parse, render and sanitise).
constexpr int k_max_emphasis = 1024;

enum class LimitKind { nesting, brackets, columns, emphasis };

struct LimitHit {
    LimitKind kind;
    int line;  // 1-based, in the Markdown
};

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

// Where the text of a line starts after its list and quote markers. Past
// k_max_nesting markers the rest of them are removed: the text stays, one
// level deeper than the limit's.
std::size_t bound_nesting(std::string& line, bool& hit) {
    std::size_t pos = 0;
    std::size_t cut = std::string::npos;  // where the marker past the limit starts
    int markers = 0;
    while (true) {
        std::size_t start = pos;
        while (pos < line.size() && is_blank(line[pos])) {
            ++pos;
        }
        std::size_t after = std::string::npos;
        if (pos < line.size()) {
            char c = line[pos];
            auto ends_marker = [&](std::size_t at) {
                return at >= line.size() || is_blank(line[at]) || line[at] == '\n';
            };
            if (c == '>') {
                after = pos + 1;
            } else if ((c == '-' || c == '*' || c == '+') && ends_marker(pos + 1)) {
                after = pos + 1;
            } else if (c >= '0' && c <= '9') {
                std::size_t digits = pos;
                while (digits < line.size() && digits - pos < 9 && line[digits] >= '0' && line[digits] <= '9') {
                    ++digits;
                }
                if (digits < line.size() && (line[digits] == '.' || line[digits] == ')') && ends_marker(digits + 1)) {
                    after = digits + 1;
                }
            }
        }
        if (after == std::string::npos) {
            if (cut != std::string::npos) {
                line.erase(cut, start - cut);
                hit = true;
                return cut;
            }
            return pos;
        }
        if (++markers == k_max_nesting + 1) {
            cut = start;
        }
        pos = after;
    }
}

// Escapes every occurrence of c in line[from..] past the first budget
// unescaped ones; budget is what remains afterwards (at least 0).
bool bound_character(std::string& line, std::size_t from, char c, int& budget) {
    std::size_t i = from;
    for (; i < line.size(); ++i) {
        if (line[i] == '\\') {
            ++i;
        } else if (line[i] == c) {
            if (budget == 0) {
                break;
            }
            --budget;
        }
    }
    if (i >= line.size()) {
        return false;
    }
    // Past the budget: copy the rest once, escaping as it goes.
    std::string out = line.substr(0, i);
    out.reserve(line.size() + line.size() / 4);
    for (; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size()) {
            out += line[i];
            out += line[++i];
            continue;
        }
        if (line[i] == c) {
            out += '\\';
        }
        out += line[i];
    }
    line = std::move(out);
    return true;
}

// The '>' markers a line starts with, and the columns of blank after the
// last one.
struct QuotePrefix {
    int quotes = 0;
    std::size_t after = 0;   // where the text after the last '>' starts
    std::size_t indent = 0;  // its leading blank columns
    bool blank = true;       // nothing but blanks after the quotes
};

QuotePrefix quote_prefix(std::string_view line) {
    QuotePrefix prefix;
    std::size_t pos = 0;
    while (true) {
        std::size_t start = pos;
        std::size_t indent = 0;
        while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) {
            indent += line[pos] == '\t' ? 4 : 1;
            ++pos;
        }
        if (pos < line.size() && line[pos] == '>') {
            ++prefix.quotes;
            ++pos;
            continue;
        }
        prefix.after = start;
        prefix.indent = indent;
        prefix.blank = line.substr(pos).find_first_not_of(" \t\r\n") == std::string_view::npos;
        return prefix;
    }
}

std::string bound_markdown(std::string_view markdown, std::vector<LimitHit>* hits) {
    std::string out;
    out.reserve(markdown.size() + 16);
    std::size_t pos = 0;
    int line_number = 0;
    int brackets = k_max_brackets;
    // Fenced code is not parsed for links or tables, so it is not counted:
    // the opening fence while inside one, its quote depth and its column.
    // A line less quoted or less indented than the fence ends the quote or
    // list item holding it, and so the code block too (maybe earlier than
    // cmark does, never later: what cmark parses as text is always counted).
    std::string fence;
    int fence_quotes = 0;
    std::size_t fence_indent = 0;
    int stars = k_max_emphasis;
    int underscores = k_max_emphasis;
    bool seen[4] = {false, false, false, false};
    auto record = [&](LimitKind kind) {
        if (hits != nullptr && !seen[static_cast<int>(kind)]) {
            seen[static_cast<int>(kind)] = true;
            hits->push_back({kind, line_number});
        }
    };
    while (pos < markdown.size()) {
        auto end = markdown.find('\n', pos);
        std::size_t next = end == std::string_view::npos ? markdown.size() : end + 1;
        std::string line(markdown.substr(pos, next - pos));
        pos = next;
        ++line_number;
        bool nested = false;
        std::size_t text = bound_nesting(line, nested);
        if (nested) {
            record(LimitKind::nesting);
        }
        std::string_view rest = std::string_view(line).substr(text);
        char fence_char = rest.empty() ? '\0' : rest.front();
        std::size_t run = 0;
        while (run < rest.size() && rest[run] == fence_char) {
            ++run;
        }
        const QuotePrefix quoted = quote_prefix(line);
        if (!fence.empty()) {
            if (quoted.quotes < fence_quotes || (!quoted.blank && quoted.indent < fence_indent)) {
                fence.clear();  // its container ended; read the line as any other
            } else {
                if (run >= fence.size() && fence_char == fence.front() &&
                    rest.substr(run).find_first_not_of(" \t\r\n") == std::string_view::npos) {
                    fence.clear();
                }
                out += line;
                continue;
            }
        }
        if ((fence_char == '`' || fence_char == '~') && run >= 3 &&
            (fence_char == '~' || rest.substr(run).find('`') == std::string_view::npos)) {
            fence.assign(run, fence_char);
            fence_quotes = quoted.quotes;
            fence_indent = 0;
            for (std::size_t i = quoted.after; i < text && i < line.size(); ++i) {
                fence_indent += line[i] == '\t' ? 4 : 1;
            }
            out += line;
            continue;
        }
        if (rest.find_first_not_of(" \t\r\n") == std::string_view::npos) {
            brackets = k_max_brackets;  // a blank line ends the paragraph
            stars = k_max_emphasis;
            underscores = k_max_emphasis;
        }
        // A line of nothing but '*' or '_' may be a thematic break, which
        // escaping would turn into text; it is one run of delimiters anyway.
        const bool rule = rest.find_first_not_of("*_ \t\r\n") == std::string_view::npos;
        if (bound_character(line, text, '[', brackets)) {
            record(LimitKind::brackets);
        }
        if (!rule && (bound_character(line, text, '*', stars) | bound_character(line, text, '_', underscores))) {
            record(LimitKind::emphasis);
        }
        int columns = k_max_table_columns;
        if (bound_character(line, text, '|', columns)) {
            record(LimitKind::columns);
        }
        out += line;
    }
    return out;
}

NodePtr parse(std::string_view markdown, int options) {
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    std::string text = bound_markdown(normalise_docs_syntax(markdown), nullptr);
    cmark_parser* parser = cmark_parser_new(options);
    for (const char* name : k_extensions) {
        if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
            cmark_parser_attach_syntax_extension(parser, extension);
        }
    }
    cmark_parser_feed(parser, text.data(), text.size());
    NodePtr root;
    {
        // cmark-gfm 0.29 keeps the inline parser's special characters in a
        // global table: finishing a document adds its extensions' (':' and
        // 'w' for autolinks, '~') and then removes them, so two threads
        // finishing at once take them from each other and a URL is a link
        // or not by chance. Block parsing (feed) stays parallel.
        static std::mutex finishing;
        std::lock_guard<std::mutex> lock(finishing);
        root.reset(cmark_parser_finish(parser));
    }
    cmark_parser_free(parser);
    return root;
}

std::string literal(cmark_node* node) {
    const char* text = cmark_node_get_literal(node);
    return text == nullptr ? std::string() : std::string(text);
}

bool is_type(cmark_node* node, const char* name) {
    const char* type = cmark_node_get_type_string(node);
    return type != nullptr && std::string_view(type) == name;
}

// Whether the inlines of block hold raw HTML ("<b>", "</b>", "<br>"), which
// then has to be read with the text around it: cmark gives each tag its own
// node.
bool has_inline_html(cmark_node* block) {
    bool found = false;
    cmark_iter* iter = cmark_iter_new(block);
    cmark_event_type event;
    while (!found && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        found = event == CMARK_EVENT_ENTER && cmark_node_get_type(cmark_iter_get_node(iter)) == CMARK_NODE_HTML_INLINE;
    }
    cmark_iter_free(iter);
    return found;
}

// The inlines of block as one HTML fragment (Markdown text escaped, raw HTML
// as written), for the sanitiser. Found without recursion.
std::string inline_html(cmark_node* block) {
    std::string out;
    cmark_iter* iter = cmark_iter_new(block);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (node == block) {
            continue;
        }
        bool enter = event == CMARK_EVENT_ENTER;
        switch (cmark_node_get_type(node)) {
            case CMARK_NODE_TEXT:
                append_html_escaped(literal(node), out);
                break;
            case CMARK_NODE_CODE:
                out += "<code>";
                append_html_escaped(literal(node), out);
                out += "</code>";
                break;
            case CMARK_NODE_HTML_INLINE:
                out += literal(node);
                break;
            case CMARK_NODE_SOFTBREAK:
                out += ' ';
                break;
            case CMARK_NODE_LINEBREAK:
                out += "<br>";
                break;
            case CMARK_NODE_EMPH:
                out += enter ? "<em>" : "</em>";
                break;
            case CMARK_NODE_STRONG:
                out += enter ? "<strong>" : "</strong>";
                break;
            default:
                break;  // links and images: their text is enough here
        }
    }
    cmark_iter_free(iter);
    return out;
}

// The text of every node below node, found without recursion, with breaks
// as spaces: what the terminal shows of blocks nested too deeply to indent.
std::string flat_text(cmark_node* node) {
    std::string out;
    cmark_iter* iter = cmark_iter_new(node);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* current = cmark_iter_get_node(iter);
        if (event != CMARK_EVENT_ENTER) {
            continue;
        }
        switch (cmark_node_get_type(current)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
            case CMARK_NODE_CODE_BLOCK:
                out += literal(current);
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                out += ' ';
                break;
            default:
                // Blocks are separated by a space so their words do not run together.
                if ((cmark_node_get_type(current) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK && !out.empty() &&
                    out.back() != ' ') {
                    out += ' ';
                }
                break;
        }
    }
    cmark_iter_free(iter);
    return out;
}

cmark_llist* extension_list(cmark_node* root) {
    (void)root;
    cmark_llist* list = nullptr;
    cmark_mem* mem = cmark_get_default_mem_allocator();
    for (const char* name : k_extensions) {
        if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
            list = cmark_llist_append(mem, list, extension);
        }
    }
    return list;
}

class TerminalRenderer {
public:
    explicit TerminalRenderer(const TerminalStyle& style) : m_style(style) {}

    std::string render(cmark_node* root) {
        blocks(root, "", "");
        while (!m_out.empty() && m_out.back() == '\n') {
            m_out.pop_back();
        }
        m_out += '\n';
        return m_out;
    }

private:
    // The renderer recurses once per level of quotes, lists and emphasis, and
    // each level widens the prefix of every line below it. CommonMark has no
    // limit ("> > > ..." 20,000 times is one valid quote), so past this depth
    // the rest of a block is shown as flat text: no stack overflow, and no
    // output that grows with the square of the nesting.
    static constexpr int k_max_depth = 32;

    // Counts a level of recursion for as long as it lives.
    class DepthGuard {
    public:
        explicit DepthGuard(int& depth) : m_depth(depth) { ++m_depth; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;
        ~DepthGuard() { --m_depth; }

    private:
        int& m_depth;
    };

    std::string_view esc(const char* code) const { return m_style.color ? std::string_view(code) : std::string_view(); }

    void separate() {
        if (!m_out.empty() && m_out.size() >= 2 && m_out.substr(m_out.size() - 2) != "\n\n") {
            m_out += '\n';
        }
    }

    // Renders the children of node as blocks. first_prefix starts the first
    // line, prefix every other line (for list bullets and quotes).
    void blocks(cmark_node* parent, std::string first_prefix, const std::string& prefix) {
        bool first = true;
        for (cmark_node* node = cmark_node_first_child(parent); node != nullptr; node = cmark_node_next(node)) {
            // A block that shows nothing (an HTML anchor) adds no blank line either.
            const std::size_t before = m_out.size();
            if (!first) {
                if (cmark_node_get_type(parent) == CMARK_NODE_ITEM &&
                    !cmark_node_get_list_tight(cmark_node_parent(parent))) {
                    m_out += trim_right(prefix) + "\n";
                } else if (cmark_node_get_type(parent) != CMARK_NODE_ITEM) {
                    m_out += trim_right(prefix) + "\n";
                }
            }
            const std::size_t separated = m_out.size();
            if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK && unclosed_tables(literal(node)) > 0) {
                // A raw HTML table with blank lines or Markdown inside is
                // several cmark nodes; read them as the one table they are.
                std::string html = literal(node);
                int open = unclosed_tables(html);
                while (open > 0 && cmark_node_next(node) != nullptr) {
                    node = cmark_node_next(node);
                    std::string part =
                        cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK ? literal(node) : render_node_html(node);
                    open += unclosed_tables(part);
                    html += part;
                }
                html_blocks(html, first ? first_prefix : prefix, prefix);
            } else {
                block(node, first ? first_prefix : prefix, prefix);
            }
            if (separated != before && m_out.size() == separated) {
                m_out.resize(before);
                continue;
            }
            first = false;
        }
    }

    // How many more <table> than </table> html holds.
    static int unclosed_tables(const std::string& html) {
        int open = 0;
        for (std::size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
            std::size_t name = at + 1;
            bool closing = name < html.size() && html[name] == '/';
            if (closing) {
                ++name;
            }
            if (html.size() - name >= 5 && lower(html.substr(name, 5)) == "table" &&
                (name + 5 == html.size() || !std::isalnum(static_cast<unsigned char>(html[name + 5])))) {
                open += closing ? -1 : 1;
            }
        }
        return open;
    }

    static std::string render_node_html(cmark_node* node) {
        cmark_llist* extensions = extension_list(node);
        std::string html = take_string(cmark_render_html(node, CMARK_OPT_UNSAFE, extensions));
        cmark_llist_free(cmark_get_default_mem_allocator(), extensions);
        return html;
    }

    // Raw HTML through the sanitiser: tables stay tables, the rest is text.
    void html_blocks(const std::string& html, const std::string& first_prefix, const std::string& prefix) {
        bool first = true;
        for (HtmlBlock& part : html_to_blocks(html)) {
            if (!first) {
                m_out += trim_right(prefix) + "\n";
            }
            if (part.rows.empty()) {
                wrap(strip_control(part.text), first ? first_prefix : prefix, prefix);
            } else {
                for (auto& row : part.rows) {
                    for (auto& cell : row) {
                        cell = strip_control(cell);
                    }
                }
                print_table(part.rows, part.header_rows, prefix);
            }
            first = false;
        }
    }

    static std::string trim_right(std::string s) {
        while (!s.empty() && s.back() == ' ') {
            s.pop_back();
        }
        return s;
    }

    void block(cmark_node* node, const std::string& first_prefix, const std::string& prefix) {
        const DepthGuard guard(m_depth);
        if (m_depth > k_max_depth) {
            wrap(flat_text(node), first_prefix, prefix);
            return;
        }
        switch (cmark_node_get_type(node)) {
            case CMARK_NODE_PARAGRAPH:
                wrap(block_inlines(node), first_prefix, prefix);
                return;
            case CMARK_NODE_HEADING: {
                int level = cmark_node_get_heading_level(node);
                std::string text = block_inlines(node);
                std::string style = level <= 2 ? std::string(esc("\033[1;4m")) : std::string(esc("\033[1m"));
                m_out += first_prefix + style + text + std::string(esc("\033[0m")) + "\n";
                // Without colour, underline top headings so they stand out from paragraphs.
                if (!m_style.color && !m_style.plain_marks && level <= 2) {
                    std::string rule;
                    for (std::size_t i = 0, n = std::min<std::size_t>(visible_width(text), 80); i < n; ++i) {
                        rule += level == 1 ? "=" : "-";
                    }
                    m_out += prefix + rule + "\n";
                }
                return;
            }
            case CMARK_NODE_LIST: {
                bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
                int number = cmark_node_get_list_start(node);
                bool first = true;
                for (cmark_node* item = cmark_node_first_child(node); item != nullptr; item = cmark_node_next(item)) {
                    std::string bullet = ordered ? std::to_string(number++) + ". " : m_style.plain_marks ? "- " : "• ";
                    if (is_type(item, "tasklist")) {
                        bullet = cmark_gfm_extensions_get_tasklist_item_checked(item) ? "[x] " : "[ ] ";
                    }
                    if (!first && !cmark_node_get_list_tight(node)) {
                        m_out += trim_right(prefix) + "\n";
                    }
                    first = false;
                    blocks(item,
                           (first_prefix.size() > prefix.size() && item == cmark_node_first_child(node) ? first_prefix
                                                                                                        : prefix) +
                               bullet,
                           prefix + std::string(display_width(bullet), ' '));
                }
                return;
            }
            case CMARK_NODE_CODE_BLOCK: {
                std::string code = strip_control(literal(node));
                std::size_t pos = 0;
                while (pos < code.size()) {
                    auto end = code.find('\n', pos);
                    std::string line = code.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
                    m_out += prefix + "    " + std::string(esc("\033[36m")) + line + std::string(esc("\033[0m")) + "\n";
                    pos = end == std::string::npos ? code.size() : end + 1;
                }
                return;
            }
            case CMARK_NODE_HTML_BLOCK:
                html_blocks(literal(node), first_prefix, prefix);
                return;
            case CMARK_NODE_BLOCK_QUOTE:
                if (m_style.plain_marks) {
                    blocks(node, first_prefix + "  ", prefix + "  ");
                } else {
                    blocks(node, first_prefix + "│ ", prefix + "│ ");
                }
                return;
            case CMARK_NODE_THEMATIC_BREAK:
                if (!m_style.plain_marks) {
                    m_out += prefix + "────────────────────────────────────────\n";
                }
                return;
            default:
                break;
        }
        if (is_type(node, "table")) {
            table(node, prefix);
            return;
        }
        blocks(node, first_prefix, prefix);
    }

    void table(cmark_node* node, const std::string& prefix) {
        std::vector<std::vector<std::string>> rows;
        std::size_t header_rows = 0;
        for (cmark_node* row = cmark_node_first_child(node); row != nullptr; row = cmark_node_next(row)) {
            std::vector<std::string> cells;
            for (cmark_node* cell = cmark_node_first_child(row); cell != nullptr; cell = cmark_node_next(cell)) {
                cells.push_back(block_inlines(cell, false));
            }
            if (cmark_gfm_extensions_get_table_row_is_header(row) != 0) {
                ++header_rows;
            }
            rows.push_back(std::move(cells));
        }
        print_table(rows, header_rows, prefix);
    }

    // The inlines of a paragraph, heading or table cell. Raw HTML among them
    // goes through the sanitiser together with the text around it, so a
    // "<b>" and its "</b>" in separate nodes are read as one element.
    std::string block_inlines(cmark_node* block, bool styled = true) {
        if (has_inline_html(block)) {
            std::string text = strip_control(html_to_text(inline_html(block)));
            if (cmark_node_get_type(block) != CMARK_NODE_PARAGRAPH) {
                std::replace(text.begin(), text.end(), '\n', ' ');
            }
            return text;
        }
        return inlines(block, styled);
    }

    void print_table(const std::vector<std::vector<std::string>>& rows, std::size_t header_rows,
                     const std::string& prefix) {
        std::size_t columns = 0;
        for (const auto& row : rows) {
            columns = std::max(columns, row.size());
        }
        std::vector<std::size_t> widths(columns, 0);
        for (const auto& row : rows) {
            for (std::size_t c = 0; c < row.size(); ++c) {
                widths[c] = std::max(widths[c], visible_width(row[c]));
            }
        }
        // Too wide for the terminal: one "header: value" block per row instead.
        std::size_t total = prefix.size();
        for (auto w : widths) {
            total += w + 3;
        }
        const bool too_wide = m_style.width > 0 && total > static_cast<std::size_t>(m_style.width);
        if (too_wide && header_rows > 0 && columns > 1) {
            const auto& header = rows.front();
            for (std::size_t r = header_rows; r < rows.size(); ++r) {
                for (std::size_t c = 0; c < rows[r].size(); ++c) {
                    std::string label = c < header.size() ? header[c] : "";
                    wrap(std::string(esc("\033[1m")) + label + ":" + std::string(esc("\033[0m")) + " " + rows[r][c],
                         prefix + (c == 0 ? "• " : "  "), prefix + "  ");
                }
            }
            return;
        }
        if (too_wide && columns > 1) {
            // No header to label the cells with: each row a bullet of its cells.
            for (const auto& row : rows) {
                for (std::size_t c = 0; c < row.size(); ++c) {
                    if (!row[c].empty()) {
                        wrap(row[c], prefix + (c == 0 ? "• " : "  "), prefix + "  ");
                    }
                }
            }
            return;
        }
        for (std::size_t r = 0; r < rows.size(); ++r) {
            std::string line = prefix;
            for (std::size_t c = 0; c < columns; ++c) {
                std::string cell = c < rows[r].size() ? rows[r][c] : "";
                if (c > 0) {
                    line += m_style.plain_marks ? " | " : " │ ";
                }
                bool header = r < header_rows;
                line += header ? std::string(esc("\033[1m")) + cell + std::string(esc("\033[0m")) : cell;
                if (c + 1 < columns) {
                    line += std::string(widths[c] - visible_width(cell), ' ');
                }
            }
            m_out += trim_right(line) + "\n";
            if (r + 1 == header_rows) {
                std::string rule = prefix;
                for (std::size_t c = 0; c < columns; ++c) {
                    if (c > 0) {
                        rule += m_style.plain_marks ? "-|-" : "─┼─";
                    }
                    for (std::size_t i = 0; i < widths[c]; ++i) {
                        rule += m_style.plain_marks ? "-" : "─";
                    }
                }
                m_out += rule + "\n";
            }
        }
    }

    std::string inlines(cmark_node* parent, bool styled = true) {
        const DepthGuard guard(m_depth);
        if (m_depth > k_max_depth) {
            return flat_text(parent);
        }
        std::string out;
        for (cmark_node* node = cmark_node_first_child(parent); node != nullptr; node = cmark_node_next(node)) {
            switch (cmark_node_get_type(node)) {
                case CMARK_NODE_TEXT:
                    out += strip_control(literal(node));
                    break;
                case CMARK_NODE_CODE:
                    out += styled ? std::string(esc("\033[36m")) + strip_control(literal(node)) +
                                        std::string(esc("\033[0m"))
                                  : strip_control(literal(node));
                    break;
                case CMARK_NODE_SOFTBREAK:
                    out += ' ';
                    break;
                case CMARK_NODE_LINEBREAK:
                    out += '\n';
                    break;
                case CMARK_NODE_EMPH:
                    out += inlines(node, styled);
                    break;
                case CMARK_NODE_STRONG:
                    out += std::string(esc("\033[1m")) + inlines(node, styled) + std::string(esc("\033[0m"));
                    break;
                case CMARK_NODE_LINK: {
                    std::string text = inlines(node, styled);
                    const char* url = cmark_node_get_url(node);
                    out += text;
                    if (url != nullptr && *url != '\0' && text != url && std::string("mailto:") + text != url) {
                        out += " " + std::string(esc("\033[2m")) + "<" + url + ">" + std::string(esc("\033[0m"));
                    }
                    break;
                }
                case CMARK_NODE_IMAGE: {
                    std::string alt = inlines(node, false);
                    out += "[Image" + (alt.empty() ? std::string() : ": " + alt) + "]";
                    break;
                }
                default:
                    // Raw HTML never gets here: block_inlines() sends its
                    // paragraph through the sanitiser instead.
                    out += inlines(node, styled);
                    break;
            }
        }
        return out;
    }

    static std::size_t visible_width(std::string_view text) {
        std::string plain;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\033') {
                while (i < text.size() && text[i] != 'm') {
                    ++i;
                }
                continue;
            }
            plain += text[i];
        }
        return display_width(plain);
    }

    // Word-wraps text at the terminal width; explicit newlines are kept.
    void wrap(const std::string& text, const std::string& first_prefix, const std::string& prefix) {
        const std::size_t width =
            m_style.width <= 0 ? std::string::npos / 2 : static_cast<std::size_t>(std::max(m_style.width, 20));
        std::string line = first_prefix;
        std::size_t line_width = visible_width(first_prefix);
        bool line_empty = true;
        std::size_t pos = 0;
        auto flush = [&]() {
            m_out += trim_right(line) + "\n";
            line = prefix;
            line_width = visible_width(prefix);
            line_empty = true;
        };
        while (pos <= text.size()) {
            std::size_t end = text.find_first_of(" \n", pos);
            std::string word = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
            if (!word.empty()) {
                std::size_t w = visible_width(word);
                if (!line_empty && line_width + 1 + w > width) {
                    flush();
                }
                if (!line_empty) {
                    line += ' ';
                    ++line_width;
                }
                line += word;
                line_width += w;
                line_empty = false;
            }
            if (end == std::string::npos) {
                break;
            }
            if (text[end] == '\n') {
                flush();
            }
            pos = end + 1;
        }
        if (!line_empty) {
            flush();
        }
    }

    const TerminalStyle& m_style;
    std::string m_out;
    int m_depth = 0;
};

}  // namespace

std::vector<MarkdownLimit> markdown_limits(std::string_view markdown, int first_line) {
    std::vector<LimitHit> hits;
    // The same text parse() bounds; docs syntax keeps lines where they are.
    bound_markdown(normalise_docs_syntax(markdown), &hits);
    std::vector<MarkdownLimit> limits;
    for (const LimitHit& hit : hits) {
        std::string message;
        switch (hit.kind) {
            case LimitKind::nesting:
                message = "more than " + std::to_string(k_max_nesting) +
                          " lists or quotes opened on one line; the markers past that are left out";
                break;
            case LimitKind::brackets:
                message = "more than " + std::to_string(k_max_brackets) +
                          " '[' in one paragraph; the rest are shown as text, not as links or images";
                break;
            case LimitKind::columns:
                message = "more than " + std::to_string(k_max_table_columns) +
                          " '|' on one line, a table too wide; the rest of the line is shown as text";
                break;
            case LimitKind::emphasis:
                message = "more than " + std::to_string(k_max_emphasis) +
                          " '*' or '_' in one paragraph; the rest are shown as text, not as emphasis";
                break;
        }
        limits.push_back({first_line - 1 + hit.line, std::move(message),
                          "split it up, or put it in a code block, to have it rendered in full"});
    }
    std::sort(limits.begin(), limits.end(),
              [](const MarkdownLimit& a, const MarkdownLimit& b) { return a.line < b.line; });
    return limits;
}

namespace {

// Every link and image of the Markdown as written, in order: visit gets the
// node and its destination. Parsed as written (no docs-syntax rewriting) so
// positions match the file; bounding only escapes markers past its limits,
// on those lines.
void for_each_link(std::string_view markdown, const std::function<void(cmark_node*, std::string)>& visit) {
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    std::string bounded = bound_markdown(markdown, nullptr);
    NodePtr root(cmark_parse_document(bounded.data(), bounded.size(), CMARK_OPT_DEFAULT));
    cmark_iter* iter = cmark_iter_new(root.get());
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        auto type = cmark_node_get_type(node);
        if (event == CMARK_EVENT_ENTER && (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)) {
            const char* url = cmark_node_get_url(node);
            visit(node, url == nullptr ? "" : url);
        }
    }
    cmark_iter_free(iter);
}

}  // namespace

std::vector<Link> extract_links(std::string_view markdown, int first_line) {
    std::vector<Link> links;
    for_each_link(markdown, [&](cmark_node* node, std::string target) {
        // A path from the KB root ("/public/x.md") is kept: check and the
        // site warn about it. "//host" is scheme-relative, not the KB's.
        if (target.empty() || target.find("://") != std::string::npos || target.rfind("//", 0) == 0 ||
            target.rfind("mailto:", 0) == 0 || target.rfind("tel:", 0) == 0 || target.rfind("data:", 0) == 0 ||
            target.find(':') < target.find('/')) {
            return;
        }
        links.push_back({target, first_line - 1 + cmark_node_get_start_line(node), cmark_node_get_start_column(node)});
    });
    return links;
}

namespace {

// The images written in Markdown below node: the article's own, which the
// sanitiser keeps (it still checks them as links: http, https, relative).
std::vector<std::string> markdown_images(cmark_node* node) {
    std::vector<std::string> images;
    cmark_iter* iter = cmark_iter_new(node);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* current = cmark_iter_get_node(iter);
        if (event == CMARK_EVENT_ENTER && cmark_node_get_type(current) == CMARK_NODE_IMAGE) {
            const char* url = cmark_node_get_url(current);
            images.emplace_back(url == nullptr ? "" : url);
        }
    }
    cmark_iter_free(iter);
    return images;
}

// A link made text: its children take its place. An image made text: its
// alt text does.
void link_to_text(cmark_node* node) {
    if (cmark_node_get_type(node) == CMARK_NODE_IMAGE) {
        std::string alt = flat_text(node);
        cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(text, alt.c_str());
        cmark_node_insert_before(node, text);
    } else {
        while (cmark_node* child = cmark_node_first_child(node)) {
            cmark_node_insert_before(node, child);
        }
    }
    cmark_node_free(node);
}

void rewrite_links(cmark_node* root, const HtmlOptions& options) {
    std::vector<cmark_node*> nodes;
    cmark_iter* iter = cmark_iter_new(root);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        auto type = cmark_node_get_type(node);
        if (event == CMARK_EVENT_ENTER && (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)) {
            nodes.push_back(node);
        }
    }
    cmark_iter_free(iter);
    // Decided in document order (the caller matches them with the file's
    // links), applied backwards: a link inside an image's alt text is
    // changed before the image that holds it goes.
    std::vector<std::pair<bool, std::string>> decisions;  // (as text, url)
    decisions.reserve(nodes.size());
    for (cmark_node* node : nodes) {
        const char* written = cmark_node_get_url(node);
        std::string url = written == nullptr ? "" : written;
        LinkRewrite rewrite;
        if (options.rewrite_link) {
            rewrite = options.rewrite_link(url, cmark_node_get_type(node) == CMARK_NODE_IMAGE);
        }
        if (rewrite.action == LinkRewrite::Action::replace) {
            url = rewrite.url;
        }
        decisions.emplace_back(rewrite.action == LinkRewrite::Action::text || !is_safe_url(url), url);
    }
    for (std::size_t i = nodes.size(); i-- > 0;) {
        if (decisions[i].first) {
            link_to_text(nodes[i]);
        } else {
            cmark_node_set_url(nodes[i], decisions[i].second.c_str());
        }
    }
}

// Quotes that open with a callout's label (normalise_docs_syntax() made
// "> [!NOTE]" a quote opening with "**Note:**") become labelled notes. Done
// on the finished HTML, so a callout inside raw HTML's structure (a list in
// a table) stays where the sanitiser put it; the quote's own end tag is
// found by counting the quotes inside it.
std::string html_callouts(const std::string& html, const HtmlOptions& options) {
    static const std::pair<std::string_view, std::string_view> kinds[] = {
        {"Note", "note"},       {"Tip", "tip"},         {"Important", "important"},
        {"Warning", "warning"}, {"Caution", "caution"}, {"Error", "error"}};
    static constexpr std::string_view k_open = "<blockquote>\n<p><strong>";
    if (html.find(k_open) == std::string::npos) {
        return html;
    }
    std::string out;
    std::vector<bool> callout_stack;  // per open <blockquote>: whether it is a callout
    std::size_t at = 0;
    while (true) {
        const std::size_t open = html.find("<blockquote", at);
        const std::size_t close = html.find("</blockquote>", at);
        if (open == std::string::npos && close == std::string::npos) {
            out.append(html, at, std::string::npos);
            return out;
        }
        if (close != std::string::npos && (open == std::string::npos || close < open)) {
            out.append(html, at, close - at);
            const bool callout = !callout_stack.empty() && callout_stack.back();
            if (!callout_stack.empty()) {
                callout_stack.pop_back();
            }
            out += callout ? "</div>" : "</blockquote>";
            at = close + 13;
            continue;
        }
        out.append(html, at, open - at);
        std::string_view kind;
        std::string_view rest;
        if (html.compare(open, k_open.size(), k_open) == 0) {
            for (const auto& [label, name] : kinds) {
                const std::string marker = std::string(label) + ":</strong>";
                if (html.compare(open + k_open.size(), marker.size(), marker) == 0) {
                    kind = name;
                    rest = std::string_view(html).substr(open + k_open.size() + marker.size());
                    break;
                }
            }
        }
        if (kind.empty()) {
            callout_stack.push_back(false);
            out += "<blockquote";
            at = open + 11;
            continue;
        }
        callout_stack.push_back(true);
        std::string label = options.callout_label ? options.callout_label(kind) : std::string();
        if (label.empty()) {
            label = kind;
            label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
        }
        out += "<div class=\"callout callout-";
        out += kind;
        out += "\" role=\"note\">\n<p class=\"callout-label\">";
        append_html_escaped(label, out);
        out += "</p>\n";
        // What followed the label in its paragraph: "[!NOTE]" alone on its
        // line leaves a line break, "[!NOTE] text" a space, a blank line an
        // empty paragraph.
        std::size_t skip = 0;
        while (skip < rest.size() && (rest[skip] == ' ' || rest[skip] == '\n')) {
            ++skip;
        }
        if (rest.substr(skip).starts_with("<br />")) {
            skip += 6;
            while (skip < rest.size() && rest[skip] == '\n') {
                ++skip;
            }
        }
        if (rest.substr(skip).starts_with("</p>")) {
            skip += 4;
            while (skip < rest.size() && rest[skip] == '\n') {
                ++skip;
            }
        } else {
            out += "<p>";
        }
        at = static_cast<std::size_t>(rest.data() - html.data()) + skip;
    }
}

std::string render_node(cmark_node* node) {
    cmark_llist* extensions = extension_list(node);
    std::string html = take_string(cmark_render_html(node, CMARK_OPT_UNSAFE, extensions));
    cmark_llist_free(cmark_get_default_mem_allocator(), extensions);
    return html;
}

}  // namespace

std::vector<std::string> rendered_link_targets(std::string_view markdown) {
    NodePtr root = parse(markdown, CMARK_OPT_DEFAULT);
    std::vector<std::string> targets;
    cmark_iter* iter = cmark_iter_new(root.get());
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        auto type = cmark_node_get_type(node);
        if (event == CMARK_EVENT_ENTER && (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)) {
            const char* url = cmark_node_get_url(node);
            targets.emplace_back(url == nullptr ? "" : url);
        }
    }
    cmark_iter_free(iter);
    return targets;
}

std::vector<ExternalLink> extract_external_links(std::string_view markdown, int first_line) {
    std::vector<ExternalLink> links;
    // Most articles have none, and this runs on every article: no parse
    // without a "//" (URLs, autolinks) or a ':' in a link's destination
    // ("](javascript:...)") or a reference definition ("]: data:...").
    bool candidate = markdown.find("//") != std::string_view::npos;
    for (std::size_t at = 0; !candidate && (at = markdown.find(']', at)) != std::string_view::npos; ++at) {
        if (at + 1 < markdown.size() && (markdown[at + 1] == '(' || markdown[at + 1] == ':')) {
            const std::size_t end = markdown.find_first_of(")\n", at + 2);
            candidate = markdown.substr(at + 2, end == std::string_view::npos ? std::string_view::npos : end - at - 2)
                            .find(':') != std::string_view::npos;
        }
    }
    if (!candidate) {
        return links;
    }
    for_each_link(markdown, [&](cmark_node* node, std::string target) {
        const std::size_t colon = target.find(':');
        const bool scheme = colon != std::string::npos && colon > 0 && target.find_first_of("/?#") > colon;
        if (!scheme && !target.starts_with("//") && !target.starts_with("\\\\")) {
            return;
        }
        links.push_back({target, first_line - 1 + cmark_node_get_start_line(node), cmark_node_get_start_column(node),
                         cmark_node_get_type(node) == CMARK_NODE_IMAGE});
    });
    return links;
}

std::string markdown_to_html(std::string_view markdown, bool allow_html) {
    NodePtr root = parse(markdown, CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE);
    std::string html = render_node(root.get());
    // Sanitised whole: see the other markdown_to_html.
    return allow_html ? html : sanitise_html(html, markdown_images(root.get()));
}

std::string markdown_to_html(std::string_view markdown, const HtmlOptions& options) {
    NodePtr root = parse(markdown, CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE);
    rewrite_links(root.get(), options);
    // The whole fragment goes through the sanitiser, so raw HTML is judged
    // together with the Markdown around it ("<b>" in one paragraph node and
    // "</b>" in another). Raw <img> is not allowed, but images written in
    // Markdown ("![alt](url)") are the article's own.
    std::string html = render_node(root.get());
    if (!options.allow_html) {
        html = sanitise_html(html, markdown_images(root.get()));
    }
    return options.callouts ? html_callouts(html, options) : html;
}

std::string markdown_to_text(std::string_view markdown) {
    NodePtr root = parse(markdown, CMARK_OPT_DEFAULT);
    std::string out;
    auto separate = [&out] {
        if (!out.empty() && out.back() != '\n') {
            out += '\n';
        }
    };
    std::map<cmark_node*, int> item_numbers;  // next number of each ordered list
    cmark_iter* iter = cmark_iter_new(root.get());
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        auto type = cmark_node_get_type(node);
        bool block = (type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
        if (event == CMARK_EVENT_EXIT) {
            if (block) {
                separate();
            }
            continue;
        }
        if (block) {
            separate();
        }
        if (type == CMARK_NODE_ITEM) {
            // "- " and "1. " as written, so list items read apart in snippets.
            cmark_node* list = cmark_node_parent(node);
            if (cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
                auto [at, fresh] = item_numbers.try_emplace(list, cmark_node_get_list_start(list));
                out += std::to_string(at->second++) + ". ";
            } else {
                out += "- ";
            }
        }
        switch (type) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
                out += literal(node);
                break;
            case CMARK_NODE_CODE_BLOCK:
                out += literal(node);
                separate();
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                out += '\n';
                break;
            case CMARK_NODE_HTML_BLOCK:
                out += html_to_text(literal(node));
                separate();
                break;
            case CMARK_NODE_PARAGRAPH:
            case CMARK_NODE_HEADING:
                if (has_inline_html(node)) {
                    out += html_to_text(inline_html(node));
                    separate();
                    cmark_iter_reset(iter, node, CMARK_EVENT_EXIT);
                }
                break;
            default:
                if (is_type(node, "table_cell") && has_inline_html(node)) {
                    out += html_to_text(inline_html(node));
                    separate();
                    cmark_iter_reset(iter, node, CMARK_EVENT_EXIT);
                }
                break;
        }
    }
    cmark_iter_free(iter);
    return out;
}

std::string markdown_to_terminal(std::string_view markdown, const TerminalStyle& style) {
    NodePtr root = parse(markdown, CMARK_OPT_DEFAULT);
    TerminalRenderer renderer(style);
    return renderer.render(root.get());
}

std::string normalise_spaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    auto add_space = [&] { space = !out.empty(); };
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t width = 1;
        bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            width = 2;  // U+00A0 no-break space
            is_space = true;
        } else if (c == 0xE1 && text.compare(i, 3, "\xE1\x9A\x80") == 0) {
            width = 3;  // U+1680 ogham space mark
            is_space = true;
        } else if (c == 0xE2 && i + 2 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            const auto b2 = static_cast<unsigned char>(text[i + 2]);
            // U+2000..U+200B (en quad .. zero width space), U+202F, U+205F, U+2060
            if ((b1 == 0x80 && b2 >= 0x80 && b2 <= 0x8B) || (b1 == 0x80 && b2 == 0xAF) ||
                (b1 == 0x81 && (b2 == 0x9F || b2 == 0xA0))) {
                width = 3;
                is_space = true;
            }
        } else if (c == 0xE3 && text.compare(i, 3, "\xE3\x80\x80") == 0) {
            width = 3;  // U+3000 ideographic space
            is_space = true;
        } else if (c == 0xEF && text.compare(i, 3, "\xEF\xBB\xBF") == 0) {
            width = 3;  // U+FEFF zero width no-break space
            is_space = true;
        }
        if (is_space) {
            add_space();
        } else {
            if (space) {
                out += ' ';
                space = false;
            }
            out += text[i];
        }
        i += width;
    }
    return out;
}

namespace {

// Where each line of text starts, ending lines at "\n", "\r\n" or a lone
// "\r" as cmark-gfm does.
std::vector<std::size_t> line_starts(std::string_view text) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
            starts.push_back(i + 1);
        }
    }
    return starts;
}

// Whether line is a setext underline: up to three spaces, a run of '=' or
// '-', trailing blanks.
bool is_setext_underline(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') {
        ++i;
    }
    if (i == line.size() || (line[i] != '=' && line[i] != '-')) {
        return false;
    }
    const char c = line[i];
    while (i < line.size() && line[i] == c) {
        ++i;
    }
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r' || line[i] == '\n')) {
        ++i;
    }
    return i == line.size();
}

}  // namespace

namespace {

// The text of a heading node: its text and code, through emphasis and links.
std::string heading_text(cmark_node* heading) {
    std::string text;
    cmark_iter* iter = cmark_iter_new(heading);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        const auto type = cmark_node_get_type(node);
        if (event != CMARK_EVENT_ENTER) {
            continue;
        }
        if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
            text += literal(node);
        } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
            text += ' ';
        }
    }
    cmark_iter_free(iter);
    return normalise_spaces(text);
}

// The first heading of a small document, or nullptr.
cmark_node* first_heading(cmark_node* root) {
    cmark_node* found = nullptr;
    cmark_iter* iter = cmark_iter_new(root);
    cmark_event_type event;
    while (found == nullptr && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
            found = node;
        }
    }
    cmark_iter_free(iter);
    return found;
}

// A heading's own lines longer than this are not parsed again for their
// text (a setext heading can be a whole paragraph long).
constexpr std::size_t k_max_heading_source = 4096;

}  // namespace

namespace {

// A raw HTML heading that opens an HTML block and closes on its own line,
// "<h2>Internal notes</h2>" or "<H3 id=x>Cause</h3>": its level and text.
// Writers who paste HTML mean it as a heading, so it names a section (and
// an internal one hides what follows, like "## Internal notes").
bool raw_html_heading(std::string_view line, int& level, std::string& text) {
    std::size_t i = line.find_first_not_of(" \t");
    if (i == std::string_view::npos || line.size() < i + 4 || line[i] != '<' ||
        (line[i + 1] != 'h' && line[i + 1] != 'H') || line[i + 2] < '1' || line[i + 2] > '6') {
        return false;
    }
    const char digit = line[i + 2];
    const char after = line[i + 3];
    if (after != '>' && after != ' ' && after != '\t' && after != '/') {
        return false;
    }
    const std::string lowered = ascii_lower(line);
    const std::string close = std::string("</h") + digit;
    const std::size_t closing = lowered.find(close, i + 3);
    if (closing == std::string::npos) {
        return false;
    }
    level = digit - '0';
    text = normalise_spaces(strip_control(html_to_text(line.substr(i, closing + close.size() + 1 - i))));
    return !text.empty();
}

}  // namespace

std::vector<Heading> find_headings(std::string_view markdown, int first_line) {
    // Which lines are headings is a matter of blocks; the inline parsing of
    // every paragraph that cmark-gfm 0.29 does as well is quadratic on runs
    // of brackets ("![[]()" repeated: seconds for 200 KB), and commands that
    // only list articles read every heading. So the document is parsed with
    // its brackets made letters, which changes no block (not even a column),
    // and each heading's own lines are parsed again, as written, for its
    // text. Parsed without docs-syntax rewriting so lines match the file.
    std::string blocks(markdown);
    std::replace_if(
        blocks.begin(), blocks.end(), [](char c) { return c == '[' || c == ']'; }, 'a');
    // Emphasis is no block either, and a paragraph of "*a" repeated is half
    // a million nodes. A '*' or '_' can be block syntax (a list marker, a
    // thematic break) only before the first other character of its line.
    bool leading = true;
    for (char& c : blocks) {
        if (c == '\n' || c == '\r') {
            leading = true;
        } else if (!leading && (c == '*' || c == '_')) {
            c = 'a';
        } else if (std::string_view(" \t>*_-+.)0123456789").find(c) == std::string_view::npos) {
            leading = false;
        }
    }
    NodePtr root(cmark_parse_document(blocks.data(), blocks.size(), CMARK_OPT_DEFAULT));
    const std::vector<std::size_t> starts = line_starts(markdown);
    auto lines = [&](int first, int last) {  // 1-based lines of markdown, inclusive
        const auto begin = static_cast<std::size_t>(first - 1);
        const auto end = static_cast<std::size_t>(last);
        if (first < 1 || begin >= starts.size() || last < first) {
            return std::string_view();
        }
        const std::size_t to = end < starts.size() ? starts[end] : markdown.size();
        return markdown.substr(starts[begin], to - starts[begin]);
    };
    std::vector<Heading> headings;
    cmark_iter* iter = cmark_iter_new(root.get());
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) {
            const int start = cmark_node_get_start_line(node);
            Heading heading{0,
                            {},
                            first_line - 1 + start,
                            first_line - 1 + start,
                            cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_DOCUMENT};
            if (raw_html_heading(lines(start, start), heading.level, heading.text)) {
                headings.push_back(std::move(heading));
            }
            continue;
        }
        if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_HEADING) {
            continue;
        }
        const int start = cmark_node_get_start_line(node);
        const bool top_level = cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_DOCUMENT;
        const int level = cmark_node_get_heading_level(node);
        // cmark-gfm 0.29 gives a setext heading the end line of the line
        // after its underline, so the underline is found here.
        int end = start;
        std::string_view first = lines(start, start);
        const std::size_t lead = std::min(first.find_first_not_of(' '), first.size());
        if (top_level && level <= 2 && (lead >= first.size() || first[lead] != '#')) {
            for (int k = start + 1; k <= cmark_node_get_end_line(node); ++k) {
                if (is_setext_underline(lines(k, k))) {
                    end = k;
                    break;
                }
            }
        }
        Heading heading{level, {}, first_line - 1 + start, first_line - 1 + end, top_level};
        const std::string_view source = lines(start, end);
        if (source.size() <= k_max_heading_source) {
            NodePtr alone(cmark_parse_document(source.data(), source.size(), CMARK_OPT_DEFAULT));
            if (cmark_node* again = first_heading(alone.get())) {
                heading.text = heading_text(again);
            } else if (top_level) {
                // "[id]: /url" over "---" is a link definition and a rule,
                // which only the neutralised parse took for a heading.
                continue;
            }
        }
        if (heading.text.empty()) {
            heading.text = heading_text(node);  // brackets shown as letters, if any
        }
        headings.push_back(std::move(heading));
    }
    cmark_iter_free(iter);
    return headings;
}

}  // namespace faqt
