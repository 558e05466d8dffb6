#include "content/flow.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "content/article.hpp"
#include "content/public_view.hpp"
#include "test_support.hpp"

using faqt::Article;
using faqt::check_flow;
using faqt::Config;
using faqt::Diagnostics;
using faqt::Flow;
using faqt::FlowOutcomeKind;
using faqt::parse_article;
using faqt::parse_flow;
using faqt::Severity;
using faqt::test::describe;
using faqt::test::find_diagnostic;
using faqt::test::line_of;
using faqt::test::make_config;

namespace {

constexpr const char* k_config = R"toml(
[[escalation]]
id = "l2-print"
name = "Print team"

[flows.de]
step = ["Schritt"]
escalate = ["eskalieren"]
resolved = ["gelöst"]
heading = ["Schritte"]
)toml";

Article article(std::string_view path, std::string_view body, std::string_view lang = "") {
    std::string text = "+++\ntitle = \"Flow\"\ntype = \"flow\"\n";
    if (!lang.empty()) {
        text += "lang = \"" + std::string(lang) + "\"\n";
    }
    text += "+++\n";
    text += body;
    return parse_article(text, path, make_config(k_config)).article;
}

faqt::ParsedFlow parse(std::string_view body, std::string_view lang = "") {
    return parse_flow(article("printers/not-printing.md", body, lang), make_config(k_config));
}

}  // namespace

TEST_CASE("a flow's steps in the inline form", "[flow]") {
    const auto parsed = parse(
        "Intro.\n\n## Steps\n\n"
        "1. {printer-ready} Does the printer show \"Ready\"? \xE2\x80\x94 yes: step 2 \xE2\x80\x94 no: "
        "[Offline](../printers/printer-offline.md) \xE2\x80\x94 not sure: escalate l2-print\n"
        "2. Did the page print? -- yes: resolved -- no: step {printer-ready}\n"
        "\n## Notes\n\nnothing\n");
    INFO(describe(parsed.diagnostics));
    CHECK(parsed.diagnostics.empty());
    const Flow& flow = parsed.flow;
    CHECK(flow.line == 7);
    REQUIRE(flow.steps.size() == 2);
    const auto& first = flow.steps[0];
    CHECK(first.number == 1);
    CHECK(first.label == "printer-ready");
    CHECK_FALSE(first.internal);
    CHECK(first.question == "Does the printer show \"Ready\"?");
    CHECK(first.line == 9);
    CHECK(first.column == 1);
    REQUIRE(first.outcomes.size() == 3);
    CHECK(first.outcomes[0].answer == "yes");
    CHECK(first.outcomes[0].kind == FlowOutcomeKind::step);
    CHECK(first.outcomes[0].step_index == 1);
    CHECK(first.outcomes[1].answer == "no");
    CHECK(first.outcomes[1].kind == FlowOutcomeKind::article);
    CHECK(first.outcomes[1].target == "printers/printer-offline");
    CHECK(first.outcomes[1].link == "../printers/printer-offline.md");
    CHECK(first.outcomes[2].answer == "not sure");
    CHECK(first.outcomes[2].kind == FlowOutcomeKind::escalation);
    CHECK(first.outcomes[2].target == "l2-print");
    CHECK(first.outcomes[2].text == "escalate l2-print");
    CHECK(first.outcomes[2].line == 9);
    const auto& second = flow.steps[1];
    REQUIRE(second.outcomes.size() == 2);
    CHECK(second.outcomes[0].kind == FlowOutcomeKind::resolved);
    CHECK(second.outcomes[1].kind == FlowOutcomeKind::step);
    CHECK(second.outcomes[1].label == "printer-ready");
    CHECK(second.outcomes[1].step_index == 0);
    CHECK(second.outcomes[1].column == 44);  // columns count bytes
}

