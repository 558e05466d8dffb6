#include "tickets/write_next.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "content/stopwords.hpp"

using faqt::cluster_unanswered;
using faqt::ClusterTicket;
using faqt::WriteNextCluster;

namespace {

ClusterTicket ticket(std::string category, std::string subject, std::string body, bool unanswered,
                     std::size_t period = 0) {
    ClusterTicket t;
    t.category = std::move(category);
    t.subject = std::move(subject);
    t.body = std::move(body);
    t.unanswered = unanswered;
    t.period = period;
    return t;
}

// Tickets the KB answers, of every kind: the baseline that makes "please"
// and "laptop" common and "vpn" rare.
void add_answered(std::vector<ClusterTicket>& tickets) {
    const char* subjects[] = {"Password reset please",        "Please help with my laptop",
                              "Outlook asks for my password", "Laptop battery please check",
                              "Teams camera not working",     "Please reset my password",
                              "Laptop keyboard broken",       "Need help with Outlook rules"};
    for (int round = 0; round < 3; ++round) {
        for (const char* s : subjects) {
            tickets.push_back(ticket("accounts", s, "Hello, please help me with this, thank you", false));
        }
    }
}

const WriteNextCluster* find_cluster(const std::vector<WriteNextCluster>& clusters, const std::string& category,
                                     const std::string& first_term) {
    for (const auto& c : clusters) {
        if (c.category == category && !c.terms.empty() && c.terms.front() == first_term) {
            return &c;
        }
    }
    return nullptr;
}

const WriteNextCluster* find_other(const std::vector<WriteNextCluster>& clusters, const std::string& category) {
    for (const auto& c : clusters) {
        if (c.category == category && c.terms.empty()) {
            return &c;
        }
    }
    return nullptr;
}

bool same(const std::vector<WriteNextCluster>& a, const std::vector<WriteNextCluster>& b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].category != b[i].category || a[i].tickets != b[i].tickets || a[i].terms != b[i].terms ||
            a[i].examples != b[i].examples || a[i].per_period != b[i].per_period) {
            return false;
        }
    }
    return true;
}

std::size_t total_tickets(const std::vector<WriteNextCluster>& clusters) {
    std::size_t n = 0;
    for (const auto& c : clusters) {
        n += c.tickets;
    }
    return n;
}

}  // namespace

TEST_CASE("the unanswered tickets of a category cluster by the words they share and others lack", "[write_next]") {
    std::vector<ClusterTicket> tickets;
    add_answered(tickets);
    tickets.push_back(ticket("network", "VPN keeps dropping", "please help, the vpn drops every hour", true));
    tickets.push_back(ticket("network", "Cannot connect to VPN", "please, vpn says timeout", true));
    tickets.push_back(ticket("network", "VPN slow at home", "the vpn is slow", true));
    tickets.push_back(ticket("network", "vpn broken", "", true));
    tickets.push_back(ticket("network", "Wifi in room 4 weak", "please check the wifi", true));
    tickets.push_back(ticket("network", "Wifi drops in the canteen", "wifi again", true));
    tickets.push_back(ticket("hardware", "Printer jammed", "the printer on floor 2 jams", true));
    tickets.push_back(ticket("hardware", "Printer offline", "printer shows offline", true));

    const auto clusters = cluster_unanswered(tickets, 1, "en");
    const auto* vpn = find_cluster(clusters, "network", "vpn");
    REQUIRE(vpn != nullptr);
    CHECK(vpn->tickets == 4);
    const auto* wifi = find_cluster(clusters, "network", "wifi");
    REQUIRE(wifi != nullptr);
    CHECK(wifi->tickets == 2);
    const auto* printer = find_cluster(clusters, "hardware", "printer");
    REQUIRE(printer != nullptr);
    CHECK(printer->tickets == 2);
    // Answered tickets are the baseline, never a cluster; every unanswered
    // ticket is in exactly one cluster.
    CHECK(total_tickets(clusters) == 8);
    for (const auto& c : clusters) {
        CHECK(c.category != "accounts");
        for (const auto& term : c.terms) {
            CHECK(term != "please");  // common everywhere
        }
    }
}

