#include "content/markdown.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "content/text.hpp"

using Catch::Contains;
using Catch::StartsWith;
using faqt::extract_links;
using faqt::markdown_to_html;
using faqt::markdown_to_terminal;
using faqt::markdown_to_text;
using faqt::TerminalStyle;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find('\n', pos);
        lines.push_back(text.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
        pos = end == std::string::npos ? text.size() : end + 1;
    }
    return lines;
}

// Display column (in code points) of the first occurrence of needle in line.
std::size_t column_of(const std::string& line, const std::string& needle) {
    const auto at = line.find(needle);
    return at == std::string::npos ? std::string::npos : faqt::display_width(line.substr(0, at));
}

std::vector<std::string> targets(const std::vector<faqt::Link>& links) {
    std::vector<std::string> out;
    for (const auto& link : links) {
        out.push_back(link.target);
    }
    return out;
}

std::string terminal(std::string_view markdown, int width = 80) {
    return markdown_to_terminal(markdown, TerminalStyle{false, width});
}

constexpr const char* k_table =
    "| Setting | Value |\n"
    "|---|---|\n"
    "| Server | vpn.northwind.example |\n"
    "| Port | 443 |\n"
    "| Protocol (Giao thức) | IKEv2 |\n";

}  // namespace

TEST_CASE("markdown_to_html renders CommonMark", "[markdown][html]") {
    const std::string html = markdown_to_html("# Title\n\nHello *world* and **you**.\n\n- one\n- two\n", false);
    CHECK_THAT(html, Contains("<h1>Title</h1>"));
    CHECK_THAT(html, Contains("<em>world</em>"));
    CHECK_THAT(html, Contains("<strong>you</strong>"));
    CHECK_THAT(html, Contains("<li>one</li>"));
}

TEST_CASE("markdown_to_html sanitises raw HTML unless allowed", "[markdown][html]") {
    const std::string markdown =
        "<script>alert(1)</script>\n\nText with <b>inline</b> HTML <img src=x onerror=alert(2)>.\n\n"
        "<table><tr><td onclick=\"x()\">cell</td></tr></table>\n\n<iframe src=\"https://evil.example\"></iframe>\n";
    SECTION("not allowed") {
        const std::string html = markdown_to_html(markdown, false);
        INFO(html);
        CHECK_THAT(html, !Contains("<script"));
        CHECK_THAT(html, !Contains("alert"));
        CHECK_THAT(html, !Contains("onclick"));
        CHECK_THAT(html, !Contains("onerror"));
        CHECK_THAT(html, !Contains("iframe"));
        CHECK_THAT(html, Contains("<b>inline</b>"));
        CHECK_THAT(html, Contains("<td>cell</td>"));
    }
    SECTION("allowed") {
        const std::string html = markdown_to_html(markdown, true);
        CHECK_THAT(html, Contains("<script>alert(1)</script>"));
        CHECK_THAT(html, Contains("<b>inline</b>"));
    }
}

TEST_CASE("markdown_to_html keeps the text after an unclosed raw-text tag", "[markdown][html]") {
    for (const char* name :
         {"style", "script", "title", "textarea", "xmp", "noscript", "iframe", "noembed", "noframes", "plaintext"}) {
        const std::string html = markdown_to_html(
            std::string("before <") + name + ">x\n\nafter1 visible\n\n<" + name + ">y\n\nafter2\n", false);
        INFO(html);
        CHECK_THAT(html, Contains("<p>before "));
        CHECK_THAT(html, Contains("<p>after1 visible</p>"));
        CHECK_THAT(html, Contains("after2"));
        CHECK_THAT(html, !Contains(std::string("<") + name));
    }
}

TEST_CASE("markdown_to_html keeps Markdown images and drops raw ones", "[markdown][html]") {
    const std::string html = markdown_to_html(
        "![Dialog](https://help.example/d.png) ![Local](<img/a b.png>) ![Bad](javascript:x) "
        "![Far](//evil.example/p.png)\n\n<img src=\"https://evil.example/pixel.png\" alt=\"Pixel\">\n",
        false);
    INFO(html);
    CHECK_THAT(html, Contains("<img src=\"https://help.example/d.png\" alt=\"Dialog\" />"));
    CHECK_THAT(html, Contains("<img src=\"img/a%20b.png\" alt=\"Local\" />"));
    CHECK_THAT(html, Contains("[Image: Bad]"));
    CHECK_THAT(html, Contains("[Image: Far]"));
    CHECK_THAT(html, Contains("[Image: Pixel]"));
    CHECK_THAT(html, !Contains("evil"));
    CHECK_THAT(html, !Contains("javascript"));
}

