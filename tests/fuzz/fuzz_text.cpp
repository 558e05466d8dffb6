// Fuzz target: the Unicode helpers every article, heading and query goes
// through. They take arbitrary bytes, valid UTF-8 or not. Also the exclude
// glob matcher, with the input split at its first newline into a pattern
// and a path: it must stay linear whatever the pattern (-timeout catches
// a hang).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "content/kb.hpp"
#include "content/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    faqt::fold(text);
    faqt::lower(text);
    faqt::split_words(text);
    faqt::find_words(text);
    faqt::slugify(text);
    faqt::heading_anchor(text);
    faqt::display_width(text);
    faqt::trim(text);
    std::size_t offset = 0;
    faqt::is_valid_utf8(text, &offset);
    const std::string repaired = faqt::repair_utf8(text);
    if (!faqt::is_valid_utf8(repaired)) {
        __builtin_trap();  // repair_utf8() must give valid UTF-8
    }
    const std::size_t newline = text.find('\n');
    if (newline != std::string_view::npos) {
        faqt::glob_match(text.substr(0, newline), text.substr(newline + 1));
    }
    return 0;
}
