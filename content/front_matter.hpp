#pragma once
// Front matter: the metadata block at the top of an article, TOML between
// "+++" lines or YAML between "---" lines. Both are read into the same flat
// map of fields (nested tables become dotted keys, "ms.date"), each with the
// line it came from, so article parsing and [fields] mapping need not care
// which syntax the writer used.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/date.hpp"
#include "content/diagnostic.hpp"

namespace faqt {

enum class FrontMatterSyntax { none, toml, yaml };

struct FieldValue {
    enum class Kind { string, list, boolean, date, integer, number, table, null } kind = Kind::null;
    std::string text;               // string, or the scalar as written
    std::vector<std::string> list;  // list of scalars
    bool list_ok = true;            // false when a list holds a non-scalar
    bool flag = false;
    std::optional<Date> date;
    int line = 0;  // 1-based line in the file
    int column = 0;
};

struct FrontMatter {
    FrontMatterSyntax syntax = FrontMatterSyntax::none;
    std::map<std::string, FieldValue> fields;
    std::string body;     // what follows the closing delimiter
    int body_line = 1;    // file line where body starts
    bool parsed = false;  // false when the block is broken (syntax, duplicate key, unclosed, CR-only line ends)
};

// Splits text into front matter and body and parses the front matter.
// Diagnostics carry path and file lines. A block without its closing
// delimiter, or one that does not parse, is reported; the body is kept.
FrontMatter parse_front_matter(std::string_view text, std::string_view path, Diagnostics& diagnostics);

}  // namespace faqt