TEST_CASE("markdown_to_html drops scheme-relative links", "[markdown][html]") {
    const std::string html = markdown_to_html("[a](//evil.example/) <a href=\"//evil.example/\">b</a>\n", false);
    CHECK_THAT(html, !Contains("evil"));
}

TEST_CASE("markdown_to_html drops javascript: links unless HTML is allowed", "[markdown][html]") {
    // With raw HTML escaped, a javascript: URL is the remaining way to run
    // script from an article; cmark's safe mode blanks such URLs.
    const std::string html = markdown_to_html("[click](javascript:alert(1))\n", false);
    CHECK_THAT(html, !Contains("javascript:"));
}

TEST_CASE("markdown_to_html renders GitHub tables, strikethrough, autolinks and task lists", "[markdown][html]") {
    const std::string table = markdown_to_html(k_table, false);
    CHECK_THAT(table, Contains("<table>"));
    CHECK_THAT(table, Contains("<th>Setting</th>"));
    CHECK_THAT(table, Contains("<td>vpn.northwind.example</td>"));
    CHECK_THAT(table, Contains("<td>443</td>"));

    CHECK_THAT(markdown_to_html("~~old~~ new\n", false), Contains("<del>old</del>"));
    CHECK_THAT(markdown_to_html("Visit https://help.example/vpn today\n", false),
               Contains("<a href=\"https://help.example/vpn\">"));
    const std::string tasks = markdown_to_html("- [x] done\n- [ ] to do\n", false);
    CHECK_THAT(tasks, Contains("checkbox"));
    CHECK_THAT(tasks, Contains("checked"));
}

TEST_CASE("markdown_to_text drops the markup", "[markdown][text]") {
    const std::string text =
        markdown_to_text("# Title\n\nHello **bold** and [a link](https://x.example) and `code`.\n\n<b>html</b>\n");
    CHECK_THAT(text, Contains("Title"));
    CHECK_THAT(text, Contains("Hello bold and a link and code."));
    CHECK_THAT(text, Contains("html"));
    CHECK_THAT(text, !Contains("**"));
    CHECK_THAT(text, !Contains("<b>"));
    CHECK_THAT(text, !Contains("#"));
    CHECK_THAT(text, !Contains("]("));
}

TEST_CASE("markdown_to_terminal shows lists with bullets and numbers", "[markdown][terminal]") {
    const std::string out = terminal("- first\n- second\n  - nested\n\n1. one\n2. two\n");
    const auto lines = lines_of(out);
    CHECK_THAT(out, Contains("• first"));
    CHECK_THAT(out, Contains("• second"));
    CHECK_THAT(out, Contains("1. one"));
    CHECK_THAT(out, Contains("2. two"));
    // The nested item is indented below its parent's text.
    bool nested_found = false;
    for (const auto& line : lines) {
        if (line.find("nested") != std::string::npos) {
            nested_found = true;
            CHECK(column_of(line, "•") == 2);
        }
    }
    CHECK(nested_found);
    CHECK_THAT(out, !Contains("\033["));
}

TEST_CASE("markdown_to_terminal aligns table columns", "[markdown][terminal]") {
    const std::string out = terminal(k_table);
    INFO(out);
    std::vector<std::string> rows;
    for (const auto& line : lines_of(out)) {
        if (line.find("│") != std::string::npos) {
            rows.push_back(line);
        }
    }
    REQUIRE(rows.size() == 4);  // header and three rows
    const std::size_t column = column_of(rows[0], "│");
    CHECK(column > 0);
    for (const auto& row : rows) {
        CHECK(column_of(row, "│") == column);
    }
    // The rule under the header crosses at the same column.
    CHECK_THAT(out, Contains("┼"));
    for (const auto& line : lines_of(out)) {
        if (line.find("┼") != std::string::npos) {
            CHECK(column_of(line, "┼") == column);
        }
    }
    // The widest cell of the first column sets its width.
    CHECK(column == faqt::display_width("Protocol (Giao thức) "));
    CHECK_THAT(out, Contains("vpn.northwind.example"));
}

TEST_CASE("markdown_to_terminal turns a table too wide for the terminal into blocks", "[markdown][terminal]") {
    const std::string out = terminal(k_table, 30);
    INFO(out);
    CHECK_THAT(out, !Contains("│"));
    CHECK_THAT(out, Contains("Setting: Server"));
    CHECK_THAT(out, Contains("Value: vpn.northwind.example"));
}

TEST_CASE("markdown_to_terminal shows headings, code, links and quotes", "[markdown][terminal]") {
    const std::string out = terminal(
        "## Workaround\n\nRun this:\n\n```\nipconfig /flushdns\n```\n\n"
        "See [the guide](https://help.example/vpn).\n\n> Quoted text\n");
    INFO(out);
    CHECK_THAT(out, Contains("Workaround"));
    CHECK_THAT(out, !Contains("##"));
    CHECK_THAT(out, Contains("    ipconfig /flushdns"));
    CHECK_THAT(out, Contains("the guide <https://help.example/vpn>"));
    CHECK_THAT(out, Contains("│ Quoted text"));
    CHECK_THAT(out, !Contains("\033["));
}

