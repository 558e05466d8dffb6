#include "tickets/ticket_history.hpp"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <set>

#include "content/text.hpp"

namespace faqt {

namespace {

// --- zones -------------------------------------------------------------------

std::string offset_name(int minutes) {
    if (minutes == 0) {
        return "UTC";
    }
    const int magnitude = minutes < 0 ? -minutes : minutes;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "UTC%c%02d:%02d", minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
    return buffer;
}

ReportZone fixed_zone(int minutes) {
    ReportZone zone;
    zone.kind = ReportZone::Kind::fixed;
    zone.offset_minutes = minutes;
    zone.name = offset_name(minutes);
    return zone;
}

// "+01:00", "-0500", "+2", "+5:30": an offset east of UTC in minutes.
std::optional<int> read_offset(std::string_view text) {
    if (text.empty() || (text[0] != '+' && text[0] != '-')) {
        return std::nullopt;
    }
    const int sign = text[0] == '-' ? -1 : 1;
    std::string digits;
    bool colon = false;
    for (std::size_t i = 1; i < text.size(); ++i) {
        if (text[i] == ':' && !colon && !digits.empty()) {
            colon = true;
            digits += ':';
        } else if (text[i] >= '0' && text[i] <= '9') {
            digits += text[i];
        } else {
            return std::nullopt;
        }
    }
    std::string hours = digits;
    std::string minutes;
    if (const auto at = digits.find(':'); at != std::string::npos) {
        hours = digits.substr(0, at);
        minutes = digits.substr(at + 1);
        if (minutes.size() != 2) {
            return std::nullopt;
        }
    } else if (digits.size() == 4) {
        hours = digits.substr(0, 2);
        minutes = digits.substr(2);
    }
    if (hours.empty() || hours.size() > 2) {
        return std::nullopt;
    }
    const int h = std::stoi(hours);
    const int m = minutes.empty() ? 0 : std::stoi(minutes);
    if (h > 14 || m > 59) {
        return std::nullopt;
    }
    return sign * (h * 60 + m);
}

// ICU's zone of a name, made once per thread: local_from_utc runs for every
// date of an export.
const icu::TimeZone* icu_zone(const std::string& name) {
    thread_local std::string cached_name;
    thread_local std::unique_ptr<icu::TimeZone> cached;
    if (!cached || cached_name != name) {
        cached.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(name)));
        cached_name = name;
    }
    return cached.get();
}

// --- folding -----------------------------------------------------------------

// The date columns of a row, in the order of their notes.
enum Field : std::size_t { f_created, f_resolved, f_updated, f_response, k_fields };
constexpr std::array<TicketRole, k_fields> k_field_roles = {TicketRole::created, TicketRole::resolved,
                                                            TicketRole::updated, TicketRole::first_response};

// Per field, three bits of Event::flags.
constexpr std::uint16_t k_present = 1;    // a value was written (not missing)
constexpr std::uint16_t k_ambiguous = 2;  // "03/04/2024": the column's order decides at the end
constexpr std::uint16_t k_zoned = 4;      // written with a zone: seconds are UTC
constexpr std::uint16_t k_response_is_duration = 1U << 15;

constexpr std::uint16_t flag(Field field, std::uint16_t bit) {
    return static_cast<std::uint16_t>(bit << (field * 3));
}

// One row, as little as the walk needs: its times as read (before the
// column's day/month order and the report's zone are known) and its
// interned values. The text of a row is not kept: gather_ticket_texts()
// reads it again for the few tickets that need it.
struct Event {
    std::uint32_t ticket = 0;
    std::uint32_t status = 0;
    std::uint32_t category = 0;
    std::uint32_t priority = 0;
    std::uint32_t customer = 0;
    std::uint32_t agent = 0;
    std::array<std::int64_t, k_fields> times = {k_no_time, k_no_time, k_no_time, k_no_time};
    std::int64_t resolution = k_no_time;
    std::uint16_t flags = 0;

    bool has(Field field, std::uint16_t bit) const { return (flags & flag(field, bit)) != 0; }
};

