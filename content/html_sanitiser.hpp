#pragma once
// The one HTML sanitiser: raw HTML found in articles (officedocs' tables,
// <br>, <kbd>) is parsed with libxml2's HTML parser and reduced to a
// whitelist of safe elements — tables, lists, paragraphs, headings,
// emphasis, code, line breaks, quotes, links to http:, https:, mailto: or
// relative targets (not "//host" nor "\\host") — with only their harmless
// attributes. Images are kept only when the caller names their source as
// one of Markdown's own images; any other <img> reads as "[Image: alt]". Everything else goes: script, style, iframe,
// object, form and their content, comments, event attributes (onclick=...), style attributes, javascript: and data:
// URLs. Unknown but harmless elements (div, span, font, center...) are unwrapped: their text stays. The start tag of a
// raw-text element (style, script, title, textarea...) that is never closed is dropped alone, so the text after it
// stays.
//
// Used by the plain text of the index and snippets, by the terminal
// renderer of show and by the HTML renderer (and so by whatever exports
// HTML). All functions are thread-safe and never throw on bad input.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace faqt {

// The HTML with only whitelisted elements and attributes, re-serialised
// (every element closed, attribute values quoted and escaped). An <img> is
// kept, with its src, alt and title, when its src is safe and one of images.
std::string sanitise_html(std::string_view html, const std::vector<std::string>& images = {});

// How html_to_text() lays the text out. compact: each block and row on its
// own line, no blank lines (the index, snippets). mail: as a mail program
// shows an HTML mail as text, for tickets that arrive as HTML-only email —
// also a blank line between paragraphs, headings, lists, tables and quotes,
// and each line of a <blockquote> prefixed with "> " (nested: "> > "), so
// a quoted reply reads as one.
enum class HtmlTextLayout { compact, mail };

// The text of the safe part: blocks and rows on their own lines, table
// cells separated by spaces, <br> as a line break, entities decoded.
std::string html_to_text(std::string_view html, HtmlTextLayout layout = HtmlTextLayout::compact);

// What a terminal shows of an HTML fragment: paragraphs of text and tables.
struct HtmlBlock {
    std::string text;                            // a paragraph ('\n' = line break), when rows is empty
    std::vector<std::vector<std::string>> rows;  // a table: rows of cell texts
    std::size_t header_rows = 0;                 // leading rows made of <th> cells
};
std::vector<HtmlBlock> html_to_blocks(std::string_view html);

// Appends text with &, < and > escaped (and " too in an attribute value):
// the one HTML escaping rule of faqt's HTML output.
void append_html_escaped(std::string_view text, std::string& out, bool attribute = false);

// Whether a link or image target may be kept: relative (but not
// scheme-relative "//host" or "\\host"), #anchor, http:, https: or mailto:.
bool is_safe_url(std::string_view url);

}  // namespace faqt
