#include "index/plain_text.hpp"

namespace faqt {

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            space = !out.empty();
        } else {
            if (space) {
                out += ' ';
                space = false;
            }
            out += c;
        }
    }
    return out;
}

std::string truncate_text(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) {
        return std::string(text);
    }
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;  // never inside a UTF-8 sequence
    }
    std::size_t space = text.rfind(' ', cut);
    if (space != std::string_view::npos && space > max_bytes / 2) {
        cut = space;
    }
    return std::string(text.substr(0, cut));
}

}  // namespace faqt
