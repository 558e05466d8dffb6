#include "cli/report_output.hpp"


#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "cli/output.hpp"
#include "content/json.hpp"
#include "content/text.hpp"
#include "site/xml.hpp"

namespace faqt::cli {

namespace {

// ---- what every form shares -------------------------------------------------

// The calendar day of a wall-clock time ("2016-02-29"): the periods' bounds
// are wall-clock seconds of the report's zone, so no zone applies here.
std::string day_text(std::int64_t wall_seconds) {
    using namespace std::chrono;
    const std::int64_t day = wall_seconds >= 0 ? wall_seconds / 86400 : -((-wall_seconds + 86399) / 86400);
    const year_month_day ymd{sys_days{days{day}}};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

std::string period_start(const ReportPeriodSpan& period) {
    return day_text(period.start);
}
// end is exclusive; people and the JSON shape name the last day counted.
std::string period_end(const ReportPeriodSpan& period) {
    return day_text(period.end - 1);
}

std::size_t skipped_total(const ReportDocument& doc) {
    std::size_t total = 0;
    for (const auto& [reason, n] : doc.skipped) {
        total += n;
    }
    return std::max(total, doc.rows_skipped);
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

const char* period_word(ReportPeriod period, bool many) {
    if (period == ReportPeriod::month) {
        return many ? "months" : "month";
    }
    return many ? "weeks" : "week";
}

// The share answered of the sample, or a negative number when nothing of
// the category was sampled (no share to give).
double answered_share(std::size_t answered, std::size_t sampled) {
    return sampled == 0 ? -1.0 : static_cast<double>(answered) / static_cast<double>(sampled);
}

std::string percent(double share) {
    return std::to_string(std::lround(share * 100)) + "%";
}

// A small trend of a cluster ("3 → 7"): its tickets in the latest periods
// against as many periods before, at most four of each, as the report's
// own trend compares them. "" when there are not two periods to compare.
std::string cluster_trend(const std::vector<std::size_t>& per_period) {
    const std::size_t n = std::min<std::size_t>(4, per_period.size() / 2);
    if (n == 0) {
        return "";
    }
    const auto end = per_period.end();
    const std::size_t recent = std::accumulate(end - static_cast<std::ptrdiff_t>(n), end, std::size_t{0});
    const std::size_t before =
        std::accumulate(end - static_cast<std::ptrdiff_t>(2 * n), end - static_cast<std::ptrdiff_t>(n), std::size_t{0});
    return std::to_string(before) + " → " + std::to_string(recent);
}

// ---- text -----------------------------------------------------------------


std::string pad(std::string_view text, std::size_t width, bool right_align) {
    const std::size_t w = display_width(text);
    const std::string fill(w < width ? width - w : 0, ' ');
    return right_align ? fill + std::string(text) : std::string(text) + fill;
}

// A value of the export or the KB as one clean line for the terminal:
// valid UTF-8, no control characters (so no escape sequence, not even one
// of faqt's own styles), no line breaks.
std::string clean(std::string_view text) {
    return one_line(repair_utf8(text));
}

struct Styles {
    std::string_view bold;
    std::string_view dim;
    std::string_view reset;
};

// Words of text (already clean) wrapped to width columns, each line after
// indent; a word wider than a line is cut.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent, std::string_view first_indent) {
    std::string out;
    std::string line(first_indent);
    std::size_t line_width = display_width(first_indent);
    bool line_has_words = false;
    const std::size_t room = width > indent.size() + 1 ? width - indent.size() : 1;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find(' ', at);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string word = fit_width(text.substr(at, end - at), room);
        at = end + 1;
        if (word.empty()) {
            continue;
        }
        const std::size_t w = display_width(word);
        if (line_has_words && line_width + 1 + w > width) {
            out += line + "\n";
            line = std::string(indent);
            line_width = display_width(indent);
            line_has_words = false;
        }
        if (line_has_words) {
            line += ' ';
            ++line_width;
        }
        line += word;
        line_width += w;
        line_has_words = true;
    }
    out += line + "\n";
    return out;
}

// A table for the terminal: two spaces before it and between columns. When
// it is wider than the terminal, the shrink column (a name) gives way down to
// a floor, its cells cut with "…", so the numbers stay aligned.
struct TextTable {
    std::vector<std::string> header;
    std::vector<bool> right;  // per column: numbers align right
    std::vector<std::vector<std::string>> rows;
    std::size_t shrink = 0;
    std::size_t cap = 32;                 // the shrink column is never wider than this
    std::vector<std::size_t> min_widths;  // per column, so tables one above the other align
};

constexpr std::size_t k_indent = 2;
constexpr std::size_t k_gap = 2;
constexpr std::size_t k_min_name = 5;

std::string render(const TextTable& table, std::size_t width, const Styles& s) {
    const std::size_t columns = table.header.size();
    std::vector<std::size_t> widths(columns, 0);
    for (std::size_t c = 0; c < columns; ++c) {
        widths[c] = std::max(display_width(table.header[c]), c < table.min_widths.size() ? table.min_widths[c] : 0);
        for (const auto& row : table.rows) {
            if (c < row.size()) {
                widths[c] = std::max(widths[c], display_width(row[c]));
            }
        }
    }
    if (table.shrink < columns && table.cap > 0) {
        widths[table.shrink] =
            std::min(widths[table.shrink], std::max(table.cap, display_width(table.header[table.shrink])));
    }
    std::size_t total = k_indent + k_gap * (columns > 0 ? columns - 1 : 0);
    for (std::size_t w : widths) {
        total += w;
    }
    if (total > width && table.shrink < columns) {
        const std::size_t over = total - width;
        const std::size_t floor = std::min(widths[table.shrink], k_min_name);
        widths[table.shrink] = std::max(floor, widths[table.shrink] > over ? widths[table.shrink] - over : 0);
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out(k_indent, ' ');
        for (std::size_t c = 0; c < columns; ++c) {
            const std::string cell = fit_width(c < cells.size() ? cells[c] : "", widths[c]);
            out += pad(cell, c + 1 == columns && !table.right[c] ? 0 : widths[c], table.right[c]);
            if (c + 1 < columns) {
                out.append(k_gap, ' ');
            }
        }
        while (!out.empty() && out.back() == ' ') {
            out.pop_back();
        }
        return out;
    };
    std::string out = std::string(s.bold) + line(table.header) + std::string(s.reset) + "\n";
    for (const auto& row : table.rows) {
        out += line(row) + "\n";
    }
    return out;
}

// How many rows of a long list the text shows; JSON, CSV and HTML show all.
constexpr std::size_t k_text_groups = 12;
constexpr std::size_t k_text_categories = 15;
constexpr std::size_t k_text_clusters = 10;
constexpr std::size_t k_text_trend = 10;
constexpr std::size_t k_text_unmapped = 10;

std::string heading(std::string_view text, const Styles& s) {
    return "\n" + std::string(s.bold) + std::string(text) + std::string(s.reset) + "\n";
}

std::string dim_line(std::string_view text, std::size_t width, const Styles& s) {
    return std::string(s.dim) + wrap(text, width, "  ", "  ") + std::string(s.reset);
}

// Period labels short enough for a column: when every shown period is of
// one year, the year goes into the title and the label keeps "W09" or
// "Mar"; else the whole label.
std::vector<std::string> short_labels(const std::vector<ReportPeriodSpan>& periods, std::size_t from,
                                      std::string& year) {
    static constexpr std::array<const char*, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::vector<std::string> labels;
    year.clear();
    bool one_year = true;
    for (std::size_t p = from; p < periods.size(); ++p) {
        const std::string& label = periods[p].label;
        const std::string prefix = label.size() > 5 && label[4] == '-' ? label.substr(0, 4) : "";
        if (prefix.empty() || (p > from && prefix != year)) {
            one_year = false;
        }
        year = prefix;
    }
    for (std::size_t p = from; p < periods.size(); ++p) {
        const std::string& label = periods[p].label;
        if (!one_year) {
            labels.push_back(label);
            continue;
        }
        std::string rest = label.substr(5);
        if (rest.size() == 2 && rest[0] >= '0' && rest[0] <= '1') {
            const int month = std::stoi(rest);
            if (month >= 1 && month <= 12) {
                rest = k_months[static_cast<std::size_t>(month - 1)];
            }
        }
        labels.push_back(rest);
    }
    if (!one_year) {
        year.clear();
    }
    return labels;
}

std::string text_header(const ReportDocument& doc, std::size_t width, const Styles& s) {
    std::string out =
        std::string(s.bold) + fit_width("Ticket report: " + clean(doc.file), width) + std::string(s.reset) + "\n";
    auto field = [&](std::string_view name, const std::string& value) {
        const std::string first = "  " + pad(name, 9, false);
        out += wrap(value, width, std::string(first.size(), ' '), first);
    };
    std::string source = clean(doc.format);
    if (!doc.encoding.empty()) {
        source += ", " + clean(doc.encoding);
    }
    source += doc.preset.empty() ? ", no preset (common column names)" : ", read as a " + clean(doc.preset) + " export";
    field("export", source);
    std::string rows = plural(doc.rows_read, "row", "rows") + " read, " + plural(doc.tickets, "ticket", "tickets");
    if (doc.report != nullptr) {
        rows += ", " + std::to_string(doc.report->used) + " used";
    }
    const std::size_t skipped = skipped_total(doc);
    rows += ", " + std::to_string(skipped) + " skipped";
    if (!doc.skipped.empty()) {
        std::string reasons;
        for (const auto& [reason, n] : doc.skipped) {
            reasons += (reasons.empty() ? "" : ", ") + std::to_string(n) + " " + clean(reason);
        }
        rows += " (" + reasons + ")";
    }
    if (doc.report != nullptr) {
        if (doc.report->before_since > 0) {
            rows += "; " + std::to_string(doc.report->before_since) + " created before --since count in the backlog";
        }
        if (doc.report->after_until > 0) {
            rows += "; " + std::to_string(doc.report->after_until) + " created after --until left out";
        }
        if (doc.report->closed_without_date > 0) {
            rows += "; " + std::to_string(doc.report->closed_without_date) + " closed without a date";
        }
    }
    field("tickets", rows);
    if (doc.history != nullptr) {
        field("zone", clean(doc.history->zone.describe()));
    }
    if (doc.report != nullptr) {
        const Report& r = *doc.report;
        std::string period = std::string(period_word(r.period, false)) + " by " + to_string(r.by);
        if (!r.periods.empty()) {
            period += ", " + r.periods.front().label + " (" + period_start(r.periods.front()) + ") to " +
                      r.periods.back().label + " (" + period_end(r.periods.back()) + "), " +
                      plural(r.periods.size(), period_word(r.period, false), period_word(r.period, true));
        }
        if (!doc.since.empty() || !doc.until.empty()) {
            period += ";";
            if (!doc.since.empty()) {
                period += " --since " + clean(doc.since);
            }
            if (!doc.until.empty()) {
                period += " --until " + clean(doc.until);
            }
        }
        field("period", period);
    }
    return out;
}

// Opened, closed and backlog: groups down, the latest periods that fit across.
std::string text_periods(const Report& r, std::size_t width, const Styles& s) {
    std::string out = heading(std::string("1. Tickets per ") + period_word(r.period, false), s);
    if (r.periods.empty()) {
        return out + dim_line("No ticket falls in the range.", width, s);
    }
    const std::size_t shown_groups = std::min(r.groups.size(), k_text_groups);
    std::size_t name_width = display_width("category");
    for (std::size_t g = 0; g < shown_groups; ++g) {
        name_width = std::max(name_width, display_width(clean(r.groups[g].name)) + (r.groups[g].mapped ? 0 : 2));
    }
    name_width = std::clamp<std::size_t>(name_width, k_min_name, 24);
    std::size_t biggest = 0;
    for (const auto& counts : r.total.periods) {
        biggest = std::max({biggest, counts.opened, counts.closed, counts.backlog});
    }
    std::size_t label_width = 0;
    for (const auto& p : r.periods) {
        label_width = std::max(label_width, display_width(p.label));
    }
    // Every table has the same columns, so that they align one above the
    // other: numbers at least 3 wide (a short label, "W09" or "Mar"), the
    // "all" column as wide as the biggest sum.
    const std::size_t number_width = std::max<std::size_t>(std::to_string(biggest).size(), 3);
    const std::size_t all_width =
        std::max<std::size_t>(std::to_string(std::max(r.total.opened, r.total.closed)).size(), 3);
    auto fitting = [&](std::size_t column) {
        const std::size_t fixed = k_indent + name_width + k_gap + all_width;
        return width > fixed + column ? std::max<std::size_t>(1, (width - fixed) / (column + k_gap)) : 1;
    };
    std::size_t shown = std::min(r.periods.size(), fitting(number_width));
    std::string year;
    std::vector<std::string> labels = short_labels(r.periods, r.periods.size() - shown, year);
    std::size_t period_width = number_width;
    if (year.empty()) {
        period_width = std::max(number_width, label_width);
        shown = std::min(r.periods.size(), fitting(period_width));
        labels = short_labels(r.periods, r.periods.size() - shown, year);
    }
    const std::size_t from = r.periods.size() - shown;

    auto table_of = [&](std::string_view title, std::size_t PeriodCounts::*field, bool with_all) {
        TextTable table;
        table.cap = name_width;
        table.min_widths.push_back(name_width);
        table.header.push_back(r.by == ReportGroupBy::category ? "category" : to_string(r.by));
        table.right.push_back(false);
        for (const auto& label : labels) {
            table.header.push_back(label);
            table.right.push_back(true);
            table.min_widths.push_back(period_width);
        }
        if (with_all) {
            table.header.push_back("all");
            table.right.push_back(true);
            table.min_widths.push_back(all_width);
        }
        auto add = [&](const ReportGroup& group, std::string name) {
            std::vector<std::string> row{std::move(name)};
            for (std::size_t p = from; p < r.periods.size(); ++p) {
                row.push_back(p < group.periods.size() ? std::to_string(group.periods[p].*field) : "0");
            }
            if (with_all) {
                row.push_back(std::to_string(field == &PeriodCounts::opened ? group.opened : group.closed));
            }
            table.rows.push_back(std::move(row));
        };
        for (std::size_t g = 0; g < shown_groups; ++g) {
            const ReportGroup& group = r.groups[g];
            // The mark of an unmapped value survives the cut of its name.
            add(group, group.mapped ? clean(group.name) : fit_width(clean(group.name), name_width - 2) + " *");
        }
        add(r.total, "total");
        std::string text = std::string(s.bold) + "  " + std::string(title) + (year.empty() ? "" : ", " + year) +
                           std::string(s.reset) + "\n";
        return text + render(table, width, s);
    };
    out += table_of(std::string("Opened per ") + period_word(r.period, false), &PeriodCounts::opened, true);
    out += "\n" + table_of(std::string("Closed per ") + period_word(r.period, false), &PeriodCounts::closed, true);
    out += "\n" + table_of(std::string("Backlog at the end of each ") + period_word(r.period, false),
                           &PeriodCounts::backlog, false);
    if (from > 0) {
        out += dim_line(plural(from, std::string("earlier ") + period_word(r.period, false),
                               std::string("earlier ") + period_word(r.period, true)) +
                            " left out: narrow the range with --since, or see every " + period_word(r.period, false) +
                            " with --format csv.",
                        width, s);
    }
    if (r.groups.size() > shown_groups) {
        out += dim_line(plural(r.groups.size() - shown_groups, "more group", "more groups") +
                            " counted in total: --format csv or --json lists them all.",
                        width, s);
    }
    bool unmapped = false;
    for (std::size_t g = 0; g < shown_groups; ++g) {
        unmapped = unmapped || !r.groups[g].mapped;
    }
    if (unmapped) {
        out += dim_line("* a category value no [[categories]] entry of faqt.toml maps.", width, s);
    }
    return out;
}

std::string text_durations(std::string_view title, std::string_view first_column,
                           const std::vector<DurationStats>& stats, std::size_t width, const Styles& s) {
    TextTable table;
    table.header = {std::string(first_column), "tickets", "median", "p90"};
    table.right = {false, true, true, true};
    const std::size_t shown = std::min(stats.size(), k_text_groups);
    for (std::size_t i = 0; i < shown; ++i) {
        const DurationStats& d = stats[i];
        table.rows.push_back({clean(d.group), std::to_string(d.count), d.count == 0 ? "-" : format_duration(d.median),
                              d.count == 0 ? "-" : format_duration(d.p90)});
    }
    std::string out = std::string(s.bold) + "  " + std::string(title) + std::string(s.reset) + "\n";
    out += render(table, width, s);
    if (stats.size() > shown) {
        out += dim_line(plural(stats.size() - shown, "more row", "more rows") + " in --json.", width, s);
    }
    return out;
}

std::string text_time_to_close(const Report& r, std::size_t width, const Styles& s) {
    std::string out = heading("2. Time to close", s);
    const char* by = r.by == ReportGroupBy::category ? "category" : to_string(r.by);
    if (r.time_to_close_by_group.empty()) {
        out += dim_line("No ticket was closed in the range.", width, s);
    } else {
        out += text_durations(std::string("Created to closed, by ") + by, by, r.time_to_close_by_group, width, s);
        if (!r.time_to_close_by_priority.empty() && r.by != ReportGroupBy::priority) {
            out += "\n" +
                   text_durations("Created to closed, by priority", "priority", r.time_to_close_by_priority, width, s);
        }
    }
    if (!r.first_response_by_group.empty()) {
        out += "\n" + text_durations(std::string("First response, by ") + by, by, r.first_response_by_group, width, s);
    }
    if (!r.resolution_time_by_group.empty()) {
        out += "\n" + text_durations(std::string("Resolution time as the export states it, by ") + by, by,
                                     r.resolution_time_by_group, width, s);
    }
    if (!r.time_to_close_by_group.empty() || !r.first_response_by_group.empty() ||
        !r.resolution_time_by_group.empty()) {
        out += dim_line("Median and 90th percentile by nearest rank.", width, s);
    }
    return out;
}

std::string text_coverage(const ReportDocument& doc, std::size_t width, const Styles& s) {
    std::string out = heading("3. Coverage", s);
    if (doc.coverage == nullptr) {
        return out + dim_line("Not measured (see the notes).", width, s);
    }
    const Coverage& c = *doc.coverage;
    TextTable table;
    table.header = {"category", "tickets", "public", "internal", "open KE", "answered", "share"};
    table.right = {false, true, true, true, true, true, true};
    const std::size_t shown = std::min(c.categories.size(), k_text_categories);
    for (std::size_t i = 0; i < shown; ++i) {
        const CategoryCoverage& cat = c.categories[i];
        const double share = answered_share(cat.answered, cat.sampled);
        table.rows.push_back({clean(cat.category) + (cat.mapped ? "" : " *"), std::to_string(cat.tickets),
                              std::to_string(cat.public_articles), std::to_string(cat.internal_articles),
                              std::to_string(cat.open_known_errors),
                              std::to_string(cat.answered) + "/" + std::to_string(cat.sampled),
                              share < 0 ? "-" : percent(share)});
    }
    if (!table.rows.empty()) {
        out += render(table, width, s);
    }
    if (c.categories.size() > shown) {
        out +=
            dim_line(plural(c.categories.size() - shown, "more category", "more categories") + " in --json.", width, s);
    }
    if (!c.uncovered.empty()) {
        std::string list;
        for (const auto& u : c.uncovered) {
            list += (list.empty() ? "" : ", ") + clean(u);
        }
        out += wrap("Uncovered (tickets, no article): " + list, width, "    ", "  ");
    }
    std::string sample;
    if (c.not_run.empty()) {
        sample = "Answered: " + std::to_string(c.answered) + " of the " + plural(c.sampled, "ticket", "tickets") +
                 " sampled (the most recent with text, at most " + std::to_string(c.sample_size) +
                 ") have a confident suggestion or an article that lists them (" + std::to_string(c.listed) +
                 " listed).";
    } else {
        sample = "Suggest did not run: " + clean(c.not_run) + "; answered counts only the " + std::to_string(c.listed) +
                 " tickets an article lists.";
    }
    out += dim_line(sample, width, s);
    if (!table.rows.empty()) {
        const bool unmapped =
            std::any_of(c.categories.begin(), c.categories.begin() + static_cast<std::ptrdiff_t>(shown),
                        [](const CategoryCoverage& cat) { return !cat.mapped; });
        out += dim_line(std::string("open KE: known errors still open. answered: of the sampled tickets.") +
                            (unmapped ? " *: a value no category maps." : ""),
                        width, s);
    }
    return out;
}

std::string text_write_next(const ReportDocument& doc, std::size_t width, const Styles& s) {
    std::string out = heading("4. What to write next", s);
    if (doc.write_next.empty()) {
        return out + dim_line("No cluster of unanswered tickets.", width, s);
    }
    const std::size_t shown = std::min(doc.write_next.size(), k_text_clusters);
    for (std::size_t i = 0; i < shown; ++i) {
        const WriteNextCluster& cluster = doc.write_next[i];
        std::string title = std::to_string(i + 1) + ". " +
                            clean(cluster.category.empty() ? "(none)" : cluster.category) + ", " +
                            plural(cluster.tickets, "ticket", "tickets");
        const std::string trend = cluster_trend(cluster.per_period);
        if (!trend.empty()) {
            title += ", " + trend;
        }
        out += std::string(s.bold) + fit_width("  " + title, width) + std::string(s.reset) + "\n";
        std::string terms;
        for (const auto& t : cluster.terms) {
            terms += (terms.empty() ? "" : ", ") + clean(t);
        }
        out += wrap(terms.empty() ? "(the category's other tickets)" : "terms: " + terms, width, "       ", "     ");
        for (const auto& example : cluster.examples) {
            out += fit_width("     \"" + clean(example) + "\"", width) + "\n";
        }
    }
    if (doc.write_next.size() > shown) {
        out +=
            dim_line(plural(doc.write_next.size() - shown, "more cluster", "more clusters") + " in --json.", width, s);
    }
    return out;
}

std::string text_trend(const Report& r, std::size_t width, const Styles& s) {
    std::string out = heading("5. Trend", s);
    if (r.trend.empty()) {
        return out + dim_line("No group is rising.", width, s);
    }
    TextTable table;
    table.header = {r.by == ReportGroupBy::category ? "category" : to_string(r.by), "before", "recent", "change"};
    table.right = {false, true, true, true};
    const std::size_t shown = std::min(r.trend.size(), k_text_trend);
    for (std::size_t i = 0; i < shown; ++i) {
        const TrendRow& t = r.trend[i];
        const auto change = static_cast<long long>(t.recent) - static_cast<long long>(t.previous);
        table.rows.push_back({clean(t.group), std::to_string(t.previous), std::to_string(t.recent),
                              (change > 0 ? "+" : "") + std::to_string(change)});
    }
    out += render(table, width, s);
    out += dim_line(std::string("Opened in the latest ") + period_word(r.period, true) + " against as many " +
                        period_word(r.period, true) + " before.",
                    width, s);
    return out;
}

std::string text_unmapped(const Report& r, std::size_t width, const Styles& s) {
    if (r.unmapped.empty()) {
        return "";
    }
    std::string out = heading("Unmapped categories", s);
    TextTable table;
    table.header = {"value", "tickets"};
    table.right = {false, true};
    const std::size_t shown = std::min(r.unmapped.size(), k_text_unmapped);
    for (std::size_t i = 0; i < shown; ++i) {
        table.rows.push_back({clean(r.unmapped[i].value), std::to_string(r.unmapped[i].tickets)});
    }
    out += render(table, width, s);
    if (r.unmapped.size() > shown) {
        out += dim_line(plural(r.unmapped.size() - shown, "more value", "more values") + " in --json.", width, s);
    }
    out += wrap("No [[categories]] entry maps these values: add them as codes in faqt.toml.", width, "  ", "  ");
    return out;
}

// ---- CSV ------------------------------------------------------------------

// One cell by RFC 4180: quoted when it holds a comma, a quote or a line
// break. A cell that starts with = + - @ would run as a formula in a
// spreadsheet: a leading ' keeps it text (the guard the export reader
// removes).
std::string csv_cell(std::string_view text) {
    std::string cell = repair_utf8(text);
    if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@')) {
        cell.insert(cell.begin(), '\'');
    }
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        return cell;
    }
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') {
            quoted += '"';
        }
        quoted += c;
    }
    return quoted + "\"";
}

