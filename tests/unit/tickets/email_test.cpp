#include "tickets/email.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "content/text.hpp"

using Catch::Matchers::Contains;
using faqt::looks_like_email;
using faqt::read_email;
using faqt::read_plain_ticket;
using faqt::Ticket;

namespace {

std::string read_eml(const std::string& name) {
    std::ifstream in(std::string(FAQT_SOURCE_DIR) + "/tests/suggest/eml/" + name, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    REQUIRE(!bytes.str().empty());
    return bytes.str();
}

Ticket email(const std::string& bytes, const std::string& name = "ticket.eml") {
    auto ticket = read_email(bytes, name);
    REQUIRE(ticket.ok());
    CHECK(faqt::is_valid_utf8(ticket->subject));
    CHECK(faqt::is_valid_utf8(ticket->body));
    CHECK(faqt::is_valid_utf8(ticket->from_name));
    return std::move(ticket).value();
}

Ticket eml(const std::string& name) {
    return email(read_eml(name), name);
}

// No markup and no base64 left in a body: no tag, no long run of base64
// characters without a space.
void check_plain(const std::string& body) {
    CHECK_THAT(body, !Contains("<p>") && !Contains("<html") && !Contains("<br") && !Contains("</"));
    std::size_t run = 0;
    for (char c : body) {
        bool base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
                      c == '/' || c == '=';
        run = base64 ? run + 1 : 0;
        CHECK(run < 40);
        if (run >= 40) {
            break;
        }
    }
}

// What fn writes to the process's stderr (fd 2): a library never prints.
template <typename Fn>
std::string stderr_of(Fn fn) {
    std::fflush(stderr);
    std::FILE* capture = std::tmpfile();
    REQUIRE(capture != nullptr);
    const int saved = dup(2);
    dup2(fileno(capture), 2);
    fn();
    std::fflush(stderr);
    dup2(saved, 2);
    close(saved);
    std::rewind(capture);
    std::string text;
    for (int c = std::fgetc(capture); c != EOF; c = std::fgetc(capture)) {
        text += static_cast<char>(c);
    }
    std::fclose(capture);
    return text;
}

bool has_warning(const Ticket& ticket, const std::string& words) {
    for (const auto& diagnostic : ticket.diagnostics) {
        if (diagnostic.message.find(words) != std::string::npos && diagnostic.severity == faqt::Severity::warning) {
            return true;
        }
    }
    return false;
}

}  // namespace

TEST_CASE("multipart/alternative gives its text/plain part", "[email]") {
    Ticket ticket = eml("T050-multipart-alternative.eml");
    CHECK(ticket.subject == "Monitors no signal on dock");
    CHECK(ticket.from_name == "Chris Nolan");
    CHECK(ticket.from_address == "chris.nolan@northwind.example");
    CHECK_THAT(ticket.body, Contains("both my screens say No signal") && Contains("black dock"));
    // The HTML version of the same text is not added.
    CHECK(ticket.body.find("both my screens") == ticket.body.rfind("both my screens"));
    CHECK(!ticket.auto_generated);
    CHECK(ticket.id.empty());
    CHECK(ticket.diagnostics.empty());
    check_plain(ticket.body);
}

TEST_CASE("an HTML-only email is turned into text, its paragraphs apart", "[email]") {
    Ticket ticket = eml("T028-html-only.eml");
    CHECK(ticket.subject == "outlook trying to connect...");
    CHECK(ticket.from_name == "Nina Patel");
    CHECK_THAT(ticket.body, Contains("\"Trying to connect...\"") && Contains("Emails on my phone are fine."));
    CHECK_THAT(ticket.body, Contains("are fine.\n\nSent from my iPhone"));
    CHECK_THAT(ticket.body, !Contains("font-family") && !Contains("&quot;"));
    check_plain(ticket.body);
}

TEST_CASE("Vietnamese quoted-printable with RFC 2047 From and Subject", "[email]") {
    Ticket ticket = eml("T009-vi-quoted-printable.eml");
    CHECK(ticket.subject == "Laptop vẫn nhận mật khẩu cũ");
    CHECK(ticket.from_name == "Phạm Thu Hà");
    CHECK(ticket.from_address == "ha.pham@northwind.example");
    CHECK_THAT(ticket.body, Contains("Em đã đổi mật khẩu hôm qua ở nhà") && Contains("Giúp em với ạ."));
    CHECK_THAT(ticket.body, !Contains("=E1") && !Contains("=\n"));
}

TEST_CASE("Polish base64 in UTF-8", "[email]") {
    Ticket ticket = eml("T022-pl-base64.eml");
    CHECK(ticket.subject == "Hasło nie działa na ekranie logowania");
    CHECK(ticket.from_name == "Krzysztof Zielinski");
    CHECK_THAT(ticket.body, Contains("Dzień dobry") && Contains("hasło jest odrzucane") &&
                                Contains("klawiaturę na polską programisty"));
    check_plain(ticket.body);
}

TEST_CASE("Polish quoted-printable in windows-1250 becomes UTF-8", "[email]") {
    Ticket ticket = eml("T131-pl-windows-1250.eml");
    CHECK(ticket.subject == "Automatyczna odpowiedź");
    CHECK(ticket.from_name == "Zofia Jankowska");
    CHECK_THAT(ticket.body,
               Contains("Dzień dobry, jak włączyć odpowiedź „poza biurem” w Outlooku?") && Contains("Od poniedziałku"));
    CHECK(ticket.diagnostics.empty());
}

TEST_CASE("an attachment is ignored, the text around it kept", "[email]") {
    Ticket ticket = eml("T094-attachment.eml");
    CHECK(ticket.subject == "Printing error 0x0000011b");
    CHECK(ticket.from_name == "Tara Singh");
    CHECK_THAT(ticket.body, Contains("Error 0x0000011b.") && Contains("Screenshot attached."));
    CHECK_THAT(ticket.body, !Contains("iVBOR") && !Contains("PNG"));
    check_plain(ticket.body);
}

TEST_CASE("a reply and an Outlook forward keep their quoted text for the reader", "[email]") {
    Ticket reply = eml("T016-quoted-reply.eml");
    CHECK(reply.subject == "Re: cannot connect from home");
    CHECK(reply.from_name == "Oliver Grant");
    CHECK_THAT(reply.body, Contains("Still not working.") && Contains("> > my password was due to expire"));
    Ticket forward = eml("T107-outlook-forward.eml");
    CHECK(forward.subject == "FW: Urgent invoice payment");
    CHECK(forward.from_name == "Eddie Jones");
    CHECK_THAT(forward.body, Contains("-----Original Message-----") && Contains("Bank details changed."));
}

TEST_CASE("a machine alert is marked auto-generated; a plain email is not", "[email]") {
    Ticket alert = eml("T150-machine-alert.eml");
    CHECK(alert.subject == "Server disk space alert");
    CHECK(alert.from_name == "Monitoring");
    CHECK(alert.auto_generated);
    CHECK_THAT(alert.body, Contains("Host: app-db-03") && Contains("Threshold: 5%"));
    Ticket plain = eml("T138-no-answer.eml");
    CHECK(plain.subject == "Coffee machine broken 3rd floor");
    CHECK(plain.from_name == "Dean Wolfe");
    CHECK_THAT(plain.body, Contains("shows error E07"));
    CHECK(!plain.auto_generated);
}

TEST_CASE("auto-reply headers", "[email]") {
    auto automatic = [](const std::string& header) {
        return email("From: a@b.example\nSubject: Out of office\n" + header + "\n\ntext\n").auto_generated;
    };
    CHECK(automatic("Auto-Submitted: auto-replied"));
    CHECK(automatic("X-Autoreply: yes"));
    CHECK(automatic("X-Autorespond: yes"));
    CHECK(automatic("Precedence: bulk"));
    CHECK(!automatic("Auto-Submitted: no"));
    CHECK(!automatic("Precedence: first-class"));
}

TEST_CASE("the ticket number of the subject, the local part without a display name, the language", "[email]") {
    Ticket ticket =
        email("From: maria.keane@northwind.example\nSubject: Re: [INC-123] VPN drops\nContent-Language: pl-PL\n\nhi\n");
    CHECK(ticket.id == "INC-123");
    CHECK(ticket.from_name == "maria.keane");
    CHECK(ticket.from_address == "maria.keane@northwind.example");
    CHECK(ticket.lang == "pl-PL");
}

TEST_CASE("a forwarded message/rfc822 and an inline text part are kept as text", "[email]") {
    const std::string mail =
        "From: Eddie Jones <eddie@northwind.example>\n"
        "Subject: Fwd: invoice\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
        "--b1\nContent-Type: text/plain\n\nLooks dodgy.\n"
        "--b1\nContent-Type: text/plain; name=\"log.txt\"\nContent-Disposition: attachment; filename=log.txt\n\n"
        "attachedlogline\n"
        "--b1\nContent-Type: text/plain\nContent-Disposition: inline\n\nInline note.\n"
        "--b1\nContent-Type: message/rfc822\n\n"
        "From: =?utf-8?q?P=C5=82atno=C5=9Bci?= <pay@evil.example>\n"
        "Subject: Urgent payment\nDate: Thu, 20 Nov 2026 07:41:00 +0000\n"
        "Content-Type: text/html; charset=utf-8\n\n"
        "<p>Bank details <b>changed</b>.</p><script>alert(1)</script><style>p{}</style>\n"
        "--b1--\n";
    Ticket ticket = email(mail);
    CHECK_THAT(ticket.body, Contains("Looks dodgy.") && Contains("Inline note."));
    CHECK_THAT(ticket.body, !Contains("attachedlogline"));
    CHECK_THAT(ticket.body, Contains("---------- Forwarded message ----------\nFrom: Płatności <pay@evil.example>"));
    CHECK_THAT(ticket.body, Contains("Subject: Urgent payment") && Contains("Bank details changed."));
    CHECK_THAT(ticket.body, !Contains("alert(1)") && !Contains("p{}"));
}

TEST_CASE("multipart/alternative with an empty text/plain part gives the HTML", "[email]") {
    Ticket ticket = email(
        "From: a@b.example\nSubject: s\nContent-Type: multipart/alternative; boundary=x\n\n"
        "--x\nContent-Type: text/plain\n\n \n\n"
        "--x\nContent-Type: text/html\n\n<p>printer&nbsp;offline</p>\n--x--\n");
    CHECK(ticket.body == "printer offline");
}

TEST_CASE("an HTML reply keeps its quoted thread as \"> \" lines", "[email]") {
    Ticket ticket = email(
        "From: a@b.example\nSubject: Re: vpn\nContent-Type: text/html; charset=utf-8\n\n"
        "<div>Still broken.</div><div>On Mon, Ann wrote:<br></div>"
        "<blockquote type=\"cite\"><p>Did you restart?</p><blockquote><p>vpn drops</p></blockquote></blockquote>"
        "<div>-- <br>Bob</div>");
    CHECK(ticket.body == "Still broken.\nOn Mon, Ann wrote:\n\n> Did you restart?\n>\n> > vpn drops\n\n--\nBob");
}

TEST_CASE("an unknown or lying charset does not stop the read", "[email]") {
    Ticket unknown =
        email("From: a@b.example\nSubject: x\nContent-Type: text/plain; charset=x-no-such-charset\n\ncaf\xe9 ok\n");
    CHECK(unknown.body == "café ok");
    CHECK(has_warning(unknown, "unknown charset"));
    // Declared UTF-8, holds Latin-1 bytes and a NUL.
    const char lying_mail[] =
        "From: a@b.example\nSubject: x\nContent-Type: text/plain; charset=utf-8\n\ncaf\xe9 \xff\xfe ok\0 end\n";
    Ticket lying = email(std::string(lying_mail, sizeof lying_mail - 1));
    CHECK_THAT(lying.body, Contains("caf\xEF\xBF\xBD") && Contains("ok end"));
    // Undeclared 8-bit text that is UTF-8 stays UTF-8; Shift_JIS via ICU.
    CHECK(email("From: a@b.example\nSubject: x\n\nłódź\n").body == "łódź");
    CHECK(email("From: a@b.example\nSubject: x\nContent-Type: text/plain; charset=Shift_JIS\n\n\x93\xfa\x96\x7b\n")
              .body == "日本");
}

TEST_CASE("headers in 8-bit and broken encoded words are read", "[email]") {
    Ticket ticket =
        email("From: \"Łukasz\" <l@b.example>\nSubject: =?x-bogus?q?abc?= za\xc5\x82\xc3\xb3\xc5\xbc\n\nb\n");
    CHECK(ticket.from_name == "Łukasz");
    CHECK_THAT(ticket.subject, Contains("zażó") || Contains("załóż"));
}

TEST_CASE("hostile email: no crash, bounded, and the cuts are warnings", "[email][hostile]") {
    SECTION("a huge header") {
        Ticket ticket = email("From: a@b.example\nSubject: " + std::string(10'000'000, 'x') + "\n\nbody\n");
        CHECK(ticket.subject.size() <= faqt::k_max_header_bytes);
        CHECK(has_warning(ticket, "subject is cut"));
        CHECK(ticket.body == "body");
    }
    SECTION("deeply nested multiparts") {
        std::string mail = "From: a@b.example\nSubject: deep\nMIME-Version: 1.0\n";
        const int depth = 5000;
        for (int i = 0; i < depth; ++i) {
            mail += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\n\n--b" +
                    std::to_string(i) + "\n";
        }
        mail += "Content-Type: text/plain\n\ndeepest\n";
        for (int i = depth - 1; i >= 0; --i) {
            mail += "--b" + std::to_string(i) + "--\n";
        }
        const auto start = std::chrono::steady_clock::now();
        Ticket ticket = email(mail);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
        CHECK(ticket.subject == "deep");
        CHECK(has_warning(ticket, "nested more than"));
    }
    SECTION("a 50 MB body") {
        std::string line = "the printer on floor 3 is jammed again and again\n";
        std::string body;
        while (body.size() < 50'000'000) {
            body += line;
        }
        Ticket ticket = email("From: a@b.example\nSubject: big\n\n" + body);
        CHECK(ticket.body.size() <= faqt::k_max_body_bytes);
        CHECK(ticket.body.size() > faqt::k_max_body_bytes / 2);
        CHECK(has_warning(ticket, "cut at"));
    }
    SECTION("a 50 MB base64 HTML body") {
        std::string html = "<p>printer jammed</p>";
        std::string encoded;
        const char* chunk = "PHA+cHJpbnRlciBqYW1tZWQ8L3A+";  // "<p>printer jammed</p>"
        while (encoded.size() < 50'000'000) {
            encoded += std::string(chunk) + chunk + "\n";
        }
        Ticket ticket =
            email("From: a@b.example\nSubject: big\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n" +
                  encoded);
        CHECK(ticket.body.size() <= faqt::k_max_body_bytes);
        CHECK_THAT(ticket.body, Contains("printer jammed") && !Contains("<p>"));
        CHECK(has_warning(ticket, "cut at"));
    }
    SECTION("many parts") {
        std::string mail = "From: a@b.example\nSubject: parts\nContent-Type: multipart/mixed; boundary=b\n\n";
        for (int i = 0; i < 5000; ++i) {
            mail += "--b\nContent-Type: text/plain\n\npart" + std::to_string(i) + "\n";
        }
        mail += "--b--\n";
        Ticket ticket = email(mail);
        CHECK_THAT(ticket.body, Contains("part0") && !Contains("part4999"));
        CHECK(has_warning(ticket, "MIME parts"));
    }
    SECTION("bad UTF-8 and NULs in headers and body") {
        const char mail[] = "From: \xff\xfe <a@b.example>\nSubject: a\0b\xc3\n\nx\0y\xed\xa0\x80z\n";
        Ticket ticket = email(std::string(mail, sizeof mail - 1));
        CHECK_THAT(ticket.body, Contains("xy"));
        CHECK(ticket.body.find('\0') == std::string::npos);
        CHECK(ticket.subject.find('\0') == std::string::npos);
    }
    SECTION("no blank line after the headers") {
        Ticket ticket = email("From: Ann <ann@b.example>\nSubject: printer\nmy printer is broken\nplease help\n");
        CHECK(ticket.subject == "printer");
        CHECK(ticket.from_name == "Ann");
        CHECK_THAT(ticket.body, Contains("please help"));
    }
    SECTION("a multipart without its boundary, an empty input, CRLF") {
        Ticket ticket = email("From: a@b.example\nSubject: s\nContent-Type: multipart/mixed\n\nlost text\n");
        CHECK(ticket.subject == "s");
        // An empty input (also after an mbox line) is refused before GMime,
        // which would print an assertion on stderr.
        const std::string printed = stderr_of([] {
            CHECK(!read_email("", "empty.eml").ok());
            CHECK(!read_email(std::string_view(), "empty.eml").ok());
            CHECK(!read_email("From x@y Mon Nov 24 07:31:00 2026\n", "mbox-line-only.eml").ok());
            CHECK(!read_email("no headers at all\n", "text.eml").ok());
        });
        CHECK(printed.empty());
        CHECK(read_email("", "empty.eml").error().message == "empty.eml: not an email: no header block");
        Ticket crlf = email("From: a@b.example\r\nSubject: s\r\n\r\nline one\r\nline two\r\n");
        CHECK(crlf.body == "line one\nline two");
    }
}

TEST_CASE("looks_like_email: a header block ended by a blank line, with a known field", "[email]") {
    CHECK(looks_like_email(read_eml("T050-multipart-alternative.eml")));
    CHECK(looks_like_email(read_eml("T009-vi-quoted-printable.eml")));
    CHECK(looks_like_email("From: a@b.example\r\nSubject: x\r\n\r\nbody"));
    CHECK(
        looks_like_email("\xEF\xBB\xBF"
                         "From a@b Mon Nov 24 07:31:00 2026\nFrom: a@b\nTo: c@d\n\nbody"));
    CHECK(looks_like_email("Subject: long\n  folded\nX-Mailer: x\n\nbody"));
    // Plain-text tickets.
    CHECK(!looks_like_email("Subject: printer\nmy printer is broken\n"));
    CHECK(!looks_like_email("Subject: printer\n\nmy printer is broken\n"));
    CHECK(!looks_like_email("Error: 0x80070005\nCode: 5\n\nwhen I install"));  // no known field
    CHECK(!looks_like_email("From: a\nSubject: b\n"));                         // no blank line
    CHECK(!looks_like_email("Hi team, the VPN: it drops\nFrom: me\n\n"));
    CHECK(!looks_like_email(""));
    CHECK(!looks_like_email(" From: x\nSubject: y\n\n"));
}

TEST_CASE("read_plain_ticket: the Subject line, else all body", "[email]") {
    Ticket with_subject = read_plain_ticket("Subject: [INC-7] printer\r\n\r\nmy printer\r\nis broken\r\n");
    CHECK(with_subject.subject == "[INC-7] printer");
    CHECK(with_subject.id == "INC-7");
    CHECK(with_subject.body == "my printer\nis broken");
    Ticket body_only = read_plain_ticket("Hi, the printer\ris broken. Subject: none\n");
    CHECK(body_only.subject.empty());
    CHECK(body_only.body == "Hi, the printer\nis broken. Subject: none");
    Ticket lower = read_plain_ticket("subject: vpn");
    CHECK(lower.subject == "vpn");
    CHECK(lower.body.empty());
    Ticket bad = read_plain_ticket(std::string("\xEF\xBB\xBFx\xff\0y", 7));
    CHECK(bad.body == "x\xEF\xBF\xBDy");
    Ticket big = read_plain_ticket(std::string(3'000'000, 'a'));
    CHECK(big.body.size() == faqt::k_max_body_bytes);
    CHECK(big.diagnostics.size() == 1);
}

TEST_CASE("emails are read in parallel threads alike", "[email]") {
    const std::vector<std::string> names = {"T009-vi-quoted-printable.eml", "T022-pl-base64.eml", "T028-html-only.eml",
                                            "T131-pl-windows-1250.eml", "T050-multipart-alternative.eml"};
    std::vector<std::string> bytes;
    std::vector<std::string> expected;
    for (const std::string& name : names) {
        bytes.push_back(read_eml(name));
        expected.push_back(eml(name).body);
    }
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 50; ++round) {
                for (std::size_t i = 0; i < bytes.size(); ++i) {
                    auto ticket = read_email(bytes[i], names[i]);
                    if (!ticket.ok() || ticket->body != expected[i]) {
                        ++mismatches[static_cast<std::size_t>(t)];
                    }
                }
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    CHECK(mismatches == std::vector<int>(4, 0));
}