TEST_CASE("a flow's steps in the nested form, with detail, labels and internal steps", "[flow]") {
    const auto parsed = parse(
        "## Steps\n\n"
        "1. Is the printer on?\n"
        "   - yes: {spooler}\n"
        "   - no: resolved\n"
        "2. {internal} {spooler} Restart the print spooler.\n"
        "\n"
        "   Run `net stop spooler` then `net start spooler`.\n"
        "\n"
        "   - works now: resolved\n"
        "   - still broken: Escalate l2-print\n");
    INFO(describe(parsed.diagnostics));
    CHECK(parsed.diagnostics.empty());
    REQUIRE(parsed.flow.steps.size() == 2);
    const auto& first = parsed.flow.steps[0];
    REQUIRE(first.outcomes.size() == 2);
    CHECK(first.outcomes[0].step_index == 1);
    CHECK(first.outcomes[0].line == 8);
    CHECK(first.outcomes[0].column == 6);
    const auto& second = parsed.flow.steps[1];
    CHECK(second.internal);
    CHECK(second.label == "spooler");
    CHECK(second.question == "Restart the print spooler.");
    CHECK(second.detail == "Run `net stop spooler` then `net start spooler`.");
    REQUIRE(second.outcomes.size() == 2);
    CHECK(second.outcomes[1].kind == FlowOutcomeKind::escalation);
    CHECK(second.outcomes[1].target == "l2-print");
    CHECK(second.end_line == 15);
}

TEST_CASE("Vietnamese, Polish and configured words work like English ones", "[flow]") {
    SECTION("Vietnamese") {
        const auto parsed = parse(
            "## Các bước\n\n"
            "1. Máy in có sáng đèn không? \xE2\x80\x94 có: bước 2 \xE2\x80\x94 không: chuyển l2-print\n"
            "2. Đã in được chưa? \xE2\x80\x94 rồi: đã giải quyết \xE2\x80\x94 chưa: Chuyển l2-print\n",
            "vi");
        INFO(describe(parsed.diagnostics));
        CHECK(parsed.diagnostics.empty());
        REQUIRE(parsed.flow.steps.size() == 2);
        CHECK(parsed.flow.steps[0].outcomes[0].step_index == 1);
        CHECK(parsed.flow.steps[0].outcomes[1].kind == FlowOutcomeKind::escalation);
        CHECK(parsed.flow.steps[1].outcomes[0].kind == FlowOutcomeKind::resolved);
    }
    SECTION("Polish, with the words written without accents") {
        const auto parsed = parse(
            "## Kroki\n\n"
            "1. Czy drukarka jest włączona?\n"
            "   - tak: krok 2\n"
            "   - nie: eskaluj l2-print\n"
            "2. Czy strona się wydrukowała? \xE2\x80\x94 tak: rozwiazane \xE2\x80\x94 nie: krok 1\n",
            "pl");
        INFO(describe(parsed.diagnostics));
        CHECK(parsed.diagnostics.empty());
        REQUIRE(parsed.flow.steps.size() == 2);
        CHECK(parsed.flow.steps[1].outcomes[0].kind == FlowOutcomeKind::resolved);
        CHECK(parsed.flow.steps[1].outcomes[1].step_index == 0);
    }
    SECTION("[flows.de] in faqt.toml") {
        const auto parsed = parse(
            "## Schritte\n\n1. Druckt er? \xE2\x80\x94 ja: gelöst \xE2\x80\x94 nein: Schritt 2\n"
            "2. Neu starten. \xE2\x80\x94 geht nicht: eskalieren l2-print\n",
            "de");
        INFO(describe(parsed.diagnostics));
        CHECK(parsed.diagnostics.empty());
        REQUIRE(parsed.flow.steps.size() == 2);
        CHECK(parsed.flow.steps[0].outcomes[1].step_index == 1);
    }
}

