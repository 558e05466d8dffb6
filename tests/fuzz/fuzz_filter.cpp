// Fuzz target: article filter values, as typed after --type, --status,
// --category, --tag, --product, --lang and --version. make_article_filter()
// must turn any values into a filter or a usage Error, and matches() and
// closest_match() ("did you mean") must never throw, crash or take long.
//
// Input: lines "KEY VALUE"; KEY is t, s, c, g, p, l or v.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/article_filter.hpp"
#include "content/closest_match.hpp"
#include "content/config.hpp"

namespace {

const faqt::Config& config() {
    static const faqt::Config c = [] {
        auto loaded = faqt::parse_config(
            "[[categories]]\nid = \"network/vpn\"\ncodes = [\"NET-VPN\"]\n"
            "[[categories]]\nid = \"accounts/passwords\"\nname = \"Passwords\"\n",
            "/kb");
        return loaded ? loaded->config : faqt::Config{};
    }();
    return c;
}

faqt::Article article() {
    faqt::Article a;
    a.id = "network/vpn-drops";
    a.lang = "vi";
    a.type = faqt::ArticleType::known_error;
    a.status = "workaround";
    a.categories = {"network/vpn"};
    a.tags = {"vpn"};
    a.products = {"VPN Client"};
    a.fixed_in = "4.3.1";
    return a;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    faqt::FilterValues values;
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        if (line.size() < 2) {
            continue;
        }
        const std::string value(line.substr(2));
        words.push_back(value);
        switch (line[0]) {
            case 't':
                values.types.push_back(value);
                break;
            case 's':
                values.statuses.push_back(value);
                break;
            case 'c':
                values.categories.push_back(value);
                break;
            case 'g':
                values.tags.push_back(value);
                break;
            case 'p':
                values.products.push_back(value);
                break;
            case 'l':
                values.langs.push_back(value);
                break;
            case 'v':
                values.version = value;
                break;
            default:
                break;
        }
    }
    auto filter = faqt::make_article_filter(values, config());
    if (filter) {
        static const faqt::Article a = article();
        filter->matches(a);
        filter->empty();
    }
    // "Did you mean" compares a value with every known one; a few values
    // against all of them keep each run short.
    constexpr std::size_t k_max_words = 8;
    for (std::size_t i = 0; i < words.size() && i < k_max_words; ++i) {
        faqt::closest_match(words[i], words);
    }
    return 0;
}
