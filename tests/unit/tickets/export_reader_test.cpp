#include "tickets/export_reader.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using faqt::ErrorCode;
using faqt::ExportFormat;
using faqt::open_tickets;
using faqt::ReaderOptions;
using faqt::TicketRecord;
using faqt::TicketRole;

namespace {

std::string fixture(const std::string& name) {
    return std::string(FAQT_SOURCE_DIR) + "/tests/fixtures/tickets/" + name;
}

struct Read {
    std::vector<TicketRecord> records;
    faqt::Diagnostics diagnostics;
    faqt::ReadCounts counts;
    std::string preset;
    char delimiter = 0;
    ExportFormat format = ExportFormat::detect;
    bool failed = false;
    faqt::Error error;
};

Read read_all(const std::string& path, const ReaderOptions& options = {}) {
    auto source = open_tickets(path, options);
    if (!source) {
        FAIL("open_tickets failed: " << source.error().message << " / " << source.error().hint);
    }
    Read read;
    TicketRecord record;
    while (source->next(record)) {
        read.records.push_back(record);
    }
    read.diagnostics = source->diagnostics();
    read.counts = source->counts();
    read.preset = source->preset().name;
    read.delimiter = source->delimiter();
    read.format = source->format();
    read.failed = source->failed();
    if (read.failed) {
        read.error = source->error();
    }
    return read;
}

// A temporary file that removes itself.
class TempFile {
public:
    TempFile(const std::string& suffix, const std::string& bytes) {
        static int counter = 0;
        m_path = std::filesystem::temp_directory_path() /
                 ("faqt-tickets-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + suffix);
        std::ofstream(m_path, std::ios::binary) << bytes;
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() { std::filesystem::remove(m_path); }
    std::string path() const { return m_path.string(); }

private:
    std::filesystem::path m_path;
};

Read read_text(const std::string& text, const std::string& suffix = ".csv", const ReaderOptions& options = {}) {
    TempFile file(suffix, text);
    return read_all(file.path(), options);
}

}  // namespace

TEST_CASE("ServiceNow: preset detected, quoted multi-line description, empty category", "[tickets][presets]") {
    const auto read = read_all(fixture("servicenow.csv"));
    CHECK(read.preset == "servicenow");
    CHECK(read.diagnostics.empty());
    REQUIRE(read.records.size() == 5);
    const auto& first = read.records[0];
    CHECK(first.ticket.id == "INC0010001");
    CHECK(first.ticket.subject == "VPN drops every 10 minutes");
    CHECK(first.ticket.body ==
          "The VPN client disconnects every ten minutes.\nReconnecting works, then it drops again.\nVersion 4.2 on "
          "Windows 11.");
    CHECK(first.ticket.category == "network");
    CHECK(first.ticket.from_name == "Maria Keane");
    CHECK(first.ticket.product.empty());
    CHECK(first.ticket.line == 2);
    CHECK(first.created == "29/2/2016 01:16");
    CHECK(first.closed == "29/2/2016 09:40");
    CHECK(first.status == "Resolved");
    CHECK(first.priority == "2 - High");
    CHECK(first.customer == "Northwind");
    CHECK(first.agent == "Tom Baker");
    // The multi-line description moved the next record's first line.
    CHECK(read.records[1].ticket.line == 5);
    // Empty category with an empty subcategory: nothing.
    CHECK(read.records[1].ticket.category.empty());
    // The role's first name in the header wins for the whole file: no row
    // takes its agent from "assignment_group" because "assigned_to" is empty.
    CHECK(read.records[1].agent.empty());
    // Doubled quotes inside a quoted cell.
    CHECK(read.records[2].ticket.body == "Printer shows \"offline\" since this morning");
    CHECK(read.records[3].ticket.category == "hardware");
    CHECK(read.counts.rows == 5);
    CHECK(read.counts.tickets == 5);
    CHECK(read.counts.skipped == 0);
}

TEST_CASE("Jira: repeated headers, first non-empty cell wins", "[tickets][presets]") {
    const auto read = read_all(fixture("jira.csv"));
    CHECK(read.preset == "jira");
    REQUIRE(read.records.size() == 5);
    const auto& first = read.records[0];
    CHECK(first.ticket.id == "HD-101");
    CHECK(first.ticket.subject == "Cannot connect to VPN after update");
    CHECK(first.ticket.body == "After the update to 4.2 the VPN does not connect.\n\nError 809 is shown.");
    CHECK(first.ticket.category == "Get IT help");
    CHECK(first.ticket.product == "VPN Client");
    CHECK(first.ticket.version == "4.2");
    CHECK(first.created == "18/Mar/24 10:15 AM");
    CHECK(first.closed == "18/Mar/24 2:40 PM");
    CHECK(first.customer == "Northwind");
    CHECK(first.agent == "Tom Baker");
    // Component/s twice: "" then "Hardware".
    CHECK(read.records[2].ticket.product == "Hardware");
    CHECK(read.records[1].ticket.product == "Email");
    // No request type: the category stays empty rather than taking another role's column.
    CHECK(read.records[3].ticket.category.empty());
}

TEST_CASE("Zendesk with a UTF-8 BOM and CRLF line ends", "[tickets][presets][bytes]") {
    const auto read = read_all(fixture("zendesk.csv"));
    CHECK(read.preset == "zendesk");
    CHECK(read.diagnostics.empty());
    REQUIRE(read.records.size() == 5);
    const auto& first = read.records[0];
    CHECK(first.ticket.id == "4411");  // the BOM is not part of the first column's name
    CHECK(first.ticket.subject == "VPN disconnects");
    CHECK(first.ticket.from_name == "Maria Keane");
    CHECK(first.ticket.from_address == "maria.keane@northwind.example");
    CHECK(first.closed == "2024-03-15 10:58:00 +0100");
    CHECK(first.first_response == "35");
    CHECK(first.customer == "Northwind");
    CHECK(first.ticket.line == 2);
    CHECK(read.records[4].ticket.line == 6);
    CHECK(read.records[1].ticket.subject == "Nie mogę się zalogować");
    CHECK(read.records[2].ticket.subject == "Printer \"HP 4\" offline");
    // No CR is left at a line's end.
    CHECK(read.records[4].first_response.empty());
}

TEST_CASE("Freshdesk: multi-line description and the record lines after it", "[tickets][presets]") {
    const auto read = read_all(fixture("freshdesk.csv"));
    CHECK(read.preset == "freshdesk");
    REQUIRE(read.records.size() == 5);
    const auto& first = read.records[0];
    CHECK(first.ticket.id == "201");
    CHECK(first.ticket.body == "Hi team,\n\nthe VPN drops every ten minutes since Monday.\n\nThanks,\nMaria");
    CHECK(first.ticket.category == "Incident");
    CHECK(first.ticket.product == "VPN Client");
    CHECK(first.closed == "2024-03-15 11:02:10");
    CHECK(first.first_response == "2024-03-15 09:40:00");
    CHECK(first.customer == "Northwind");
    CHECK(first.ticket.from_address == "maria.keane@northwind.example");
    CHECK(read.records[1].ticket.line == 8);
    CHECK(read.records[1].ticket.category.empty());
}

TEST_CASE("osTicket: Excel's ' before = - + @ is removed", "[tickets][presets]") {
    const auto read = read_all(fixture("osticket.csv"));
    CHECK(read.preset == "osticket");
    REQUIRE(read.records.size() == 5);
    CHECK(read.records[0].ticket.id == "=138291");
    CHECK(read.records[0].ticket.category == "Network / VPN");
    CHECK(read.records[0].status == "Closed");
    CHECK(read.records[0].agent == "Tom Baker");
    CHECK(read.records[0].ticket.from_address == "maria.keane@northwind.example");
    CHECK(read.records[1].ticket.id == "-140002");
    CHECK(read.records[1].ticket.subject == "=HYPERLINK(\"http://evil.example\")");
    // Help Topic empty: no category (Department is another taxonomy).
    CHECK(read.records[1].ticket.category.empty());
    CHECK(read.records[2].ticket.subject == "@printer offline on floor 3");
    CHECK(read.records[3].ticket.id == "+990001");
    CHECK(read.records[4].ticket.id == "623001");
}

TEST_CASE("Znuny in German, ';'-delimited, quoted", "[tickets][presets]") {
    const auto read = read_all(fixture("znuny_de.csv"));
    CHECK(read.preset == "znuny");
    CHECK(read.delimiter == ';');
    REQUIRE(read.records.size() == 5);
    const auto& first = read.records[0];
    CHECK(first.ticket.id == "2024031510000012");
    CHECK(first.ticket.subject == "VPN bricht alle 10 Minuten ab");
    CHECK(first.ticket.category == "Netzwerk::VPN");
    CHECK(first.created == "2024-03-15 09:12:00");
    CHECK(first.closed == "2024-03-15 11:00:00");
    CHECK(first.status == "erfolgreich geschlossen");
    CHECK(first.priority == "3 normal");
    CHECK(first.agent == "tbaker");
    CHECK(first.customer == "NORTHWIND");
    CHECK(first.ticket.from_name == "mkeane");
    // A ';' inside a quoted cell is no delimiter.
    CHECK(read.records[2].ticket.subject == "Drucker; 3. Stock offline");
    CHECK(read.records[3].ticket.category.empty());
}

TEST_CASE("GLPI with a Polish header", "[tickets][presets]") {
    const auto read = read_all(fixture("glpi_pl.csv"));
    CHECK(read.preset == "glpi");
    CHECK(read.delimiter == ';');
    REQUIRE(read.records.size() == 5);
    const auto& first = read.records[0];
    CHECK(first.ticket.id == "1201");
    CHECK(first.ticket.subject == "Nie działa VPN");
    CHECK(first.ticket.body == "VPN rozłącza się co 10 minut.\nWersja klienta 4.2.");
    CHECK(first.ticket.category == "Sieć > VPN");
    CHECK(first.created == "2024-03-15 09:12");
    CHECK(first.closed == "2024-03-15 11:00");
    CHECK(first.status == "Zamknięte");
    CHECK(first.priority == "Wysoki");
    CHECK(first.customer == "Jan Kowalski");
    CHECK(first.agent == "Tomasz Bąk");
    CHECK(read.records[2].ticket.category.empty());
    CHECK(read.records[2].ticket.line == 5);
}

TEST_CASE("GLPI and Znuny headers in English and French", "[tickets][presets]") {
    SECTION("GLPI, French") {
        const auto read = read_text(
            "ID;Titre;Statut;Date d'ouverture;Priorité;Demandeur;Attribué à;Catégorie;Entité;Date de clôture;"
            "Description\n"
            "7;Imprimante HS;Clos;2024-03-15 09:12;Haute;Marie Curie;Paul;Matériel;Racine;2024-03-16 10:00;Bourrage\n");
        CHECK(read.preset == "glpi");
        REQUIRE(read.records.size() == 1);
        CHECK(read.records[0].ticket.subject == "Imprimante HS");
        CHECK(read.records[0].ticket.category == "Matériel");
        CHECK(read.records[0].closed == "2024-03-16 10:00");
        CHECK(read.records[0].agent == "Paul");
        CHECK(read.records[0].ticket.body == "Bourrage");
    }
    SECTION("GLPI, English") {
        const auto read = read_text(
            "ID;Title;Status;Last update;Opening date;Priority;Requester;Assigned to;Category;Entity;Description\n"
            "8;Printer jam;Closed;x;2024-03-15;High;Ann;Bob;Hardware;Root;Paper jam\n");
        CHECK(read.preset == "glpi");
        REQUIRE(read.records.size() == 1);
        CHECK(read.records[0].ticket.category == "Hardware");
        CHECK(read.records[0].created == "2024-03-15");
    }
    SECTION("Znuny, French") {
        const auto read = read_text(
            "\"Ticket#\";\"Âge\";\"Créé\";\"Fermé\";\"État\";\"Priorité\";\"File\";\"Propriétaire\";\"ID client\";"
            "\"Titre\"\n"
            "\"1001\";\"1 j\";\"2024-03-15\";\"\";\"ouvert\";\"3 normal\";\"Réseau\";\"paul\";\"ACME\";\"VPN HS\"\n");
        CHECK(read.preset == "znuny");
        REQUIRE(read.records.size() == 1);
        CHECK(read.records[0].ticket.id == "1001");
        CHECK(read.records[0].ticket.category == "Réseau");
        CHECK(read.records[0].status == "ouvert");
        CHECK(read.records[0].customer == "ACME");
        CHECK(read.records[0].ticket.subject == "VPN HS");
    }
    SECTION("Znuny, English") {
        const auto read = read_text(
            "Ticket#,Age,Created,Close Time,State,Priority,Queue,Owner,Customer ID,Title\n"
            "1002,2 h,2024-03-15,,open,3 normal,Raw,root,ACME,Mail down\n");
        CHECK(read.preset == "znuny");
        REQUIRE(read.records.size() == 1);
        CHECK(read.records[0].ticket.category == "Raw");
        CHECK(read.records[0].agent == "root");
    }
}

TEST_CASE("Request Tracker TSV with quotes inside unquoted cells", "[tickets][presets]") {
    const auto read = read_all(fixture("rt.tsv"));
    CHECK(read.preset == "rt");
    CHECK(read.delimiter == '\t');
    CHECK(read.diagnostics.empty());
    REQUIRE(read.records.size() == 5);
    CHECK(read.records[0].ticket.id == "3001");
    CHECK(read.records[0].ticket.category == "Network");
    CHECK(read.records[0].agent == "tbaker");
    CHECK(read.records[0].ticket.from_address == "maria.keane@northwind.example");
    CHECK(read.records[0].closed == "2024-03-15 11:00:00");
    CHECK(read.records[2].ticket.subject == "Printer \"HP 4\" offline");
}

TEST_CASE("a windows-1250 file: an error naming the line and encodings, then read with the encoding",
          "[tickets][encoding]") {
    const std::string path = fixture("znuny_pl_cp1250.csv");
    SECTION("without an encoding") {
        auto source = open_tickets(path, {});
        REQUIRE_FALSE(source);
        CHECK(source.error().code == ErrorCode::usage);
        CHECK(source.error().message == path + ":1: not valid UTF-8 (byte 0xB3)");
        CHECK(source.error().hint.find("windows-1250") != std::string::npos);
        CHECK(source.error().hint.find("windows-1252") != std::string::npos);
        CHECK(source.error().hint.find("iso-8859-2") != std::string::npos);
        CHECK(source.error().hint.find("--encoding") != std::string::npos);
    }
    SECTION("with windows-1250") {
        ReaderOptions options;
        options.encoding = "windows-1250";
        const auto read = read_all(path, options);
        CHECK(read.preset == "znuny");
        REQUIRE(read.records.size() == 3);
        CHECK(read.records[0].ticket.subject == "Nie mogę się połączyć z VPN");
        CHECK(read.records[0].ticket.category == "Sieć::VPN");
        CHECK(read.records[0].customer == "PÓŁNOC");
        CHECK(read.records[0].closed == "2024-03-15 11:00");
        CHECK(read.records[2].ticket.subject == "Drukarka źle drukuje ąćęłńóśźż");
    }
    SECTION("an unknown encoding") {
        ReaderOptions options;
        options.encoding = "windows-9999";
        auto source = open_tickets(path, options);
        REQUIRE_FALSE(source);
        CHECK(source.error().message.find("windows-9999") != std::string::npos);
    }
}

TEST_CASE("invalid UTF-8 after good rows stops with the line of the bad byte", "[tickets][encoding]") {
    std::string text = "Subject,Description\n";
    for (int i = 0; i < 5000; ++i) {
        text += "s" + std::to_string(i) + ",body\n";
    }
    text += "caf\xE9,latin-1\n";  // line 5002
    TempFile file(".csv", text);
    auto source = open_tickets(file.path(), {});
    REQUIRE(source);
    TicketRecord record;
    std::size_t count = 0;
    while (source->next(record)) {
        ++count;
    }
    CHECK(count == 5000);
    REQUIRE(source->failed());
    CHECK(source->error().message == file.path() + ":5002: not valid UTF-8 (byte 0xE9)");
}

TEST_CASE("a UTF-16 file with its BOM is read without an encoding", "[tickets][encoding]") {
    const std::u16string text = u"\uFEFFSubject\tDescription\r\nZażółć\tgęślą jaźń\r\n";
    std::string bytes;
    for (char16_t c : text) {
        bytes += static_cast<char>(c & 0xFF);
        bytes += static_cast<char>(c >> 8);
    }
    const auto read = read_text(bytes, ".txt");
    REQUIRE(read.records.size() == 1);
    CHECK(read.delimiter == '\t');
    CHECK(read.records[0].ticket.subject == "Zażółć");
    CHECK(read.records[0].ticket.body == "gęślą jaźń");
}

TEST_CASE("JSON Lines: keys mapped like columns, bad lines warned with their line", "[tickets][jsonl]") {
    const auto read = read_all(fixture("tickets.jsonl"));
    CHECK(read.format == ExportFormat::jsonl);
    REQUIRE(read.records.size() == 4);
    CHECK(read.records[0].ticket.id == "J-1");
    CHECK(read.records[0].ticket.subject == "VPN drops");
    CHECK(read.records[0].ticket.body == "The VPN drops every 10 minutes.\nVersion 4.2.");
    CHECK(read.records[0].ticket.category == "network/vpn");
    CHECK(read.records[0].priority == "2");
    CHECK(read.records[1].ticket.category.empty());
    CHECK(read.records[2].ticket.line == 5);
    // "requester" is not a key of the first object, which is the header.
    CHECK(read.records[2].customer.empty());
    CHECK(read.records[3].ticket.id == "J-4");
    CHECK(read.records[3].ticket.line == 7);
    REQUIRE(read.diagnostics.size() == 2);
    CHECK(read.diagnostics[0].line == 4);
    CHECK(read.diagnostics[0].message.find("not valid JSON") != std::string::npos);
    CHECK(read.diagnostics[0].path == fixture("tickets.jsonl"));
    CHECK(read.diagnostics[1].line == 6);
    CHECK(read.diagnostics[1].message.find("not a JSON object") != std::string::npos);
    CHECK(read.counts.rows == 6);
    CHECK(read.counts.skipped == 2);
    CHECK(read.counts.skipped_by_reason.at("bad JSON") == 2);
}

TEST_CASE("JSON Lines: a nested person gives its name", "[tickets][jsonl]") {
    const auto read = read_text(
        "{\"subject\": \"s\", \"requester\": {\"name\": \"Ana Lima\", \"id\": 4}, \"tags\": [\"a\", \"b\"]}\n",
        ".jsonl");
    REQUIRE(read.records.size() == 1);
    CHECK(read.records[0].customer == "Ana Lima");
}

TEST_CASE("JSON Lines is found by its first byte, whatever the name", "[tickets][jsonl]") {
    const auto read = read_text("\n  {\"title\": \"A\", \"text\": \"b\"}\n{\"title\": \"C\"}", ".txt");
    CHECK(read.format == ExportFormat::jsonl);
    REQUIRE(read.records.size() == 2);
    CHECK(read.records[0].ticket.subject == "A");
    CHECK(read.records[0].ticket.body == "b");
    CHECK(read.records[1].ticket.subject == "C");  // last line without a newline
}

TEST_CASE("JSON nested too deeply is a skipped line, not a crash", "[tickets][jsonl]") {
    std::string deep = "{\"subject\": \"ok\"}\n{\"a\":" + std::string(100000, '[') + "\n{\"subject\": \"after\"}\n";
    const auto read = read_text(deep, ".jsonl");
    REQUIRE(read.records.size() == 2);
    CHECK(read.records[1].ticket.subject == "after");
    REQUIRE(read.diagnostics.size() == 1);
    CHECK(read.diagnostics[0].line == 2);
}

TEST_CASE("the delimiter is sniffed from the first lines, honouring quotes", "[tickets][csv]") {
    CHECK(read_text("Subject;Body\n\"a, b, c\";x\n\"d, e\";y\n").delimiter == ';');
    CHECK(read_text("Subject,Body\n\"a; b; c\",x\n").delimiter == ',');
    CHECK(read_text("Subject|Body|Category\na|b|c\n").delimiter == '|');
    CHECK(read_text("Subject\tBody\na, b\tc; d\n").delimiter == '\t');
    const auto read = read_text("Subject;Body\n\"a, b, c\";x\n");
    REQUIRE(read.records.size() == 1);
    CHECK(read.records[0].ticket.subject == "a, b, c");
    ReaderOptions options;
    options.delimiter = ',';
    const auto forced = read_text("Subject,Body\na;b,c\n", ".csv", options);
    CHECK(forced.delimiter == ',');
    REQUIRE(forced.records.size() == 1);
    CHECK(forced.records[0].ticket.subject == "a;b");
}

TEST_CASE("ragged rows are warned with their line and skipped; the rest go on", "[tickets][csv]") {
    const auto read = read_text(
        "ID,Subject,Description\n"
        "1,one,first\n"
        "2,two\n"
        "3,three,third,extra\n"
        "4,four,fourth,\n"
        "5,\"five\nlines\",x,y\n"
        "6,six,sixth\n");
    REQUIRE(read.records.size() == 3);
    CHECK(read.records[0].ticket.id == "1");
    CHECK(read.records[1].ticket.id == "4");  // an extra empty cell (a trailing delimiter) is fine
    CHECK(read.records[2].ticket.id == "6");
    CHECK(read.records[2].ticket.line == 8);
    REQUIRE(read.diagnostics.size() == 3);
    CHECK(read.diagnostics[0].line == 3);
    CHECK(read.diagnostics[0].severity == faqt::Severity::warning);
    CHECK(read.diagnostics[0].message == "row has 2 cells, the header 3; skipped");
    CHECK(read.diagnostics[1].line == 4);
    CHECK(read.diagnostics[2].line == 6);  // the record's first line
    CHECK(read.counts.rows == 6);
    CHECK(read.counts.tickets == 3);
    CHECK(read.counts.skipped == 3);
    CHECK(read.counts.skipped_by_reason.at("ragged row") == 3);
}

TEST_CASE("a malformed quote is warned with its line; the rest go on", "[tickets][csv]") {
    const auto read = read_text(
        "ID,Subject\n"
        "1,one\n"
        "2,\"two\"x\n"
        "3,5\" display\n"
        "4,four\n");
    REQUIRE(read.records.size() == 2);
    CHECK(read.records[0].ticket.id == "1");
    CHECK(read.records[1].ticket.id == "4");
    CHECK(read.records[1].ticket.line == 5);
    REQUIRE(read.diagnostics.size() == 2);
    CHECK(read.diagnostics[0].line == 3);
    CHECK(read.diagnostics[0].message.find("malformed quote") != std::string::npos);
    CHECK(read.diagnostics[1].line == 4);
    CHECK(read.counts.skipped_by_reason.at("malformed quote") == 2);
}

TEST_CASE("a quote that never closes is warned with the line it opened on", "[tickets][csv]") {
    const auto read = read_text(
        "ID,Subject\n"
        "1,one\n"
        "2,\"two\n"
        "3,three\n");
    REQUIRE(read.records.size() == 1);
    REQUIRE(read.diagnostics.size() == 1);
    CHECK(read.diagnostics[0].line == 3);
    CHECK(read.diagnostics[0].message.find("never closes") != std::string::npos);
    CHECK(read.counts.skipped == 1);
}

TEST_CASE("blank lines and a last line without a newline", "[tickets][csv]") {
    const auto read = read_text("\n\nSubject,Body\r\n\r\n  \r\na,b\r\n\r\nc,d");
    REQUIRE(read.records.size() == 2);
    CHECK(read.records[0].ticket.line == 6);
    CHECK(read.records[1].ticket.line == 8);
    CHECK(read.records[1].ticket.body == "d");
}

TEST_CASE("a row of empty cells is counted as skipped, not handed out", "[tickets][csv]") {
    const auto read = read_text("Subject,Body\n,\na,b\n");
    REQUIRE(read.records.size() == 1);
    CHECK(read.counts.rows == 2);
    CHECK(read.counts.skipped_by_reason.at("empty row") == 1);
}

TEST_CASE("common column names without a preset", "[tickets][columns]") {
    const auto read = read_text("Number,Title,Text,Type,Organisation,E-mail\nA1,T,B,K,Org,x@y\n");
    CHECK(read.preset.empty());
    REQUIRE(read.records.size() == 1);
    CHECK(read.records[0].ticket.id == "A1");
    CHECK(read.records[0].ticket.subject == "T");
    CHECK(read.records[0].ticket.body == "B");
    CHECK(read.records[0].ticket.category == "K");
    CHECK(read.records[0].customer == "Org");
    CHECK(read.records[0].ticket.from_address == "x@y");
}

TEST_CASE("overrides beat [tickets], which beats the preset; a missing column is an error", "[tickets][columns]") {
    const std::string path = fixture("servicenow.csv");
    ReaderOptions options;
    options.configured[TicketRole::subject] = "Description";
    options.configured[TicketRole::category] = "SUBCATEGORY";  // folded
    options.overrides[TicketRole::subject] = "caller_id";
    const auto read = read_all(path, options);
    REQUIRE(read.records.size() == 5);
    CHECK(read.records[0].ticket.subject == "Maria Keane");
    CHECK(read.records[0].ticket.category == "vpn");
    CHECK(read.records[0].ticket.id == "INC0010001");  // the preset still maps the rest

    SECTION("a flag naming no column") {
        ReaderOptions bad;
        bad.overrides[TicketRole::first_response] = "First touch";
        auto source = open_tickets(path, bad);
        REQUIRE_FALSE(source);
        CHECK(source.error().code == ErrorCode::usage);
        CHECK(source.error().message ==
              path + ": no column 'First touch' (named by --first-response-column) in the header");
        CHECK(source.error().hint.find("'short_description'") != std::string::npos);
    }
    SECTION("[tickets] naming no column") {
        ReaderOptions bad;
        bad.configured[TicketRole::id] = "Ticket No";
        auto source = open_tickets(path, bad);
        REQUIRE_FALSE(source);
        CHECK(source.error().message.find("(named by [tickets] id)") != std::string::npos);
    }
}

TEST_CASE("a preset can be forced by name; an unknown one is an error", "[tickets][columns]") {
    ReaderOptions options;
    options.preset = "Request Tracker";
    const auto read = read_text("id\tSubject\tQueue\n1\tS\tQ\n", ".tsv", options);
    CHECK(read.preset == "rt");
    options.preset = "remedy";
    TempFile file(".csv", "a,b\n1,2\n");
    auto source = open_tickets(file.path(), options);
    REQUIRE_FALSE(source);
    CHECK(source.error().message == "unknown ticket export preset 'remedy'");
    CHECK(source.error().hint.find("servicenow") != std::string::npos);
}

TEST_CASE("when two presets match, the one that maps more columns wins", "[tickets][columns]") {
    // "Queue" marks Znuny, "Requestors" and "Told" RT; RT maps more of these.
    const auto read = read_text("id,Subject,Queue,Requestors,Told,Owner,Status\n1,s,q,r,t,o,open\n");
    CHECK(read.preset == "rt");
}

TEST_CASE("a header with no known column is an error listing it", "[tickets][columns]") {
    TempFile file(".csv", "foo,bar\n1,2\n");
    auto source = open_tickets(file.path(), {});
    REQUIRE_FALSE(source);
    CHECK(source.error().hint.find("'foo', 'bar'") != std::string::npos);
}

TEST_CASE("empty input and a missing file", "[tickets]") {
    const auto read = read_text("");
    CHECK(read.records.empty());
    CHECK_FALSE(read.failed);
    auto missing = open_tickets("/nonexistent/tickets.csv", {});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::io);
    CHECK(missing.error().message.find("/nonexistent/tickets.csv") != std::string::npos);
}

TEST_CASE("standard input is read for '-'", "[tickets]") {
    TempFile file(".csv", "Subject,Body\nfrom stdin,yes\n");
    std::FILE* saved = std::freopen(file.path().c_str(), "rb", stdin);
    REQUIRE(saved != nullptr);
    auto source = open_tickets("-", {});
    REQUIRE(source);
    CHECK(source->display_path() == "<stdin>");
    TicketRecord record;
    REQUIRE(source->next(record));
    CHECK(record.ticket.subject == "from stdin");
    CHECK_FALSE(source->next(record));
}

TEST_CASE("200k generated rows stream through", "[tickets][csv][large]") {
    const auto path = std::filesystem::temp_directory_path() / ("faqt-tickets-large-" + std::to_string(::getpid()));
    {
        std::ofstream out(path, std::ios::binary);
        out << "Number,Short description,Description,Category\r\n";
        for (int i = 0; i < 200000; ++i) {
            out << "INC" << i << ",Subject " << i << ",\"Line one\r\nline two, with a comma\",cat" << (i % 7) << "\r\n";
        }
    }
    auto source = open_tickets(path.string(), {});
    REQUIRE(source);
    TicketRecord record;
    std::size_t count = 0;
    std::size_t last_line = 0;
    while (source->next(record)) {
        ++count;
        last_line = record.ticket.line;
    }
    std::filesystem::remove(path);
    CHECK_FALSE(source->failed());
    CHECK(count == 200000);
    CHECK(last_line == 2 + 2 * 199999);
    CHECK(record.ticket.id == "INC199999");
    CHECK(record.ticket.body == "Line one\nline two, with a comma");  // CRLF in a cell → LF
    CHECK(source->diagnostics().empty());
}

TEST_CASE("a file broken on every row keeps the first warnings and counts the rest", "[tickets][csv]") {
    std::string text = "Subject,Body\n";
    for (int i = 0; i < 1500; ++i) {
        text += "only one cell\n";
    }
    text += "last,one\n";
    const auto read = read_text(text);
    REQUIRE(read.records.size() == 1);
    CHECK(read.records[0].ticket.line == 1502);
    CHECK(read.diagnostics.size() == faqt::k_max_kept_warnings);
    CHECK(read.diagnostics.back().line == static_cast<int>(faqt::k_max_kept_warnings) + 1);
    CHECK(read.counts.warnings_not_kept == 500);
    CHECK(read.counts.skipped == 1500);
}

TEST_CASE("a quoted cell that never closes in a long file skips one bounded record, then reads on", "[tickets][csv]") {
    std::string text = "Subject,Body\nfirst,\"opens\n";
    const std::string filler(1000, 'x');
    while (text.size() < faqt::k_max_record_bytes + 10000) {
        text += filler + "\n";
    }
    text += "after,the cap\n";
    const auto read = read_text(text);
    REQUIRE_FALSE(read.records.empty());
    CHECK(read.records.back().ticket.subject == "after");
    REQUIRE_FALSE(read.diagnostics.empty());
    CHECK(read.diagnostics[0].line == 2);
    CHECK(read.diagnostics[0].message.find("longer than 4 MiB") != std::string::npos);
}

TEST_CASE("TSV keeps empty cells between tabs", "[tickets][csv]") {
    const auto read = read_text("id\tSubject\tQueueName\tRequestors\n7\t\tGeneral\tx@y\n", ".tsv");
    REQUIRE(read.records.size() == 1);
    CHECK(read.records[0].ticket.subject.empty());
    CHECK(read.records[0].ticket.category == "General");
    CHECK(read.records[0].ticket.from_address == "x@y");
}
