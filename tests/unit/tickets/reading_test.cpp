#include "tickets/reading.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using faqt::read_ticket_text;
using faqt::Ticket;
using faqt::TicketText;

namespace {

TicketText read(std::string subject, std::string body) {
    Ticket t;
    t.subject = std::move(subject);
    t.body = std::move(body);
    return read_ticket_text(t);
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("greeting and closing with a name are dropped, the problem is kept") {
    auto t = read("cant log in", "Hi team,\n\nmy password expired and I cannot log in.\n\nThanks\nMaria\n");
    CHECK(t.body == "my password expired and I cannot log in.");
    CHECK(t.quoted.empty());
}

TEST_CASE("a greeting on the problem's line is cut at its comma") {
    auto t = read("", "Hi IT team, the printer on floor 3 shows offline since this morning");
    CHECK(t.body == "the printer on floor 3 shows offline since this morning");
}

TEST_CASE("Polish and Vietnamese greetings and closings, with or without diacritics") {
    auto pl = read("", "Dzień dobry,\nnie działa drukarka w biurze.\nPozdrawiam\nAnna Nowak\ntel. 123 456 789");
    CHECK(pl.body == "nie działa drukarka w biurze.");
    auto pl_plain = read("", "Dzien dobry,\nnie dziala drukarka.\nZ powazaniem,\nAnna");
    CHECK(pl_plain.body == "nie dziala drukarka.");
    auto vi = read("", "Chào anh/chị,\nEm bị quên mật khẩu.\nCảm ơn anh chị\nLinh");
    CHECK(vi.body == "Em bị quên mật khẩu.");
    auto vi_plain = read("", "Chao anh chi IT,\nEm bi quen mat khau.\nCam on\nLinh");
    CHECK(vi_plain.body == "Em bi quen mat khau.");
}

TEST_CASE("a closing followed by long lines is only a line, the rest is kept") {
    auto t = read("", "Thanks.\nAlso the VPN client shows error 809 every time I connect from the hotel wifi network");
    CHECK(has(t.body, "error 809"));
    CHECK_FALSE(has(t.body, "Thanks"));
}

TEST_CASE("a '-- ' signature ends the message") {
    auto t = read("", "Outlook is disconnected.\n-- \nJohn Smith | Sales | +44 20 1234 5678\nWe sell VPN routers");
    CHECK(t.body == "Outlook is disconnected.");
}

TEST_CASE("quoted replies go to the quoted text, by every common marker") {
    SECTION("'On … wrote:' and '>' lines") {
        auto t =
            read("Re: printer",
                 "still broken\n\nOn Mon, 1 Dec 2026 at 10:00, IT <it@x> wrote:\n> Did you restart the spooler?\n");
        CHECK(t.body == "still broken");
        CHECK(has(t.quoted, "Did you restart the spooler?"));
        CHECK(t.subject == "printer");
        CHECK(read("Re: [INC-123] VPN drops", "").subject == "VPN drops");
    }
    SECTION("an attribution over two lines") {
        auto t = read("", "same again\nOn Mon, 1 Dec 2026 at 10:00, Service Desk\n<it@x> wrote:\n> reboot the dock");
        CHECK(t.body == "same again");
        CHECK(has(t.quoted, "reboot the dock"));
    }
    SECTION("Outlook's header block") {
        auto t = read("",
                      "see below\n\nFrom: Maria Keane\nSent: Monday, 1 December 2026 10:00\nTo: IT\nSubject: "
                      "laptop\n\nMy laptop will not charge.\n");
        CHECK(t.body == "see below");
        CHECK(has(t.quoted, "will not charge"));
        CHECK_FALSE(has(t.quoted, "Sent:"));
    }
    SECTION("Outlook's header block in Polish, without diacritics") {
        auto t = read("", "prosze o pomoc\n\nOd: Anna\nWyslano: poniedzialek\nDo: IT\nTemat: drukarka\n\nnie drukuje");
        CHECK(t.body == "prosze o pomoc");
        CHECK(has(t.quoted, "nie drukuje"));
    }
    SECTION("-----Original Message----- and forwarded mail") {
        auto t = read("FW: vpn", "fyi\n-----Original Message-----\nFrom: Bob\nthe vpn drops every hour");
        CHECK(t.body == "fyi");
        CHECK(has(t.quoted, "vpn drops"));
        CHECK(t.subject == "vpn");
        auto f = read("Fwd: x", "---------- Forwarded message ---------\nerror 0x80070643 when installing");
        CHECK(f.body.empty());
        CHECK(has(f.quoted, "0x80070643"));
    }
    SECTION("Vietnamese attribution") {
        auto t = read("", "van loi\nVào Thứ Hai, IT đã viết:\n> khoi dong lai may in");
        CHECK(t.body == "van loi");
        CHECK(has(t.quoted, "khoi dong lai"));
    }
}

TEST_CASE("a confidentiality notice is dropped, in English and Polish") {
    auto t = read("",
                  "My mailbox is full.\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential "
                  "and intended solely for the addressee. If you are not the intended recipient, delete it.\n");
    CHECK(t.body == "My mailbox is full.");
    auto pl = read("",
                   "Skrzynka pelna.\n\nTa wiadomosc zawiera informacje poufne przeznaczone wylacznie dla "
                   "adresata. Jezeli nie jestes adresatem, usun ja.");
    CHECK(pl.body == "Skrzynka pelna.");
}

TEST_CASE("error codes, ticket numbers and versions are evidence; a version is found") {
    auto t =
        read("Outlook 0x800CCC0E", "AADSTS50076 on login, then ERR_CONN_RESET in client version 4.2.1, see INC4411");
    CHECK(t.evidence == std::vector<std::string>{"0x800CCC0E", "AADSTS50076", "ERR_CONN_RESET", "4.2.1", "INC4411"});
    CHECK(t.version == "4.2.1");
    CHECK(faqt::version_in_text("running v4.3.1 now") == "4.3.1");
    CHECK(faqt::version_in_text("wersja 4.2") == "4.2");
    CHECK(faqt::version_in_text("phiên bản 5.1") == "5.1");
    CHECK(faqt::version_in_text("I have 2 laptops and 3.5 problems").empty());
    CHECK_FALSE(faqt::is_evidence_word("laptop"));
    CHECK_FALSE(faqt::is_evidence_word("2024"));
    CHECK(faqt::is_evidence_word("0x0000011b"));
}

TEST_CASE("evidence only in the quoted part is still read") {
    std::ifstream in(std::string(FAQT_SOURCE_DIR) + "/tests/suggest/eml/T016-quoted-reply.eml");
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string eml = buffer.str();
    // The body after the header's blank line (the message has CRLF line ends).
    const auto blank = eml.find("\r\n\r\n");
    REQUIRE(blank != std::string::npos);
    auto t = read("Re: still happening", eml.substr(blank + 4));
    CHECK(t.body == "Still not working. It just goes back to the login box every time.");
    CHECK(t.body.find('\r') == std::string::npos);
    CHECK(has(t.quoted, "password was due to expire"));
}

TEST_CASE("a huge alert is read in linear time and never crashes") {
    std::string body;
    for (int i = 0; i < 5000; ++i) {
        body += "> ALERT host-" + std::to_string(i) + " cpu 99% version 1.2.3 ERR_" + std::to_string(i) + "\n";
    }
    auto t = read("alert", body);
    CHECK(t.evidence.size() <= 32);
    CHECK(t.version == "1.2.3");
    auto empty = read("", "");
    CHECK(empty.body.empty());
    CHECK(empty.quoted.empty());
}
