#include "tickets/dates.hpp"

#include <array>
#include <chrono>
#include <cstdio>

#include "content/text.hpp"

namespace faqt {

namespace {

constexpr std::array<std::string_view, 12> k_months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> k_month_names = {"january",   "february", "march",    "april",
                                                            "may",       "june",     "july",     "august",
                                                            "september", "october",  "november", "december"};
constexpr std::array<std::string_view, 14> k_weekdays = {"mon",      "tue",    "wed",      "thu",     "fri",
                                                         "sat",      "sun",    "monday",   "tuesday", "wednesday",
                                                         "thursday", "friday", "saturday", "sunday"};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A cursor over a value, with the small readers the forms need.
struct Reader {
    std::string_view text;
    std::size_t pos = 0;

    bool done() const { return pos >= text.size(); }
    char peek() const { return done() ? '\0' : text[pos]; }
    void skip_spaces() {
        while (!done() && (text[pos] == ' ' || text[pos] == '\t')) {
            ++pos;
        }
    }
    // Digits, at most max of them; their count in digits.
    bool number(int& value, int& digits, int max = 9) {
        value = 0;
        digits = 0;
        while (!done() && is_digit(text[pos]) && digits < max) {
            value = value * 10 + (text[pos] - '0');
            ++pos;
            ++digits;
        }
        return digits > 0;
    }
    std::string word() {
        std::string out;
        while (!done() && is_letter(text[pos])) {
            out += static_cast<char>(text[pos] | 0x20);
            ++pos;
        }
        return out;
    }
    bool take(char c) {
        if (peek() == c) {
            ++pos;
            return true;
        }
        return false;
    }
};

// value without surrounding spaces: itself when it has none (the usual
// case, no copy), else content's trim() into storage.
std::string_view trimmed(std::string_view value, std::string& storage) {
    const auto plain = [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > ' ' && u < 0x80;
    };
    if (!value.empty() && plain(value.front()) && plain(value.back())) {
        return value;
    }
    storage = trim(value);
    return storage;
}

int month_from_word(std::string_view word) {
    for (std::size_t i = 0; i < k_months.size(); ++i) {
        if (word == k_months[i] || word == k_month_names[i] || (word == "sept" && i == 8)) {
            return static_cast<int>(i) + 1;
        }
    }
    return 0;
}

int full_year(int year, int digits) {
    if (digits <= 2) {
        return year < 70 ? 2000 + year : 1900 + year;
    }
    return year;
}

bool valid_date(int year, int month, int day) {
    if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) {
        return false;
    }
    const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                          std::chrono::day(static_cast<unsigned>(day))};
    return ymd.ok();
}

std::int64_t days_from_civil(int year, int month, int day) {
    const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                          std::chrono::day(static_cast<unsigned>(day))};
    return std::chrono::sys_days(ymd).time_since_epoch().count();
}

struct Parts {
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int offset_minutes = 0;  // east of UTC
    bool zoned = false;      // the value names its zone (offset_minutes is then its own)
};

std::optional<std::int64_t> to_seconds(const Parts& p) {
    if (!valid_date(p.year, p.month, p.day) || p.hour > 23 || p.minute > 59 || p.second > 60) {
        return std::nullopt;
    }
    return days_from_civil(p.year, p.month, p.day) * 86400 + p.hour * 3600 + p.minute * 60 + p.second -
           p.offset_minutes * 60;
}

std::optional<WrittenTime> written(const Parts& p) {
    const auto seconds = to_seconds(p);
    if (!seconds) {
        return std::nullopt;
    }
    WrittenTime time;
    time.seconds = *seconds;
    if (p.zoned) {
        time.offset_minutes = p.offset_minutes;
    }
    return time;
}

// "Z", "UTC", "GMT", "+01:00", "+0100", "-05", "UTC+2" at the reader.
bool read_zone(Reader& r, int& offset_minutes, bool& zoned) {
    r.skip_spaces();
    if (r.done()) {
        return true;
    }
    if (r.peek() == 'Z' || r.peek() == 'z') {
        ++r.pos;
        zoned = true;
        return r.done();
    }
    std::size_t save = r.pos;
    if (is_letter(r.peek())) {
        const std::string w = r.word();
        if (w != "utc" && w != "gmt") {
            r.pos = save;
            return false;
        }
        zoned = true;
        if (r.done()) {
            return true;
        }
    }
    const char sign = r.peek();
    if (sign != '+' && sign != '-') {
        return false;
    }
    ++r.pos;
    int hours = 0;
    int digits = 0;
    if (!r.number(hours, digits, 2) || digits != 2) {
        if (digits != 1) {
            return false;
        }
    }
    int minutes = 0;
    r.take(':');
    if (!r.done()) {
        if (!r.number(minutes, digits, 2) || digits != 2) {
            return false;
        }
    }
    if (hours > 14 || minutes > 59) {
        return false;
    }
    offset_minutes = (hours * 60 + minutes) * (sign == '-' ? -1 : 1);
    zoned = true;
    return r.done();
}