// ---- HTML -----------------------------------------------------------------

std::string esc(std::string_view text) {
    return xml_escaped(text, true);
}

// A number for an SVG attribute, one decimal, not touched by the locale.
std::string num(double value) {
    const long long tenths = std::llround(value * 10);
    const long long whole = tenths / 10;
    const long long part = std::llabs(tenths % 10);
    std::string out = (tenths < 0 && whole == 0 ? "-" : "") + std::to_string(whole);
    if (part != 0) {
        out += "." + std::to_string(part);
    }
    return out;
}

constexpr std::size_t k_chart_groups = 8;

constexpr std::string_view k_html_style = R"(
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#57606a;--line:#d0d7de;--grid:#eaeef2}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--grid:#21262d}}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,sans-serif}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.5rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
table{border-collapse:collapse;margin:.75rem 0 1.5rem;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.2rem .6rem;text-align:right}
th:first-child,td:first-child{text-align:left}th{white-space:nowrap}
.wide{overflow-x:auto}
figure{margin:1rem 0}svg{max-width:100%;height:auto}
svg text{fill:var(--fg);font:11px system-ui,sans-serif}
.axis{stroke:var(--line)}.gridline{stroke:var(--grid)}
.backlog{fill:none;stroke:#cf222e;stroke-width:2}
.bar{fill:#0969da}.bar-answered{fill:#1a7f37}
.s0{fill:#0969da}.s1{fill:#bf8700}.s2{fill:#1a7f37}.s3{fill:#8250df}.s4{fill:#cf222e}
.s5{fill:#1b7c83}.s6{fill:#bc4c00}.s7{fill:#bf3989}.s8{fill:#6e7781}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.legend svg{vertical-align:middle}
.note{color:var(--muted)}
@media print{body{font-size:11pt;background:#fff;color:#000}main{max-width:none;padding:0}
h2{break-after:avoid}figure,table{break-inside:avoid}.wide{overflow:visible}}
)";

struct HtmlChartSeries {
    std::string name;
    std::vector<std::size_t> values;  // per period
};

// The opened tickets per period, stacked by the top groups and "other".
std::vector<HtmlChartSeries> stacked_series(const Report& r) {
    std::vector<HtmlChartSeries> series;
    const std::size_t top = std::min(r.groups.size(), k_chart_groups);
    for (std::size_t g = 0; g < top; ++g) {
        HtmlChartSeries one{r.groups[g].name, {}};
        for (std::size_t p = 0; p < r.periods.size(); ++p) {
            one.values.push_back(p < r.groups[g].periods.size() ? r.groups[g].periods[p].opened : 0);
        }
        series.push_back(std::move(one));
    }
    if (r.groups.size() > top) {
        HtmlChartSeries other{"other", std::vector<std::size_t>(r.periods.size(), 0)};
        for (std::size_t g = top; g < r.groups.size(); ++g) {
            for (std::size_t p = 0; p < r.periods.size() && p < r.groups[g].periods.size(); ++p) {
                other.values[p] += r.groups[g].periods[p].opened;
            }
        }
        series.push_back(std::move(other));
    }
    return series;
}

constexpr double k_chart_width = 720;
constexpr double k_chart_height = 240;
constexpr double k_chart_left = 40;
constexpr double k_chart_bottom = 24;
constexpr double k_chart_top = 10;

// The top of a chart's scale: four steps of 1, 2 or 5 times a power of ten
// that hold biggest, so the grid lines fall on round numbers.
std::size_t scale_top(std::size_t biggest) {
    const std::size_t raw = std::max<std::size_t>(1, (biggest + 3) / 4);
    std::size_t magnitude = 1;
    while (magnitude * 10 <= raw) {
        magnitude *= 10;
    }
    for (std::size_t m : {1, 2, 5, 10}) {
        if (m * magnitude >= raw) {
            return 4 * m * magnitude;
        }
    }
    return 40 * magnitude;
}

std::string svg_axes(std::size_t biggest, double plot_height) {
    std::string out;
    const double base = k_chart_top + plot_height;
    for (int step = 0; step <= 4; ++step) {
        const double value = static_cast<double>(biggest) * step / 4.0;
        const double y = base - plot_height * step / 4.0;
        out += "<line class=\"gridline\" x1=\"" + num(k_chart_left) + "\" x2=\"" + num(k_chart_width) + "\" y1=\"" +
               num(y) + "\" y2=\"" + num(y) + "\"/>";
        out += "<text x=\"" + num(k_chart_left - 4) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">" +
               std::to_string(std::llround(value)) + "</text>";
    }
    out += "<line class=\"axis\" x1=\"" + num(k_chart_left) + "\" x2=\"" + num(k_chart_width) + "\" y1=\"" + num(base) +
           "\" y2=\"" + num(base) + "\"/>";
    return out;
}

// Labels under the x axis: at most about 12, evenly spread.
std::string svg_period_labels(const Report& r, double slot) {
    std::string out;
    const std::size_t n = r.periods.size();
    const std::size_t every = std::max<std::size_t>(1, (n + 11) / 12);
    const double y = k_chart_top + (k_chart_height - k_chart_top - k_chart_bottom) + 16;
    for (std::size_t p = 0; p < n; p += every) {
        const double x = k_chart_left + slot * (static_cast<double>(p) + 0.5);
        out += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"middle\">" + esc(r.periods[p].label) +
               "</text>";
    }
    return out;
}

std::string html_stacked_chart(const Report& r, const char* by_name) {
    const auto series = stacked_series(r);
    const std::size_t n = r.periods.size();
    std::size_t biggest = 1;
    for (std::size_t p = 0; p < n; ++p) {
        biggest = std::max(biggest, p < r.total.periods.size() ? r.total.periods[p].opened : 0);
    }
    biggest = scale_top(biggest);
    const double plot_height = k_chart_height - k_chart_top - k_chart_bottom;
    const double slot = (k_chart_width - k_chart_left) / static_cast<double>(std::max<std::size_t>(n, 1));
    const std::string title = std::string("Tickets opened per ") + period_word(r.period, false) + ", by " + by_name;
    std::string out = "<figure>\n<svg role=\"img\" aria-label=\"" + esc(title) + "\" viewBox=\"0 0 " +
                      num(k_chart_width) + " " + num(k_chart_height) + "\" width=\"" + num(k_chart_width) +
                      "\" height=\"" + num(k_chart_height) + "\"><title>" + esc(title) + "</title>";
    out += svg_axes(biggest, plot_height);
    for (std::size_t p = 0; p < n; ++p) {
        double y = k_chart_top + plot_height;
        for (std::size_t s = 0; s < series.size(); ++s) {
            const std::size_t v = series[s].values[p];
            if (v == 0) {
                continue;
            }
            const double h = plot_height * static_cast<double>(v) / static_cast<double>(biggest);
            y -= h;
            out += "<rect class=\"s" + std::to_string(s) + "\" x=\"" + num(k_chart_left + slot * p + slot * 0.1) +
                   "\" y=\"" + num(y) + "\" width=\"" + num(slot * 0.8) + "\" height=\"" + num(h) + "\"><title>" +
                   esc(r.periods[p].label + " " + series[s].name + ": " + std::to_string(v)) + "</title></rect>";
        }
    }
    out += svg_period_labels(r, slot);
    out += "</svg>\n<ul class=\"legend\">";
    for (std::size_t s = 0; s < series.size(); ++s) {
        out += "<li><svg width=\"10\" height=\"10\" aria-hidden=\"true\"><rect class=\"s" + std::to_string(s) +
               "\" width=\"10\" height=\"10\"/></svg> " + esc(series[s].name) + "</li>";
    }
    out += "</ul>\n</figure>\n";
    // Its data, for screen readers and for reading exact numbers.
    out += "<div class=\"wide\"><table>\n<caption>" + esc(title) + "</caption>\n<thead><tr><th scope=\"col\">" +
           period_word(r.period, false) + "</th>";
    for (const auto& one : series) {
        out += "<th scope=\"col\">" + esc(one.name) + "</th>";
    }
    out += "<th scope=\"col\">total</th></tr></thead>\n<tbody>\n";
    for (std::size_t p = 0; p < n; ++p) {
        out += "<tr><th scope=\"row\">" + esc(r.periods[p].label) + "</th>";
        for (const auto& one : series) {
            out += "<td>" + std::to_string(one.values[p]) + "</td>";
        }
        out += "<td>" + std::to_string(p < r.total.periods.size() ? r.total.periods[p].opened : 0) + "</td></tr>\n";
    }
    out += "</tbody>\n</table></div>\n";
    return out;
}

std::string html_backlog_chart(const Report& r) {
    const std::size_t n = r.periods.size();
    std::size_t biggest = 1;
    for (const auto& counts : r.total.periods) {
        biggest = std::max(biggest, counts.backlog);
    }
    biggest = scale_top(biggest);
    const double plot_height = k_chart_height - k_chart_top - k_chart_bottom;
    const double slot = (k_chart_width - k_chart_left) / static_cast<double>(std::max<std::size_t>(n, 1));
    const std::string title = std::string("Backlog at the end of each ") + period_word(r.period, false);
    std::string out = "<figure>\n<svg role=\"img\" aria-label=\"" + esc(title) + "\" viewBox=\"0 0 " +
                      num(k_chart_width) + " " + num(k_chart_height) + "\" width=\"" + num(k_chart_width) +
                      "\" height=\"" + num(k_chart_height) + "\"><title>" + esc(title) + "</title>";
    out += svg_axes(biggest, plot_height);
    std::string points;
    for (std::size_t p = 0; p < n && p < r.total.periods.size(); ++p) {
        const double x = k_chart_left + slot * (static_cast<double>(p) + 0.5);
        const double y = k_chart_top + plot_height -
                         plot_height * static_cast<double>(r.total.periods[p].backlog) / static_cast<double>(biggest);
        points += (points.empty() ? "" : " ") + num(x) + "," + num(y);
    }
    out += "<polyline class=\"backlog\" points=\"" + points + "\"/>";
    out += svg_period_labels(r, slot);
    out += "</svg>\n</figure>\n";
    out += "<div class=\"wide\"><table>\n<caption>" + esc(title) + "</caption>\n<thead><tr><th scope=\"col\">" +
           period_word(r.period, false) +
           "</th><th scope=\"col\">start</th><th scope=\"col\">end</th><th scope=\"col\">opened</th>"
           "<th scope=\"col\">closed</th><th scope=\"col\">backlog</th></tr></thead>\n<tbody>\n";
    for (std::size_t p = 0; p < n && p < r.total.periods.size(); ++p) {
        const PeriodCounts& c = r.total.periods[p];
        out += "<tr><th scope=\"row\">" + esc(r.periods[p].label) + "</th><td>" + period_start(r.periods[p]) +
               "</td><td>" + period_end(r.periods[p]) + "</td><td>" + std::to_string(c.opened) + "</td><td>" +
               std::to_string(c.closed) + "</td><td>" + std::to_string(c.backlog) + "</td></tr>\n";
    }
    out += "</tbody>\n</table></div>\n";
    return out;
}

std::string html_coverage_chart(const Coverage& c) {
    const std::size_t n = c.categories.size();
    std::size_t biggest = 1;
    for (const auto& cat : c.categories) {
        biggest = std::max(biggest, cat.tickets);
    }
    const double row = 20;
    const double label_width = 200;
    const double bar_room = k_chart_width - label_width - 60;
    const double height = row * static_cast<double>(n) + 10;
    const std::string title = "Tickets per category, and the share of the sample answered";
    std::string out = "<figure>\n<svg role=\"img\" aria-label=\"" + esc(title) + "\" viewBox=\"0 0 " +
                      num(k_chart_width) + " " + num(height) + "\" width=\"" + num(k_chart_width) + "\" height=\"" +
                      num(height) + "\"><title>" + esc(title) + "</title>";
    for (std::size_t i = 0; i < n; ++i) {
        const CategoryCoverage& cat = c.categories[i];
        const double y = 5 + row * static_cast<double>(i);
        const double w = bar_room * static_cast<double>(cat.tickets) / static_cast<double>(biggest);
        const double share = answered_share(cat.answered, cat.sampled);
        std::string label = cat.category;
        if (label.size() > 32) {
            label = fit_width(label, 30);
        }
        out += "<text x=\"" + num(label_width - 6) + "\" y=\"" + num(y + 13) + "\" text-anchor=\"end\">" + esc(label) +
               "</text>";
        out += "<rect class=\"bar\" x=\"" + num(label_width) + "\" y=\"" + num(y + 2) + "\" width=\"" + num(w) +
               "\" height=\"" + num(row - 6) + "\"/>";
        if (share > 0) {
            out += "<rect class=\"bar-answered\" x=\"" + num(label_width) + "\" y=\"" + num(y + 2) + "\" width=\"" +
                   num(w * share) + "\" height=\"" + num(row - 6) + "\"/>";
        }
        out += "<text x=\"" + num(label_width + w + 4) + "\" y=\"" + num(y + 13) + "\">" + std::to_string(cat.tickets) +
               (share < 0 ? "" : " (" + percent(share) + ")") + "</text>";
    }
    out +=
        "</svg>\n<p class=\"note\">Bar: tickets in the range; green part: the share of the sampled tickets "
        "answered.</p>\n</figure>\n";
    out +=
        "<div class=\"wide\"><table>\n<caption>Coverage per category</caption>\n<thead><tr>"
        "<th scope=\"col\">category</th><th scope=\"col\">tickets</th><th scope=\"col\">public articles</th>"
        "<th scope=\"col\">internal articles</th><th scope=\"col\">open known errors</th>"
        "<th scope=\"col\">sampled</th><th scope=\"col\">answered</th><th scope=\"col\">share</th></tr></thead>\n"
        "<tbody>\n";
    for (const auto& cat : c.categories) {
        const double share = answered_share(cat.answered, cat.sampled);
        out += "<tr><th scope=\"row\">" + esc(cat.category) + (cat.mapped ? "" : " (unmapped)") + "</th><td>" +
               std::to_string(cat.tickets) + "</td><td>" + std::to_string(cat.public_articles) + "</td><td>" +
               std::to_string(cat.internal_articles) + "</td><td>" + std::to_string(cat.open_known_errors) +
               "</td><td>" + std::to_string(cat.sampled) + "</td><td>" + std::to_string(cat.answered) + "</td><td>" +
               (share < 0 ? "-" : percent(share)) + "</td></tr>\n";
    }
    out += "</tbody>\n</table></div>\n";
    return out;
}

std::string html_durations(std::string_view caption, std::string_view first_column,
                           const std::vector<DurationStats>& stats) {
    std::string out = "<div class=\"wide\"><table>\n<caption>" + esc(caption) +
                      "</caption>\n<thead><tr><th scope=\"col\">" + esc(first_column) +
                      "</th><th scope=\"col\">tickets</th><th scope=\"col\">median</th><th scope=\"col\">90th "
                      "percentile</th></tr></thead>\n<tbody>\n";
    for (const auto& d : stats) {
        out += "<tr><th scope=\"row\">" + esc(d.group) + "</th><td>" + std::to_string(d.count) + "</td><td>" +
               (d.count == 0 ? "-" : format_duration(d.median)) + "</td><td>" +
               (d.count == 0 ? "-" : format_duration(d.p90)) + "</td></tr>\n";
    }
    return out + "</tbody>\n</table></div>\n";
}

}  // namespace

std::string format_duration(std::int64_t seconds) {
    if (seconds < 0) {
        return "-" + format_duration(-seconds);
    }
    const std::int64_t minutes = seconds / 60;
    const std::int64_t hours = seconds / 3600;
    const std::int64_t days = seconds / 86400;
    if (days > 0) {
        const std::int64_t h = hours % 24;
        return std::to_string(days) + "d" + (h == 0 ? "" : " " + std::to_string(h) + "h");
    }
    if (hours > 0) {
        const std::int64_t m = minutes % 60;
        return std::to_string(hours) + "h" + (m == 0 ? "" : " " + std::to_string(m) + "m");
    }
    if (minutes > 0) {
        return std::to_string(minutes) + "m";
    }
    return std::to_string(seconds) + "s";
}

std::string report_text(const ReportDocument& doc, bool color, std::size_t width) {
    const Styles s = color ? Styles{k_style_bold, k_style_dim, k_style_reset} : Styles{};
    width = std::max<std::size_t>(width, 40);
    std::string out = text_header(doc, width, s);
    if (doc.report != nullptr) {
        const Report& r = *doc.report;
        out += text_periods(r, width, s);
        out += text_time_to_close(r, width, s);
        out += text_coverage(doc, width, s);
        out += text_write_next(doc, width, s);
        out += text_trend(r, width, s);
        out += text_unmapped(r, width, s);
    }
    if (!doc.notes.empty()) {
        out += heading("Notes", s);
        for (const auto& note : doc.notes) {
            out += std::string(s.dim) + wrap(clean(note), width, "    ", "  - ") + std::string(s.reset);
        }
    }
    return out;
}

std::string report_json(const ReportDocument& doc) {
    JsonWriter json;
    json.begin_object();
    json.field("file", doc.file);
    json.field("format", doc.format);
    json.key("preset").string_or_null(doc.preset);
    json.field("encoding", doc.encoding.empty() ? std::string("UTF-8") : doc.encoding);
    const Report* r = doc.report;
    json.key("period").value(r != nullptr ? to_string(r->period) : "week");
    json.key("by").value(r != nullptr ? to_string(r->by) : "category");
    json.key("zone");
    if (doc.history != nullptr) {
        json.value(doc.history->zone.describe());
    } else {
        json.null();
    }
    json.key("since").string_or_null(doc.since);
    json.key("until").string_or_null(doc.until);
    json.key("kb").string_or_null(doc.kb_title);

    json.key("tickets").begin_object();
    json.field("read", doc.rows_read);
    json.field("used", r != nullptr ? r->used : std::size_t{0});
    json.field("skipped", skipped_total(doc));
    json.key("skipped_by_reason").begin_object();
    for (const auto& [reason, n] : doc.skipped) {
        json.field(reason, n);
    }
    json.end_object();
    json.field("tickets", doc.tickets);
    json.field("folded_rows", doc.history != nullptr ? doc.history->rows_folded : std::size_t{0});
    json.field("before_since", r != nullptr ? r->before_since : std::size_t{0});
    json.field("after_until", r != nullptr ? r->after_until : std::size_t{0});
    json.field("closed_without_date", r != nullptr ? r->closed_without_date : std::size_t{0});
    json.end_object();

    auto counts = [&](const PeriodCounts& c) {
        json.field("opened", c.opened);
        json.field("closed", c.closed);
        json.field("backlog", c.backlog);
    };
    json.key("periods").begin_array();
    if (r != nullptr) {
        for (std::size_t p = 0; p < r->periods.size(); ++p) {
            for (const auto& group : r->groups) {
                json.begin_object();
                json.field("period", r->periods[p].label);
                json.field("start", period_start(r->periods[p]));
                json.field("end", period_end(r->periods[p]));
                json.field("group", group.name);
                json.field("mapped", group.mapped);
                counts(p < group.periods.size() ? group.periods[p] : PeriodCounts{});
                json.end_object();
            }
        }
    }
    json.end_array();
    json.key("totals").begin_array();
    if (r != nullptr) {
        for (std::size_t p = 0; p < r->periods.size(); ++p) {
            json.begin_object();
            json.field("period", r->periods[p].label);
            json.field("start", period_start(r->periods[p]));
            json.field("end", period_end(r->periods[p]));
            counts(p < r->total.periods.size() ? r->total.periods[p] : PeriodCounts{});
            json.end_object();
        }
    }
    json.end_array();
    json.key("groups").begin_array();
    if (r != nullptr) {
        for (const auto& group : r->groups) {
            json.begin_object();
            json.field("group", group.name);
            json.field("mapped", group.mapped);
            json.field("opened", group.opened);
            json.field("closed", group.closed);
            json.field("backlog", group.backlog);
            json.end_object();
        }
    }
    json.end_array();

    auto durations = [&](std::string_view key,
                         std::initializer_list<std::pair<const char*, const std::vector<DurationStats>*>> lists) {
        json.key(key).begin_array();
        for (const auto& [by, stats] : lists) {
            for (const auto& d : *stats) {
                json.begin_object();
                json.field("by", by);
                json.field("group", d.group);
                json.field("tickets", d.count);
                json.field("median_seconds", static_cast<long long>(d.median));
                json.field("p90_seconds", static_cast<long long>(d.p90));
                json.end_object();
            }
        }
        json.end_array();
    };
    const std::vector<DurationStats> none;
    const char* by = r != nullptr ? to_string(r->by) : "category";
    durations("time_to_close", {{by, r != nullptr ? &r->time_to_close_by_group : &none},
                                {"priority", r != nullptr ? &r->time_to_close_by_priority : &none}});
    durations("first_response", {{by, r != nullptr ? &r->first_response_by_group : &none}});
    durations("resolution_time", {{by, r != nullptr ? &r->resolution_time_by_group : &none}});

    const Coverage* c = doc.coverage;
    json.key("coverage").begin_array();
    if (c != nullptr) {
        for (const auto& cat : c->categories) {
            json.begin_object();
            json.field("category", cat.category);
            json.field("mapped", cat.mapped);
            json.field("tickets", cat.tickets);
            json.field("articles", cat.public_articles + cat.internal_articles);
            json.field("public_articles", cat.public_articles);
            json.field("internal_articles", cat.internal_articles);
            json.field("open_known_errors", cat.open_known_errors);
            json.field("sampled", cat.sampled);
            json.field("answered", cat.answered);
            json.key("answered_share");
            const double share = answered_share(cat.answered, cat.sampled);
            if (share < 0) {
                json.null();
            } else {
                json.value(share);
            }
            json.end_object();
        }
    }
    json.end_array();
    json.key("uncovered").strings(c != nullptr ? c->uncovered : std::vector<std::string>{});
    json.key("coverage_sample").begin_object();
    json.field("size", c != nullptr ? c->sample_size : std::size_t{0});
    json.field("sampled", c != nullptr ? c->sampled : std::size_t{0});
    json.field("answered", c != nullptr ? c->answered : std::size_t{0});
    json.field("listed", c != nullptr ? c->listed : std::size_t{0});
    json.key("not_run").string_or_null(c != nullptr ? c->not_run : std::string("coverage was not measured"));
    json.end_object();

    json.key("write_next").begin_array();
    for (const auto& cluster : doc.write_next) {
        json.begin_object();
        json.field("category", cluster.category);
        json.field("tickets", cluster.tickets);
        json.key("terms").strings(cluster.terms);
        json.key("examples").strings(cluster.examples);
        json.key("per_period").begin_array();
        for (std::size_t n : cluster.per_period) {
            json.value(n);
        }
        json.end_array();
        json.end_object();
    }
    json.end_array();
    json.key("trend").begin_array();
    if (r != nullptr) {
        for (const auto& t : r->trend) {
            json.begin_object();
            json.field("group", t.group);
            json.field("previous", t.previous);
            json.field("recent", t.recent);
            json.end_object();
        }
    }
    json.end_array();
    json.key("unmapped_categories").begin_array();
    if (r != nullptr) {
        for (const auto& u : r->unmapped) {
            json.begin_object();
            json.field("value", u.value);
            json.field("tickets", u.tickets);
            json.end_object();
        }
    }
    json.end_array();
    json.key("notes").strings(doc.notes);
    json.end_object();
    return json.str() + "\n";
}

std::string report_csv(const ReportDocument& doc) {
    std::string out = "period,period_start,period_end,group,mapped,opened,closed,backlog\r\n";
    const Report* r = doc.report;
    if (r == nullptr) {
        return out;
    }
    auto row = [&](const ReportPeriodSpan& period, std::string_view group, std::string_view mapped,
                   const PeriodCounts& c) {
        out += csv_cell(period.label) + "," + period_start(period) + "," + period_end(period) + "," + csv_cell(group) +
               "," + std::string(mapped) + "," + std::to_string(c.opened) + "," + std::to_string(c.closed) + "," +
               std::to_string(c.backlog) + "\r\n";
    };
    for (std::size_t p = 0; p < r->periods.size(); ++p) {
        for (const auto& group : r->groups) {
            row(r->periods[p], group.name, group.mapped ? "true" : "false",
                p < group.periods.size() ? group.periods[p] : PeriodCounts{});
        }
    }
    for (std::size_t p = 0; p < r->periods.size(); ++p) {
        row(r->periods[p], "(all)", "", p < r->total.periods.size() ? r->total.periods[p] : PeriodCounts{});
    }
    return out;
}

std::string report_html(const ReportDocument& doc) {
    const std::string title = "Ticket report: " + doc.file;
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"faqt report\">\n<title>" +
        esc(title) + "</title>\n<style>" + std::string(k_html_style) + "</style>\n</head>\n<body>\n<main>\n";
    out += "<h1>" + esc(title) + "</h1>\n<dl class=\"facts\">\n";
    auto fact = [&](std::string_view name, const std::string& value) {
        out += "<dt>" + esc(name) + "</dt><dd>" + esc(value) + "</dd>\n";
    };
    if (!doc.kb_title.empty()) {
        fact("Knowledge base", doc.kb_title);
    }
    fact("Export", doc.format + (doc.encoding.empty() ? "" : ", " + doc.encoding) +
                       (doc.preset.empty() ? ", no preset" : ", read as a " + doc.preset + " export"));
    std::string rows = plural(doc.rows_read, "row", "rows") + " read, " + plural(doc.tickets, "ticket", "tickets");
    const Report* r = doc.report;
    if (r != nullptr) {
        rows += ", " + std::to_string(r->used) + " used";
    }
    rows += ", " + std::to_string(skipped_total(doc)) + " skipped";
    if (!doc.skipped.empty()) {
        std::string reasons;
        for (const auto& [reason, n] : doc.skipped) {
            reasons += (reasons.empty() ? "" : ", ") + std::to_string(n) + " " + reason;
        }
        rows += " (" + reasons + ")";
    }
    fact("Tickets", rows);
    if (doc.history != nullptr) {
        fact("Zone", doc.history->zone.describe());
    }
    if (r != nullptr && !r->periods.empty()) {
        fact("Period", std::string(period_word(r->period, false)) + " by " + to_string(r->by) + ", " +
                           period_start(r->periods.front()) + " to " + period_end(r->periods.back()) + " (" +
                           plural(r->periods.size(), period_word(r->period, false), period_word(r->period, true)) +
                           ")");
    }
    out += "</dl>\n";
    if (r != nullptr) {
        const char* by = r->by == ReportGroupBy::category ? "category" : to_string(r->by);
        out += std::string("<section>\n<h2>Tickets per ") + period_word(r->period, false) + "</h2>\n";
        if (r->periods.empty()) {
            out += "<p>No ticket falls in the range.</p>\n";
        } else {
            out += html_stacked_chart(*r, by);
            out += html_backlog_chart(*r);
            out += "<div class=\"wide\"><table>\n<caption>Totals per " + esc(by) +
                   "</caption>\n<thead><tr><th scope=\"col\">" + esc(by) +
                   "</th><th scope=\"col\">opened</th><th scope=\"col\">closed</th><th scope=\"col\">backlog "
                   "at the end</th></tr></thead>\n<tbody>\n";
            for (const auto& group : r->groups) {
                out += "<tr><th scope=\"row\">" + esc(group.name) + (group.mapped ? "" : " (unmapped)") + "</th><td>" +
                       std::to_string(group.opened) + "</td><td>" + std::to_string(group.closed) + "</td><td>" +
                       std::to_string(group.backlog) + "</td></tr>\n";
            }
            out += "</tbody>\n</table></div>\n";
        }
        out += "</section>\n<section>\n<h2>Time to close</h2>\n";
        if (r->time_to_close_by_group.empty()) {
            out += "<p>No ticket was closed in the range.</p>\n";
        } else {
            out += html_durations(std::string("Created to closed, by ") + by, by, r->time_to_close_by_group);
            if (!r->time_to_close_by_priority.empty()) {
                out += html_durations("Created to closed, by priority", "priority", r->time_to_close_by_priority);
            }
        }
        if (!r->first_response_by_group.empty()) {
            out += html_durations(std::string("First response, by ") + by, by, r->first_response_by_group);
        }
        if (!r->resolution_time_by_group.empty()) {
            out += html_durations(std::string("Resolution time as the export states it, by ") + by, by,
                                  r->resolution_time_by_group);
        }
        out += "<p class=\"note\">Median and 90th percentile by nearest rank.</p>\n</section>\n";
    }
    out += "<section>\n<h2>Coverage</h2>\n";
    if (doc.coverage == nullptr) {
        out += "<p>Not measured (see the notes).</p>\n";
    } else {
        const Coverage& c = *doc.coverage;
        if (!c.categories.empty()) {
            out += html_coverage_chart(c);
        }
        if (!c.uncovered.empty()) {
            out += "<h3>Uncovered categories</h3>\n<ul>\n";
            for (const auto& u : c.uncovered) {
                out += "<li>" + esc(u) + "</li>\n";
            }
            out += "</ul>\n";
        }
        if (c.not_run.empty()) {
            out += "<p class=\"note\">" +
                   esc("Answered: " + std::to_string(c.answered) + " of the " + plural(c.sampled, "ticket", "tickets") +
                       " sampled (the " + std::to_string(c.sample_size) + " most recent with text asked), " +
                       std::to_string(c.listed) + " of them because an article lists them.") +
                   "</p>\n";
        } else {
            out += "<p class=\"note\">" + esc("Suggest did not run: " + c.not_run) + "</p>\n";
        }
    }
    out += "</section>\n<section>\n<h2>What to write next</h2>\n";
    if (doc.write_next.empty()) {
        out += "<p>No cluster of unanswered tickets.</p>\n";
    } else {
        out += "<ol>\n";
        for (const auto& cluster : doc.write_next) {
            std::string terms;
            for (const auto& t : cluster.terms) {
                terms += (terms.empty() ? "" : ", ") + t;
            }
            const std::string trend = cluster_trend(cluster.per_period);
            out += "<li><strong>" + esc(cluster.category.empty() ? "(none)" : cluster.category) + "</strong>, " +
                   esc(plural(cluster.tickets, "ticket", "tickets")) + (trend.empty() ? "" : ", " + esc(trend)) +
                   "<br>" + (terms.empty() ? std::string("(the category's other tickets)") : "terms: " + esc(terms));
            if (!cluster.examples.empty()) {
                out += "<ul>";
                for (const auto& e : cluster.examples) {
                    out += "<li>" + esc(e) + "</li>";
                }
                out += "</ul>";
            }
            out += "</li>\n";
        }
        out += "</ol>\n";
    }
    out += "</section>\n";
    if (r != nullptr) {
        out += "<section>\n<h2>Trend</h2>\n";
        if (r->trend.empty()) {
            out += "<p>No group is rising.</p>\n";
        } else {
            out +=
                "<div class=\"wide\"><table>\n<caption>" +
                esc(std::string("Opened in the latest ") + period_word(r->period, true) + " against as many before") +
                "</caption>\n<thead><tr><th scope=\"col\">group</th><th scope=\"col\">before</th>"
                "<th scope=\"col\">recent</th></tr></thead>\n<tbody>\n";
            for (const auto& t : r->trend) {
                out += "<tr><th scope=\"row\">" + esc(t.group) + "</th><td>" + std::to_string(t.previous) +
                       "</td><td>" + std::to_string(t.recent) + "</td></tr>\n";
            }
            out += "</tbody>\n</table></div>\n";
        }
        out += "</section>\n";
        if (!r->unmapped.empty()) {
            out +=
                "<section>\n<h2>Unmapped categories</h2>\n<p>No [[categories]] entry maps these values: add them "
                "as codes in faqt.toml.</p>\n<div class=\"wide\"><table>\n<caption>Unmapped category values"
                "</caption>\n<thead><tr><th scope=\"col\">value</th><th scope=\"col\">tickets</th></tr></thead>\n"
                "<tbody>\n";
            for (const auto& u : r->unmapped) {
                out +=
                    "<tr><th scope=\"row\">" + esc(u.value) + "</th><td>" + std::to_string(u.tickets) + "</td></tr>\n";
            }
            out += "</tbody>\n</table></div>\n</section>\n";
        }
    }
    if (!doc.notes.empty()) {
        out += "<section>\n<h2>Notes</h2>\n<ul>\n";
        for (const auto& note : doc.notes) {
            out += "<li>" + esc(note) + "</li>\n";
        }
        out += "</ul>\n</section>\n";
    }
    out += "</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace faqt::cli
