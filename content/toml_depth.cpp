#include "content/toml_depth.hpp"

namespace faqt {

int find_overlong_toml_key(std::string_view text) {
    int line = 1;
    std::size_t dots = 0;
    bool in_key = true;  // before the line's '=': a key or a table header
    for (char c : text) {
        if (c == '\n') {
            ++line;
            dots = 0;
            in_key = true;
            continue;
        }
        if (!in_key) {
            continue;
        }
        if (c == '=') {
            in_key = false;
        } else if (c == '.' && ++dots >= k_max_toml_key_parts) {
            return line;
        }
    }
    return 0;
}

}  // namespace faqt
