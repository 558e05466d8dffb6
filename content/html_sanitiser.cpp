#include "content/html_sanitiser.hpp"
#include "content/text.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <climits>
#include <memory>
#include <mutex>

namespace faqt {

namespace {

// The sanitised tree: whitelisted elements with their kept attributes, and
// text. An empty name is a text node.
struct SafeNode {
    std::string name;
    std::string text;
    std::vector<std::pair<std::string, std::string>> attributes;
    std::vector<SafeNode> children;
};

// Elements removed together with everything inside them.
constexpr std::array<std::string_view, 25> k_dropped = {
    "script", "style",  "iframe",   "frame",  "frameset", "object",   "embed",    "applet", "form",
    "input",  "button", "textarea", "select", "option",   "noscript", "template", "svg",    "math",
    "head",   "title",  "meta",     "link",   "base",     "audio",    "video"};

// Elements kept as they are (with the attributes of allowed_attribute).
// Images are not among them: sanitise() keeps only those of the allowed
// sources and turns the others into their alt text.
constexpr std::array<std::string_view, 43> k_kept = {
    "p",    "br",    "hr",    "h1",    "h2",    "h3",    "h4",     "h5", "h6",      "blockquote", "pre",
    "code", "kbd",   "samp",  "var",   "em",    "i",     "strong", "b",  "u",       "s",          "strike",
    "del",  "ins",   "sub",   "sup",   "mark",  "small", "ul",     "ol", "li",      "dl",         "dt",
    "dd",   "table", "thead", "tbody", "tfoot", "tr",    "th",     "td", "caption", "a"};

// Elements whose content the HTML parser reads as raw text up to their end
// tag; without one, it reads the rest of the document as their content.
constexpr std::array<std::string_view, 10> k_raw_text = {"script",   "style",  "title",   "textarea", "xmp",
                                                         "noscript", "iframe", "noembed", "noframes", "plaintext"};

// Elements whose start and end break the text into lines.
constexpr std::array<std::string_view, 30> k_block = {
    "p",  "div",     "h1", "h2",      "h3",      "h4",     "h5",     "h6",     "blockquote", "pre",
    "ul", "ol",      "li", "dl",      "dt",      "dd",     "table",  "thead",  "tbody",      "tfoot",
    "tr", "caption", "hr", "section", "article", "header", "footer", "center", "figure",     "address"};

constexpr std::array<std::string_view, 4> k_void = {"br", "hr", "img", "input"};

// Past this depth elements are unwrapped and only their text is kept, so a
// hostile nesting cannot exhaust the stack.
constexpr int k_max_depth = 48;

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string node_name(const xmlNode* node) {
    return node->name == nullptr ? std::string() : ascii_lower(reinterpret_cast<const char*>(node->name));
}

bool allowed_attribute(std::string_view element, std::string_view name, std::string_view value) {
    if (element == "a") {
        return (name == "href" && is_safe_url(value)) || name == "title";
    }
    if (element == "th" || element == "td") {
        return name == "align" || name == "colspan" || name == "rowspan";
    }
    if (element == "ol") {
        return name == "start";
    }
    if (element == "code") {
        // The language of a fenced code block, as cmark writes it.
        return name == "class" && value.rfind("language-", 0) == 0 &&
               std::all_of(value.begin(), value.end(), [](char c) {
                   return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '_' || c == '+';
               });
    }
    return false;
}

// Appends the text of every text node below node, without recursion.
void append_flat_text(const xmlNode* node, std::string& out) {
    const xmlNode* current = node->children;
    while (current != nullptr && current != node) {
        if (current->type == XML_TEXT_NODE || current->type == XML_CDATA_SECTION_NODE) {
            if (current->content != nullptr) {
                out += reinterpret_cast<const char*>(current->content);
            }
        } else if (current->type == XML_ELEMENT_NODE && !contains(k_dropped, node_name(current)) &&
                   current->children != nullptr) {
            out += ' ';
            current = current->children;
            continue;
        }
        while (current != node && current->next == nullptr) {
            current = current->parent;
        }
        if (current == node) {
            break;
        }
        current = current->next;
    }
}

std::string attribute_value(const xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    std::string text = value == nullptr ? std::string() : reinterpret_cast<const char*>(value);
    xmlFree(value);
    return text;
}

// "%41" as "A", so a source matches whether or not the HTML renderer
// escaped it ("a b.png" is written "a%20b.png").
std::string percent_decoded(std::string_view url) {
    auto hex = [](char c) {
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                      : -1;
    };
    std::string out;
    for (std::size_t i = 0; i < url.size(); ++i) {
        if (url[i] == '%' && i + 2 < url.size() && hex(url[i + 1]) >= 0 && hex(url[i + 2]) >= 0) {
            out += static_cast<char>(hex(url[i + 1]) * 16 + hex(url[i + 2]));
            i += 2;
        } else {
            out += url[i];
        }
    }
    return out;
}

// The percent-decoded sources of the images to keep, sorted: those of
// Markdown's own syntax. Any other image reads as "[Image: alt]", as
// Markdown images do in a terminal.
using ImageSources = std::vector<std::string>;

void sanitise_children(const xmlNode* parent, SafeNode& out, int depth, const ImageSources& images) {
    for (const xmlNode* node = parent->children; node != nullptr; node = node->next) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content != nullptr) {
                SafeNode text;
                text.text = reinterpret_cast<const char*>(node->content);
                out.children.push_back(std::move(text));
            }
            continue;
        }
        if (node->type != XML_ELEMENT_NODE) {
            continue;  // comments, processing instructions, DTDs
        }
        std::string name = node_name(node);
        if (name == "input") {
            // The disabled checkbox of a task list item; any other control goes.
            xmlChar* type = xmlGetProp(node, reinterpret_cast<const xmlChar*>("type"));
            bool checkbox = type != nullptr && ascii_lower(reinterpret_cast<const char*>(type)) == "checkbox";
            xmlFree(type);
            if (checkbox) {
                SafeNode box{"input", "", {{"type", "checkbox"}}, {}};
                if (xmlHasProp(node, reinterpret_cast<const xmlChar*>("checked")) != nullptr) {
                    box.attributes.emplace_back("checked", "");
                }
                box.attributes.emplace_back("disabled", "");
                out.children.push_back(std::move(box));
            }
            continue;
        }
        if (name == "embed" || name == "source" || name == "track" || name == "keygen" || name == "wbr") {
            // Void in HTML5 but unknown as such to libxml2's HTML 4 parser,
            // which makes everything after one its content: that is the
            // article's own text, sanitised in its place.
            sanitise_children(node, out, depth + 1, images);
            continue;
        }
        if (contains(k_dropped, name)) {
            continue;
        }
        if (name == "img") {
            std::string src = attribute_value(node, "src");
            std::string alt = attribute_value(node, "alt");
            if (is_safe_url(src) && std::binary_search(images.begin(), images.end(), percent_decoded(src))) {
                SafeNode image{"img", "", {{"src", src}, {"alt", alt}}, {}};
                if (xmlHasProp(node, reinterpret_cast<const xmlChar*>("title")) != nullptr) {
                    image.attributes.emplace_back("title", attribute_value(node, "title"));
                }
                out.children.push_back(std::move(image));
            } else {
                out.children.push_back(SafeNode{"", "[Image" + (alt.empty() ? "" : ": " + alt) + "]", {}, {}});
            }
            continue;
        }
        if (depth >= k_max_depth) {
            SafeNode text;
            append_flat_text(node, text.text);
            out.children.push_back(std::move(text));
            continue;
        }
        if (!contains(k_kept, name)) {
            // Harmless wrappers (div, span, font...): keep the content. A
            // block wrapper still separates its text from what surrounds it.
            bool block = contains(k_block, name);
            if (block) {
                out.children.push_back(SafeNode{"", "\n", {}, {}});
            }
            sanitise_children(node, out, depth + 1, images);
            if (block) {
                out.children.push_back(SafeNode{"", "\n", {}, {}});
            }
            continue;
        }
        SafeNode element;
        element.name = name;
        for (const xmlAttr* attribute = node->properties; attribute != nullptr; attribute = attribute->next) {
            std::string attribute_name = ascii_lower(reinterpret_cast<const char*>(attribute->name));
            xmlChar* value = xmlNodeListGetString(node->doc, attribute->children, 1);
            std::string text = value == nullptr ? std::string() : reinterpret_cast<const char*>(value);
            xmlFree(value);
            if (allowed_attribute(name, attribute_name, text)) {
                element.attributes.emplace_back(std::move(attribute_name), std::move(text));
            }
        }
        sanitise_children(node, element, depth + 1, images);
        out.children.push_back(std::move(element));
    }
}

