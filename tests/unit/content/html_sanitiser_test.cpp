#include "content/html_sanitiser.hpp"

#include "content/markdown.hpp"

#include <catch2/catch.hpp>

#include <string>

using Catch::Matchers::Contains;
using faqt::html_to_blocks;
using faqt::html_to_text;
using faqt::is_safe_url;
using faqt::sanitise_html;

TEST_CASE("sanitise_html keeps the whitelist and drops the rest", "[html_sanitiser]") {
    const std::string html = sanitise_html(
        "<p onclick=\"steal()\" style=\"color:red\">Hello <b>bold</b> <em>and</em> <code>x &lt; y</code><br>"
        "<a href=\"https://help.example/a\" onmouseover=\"x()\">ok</a> <a href=\"javascript:alert(1)\">bad</a> "
        "<a href=\" JavaScript:alert(2)\">bad2</a> <a href=\"mailto:desk@example.com\">mail</a></p>"
        "<script>alert(3)</script><style>body{}</style><iframe src=\"https://evil.example\">frame text</iframe>"
        "<form action=\"/x\"><input name=\"q\"><button>Go</button></form>"
        "<div><span>kept text</span></div><!-- comment -->"
        "<table><tr><th>A</th></tr><tr><td colspan=\"2\" onclick=\"x()\">1</td></tr></table>");
    INFO(html);
    CHECK_THAT(html, Contains("<p>Hello <b>bold</b> <em>and</em> <code>x &lt; y</code><br />"));
    CHECK_THAT(html, Contains("<a href=\"https://help.example/a\">ok</a>"));
    CHECK_THAT(html, Contains("<a>bad</a>"));
    CHECK_THAT(html, Contains("<a>bad2</a>"));
    CHECK_THAT(html, Contains("<a href=\"mailto:desk@example.com\">mail</a>"));
    CHECK_THAT(html, Contains("kept text"));
    CHECK_THAT(html, Contains("<td colspan=\"2\">1</td>"));
    for (const char* gone : {"onclick", "onmouseover", "style", "script", "alert", "iframe", "frame text", "form",
                             "input", "button", "Go<", "comment", "javascript", "JavaScript", "<div", "<span"}) {
        CHECK_THAT(html, !Contains(gone));
    }
}

TEST_CASE("is_safe_url allows relative, http, https and mailto only", "[html_sanitiser]") {
    CHECK(is_safe_url("../network/vpn.md#workaround"));
    CHECK(is_safe_url("#anchor"));
    CHECK(is_safe_url("https://help.example/x?a=b:c"));
    CHECK(is_safe_url("HTTP://help.example/"));
    CHECK(is_safe_url("mailto:desk@example.com"));
    CHECK_FALSE(is_safe_url("javascript:alert(1)"));
    CHECK_FALSE(is_safe_url("java\tscript:alert(1)"));
    CHECK_FALSE(is_safe_url("data:text/html,<script>"));
    CHECK_FALSE(is_safe_url("vbscript:x"));
    CHECK_FALSE(is_safe_url("file:///etc/passwd"));
    CHECK_FALSE(is_safe_url("//evil.example/x"));
    CHECK_FALSE(is_safe_url(" //evil.example/x"));
    CHECK_FALSE(is_safe_url("\\\\evil\\share"));
    CHECK_FALSE(is_safe_url("/\\evil.example"));
    CHECK_FALSE(is_safe_url("\\/evil.example"));
    CHECK(is_safe_url("/kb/vpn"));
    CHECK(is_safe_url("vpn.md#setup"));
}

TEST_CASE("an unclosed raw-text element does not hide the text after it", "[html_sanitiser]") {
    for (const char* name : {"style", "script", "title", "textarea", "xmp", "noscript", "iframe", "noembed", "noframes",
                             "plaintext", "STYLE"}) {
        const std::string open = std::string("<") + name;
        const std::string html = sanitise_html("<p>before " + open + " class=x>inside</p>\n<p>after visible</p>");
        INFO(name << ": " << html);
        CHECK_THAT(html, Contains("<p>after visible</p>"));
        CHECK_THAT(html, Contains("before"));
        CHECK_THAT(html, !Contains(open));
        CHECK_THAT(html_to_text(open + ">x\n\nafter"), Contains("after"));
    }
    // Closed ones are dropped with their content, as before.
    const std::string closed = sanitise_html("<p>a <style>body{}</style> b <script>alert(1)</script> c</p>");
    CHECK(closed == "<p>a  b  c</p>");
    // One closed after an unclosed one of another kind.
    const std::string mixed = sanitise_html("<title>t <p>text</p><script>x()</script>");
    CHECK_THAT(mixed, Contains("<p>text</p>"));
    CHECK_THAT(mixed, !Contains("x()"));
}

