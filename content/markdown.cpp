#include "content/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

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

// Docs repositories use a few extensions of their own; turn them into plain
// Markdown so they read well everywhere. Line count is kept, so positions
// still match the file.
std::string normalise_docs_syntax(std::string_view markdown) {
    static const std::pair<std::string_view, std::string_view> callouts[] = {{"[!NOTE]", "**Note:**"},
                                                                             {"[!TIP]", "**Tip:**"},
                                                                             {"[!IMPORTANT]", "**Important:**"},
                                                                             {"[!WARNING]", "**Warning:**"},
                                                                             {"[!CAUTION]", "**Caution:**"}};
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
        if (line.find("[!") != std::string::npos) {
            for (const auto& [marker, label] : callouts) {
                if (auto at = line.find(marker); at != std::string::npos) {
                    line.replace(at, marker.size(), label);
                }
            }
        }
        out += line;
    }
    return out;
}

NodePtr parse(std::string_view markdown, int options) {
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    std::string text = normalise_docs_syntax(markdown);
    cmark_parser* parser = cmark_parser_new(options);
    for (const char* name : k_extensions) {
        if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
            cmark_parser_attach_syntax_extension(parser, extension);
        }
    }
    cmark_parser_feed(parser, text.data(), text.size());
    NodePtr root(cmark_parser_finish(parser));
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

// Replaces raw HTML nodes by text nodes with the same content, so the HTML
// renderer escapes it instead of passing it through.
void escape_raw_html(cmark_node* root) {
    std::vector<cmark_node*> html_nodes;
    cmark_iter* iter = cmark_iter_new(root);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (event == CMARK_EVENT_ENTER && (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK ||
                                           cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE)) {
            html_nodes.push_back(node);
        }
    }
    cmark_iter_free(iter);
    for (cmark_node* node : html_nodes) {
        cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
        std::string content = literal(node);
        if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) {
            while (!content.empty() && content.back() == '\n') {
                content.pop_back();
            }
            cmark_node_set_literal(text, content.c_str());
            cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
            cmark_node_append_child(paragraph, text);
            cmark_node_replace(node, paragraph);
        } else {
            cmark_node_set_literal(text, content.c_str());
            cmark_node_replace(node, text);
        }
        cmark_node_free(node);
    }
}

// Removes HTML tags and decodes the common entities, for text output.
std::string strip_tags(std::string_view html) {
    std::string out;
    bool in_tag = false;
    std::string tag;
    for (char c : html) {
        if (c == '<') {
            in_tag = true;
            tag.clear();
            continue;
        }
        if (in_tag) {
            if (c == '>') {
                in_tag = false;
                std::string t = lower(tag);
                if (t == "br" || t == "br/" || t == "br /" || t.rfind("/p", 0) == 0 || t.rfind("/li", 0) == 0 ||
                    t.rfind("/tr", 0) == 0 || t.rfind("/div", 0) == 0) {
                    out += '\n';
                } else if (t.rfind("/td", 0) == 0 || t.rfind("/th", 0) == 0) {
                    out += " | ";
                }
            } else {
                tag += c;
            }
            continue;
        }
        out += c;
    }
    struct Entity {
        const char* name;
        const char* text;
    };
    static const Entity entities[] = {{"&nbsp;", " "},  {"&amp;", "&"}, {"&lt;", "<"},  {"&gt;", ">"},
                                      {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}};
    for (const auto& entity : entities) {
        std::size_t at = 0;
        while ((at = out.find(entity.name, at)) != std::string::npos) {
            out.replace(at, std::string_view(entity.name).size(), entity.text);
            at += std::string_view(entity.text).size();
        }
    }
    return out;
}