TEST_CASE("markdown_to_terminal uses escape codes only with color", "[markdown][terminal]") {
    const std::string markdown = "## Heading\n\n**bold**\n";
    CHECK_THAT(markdown_to_terminal(markdown, TerminalStyle{true, 80}), Contains("\033["));
    CHECK_THAT(markdown_to_terminal(markdown, TerminalStyle{false, 80}), !Contains("\033["));
}

TEST_CASE("markdown_to_terminal wraps paragraphs at the width", "[markdown][terminal]") {
    const std::string out = terminal("word word word word word word word word word word word word word word\n", 30);
    const auto lines = lines_of(out);
    CHECK(lines.size() > 1);
    for (const auto& line : lines) {
        CHECK(faqt::display_width(line) <= 30);
    }
}

TEST_CASE("markdown_to_terminal reduces raw HTML to its text", "[markdown][terminal]") {
    const std::string out = terminal("<div>Hello <b>there</b></div>\n\nLine<br>break\n");
    INFO(out);
    CHECK_THAT(out, Contains("Hello there"));
    CHECK_THAT(out, !Contains("<"));
    CHECK_THAT(out, Contains("Line\nbreak"));
}

TEST_CASE("docs callouts degrade to labelled text", "[markdown][docs]") {
    const std::string markdown = "> [!NOTE]\n> Restart the VPN client first.\n";
    SECTION("plain text") {
        const std::string text = markdown_to_text(markdown);
        INFO(text);
        CHECK_THAT(text, Contains("Note:"));
        CHECK_THAT(text, !Contains("[!NOTE]"));
        CHECK_THAT(text, Contains("Restart the VPN client first."));
    }
    SECTION("terminal") {
        const std::string out = terminal(markdown);
        INFO(out);
        CHECK_THAT(out, Contains("Note:"));
        CHECK_THAT(out, !Contains("[!NOTE]"));
        CHECK_THAT(out, Contains("Restart the VPN client first."));
    }
}

TEST_CASE("docs :::image::: blocks degrade to their alt text", "[markdown][docs]") {
    const std::string markdown =
        "Before.\n\n"
        ":::image type=\"content\" source=\"media/vpn.png\" alt-text=\"Screenshot of the VPN "
        "client\":::\n\n"
        ":::image-end:::\n\n"
        "[!INCLUDE [boilerplate](includes/boilerplate.md)]\n\n"
        "After.\n";
    SECTION("plain text") {
        const std::string text = markdown_to_text(markdown);
        INFO(text);
        CHECK_THAT(text, Contains("Screenshot of the VPN client"));
        CHECK_THAT(text, !Contains(":::"));
        CHECK_THAT(text, !Contains("INCLUDE"));
        CHECK_THAT(text, Contains("Before."));
        CHECK_THAT(text, Contains("After."));
    }
    SECTION("terminal") {
        const std::string out = terminal(markdown);
        INFO(out);
        CHECK_THAT(out, Contains("Screenshot of the VPN client"));
        CHECK_THAT(out, !Contains(":::"));
        CHECK_THAT(out, !Contains("INCLUDE"));
    }
    SECTION("html") {
        const std::string html = markdown_to_html(markdown, false);
        INFO(html);
        CHECK_THAT(html, Contains("Screenshot of the VPN client"));
        CHECK_THAT(html, !Contains(":::"));
        CHECK_THAT(html, !Contains("media/vpn.png"));
    }
}

TEST_CASE("markdown functions accept empty input", "[markdown]") {
    CHECK(markdown_to_html("", false).empty());
    CHECK(faqt::trim(markdown_to_text("")).empty());
    CHECK(faqt::trim(terminal("")).empty());
}

TEST_CASE("extract_links finds relative links and images outside code", "[markdown][links]") {
    const std::string body =
        "See [VPN](../network/vpn.md#workaround) and [setup](setup.md \"Setup guide\").\n"
        "Inline `[code](code.md)` is not a link; [web](https://example.com), "
        "[mail](mailto:a@b.c),\n"
        "[phone](tel:4357), [root](/absolute.md) is kept (check warns), <https://auto.example> is not.\n"
        "![screenshot](media/shot.png) [same page](#cause) [angle](<angle.md>)\n"
        "\n"
        "```\n"
        "[fenced](fenced.md)\n"
        "```\n"
        "\n"
        "~~~~\n"
        "```\n"
        "[still fenced](tilde.md)\n"
        "~~~~\n"
        "\n"
        "    [indented code](indented.md)\n"
        "\n"
        "## Cause\n"
        "[after](after.md)\n";
    const auto links = extract_links(body, 1);
    CHECK(targets(links) == std::vector<std::string>{"../network/vpn.md#workaround", "setup.md", "/absolute.md",
                                                     "media/shot.png", "#cause", "angle.md", "after.md"});
}

