#include "cli/report_coverage.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "cli/ticket_suggest.hpp"
#include "content/kb.hpp"
#include "index/index.hpp"
#include "index/suggest.hpp"
#include "tests/unit/index/temp_kb.hpp"

using namespace faqt;
using faqt::cli::CategoryCoverage;
using faqt::cli::Coverage;
using faqt::cli::coverage_sample;
using faqt::cli::measure_coverage;
using faqt::test::article;
using faqt::test::TempKb;

namespace {

constexpr std::size_t k_out = std::string::npos;  // opened outside the range

constexpr const char* k_toml = R"(
[kb]
title = "Coverage KB"
default_lang = "en"

[[categories]]
id = "network/vpn"
name = "VPN"

[[categories]]
id = "network/wifi"
name = "Wifi"

[[categories]]
id = "accounts"
name = "Accounts"

[[categories]]
id = "printers"
name = "Printers"
)";

// The KB: network/vpn has a public and an internal article and an open
// known error; accounts a public article (and its translation) that lists
// INC-7; printers only a draft; network/wifi nothing.
class CoverageKb {
public:
    CoverageKb() : kb(k_toml) {
        kb.write("network/vpn-drops.md", article(R"(title = "VPN disconnects every 10 minutes"
type = "known-error"
status = "workaround"
categories = ["network/vpn"])",
                                                 "## Symptoms\n\nThe VPN tunnel ends with ERR_CONN_RESET every ten "
                                                 "minutes.\n\n## Workaround\n\nTurn off power saving.\n"));
        kb.write("network/vpn-admin.md", article(R"(title = "Restart the VPN concentrator"
type = "howto"
visibility = "internal"
categories = ["network/vpn"])",
                                                 "Log in to the concentrator and restart the service.\n"));
        kb.write("accounts/password-reset.md", article(R"(title = "Reset a forgotten password"
type = "howto"
categories = ["accounts"]
tickets = ["INC-7"])",
                                                       "Go to the password portal and reset your password.\n"));
        kb.write("accounts/password-reset.vi.md", article(R"(id = "accounts/password-reset"
title = "Đặt lại mật khẩu khi bị quên"
lang = "vi"
type = "howto"
categories = ["accounts"])",
                                                          "Vào cổng mật khẩu và đặt lại mật khẩu.\n"));
        kb.write("printers/new-printer.md", article(R"(title = "Request a new printer"
type = "faq"
draft = true
categories = ["printers"]
tickets = ["INC-8"])",
                                                    "Printers are ordered through Facilities.\n"));
        auto loaded = load_kb(kb.root());
        REQUIRE(loaded.ok());
        config = loaded->config;
        articles = loaded->articles;
    }

    void index() { REQUIRE(sync_index(config).ok()); }

    TempKb kb;
    Config config;
    std::vector<Article> articles;
};

// An export of tickets, as folding and the report would give them.
struct Tickets {
    TicketHistory history;
    Report report;
    std::unordered_map<std::string, Ticket> texts;

    Tickets() { history.values.assign(1, ""); }

    std::uint32_t intern(const std::string& value) {
        if (value.empty()) {
            return 0;
        }
        auto it = std::find(history.values.begin(), history.values.end(), value);
        if (it != history.values.end()) {
            return static_cast<std::uint32_t>(it - history.values.begin());
        }
        history.values.push_back(value);
        return static_cast<std::uint32_t>(history.values.size() - 1);
    }

    // mapped: the KB category the report mapped the value to ("" none).
    void add(const std::string& id, std::int64_t created, const std::string& value, const std::string& mapped,
             std::size_t period, const std::string& subject, const std::string& body = "") {
        FoldedTicket t;
        t.id = id;
        t.line = history.tickets.size() + 2;
        t.created = created;
        t.category = intern(value);
        t.has_text = !subject.empty() || !body.empty();
        history.tickets.push_back(t);
        report.ticket_category.push_back(mapped);
        report.ticket_period.push_back(period);
        if (t.has_text) {
            Ticket text;
            text.id = id;
            text.subject = subject;
            text.body = body;
            text.category = value;
            texts[ticket_key(t)] = text;
        }
    }
};

const CategoryCoverage* find(const Coverage& coverage, const std::string& category) {
    for (const auto& c : coverage.categories) {
        if (c.category == category) {
            return &c;
        }
    }
    return nullptr;
}

}  // namespace