TEST_CASE("a phrase takes its word's place when it holds nearly as many tickets", "[write_next]") {
    std::vector<ClusterTicket> tickets;
    add_answered(tickets);
    for (int i = 0; i < 4; ++i) {
        tickets.push_back(ticket("security", "Certificate expired on server " + std::string(1, char('a' + i)),
                                 "browser warns", true));
    }
    tickets.push_back(ticket("security", "Certificate request for a new site", "", true));
    // Words that are never next to each other make no phrase.
    tickets.push_back(ticket("security", "Token lost", "my token is lost", true));
    tickets.push_back(ticket("security", "Token was lost", "", true));

    const auto clusters = cluster_unanswered(tickets, 1, "en");
    const auto* phrase = find_cluster(clusters, "security", "certificate expired");
    REQUIRE(phrase != nullptr);
    CHECK(phrase->tickets == 4);
    // Its words are not named again beside it.
    CHECK(std::find(phrase->terms.begin(), phrase->terms.end(), "certificate") == phrase->terms.end());
    CHECK(std::find(phrase->terms.begin(), phrase->terms.end(), "expired") == phrase->terms.end());
    for (const auto& c : clusters) {
        for (const auto& term : c.terms) {
            CHECK(term != "token lost");  // "is" stands between them in one ticket, "was" in the other
        }
    }
    // The word alone keeps one ticket: too few for a cluster of its own.
    CHECK(find_cluster(clusters, "security", "certificate") == nullptr);
}

TEST_CASE("a phrase held by far fewer tickets than its word leaves the word first", "[write_next]") {
    std::vector<ClusterTicket> tickets;
    add_answered(tickets);
    tickets.push_back(ticket("network", "VPN drops hourly", "", true));
    tickets.push_back(ticket("network", "VPN drops again", "", true));
    tickets.push_back(ticket("network", "VPN timeout", "", true));
    tickets.push_back(ticket("network", "VPN login fails", "", true));
    tickets.push_back(ticket("network", "VPN is slow", "", true));
    tickets.push_back(ticket("network", "VPN certificate", "", true));
    const auto clusters = cluster_unanswered(tickets, 1, "en");
    const auto* vpn = find_cluster(clusters, "network", "vpn");
    REQUIRE(vpn != nullptr);
    CHECK(vpn->tickets == 6);
}

TEST_CASE("error codes stay whole and make clusters; numbers and stopwords do not", "[write_next]") {
    std::vector<ClusterTicket> tickets;
    add_answered(tickets);
    tickets.push_back(ticket("windows", "Update fails", "error 0x80070005 when installing, since 2024", true));
    tickets.push_back(ticket("windows", "Install problem", "It shows 0x80070005 and stops in 2024", true));
    tickets.push_back(ticket("windows", "Setup stuck", "0x80070005 again in 2024", true));
    tickets.push_back(ticket("browser", "Site down", "Chrome says ERR_CONN_RESET in 2024", true));
    tickets.push_back(ticket("browser", "Intranet page", "err_conn_reset with the intranet in 2024", true));

    const auto clusters = cluster_unanswered(tickets, 1, "en");
    const auto* code = find_cluster(clusters, "windows", "0x80070005");
    REQUIRE(code != nullptr);
    CHECK(code->tickets == 3);
    const auto* reset = find_cluster(clusters, "browser", "err_conn_reset");
    REQUIRE(reset != nullptr);
    CHECK(reset->tickets == 2);
    for (const auto& c : clusters) {
        for (const auto& term : c.terms) {
            CHECK(term.find("2024") == std::string::npos);
            // No stopword, alone or in a phrase.
            std::size_t start = 0;
            for (std::size_t end = 0; end <= term.size(); ++end) {
                if (end == term.size() || term[end] == ' ') {
                    CHECK_FALSE(faqt::is_stopword(term.substr(start, end - start)));
                    start = end + 1;
                }
            }
        }
    }
}