TEST_CASE("extract_links gives file lines and columns", "[markdown][links]") {
    // The body of an article whose front matter took lines 1 to 4.
    const std::string body =
        "Intro.\n"
        "\n"
        "Text then [first](a.md).\n"
        "[second](b.md)\n";
    const auto links = extract_links(body, 5);
    REQUIRE(links.size() == 2);
    CHECK(links[0].target == "a.md");
    CHECK(links[0].line == 7);
    CHECK(links[0].column == 11);
    CHECK(links[1].target == "b.md");
    CHECK(links[1].line == 8);
    CHECK(links[1].column == 1);
}

TEST_CASE("extract_links gives columns inside lists and quotes", "[markdown][links]") {
    const std::string body =
        "- item [in list](list.md)\n"
        "\n"
        "> quoted [in quote](quote.md)\n";
    const auto links = extract_links(body, 1);
    REQUIRE(links.size() == 2);
    CHECK(links[0].line == 1);
    CHECK(links[0].column == 8);
    CHECK(links[1].line == 3);
    CHECK(links[1].column == 10);
}

TEST_CASE("extract_links reads reference links and angle-bracket targets", "[markdown][links]") {
    const std::string body =
        "See [the VPN guide][vpn] and [guide](<setup guide.md>).\n"
        "\n"
        "[vpn]: ../network/vpn.md \"VPN\"\n";
    const auto links = extract_links(body, 1);
    CHECK(targets(links) == std::vector<std::string>{"../network/vpn.md", "setup guide.md"});
}

TEST_CASE("extract_links keeps paths from the KB root, not scheme-relative URLs", "[markdown][links]") {
    const auto links = extract_links("[a](/public/x.md) [b](//cdn.example/x.png) [c](https://e.example/)\n", 1);
    CHECK(targets(links) == std::vector<std::string>{"/public/x.md"});
}

TEST_CASE("extract_links finds nothing in text without links", "[markdown][links]") {
    CHECK(extract_links("", 1).empty());
    CHECK(extract_links("Plain [brackets] and (parens).\n", 1).empty());
}

TEST_CASE("markdown_to_terminal survives deeply nested quotes, lists and emphasis", "[markdown][terminal]") {
    // Found by scripts/fuzz: the terminal renderer recursed once per level, so
    // 20,000 nested quotes overflowed the stack and a list nested 3,000 deep
    // wrote prefixes that grew with the square of the depth.
    const std::string quotes = std::string(20000, '>') + " deep words\n";
    const std::string quoted = terminal(quotes);
    CHECK_THAT(quoted, Contains("deep words"));
    CHECK(quoted.size() < 1000);

    std::string list;
    for (int i = 0; i < 3000; ++i) {
        list += std::string(static_cast<std::size_t>(2 * i), ' ') + "- item" + std::to_string(i) + "\n";
    }
    const std::string listed = terminal(list);
    CHECK_THAT(listed, Contains("item0"));
    CHECK_THAT(listed, Contains("item2999"));
    CHECK(listed.size() < 200000);

    std::string links;
    for (int i = 0; i < 20000; ++i) {
        links += "![";
    }
    links += "alt";
    for (int i = 0; i < 20000; ++i) {
        links += "](x.png)";
    }
    CHECK_THAT(terminal(links), Contains("alt"));
}

TEST_CASE("terminal output drops control characters an article holds", "[markdown][terminal]") {
    const std::string text = faqt::markdown_to_terminal(
        "Before \x1b]0;owned\x07 after \x1b[2J and `code\x1b[31m`\n\n```\nblock\x1b[1m\n```\n", faqt::TerminalStyle{});
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find('\x07') == std::string::npos);
    CHECK(text.find("Before") != std::string::npos);
    CHECK(text.find("block") != std::string::npos);
}