// Repeated values (statuses, categories, agents) stored once.
class Interner {
public:
    explicit Interner(std::vector<std::string>& values) : m_values(values) {
        m_values.assign(1, std::string());
        m_index.emplace(std::string(), 0);
    }

    std::uint32_t operator()(std::string_view value) {
        if (value.empty()) {
            return 0;
        }
        if (auto it = m_index.find(value); it != m_index.end()) {
            return it->second;
        }
        const auto index = static_cast<std::uint32_t>(m_values.size());
        m_values.emplace_back(value);
        m_index.emplace(std::string(value), index);
        return index;
    }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    std::vector<std::string>& m_values;
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> m_index;
};

// The tickets by number, without a second copy of each number: an open
// addressing table of (a tag of the number's hash, the ticket's index), so
// a lookup touches one slot and the ticket it names. A node-based map was a
// third of the fold's time on a million rows (a cache miss per node, and
// freeing a million nodes).
class TicketIndex {
public:
    explicit TicketIndex(const std::vector<FoldedTicket>& tickets) : m_tickets(tickets), m_slots(1024, 0) {}
    TicketIndex(const TicketIndex&) = delete;
    TicketIndex& operator=(const TicketIndex&) = delete;

    static std::uint64_t hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

    std::optional<std::uint32_t> find(std::string_view id, std::uint64_t hash) const {
        const std::uint64_t mask = m_slots.size() - 1;
        for (std::uint64_t slot = hash & mask;; slot = (slot + 1) & mask) {
            const std::uint64_t entry = m_slots[slot];
            if (entry == 0) {
                return std::nullopt;
            }
            const auto index = static_cast<std::uint32_t>(entry) - 1;
            if ((entry >> 32) == tag(hash) && m_tickets[index].id == id) {
                return index;
            }
        }
    }

    void insert(std::uint32_t index, std::uint64_t hash) {
        if ((m_used + 1) * 2 > m_slots.size()) {
            grow();
        }
        place(index, hash);
        ++m_used;
    }

private:
    static std::uint64_t tag(std::uint64_t hash) { return hash >> 32; }

    void place(std::uint32_t index, std::uint64_t hash) {
        const std::uint64_t mask = m_slots.size() - 1;
        std::uint64_t slot = hash & mask;
        while (m_slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        m_slots[slot] = tag(hash) << 32 | (static_cast<std::uint64_t>(index) + 1);
    }

    void grow() {
        std::vector<std::uint64_t> old(m_slots.size() * 2, 0);
        old.swap(m_slots);
        for (const std::uint64_t entry : old) {
            if (entry != 0) {
                const auto index = static_cast<std::uint32_t>(entry) - 1;
                place(index, hash(m_tickets[index].id));
            }
        }
    }

    const std::vector<FoldedTicket>& m_tickets;
    std::vector<std::uint64_t> m_slots;  // 0 = empty; a power of two long, at most half full
    std::size_t m_used = 0;
};

// What a date column has seen so far.
struct ColumnState {
    bool present = false;  // the export has the column
    std::string name;
    DateOrderVotes votes;
    std::size_t read = 0;
    std::size_t unreadable = 0;
    std::size_t ambiguous = 0;  // read both ways, waiting for the column's order
    std::string unreadable_example;
    std::string ambiguous_example;
    std::size_t plain_numbers = 0;  // durations with no unit
    std::string plain_example;
};

void count_vote(DateOrderVotes& votes, OrderVote vote, std::string_view value) {
    switch (vote) {
        case OrderVote::day_first:
            if (votes.day_first++ == 0) {
                votes.day_first_example = trim(value);
            }
            break;
        case OrderVote::month_first:
            if (votes.month_first++ == 0) {
                votes.month_first_example = trim(value);
            }
            break;
        case OrderVote::either:
            ++votes.either;
            break;
        case OrderVote::none:
            break;
    }
}

void note_unreadable(ColumnState& column, std::string_view value) {
    if (column.unreadable++ == 0) {
        column.unreadable_example = trim(value);
    }
}

struct Folder {
    const HistoryOptions& options;
    TicketHistory& history;
    std::string path;
    const DateFormat* format = nullptr;
    bool has_id = false;
    bool has_created = false;

