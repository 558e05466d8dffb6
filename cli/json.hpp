#pragma once
// A small streaming JSON writer for --json output: stable key order (as
// written), UTF-8 passed through, control characters escaped.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faqt::cli {

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

std::string json_escape(std::string_view text);

}  // namespace faqt::cli