TEST_CASE("find_headings sees every heading form cmark-gfm knows, with file lines", "[markdown][headings]") {
    const std::string md =
        "# One\n"                                // 10
        "\n"                                     // 11
        "Two\n"                                  // 12
        "===\n"                                  // 13
        "\n"                                     // 14
        "Three *with* [a link](x)\n"             // 15
        "---\n"                                  // 16
        "\n"                                     // 17
        "```\n## not one\n```\n"                 // 18-20
        "\n"                                     // 21
        "> ## Quoted\n"                          // 22
        "\n"                                     // 23
        "### Four\xC2\xA0\xC2\xA0spaces ###\n";  // 24
    auto headings = faqt::find_headings(md, 10);
    REQUIRE(headings.size() == 5);
    CHECK(headings[0].level == 1);
    CHECK(headings[0].text == "One");
    CHECK(headings[0].line == 10);
    CHECK(headings[1].level == 1);
    CHECK(headings[1].text == "Two");
    CHECK(headings[1].line == 12);
    CHECK(headings[1].end_line == 13);
    CHECK(headings[2].level == 2);
    CHECK(headings[2].text == "Three with a link");
    CHECK(headings[2].line == 15);
    CHECK(headings[3].text == "Quoted");
    CHECK_FALSE(headings[3].top_level);
    CHECK(headings[3].line == 22);
    CHECK(headings[4].level == 3);
    CHECK(headings[4].text == "Four spaces");
    CHECK(headings[4].line == 24);
    CHECK(headings[4].top_level);
}

TEST_CASE("normalise_spaces turns Unicode spaces into one ASCII space", "[markdown][headings]") {
    CHECK(faqt::normalise_spaces("\xE2\x80\x83Internal\xE3\x80\x80\tnotes\xC2\xA0") == "Internal notes");
    CHECK(faqt::normalise_spaces("caf\xC3\xA9 \xE2\x80\x94 ok") == "caf\xC3\xA9 \xE2\x80\x94 ok");
}

TEST_CASE("find_headings: a link definition over --- is no heading; brackets stay in heading text",
          "[markdown][headings]") {
    CHECK(faqt::find_headings("[id]: https://example.com\n---\n\ntext\n", 1).empty());
    auto headings = faqt::find_headings("## See [KB123](kb.md) and [x]\n", 1);
    REQUIRE(headings.size() == 1);
    CHECK(headings[0].text == "See KB123 and [x]");
    // Runs of "![[]()" (quadratic in cmark-gfm's inline parser) leave the
    // headings found and their text as written.
    std::string hostile;
    for (int i = 0; i < 20000; ++i) {
        hostile += "![[]()";
    }
    headings = faqt::find_headings("# Title\n\n" + hostile + "\n\n## Internal notes [x]\n", 1);
    REQUIRE(headings.size() == 2);
    CHECK(headings[1].text == "Internal notes [x]");
    CHECK(headings[1].line == 5);
}

TEST_CASE("find_headings: emphasis stays in heading text; '*' and '_' that make blocks still do",
          "[markdown][headings]") {
    const auto headings = faqt::find_headings(
        "# The *new* __VPN__\n\n* item\n  ***\n\nSetext *text*\n---\n\nNot a heading\n***\n\n"
        "- _x_\n  ___\n\nLast **one**\n===\n",
        1);
    REQUIRE(headings.size() == 3);
    CHECK(headings[0].text == "The new VPN");
    CHECK(headings[1].text == "Setext text");
    CHECK(headings[1].line == 6);
    CHECK(headings[2].text == "Last one");
    CHECK(headings[2].line == 15);
}

TEST_CASE("markdown_to_text keeps the text after a literal '<'", "[markdown][text]") {
    // The text used to come from stripping tags out of rendered output, so
    // everything after "x <" was lost to the index and to snippets.
    const std::string text = markdown_to_text(
        "If x < y then reboot.\n\nLater zebrafter.\n\nInline `a < b` and &lt; entity.\n\n"
        "```\nif (p < q) kumquat();\n```\n\n    indented < code\n");
    INFO(text);
    CHECK_THAT(text, Contains("If x < y then reboot."));
    CHECK_THAT(text, Contains("Later zebrafter."));
    CHECK_THAT(text, Contains("Inline a < b and < entity."));
    CHECK_THAT(text, Contains("if (p < q) kumquat();"));
    CHECK_THAT(text, Contains("indented < code"));
}