TEST_CASE("raw images read as their alt text unless named as the article's own", "[html_sanitiser]") {
    const std::string html =
        "<p>See <img src=\"https://x.example/y.png\" alt=\"the dialog\"> and <img src=\"z.png\"></p>";
    CHECK(sanitise_html(html) == "<p>See [Image: the dialog] and [Image]</p>");
    CHECK(html_to_text(html) == "See [Image: the dialog] and [Image]");
    CHECK(sanitise_html(html, {"https://x.example/y.png"}) ==
          "<p>See <img src=\"https://x.example/y.png\" alt=\"the dialog\" /> and [Image]</p>");
    // Named but unsafe still goes; a name matches however it is escaped.
    CHECK(sanitise_html("<img src=\"javascript:x()\">", {"javascript:x()"}) == "[Image]");
    CHECK(sanitise_html("<img src=\"//evil.example/t.png\">", {"//evil.example/t.png"}) == "[Image]");
    CHECK(sanitise_html("<img src=\"a%20b.png\" alt=\"\">", {"a b.png"}) == "<img src=\"a%20b.png\" alt=\"\" />");
}

TEST_CASE("links to another host without a scheme lose their target", "[html_sanitiser]") {
    const std::string html = sanitise_html(
        "<a href=\"//evil.example/\">a</a> <a href=\"\\\\evil\\share\">b</a> "
        "<a href=\"/\\evil.example\">c</a> <a href=\"/kb/vpn\">d</a>");
    CHECK(html == "<a>a</a> <a>b</a> <a>c</a> <a href=\"/kb/vpn\">d</a>");
}

TEST_CASE("html_to_text gives the text of the safe part", "[html_sanitiser]") {
    const std::string text = html_to_text(
        "<p>If x &lt; y&nbsp;then</p><script>hidden()</script><ul><li>one</li><li>two</li></ul>"
        "<table><tr><td>cell a</td><td>cell b</td></tr></table>Line<br>break");
    INFO(text);
    CHECK(text == "If x < y then\none\ntwo\ncell a cell b\nLine\nbreak");
}

TEST_CASE("html_to_blocks keeps tables as rows of cells", "[html_sanitiser]") {
    const auto blocks = html_to_blocks(
        "<p>Before</p><table><thead><tr><th>Name</th><th>Value</th></tr></thead>"
        "<tbody><tr><td>a <b>bold</b></td><td>1</td></tr><tr><td>b</td><td>2<br>3</td></tr></tbody></table>"
        "<ul><li>item</li></ul>");
    REQUIRE(blocks.size() == 3);
    CHECK(blocks[0].text == "Before");
    CHECK(blocks[1].header_rows == 1);
    REQUIRE(blocks[1].rows.size() == 3);
    CHECK(blocks[1].rows[0] == std::vector<std::string>{"Name", "Value"});
    CHECK(blocks[1].rows[1] == std::vector<std::string>{"a bold", "1"});
    CHECK(blocks[1].rows[2] == std::vector<std::string>{"b", "2 3"});
    CHECK(blocks[2].text == "• item");
}

TEST_CASE("the sanitiser survives hostile HTML", "[html_sanitiser]") {
    CHECK(sanitise_html("").empty());
    CHECK_THAT(html_to_text("<<<>>>&&&; x</b></table></tr>"), Contains("x"));
    // Nesting past libxml2's default limit of 256 loses no text, and deeper
    // than the sanitiser's own limit no stack.
    std::string deep;
    for (int i = 0; i < 100000; ++i) {
        deep += "<div><b>";
    }
    deep += "deepword";
    CHECK_THAT(html_to_text(deep), Contains("deepword"));
    CHECK_THAT(sanitise_html(deep), Contains("deepword"));
    CHECK_THAT(html_to_text(std::string("a\0b", 3) + "<p>c</p>"), Contains("c"));
}

TEST_CASE("an encoding declared in the HTML does not change how it is read", "[html_sanitiser]") {
    // Articles are UTF-8; a <meta charset> copied from a web page must not
    // turn their text into mojibake.
    const std::string text = html_to_text("<meta charset=\"iso-8859-1\"><p>Hà Nội, Łódź</p>");
    CHECK(text == "Hà Nội, Łódź");
}

TEST_CASE("html_to_text in the mail layout keeps paragraphs apart and marks quotes", "[html_sanitiser]") {
    const std::string html =
        "<p>Hi,</p><p>line one<br>line two</p><blockquote><p>quoted</p><p>more</p></blockquote>"
        "<script>x()</script><style>p{}</style><ul><li>a</li><li>b</li></ul>";
    CHECK(html_to_text(html, faqt::HtmlTextLayout::mail) == "Hi,\n\nline one\nline two\n\n> quoted\n>\n> more\n\na\nb");
    // The compact layout (index, snippets) is unchanged: no blank lines, no marks.
    CHECK(html_to_text(html) == "Hi,\nline one\nline two\nquoted\nmore\na\nb");
}

TEST_CASE("sanitiser: an element HTML 4 does not know as void keeps the text after it") {
    for (const char* tag : {"<embed>", "<embed src=\"x.swf\">", "<source src=\"a.mp4\">", "<wbr>"}) {
        INFO(tag);
        const std::string html = faqt::markdown_to_html(std::string("Before.\n\n") + tag + "\n\nAfter.\n", false);
        CHECK(html.find("After.") != std::string::npos);
        CHECK(html.find("embed") == std::string::npos);
        CHECK(html.find("swf") == std::string::npos);
    }
}