struct DocDeleter {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

const xmlNode* find_element(const xmlNode* node, std::string_view name) {
    for (; node != nullptr; node = node->next) {
        if (node->type == XML_ELEMENT_NODE && node_name(node) == name) {
            return node;
        }
    }
    return nullptr;
}

bool is_name_end(std::string_view text, std::size_t at) {
    return at >= text.size() || text[at] == '>' || text[at] == '/' || text[at] == ' ' || text[at] == '\t' ||
           text[at] == '\n' || text[at] == '\r' || text[at] == '\f';
}

// The HTML without the start tags of raw-text elements (style, script...)
// that are never closed. The parser would take the rest of the document for
// their content and drop it with them: an article's "<style>" typed in a
// sentence must not hide every paragraph after it. Without its start tag,
// what follows is parsed, and sanitised, as any other HTML.
std::string drop_unclosed_raw_text(std::string_view html) {
    const std::string folded = ascii_lower(html);
    std::string out;
    std::size_t copied = 0;                          // html[..copied) is in out
    std::array<bool, k_raw_text.size()> unclosed{};  // no end tag of that name after here
    std::size_t at = 0;
    while ((at = folded.find('<', at)) != std::string::npos) {
        const auto raw = std::find_if(k_raw_text.begin(), k_raw_text.end(), [&](std::string_view name) {
            return folded.compare(at + 1, name.size(), name) == 0 && is_name_end(folded, at + 1 + name.size());
        });
        if (raw == k_raw_text.end()) {
            ++at;
            continue;
        }
        bool& never_closed = unclosed[static_cast<std::size_t>(raw - k_raw_text.begin())];
        if (!never_closed && *raw != "plaintext") {
            const std::string close = "</" + std::string(*raw);
            std::size_t end = folded.find(close, at);
            while (end != std::string::npos && !is_name_end(folded, end + close.size())) {
                end = folded.find(close, end + 1);
            }
            if (end != std::string::npos) {
                at = end + close.size();  // its content is text up to here
                continue;
            }
            never_closed = true;
        }
        const std::size_t tag_end = folded.find('>', at);
        const std::size_t next = tag_end == std::string::npos ? folded.size() : tag_end + 1;
        out.append(html.substr(copied, at - copied));
        copied = next;
        at = next;
    }
    if (copied == 0) {
        return std::string(html);
    }
    out.append(html.substr(copied));
    return out;
}

SafeNode sanitise(std::string_view input, const ImageSources& images = {}) {
    static std::once_flag initialised;
    std::call_once(initialised, [] { xmlInitParser(); });
    SafeNode root;
    if (input.empty() || input.size() > static_cast<std::size_t>(INT_MAX)) {
        return root;
    }
    const std::string html = drop_unclosed_raw_text(input);
    std::unique_ptr<xmlDoc, DocDeleter> doc(
        htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                           HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE));
    if (!doc) {
        return root;
    }
    const xmlNode* top = find_element(doc->children, "html");
    const xmlNode* body = top == nullptr ? nullptr : find_element(top->children, "body");
    if (body != nullptr) {
        sanitise_children(body, root, 0, images);
    }
    return root;
}