TEST_CASE("raw HTML goes through the sanitiser in text, terminal and HTML", "[markdown][html]") {
    const std::string markdown =
        "Text with <b>bold\nacross</b> lines <script>evil()</script> and <a href=\"javascript:x()\">link</a>.\n\n"
        "<table>\n<tr><th>Key</th><th>Value</th></tr>\n<tr><td onclick=\"x()\">a</td><td>1</td></tr>\n</table>\n\n"
        "<style>p { color: red }</style>\n\nAfter.\n";
    SECTION("plain text") {
        const std::string text = markdown_to_text(markdown);
        INFO(text);
        CHECK_THAT(text, Contains("Text with bold across lines and link."));
        CHECK_THAT(text, Contains("Key Value"));
        CHECK_THAT(text, Contains("a 1"));
        CHECK_THAT(text, Contains("After."));
        CHECK_THAT(text, !Contains("evil"));
        CHECK_THAT(text, !Contains("color"));
        CHECK_THAT(text, !Contains("<"));
        CHECK_THAT(text, !Contains("|"));
    }
    SECTION("terminal: HTML tables as tables") {
        const std::string out = terminal(markdown);
        INFO(out);
        CHECK_THAT(out, Contains("Key │ Value"));
        CHECK_THAT(out, Contains("a   │ 1"));
        CHECK_THAT(out, Contains("Text with bold across lines and link."));
        CHECK_THAT(out, !Contains("evil"));
        CHECK_THAT(out, !Contains("color"));
        CHECK_THAT(out, !Contains("|"));
    }
    SECTION("html") {
        const std::string html = markdown_to_html(markdown, false);
        INFO(html);
        CHECK_THAT(html, Contains("<b>bold\nacross</b>"));
        CHECK_THAT(html, Contains("<td>a</td>"));
        CHECK_THAT(html, !Contains("evil"));
        CHECK_THAT(html, !Contains("javascript"));
        CHECK_THAT(html, !Contains("onclick"));
        CHECK_THAT(html, !Contains("<style"));
    }
}

TEST_CASE("docs-site notes >![info] render like > [!NOTE]", "[markdown][docs]") {
    for (const auto& [marker, label] : {std::pair{">![info]", "Note:"}, std::pair{">![warning]", "Warning:"},
                                        std::pair{"> ![NOTE]", "Note:"}, std::pair{">[!tip]", "Tip:"}}) {
        const std::string markdown = std::string(marker) + "\n>\n>Back up the database first.\n";
        const std::string out = terminal(markdown);
        INFO(out);
        CHECK_THAT(out, Contains(std::string("│ ") + label));
        CHECK_THAT(out, !Contains("!["));
        CHECK_THAT(out, !Contains("[!"));
        CHECK_THAT(markdown_to_text(markdown), Contains(label));
    }
    // An image outside a quote is left alone.
    CHECK_THAT(markdown_to_html("![info](info.png)\n", false), Contains("<img"));
}

TEST_CASE("Markdown that is quadratic for cmark-gfm is bounded and reported", "[markdown][limits]") {
    auto repeat = [](const std::string& pattern, std::size_t bytes) {
        std::string out;
        while (out.size() < bytes) {
            out += pattern;
        }
        return out;
    };
    // Each took cmark-gfm 0.29 seconds to minutes at 1 MiB; these are 256 KiB
    // and would take seconds each without the bounds.
    const std::size_t size = 256 * 1024;
    const std::string intro = "Intro.\n\n";
    struct Case {
        std::string markdown;
        const char* message;
    };
    const Case cases[] = {
        {intro + repeat("- ", size) + "deepword\n", "lists or quotes"},
        {intro + repeat("1. ", size) + "deepword\n", "lists or quotes"},
        {intro + repeat("> - ", size) + "deepword\n", "lists or quotes"},
        {intro + repeat("![[]()", size) + " deepword\n", "'['"},
        {intro + "|" + repeat("a|", size / 3) + "\n|" + repeat("-|", size / 3) + "\n|deepword|\n", "'|'"},
        // Not quadratic, but half a million emphasis nodes per MiB: a second
        // to parse, render and sanitise.
        {intro + repeat("*a", size) + " deepword\n", "'*' or '_'"},
        {intro + repeat("_a ", size) + " deepword\n", "'*' or '_'"},
    };
    for (const Case& c : cases) {
        CHECK(faqt::extract_links(c.markdown, 1).empty());
        const auto limits = faqt::markdown_limits(c.markdown, 10);
        REQUIRE(limits.size() == 1);
        CHECK(limits[0].line == 12);
        CHECK_THAT(limits[0].message, Contains(c.message));
        CHECK_THAT(markdown_to_text(c.markdown), Contains("deepword"));
        CHECK_THAT(terminal(c.markdown), Contains("deepword"));
        CHECK_THAT(markdown_to_html(c.markdown, false), Contains("deepword"));
    }
    CHECK(faqt::markdown_limits("Plain text with [a link](x.md) and a | b.\n", 1).empty());
}

TEST_CASE("the emphasis limit leaves thematic breaks and early emphasis alone", "[markdown][limits]") {
    std::string stars;
    for (int i = 0; i < 600; ++i) {
        stars += "*a* ";
    }
    // 1200 '*': the first 1024 are emphasis, the rest text; a line of '*'
    // is still a thematic break, and a blank line starts a new count.
    const std::string html = markdown_to_html(stars + "\n* * *\n\n*fresh*\n", false);
    CHECK_THAT(html, StartsWith("<p><em>a</em> <em>a</em>"));
    CHECK_THAT(html, Contains("*a* *a*"));
    CHECK_THAT(html, Contains("<hr />"));
    CHECK_THAT(html, Contains("<p><em>fresh</em></p>"));
}

