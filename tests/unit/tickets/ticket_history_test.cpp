#include "tickets/ticket_history.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using faqt::FoldedTicket;
using faqt::HistoryOptions;
using faqt::k_no_time;
using faqt::ReportZone;
using faqt::TicketHistory;

namespace {

// A temporary file that removes itself.
class TempFile {
public:
    explicit TempFile(const std::string& bytes, const std::string& suffix = ".csv") {
        static int counter = 0;
        m_path = std::filesystem::temp_directory_path() /
                 ("faqt-history-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + suffix);
        std::ofstream(m_path, std::ios::binary) << bytes;
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() { std::filesystem::remove(m_path); }
    std::string path() const { return m_path.string(); }

private:
    std::filesystem::path m_path;
};

TicketHistory fold(const std::string& csv, const HistoryOptions& options = {}, const faqt::ReaderOptions& reader = {}) {
    TempFile file(csv);
    faqt::ReaderOptions with_name = reader;
    with_name.display_path = "export.csv";
    auto source = faqt::open_tickets(file.path(), with_name);
    if (!source) {
        FAIL("open_tickets: " << source.error().message);
    }
    auto history = faqt::fold_tickets(*source, options);
    if (!history) {
        FAIL("fold_tickets: " << history.error().message);
    }
    return std::move(*history);
}

std::string when(std::int64_t seconds) {
    return seconds == k_no_time ? "none" : faqt::format_ticket_time(seconds);
}

const FoldedTicket& ticket(const TicketHistory& history, const std::string& id) {
    for (const auto& t : history.tickets) {
        if (t.id == id) {
            return t;
        }
    }
    FAIL("no ticket " << id);
    return history.tickets.front();
}

const faqt::DateColumnNote& note(const TicketHistory& history, const std::string& role) {
    for (const auto& n : history.dates) {
        if (n.role == role) {
            return n;
        }
    }
    FAIL("no note for " << role);
    return history.dates.front();
}

bool warns(const TicketHistory& history, const std::string& part, int line = -1) {
    for (const auto& w : history.warnings) {
        if (w.message.find(part) != std::string::npos && (line < 0 || w.line == line)) {
            return true;
        }
    }
    return false;
}

}  // namespace

TEST_CASE("a snapshot is a ticket per row, in file order", "[tickets][history]") {
    const auto history = fold(
        "ID,Subject,Created,Resolved,Status,Category,Priority\n"
        "T-1,VPN drops,2024-03-04 09:00,2024-03-05 10:30,Closed,VPN,High\n"
        "T-2,Printer jam,2024-03-04 11:00,,Open,Printing,Low\n"
        "T-3,,2024-03-06 08:00,2024-03-06 09:00,Resolved,VPN,High\n");
    REQUIRE(history.tickets.size() == 3);
    CHECK(history.rows == 3);
    CHECK(history.rows_folded == 0);
    CHECK(history.tickets[0].id == "T-1");
    CHECK(history.tickets[2].id == "T-3");
    CHECK(history.tickets[1].line == 3);

    const auto& vpn = ticket(history, "T-1");
    CHECK(when(vpn.created) == "2024-03-04 09:00");
    CHECK(when(vpn.closed) == "2024-03-05 10:30");
    CHECK(history.value(vpn.status) == "Closed");
    CHECK(history.value(vpn.category) == "VPN");
    CHECK(vpn.has_text);
    CHECK_FALSE(ticket(history, "T-2").is_closed());
    CHECK(ticket(history, "T-3").is_closed());
    CHECK_FALSE(ticket(history, "T-3").has_text);

    CHECK(history.has_status);
    CHECK_FALSE(history.has_updated);
    CHECK(history.closed_statuses_from == "common names");
    REQUIRE(history.statuses.size() == 3);
    CHECK(history.statuses[0].second == 1);
    CHECK(history.zone.kind == ReportZone::Kind::as_written);
    CHECK(history.warnings.empty());
}

TEST_CASE("repeated values are interned once", "[tickets][history]") {
    const auto history = fold(
        "ID,Created,Status,Category,Priority,Agent\n"
        "1,2024-03-04,Open,VPN,High,Ana\n"
        "2,2024-03-04,Open,VPN,High,Ana\n"
        "3,2024-03-04,Closed,Mail,High,Ben\n");
    REQUIRE(history.tickets.size() == 3);
    CHECK(history.values[0].empty());
    // "", Open, VPN, High, Ana, Closed, Mail, Ben
    CHECK(history.values.size() == 8);
    CHECK(history.tickets[0].category == history.tickets[1].category);
    CHECK(history.tickets[0].agent == history.tickets[1].agent);
    CHECK(history.tickets[0].category != history.tickets[2].category);
    CHECK(history.tickets[0].priority == history.tickets[2].priority);
    CHECK(history.value(history.tickets[2].agent) == "Ben");
}

TEST_CASE("an event log folds rows of one number into a ticket, in time order", "[tickets][history]") {
    const std::string in_order =
        "Ticket,Created,Updated,Status,Category,Agent,Resolved\n"
        "A,2024-03-04 09:00,2024-03-04 09:00,New,VPN,,\n"
        "B,2024-03-05 10:00,2024-03-05 10:00,New,Mail,,\n"
        "A,2024-03-04 09:00,2024-03-04 12:00,In progress,,Ana,\n"
        "A,2024-03-04 09:00,2024-03-06 15:00,Resolved,,,2024-03-06 14:45\n"
        "A,2024-03-04 09:00,2024-03-09 15:00,Closed,,,\n";
    // The same rows, newest first, as some systems export their history.
    const std::string reversed =
        "Ticket,Created,Updated,Status,Category,Agent,Resolved\n"
        "A,2024-03-04 09:00,2024-03-09 15:00,Closed,,,\n"
        "A,2024-03-04 09:00,2024-03-06 15:00,Resolved,,,2024-03-06 14:45\n"
        "A,2024-03-04 09:00,2024-03-04 12:00,In progress,,Ana,\n"
        "B,2024-03-05 10:00,2024-03-05 10:00,New,Mail,,\n"
        "A,2024-03-04 09:00,2024-03-04 09:00,New,VPN,,\n";
    for (const auto* csv : {&in_order, &reversed}) {
        const auto history = fold(*csv);
        REQUIRE(history.tickets.size() == 2);
        CHECK(history.rows == 5);
        CHECK(history.rows_folded == 3);
        CHECK(history.has_updated);
        const auto& a = ticket(history, "A");
        CHECK(a.rows == 4);
        CHECK(when(a.created) == "2024-03-04 09:00");
        // Closed at the transition into a closing status (Resolved), at
        // that row's resolved date; Resolved -> Closed is no new transition.
        CHECK(when(a.closed) == "2024-03-06 14:45");
        CHECK(a.reopened == 0);
        CHECK(history.value(a.status) == "Closed");
        // Values left empty on later rows keep the earlier ones.
        CHECK(history.value(a.category) == "VPN");
        CHECK(history.value(a.agent) == "Ana");
        CHECK_FALSE(ticket(history, "B").is_closed());
    }
    // The line is the one of the ticket's first row in the file.
    CHECK(ticket(fold(reversed), "A").line == 2);
}

TEST_CASE("reopened tickets count their reopenings and close at the last transition", "[tickets][history]") {
    const auto history = fold(
        "Ticket,Created,Updated,Status\n"
        "A,2024-03-04 09:00,2024-03-04 09:00,Open\n"
        "A,2024-03-04 09:00,2024-03-05 09:00,Closed\n"
        "A,2024-03-04 09:00,2024-03-06 09:00,Reopened\n"
        "A,2024-03-04 09:00,2024-03-07 09:00,Closed\n"
        "B,2024-03-04 10:00,2024-03-04 10:00,Open\n"
        "B,2024-03-04 10:00,2024-03-05 10:00,Closed\n"
        "B,2024-03-04 10:00,2024-03-08 10:00,Open\n"
        "C,2024-03-04 11:00,2024-03-05 11:00,Closed\n"
        "C,2024-03-04 11:00,2024-03-05 12:00,\n");
    const auto& a = ticket(history, "A");
    CHECK(a.reopened == 1);
    CHECK(when(a.closed) == "2024-03-07 09:00");  // no resolved column: the row's updated time
    const auto& b = ticket(history, "B");
    CHECK(b.reopened == 1);
    CHECK_FALSE(b.is_closed());  // its last status does not close it
    CHECK(history.value(b.status) == "Open");
    // An empty status on a later row keeps the earlier one.
    const auto& c = ticket(history, "C");
    CHECK(c.is_closed());
    CHECK(history.value(c.status) == "Closed");
}

TEST_CASE("rows with updated times that do not read stay in file order", "[tickets][history]") {
    const auto history = fold(
        "Ticket,Created,Updated,Status\n"
        "A,2024-03-04 09:00,2024-03-06 09:00,Closed\n"
        "A,2024-03-04 09:00,?,Open\n");
    const auto& a = ticket(history, "A");
    CHECK_FALSE(a.is_closed());
    CHECK(a.reopened == 1);
}

TEST_CASE("a closing row with no date: closed without a date", "[tickets][history]") {
    const auto history = fold(
        "ID,Created,Status\n"
        "1,2024-03-04,Closed\n");
    const auto& t = history.tickets.at(0);
    CHECK_FALSE(t.is_closed());
    CHECK(t.closed_without_date);
}

TEST_CASE("without a status column a resolved date closes a ticket", "[tickets][history]") {
    const auto history = fold(
        "ID,Created,Resolved\n"
        "1,2024-03-04 09:00,2024-03-05 09:00\n"
        "2,2024-03-04 10:00,\n");
    CHECK_FALSE(history.has_status);
    CHECK(when(ticket(history, "1").closed) == "2024-03-05 09:00");
    CHECK_FALSE(ticket(history, "2").is_closed());
    CHECK_FALSE(ticket(history, "2").closed_without_date);
}

TEST_CASE("a day/month order is decided by a later value of the column", "[tickets][history]") {
    const auto history = fold(
        "ID,Created,Resolved\n"
        "1,03/04/2024 09:00,05/04/2024 10:00\n"
        "2,25/04/2024 09:00,\n");
    const auto& first = ticket(history, "1");
    CHECK(when(first.created) == "2024-04-03 09:00");
    const auto& created = note(history, "created");
    CHECK(created.order == faqt::DayMonthOrder::day_first);
    CHECK(created.read == 2);
    CHECK(created.unreadable == 0);
    CHECK(created.column == "Created");
    // The resolved column has no value that decides: it is not read.
    const auto& resolved = note(history, "resolved");
    CHECK(resolved.order == faqt::DayMonthOrder::unknown);
    CHECK(resolved.unreadable == 1);
    CHECK(resolved.unreadable_example == "05/04/2024 10:00");
    CHECK_FALSE(first.is_closed());

    const auto month_first = fold(
        "ID,Created\n"
        "1,03/04/2024 09:00\n"
        "2,04/25/2024 09:00\n");
    CHECK(when(ticket(month_first, "1").created) == "2024-03-04 09:00");
    CHECK(note(month_first, "created").order == faqt::DayMonthOrder::month_first);
}

TEST_CASE("a column that writes both orders leaves the values that need one unread", "[tickets][history]") {
    const auto history = fold(
        "ID,Created\n"
        "1,25/04/2024 09:00\n"
        "2,04/25/2024 09:00\n"
        "3,03/04/2024 09:00\n");
    const auto& created = note(history, "created");
    CHECK(created.conflicting);
    CHECK(created.order == faqt::DayMonthOrder::unknown);
    CHECK(created.read == 2);
    CHECK(created.unreadable == 1);
    REQUIRE(history.tickets.size() == 2);
    CHECK(history.skipped.at("unreadable creation date") == 1);
    CHECK(warns(history, "day-first"));
    CHECK(warns(history, "ticket 3", 4));

    // --date-format settles it.
    HistoryOptions options;
    options.date_format = faqt::parse_date_format("%d/%m/%Y %H:%M");
    const auto given = fold(
        "ID,Created\n"
        "1,25/04/2024 09:00\n"
        "3,03/04/2024 09:00\n",
        options);
    CHECK(when(ticket(given, "3").created) == "2024-04-03 09:00");
    CHECK_FALSE(note(given, "created").conflicting);
}

TEST_CASE("report zones: offsets, UTC and IANA names", "[tickets][history]") {
    auto utc = faqt::parse_report_zone("UTC");
    REQUIRE(utc);
    CHECK(utc->kind == ReportZone::Kind::fixed);
    CHECK(utc->offset_minutes == 0);
    CHECK(faqt::parse_report_zone("Z")->offset_minutes == 0);
    CHECK(faqt::parse_report_zone("+01:00")->offset_minutes == 60);
    CHECK(faqt::parse_report_zone("-0500")->offset_minutes == -300);
    CHECK(faqt::parse_report_zone("UTC+2")->offset_minutes == 120);
    CHECK(faqt::parse_report_zone("+05:30")->describe() == "UTC+05:30");
    CHECK(faqt::parse_report_zone("-0500")->describe() == "UTC-05:00");
    CHECK(faqt::parse_report_zone("+01:00")->local_from_utc(0) == 3600);

    auto warsaw = faqt::parse_report_zone("Europe/Warsaw");
    REQUIRE(warsaw);
    CHECK(warsaw->kind == ReportZone::Kind::named);
    CHECK(warsaw->describe() == "Europe/Warsaw");
    // Winter +1, summer +2 (daylight saving time).
    const auto winter = faqt::parse_ticket_time("2024-01-15 10:00", faqt::DayMonthOrder::unknown).value();
    const auto summer = faqt::parse_ticket_time("2024-07-15 10:00", faqt::DayMonthOrder::unknown).value();
    CHECK(when(warsaw->local_from_utc(winter)) == "2024-01-15 11:00");
    CHECK(when(warsaw->local_from_utc(summer)) == "2024-07-15 12:00");

    auto unknown = faqt::parse_report_zone("Mars/Olympus_Mons");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == faqt::ErrorCode::usage);
    CHECK(unknown.error().message.find("Mars/Olympus_Mons") != std::string::npos);
    CHECK_FALSE(unknown.error().hint.empty());
    CHECK_FALSE(faqt::parse_report_zone("+25:00"));
    CHECK_FALSE(faqt::parse_report_zone(""));
    CHECK(ReportZone{}.describe() == "the export's own clock");
}

TEST_CASE("times are in the export's own zone, or in the one asked for", "[tickets][history]") {
    const std::string csv =
        "ID,Created,Resolved\n"
        "1,2024-07-01T10:00:00+01:00,2024-07-01T12:00:00Z\n"
        "2,2024-07-02T10:00:00+01:00,\n"
        "3,2024-07-03 10:00,\n";
    const auto own = fold(csv);
    // Most zoned values are written at +01:00: that is the export's clock.
    CHECK(own.zone.kind == ReportZone::Kind::fixed);
    CHECK(own.zone.offset_minutes == 60);
    CHECK(when(ticket(own, "1").created) == "2024-07-01 10:00");
    CHECK(when(ticket(own, "1").closed) == "2024-07-01 13:00");
    CHECK(when(ticket(own, "3").created) == "2024-07-03 10:00");  // no zone: as written

    HistoryOptions options;
    options.zone = faqt::parse_report_zone("America/New_York").value();
    const auto new_york = fold(csv, options);
    CHECK(new_york.zone.describe() == "America/New_York");
    CHECK(when(ticket(new_york, "1").created) == "2024-07-01 05:00");  // EDT, UTC-4
    CHECK(when(ticket(new_york, "1").closed) == "2024-07-01 08:00");
    CHECK(when(ticket(new_york, "3").created) == "2024-07-03 10:00");

    const auto plain = fold("ID,Created\n1,2024-07-03 10:00\n");
    CHECK(plain.zone.kind == ReportZone::Kind::as_written);
}

TEST_CASE("first response and resolution time as durations or dates", "[tickets][history]") {
    const auto zendesk = fold(
        "Id,Subject,Created at,Solved at,Status,Requester email,First reply time in minutes,"
        "Full resolution time in minutes\n"
        "1,VPN,2024-03-04 09:00,2024-03-04 11:00,solved,a@example.com,15,120\n"
        "2,Mail,2024-03-04 09:00,,open,b@example.com,,\n");
    CHECK(ticket(zendesk, "1").first_response == 15 * 60);
    CHECK(ticket(zendesk, "1").resolution_time == 120 * 60);
    CHECK(ticket(zendesk, "2").first_response == k_no_time);
    CHECK(ticket(zendesk, "2").resolution_time == k_no_time);
    CHECK(zendesk.closed_statuses_from == "the Zendesk preset");
    CHECK(note(zendesk, "resolution_time").read == 1);

    // A date: the time from creation to it; a duration with its units.
    const auto mixed = fold(
        "ID,Created,First response,Resolution time\n"
        "1,2024-03-04 09:00,2024-03-04 09:45,2h 30m\n"
        "2,2024-03-04 09:00,1h 5m,01:30\n"
        "3,2024-03-04 09:00,2024-03-04 08:00,\n");
    CHECK(ticket(mixed, "1").first_response == 45 * 60);
    CHECK(ticket(mixed, "1").resolution_time == 9000);
    CHECK(ticket(mixed, "2").first_response == 3900);
    CHECK(ticket(mixed, "2").resolution_time == 5400);
    CHECK(ticket(mixed, "3").first_response == k_no_time);  // before creation: not a response time

    // A number in a column whose name gives no unit is not read.
    const auto bare = fold(
        "ID,Created,Resolution time\n"
        "1,2024-03-04 09:00,90\n");
    CHECK(bare.tickets.at(0).resolution_time == k_no_time);
    CHECK(note(bare, "resolution_time").unreadable == 1);
    CHECK(warns(bare, "no unit"));
}

TEST_CASE("closing statuses of the preset, in the export's language", "[tickets][history]") {
    const auto znuny = fold(
        "Zgłoszenie#,Tytuł,Utworzony,Zamknięte,Stan,Kolejka\n"
        "2024031510000012,VPN,2024-03-15 09:00,2024-03-15 12:00,zamknięte pomyślnie,IT\n"
        "2024031510000013,Mail,2024-03-15 10:00,,otwarte,IT\n");
    CHECK(znuny.closed_statuses_from == "the Znuny/OTRS preset");
    CHECK(ticket(znuny, "2024031510000012").is_closed());
    CHECK_FALSE(ticket(znuny, "2024031510000013").is_closed());

    const auto glpi = fold(
        "ID,Titel,Eröffnungsdatum,Lösungsdatum,Status,Kategorie,Einheit\n"
        "1,Drucker,2024-03-15 09:00,2024-03-16 09:00,Gelöst,Hardware,Root\n"
        "2,Mail,2024-03-15 09:00,,In Bearbeitung (zugewiesen),Mail,Root\n");
    CHECK(glpi.closed_statuses_from == "the GLPI preset");
    CHECK(ticket(glpi, "1").is_closed());
    CHECK_FALSE(ticket(glpi, "2").is_closed());

    const auto servicenow = fold(
        "number,short_description,opened_at,resolved_at,state\n"
        "INC001,VPN,2024-03-15 09:00,2024-03-15 10:00,6\n"
        "INC002,Mail,2024-03-15 09:00,,2\n");
    CHECK(ticket(servicenow, "INC001").is_closed());
    CHECK_FALSE(ticket(servicenow, "INC002").is_closed());

    HistoryOptions options;
    options.closed_statuses = {"Fertig"};
    const auto given = fold(
        "ID,Created,Resolved,Status\n"
        "1,2024-03-15,2024-03-16,fertig\n"
        "2,2024-03-15,2024-03-16,Closed\n",
        options);
    CHECK(given.closed_statuses_from == "[tickets] closed");
    CHECK(ticket(given, "1").is_closed());
    CHECK_FALSE(ticket(given, "2").is_closed());
}

TEST_CASE("a status column where nothing closes is a warning naming its statuses", "[tickets][history]") {
    const auto history = fold(
        "ID,Created,Resolved,Status\n"
        "1,2024-03-15,2024-03-16,Fertig\n"
        "2,2024-03-15,,Offen\n");
    CHECK(history.tickets.size() == 2);
    CHECK_FALSE(history.tickets[0].is_closed());
    CHECK(warns(history, "'Fertig'"));
    CHECK(warns(history, "'Offen'"));
    CHECK(history.warnings.front().hint.find("[tickets] closed") != std::string::npos);
}

TEST_CASE("tickets that cannot be placed in time are skipped by reason, with their lines", "[tickets][history]") {
    const auto history = fold(
        "ID,Subject,Created\n"
        "1,fine,2024-03-15\n"
        ",no number,2024-03-15\n"
        "3,no date,\n"
        "4,bad date,yesterday\n"
        "4,bad date again,NULL\n"
        "5,fine,2024-03-16\n");
    REQUIRE(history.tickets.size() == 2);
    CHECK(history.tickets[0].id == "1");
    CHECK(history.tickets[1].id == "5");
    CHECK(history.rows == 6);
    CHECK(history.skipped.at("no ticket number") == 1);
    CHECK(history.skipped.at("no creation date") == 1);
    CHECK(history.skipped.at("unreadable creation date") == 1);
    CHECK(warns(history, "no ticket number", 3));
    CHECK(warns(history, "ticket 3 has no creation date", 4));
    CHECK(warns(history, "ticket 4", 5));
    CHECK(history.warnings.at(0).path == "export.csv");
    const auto& created = note(history, "created");
    CHECK(created.unreadable == 1);
    CHECK(created.unreadable_example == "yesterday");
}

TEST_CASE("without an id column each row is a ticket keyed by its line", "[tickets][history]") {
    const auto history = fold(
        "Subject,Created\n"
        "VPN,2024-03-15\n"
        "Mail,2024-03-16\n");
    REQUIRE(history.tickets.size() == 2);
    CHECK(history.tickets[1].id.empty());
    CHECK(faqt::ticket_key(history.tickets[1]) == "#3");
    FoldedTicket numbered;
    numbered.id = "INC7";
    numbered.line = 9;
    CHECK(faqt::ticket_key(numbered) == "INC7");
}

TEST_CASE("gather_ticket_texts reads the texts of the tickets asked for", "[tickets][history]") {
    const std::string csv =
        "Ticket,Subject,Description,Category,Created\n"
        "A,VPN drops,It drops,VPN,2024-03-04\n"
        "B,Mail,No mail,Mail,2024-03-04\n"
        "A,VPN drops every hour,,,2024-03-04\n";
    TempFile file(csv);
    auto source = faqt::open_tickets(file.path(), {});
    REQUIRE(source);
    const std::unordered_map<std::string, std::size_t> keys = {{"A", 0}};
    auto texts = faqt::gather_ticket_texts(*source, keys);
    REQUIRE(texts);
    REQUIRE(texts->size() == 1);
    const auto& a = texts->at("A");
    CHECK(a.subject == "VPN drops every hour");
    CHECK(a.body == "It drops");
    CHECK(a.category == "VPN");
    CHECK(a.line == 2);

    const std::string rows = "Subject,Created\nVPN,2024-03-15\nMail,2024-03-16\n";
    TempFile second(rows);
    auto by_line = faqt::open_tickets(second.path(), {});
    REQUIRE(by_line);
    auto lines = faqt::gather_ticket_texts(*by_line, {{"#3", 1}});
    REQUIRE(lines);
    REQUIRE(lines->count("#3") == 1);
    CHECK(lines->at("#3").subject == "Mail");
}

TEST_CASE("an event log's rows are ordered by updated times read in the column's order", "[tickets][history]") {
    // "04/03/2024" and "02/05/2024" come in opposite orders day-first
    // (4 March, 2 May) and month-first (3 April, 5 February); the last row,
    // of another ticket, decides.
    const std::string rows =
        "Ticket,Created,Updated,Status\n"
        "A,2024-01-01,04/03/2024,Closed\n"
        "A,2024-01-01,02/05/2024,Open\n";
    const auto day_first = fold(rows + "B,2024-01-01,25/12/2024,Open\n");
    CHECK(note(day_first, "updated").order == faqt::DayMonthOrder::day_first);
    CHECK_FALSE(ticket(day_first, "A").is_closed());
    CHECK(ticket(day_first, "A").reopened == 1);

    const auto month_first = fold(rows + "B,2024-01-01,12/25/2024,Open\n");
    CHECK(note(month_first, "updated").order == faqt::DayMonthOrder::month_first);
    CHECK(when(ticket(month_first, "A").closed) == "2024-04-03 00:00");
    CHECK(ticket(month_first, "A").reopened == 0);
}

TEST_CASE("warnings about skipped tickets are capped and the rest counted", "[tickets][history]") {
    std::string csv = "ID,Subject,Created\n1,kept,2024-03-15\n";
    const std::size_t extra = 7;
    for (std::size_t i = 0; i < faqt::k_max_kept_warnings + extra; ++i) {
        csv += ",no number,2024-03-15\n";
    }
    const auto history = fold(csv);
    CHECK(history.tickets.size() == 1);
    CHECK(history.skipped.at("no ticket number") == faqt::k_max_kept_warnings + extra);
    CHECK(history.warnings.size() == faqt::k_max_kept_warnings);
    CHECK(history.warnings_not_kept == extra);
    CHECK(history.warnings.front().line == 3);
}
