#include "site/xml.hpp"

#include "content/html_sanitiser.hpp"
#include "content/text.hpp"

namespace faqt {

void append_xml_escaped(std::string_view text, std::string& out, bool attribute) {
    const std::string clean = strip_control(repair_utf8(text));
    std::string allowed;
    allowed.reserve(clean.size());
    for (std::size_t i = 0; i < clean.size(); ++i) {
        // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
        if (clean[i] == '\xEF' && i + 2 < clean.size() && clean[i + 1] == '\xBF' &&
            (clean[i + 2] == '\xBE' || clean[i + 2] == '\xBF')) {
            i += 2;
            continue;
        }
        allowed += clean[i];
    }
    // XML's five escapes are HTML's: one rule.
    append_html_escaped(allowed, out, attribute);
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