void write_html(const SafeNode& node, std::string& out) {
    for (const SafeNode& child : node.children) {
        if (child.name.empty()) {
            append_html_escaped(child.text, out);
            continue;
        }
        out += '<' + child.name;
        for (const auto& [name, value] : child.attributes) {
            out += ' ' + name + "=\"";
            append_html_escaped(value, out, true);
            out += '"';
        }
        if (contains(k_void, child.name)) {
            out += " />";
            continue;
        }
        out += '>';
        write_html(child, out);
        out += "</" + child.name + '>';
    }
}

// Non-breaking spaces read as spaces in a terminal and in the index.
void append_text(std::string_view text, std::string& out) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto at = text.find("\xc2\xa0", pos);
        out.append(text.substr(pos, at == std::string_view::npos ? std::string_view::npos : at - pos));
        if (at == std::string_view::npos) {
            break;
        }
        out += ' ';
        pos = at + 2;
    }
}

void newline(std::string& out) {
    if (!out.empty() && out.back() != '\n') {
        out += '\n';
    }
}

// Blocks that a blank line separates from what surrounds them in the mail
// layout.
constexpr std::array<std::string_view, 14> k_paragraph = {"p",  "h1", "h2", "h3",  "h4",    "h5", "h6",
                                                          "ul", "ol", "dl", "pre", "table", "hr", "blockquote"};