// Callout markers of docs repositories, "> [!NOTE]".
std::string callout_label(std::string_view text) {
    static const std::pair<const char*, const char*> labels[] = {{"[!NOTE]", "Note:"},
                                                                 {"[!TIP]", "Tip:"},
                                                                 {"[!IMPORTANT]", "Important:"},
                                                                 {"[!WARNING]", "Warning:"},
                                                                 {"[!CAUTION]", "Caution:"}};
    std::string out(text);
    for (const auto& [marker, label] : labels) {
        std::size_t at = 0;
        while ((at = out.find(marker, at)) != std::string::npos) {
            out.replace(at, std::string_view(marker).size(), label);
            at += std::string_view(label).size();
        }
    }
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
            if (!first) {
                if (cmark_node_get_type(parent) == CMARK_NODE_ITEM &&
                    !cmark_node_get_list_tight(cmark_node_parent(parent))) {
                    m_out += trim_right(prefix) + "\n";
                } else if (cmark_node_get_type(parent) != CMARK_NODE_ITEM) {
                    m_out += trim_right(prefix) + "\n";
                }
            }
            block(node, first ? first_prefix : prefix, prefix);
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
                wrap(inlines(node), first_prefix, prefix);
                return;
            case CMARK_NODE_HEADING: {
                int level = cmark_node_get_heading_level(node);
                std::string text = inlines(node);
                std::string style = level <= 2 ? std::string(esc("\033[1;4m")) : std::string(esc("\033[1m"));
                m_out += first_prefix + style + text + std::string(esc("\033[0m")) + "\n";
                // Without colour, underline top headings so they stand out from paragraphs.
                if (!m_style.color && level <= 2) {
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
                    std::string bullet = ordered ? std::to_string(number++) + ". " : "• ";
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
            case CMARK_NODE_HTML_BLOCK: {
                std::string text = trim(strip_tags(strip_control(literal(node))));
                if (!text.empty()) {
                    wrap(text, first_prefix, prefix);
                }
                return;
            }
            case CMARK_NODE_BLOCK_QUOTE:
                blocks(node, first_prefix + "│ ", prefix + "│ ");
                return;
            case CMARK_NODE_THEMATIC_BREAK:
                m_out += prefix + "────────────────────────────────────────\n";
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
                cells.push_back(inlines(cell, false));
            }
            if (cmark_gfm_extensions_get_table_row_is_header(row) != 0) {
                ++header_rows;
            }
            rows.push_back(std::move(cells));
        }
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
        if (total > static_cast<std::size_t>(m_style.width) && header_rows > 0 && columns > 1) {
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
        for (std::size_t r = 0; r < rows.size(); ++r) {
            std::string line = prefix;
            for (std::size_t c = 0; c < columns; ++c) {
                std::string cell = c < rows[r].size() ? rows[r][c] : "";
                if (c > 0) {
                    line += " │ ";
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
                        rule += "─┼─";
                    }
                    for (std::size_t i = 0; i < widths[c]; ++i) {
                        rule += "─";
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
                    out += callout_label(strip_control(literal(node)));
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
                case CMARK_NODE_HTML_INLINE: {
                    std::string tag = lower(strip_control(literal(node)));
                    if (tag.rfind("<br", 0) == 0) {
                        out += '\n';
                    }
                    break;
                }
                default:
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
        const std::size_t width = static_cast<std::size_t>(std::max(m_style.width, 20));
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

}  // namespace

std::vector<Link> extract_links(std::string_view markdown, int first_line) {
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    // Parsed as written (no docs-syntax rewriting) so positions match the file.
    NodePtr root(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
    std::vector<Link> links;
    cmark_iter* iter = cmark_iter_new(root.get());
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        auto type = cmark_node_get_type(node);
        if (event != CMARK_EVENT_ENTER || (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE)) {
            continue;
        }
        const char* url = cmark_node_get_url(node);
        std::string target = url == nullptr ? "" : url;
        if (target.empty() || target.find("://") != std::string::npos || target.front() == '/' ||
            target.rfind("mailto:", 0) == 0 || target.rfind("tel:", 0) == 0 || target.rfind("data:", 0) == 0 ||
            target.find(':') < target.find('/')) {
            continue;
        }
        links.push_back({target, first_line - 1 + cmark_node_get_start_line(node), cmark_node_get_start_column(node)});
    }
    cmark_iter_free(iter);
    return links;
}

std::string markdown_to_html(std::string_view markdown, bool allow_html) {
    NodePtr root = parse(markdown, CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE);
    if (!allow_html) {
        escape_raw_html(root.get());
    }
    cmark_llist* extensions = extension_list(root.get());
    // Without CMARK_OPT_UNSAFE cmark also blanks javascript: and similar URLs.
    std::string html =
        take_string(cmark_render_html(root.get(), allow_html ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT, extensions));
    cmark_llist_free(cmark_get_default_mem_allocator(), extensions);
    return html;
}

std::string markdown_to_text(std::string_view markdown) {
    NodePtr root = parse(markdown, CMARK_OPT_DEFAULT);
    std::string text = take_string(cmark_render_plaintext(root.get(), CMARK_OPT_DEFAULT, 0));
    return callout_label(strip_tags(text));
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