    Interner intern{history.values};
    TicketIndex index{history.tickets};
    std::vector<Event> events;
    std::array<ColumnState, k_fields> columns;
    ColumnState resolution_column;
    DurationUnit response_unit = DurationUnit::none;
    DurationUnit resolution_unit = DurationUnit::none;
    // The month-first reading of an ambiguous value read before its
    // column's order was known (the day-first one is in the event), by
    // event index * k_fields + field.
    std::unordered_map<std::uint64_t, std::int64_t> month_first;
    std::map<int, std::size_t> offsets;  // zoned values per offset
    std::vector<Diagnostic> skip_warnings;
    std::vector<bool> is_status;  // per interned value: some row's status

    Folder(const HistoryOptions& o, TicketHistory& h) : options(o), history(h) {}

    void skip(std::size_t line, const std::string& reason, std::string message, std::string hint) {
        ++history.skipped[reason];
        if (skip_warnings.size() < k_max_kept_warnings) {
            skip_warnings.push_back(
                {path, static_cast<int>(line), 0, Severity::warning, std::move(message), std::move(hint)});
        } else {
            ++history.warnings_not_kept;
        }
    }

    void read_time(Event& event, Field field, std::string_view value) {
        if (is_missing_date(value)) {
            return;
        }
        ColumnState& column = columns[field];
        event.flags |= flag(field, k_present);
        std::optional<WrittenTime> time;
        if (format != nullptr) {
            time = read_ticket_time(value, DayMonthOrder::unknown, format);
        } else {
            const OrderVote vote = order_vote(value);
            count_vote(column.votes, vote, value);
            if (vote == OrderVote::either) {
                // Read it the way the column leans so far; while it leans
                // neither way keep both readings, for the end to choose.
                const DayMonthOrder leaning = column.votes.decided();
                time = read_ticket_time(value, leaning == DayMonthOrder::unknown ? DayMonthOrder::day_first : leaning);
                if (time) {
                    event.flags |= flag(field, k_ambiguous);
                    if (column.ambiguous++ == 0) {
                        column.ambiguous_example = trim(value);
                    }
                    if (leaning == DayMonthOrder::unknown) {
                        if (auto other = read_ticket_time(value, DayMonthOrder::month_first)) {
                            month_first[(events.size()) * k_fields + field] = other->seconds;
                        }
                    }
                }
            } else {
                time = read_ticket_time(value, DayMonthOrder::unknown);
            }
        }
        if (!time) {
            note_unreadable(column, value);
            return;
        }
        if (!event.has(field, k_ambiguous)) {
            ++column.read;
        }
        event.times[field] = time->seconds;
        if (time->offset_minutes) {
            event.flags |= flag(field, k_zoned);
            ++offsets[*time->offset_minutes];
        }
    }

    // A first response: a duration in a column whose name gives a unit or
    // in a form that carries one, else a date.
    void read_response(Event& event, std::string_view value) {
        if (is_missing_date(value)) {
            return;
        }
        if (auto seconds = parse_duration(value, response_unit)) {
            event.flags |= flag(f_response, k_present) | k_response_is_duration;
            event.times[f_response] = *seconds;
            ++columns[f_response].read;
            return;
        }
        if (is_plain_number(value)) {
            event.flags |= flag(f_response, k_present);
            ColumnState& column = columns[f_response];
            note_unreadable(column, value);
            if (column.plain_numbers++ == 0) {
                column.plain_example = trim(value);
            }
            return;
        }
        read_time(event, f_response, value);
    }

    void read_resolution(Event& event, std::string_view value) {
        if (is_missing_date(value)) {
            return;
        }
        if (auto seconds = parse_duration(value, resolution_unit)) {
            event.resolution = *seconds;
            ++resolution_column.read;
            return;
        }
        note_unreadable(resolution_column, value);
        if (is_plain_number(value) && resolution_column.plain_numbers++ == 0) {
            resolution_column.plain_example = trim(value);
        }
    }