void blank_line(std::string& out) {
    newline(out);
    if (!out.empty() && (out.size() < 2 || out[out.size() - 2] != '\n')) {
        out += '\n';
    }
}

std::string tidy(const std::string& text, HtmlTextLayout layout = HtmlTextLayout::compact);

// In the mail layout a line break in the HTML's text is a space, as a
// browser shows it, except in <pre>; only elements break lines. (A lone
// "\n" is the line break sanitise() puts around an unwrapped block.)
void write_text(const SafeNode& node, std::string& out, HtmlTextLayout layout = HtmlTextLayout::compact,
                bool pre = false) {
    const bool mail = layout == HtmlTextLayout::mail;
    for (const SafeNode& child : node.children) {
        if (mail && child.name.empty() && !pre) {
            if (child.text == "\n") {
                newline(out);
            } else {
                std::string spaced = child.text;
                std::replace(spaced.begin(), spaced.end(), '\n', ' ');
                append_text(spaced, out);
            }
            continue;
        }
        if (mail && child.name == "blockquote") {
            std::string quoted;
            write_text(child, quoted, layout);
            quoted = tidy(quoted, layout);
            blank_line(out);
            std::size_t pos = 0;
            while (pos <= quoted.size() && !quoted.empty()) {
                std::size_t end = quoted.find('\n', pos);
                std::string_view line(quoted.data() + pos, (end == std::string::npos ? quoted.size() : end) - pos);
                out += line.empty() ? ">" : "> ";
                out += line;
                out += '\n';
                if (end == std::string::npos) {
                    break;
                }
                pos = end + 1;
            }
            blank_line(out);
            continue;
        }
        if (child.name.empty()) {
            append_text(child.text, out);
            continue;
        }
        if (child.name == "br") {
            out += '\n';
            continue;
        }
        if (child.name == "img") {
            for (const auto& [name, value] : child.attributes) {
                if (name == "alt" && !value.empty()) {
                    out += value;
                }
            }
            continue;
        }
        bool block = contains(k_block, child.name);
        bool paragraph = mail && contains(k_paragraph, child.name);
        if (paragraph) {
            blank_line(out);
        } else if (block) {
            newline(out);
        }
        if ((child.name == "td" || child.name == "th") && !out.empty() && out.back() != '\n') {
            out += ' ';
        }
        write_text(child, out, layout, pre || child.name == "pre");
        if (paragraph) {
            blank_line(out);
        } else if (block) {
            newline(out);
        }
    }
}

// Lines trimmed, runs of spaces collapsed, blank lines removed (compact)
// or kept one at a time between lines of text (mail).
std::string tidy(const std::string& text, HtmlTextLayout layout) {
    std::string out;
    bool blank = false;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto end = text.find('\n', pos);
        std::string_view line(text.data() + pos, (end == std::string::npos ? text.size() : end) - pos);
        std::string clean;
        for (char c : line) {
            bool space = c == ' ' || c == '\t' || c == '\r';
            if (space) {
                if (!clean.empty() && clean.back() != ' ') {
                    clean += ' ';
                }
            } else {
                clean += c;
            }
        }
        while (!clean.empty() && clean.back() == ' ') {
            clean.pop_back();
        }
        if (!clean.empty()) {
            if (!out.empty()) {
                out += blank ? "\n\n" : "\n";
            }
            out += clean;
            blank = false;
        } else {
            blank = layout == HtmlTextLayout::mail;
        }
        if (end == std::string::npos) {
            break;
        }
        pos = end + 1;
    }
    return out;
}

