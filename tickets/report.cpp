#include "tickets/report.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "content/category.hpp"
#include "content/text.hpp"

namespace faqt {

namespace {

constexpr std::int64_t k_day = 86400;
constexpr std::size_t k_npos = static_cast<std::size_t>(-1);
constexpr const char* k_none = "(none)";

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if (a % b != 0 && (a < 0) != (b < 0)) {
        --q;
    }
    return q;
}

std::chrono::year_month_day civil(std::int64_t days) {
    return std::chrono::year_month_day{std::chrono::sys_days(std::chrono::days(days))};
}

std::int64_t days_of(int year, unsigned month, unsigned day) {
    const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
    return std::chrono::sys_days(ymd).time_since_epoch().count();
}

// Periods are numbered so that consecutive periods have consecutive numbers
// and a ticket finds its period by arithmetic, not by a search: weeks since
// the Monday 1969-12-29 (1970-01-01 was a Thursday), months as year * 12 +
// month - 1.
std::int64_t period_number(ReportPeriod period, std::int64_t seconds) {
    const std::int64_t days = floor_div(seconds, k_day);
    if (period == ReportPeriod::week) {
        return floor_div(days + 3, 7);
    }
    const auto ymd = civil(days);
    return static_cast<std::int64_t>(static_cast<int>(ymd.year())) * 12 + static_cast<unsigned>(ymd.month()) - 1;
}

std::int64_t period_start_days(ReportPeriod period, std::int64_t number) {
    if (period == ReportPeriod::week) {
        return number * 7 - 3;
    }
    return days_of(static_cast<int>(floor_div(number, 12)),
                   static_cast<unsigned>(number - floor_div(number, 12) * 12) + 1, 1);
}

// An ISO 8601 week belongs to the year its Thursday falls in, so the days
// around New Year can be in the previous year's W52/W53 or the next's W01.
std::string period_label(ReportPeriod period, std::int64_t number) {
    char buffer[64];
    if (period == ReportPeriod::week) {
        const std::int64_t thursday = period_start_days(period, number) + 3;
        const int year = static_cast<int>(civil(thursday).year());
        const int week = static_cast<int>((thursday - days_of(year, 1, 1)) / 7 + 1);
        std::snprintf(buffer, sizeof buffer, "%04d-W%02d", year, week);
    } else {
        const std::int64_t year = floor_div(number, 12);
        std::snprintf(buffer, sizeof buffer, "%04lld-%02d", static_cast<long long>(year),
                      static_cast<int>(number - year * 12 + 1));
    }
    return buffer;
}

// Nearest rank: the value at rank ceil(p * n) of the sorted values, in
// integers so that 0.9 * 10 is 9 and not a hair above it.
std::int64_t nearest_rank(std::vector<std::int64_t>& values, std::size_t percent) {
    const std::size_t n = values.size();
    const std::size_t rank = std::max<std::size_t>(1, (n * percent + 99) / 100);
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank - 1), values.end());
    return values[rank - 1];
}

DurationStats duration_stats(std::string group, std::vector<std::int64_t>& seconds) {
    DurationStats stats;
    stats.group = std::move(group);
    stats.count = seconds.size();
    if (!seconds.empty()) {
        stats.median = nearest_rank(seconds, 50);
        stats.p90 = nearest_rank(seconds, 90);
    }
    return stats;
}

// What one group gathers while the tickets are walked; backlog_change holds
// +1 where a ticket enters the backlog and -1 where it leaves, so the
// backlog of every period is one running sum and not a walk per period.
struct GroupTally {
    std::string name;
    bool mapped = true;
    std::vector<std::size_t> opened;
    std::vector<std::size_t> closed;
    std::vector<std::int64_t> backlog_change;  // one more than the periods
    std::size_t opened_total = 0;
    std::vector<std::int64_t> time_to_close;
    std::vector<std::int64_t> first_response;
    std::vector<std::int64_t> resolution_time;
};

struct PriorityTally {
    std::string name;
    std::vector<std::int64_t> time_to_close;
};

// Interned values met again and again (a category per ticket of a million)
// are mapped once.
class ValueIndex {
public:
    explicit ValueIndex(std::size_t values) : m_index(values, k_unset) {}
    template <typename Make>
    std::uint32_t get(std::uint32_t value, Make&& make) {
        if (value >= m_index.size()) {
            return make();
        }
        if (m_index[value] == k_unset) {
            m_index[value] = make();
        }
        return m_index[value];
    }

private:
    static constexpr std::uint32_t k_unset = static_cast<std::uint32_t>(-1);
    std::vector<std::uint32_t> m_index;
};