TEST_CASE("bracket and column limits leave code blocks alone", "[markdown][limits]") {
    const std::string code = "```json\n" + std::string(5000, '[') + "\n" + std::string(500, '|') + "\n```\n";
    CHECK(faqt::markdown_limits(code, 1).empty());
    CHECK_THAT(markdown_to_text(code), Contains(std::string(5000, '[')));
}

TEST_CASE("a raw HTML table split by blank lines shows as one table", "[markdown][terminal]") {
    // officedocs writes tables whose cells hold blank lines and Markdown, which
    // cmark splits into several HTML blocks and paragraphs.
    const std::string markdown =
        "<table>\n<tr>\n<td>\n\n![icon](a.png)\n\n</td><td>First <b>option</b></td>\n</tr>\n"
        "<tr><td>\n\n*second*\n\n</td><td>Other</td></tr>\n</table>\n\nAfter.\n";
    const std::string out = terminal(markdown);
    INFO(out);
    // The image reads as Markdown images do everywhere in the terminal.
    CHECK_THAT(out, Contains("[Image: icon] │ First option"));
    CHECK_THAT(out, Contains("second        │ Other"));
    CHECK_THAT(out, Contains("After."));
    CHECK_THAT(out, !Contains("<"));
}

TEST_CASE("a table too wide without a header shows a bullet per row", "[markdown][terminal]") {
    const std::string long_text(120, 'x');
    const std::string out = terminal("<table><tr><td>first</td><td>" + long_text + " end</td></tr></table>\n", 60);
    INFO(out);
    CHECK_THAT(out, Contains("• first\n  xxxx"));
    CHECK_THAT(out, Contains("\n  end"));
}

TEST_CASE("a code fence whose quote or list item ends stops sparing brackets", "[markdown][limits]") {
    // cmark ends the fence with its container; the brackets after it are
    // parsed as text and must be counted.
    std::string brackets;
    for (int i = 0; i < 2000; ++i) {
        brackets += "![[]()";
    }
    for (const char* opening : {"> ```\n", "- ```\n", "- a\n\n  ```\n", "   > - ```\n"}) {
        const std::string markdown = std::string(opening) + brackets + "\n";
        INFO(opening);
        const auto limits = faqt::markdown_limits(markdown, 1);
        REQUIRE(limits.size() == 1);
        CHECK_THAT(limits[0].message, Contains("'['"));
    }
    // Inside the fence they are code, and spared.
    CHECK(faqt::markdown_limits("> ```\n> " + brackets + "\n> ```\n", 1).empty());
    CHECK(faqt::markdown_limits("- ```\n  " + brackets + "\n", 1).empty());
}

TEST_CASE("markdown_to_terminal with plain marks and no width pastes into a ticket", "[markdown][terminal]") {
    TerminalStyle style;
    style.width = 0;
    style.plain_marks = true;
    const std::string long_words(200, 'w');
    const std::string out = markdown_to_terminal(
        "## Steps\n\n- one\n- two\n\n> quoted " + long_words + " end\n\n---\n\n| a | bb |\n|---|---|\n| ccc | d |\n",
        style);
    CHECK(out == "Steps\n\n- one\n- two\n\n  quoted " + long_words + " end\n\na   | bb\n----|---\nccc | d\n");
}

TEST_CASE("markdown_to_html rewrites links and images through the hook", "[markdown][html]") {
    faqt::HtmlOptions options;
    std::vector<std::pair<std::string, bool>> seen;
    options.rewrite_link = [&](std::string_view url, bool image) {
        seen.emplace_back(std::string(url), image);
        faqt::LinkRewrite rewrite;
        if (url == "a.md#x") {
            rewrite.action = faqt::LinkRewrite::Action::replace;
            rewrite.url = "../a/index.html#x";
        } else if (url == "secret.md" || url == "pic.png") {
            rewrite.action = faqt::LinkRewrite::Action::text;
        }
        return rewrite;
    };
    const std::string html = faqt::markdown_to_html(
        "See [the other](a.md#x), [hidden *one*](secret.md), ![a picture](pic.png) and [web](https://x.example/).\n",
        options);
    CHECK(html.find("href=\"../a/index.html#x\"") != std::string::npos);
    CHECK(html.find("secret.md") == std::string::npos);
    CHECK(html.find("hidden <em>one</em>") != std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("a picture") != std::string::npos);
    CHECK(html.find("href=\"https://x.example/\"") != std::string::npos);
    // Called in document order, images named as such.
    REQUIRE(seen.size() == 4);
    CHECK(seen[0] == std::pair<std::string, bool>{"a.md#x", false});
    CHECK(seen[2] == std::pair<std::string, bool>{"pic.png", true});
}