    void add(TicketRecord& record) {
        ++history.rows;
        const Ticket& text = record.ticket;
        std::uint32_t number = 0;
        if (has_id) {
            if (text.id.empty()) {
                skip(text.line, "no ticket number", "row has no ticket number; skipped",
                     "every row of an export with a ticket number column needs its number");
                return;
            }
            const std::uint64_t hash = TicketIndex::hash(text.id);
            if (auto found = index.find(text.id, hash)) {
                number = *found;
                ++history.rows_folded;
                ++history.tickets[number].rows;
            } else {
                number = static_cast<std::uint32_t>(history.tickets.size());
                history.tickets.emplace_back();
                history.tickets.back().id = text.id;
                history.tickets.back().line = text.line;
                index.insert(number, hash);
            }
        } else {
            number = static_cast<std::uint32_t>(history.tickets.size());
            history.tickets.emplace_back();
            history.tickets.back().line = text.line;
        }
        FoldedTicket& ticket = history.tickets[number];
        ticket.has_text = ticket.has_text || !text.subject.empty() || !text.body.empty();

        Event event;
        event.ticket = number;
        event.status = intern(record.status);
        if (event.status != 0) {
            if (is_status.size() <= event.status) {
                is_status.resize(history.values.size(), false);
            }
            is_status[event.status] = true;
        }
        event.category = intern(text.category);
        event.priority = intern(record.priority);
        event.customer = intern(record.customer);
        event.agent = intern(record.agent);
        read_time(event, f_created, record.created);
        read_time(event, f_resolved, record.closed);
        read_time(event, f_updated, record.updated);
        read_response(event, record.first_response);
        read_resolution(event, record.resolution_time);
        events.push_back(event);
    }

    // --- the end: orders, zone, then each ticket's rows in time order ------

    std::array<DayMonthOrder, k_fields> orders{};
    ReportZone zone;
    std::vector<std::int8_t> closing;  // per interned value: -1 not yet known
    std::set<std::string> closing_keys;

    bool is_closing(std::uint32_t status) {
        if (closing.size() <= status) {
            closing.resize(history.values.size(), -1);
        }
        if (closing[status] < 0) {
            closing[status] = closing_keys.count(status_key(history.values[status])) > 0 ? 1 : 0;
        }
        return closing[status] == 1;
    }

    // A field of an event in the report's zone, or k_no_time.
    std::int64_t resolve(std::size_t event_index, Field field) const {
        const Event& event = events[event_index];
        std::int64_t seconds = event.times[field];
        if (seconds == k_no_time) {
            return k_no_time;
        }
        if (field == f_response && (event.flags & k_response_is_duration) != 0) {
            return seconds;
        }
        if (event.has(field, k_ambiguous)) {
            const DayMonthOrder order = orders[field];
            if (order == DayMonthOrder::unknown) {
                return k_no_time;
            }
            if (order == DayMonthOrder::month_first) {
                if (auto it = month_first.find(event_index * k_fields + field); it != month_first.end()) {
                    seconds = it->second;
                }
            }
        }
        return event.has(field, k_zoned) ? zone.local_from_utc(seconds) : seconds;
    }

    void settle() {
        for (std::size_t field = 0; field < k_fields; ++field) {
            ColumnState& column = columns[field];
            const bool decided =
                format == nullptr && !column.votes.conflicting() && column.votes.decided() != DayMonthOrder::unknown;
            orders[field] = decided ? column.votes.decided() : DayMonthOrder::unknown;
            if (decided) {
                column.read += column.ambiguous;
            } else if (column.ambiguous > 0) {
                if (column.unreadable == 0) {
                    column.unreadable_example = column.ambiguous_example;
                }
                column.unreadable += column.ambiguous;
            }
        }
        if (options.zone) {
            zone = *options.zone;
        } else if (!offsets.empty()) {
            auto most = offsets.begin();
            for (auto it = offsets.begin(); it != offsets.end(); ++it) {
                most = it->second > most->second ? it : most;
            }
            zone = fixed_zone(most->first);
        }
        history.zone = zone;
    }