TEST_CASE("stopwords, request words and lone letters make no cluster, however many tickets hold them", "[write_next]") {
    std::vector<ClusterTicket> tickets;
    add_answered(tickets);
    tickets.push_back(ticket("misc", "What is this, urgent", "I have it and the x, help needed", true));
    tickets.push_back(ticket("misc", "Where is it, urgent", "I have it and the x, help needed", true));
    tickets.push_back(ticket("misc", "Why is that, urgent", "I have it and the x, help needed", true));
    const auto clusters = cluster_unanswered(tickets, 1, "en");
    REQUIRE(clusters.size() == 1);
    CHECK(clusters[0].terms.empty());
    CHECK(clusters[0].tickets == 3);
}

TEST_CASE("the tickets no term gathers form the category's other cluster", "[write_next]") {
    std::vector<ClusterTicket> tickets;
    add_answered(tickets);
    tickets.push_back(ticket("network", "VPN drops", "", true));
    tickets.push_back(ticket("network", "VPN timeout", "", true));
    tickets.push_back(ticket("network", "Proxy blocks site", "", true));
    tickets.push_back(ticket("network", "", "", true));  // no text at all
    tickets.push_back(ticket("hardware", "Mouse squeaks", "", true));

    const auto clusters = cluster_unanswered(tickets, 1, "en");
    const auto* other = find_other(clusters, "network");
    REQUIRE(other != nullptr);
    CHECK(other->tickets == 2);
    REQUIRE(other->examples.size() == 1);  // the ticket without a subject has no example
    CHECK(other->examples[0] == "Proxy blocks site");
    const auto* lone = find_other(clusters, "hardware");
    REQUIRE(lone != nullptr);
    CHECK(lone->tickets == 1);
    CHECK(total_tickets(clusters) == 5);
}

TEST_CASE("clusters rank by tickets, then category and terms; examples most recent first and distinct",
          "[write_next]") {
    std::vector<ClusterTicket> tickets;
    add_answered(tickets);
    // Given most recent first within a period, as the report's sample is.
    tickets.push_back(ticket("network", "vpn drops", "", true, 0));
    tickets.push_back(ticket("network", "VPN  drops", "", true, 2));  // the same subject, folded
    tickets.push_back(ticket("network", "VPN timeout", "", true, 1));
    tickets.push_back(ticket("network", "VPN slow", "", true, 2));
    tickets.push_back(ticket("network", "VPN login", "", true, 0));
    tickets.push_back(ticket("hardware", "Printer jams", "", true, 1));
    tickets.push_back(ticket("hardware", "Printer offline", "", true, 1));
    tickets.push_back(ticket("accounts", "Mailbox full", "", true, 1));
    tickets.push_back(ticket("accounts", "Mailbox quota", "", true, 1));

    const auto clusters = cluster_unanswered(tickets, 3, "en");
    REQUIRE(clusters.size() == 3);
    CHECK(clusters[0].category == "network");
    CHECK(clusters[0].tickets == 5);
    CHECK(clusters[0].per_period == std::vector<std::size_t>{2, 1, 2});
    CHECK(clusters[0].examples == std::vector<std::string>{"VPN drops", "VPN slow", "VPN timeout"});
    // Two clusters of two: by category.
    CHECK(clusters[1].category == "accounts");
    CHECK(clusters[1].terms.front() == "mailbox");
    CHECK(clusters[2].category == "hardware");
    CHECK(clusters[2].per_period == std::vector<std::size_t>{0, 2, 0});
}

TEST_CASE("a subject's words count twice", "[write_next]") {
    std::vector<ClusterTicket> tickets;
    add_answered(tickets);
    // "scanner" in the subjects, "toner" in the bodies of the same tickets:
    // the subject's word leads.
    tickets.push_back(ticket("hardware", "Scanner error", "toner low", true));
    tickets.push_back(ticket("hardware", "Scanner stuck", "toner out", true));
    tickets.push_back(ticket("hardware", "Scanner again", "toner gone", true));
    const auto clusters = cluster_unanswered(tickets, 1, "en");
    REQUIRE(clusters.size() == 1);
    REQUIRE(clusters[0].terms.size() >= 2);
    CHECK(clusters[0].terms[0] == "scanner");
    CHECK(clusters[0].terms[1] == "toner");
}

