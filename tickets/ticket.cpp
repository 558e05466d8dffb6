#include "tickets/ticket.hpp"

namespace faqt {

namespace {

bool is_tag_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '#' || c == '.' || c == ':' || c == '/';
}

bool has_digit(std::string_view s) {
    for (char c : s) {
        if (c >= '0' && c <= '9')
            return true;
    }
    return false;
}

}  // namespace

std::string ticket_number_in_subject(std::string_view subject) {
    for (std::size_t i = 0; i < subject.size(); ++i) {
        char open = subject[i];
        char close = open == '[' ? ']' : open == '(' ? ')' : '\0';
        if (close == '\0')
            continue;
        std::size_t end = subject.find(close, i + 1);
        if (end == std::string_view::npos)
            continue;
        std::string_view tag = subject.substr(i + 1, end - i - 1);
        bool plain = !tag.empty() && tag.size() <= 40;
        for (char c : tag)
            plain = plain && is_tag_char(c);
        if (!plain || !has_digit(tag))
            continue;
        // "Ticket#2024..." and "#4411" keep what follows the '#'.
        std::size_t hash = tag.rfind('#');
        if (hash != std::string_view::npos && hash + 1 < tag.size())
            tag = tag.substr(hash + 1);
        return std::string(tag);
    }
    return {};
}

}  // namespace faqt