    void choose_closed_statuses(const PresetInfo& preset) {
        if (!options.closed_statuses.empty()) {
            history.closed_statuses = options.closed_statuses;
            history.closed_statuses_from = "[tickets] closed";
        } else if (!preset.closed.empty()) {
            history.closed_statuses = preset.closed;
            history.closed_statuses_from = "the " + preset.display + " preset";
        } else {
            history.closed_statuses = common_closed_statuses();
            history.closed_statuses_from = "common names";
        }
        for (const auto& status : history.closed_statuses) {
            closing_keys.insert(status_key(status));
        }
    }

    // Walks one ticket's rows in time order; false when it cannot be placed
    // in time (then it is skipped).
    bool walk(FoldedTicket& ticket, std::vector<std::size_t>& rows, std::vector<std::int64_t>& updated) {
        updated.resize(rows.size());
        bool all_updated = true;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            updated[i] = resolve(rows[i], f_updated);
            all_updated = all_updated && updated[i] != k_no_time;
        }
        if (all_updated && rows.size() > 1) {
            std::vector<std::size_t> order(rows.size());
            for (std::size_t i = 0; i < order.size(); ++i) {
                order[i] = i;
            }
            std::stable_sort(order.begin(), order.end(),
                             [&](std::size_t a, std::size_t b) { return updated[a] < updated[b]; });
            std::vector<std::size_t> sorted_rows(rows.size());
            std::vector<std::int64_t> sorted_updated(rows.size());
            for (std::size_t i = 0; i < order.size(); ++i) {
                sorted_rows[i] = rows[order[i]];
                sorted_updated[i] = updated[order[i]];
            }
            rows.swap(sorted_rows);
            updated.swap(sorted_updated);
        }

