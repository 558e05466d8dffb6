#include "cli/render.hpp"

#include <algorithm>
#include <cstdio>

#include "content/text.hpp"

namespace faqt::cli {

std::string pad_right(std::string_view text, std::size_t width) {
    std::string out(text);
    std::size_t w = display_width(text);
    if (w < width) {
        out.append(width - w, ' ');
    }
    return out;
}

void print_columns(const std::vector<std::vector<std::string>>& cells, const std::vector<std::string_view>& styles,
                   const Context& ctx) {
    // A cell is one line: a newline in a title must not split a row. Cells
    // lose their control characters before the styles go round them, so a
    // value cannot bring in even one of faqt's own colour codes.
    std::vector<std::vector<std::string>> rows;
    rows.reserve(cells.size());
    for (const auto& row : cells) {
        auto& flat = rows.emplace_back();
        for (const auto& cell : row) {
            flat.push_back(one_line(cell));
        }
    }
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0);
        for (std::size_t c = 0; c < row.size(); ++c) {
            widths[c] = std::max(widths[c], display_width(row[c]));
        }
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            bool last = c + 1 == row.size();
            std::string cell = last ? row[c] : pad_right(row[c], widths[c]);
            if (c < styles.size() && !styles[c].empty() && !row[c].empty()) {
                // Style only the text, not the padding.
                cell = std::string(styles[c]) + row[c] + std::string(ctx.reset()) +
                       (last ? "" : std::string(widths[c] - display_width(row[c]), ' '));
            }
            line += cell;
            if (!last) {
                line += "  ";
            }
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out += line + "\n";
    }
    write_text(stdout, out, ctx.color);
}

std::string date_text(const std::optional<Date>& date, std::string_view missing) {
    return date ? date->to_string() : std::string(missing);
}

void json_date(JsonWriter& json, std::string_view key, const std::optional<Date>& date) {
    json.key(key);
    if (date) {
        json.value(date->to_string());
    } else {
        json.null();
    }
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) {
            out += separator;
        }
        out += item;
    }
    return out;
}

}  // namespace faqt::cli
