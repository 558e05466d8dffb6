#include "content/date.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace faqt {

namespace {

bool parse_int(std::string_view text, int& out) {
    if (text.empty()) {
        return false;
    }
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size();
}

bool valid(const Date& d) {
    if (d.year < 1900 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) {
        return false;
    }
    const std::chrono::year_month_day ymd{std::chrono::year(d.year), std::chrono::month(static_cast<unsigned>(d.month)),
                                          std::chrono::day(static_cast<unsigned>(d.day))};
    return ymd.ok();
}

}  // namespace

std::string Date::to_string() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

int Date::days_since_epoch() const {
    const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                          std::chrono::day(static_cast<unsigned>(day))};
    return std::chrono::sys_days(ymd).time_since_epoch().count();
}

std::optional<Date> parse_date(std::string_view text) {
    // Drop a time part: "2026-11-20T10:00:00Z", "2026-11-20 10:00".
    auto cut = text.find_first_of("T ");
    if (cut != std::string_view::npos) {
        text = text.substr(0, cut);
    }
    Date d;
    if (text.size() == 10 && (text[4] == '-' || text[4] == '/') && text[7] == text[4]) {
        if (parse_int(text.substr(0, 4), d.year) && parse_int(text.substr(5, 2), d.month) &&
            parse_int(text.substr(8, 2), d.day) && valid(d)) {
            return d;
        }
        return std::nullopt;
    }
    // US order, as docs repositories write it: MM/DD/YYYY (also M/D/YYYY).
    auto first = text.find('/');
    auto second = first == std::string_view::npos ? first : text.find('/', first + 1);
    if (second != std::string_view::npos) {
        if (parse_int(text.substr(0, first), d.month) && parse_int(text.substr(first + 1, second - first - 1), d.day) &&
            parse_int(text.substr(second + 1), d.year) && valid(d)) {
            return d;
        }
    }
    return std::nullopt;
}

Date today() {
    const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const std::chrono::year_month_day ymd{now};
    return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace faqt
