#pragma once
// Terminal output helpers shared by the commands: aligned columns and
// article metadata as text or JSON.

#include <string>
#include <string_view>
#include <vector>

#include "cli/context.hpp"
#include "content/article.hpp"
#include "content/json.hpp"

namespace faqt::cli {

// Pads text with spaces to width display columns (never truncates).
std::string pad_right(std::string_view text, std::size_t width);

// Prints rows as columns separated by two spaces; the last column is not
// padded. styles[i], when given, wraps column i (colour codes). Each cell is
// one_line()d before styling, and the table goes through
// write_text(). File names and ids made from them should be quote_name()d by
// the caller first.
void print_columns(const std::vector<std::vector<std::string>>& rows, const std::vector<std::string_view>& styles,
                   const Context& ctx);

// "2026-11-20" or "-" / null.
std::string date_text(const std::optional<Date>& date, std::string_view missing = "-");
void json_date(JsonWriter& json, std::string_view key, const std::optional<Date>& date);

// Joins with ", ".
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace faqt::cli
