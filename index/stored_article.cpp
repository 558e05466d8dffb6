#include "index/stored_article.hpp"

namespace faqt {

namespace {

// Fields are separated by ASCII unit separators and list items by record
// separators; neither can occur in text that went through the parser's
// whitespace collapsing, and control characters are stripped on the way in.
constexpr char k_field_sep = '\x1f';
constexpr char k_item_sep = '\x1e';

void append_clean(std::string& out, std::string_view text) {
    for (char c : text) {
        out += (c == k_field_sep || c == k_item_sep) ? ' ' : c;
    }
}

}  // namespace

std::string encode_stored_article(const StoredArticle& a) {
    std::string out;
    out.reserve(a.text.size() + a.summary.size() + a.title.size() + 128);
    auto field = [&out](std::string_view text) {
        append_clean(out, text);
        out += k_field_sep;
    };
    field(a.id);
    field(a.lang);
    field(a.title);
    field(a.type);
    field(a.status);
    field(a.severity);
    for (std::size_t i = 0; i < a.categories.size(); ++i) {
        if (i > 0) {
            out += k_item_sep;
        }
        append_clean(out, a.categories[i]);
    }
    out += k_field_sep;
    field(a.path);
    field(a.summary);
    field(a.visibility);
    append_clean(out, a.text);
    return out;
}

StoredArticle decode_stored_article(std::string_view data) {
    StoredArticle a;
    std::string* fields[] = {&a.id,   &a.lang, &a.title,   &a.type,       &a.status,
                             &a.severity, nullptr, &a.path, &a.summary, &a.visibility, &a.text};
    std::size_t index = 0;
    std::size_t pos = 0;
    while (index < std::size(fields)) {
        std::size_t end = index + 1 == std::size(fields) ? data.size() : data.find(k_field_sep, pos);
        if (end == std::string_view::npos) {
            end = data.size();
        }
        std::string_view value = data.substr(pos, end - pos);
        if (fields[index] != nullptr) {
            fields[index]->assign(value);
        } else {
            std::size_t start = 0;
            while (!value.empty() && start <= value.size()) {
                std::size_t sep = value.find(k_item_sep, start);
                if (sep == std::string_view::npos) {
                    sep = value.size();
                }
                a.categories.emplace_back(value.substr(start, sep - start));
                start = sep + 1;
            }
        }
        ++index;
        if (end >= data.size()) {
            break;
        }
        pos = end + 1;
    }
    return a;
}

}  // namespace faqt