// An optional time after the date: [T or spaces] H:MM[:SS[.fff]] [AM|PM] [zone].
bool read_time(Reader& r, Parts& p) {
    if (!r.take('T')) {
        r.take(',');
        r.skip_spaces();
    }
    if (r.done()) {
        return true;
    }
    int digits = 0;
    if (!r.number(p.hour, digits, 2) || !r.take(':') || !r.number(p.minute, digits, 2) || digits != 2) {
        return false;
    }
    if (r.take(':')) {
        if (!r.number(p.second, digits, 2) || digits != 2) {
            return false;
        }
        if (r.take('.') || r.take(',')) {
            int fraction = 0;
            if (!r.number(fraction, digits, 9)) {
                return false;
            }
            while (!r.done() && is_digit(r.peek())) {
                ++r.pos;
            }
        }
    }
    r.skip_spaces();
    const std::size_t save = r.pos;
    const std::string w = r.word();
    if (w == "am" || w == "pm" || w == "a" || w == "p") {
        if (w.size() == 1) {
            r.take('.');
            if (r.word() != "m") {
                return false;
            }
            r.take('.');
        }
        if (p.hour < 1 || p.hour > 12) {
            return false;
        }
        p.hour = p.hour % 12 + (w[0] == 'p' ? 12 : 0);
    } else {
        r.pos = save;
    }
    return read_zone(r, p.offset_minutes, p.zoned);
}

enum class Shape { unreadable, iso, named_month, numeric };

// The date part: its shape and, for numeric dates, both numbers before the
// year (first, second) and whether they were written with dots.
struct DatePart {
    Shape shape = Shape::unreadable;
    int first = 0;
    int second = 0;
    int year = 0;
    bool dots = false;
    Reader rest;
};

DatePart read_date(std::string_view value) {
    DatePart d;
    Reader r{value, 0};
    r.skip_spaces();
    // A weekday first: "Mon, 18 Mar 2024".
    {
        const std::size_t save = r.pos;
        const std::string w = r.word();
        bool weekday = false;
        for (auto day : k_weekdays) {
            weekday = weekday || w == day;
        }
        if (weekday) {
            r.take(',');
            r.skip_spaces();
        } else {
            r.pos = save;
        }
    }
    int a = 0;
    int a_digits = 0;
    if (is_letter(r.peek())) {
        // "Mar 18, 2024", "March 18 2024"
        const int month = month_from_word(r.word());
        r.take('.');
        r.skip_spaces();
        int day = 0;
        int year = 0;
        int digits = 0;
        if (month == 0 || !r.number(day, digits, 2)) {
            return d;
        }
        r.take(',');
        r.skip_spaces();
        if (!r.number(year, digits, 4) || (digits != 4 && digits != 2)) {
            return d;
        }
        d.shape = Shape::named_month;
        d.first = day;
        d.second = month;
        d.year = full_year(year, digits);
        d.rest = r;
        return d;
    }
    if (!r.number(a, a_digits, 4)) {
        return d;
    }
    const char sep = r.peek();
    if (sep != '-' && sep != '/' && sep != '.' && sep != ' ') {
        return d;
    }
    ++r.pos;
    if (a_digits == 4) {
        // 2024-03-18, 2024/3/18, 2024.03.18
        int month = 0;
        int day = 0;
        int digits = 0;
        if (sep == ' ' || !r.number(month, digits, 2) || !r.take(sep) || !r.number(day, digits, 2)) {
            return d;
        }
        d.shape = Shape::iso;
        d.year = a;
        d.second = month;
        d.first = day;
        d.rest = r;
        return d;
    }
    if (a_digits > 2) {
        return d;
    }
    if (is_letter(r.peek())) {
        // 18/Mar/24, 18-Mar-2024, 18 Mar 2024, 18. März? (English months only)
        const int month = month_from_word(r.word());
        r.take('.');
        int year = 0;
        int digits = 0;
        if (month == 0 || !(r.take(sep) || (sep == '.' && r.take(' ')))) {
            return d;
        }
        r.skip_spaces();
        if (!r.number(year, digits, 4) || (digits != 4 && digits != 2)) {
            return d;
        }
        d.shape = Shape::named_month;
        d.first = a;
        d.second = month;
        d.year = full_year(year, digits);
        d.rest = r;
        return d;
    }
    int b = 0;
    int b_digits = 0;
    int year = 0;
    int y_digits = 0;
    if (sep == ' ' || !r.number(b, b_digits, 2) || !r.take(sep) || !r.number(year, y_digits, 4) ||
        (y_digits != 4 && y_digits != 2)) {
        return d;
    }
    d.shape = Shape::numeric;
    d.first = a;
    d.second = b;
    d.year = full_year(year, y_digits);
    d.dots = sep == '.';
    d.rest = r;
    return d;
}

