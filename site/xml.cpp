#include "site/xml.hpp"

#include "content/text.hpp"

namespace faqt {

void append_xml_escaped(std::string_view text, std::string& out, bool attribute) {
    const std::string clean = strip_control(repair_utf8(text));
    for (std::size_t i = 0; i < clean.size(); ++i) {
        const char c = clean[i];
        // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
        if (c == '\xEF' && i + 2 < clean.size() && clean[i + 1] == '\xBF' &&
            (clean[i + 2] == '\xBE' || clean[i + 2] == '\xBF')) {
            i += 2;
            continue;
        }
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += attribute ? "&quot;" : "\"";
                break;
            default:
                out += c;
        }
    }
}

std::string xml_escaped(std::string_view text, bool attribute) {
    std::string out;
    append_xml_escaped(text, out, attribute);
    return out;
}

std::string rfc3339(const Date& date) {
    return date.to_string() + "T00:00:00Z";
}

}  // namespace faqt
