#include "site/compact_script.hpp"

#include "content/text.hpp"

namespace faqt {

std::string compact_script(std::string_view script) {
    std::string out;
    out.reserve(script.size() / 2);
    bool in_block = false;
    for (std::string_view line : split_lines(script)) {
        const std::size_t start = line.find_first_not_of(" \t\r");
        if (start == std::string_view::npos) {
            continue;
        }
        line.remove_prefix(start);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
            line.remove_suffix(1);
        }
        if (in_block) {
            // The comment ends here only when "*/" closes the line; code
            // after it would need a real tokenizer, so it is kept whole.
            if (line.ends_with("*/")) {
                in_block = false;
            }
            continue;
        }
        if (line.starts_with("//")) {
            continue;
        }
        if (line.starts_with("/*")) {
            const std::size_t end = line.find("*/", 2);
            if (end == std::string_view::npos) {
                in_block = true;
                continue;
            }
            if (end + 2 == line.size()) {
                continue;
            }
        }
        out.append(line);
        out += '\n';
    }
    return out;
}

}  // namespace faqt