TEST_CASE("parse_flow reports what it cannot read with line and column", "[flow]") {
    SECTION("no Steps section") {
        const auto parsed = parse("## Something\n\ntext\n");
        REQUIRE(parsed.diagnostics.size() == 1);
        CHECK(parsed.diagnostics[0].line == 3);
        CHECK_THAT(parsed.diagnostics[0].message, Catch::Contains("no '## Steps' section"));
    }
    SECTION("a step without outcomes and an outcome that means nothing") {
        const auto parsed = parse(
            "## Steps\n\n"
            "1. Is it on? \xE2\x80\x94 yes: step 2 \xE2\x80\x94 no: ask again\n"
            "2. Is it plugged in?\n");
        INFO(describe(parsed.diagnostics));
        REQUIRE(parsed.diagnostics.size() == 2);
        const auto* nowhere = find_diagnostic(parsed.diagnostics, "outcome 'no' goes to 'ask again'");
        REQUIRE(nowhere != nullptr);
        CHECK(nowhere->line == 7);
        CHECK(nowhere->column == 34);
        const auto* empty = find_diagnostic(parsed.diagnostics, "step 2 has no outcomes");
        REQUIRE(empty != nullptr);
        CHECK(empty->line == 8);
    }
    SECTION("a question with a dash keeps it") {
        const auto parsed = parse(
            "## Steps\n\n1. Unplug it \xE2\x80\x94 wait a minute \xE2\x80\x94 does it work? "
            "\xE2\x80\x94 yes: resolved \xE2\x80\x94 no: escalate l2-print\n");
        INFO(describe(parsed.diagnostics));
        CHECK(parsed.diagnostics.empty());
        REQUIRE(parsed.flow.steps.size() == 1);
        CHECK(parsed.flow.steps[0].question == "Unplug it \xE2\x80\x94 wait a minute \xE2\x80\x94 does it work?");
    }
}

TEST_CASE("check_flow finds outcomes that lead nowhere, unreachable steps and endless loops", "[flow]") {
    const Config config = make_config(k_config);
    std::vector<Article> articles;
    articles.push_back(article("printers/printer-offline.md", "## Answer\n\nx\n"));
    articles.push_back(article("printers/not-printing.md",
                               "## Steps\n\n"
                               "1. A? \xE2\x80\x94 yes: step 2 \xE2\x80\x94 no: step 9 \xE2\x80\x94 maybe: {nope}\n"
                               "2. B? \xE2\x80\x94 yes: step 3 \xE2\x80\x94 no: [gone](gone.md)\n"
                               "3. C? \xE2\x80\x94 yes: step 2 \xE2\x80\x94 no: escalate l2-nobody\n"
                               "4. {loop} D? \xE2\x80\x94 yes: step 6\n"
                               "6. {loop} E? \xE2\x80\x94 yes: step 4 \xE2\x80\x94 ok: [fix](printer-offline.md)\n"));
    const auto parsed = parse_flow(articles.back(), config);
    INFO(describe(parsed.diagnostics));
    CHECK(parsed.diagnostics.empty());
    const Diagnostics diagnostics = check_flow(articles.back(), parsed.flow, articles, config);
    INFO(describe(diagnostics));
    const auto* missing = find_diagnostic(diagnostics, "goes to step 9, but the flow has steps 1 to 5");
    REQUIRE(missing != nullptr);
    CHECK(missing->line == 7);
    CHECK(find_diagnostic(diagnostics, "goes to {nope}, but no step has that label") != nullptr);
    const auto* link = find_diagnostic(diagnostics, "links to gone.md, which is no article");
    REQUIRE(link != nullptr);
    CHECK(link->line == 8);
    CHECK(find_diagnostic(diagnostics, "escalates to 'l2-nobody', which is not an escalation group") != nullptr);
    const auto* gap = find_diagnostic(diagnostics, "step written as 6 is step 5 of the list");
    REQUIRE(gap != nullptr);
    CHECK(gap->severity == Severity::warning);
    CHECK(find_diagnostic(diagnostics, "label {loop} is also step 4's") != nullptr);
    CHECK(find_diagnostic(diagnostics, "step 4 cannot be reached from step 1") != nullptr);
    CHECK(find_diagnostic(diagnostics, "step 5 cannot be reached from step 1") != nullptr);
    CHECK(diagnostics.size() == 8);
}