TEST_CASE("only the first words of a long body are read", "[write_next]") {
    std::vector<ClusterTicket> tickets;
    add_answered(tickets);
    std::string filler;
    for (int i = 0; i < 300; ++i) {
        filler += "word" + std::to_string(i % 7 == 0 ? 0 : i) + " ";
    }
    tickets.push_back(ticket("misc", "One", filler + "zebra", true));
    tickets.push_back(ticket("misc", "Two", filler + "zebra", true));
    const auto clusters = cluster_unanswered(tickets, 1, "en");
    for (const auto& c : clusters) {
        CHECK(std::find(c.terms.begin(), c.terms.end(), "zebra") == c.terms.end());
    }
}

TEST_CASE("clustering is deterministic", "[write_next]") {
    std::vector<ClusterTicket> tickets;
    add_answered(tickets);
    const char* words[] = {"vpn", "wifi", "proxy", "dns", "firewall"};
    for (int i = 0; i < 60; ++i) {
        tickets.push_back(
            ticket(i % 2 == 0 ? "network" : "security", std::string(words[i % 5]) + " issue " + words[(i * 3) % 5],
                   std::string("details about ") + words[(i * 7) % 5], i % 3 != 0, static_cast<std::size_t>(i % 4)));
    }
    const auto first = cluster_unanswered(tickets, 4, "en");
    const auto second = cluster_unanswered(tickets, 4, "en");
    CHECK(same(first, second));
    CHECK(total_tickets(first) == 40);
}

TEST_CASE("no tickets, or none unanswered, give no clusters", "[write_next]") {
    CHECK(cluster_unanswered({}, 0, "en").empty());
    CHECK(cluster_unanswered({}, 4, "en").empty());
    std::vector<ClusterTicket> tickets;
    add_answered(tickets);
    CHECK(cluster_unanswered(tickets, 1, "en").empty());
}

TEST_CASE("tickets outside the periods count in no period", "[write_next]") {
    std::vector<ClusterTicket> tickets;
    tickets.push_back(ticket("network", "VPN drops", "", true, 0));
    tickets.push_back(ticket("network", "VPN slow", "", true, static_cast<std::size_t>(-1)));
    tickets.push_back(ticket("accounts", "Password", "", false, 0));
    const auto clusters = cluster_unanswered(tickets, 2, "en");
    REQUIRE(clusters.size() == 1);
    CHECK(clusters[0].tickets == 2);
    CHECK(clusters[0].per_period == std::vector<std::size_t>{1, 0});
}

TEST_CASE("words of any script cluster, folded", "[write_next]") {
    std::vector<ClusterTicket> tickets;
    add_answered(tickets);
    tickets.push_back(ticket("tai-khoan", "Quên mật khẩu", "Em bị quên mật khẩu email", true));
    tickets.push_back(ticket("tai-khoan", "Quen mat khau VPN", "", true));
    tickets.push_back(ticket("tai-khoan", "Lỗi đăng nhập", "", true));
    tickets.push_back(ticket("drukarki", "Drukarka nie działa", "", true));
    tickets.push_back(ticket("drukarki", "Drukarka zacina papier", "", true));
    tickets.push_back(ticket("printers-ru", "Принтер не печатает", "", true));
    tickets.push_back(ticket("printers-ru", "ПРИНТЕР сломан", "", true));

    const auto clusters = cluster_unanswered(tickets, 1, "vi");
    const auto* vi = find_cluster(clusters, "tai-khoan", "mat khau");
    REQUIRE(vi != nullptr);
    CHECK(vi->tickets == 2);
    CHECK(vi->examples == std::vector<std::string>{"Quên mật khẩu", "Quen mat khau VPN"});
    const auto* pl = find_cluster(clusters, "drukarki", "drukarka");
    REQUIRE(pl != nullptr);
    CHECK(pl->tickets == 2);
    const auto* ru = find_cluster(clusters, "printers-ru", "принтер");
    REQUIRE(ru != nullptr);
    CHECK(ru->tickets == 2);
}