TEST_CASE("the sample: opened in the range, with text, most recent first, at most the size asked",
          "[report_coverage]") {
    Tickets t;
    t.add("INC-1", 100, "VPN", "network/vpn", 0, "a");
    t.add("INC-2", 300, "VPN", "network/vpn", 1, "b");
    t.add("INC-3", 200, "VPN", "network/vpn", k_out, "c");  // before --since
    t.add("INC-4", 400, "VPN", "network/vpn", 1, "");       // no text
    t.add("INC-5", 300, "VPN", "network/vpn", 1, "e");      // created with INC-2: the later row first
    t.add("INC-6", 50, "VPN", "network/vpn", 0, "f");

    CHECK(coverage_sample(t.history, t.report, 10) == std::vector<std::size_t>{4, 1, 0, 5});
    CHECK(coverage_sample(t.history, t.report, 2) == std::vector<std::size_t>{4, 1});
    CHECK(coverage_sample(t.history, t.report, 0).empty());
}

TEST_CASE("without suggest: articles and tickets per category, listed tickets answered, uncovered categories",
          "[report_coverage]") {
    CoverageKb kb;
    Tickets t;
    t.add("INC-1", 10, "VPN", "network/vpn", 0, "VPN drops");
    t.add("INC-2", 20, "VPN", "network/vpn", 0, "VPN slow");
    t.add("INC-3", 30, "Wifi", "network/wifi", 1, "Wifi weak");
    t.add("INC-4", 40, "Network", "network", 1, "Network down");
    t.add("INC-5", 50, "Kitchen", "", 1, "Coffee machine");     // no KB category
    t.add("INC-6", 60, "", "", 1, "Something");                 // no category at all
    t.add("inc 7", 70, "Accounts", "accounts", 1, "Password");  // listed as INC-7
    t.add("INC-8", 80, "Printers", "printers", 1, "Printer");   // listed by a draft only
    t.add("INC-9", 5, "VPN", "network/vpn", k_out, "old");      // outside the range

    const auto sample = coverage_sample(t.history, t.report, 100);
    REQUIRE(sample.size() == 8);
    auto measured = measure_coverage(kb.config, kb.articles, t.history, t.report, sample, t.texts, false);
    REQUIRE(measured.ok());
    const Coverage& c = *measured;

    const auto* vpn = find(c, "network/vpn");
    REQUIRE(vpn != nullptr);
    CHECK(vpn->mapped);
    CHECK(vpn->tickets == 2);  // INC-9 is outside the range
    CHECK(vpn->public_articles == 1);
    CHECK(vpn->internal_articles == 1);
    CHECK(vpn->open_known_errors == 1);
    // An ancestor counts the articles below it.
    const auto* network = find(c, "network");
    REQUIRE(network != nullptr);
    CHECK(network->public_articles == 1);
    CHECK(network->internal_articles == 1);
    // A translation is the same article.
    const auto* accounts = find(c, "accounts");
    REQUIRE(accounts != nullptr);
    CHECK(accounts->public_articles == 1);
    CHECK(accounts->answered == 1);
    // Drafts count nowhere and list nothing.
    const auto* printers = find(c, "printers");
    REQUIRE(printers != nullptr);
    CHECK(printers->public_articles + printers->internal_articles == 0);
    CHECK(printers->answered == 0);
    const auto* kitchen = find(c, "Kitchen");
    REQUIRE(kitchen != nullptr);
    CHECK_FALSE(kitchen->mapped);
    const auto* none = find(c, "(none)");
    REQUIRE(none != nullptr);
    CHECK_FALSE(none->mapped);

    // By tickets, most first, then as the categories sort.
    REQUIRE(c.categories.size() == 7);
    CHECK(c.categories[0].category == "network/vpn");
    CHECK(std::is_sorted(c.categories.begin(), c.categories.end(),
                         [](const CategoryCoverage& x, const CategoryCoverage& y) { return x.tickets > y.tickets; }));
    // "(none)" names no category: never uncovered.
    std::vector<std::string> uncovered = c.uncovered;
    std::sort(uncovered.begin(), uncovered.end());
    CHECK(uncovered == std::vector<std::string>{"Kitchen", "network/wifi", "printers"});

    CHECK_FALSE(c.not_run.empty());
    CHECK(c.sampled == 0);
    CHECK(c.answered == 1);
    CHECK(c.listed == 1);
    CHECK(vpn->sampled == 0);

    // Every sampled ticket goes to write next in sample order; unjudged
    // ones are unanswered only by their category.
    REQUIRE(c.cluster_input.size() == 8);
    CHECK(c.cluster_input[0].subject == "Printer");
    CHECK(c.cluster_input[0].category == "printers");
    CHECK(c.cluster_input[0].unanswered);
    std::size_t unanswered = 0;
    for (const auto& ticket : c.cluster_input) {
        if (ticket.unanswered) {
            ++unanswered;
        }
        if (ticket.subject == "Something") {
            CHECK(ticket.category.empty());
            CHECK_FALSE(ticket.unanswered);
        }
        if (ticket.subject == "Password") {
            CHECK_FALSE(ticket.unanswered);
        }
        if (ticket.subject == "VPN drops") {
            CHECK(ticket.period == 0);
            CHECK_FALSE(ticket.unanswered);
        }
    }
    CHECK(unanswered == 3);  // wifi, kitchen, printers
}