TEST_CASE("check_flow reports a loop with no exit at each of its steps", "[flow]") {
    const Config config = make_config(k_config);
    std::vector<Article> articles;
    articles.push_back(article("a.md",
                               "## Steps\n\n"
                               "1. A? \xE2\x80\x94 yes: step 2 \xE2\x80\x94 no: resolved\n"
                               "2. B? \xE2\x80\x94 yes: step 3\n"
                               "3. C? \xE2\x80\x94 yes: step 2\n"));
    const auto parsed = parse_flow(articles.back(), config);
    const Diagnostics diagnostics = check_flow(articles.back(), parsed.flow, articles, config);
    INFO(describe(diagnostics));
    REQUIRE(diagnostics.size() == 2);
    CHECK(find_diagnostic(diagnostics, "every path from step 2 loops without end") != nullptr);
    CHECK(find_diagnostic(diagnostics, "every path from step 3 loops without end") != nullptr);
    CHECK(diagnostics[0].line == 8);
}

TEST_CASE("the public text of a flow hides internal steps and escalation groups", "[flow][public]") {
    const Article a =
        article("printers/not-printing.md",
                "## Steps\n\n"
                "1. {ready} Is it on? \xE2\x80\x94 yes: step {spooler} \xE2\x80\x94 no: escalate l2-print\n"
                "2. {internal} {spooler} Run SECRET-COMMAND on the print server.\n"
                "\n"
                "   The admin password is in SECRET-VAULT.\n"
                "\n"
                "   - works: resolved\n"
                "   - still broken: escalate l2-print\n"
                "3. Print again.\n"
                "   - works: resolved\n"
                "   - no: step {ready}\n");
    const auto public_view = faqt::public_text(a);
    REQUIRE(public_view.sections.size() == 1);
    const std::string& text = public_view.sections[0].markdown;
    INFO(text);
    CHECK(text.find("SECRET") == std::string::npos);
    CHECK(text.find("l2-print") == std::string::npos);
    CHECK(text.find("{") == std::string::npos);
    CHECK(text ==
          "1. Is it on? \xE2\x80\x94 yes: step 2 \xE2\x80\x94 no: contact support\n"
          "2. Support does this step: contact support.\n"
          "3. Print again.\n"
          "   - works: resolved\n"
          "   - no: step 1");
    CHECK(std::string(faqt::internal_text(a)).find("SECRET-VAULT") != std::string::npos);
    CHECK(a.is_internal_line(line_of(a.source, "SECRET-VAULT")));
    CHECK_FALSE(a.is_internal_line(line_of(a.source, "Print again")));
}

TEST_CASE("the public text of a Vietnamese flow says contact support in Vietnamese", "[flow][public]") {
    const Article a =
        article("network/vpn.vi.md",
                "## Các bước\n\n"
                "1. Có mạng không? \xE2\x80\x94 có: đã giải quyết \xE2\x80\x94 không: chuyển l2-network\n",
                "vi");
    const auto public_view = faqt::public_text(a);
    REQUIRE(public_view.sections.size() == 1);
    CHECK(public_view.sections[0].markdown ==
          "1. Có mạng không? \xE2\x80\x94 có: đã giải quyết \xE2\x80\x94 không: liên hệ bộ phận hỗ trợ");
}

TEST_CASE("find_outcome_article gives the linked article, whatever its id", "[flow]") {
    std::vector<Article> articles;
    Article fix = article("printers/printer-offline.md", "## Answer\n\nx\n");
    fix.id = "printers/offline";  // as a front matter id would set it
    articles.push_back(fix);
    articles.push_back(article("flows/printer.md",
                               "## Steps\n\n1. On? \xE2\x80\x94 yes: resolved \xE2\x80\x94 no: "
                               "[Offline](../printers/printer-offline.md) \xE2\x80\x94 gone: [Gone](gone.md)\n"));
    const auto parsed = parse_flow(articles.back(), make_config(k_config));
    REQUIRE(parsed.flow.steps.size() == 1);
    const auto& outcomes = parsed.flow.steps[0].outcomes;
    REQUIRE(outcomes.size() == 3);
    CHECK(faqt::find_outcome_article(articles.back(), outcomes[0], articles) == nullptr);
    const Article* found = faqt::find_outcome_article(articles.back(), outcomes[1], articles);
    REQUIRE(found != nullptr);
    CHECK(found->id == "printers/offline");
    CHECK(faqt::find_outcome_article(articles.back(), outcomes[2], articles) == nullptr);
}