std::string one_line(const SafeNode& node) {
    std::string text;
    write_text(node, text);
    text = tidy(text);
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

void collect_rows(const SafeNode& node, HtmlBlock& table) {
    for (const SafeNode& child : node.children) {
        if (child.name == "tr") {
            std::vector<std::string> cells;
            bool header = true;
            for (const SafeNode& cell : child.children) {
                if (cell.name == "td" || cell.name == "th") {
                    header = header && cell.name == "th";
                    cells.push_back(one_line(cell));
                }
            }
            if (cells.empty()) {
                continue;
            }
            if (header && table.header_rows == table.rows.size()) {
                ++table.header_rows;
            }
            table.rows.push_back(std::move(cells));
        } else if (child.name == "thead" || child.name == "tbody" || child.name == "tfoot") {
            collect_rows(child, table);
        }
    }
}

void write_blocks(const SafeNode& node, std::vector<HtmlBlock>& blocks, std::string& paragraph) {
    auto flush = [&] {
        std::string text = tidy(paragraph);
        paragraph.clear();
        if (!text.empty()) {
            blocks.push_back(HtmlBlock{std::move(text), {}, 0});
        }
    };
    for (const SafeNode& child : node.children) {
        if (child.name == "table") {
            flush();
            HtmlBlock table;
            collect_rows(child, table);
            if (!table.rows.empty()) {
                blocks.push_back(std::move(table));
            }
        } else if (child.name == "blockquote" || child.name == "ul" || child.name == "ol" || child.name == "dl") {
            flush();
            write_blocks(child, blocks, paragraph);
            flush();
        } else if (child.name == "li" || child.name == "dt" || child.name == "dd") {
            flush();
            paragraph = child.name == "li" ? "• " : "";
            write_text(child, paragraph);
            flush();
        } else if (!child.name.empty() && contains(k_block, child.name)) {
            flush();
            write_text(child, paragraph);
            flush();
        } else {
            SafeNode single;
            single.children.push_back(child);
            write_text(single, paragraph);
        }
    }
    flush();
}

}  // namespace

void append_html_escaped(std::string_view text, std::string& out, bool attribute) {
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                if (attribute) {
                    out += "&quot;";
                } else {
                    out += c;
                }
                break;
            default:
                out += c;
        }
    }
}

bool is_safe_url(std::string_view url) {
    // "//host/x" and "\\host\x" (and their mixes, which browsers read
    // alike) lead to another host with no scheme to judge. Browsers skip
    // leading blanks and controls, so they are skipped here too.
    std::size_t first = 0;
    while (first < url.size() && static_cast<unsigned char>(url[first]) <= 0x20) {
        ++first;
    }
    if (first < url.size() && url[first] == '\\') {
        return false;
    }
    if (url.size() - first >= 2 && url[first] == '/' && (url[first + 1] == '/' || url[first + 1] == '\\')) {
        return false;
    }
    // A scheme is letters, digits, + - . before the first ':' that comes
    // before any '/', '?' or '#'. Whitespace and control characters are
    // ignored by browsers inside schemes ("java\tscript:"), so they count
    // as part of a scheme here, which then is not a safe one.
    std::size_t colon = url.find(':');
    std::size_t stop = url.find_first_of("/?#");
    if (colon == std::string_view::npos || (stop != std::string_view::npos && stop < colon)) {
        return true;
    }
    std::string scheme = ascii_lower(url.substr(0, colon));
    return scheme == "http" || scheme == "https" || scheme == "mailto";
}

std::string sanitise_html(std::string_view html, const std::vector<std::string>& images) {
    ImageSources sources;
    for (const std::string& image : images) {
        sources.push_back(percent_decoded(image));
    }
    std::sort(sources.begin(), sources.end());
    std::string out;
    write_html(sanitise(html, sources), out);
    return out;
}

std::string html_to_text(std::string_view html, HtmlTextLayout layout) {
    std::string out;
    write_text(sanitise(html), out, layout);
    return tidy(out, layout);
}

std::vector<HtmlBlock> html_to_blocks(std::string_view html) {
    std::vector<HtmlBlock> blocks;
    std::string paragraph;
    write_blocks(sanitise(html), blocks, paragraph);
    return blocks;
}

}  // namespace faqt