TEST_CASE("with suggest: a confident suggestion answers a ticket, as faqt suggest judges it", "[report_coverage]") {
    CoverageKb kb;
    kb.index();
    Tickets t;
    t.add("INC-1", 10, "VPN", "network/vpn", 0, "VPN disconnects every 10 minutes",
          "Hi team,\nthe VPN tunnel drops with ERR_CONN_RESET every ten minutes.\nThanks\nAnna");
    t.add("INC-2", 20, "VPN", "network/vpn", 0, "Canteen menu", "Is there a vegetarian lunch on Friday?");
    t.add("INC-3", 30, "Accounts", "accounts", 1, "Forgot my password", "I forgot my password, please reset it");
    t.add("INC-4", 40, "Wifi", "network/wifi", 1, "Reset a forgotten password", "Go to the password portal");
    t.add("INC-7", 50, "Accounts", "accounts", 1, "Whatever", "no words of any article");
    for (int i = 0; i < 12; ++i) {
        t.add("X-" + std::to_string(i), 100 + i, "VPN", "network/vpn", 1,
              i % 2 == 0 ? "VPN disconnects with ERR_CONN_RESET" : "Lunch menu vegetarian");
    }

    const auto sample = coverage_sample(t.history, t.report, 100);
    auto measured = measure_coverage(kb.config, kb.articles, t.history, t.report, sample, t.texts, true);
    REQUIRE(measured.ok());
    const Coverage& c = *measured;
    CHECK(c.not_run.empty());
    CHECK(c.sampled == sample.size());
    CHECK(c.listed == 1);

    // The same judgement as suggest's, one ticket at a time on one Suggester.
    auto suggester = Suggester::open(kb.config);
    REQUIRE(suggester.ok());
    REQUIRE(c.cluster_input.size() == sample.size());
    std::size_t answered = 0;
    for (std::size_t k = 0; k < sample.size(); ++k) {
        const FoldedTicket& folded = t.history.tickets[sample[k]];
        const Ticket& ticket = t.texts.at(ticket_key(folded));
        auto one = cli::suggest_for_ticket(ticket, cli::TicketHints{}, 5, kb.config, *suggester);
        REQUIRE(one.ok());
        const bool listed = folded.id == "INC-7";
        const bool is_answered = listed || one->confident;
        answered += is_answered ? 1 : 0;
        const bool wifi = t.report.ticket_category[sample[k]] == "network/wifi";
        CHECK(c.cluster_input[k].unanswered == (!listed && (!one->confident || wifi)));
    }
    CHECK(c.answered == answered);
    // The VPN ticket is answered, the canteen is not.
    CHECK(answered > 1);
    CHECK(answered < sample.size());
    const auto* vpn = find(c, "network/vpn");
    REQUIRE(vpn != nullptr);
    CHECK(vpn->sampled == 14);
    CHECK(vpn->answered >= 7);
    CHECK(vpn->answered < 14);

    // Measured again: the same numbers, whatever the threads did.
    auto again = measure_coverage(kb.config, kb.articles, t.history, t.report, sample, t.texts, true);
    REQUIRE(again.ok());
    CHECK(again->answered == c.answered);
    for (std::size_t k = 0; k < c.cluster_input.size(); ++k) {
        CHECK(again->cluster_input[k].unanswered == c.cluster_input[k].unanswered);
        CHECK(again->cluster_input[k].subject == c.cluster_input[k].subject);
    }
}

TEST_CASE("with suggest and no text: suggest does not run, and says why", "[report_coverage]") {
    CoverageKb kb;
    kb.index();
    Tickets t;
    t.add("INC-1", 10, "VPN", "network/vpn", 0, "");
    auto measured = measure_coverage(kb.config, kb.articles, t.history, t.report,
                                     coverage_sample(t.history, t.report, 10), t.texts, true);
    REQUIRE(measured.ok());
    CHECK(measured->not_run == "no ticket has text");
    CHECK(measured->sampled == 0);
    REQUIRE(measured->categories.size() == 1);
    CHECK(measured->categories[0].tickets == 1);
}

TEST_CASE("with suggest and no index: the index's error", "[report_coverage]") {
    CoverageKb kb;
    Tickets t;
    t.add("INC-1", 10, "VPN", "network/vpn", 0, "VPN drops");
    auto measured = measure_coverage(kb.config, kb.articles, t.history, t.report,
                                     coverage_sample(t.history, t.report, 10), t.texts, true);
    CHECK_FALSE(measured.ok());
}
