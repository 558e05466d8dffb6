#include "content/ticket_number.hpp"

#include "content/text.hpp"

namespace faqt {

std::string ticket_number_key(std::string_view text) {
    std::string out;
    for (const auto& word : split_words(text)) {
        for (char c : fold(word)) {
            if (c != '_' && c != '.') {
                out += c;
            }
        }
    }
    return out;
}

}  // namespace faqt