        bool created_written = false;
        std::int64_t created = k_no_time;
        std::int64_t response = k_no_time;
        bool response_is_duration = false;
        std::int64_t last_resolved = k_no_time;
        bool closed_now = false;
        std::int64_t closed_at = k_no_time;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const Event& event = events[rows[i]];
            created_written = created_written || event.has(f_created, k_present);
            if (const std::int64_t t = resolve(rows[i], f_created); t != k_no_time) {
                created = created == k_no_time ? t : std::min(created, t);
            }
            // The last state: a value left empty on a later row keeps the earlier one.
            for (auto [value, kept] :
                 {std::pair{event.category, &ticket.category}, std::pair{event.priority, &ticket.priority},
                  std::pair{event.customer, &ticket.customer}, std::pair{event.agent, &ticket.agent}}) {
                if (value != 0) {
                    *kept = value;
                }
            }
            if (event.resolution != k_no_time) {
                ticket.resolution_time = event.resolution;
            }
            if (const std::int64_t t = resolve(rows[i], f_response); t != k_no_time) {
                response = t;
                response_is_duration = (event.flags & k_response_is_duration) != 0;
            }
            const std::int64_t resolved = resolve(rows[i], f_resolved);
            if (resolved != k_no_time) {
                last_resolved = resolved;
            }
            if (event.status != 0) {
                const bool closes = is_closing(event.status);
                if (closes && !closed_now) {
                    closed_at = resolved != k_no_time ? resolved : updated[i];
                } else if (!closes && closed_now) {
                    ++ticket.reopened;
                }
                closed_now = closes;
                ticket.status = event.status;
            }
        }
        if (created == k_no_time) {
            const std::string reason = created_written ? "unreadable creation date" : "no creation date";
            std::string hint;
            if (created_written) {
                hint = "give the dates' form with --date-format, such as --date-format '%d.%m.%Y %H:%M'";
            } else if (!has_created) {
                hint = "no column of the export is the creation date; name it in [tickets] created of faqt.toml";
            }
            skip(ticket.line, reason,
                 (ticket.id.empty() ? std::string("ticket") : "ticket " + ticket.id) + " has " +
                     (created_written ? "a creation date that does not read" : "no creation date") + "; skipped",
                 std::move(hint));
            return false;
        }
        ticket.created = created;
        if (ticket.status == 0) {
            // No status to go by (no column, or none on this ticket's rows):
            // a resolved date closes it.
            closed_now = last_resolved != k_no_time;
            closed_at = last_resolved;
        }
        ticket.closed = closed_now ? closed_at : k_no_time;
        ticket.closed_without_date = closed_now && closed_at == k_no_time;
        if (response != k_no_time) {
            const std::int64_t seconds = response_is_duration ? response : response - created;
            ticket.first_response = seconds >= 0 ? seconds : k_no_time;
        }
        return true;
    }

    void fold_all() {
        const std::size_t count = history.tickets.size();
        // The rows of each ticket together, in file order: a counting sort
        // by ticket.
        std::vector<std::uint32_t> start(count + 1, 0);
        for (const Event& event : events) {
            ++start[event.ticket + 1];
        }
        for (std::size_t i = 0; i < count; ++i) {
            start[i + 1] += start[i];
        }
        std::vector<std::uint32_t> by_ticket(events.size());
        {
            std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
            for (std::size_t i = 0; i < events.size(); ++i) {
                by_ticket[next[events[i].ticket]++] = static_cast<std::uint32_t>(i);
            }
        }
        std::vector<std::size_t> rows;
        std::vector<std::int64_t> updated;
        std::size_t kept = 0;
        for (std::size_t t = 0; t < count; ++t) {
            rows.assign(by_ticket.begin() + start[t], by_ticket.begin() + start[t + 1]);
            FoldedTicket& ticket = history.tickets[t];
            if (!walk(ticket, rows, updated)) {
                continue;
            }
            if (kept != t) {
                history.tickets[kept] = std::move(ticket);
            }
            ++kept;
        }
        // The events go first: a copy of the tickets next to them was the
        // fold's peak of memory.
        std::vector<Event>().swap(events);
        std::vector<std::uint32_t>().swap(by_ticket);
        history.tickets.resize(kept);
        if (history.tickets.capacity() - kept > kept / 4) {
            history.tickets.shrink_to_fit();
        }
    }

    void count_statuses() {
        std::unordered_map<std::uint32_t, std::size_t> counts;
        for (const auto& ticket : history.tickets) {
            if (ticket.status != 0) {
                ++counts[ticket.status];
            }
        }
        for (const auto& [status, n] : counts) {
            history.statuses.emplace_back(history.values[status], n);
        }
        std::sort(history.statuses.begin(), history.statuses.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
    }

    void note_columns(const ColumnPlan& plan, const std::vector<std::string>& header) {
        static constexpr std::array<const char*, k_fields> k_role_names = {"created", "resolved", "updated",
                                                                           "first_response"};
        for (std::size_t field = 0; field < k_fields; ++field) {
            const ColumnState& column = columns[field];
            if (!plan.has(k_field_roles[field])) {
                continue;
            }
            DateColumnNote note;
            note.role = k_role_names[field];
            note.column = header[plan[k_field_roles[field]].front()];
            note.order = orders[field];
            note.conflicting = format == nullptr && column.votes.conflicting();
            if (format == nullptr && !note.conflicting) {
                note.order_example = note.order == DayMonthOrder::day_first     ? column.votes.day_first_example
                                     : note.order == DayMonthOrder::month_first ? column.votes.month_first_example
                                                                                : std::string();
            }
            note.read = column.read;
            note.unreadable = column.unreadable;
            note.unreadable_example = column.unreadable_example;
            history.dates.push_back(std::move(note));
        }
        if (plan.has(TicketRole::resolution_time)) {
            DateColumnNote note;
            note.role = "resolution_time";
            note.column = header[plan[TicketRole::resolution_time].front()];
            note.read = resolution_column.read;
            note.unreadable = resolution_column.unreadable;
            note.unreadable_example = resolution_column.unreadable_example;
            history.dates.push_back(std::move(note));
        }
    }

    void warn(std::string message, std::string hint) {
        history.warnings.push_back({path, 0, 0, Severity::warning, std::move(message), std::move(hint)});
    }

    void general_warnings(const ColumnPlan& plan, const std::vector<std::string>& header) {
        for (std::size_t field = 0; field < k_fields; ++field) {
            const ColumnState& column = columns[field];
            if (format == nullptr && column.votes.conflicting() && column.ambiguous > 0) {
                warn("column '" + header[plan[k_field_roles[field]].front()] + "' writes dates day-first ('" +
                         column.votes.day_first_example + "') and month-first ('" + column.votes.month_first_example +
                         "'); " + std::to_string(column.ambiguous) + " dates that could be either were not read",
                     "give the order with --date-format, such as --date-format '%d/%m/%Y %H:%M'");
            }
        }
        const auto plain = [&](const ColumnState& column, TicketRole role) {
            if (column.plain_numbers > 0) {
                warn("column '" + header[plan[role].front()] + "' holds numbers with no unit (such as '" +
                         column.plain_example + "'); " + std::to_string(column.plain_numbers) + " not read",
                     "a duration reads as '2h 30m', '1d 4h', 'HH:MM', or a number in a column whose name gives its "
                     "unit ('... in minutes', '(in hrs)')");
            }
        };
        plain(columns[f_response], TicketRole::first_response);
        plain(resolution_column, TicketRole::resolution_time);

        if (!history.has_status || columns[f_resolved].read == 0) {
            return;
        }
        for (std::size_t value = 0; value < is_status.size(); ++value) {
            if (is_status[value] && is_closing(static_cast<std::uint32_t>(value))) {
                return;
            }
        }
        std::string seen;
        for (std::size_t i = 0; i < history.statuses.size() && i < 10; ++i) {
            seen += seen.empty() ? "" : ", ";
            seen += "'" + history.statuses[i].first + "'";
        }
        warn("no status of the export means closed (it has " + (seen.empty() ? std::string("none") : seen) +
                 "; closing statuses from " + history.closed_statuses_from + "), so every ticket counts as open",
             "name the statuses that mean closed in [tickets] closed of faqt.toml or with --closed");
    }
};

}  // namespace

