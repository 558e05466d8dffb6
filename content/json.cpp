#include "content/json.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>

#include "content/text.hpp"

namespace faqt {

std::string json_escape(std::string_view text) {
    // Bad byte sequences become U+FFFD by content's one rule for them, so
    // the loop below sees valid UTF-8 only.
    std::string repaired;
    if (!is_valid_utf8(text)) {
        repaired = repair_utf8(text);
        text = repaired;
    }
    std::string out;
    out.reserve(text.size() + 2);
    auto escape = [&out](unsigned code) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", code);
        out += buf;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        switch (b) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (b < 0x20 || b == 0x7F) {
                    escape(b);
                } else if (b == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
                    // U+0080..U+009F, C1 controls: a terminal may act on them.
                    escape(static_cast<unsigned char>(text[++i]));
                } else {
                    out += static_cast<char>(b);
                }
        }
    }
    return out;
}

std::string hex_bytes(std::string_view bytes) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out += k_digits[b >> 4];
        out += k_digits[b & 0x0F];
    }
    return out;
}

void JsonWriter::newline() {
    if (m_pretty) {
        m_out += '\n';
        m_out.append(m_first.size() * 2, ' ');
    }
}

void JsonWriter::before_value() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back()) {
            m_out += ',';
        }
        m_first.back() = false;
        newline();
    }
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    m_out += '{';
    m_first.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    bool empty = m_first.back();
    m_first.pop_back();
    if (!empty) {
        newline();
    }
    m_out += '}';
    if (m_first.empty() && m_pretty) {
        m_out += '\n';
    }
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    m_out += '[';
    m_first.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    bool empty = m_first.back();
    m_first.pop_back();
    if (!empty) {
        newline();
    }
    m_out += ']';
    if (m_first.empty() && m_pretty) {
        m_out += '\n';
    }
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    m_out += '"';
    m_out += json_escape(name);
    m_out += m_pretty ? "\": " : "\":";
    m_after_key = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    m_out += '"';
    m_out += json_escape(text);
    m_out += '"';
    return *this;
}

JsonWriter& JsonWriter::value(long long number) {
    before_value();
    m_out += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    before_value();
    if (!std::isfinite(number)) {
        m_out += "null";
        return *this;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", number);
    m_out += buf;
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    m_out += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    m_out += "null";
    return *this;
}

JsonWriter& JsonWriter::string_or_null(std::string_view text) {
    return text.empty() ? null() : value(text);
}

JsonWriter& JsonWriter::path(std::string_view name, std::string_view file_path) {
    field(name, file_path);
    if (!is_valid_utf8(file_path)) {
        field(std::string(name) + "_bytes", hex_bytes(file_path));
    }
    return *this;
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& list) {
    // Lists of names stay on one line: ["vpn", "network"].
    begin_array();
    const bool saved = m_pretty;
    m_pretty = false;
    bool first = true;
    for (const auto& s : list) {
        if (!first) {
            m_out += ", ";
        }
        first = false;
        m_out += '"';
        m_out += json_escape(s);
        m_out += '"';
    }
    m_first.back() = true;
    end_array();
    m_pretty = saved;
    return *this;
}

}  // namespace faqt
