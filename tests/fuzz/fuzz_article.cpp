// Fuzz target: an article file as a user could write it. parse_article()
// must return an article with diagnostics for any bytes, and the Markdown
// renderers must cope with whatever body it leaves.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "content/article.hpp"
#include "content/config.hpp"
#include "content/html_sanitiser.hpp"
#include "content/markdown.hpp"
#include "content/public_view.hpp"

namespace {

// [sections.vi] and [fields] make parse_article() take the paths that map
// localised headings and foreign front matter keys.
const faqt::Config& fuzz_config() {
    static const faqt::Config config = [] {
        auto loaded = faqt::parse_config(R"(
[fields]
updated = ["ms.date", "lastmod"]
summary = ["description"]
tags = ["keywords"]

[sections.vi]
symptoms = ["Triệu chứng", "Hiện tượng"]
cause = ["Nguyên nhân"]
workaround = ["Cách khắc phục tạm thời"]
resolution = ["Cách giải quyết"]
answer = ["Câu trả lời"]
)",
                                         "/kb");
        if (!loaded) {
            throw std::runtime_error("fuzz config does not parse: " + loaded.error().message);
        }
        return loaded->config;
    }();
    return config;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = faqt::parse_article(text, "network/fuzz.vi.md", fuzz_config());
    const auto& body = parsed.article.body;
    faqt::markdown_to_terminal(body, faqt::TerminalStyle{true, 80});
    faqt::markdown_to_terminal(body, faqt::TerminalStyle{false, 20});
    faqt::markdown_to_html(body, false);
    faqt::markdown_to_text(body);
    faqt::extract_links(body, parsed.article.body_line);
    // The public text never holds a section under an internal heading.
    for (const auto& section : faqt::public_text(parsed.article).sections) {
        if (section.internal || section.kind == faqt::SectionKind::internal) {
            __builtin_trap();
        }
    }
    faqt::markdown_limits(body, parsed.article.body_line);
    // The body as raw HTML, for the sanitiser on its own.
    faqt::sanitise_html(body);
    faqt::html_to_text(body);
    faqt::html_to_blocks(body);
    return 0;
}
