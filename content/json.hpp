#pragma once
// A small streaming JSON writer for every --json shape faqt prints (list,
// search, show, check, categories) and for the site and reports later: keys
// come out in the order they are written, so a shape stays stable.
//
// The output is always valid UTF-8 and valid JSON (RFC 8259): a byte
// sequence that is not valid UTF-8 is written as U+FFFD, and control
// characters (C0, DEL, C1) are written as \u escapes, so no raw escape
// sequence reaches a terminal that shows the JSON. A file path is written
// with path(): the repaired text, plus its exact bytes in hex when it was not
// valid UTF-8. Not thread-safe; one writer per document.

#include <string>
#include <string_view>
#include <vector>

namespace faqt {

class JsonWriter {
public:
    explicit JsonWriter(bool pretty = true) : m_pretty(pretty) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(long long number);
    JsonWriter& value(int number) { return value(static_cast<long long>(number)); }
    JsonWriter& value(std::size_t number) { return value(static_cast<long long>(number)); }
    JsonWriter& value(double number);
    JsonWriter& value(bool flag);
    JsonWriter& null();
    // A string, or null when empty.
    JsonWriter& string_or_null(std::string_view text);
    JsonWriter& strings(const std::vector<std::string>& list);

    // Writes "name": the path as text and, only when the path is not valid
    // UTF-8, "name_bytes": its exact bytes as lower-case hex, so a script can
    // still open the file ("b\xff.md" gives "b\ufffd.md" and "62ff2e6d64").
    JsonWriter& path(std::string_view name, std::string_view file_path);

    template <typename T>
    JsonWriter& field(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }

    const std::string& str() const { return m_out; }

private:
    void before_value();
    void newline();

    std::string m_out;
    bool m_pretty;
    std::vector<bool> m_first;  // per open container: no element written yet
    bool m_after_key = false;
};

// The text of a JSON string literal without its quotes: valid UTF-8 (bad
// bytes become U+FFFD), '"' and '\' escaped, control characters as escapes.
std::string json_escape(std::string_view text);

// Lower-case hex of every byte: "b\xff" → "62ff".
std::string hex_bytes(std::string_view bytes);

}  // namespace faqt
