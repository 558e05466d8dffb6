#include "cli/output.hpp"

#include <algorithm>

#include "content/text.hpp"

namespace faqt::cli {

std::string terminal_safe(std::string_view text, bool keep_styles) {
    // Repairing first turns a stray 0x9B (CSI on an 8-bit terminal) into
    // U+FFFD, so strip_control sees only well-formed UTF-8. The control rule
    // itself is content's, the one that already cleans titles and bodies;
    // here it runs on the text between faqt's own styles.
    const std::string repaired = repair_utf8(text);
    if (!keep_styles) {
        return strip_control(repaired);
    }
    std::string out;
    out.reserve(repaired.size());
    const std::string_view rest(repaired);
    std::size_t plain = 0;  // start of the text not yet copied
    for (std::size_t i = rest.find('\033'); i != std::string_view::npos; i = rest.find('\033', i + 1)) {
        const auto style = std::find_if(k_styles.begin(), k_styles.end(),
                                        [&](std::string_view s) { return rest.substr(i).starts_with(s); });
        if (style != k_styles.end()) {
            out += strip_control(rest.substr(plain, i - plain));
            out += *style;
            plain = i + style->size();
            i = plain - 1;
        }
    }
    out += strip_control(rest.substr(plain));
    return out;
}

std::string one_line(std::string_view text) {
    std::string out = strip_control(text);
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    return out;
}

void write_text(std::FILE* stream, std::string_view text, bool keep_styles) {
    const std::string safe = terminal_safe(text, keep_styles);
    std::fwrite(safe.data(), 1, safe.size(), stream);
}

}  // namespace faqt::cli