// A value read with a user's format.
std::optional<WrittenTime> parse_with_format(std::string_view value, std::string_view pattern) {
    Reader r{value, 0};
    r.skip_spaces();
    Parts p;
    p.year = 1970;
    p.month = 1;
    p.day = 1;
    int pm = -1;
    int digits = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == ' ') {
            r.skip_spaces();
            continue;
        }
        if (c != '%' || i + 1 == pattern.size()) {
            if (!r.take(c)) {
                return std::nullopt;
            }
            continue;
        }
        const char field = pattern[++i];
        bool ok = true;
        switch (field) {
            case 'Y':
                ok = r.number(p.year, digits, 4) && digits == 4;
                break;
            case 'y':
                ok = r.number(p.year, digits, 2) && digits == 2;
                p.year = full_year(p.year, 2);
                break;
            case 'm':
                ok = r.number(p.month, digits, 2);
                break;
            case 'd':
            case 'e':
                r.skip_spaces();
                ok = r.number(p.day, digits, 2);
                break;
            case 'b':
            case 'B':
                p.month = month_from_word(r.word());
                r.take('.');
                ok = p.month != 0;
                break;
            case 'H':
            case 'I':
                ok = r.number(p.hour, digits, 2);
                break;
            case 'M':
                ok = r.number(p.minute, digits, 2);
                break;
            case 'S':
                ok = r.number(p.second, digits, 2);
                break;
            case 'T':
                ok = r.number(p.hour, digits, 2) && r.take(':') && r.number(p.minute, digits, 2) && r.take(':') &&
                     r.number(p.second, digits, 2);
                break;
            case 'F':
                ok = r.number(p.year, digits, 4) && r.take('-') && r.number(p.month, digits, 2) && r.take('-') &&
                     r.number(p.day, digits, 2);
                break;
            case 'p': {
                const std::string w = r.word();
                ok = w == "am" || w == "pm";
                pm = w == "pm" ? 1 : 0;
                break;
            }
            case 'z':
            case 'Z': {
                // The zone runs to the next literal of the pattern, or the end.
                Reader zone = r;
                std::size_t end = value.size();
                if (i + 1 < pattern.size() && pattern[i + 1] != '%') {
                    end = value.find(pattern[i + 1], r.pos);
                    if (end == std::string_view::npos) {
                        end = value.size();
                    }
                }
                zone.text = value.substr(0, end);
                ok = read_zone(zone, p.offset_minutes, p.zoned);
                r.pos = end;
                break;
            }
            case '%':
                ok = r.take('%');
                break;
            default:
                return std::nullopt;
        }
        if (!ok) {
            return std::nullopt;
        }
    }
    r.skip_spaces();
    if (!r.done()) {
        return std::nullopt;
    }
    if (pm >= 0) {
        if (p.hour < 1 || p.hour > 12) {
            return std::nullopt;
        }
        p.hour = p.hour % 12 + (pm == 1 ? 12 : 0);
    }
    return written(p);
}

}  // namespace

bool is_missing_date(std::string_view value) {
    std::string storage;
    const std::string_view v = trimmed(value, storage);
    // A report calls this for every date of a million rows: compare in a
    // small buffer rather than make a lower-case copy.
    char lowered[20];
    if (v.size() > sizeof lowered) {
        return false;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
        lowered[i] = v[i] >= 'A' && v[i] <= 'Z' ? static_cast<char>(v[i] | 0x20) : v[i];
    }
    const std::string_view l(lowered, v.size());
    return l.empty() || l == "?" || l == "-" || l == "--" || l == "null" || l == "n/a" || l == "none" || l == "nil" ||
           l == "0000-00-00" || l == "0000-00-00 00:00:00";
}

