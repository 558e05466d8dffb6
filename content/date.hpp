#pragma once
// A calendar date as written in front matter. Parsing accepts the formats
// writers and foreign docs repositories use: 2026-11-20, 2026-11-20T10:00:00Z,
// 11/20/2026 (US order, as in ms.date), 2026/11/20.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace faqt {

struct Date {
    int year = 0;
    int month = 0;
    int day = 0;

    auto operator<=>(const Date&) const = default;

    std::string to_string() const;  // YYYY-MM-DD
    int days_since_epoch() const;
};

std::optional<Date> parse_date(std::string_view text);

// Today's date in UTC.
Date today();

}  // namespace faqt
