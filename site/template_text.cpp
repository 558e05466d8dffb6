#include "site/template_text.hpp"

#include <kainjow/mustache.hpp>

#include <vector>

#include "content/text.hpp"

namespace faqt {

namespace {

std::string expand(std::string_view text, const std::map<std::string, std::string, std::less<>>& partials,
                   std::vector<std::string>& stack) {
    std::string out;
    std::size_t at = 0;
    while (true) {
        const std::size_t open = text.find("{{>", at);
        if (open == std::string_view::npos) {
            out += text.substr(at);
            return out;
        }
        const std::size_t close = text.find("}}", open + 3);
        if (close == std::string_view::npos) {
            out += text.substr(at);
            return out;
        }
        out += text.substr(at, open - at);
        const std::string name = trim(text.substr(open + 3, close - open - 3));
        auto partial = partials.find(name);
        const bool recursive = std::find(stack.begin(), stack.end(), name) != stack.end();
        if (partial == partials.end() || recursive) {
            out += text.substr(open, close + 2 - open);
        } else {
            stack.push_back(name);
            out += expand(partial->second, partials, stack);
            stack.pop_back();
        }
        at = close + 2;
    }
}

}  // namespace

std::string inline_partials(std::string_view text, const std::map<std::string, std::string, std::less<>>& partials) {
    if (text.find("{{=") != std::string_view::npos) {
        return std::string(text);
    }
    for (const auto& [name, partial] : partials) {
        if (partial.find("{{=") != std::string::npos) {
            return std::string(text);
        }
    }
    std::vector<std::string> stack;
    return expand(text, partials, stack);
}

std::string fill_strings(std::string_view text, const StringTable& strings) {
    std::string out;
    std::size_t at = 0;
    while (true) {
        const std::size_t open = text.find("{{", at);
        if (open == std::string_view::npos) {
            out += text.substr(at);
            return out;
        }
        out += text.substr(at, open - at);
        // {{{s.key}}}, {{&s.key}} or {{s.key}}, with optional spaces.
        bool raw = false;
        std::size_t start = open + 2;
        std::string_view closer = "}}";
        if (start < text.size() && text[start] == '{') {
            raw = true;
            ++start;
            closer = "}}}";
        } else if (start < text.size() && text[start] == '&') {
            raw = true;
            ++start;
        }
        const std::size_t close = text.find(closer, start);
        if (close == std::string_view::npos) {
            out += text.substr(open);
            return out;
        }
        const std::string name = trim(text.substr(start, close - start));
        if (name.size() > 2 && name.starts_with("s.") && name.find_first_of(" {}#^/>!=&") == std::string::npos) {
            auto word = strings.find(std::string_view(name).substr(2));
            if (word != strings.end()) {
                // The word becomes template text: a '{' in it is written as
                // its character reference, so it can never open a tag.
                const std::string shown =
                    raw ? word->second : kainjow::mustache::html_escape<std::string>(word->second);
                for (char c : shown) {
                    if (c == '{') {
                        out += "&#123;";
                    } else {
                        out += c;
                    }
                }
            }
            at = close + closer.size();
            continue;
        }
        out += text.substr(open, close + closer.size() - open);
        at = close + closer.size();
    }
}

bool uses_strings(std::string_view text) {
    for (std::string_view tag : {"{{s.", "{{#s.", "{{^s.", "{{{s.", "{{&s.", "{{ s."}) {
        if (text.find(tag) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

}  // namespace faqt