const char* to_string(DayMonthOrder order) {
    switch (order) {
        case DayMonthOrder::day_first:
            return "day-first";
        case DayMonthOrder::month_first:
            return "month-first";
        case DayMonthOrder::unknown:
            break;
    }
    return "unknown";
}

OrderVote order_vote(std::string_view value) {
    const DatePart d = read_date(value);
    if (d.shape != Shape::numeric) {
        return OrderVote::none;
    }
    if (d.dots || (d.first > 12 && d.second <= 12)) {
        return OrderVote::day_first;
    }
    if (d.second > 12 && d.first <= 12) {
        return OrderVote::month_first;
    }
    if (d.first <= 12 && d.second <= 12) {
        return OrderVote::either;
    }
    return OrderVote::none;  // both over 12: no date at all
}

void DateOrderVotes::add(std::string_view value) {
    switch (order_vote(value)) {
        case OrderVote::day_first:
            if (day_first++ == 0) {
                day_first_example = std::string(trim(value));
            }
            break;
        case OrderVote::month_first:
            if (month_first++ == 0) {
                month_first_example = std::string(trim(value));
            }
            break;
        case OrderVote::either:
            ++either;
            break;
        case OrderVote::none:
            break;
    }
}

DayMonthOrder DateOrderVotes::decided() const {
    if (day_first > 0 && month_first == 0) {
        return DayMonthOrder::day_first;
    }
    if (month_first > 0 && day_first == 0) {
        return DayMonthOrder::month_first;
    }
    return DayMonthOrder::unknown;
}

DateFormat parse_date_format(std::string_view pattern) {
    DateFormat format;
    format.pattern = std::string(pattern);
    bool has_field = false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%') {
            continue;
        }
        if (i + 1 == pattern.size()) {
            format.error = "the format ends with a lone '%'";
            return format;
        }
        const char field = pattern[++i];
        if (std::string_view("YymdebBHIMSTFpzZ%").find(field) == std::string_view::npos) {
            format.error = std::string("unknown field %") + field;
            return format;
        }
        has_field = has_field || field != '%';
    }
    if (!has_field) {
        format.error = "the format has no field (%Y, %m, %d, ...)";
        return format;
    }
    format.valid = true;
    return format;
}

std::optional<std::int64_t> parse_ticket_time(std::string_view value, DayMonthOrder order, const DateFormat* format) {
    const auto time = read_ticket_time(value, order, format);
    if (!time) {
        return std::nullopt;
    }
    return time->seconds;
}

std::optional<WrittenTime> read_ticket_time(std::string_view value, DayMonthOrder order, const DateFormat* format) {
    if (is_missing_date(value)) {
        return std::nullopt;
    }
    std::string storage;
    value = trimmed(value, storage);
    if (format != nullptr && format->valid) {
        return parse_with_format(value, format->pattern);
    }
    DatePart d = read_date(value);
    Parts p;
    switch (d.shape) {
        case Shape::unreadable:
            return std::nullopt;
        case Shape::iso:
        case Shape::named_month:
            p.day = d.first;
            p.month = d.second;
            break;
        case Shape::numeric: {
            DayMonthOrder use = order;
            if (d.dots || (d.first > 12 && d.second <= 12)) {
                use = DayMonthOrder::day_first;  // the value itself says so
            } else if (d.second > 12 && d.first <= 12) {
                use = DayMonthOrder::month_first;
            }
            if (use == DayMonthOrder::unknown) {
                return std::nullopt;
            }
            p.day = use == DayMonthOrder::day_first ? d.first : d.second;
            p.month = use == DayMonthOrder::day_first ? d.second : d.first;
            break;
        }
    }
    p.year = d.year;
    if (!read_time(d.rest, p)) {
        return std::nullopt;
    }
    return written(p);
}

