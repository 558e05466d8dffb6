// What content/ and index/ make of text, as JSON, for the agreement test of
// the browser search's word rules (agreement_test.mjs beside this file).
//
//   faqt_text_dump strings     each line of stdin → one JSON object per line
//   faqt_text_dump table       the fold table for the code points of stdin,
//                              the shape of the site's fold.js data
//   faqt_text_dump vocabulary  the distinct folded words of stdin, sorted,
//                              each as [word, English stem] on its own line
//   faqt_text_dump stems       each line of stdin is a folded word →
//                              [word, English stem] on its own line
//   faqt_text_dump stopwords   terms::stopwords() as a JSON array
//
// Offsets are in UTF-16 code units, as JavaScript counts them.

#include <unicode/utf8.h>

#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "content/fold_table.hpp"
#include "content/json.hpp"
#include "content/text.hpp"
#include "index/rerank.hpp"
#include "index/terms.hpp"

namespace {

// The UTF-16 length of valid UTF-8 text (the input is valid: the test writes
// it from JavaScript strings).
std::size_t utf16_length(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte & 0xC0) != 0x80) {
            n += byte >= 0xF0 ? 2 : 1;
        }
    }
    return n;
}

void dump_string(const std::string& line) {
    using namespace faqt;
    JsonWriter json(false);
    json.begin_object();
    json.field("fold", fold(line));
    json.field("lower", lower(line));
    const auto spans = find_words(line);
    json.key("spans").begin_array();
    for (const auto& span : spans) {
        json.begin_array()
            .value(utf16_length(std::string_view(line).substr(0, span.offset)))
            .value(utf16_length(std::string_view(line).substr(span.offset, span.length)))
            .end_array();
    }
    json.end_array();
    std::vector<std::string> raw;
    std::vector<std::string> folded;
    for (const auto& span : spans) {
        raw.push_back(line.substr(span.offset, span.length));
        folded.push_back(terms::fold_word(raw.back()));
    }
    json.key("words").strings(raw);
    json.key("folded").strings(folded);
    json.key("exact").begin_array();
    for (const auto& word : raw) {
        json.value(terms::lower_word(word));
    }
    json.end_array();
    json.key("caps").begin_array();
    for (const auto& word : raw) {
        json.value(terms::is_all_caps(word));
    }
    json.end_array();
    json.key("code").begin_array();
    for (const auto& word : folded) {
        json.value(terms::is_code_like(word));
    }
    json.end_array();
    json.key("plain").begin_array();
    for (const auto& word : folded) {
        json.value(terms::is_plain_number(word));
    }
    json.end_array();
    json.key("stop").begin_array();
    for (const auto& word : folded) {
        json.value(terms::is_stopword(word));
    }
    json.end_array();
    json.key("spell").begin_array();
    for (const auto& word : folded) {
        json.value(terms::is_spelling_word(word));
    }
    json.end_array();
    json.key("compound").begin_array();
    for (const auto& word : folded) {
        json.strings(terms::compound_parts(word));
    }
    json.end_array();
    json.key("number").begin_array();
    for (const auto& word : folded) {
        json.strings(terms::number_parts(word));
    }
    json.end_array();
    json.key("split").begin_array();
    for (const auto& word : folded) {
        const std::size_t split = name_number_split(word);
        json.value(split == std::string_view::npos ? -1 : static_cast<int>(split));
    }
    json.end_array();
    // Each word with the next: whether they join as a name and a number.
    json.key("joins").begin_array();
    for (std::size_t i = 0; i + 1 < spans.size(); ++i) {
        const std::size_t end = spans[i].offset + spans[i].length;
        const std::string between = line.substr(end, spans[i + 1].offset - end);
        json.begin_array()
            .value(joins_name_number(folded[i], between, folded[i + 1]))
            .value(terms::joined_name_number(folded[i], between, folded[i + 1]))
            .end_array();
    }
    json.end_array();
    json.key("stems").begin_array();
    for (const auto& word : folded) {
        json.value(terms::stem("en", word));
    }
    json.end_array();
    json.field("question", question_type_of_text(line));
    json.field("ticket", terms::ticket_key(line));
    json.end_object();
    std::cout << json.str() << '\n';
}

void dump_table(const std::string& text) {
    std::set<char32_t> code_points;
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c >= 0) {
            code_points.insert(static_cast<char32_t>(c));
        }
    }
    faqt::JsonWriter json(false);
    json.begin_object();
    for (const auto& entry : faqt::fold_table(code_points)) {
        std::string key;
        int32_t n = 0;
        char buf[4];
        UBool error = false;
        U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, static_cast<UChar32>(entry.code_point), error);
        if (error != 0) {
            continue;  // fold_table() holds code points only, never surrogates
        }
        key.assign(buf, static_cast<std::size_t>(n));
        json.key(key).begin_array().value(entry.fold).value(entry.lower).value(entry.cls).end_array();
    }
    json.end_object();
    std::cout << json.str() << '\n';
}

void dump_stem(const std::string& word) {
    faqt::JsonWriter json(false);
    json.begin_array().value(word).value(faqt::terms::stem("en", word)).end_array();
    std::cout << json.str() << '\n';
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    const std::string mode = argc == 2 ? argv[1] : "";
    std::string line;
    if (mode == "strings") {
        while (std::getline(std::cin, line)) {
            dump_string(line);
        }
    } else if (mode == "table") {
        std::string text;
        while (std::getline(std::cin, line)) {
            text += line;
            text += '\n';
        }
        dump_table(text);
    } else if (mode == "vocabulary") {
        std::set<std::string> words;
        while (std::getline(std::cin, line)) {
            for (const auto& word : faqt::split_words(line)) {
                words.insert(faqt::terms::fold_word(word));
            }
        }
        for (const auto& word : words) {
            dump_stem(word);
        }
    } else if (mode == "stems") {
        while (std::getline(std::cin, line)) {
            dump_stem(line);
        }
    } else if (mode == "stopwords") {
        faqt::JsonWriter json(false);
        json.strings(faqt::terms::stopwords());
        std::cout << json.str() << '\n';
    } else {
        std::cerr << "usage: faqt_text_dump strings|table|vocabulary|stems|stopwords < input\n";
        return 2;
    }
    return 0;
}