std::int64_t ReportZone::local_from_utc(std::int64_t utc_seconds) const {
    switch (kind) {
        case Kind::as_written:
            return utc_seconds;
        case Kind::fixed:
            return utc_seconds + static_cast<std::int64_t>(offset_minutes) * 60;
        case Kind::named:
            break;
    }
    const icu::TimeZone* zone = icu_zone(name);
    if (zone == nullptr) {
        return utc_seconds;
    }
    int32_t raw = 0;
    int32_t dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    zone->getOffset(static_cast<UDate>(utc_seconds) * 1000.0, false, raw, dst, status);
    if (U_FAILURE(status)) {
        return utc_seconds;
    }
    return utc_seconds + (static_cast<std::int64_t>(raw) + dst) / 1000;
}

std::string ReportZone::describe() const {
    switch (kind) {
        case Kind::as_written:
            return "the export's own clock";
        case Kind::fixed:
            return name.empty() ? offset_name(offset_minutes) : name;
        case Kind::named:
            break;
    }
    return name;
}

Result<ReportZone> parse_report_zone(std::string_view text) {
    const std::string trimmed = trim(text);
    const std::string folded = ascii_lower(trimmed);
    if (folded == "utc" || folded == "z" || folded == "gmt") {
        return fixed_zone(0);
    }
    std::string_view offset = trimmed;
    if (folded.rfind("utc", 0) == 0 || folded.rfind("gmt", 0) == 0) {
        offset.remove_prefix(3);
    }
    if (!offset.empty() && (offset[0] == '+' || offset[0] == '-')) {
        if (auto minutes = read_offset(offset)) {
            return fixed_zone(*minutes);
        }
        return Error(ErrorCode::usage, "'" + trimmed + "' is not a time zone offset",
                     "write an offset such as +01:00, -0500 or UTC+2");
    }
    const auto hint =
        "give an IANA zone name such as Europe/Warsaw or America/New_York, an offset such as +01:00, "
        "or UTC";
    if (trimmed.empty()) {
        return Error(ErrorCode::usage, "an empty time zone", hint);
    }
    std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(trimmed)));
    icu::UnicodeString id;
    if (zone) {
        zone->getID(id);
    }
    std::string id_text;
    id.toUTF8String(id_text);
    if (!zone || id_text == "Etc/Unknown") {
        return Error(ErrorCode::usage, "unknown time zone '" + trimmed + "'", hint);
    }
    ReportZone result;
    result.kind = ReportZone::Kind::named;
    result.name = id_text;
    return result;
}