TEST_CASE("markdown_to_html with options drops javascript: and data: links even with raw HTML allowed",
          "[markdown][html]") {
    faqt::HtmlOptions options;
    options.allow_html = true;
    options.rewrite_link = [](std::string_view, bool) { return faqt::LinkRewrite{}; };
    const std::string html =
        faqt::markdown_to_html("[click](javascript:alert(1)) [d](data:text/html,x) ![i](data:image/png,x)\n", options);
    CHECK(html.find("javascript:") == std::string::npos);
    CHECK(html.find("data:") == std::string::npos);
    CHECK(html.find("click") != std::string::npos);
}

TEST_CASE("markdown_to_html renders docs callouts as labelled notes for the site", "[markdown][html]") {
    faqt::HtmlOptions options;
    options.callouts = true;
    options.callout_label = [](std::string_view kind) { return kind == "warning" ? "Cảnh báo" : ""; };
    const std::string html = faqt::markdown_to_html(
        "Before.\n\n> [!WARNING]\n> Back up <b>first</b>.\n\n> [!TIP] Use **F5**.\n\n> A plain quote.\n", options);
    CHECK(html.find("<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-label\">Cảnh báo</p>") !=
          std::string::npos);
    CHECK(html.find("<p>Back up <b>first</b>.</p>") != std::string::npos);
    CHECK(html.find("<p class=\"callout-label\">Tip</p>\n<p>Use <strong>F5</strong>.</p>") != std::string::npos);
    CHECK(html.find("<blockquote>\n<p>A plain quote.</p>") != std::string::npos);
    CHECK(html.find("[!") == std::string::npos);
    // Raw HTML inside a callout still goes through the sanitiser.
    CHECK(faqt::markdown_to_html("> [!NOTE]\n> <script>alert(1)</script>x\n", options).find("<script") ==
          std::string::npos);
    // Without the option, and in the terminal, a callout reads as before.
    CHECK(faqt::markdown_to_html("> [!NOTE]\n> Text.\n", false).find("<strong>Note:</strong>") != std::string::npos);
}

TEST_CASE("a callout inside raw HTML's structure stays where the sanitiser puts it", "[markdown][html]") {
    faqt::HtmlOptions options;
    options.callouts = true;
    // cmark ends the HTML block at the blank line; the callout sits between
    // the halves of the table, and the page stays one well-formed tree.
    const std::string html = faqt::markdown_to_html(
        "<table><tr><td>\n\n1. One\n\n> [!IMPORTANT]\n> Note the name.\n\n2. Two\n\n</td></tr></table>\n", options);
    CHECK_THAT(html, Contains("<p class=\"callout-label\">Important</p>\n<p>Note the name.</p>"));
    CHECK(html.find("<blockquote") == std::string::npos);
    const auto count = [&](std::string_view tag) {
        std::size_t n = 0;
        for (std::size_t at = 0; (at = html.find(tag, at)) != std::string::npos; ++at) {
            ++n;
        }
        return n;
    };
    CHECK(count("<div") == count("</div>"));
    CHECK(count("<table") == count("</table>"));
    CHECK(count("<td") == count("</td>"));
}

TEST_CASE("extract_external_links finds links and images with a scheme, at their position", "[markdown]") {
    const auto links = faqt::extract_external_links(
        "Intro [a](b.md).\n\n![x](https://cdn.example/x.png) [s](javascript:alert(1))\n\n[r]: data:text/html,x\n\n"
        "[use][r] <https://example.com/>\n",
        10);
    REQUIRE(links.size() == 4);
    CHECK(links[0].target == "https://cdn.example/x.png");
    CHECK(links[0].image);
    CHECK(links[0].line == 12);
    CHECK(links[0].column == 1);
    CHECK(links[1].target == "javascript:alert(1)");
    CHECK_FALSE(links[1].image);
    CHECK(links[2].target == "data:text/html,x");
    CHECK(links[3].target == "https://example.com/");
    CHECK(faqt::extract_external_links("No links: just text (and a colon).\n", 1).empty());
}

TEST_CASE("markdown: autolinks and strikethrough come out the same on every thread at once") {
    const std::string markdown =
        "See https://example.com/a and www.example.org, ~~old~~ new.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    const std::string expected = faqt::markdown_to_html(markdown, false);
    REQUIRE(expected.find("<a href=\"https://example.com/a\">") != std::string::npos);
    REQUIRE(expected.find("<del>old</del>") != std::string::npos);
    std::atomic<int> different{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 300; ++i) {
                if (faqt::markdown_to_html(markdown, false) != expected) {
                    ++different;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(different == 0);
}