std::uint32_t dimension_value(const FoldedTicket& ticket, ReportGroupBy by) {
    switch (by) {
        case ReportGroupBy::category:
            return ticket.category;
        case ReportGroupBy::customer:
            return ticket.customer;
        case ReportGroupBy::priority:
            return ticket.priority;
        case ReportGroupBy::agent:
            return ticket.agent;
    }
    return 0;
}

const std::string& value_of(const TicketHistory& history, std::uint32_t index) {
    static const std::string empty;
    return index < history.values.size() ? history.values[index] : empty;
}

}  // namespace

const char* to_string(ReportPeriod period) {
    switch (period) {
        case ReportPeriod::week:
            return "week";
        case ReportPeriod::month:
            return "month";
    }
    return "week";
}

const char* to_string(ReportGroupBy group_by) {
    switch (group_by) {
        case ReportGroupBy::category:
            return "category";
        case ReportGroupBy::customer:
            return "customer";
        case ReportGroupBy::priority:
            return "priority";
        case ReportGroupBy::agent:
            return "agent";
    }
    return "category";
}

CategoryMap::CategoryMap(const Config& config) : m_keys(category_keys(config.categories)) {}

std::string CategoryMap::map(std::string_view value) const {
    return find_category(m_keys, value);
}

Report make_report(const TicketHistory& history, const ReportOptions& options, const CategoryMap& categories) {
    Report report;
    report.period = options.period;
    report.by = options.by;
    const auto& tickets = history.tickets;
    report.ticket_category.assign(tickets.size(), std::string());
    report.ticket_period.assign(tickets.size(), k_npos);

    // Each category value is mapped once; the ids are kept here and copied
    // out per ticket.
    std::vector<std::string> mapped_ids;
    ValueIndex category_index(history.values.size());
    auto mapped_category = [&](std::uint32_t value) -> const std::string& {
        const std::uint32_t index = category_index.get(value, [&] {
            mapped_ids.push_back(categories.map(value_of(history, value)));
            return static_cast<std::uint32_t>(mapped_ids.size() - 1);
        });
        return mapped_ids[index];
    };
    for (std::size_t i = 0; i < tickets.size(); ++i) {
        report.ticket_category[i] = mapped_category(tickets[i].category);
    }

    // The periods: from --since's (else the first creation's) to --until's
    // (else the latest creation's or close's).
    const bool has_since = options.since != k_no_time;
    const bool has_until = options.until != k_no_time;
    std::int64_t first_time = options.since;
    std::int64_t last_time = has_until ? options.until - 1 : k_no_time;
    bool any_ticket = false;
    for (const auto& ticket : tickets) {
        if (ticket.created == k_no_time) {
            continue;
        }
        any_ticket = true;
        if (!has_since && (first_time == k_no_time || ticket.created < first_time)) {
            first_time = ticket.created;
        }
        if (!has_until) {
            last_time = std::max({last_time, ticket.created, ticket.closed});
        }
    }
    std::size_t period_count = 0;
    std::int64_t first_number = 0;
    if (first_time != k_no_time && (any_ticket || has_until)) {
        if (last_time == k_no_time || (!has_until && last_time < first_time)) {
            last_time = first_time;
        }
        if (last_time >= first_time) {
            first_number = period_number(options.period, first_time);
            const std::int64_t last_number = period_number(options.period, last_time);
            period_count = static_cast<std::size_t>(last_number - first_number + 1);
        }
    }
    for (std::size_t p = 0; p < period_count; ++p) {
        const std::int64_t number = first_number + static_cast<std::int64_t>(p);
        ReportPeriodSpan span;
        span.label = period_label(options.period, number);
        span.start = period_start_days(options.period, number) * k_day;
        span.end = period_start_days(options.period, number + 1) * k_day;
        report.periods.push_back(std::move(span));
    }
    // What is counted: creations and closes within [range_start, range_end).
    const std::int64_t range_start = has_since ? options.since : period_count > 0 ? report.periods.front().start : 0;
    const std::int64_t range_end = has_until ? options.until : period_count > 0 ? report.periods.back().end : 0;
    auto period_of = [&](std::int64_t seconds) {
        return static_cast<std::size_t>(period_number(options.period, seconds) - first_number);
    };

    std::vector<GroupTally> groups;
    std::unordered_map<std::string, std::uint32_t> group_by_name;
    ValueIndex group_index(history.values.size());
    auto group_of = [&](const FoldedTicket& ticket, std::size_t i) -> GroupTally& {
        const std::uint32_t value = dimension_value(ticket, options.by);
        const std::uint32_t index = group_index.get(value, [&] {
            std::string name;
            bool mapped = true;
            if (options.by == ReportGroupBy::category) {
                name = report.ticket_category[i];
                mapped = !name.empty();
            }
            if (name.empty()) {
                name = value_of(history, value).empty() ? std::string(k_none) : value_of(history, value);
            }
            auto [it, added] = group_by_name.emplace(name, static_cast<std::uint32_t>(groups.size()));
            if (added) {
                GroupTally tally;
                tally.name = name;
                tally.mapped = mapped;
                tally.opened.assign(period_count, 0);
                tally.closed.assign(period_count, 0);
                tally.backlog_change.assign(period_count + 1, 0);
                groups.push_back(std::move(tally));
            }
            return it->second;
        });
        return groups[index];
    };
    std::vector<PriorityTally> priorities;
    std::unordered_map<std::string, std::uint32_t> priority_by_name;
    ValueIndex priority_index(history.values.size());
    auto priority_of = [&](const FoldedTicket& ticket) -> PriorityTally& {
        const std::uint32_t index = priority_index.get(ticket.priority, [&] {
            const std::string& value = value_of(history, ticket.priority);
            const std::string name = value.empty() ? std::string(k_none) : value;
            auto [it, added] = priority_by_name.emplace(name, static_cast<std::uint32_t>(priorities.size()));
            if (added) {
                priorities.push_back({name, {}});
            }
            return it->second;
        });
        return priorities[index];
    };
    std::vector<std::size_t> unmapped_counts;  // per interned category value

    for (std::size_t i = 0; i < tickets.size(); ++i) {
        const FoldedTicket& ticket = tickets[i];
        if (ticket.created == k_no_time || period_count == 0) {
            if (ticket.created != k_no_time && has_since && ticket.created < options.since) {
                ++report.before_since;
            } else if (ticket.created != k_no_time && has_until && ticket.created >= options.until) {
                ++report.after_until;
            }
            continue;
        }
        const bool before = ticket.created < range_start;
        if (!before && ticket.created >= range_end) {
            ++report.after_until;
            continue;
        }
        // A close written before the creation is taken as at the creation,
        // so that no ticket leaves the backlog before it enters it.
        const std::int64_t closed = ticket.is_closed() ? std::max(ticket.closed, ticket.created) : k_no_time;
        const bool closed_in_range = closed != k_no_time && closed >= range_start && closed < range_end;
        if (before) {
            ++report.before_since;
            // In the backlog from the first period while open at --since.
            if (ticket.closed_without_date || (closed != k_no_time && closed < range_start)) {
                continue;
            }
        }
        GroupTally& group = group_of(ticket, i);
        std::size_t enters = 0;
        if (!before) {
            enters = period_of(ticket.created);
            report.ticket_period[i] = enters;
            ++group.opened[enters];
            ++group.opened_total;
            ++report.used;
            if (ticket.first_response != k_no_time) {
                group.first_response.push_back(ticket.first_response);
            }
            if (options.by == ReportGroupBy::category && report.ticket_category[i].empty() &&
                !value_of(history, ticket.category).empty()) {
                if (unmapped_counts.size() <= ticket.category) {
                    unmapped_counts.resize(ticket.category + 1, 0);
                }
                ++unmapped_counts[ticket.category];
            }
        }
        std::size_t leaves = period_count;
        if (ticket.closed_without_date) {
            ++report.closed_without_date;
            leaves = enters + 1;
        } else if (closed_in_range) {
            leaves = period_of(closed);
            ++group.closed[leaves];
            group.time_to_close.push_back(closed - ticket.created);
            priority_of(ticket).time_to_close.push_back(closed - ticket.created);
            if (ticket.resolution_time != k_no_time) {
                group.resolution_time.push_back(ticket.resolution_time);
            }
        }
        ++group.backlog_change[enters];
        --group.backlog_change[std::max(leaves, enters)];
    }

    // Groups by tickets opened, most first, then name.
    std::vector<std::size_t> order(groups.size());
    for (std::size_t g = 0; g < order.size(); ++g) {
        order[g] = g;
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (groups[a].opened_total != groups[b].opened_total) {
            return groups[a].opened_total > groups[b].opened_total;
        }
        return groups[a].name < groups[b].name;
    });
    report.total.name = "total";
    report.total.periods.assign(period_count, PeriodCounts{});
    for (std::size_t g : order) {
        GroupTally& tally = groups[g];
        ReportGroup group;
        group.name = tally.name;
        group.mapped = tally.mapped;
        group.periods.resize(period_count);
        std::int64_t backlog = 0;
        for (std::size_t p = 0; p < period_count; ++p) {
            backlog += tally.backlog_change[p];
            PeriodCounts& counts = group.periods[p];
            counts.opened = tally.opened[p];
            counts.closed = tally.closed[p];
            counts.backlog = static_cast<std::size_t>(backlog);
            group.opened += counts.opened;
            group.closed += counts.closed;
            report.total.periods[p].opened += counts.opened;
            report.total.periods[p].closed += counts.closed;
            report.total.periods[p].backlog += counts.backlog;
        }
        group.backlog = period_count > 0 ? group.periods.back().backlog : 0;
        report.total.opened += group.opened;
        report.total.closed += group.closed;
        if (!tally.time_to_close.empty()) {
            report.time_to_close_by_group.push_back(duration_stats(tally.name, tally.time_to_close));
        }
        if (!tally.first_response.empty()) {
            report.first_response_by_group.push_back(duration_stats(tally.name, tally.first_response));
        }
        if (!tally.resolution_time.empty()) {
            report.resolution_time_by_group.push_back(duration_stats(tally.name, tally.resolution_time));
        }
        report.groups.push_back(std::move(group));
    }
    report.total.backlog = period_count > 0 ? report.total.periods.back().backlog : 0;

    for (auto& priority : priorities) {
        report.time_to_close_by_priority.push_back(duration_stats(priority.name, priority.time_to_close));
    }
    std::sort(report.time_to_close_by_priority.begin(), report.time_to_close_by_priority.end(),
              [](const DurationStats& a, const DurationStats& b) {
                  return a.count != b.count ? a.count > b.count : a.group < b.group;
              });

    // Trend: the last trend_periods against the trend_periods before; with
    // fewer than twice as many periods, the later half against the earlier
    // (an odd period count leaves the first period out).
    std::size_t span = options.trend_periods;
    if (period_count < 2 * span) {
        span = period_count / 2;
    }
    if (span > 0) {
        for (const auto& group : report.groups) {
            TrendRow row;
            row.group = group.name;
            for (std::size_t p = period_count - 2 * span; p < period_count - span; ++p) {
                row.previous += group.periods[p].opened;
            }
            for (std::size_t p = period_count - span; p < period_count; ++p) {
                row.recent += group.periods[p].opened;
            }
            if (row.recent > row.previous) {
                report.trend.push_back(std::move(row));
            }
        }
        std::stable_sort(report.trend.begin(), report.trend.end(), [](const TrendRow& a, const TrendRow& b) {
            const std::size_t rise_a = a.recent - a.previous;
            const std::size_t rise_b = b.recent - b.previous;
            return rise_a != rise_b ? rise_a > rise_b : a.group < b.group;
        });
    }

    for (std::size_t value = 0; value < unmapped_counts.size(); ++value) {
        if (unmapped_counts[value] > 0) {
            report.unmapped.push_back({history.values[value], unmapped_counts[value]});
        }
    }
    std::sort(report.unmapped.begin(), report.unmapped.end(), [](const UnmappedCategory& a, const UnmappedCategory& b) {
        return a.tickets != b.tickets ? a.tickets > b.tickets : a.value < b.value;
    });
    return report;
}

Result<std::int64_t> parse_report_day(std::string_view text, const char* option) {
    const std::string shown = strip_control(text);
    auto bad = [&](const std::string& why) {
        return Error(ErrorCode::usage, std::string(option) + " '" + shown + "' " + why,
                     std::string("write the day as YYYY-MM-DD, for example ") + option + " 2024-03-18");
    };
    auto digits = [&](std::size_t from, std::size_t count) {
        int value = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9') {
                return -1;
            }
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return bad("is not a day of the form YYYY-MM-DD");
    }
    const int year = digits(0, 4);
    const int month = digits(5, 2);
    const int day = digits(8, 2);
    if (year < 0 || month < 0 || day < 0) {
        return bad("is not a day of the form YYYY-MM-DD");
    }
    const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                          std::chrono::day(static_cast<unsigned>(day))};
    if (!ymd.ok()) {
        return bad("is not a day of the calendar");
    }
    return std::chrono::sys_days(ymd).time_since_epoch().count() * k_day;
}

}  // namespace faqt