Result<TicketHistory> fold_tickets(TicketSource& source, const HistoryOptions& options) {
    TicketHistory history;
    Folder folder(options, history);
    folder.path = source.display_path();
    if (options.date_format && options.date_format->valid) {
        folder.format = &*options.date_format;
    }
    const ColumnPlan& plan = source.columns();
    const std::vector<std::string>& header = source.header();
    folder.has_id = plan.has(TicketRole::id);
    folder.has_created = plan.has(TicketRole::created);
    history.has_status = plan.has(TicketRole::status);
    history.has_updated = plan.has(TicketRole::updated);
    if (plan.has(TicketRole::first_response)) {
        folder.response_unit = duration_unit_in_name(header[plan[TicketRole::first_response].front()]);
    }
    if (plan.has(TicketRole::resolution_time)) {
        folder.resolution_unit = duration_unit_in_name(header[plan[TicketRole::resolution_time].front()]);
    }
    folder.choose_closed_statuses(source.preset());

    TicketRecord record;
    while (source.next(record)) {
        folder.add(record);
    }
    if (source.failed()) {
        return source.error();
    }
    folder.settle();
    folder.fold_all();
    folder.count_statuses();
    folder.note_columns(plan, header);
    folder.general_warnings(plan, header);

    std::stable_sort(folder.skip_warnings.begin(), folder.skip_warnings.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
    for (auto& warning : folder.skip_warnings) {
        if (history.warnings.size() < k_max_kept_warnings) {
            history.warnings.push_back(std::move(warning));
        } else {
            ++history.warnings_not_kept;
        }
    }
    return history;
}

std::string ticket_key(const FoldedTicket& ticket) {
    return ticket.id.empty() ? "#" + std::to_string(ticket.line) : ticket.id;
}

Result<std::unordered_map<std::string, Ticket>> gather_ticket_texts(
    TicketSource& source, const std::unordered_map<std::string, std::size_t>& keys) {
    std::unordered_map<std::string, Ticket> texts;
    const bool has_id = source.columns().has(TicketRole::id);
    TicketRecord record;
    std::string key;
    while (source.next(record)) {
        Ticket& row = record.ticket;
        if (has_id) {
            if (row.id.empty()) {
                continue;
            }
            key = row.id;
        } else {
            key = "#" + std::to_string(row.line);
        }
        if (keys.find(key) == keys.end()) {
            continue;
        }
        auto [it, added] = texts.try_emplace(key);
        Ticket& ticket = it->second;
        if (added) {
            ticket.id = row.id;
            ticket.line = row.line;
        }
        // The last non-empty value of each: a later row's edit wins.
        for (auto [value, kept] :
             {std::pair{&row.subject, &ticket.subject}, std::pair{&row.body, &ticket.body},
              std::pair{&row.category, &ticket.category}, std::pair{&row.product, &ticket.product},
              std::pair{&row.version, &ticket.version}, std::pair{&row.from_name, &ticket.from_name},
              std::pair{&row.from_address, &ticket.from_address}}) {
            if (!value->empty()) {
                *kept = std::move(*value);
            }
        }
    }
    if (source.failed()) {
        return source.error();
    }
    return texts;
}

}  // namespace faqt