namespace {

// Seconds in one unit named by a word ("h", "hrs", "minutes"), or 0.
std::int64_t unit_seconds(std::string_view word) {
    static constexpr std::pair<std::string_view, std::int64_t> k_units[] = {
        {"d", 86400},    {"day", 86400},  {"days", 86400}, {"h", 3600}, {"hr", 3600},  {"hrs", 3600},
        {"hour", 3600},  {"hours", 3600}, {"m", 60},       {"min", 60}, {"mins", 60},  {"minute", 60},
        {"minutes", 60}, {"s", 1},        {"sec", 1},      {"secs", 1}, {"second", 1}, {"seconds", 1},
    };
    for (const auto& [name, seconds] : k_units) {
        if (word == name) {
            return seconds;
        }
    }
    return 0;
}

std::int64_t seconds_of(DurationUnit unit) {
    switch (unit) {
        case DurationUnit::seconds:
            return 1;
        case DurationUnit::minutes:
            return 60;
        case DurationUnit::hours:
            return 3600;
        case DurationUnit::days:
            return 86400;
        case DurationUnit::none:
            break;
    }
    return 0;
}

// A number with an optional fraction ("1.5", "1,5"), in thousandths: exact
// enough for a duration and free of floating point.
bool read_decimal(Reader& r, std::int64_t& thousandths) {
    int whole = 0;
    int digits = 0;
    if (!r.number(whole, digits, 9)) {
        return false;
    }
    thousandths = static_cast<std::int64_t>(whole) * 1000;
    const std::size_t save = r.pos;
    if ((r.take('.') || r.take(',')) && is_digit(r.peek())) {
        std::int64_t scale = 100;
        while (!r.done() && is_digit(r.peek())) {
            thousandths += (r.peek() - '0') * scale;
            scale /= 10;
            ++r.pos;
        }
    } else {
        r.pos = save;
    }
    return true;
}

}  // namespace

DurationUnit duration_unit_in_name(std::string_view column_name) {
    const std::string name = ascii_lower(column_name);
    if (name == "calendar_stc" || name == "business_stc" || name == "resolve time" || name == "resolve_time") {
        return DurationUnit::seconds;  // ServiceNow counts these in seconds
    }
    std::string word;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        const char c = i < name.size() ? name[i] : ' ';
        if (c >= 'a' && c <= 'z') {
            word += c;
            continue;
        }
        // "h", "m", "s" and "d" alone are letters of words like "d/h", not
        // units, in a column's name; the long forms are.
        if (word.size() > 1) {
            switch (unit_seconds(word)) {
                case 1:
                    return DurationUnit::seconds;
                case 60:
                    return DurationUnit::minutes;
                case 3600:
                    return DurationUnit::hours;
                case 86400:
                    return DurationUnit::days;
                default:
                    break;
            }
        }
        word.clear();
    }
    return DurationUnit::none;
}

bool is_plain_number(std::string_view value) {
    std::string storage;
    Reader r{trimmed(value, storage), 0};
    std::int64_t thousandths = 0;
    return read_decimal(r, thousandths) && r.done();
}

std::optional<std::int64_t> parse_duration(std::string_view value, DurationUnit unit) {
    if (is_missing_date(value)) {
        return std::nullopt;
    }
    std::string storage;
    Reader r{trimmed(value, storage), 0};
    std::int64_t thousandths = 0;
    if (!read_decimal(r, thousandths)) {
        return std::nullopt;
    }
    if (r.done()) {
        if (unit == DurationUnit::none) {
            return std::nullopt;
        }
        return thousandths * seconds_of(unit) / 1000;
    }
    if (r.peek() == ':') {
        // HH:MM[:SS]: hours may run past a day; minutes and seconds may not.
        if (thousandths % 1000 != 0) {
            return std::nullopt;
        }
        std::int64_t total = thousandths / 1000 * 3600;
        int part = 0;
        int digits = 0;
        ++r.pos;
        if (!r.number(part, digits, 2) || digits != 2 || part > 59) {
            return std::nullopt;
        }
        total += part * 60;
        if (r.take(':')) {
            if (!r.number(part, digits, 2) || digits != 2 || part > 59) {
                return std::nullopt;
            }
            total += part;
        }
        return r.done() ? std::optional<std::int64_t>(total) : std::nullopt;
    }
    // "2h 30m", "1d 4h 5m", "3 Days, 2 Hours": a number and a unit, repeated.
    std::int64_t total = 0;
    for (;;) {
        r.skip_spaces();
        const std::int64_t unit_length = unit_seconds(r.word());
        if (unit_length == 0) {
            return std::nullopt;
        }
        total += thousandths * unit_length / 1000;
        r.take(',');
        r.skip_spaces();
        if (r.done()) {
            return total;
        }
        if (!read_decimal(r, thousandths)) {
            return std::nullopt;
        }
    }
}

std::string format_ticket_time(std::int64_t seconds) {
    std::int64_t days = seconds / 86400;
    std::int64_t rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    const std::chrono::year_month_day ymd{std::chrono::sys_days(std::chrono::days(days))};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02lld:%02lld", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long long>(rest / 3600), static_cast<long long>(rest % 3600 / 60));
    return buffer;
}

}  // namespace faqt
