#include "content/front_matter.hpp"

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>

#include "content/toml_depth.hpp"

namespace faqt {

namespace {

// Returns the line at pos (without its newline) and advances pos.
std::string_view next_line(std::string_view text, std::size_t& pos) {
    auto end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    return line;
}

std::string_view rtrim(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

std::string toml_scalar_text(const toml::node& node) {
    if (auto s = node.value<std::string>(); s && node.is_string()) {
        return *s;
    }
    if (node.is_integer()) {
        return std::to_string(*node.value<int64_t>());
    }
    if (node.is_floating_point()) {
        std::string s = std::to_string(*node.value<double>());
        while (s.size() > 1 && s.back() == '0') {
            s.pop_back();
        }
        if (!s.empty() && s.back() == '.') {
            s.pop_back();
        }
        return s;
    }
    if (node.is_boolean()) {
        return *node.value<bool>() ? "true" : "false";
    }
    if (node.is_date()) {
        auto d = *node.value<toml::date>();
        return Date{d.year, d.month, d.day}.to_string();
    }
    if (node.is_date_time()) {
        auto dt = *node.value<toml::date_time>();
        return Date{dt.date.year, dt.date.month, dt.date.day}.to_string();
    }
    if (node.is_time()) {
        auto t = *node.value<toml::time>();
        char buf[16];
        std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", t.hour, t.minute, t.second);
        return buf;
    }
    return {};
}

void flatten_toml(const toml::table& table, const std::string& prefix, int line_offset,
                  std::map<std::string, FieldValue>& out) {
    for (const auto& [key, node] : table) {
        std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
        FieldValue value;
        value.line = static_cast<int>(node.source().begin.line) + line_offset;
        value.column = static_cast<int>(node.source().begin.column);
        if (const toml::table* inner = node.as_table()) {
            value.kind = FieldValue::Kind::table;
            out[name] = value;
            flatten_toml(*inner, name, line_offset, out);
            continue;
        }
        if (const toml::array* array = node.as_array()) {
            value.kind = FieldValue::Kind::list;
            // faqt's lists are lists of strings; numbers must be quoted so
            // "4.10" stays "4.10".
            for (const auto& element : *array) {
                if (!element.is_string()) {
                    value.list_ok = false;
                    continue;
                }
                value.list.push_back(toml_scalar_text(element));
            }
        } else if (node.is_string() || node.is_time()) {
            value.kind = FieldValue::Kind::string;
        } else if (node.is_boolean()) {
            value.kind = FieldValue::Kind::boolean;
            value.flag = *node.value<bool>();
        } else if (node.is_integer()) {
            value.kind = FieldValue::Kind::integer;
        } else if (node.is_floating_point()) {
            value.kind = FieldValue::Kind::number;
        } else if (node.is_date() || node.is_date_time()) {
            value.kind = FieldValue::Kind::date;
        }
        value.text = toml_scalar_text(node);
        if (value.kind == FieldValue::Kind::date || value.kind == FieldValue::Kind::string) {
            value.date = parse_date(value.text);
        }
        out[name] = std::move(value);
    }
}

// YAML aliases let a few lines describe a map that refers to itself
// ("a: &a {b: *a}") or one that doubles at every level ("billion laughs"),
// so flattening it would never end. Real front matter nests two or three
// levels and holds a few dozen fields; past these limits it is reported.
constexpr int k_max_yaml_depth = 32;
constexpr std::size_t k_max_yaml_fields = 10000;

// Returns false, leaving out partly filled, when map nests deeper than
// k_max_yaml_depth or flattens to more than k_max_yaml_fields fields.
// A key written twice goes to duplicates (its second occurrence): YAML
// forbids it, yaml-cpp keeps both, and which one wins is anyone's guess.
bool flatten_yaml(const YAML::Node& map, const std::string& prefix, int line_offset, int depth,
                  std::map<std::string, FieldValue>& out, std::size_t& field_count,
                  std::vector<std::pair<std::string, FieldValue>>& duplicates) {
    if (depth > k_max_yaml_depth) {
        return false;
    }
    for (const auto& entry : map) {
        if (!entry.first.IsScalar()) {
            continue;
        }
        if (++field_count > k_max_yaml_fields) {
            return false;
        }
        std::string name = prefix.empty() ? entry.first.Scalar() : prefix + "." + entry.first.Scalar();
        const YAML::Node& node = entry.second;
        FieldValue value;
        value.line = entry.first.Mark().line + 1 + line_offset;
        value.column = entry.first.Mark().column + 1;
        if (out.count(name) != 0) {
            duplicates.emplace_back(name, value);
        }
        if (node.IsMap()) {
            value.kind = FieldValue::Kind::table;
            out[name] = value;
            if (!flatten_yaml(node, name, line_offset, depth + 1, out, field_count, duplicates)) {
                return false;
            }
            continue;
        }
        if (node.IsSequence()) {
            value.kind = FieldValue::Kind::list;
            for (const auto& element : node) {
                if (!element.IsScalar()) {
                    value.list_ok = false;
                    continue;
                }
                value.list.push_back(element.Scalar());
            }
        } else if (node.IsScalar()) {
            value.text = node.Scalar();
            const std::string& t = value.text;
            // YAML scalars are untyped text; recognise what the writer meant,
            // but only for plain (unquoted) scalars.
            const bool plain = node.Tag() == "?";
            if (plain && (t == "true" || t == "false" || t == "yes" || t == "no" || t == "True" || t == "False")) {
                value.kind = FieldValue::Kind::boolean;
                value.flag = t == "true" || t == "yes" || t == "True";
            } else if (plain && (value.date = parse_date(t))) {
                value.kind = FieldValue::Kind::date;
            } else {
                value.kind = FieldValue::Kind::string;
                value.date = parse_date(t);
            }
        } else {
            value.kind = FieldValue::Kind::null;
        }
        out[name] = std::move(value);
    }
    return true;
}

}  // namespace

FrontMatter parse_front_matter(std::string_view text, std::string_view path, Diagnostics& diagnostics) {
    FrontMatter result;
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        text.remove_prefix(3);
    }
    // "+++" or "---" ended by a lone CR (old Mac line ends): no line of the
    // block ends where faqt looks for the closing delimiter, and reading it
    // as Markdown would lose the fields it holds. Reported, body kept.
    for (std::string_view opener : {"+++", "---"}) {
        if (text.size() > 3 && text.compare(0, 3, opener) == 0 && text[3] == '\r' &&
            (text.size() == 4 || text[4] != '\n')) {
            result.syntax = opener == "+++" ? FrontMatterSyntax::toml : FrontMatterSyntax::yaml;
            diagnostics.push_back({std::string(path), 1, 4, Severity::error,
                                   "front matter has CR-only line ends, so its fields cannot be read",
                                   "save the file with LF (or CRLF) line ends"});
            result.body = std::string(text.substr(4));
            result.body_line = 1;
            return result;
        }
    }
    std::size_t pos = 0;
    std::string_view first = rtrim(next_line(text, pos));
    if (first != "+++" && first != "---") {
        result.body = std::string(text);
        result.body_line = 1;
        result.parsed = true;
        return result;
    }
    result.syntax = first == "+++" ? FrontMatterSyntax::toml : FrontMatterSyntax::yaml;
    const std::size_t block_start = pos;
    int line = 1;
    std::size_t block_end = std::string_view::npos;
    while (pos < text.size()) {
        std::size_t line_start = pos;
        std::string_view current = rtrim(next_line(text, pos));
        ++line;
        if (current == first) {
            block_end = line_start;
            break;
        }
    }
    if (block_end == std::string_view::npos) {
        diagnostics.push_back({std::string(path), 1, 1, Severity::error,
                               "front matter opened with '" + std::string(first) + "' is never closed",
                               "add a line with '" + std::string(first) + "' after the last front matter field"});
        // Keep the text as the body so nothing is lost.
        result.body = std::string(text.substr(block_start));
        result.body_line = 2;
        return result;
    }
    result.body = std::string(text.substr(pos));
    result.body_line = line + 1;
    std::string block(text.substr(block_start, block_end - block_start));
    if (result.syntax == FrontMatterSyntax::toml) {
        if (const int key_line = find_overlong_toml_key(block); key_line > 0) {
            diagnostics.push_back(
                {std::string(path), key_line + 1, 1, Severity::error,
                 "front matter: a key with more than " + std::to_string(k_max_toml_key_parts) + " dotted parts",
                 "front matter between '+++' lines is TOML: key = \"value\""});
            return result;
        }
        try {
            toml::table table = toml::parse(block, std::string_view(path));
            flatten_toml(table, "", 1, result.fields);
            result.parsed = true;
        } catch (const toml::parse_error& e) {
            diagnostics.push_back({std::string(path), static_cast<int>(e.source().begin.line) + 1,
                                   static_cast<int>(e.source().begin.column), Severity::error,
                                   "front matter: " + std::string(e.description()),
                                   "front matter between '+++' lines is TOML: key = \"value\""});
        }
    } else {
        try {
            YAML::Node node = YAML::Load(block);
            std::size_t field_count = 0;
            std::vector<std::pair<std::string, FieldValue>> duplicates;
            if (node.IsMap() && !flatten_yaml(node, "", 1, 0, result.fields, field_count, duplicates)) {
                result.fields.clear();
                diagnostics.push_back({std::string(path), 2, 1, Severity::error,
                                       "front matter nests more than " + std::to_string(k_max_yaml_depth) +
                                           " levels deep or has more than " + std::to_string(k_max_yaml_fields) +
                                           " fields (a YAML alias that refers to itself?)",
                                       "write the fields out without '&anchor' and '*alias'"});
            } else if (node.IsMap()) {
                result.parsed = duplicates.empty();
                for (const auto& [name, value] : duplicates) {
                    diagnostics.push_back({std::string(path), value.line, value.column, Severity::error,
                                           "front matter: duplicate key '" + name + "'",
                                           "keep one '" + name + ":' line and remove the other"});
                }
            } else if (node.IsNull()) {
                result.parsed = true;
            } else {
                diagnostics.push_back({std::string(path), 2, 1, Severity::error,
                                       "front matter is not a set of 'key: value' fields",
                                       "front matter between '---' lines is YAML: key: value"});
            }
        } catch (const YAML::Exception& e) {
            diagnostics.push_back({std::string(path), std::max(e.mark.line, 0) + 2, std::max(e.mark.column, 0) + 1,
                                   Severity::error, "front matter: " + e.msg,
                                   "front matter between '---' lines is YAML: key: value"});
        }
    }
    return result;
}

}  // namespace faqt
