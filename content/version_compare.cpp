#include "content/version_compare.hpp"

#include <cctype>
#include <vector>

namespace faqt {

namespace {

struct Component {
    std::string number;  // digits without leading zeros ("" when the component has none)
    std::string rest;    // what follows the digits, lower-cased
};

std::string_view strip(std::string_view v) {
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front())) != 0) {
        v.remove_prefix(1);
    }
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back())) != 0) {
        v.remove_suffix(1);
    }
    if (v.size() > 1 && (v.front() == 'v' || v.front() == 'V') && std::isdigit(static_cast<unsigned char>(v[1])) != 0) {
        v.remove_prefix(1);
    }
    return v;
}

std::vector<Component> components(std::string_view version) {
    std::vector<Component> out;
    version = strip(version);
    if (version.empty()) {
        return out;
    }
    std::size_t start = 0;
    while (true) {
        std::size_t dot = version.find('.', start);
        std::string_view part =
            version.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        Component c;
        std::size_t i = 0;
        while (i < part.size() && part[i] == '0' && i + 1 < part.size() &&
               std::isdigit(static_cast<unsigned char>(part[i + 1])) != 0) {
            ++i;  // leading zeros
        }
        while (i < part.size() && std::isdigit(static_cast<unsigned char>(part[i])) != 0) {
            c.number += part[i++];
        }
        for (; i < part.size(); ++i) {
            c.rest += static_cast<char>(std::tolower(static_cast<unsigned char>(part[i])));
        }
        out.push_back(std::move(c));
        if (dot == std::string_view::npos) {
            break;
        }
        start = dot + 1;
    }
    return out;
}

int compare_numbers(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) {
        return a.size() < b.size() ? -1 : 1;
    }
    int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
    auto ca = components(a);
    auto cb = components(b);
    for (std::size_t i = 0; i < ca.size() && i < cb.size(); ++i) {
        if (int c = compare_numbers(ca[i].number, cb[i].number); c != 0) {
            return c;
        }
        if (int c = ca[i].rest.compare(cb[i].rest); c != 0) {
            return c < 0 ? -1 : 1;
        }
    }
    if (ca.size() != cb.size()) {
        return ca.size() < cb.size() ? -1 : 1;
    }
    return 0;
}

std::string version_sort_key(std::string_view version) {
    // Each component becomes: one byte holding the digit count (so longer
    // numbers sort later), the digits, the text after them, then a 0x01
    // separator, which sorts below any digit-count byte and any text, so
    // "4.3" < "4.3.0" < "4.3.1" and "7.2" < "7.2b" as in compare_versions.
    std::string key;
    for (const auto& c : components(version)) {
        key += static_cast<char>('0' + static_cast<int>(c.number.size()));
        key += c.number;
        key += c.rest;
        key += '\x01';
    }
    return key;
}

}  // namespace faqt
