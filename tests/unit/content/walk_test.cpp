#include "content/walk.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "content/article.hpp"
#include "test_support.hpp"

using faqt::Article;
using faqt::Config;
using faqt::parse_article;
using faqt::parse_flow;
using faqt::Walk;
using faqt::walk_note;
using faqt::WalkEndKind;
using faqt::WalkReplyKind;
using faqt::test::make_config;

namespace {

constexpr const char* k_config = R"toml(
[[escalation]]
id = "l2-print"
name = "Print team"
codes = ["PRN-L2", "PRINT"]
contact = "print@example.com"
)toml";

constexpr const char* k_dash = " \xE2\x80\x94 ";

Article make_article(std::string_view path, std::string_view title, std::string_view body, std::string_view lang = "") {
    std::string text = "+++\ntitle = \"" + std::string(title) + "\"\ntype = \"flow\"\n";
    if (!lang.empty()) {
        text += "lang = \"" + std::string(lang) + "\"\n";
    }
    text += "+++\n";
    text += body;
    return parse_article(text, path, make_config(k_config)).article;
}

struct Fixture {
    Config config = make_config(k_config);
    std::vector<Article> articles;

    explicit Fixture(std::string_view lang = "") {
        articles.push_back(make_article("printers/printer-offline.md", "Printer offline", "## Answer\n\nx\n"));
        const std::string d = k_dash;
        articles.push_back(make_article("flows/printer.md", "Printer flow",
                                        "## Steps\n\n"
                                        "1. Is the job in the **list**?" +
                                            d + "yes: step 2" + d + "no: step 3" + d +
                                            "not sure: step 3\n"
                                            "2. {internal} Does the screen show Ready?" +
                                            d + "yes: resolved" + d +
                                            "no: escalate l2-print\n"
                                            "3. Is the printer offline?" +
                                            d + "offline: [Offline](../printers/printer-offline.md)" + d +
                                            "b: step 1\n",
                                        lang));
    }

    Walk walk() const { return Walk(articles.back(), parse_flow(articles.back(), config).flow, articles, config); }
};

}  // namespace

TEST_CASE("a walk starts on step 1 and follows answers to a resolved end", "[walk]") {
    const Fixture kb;
    auto walk = kb.walk();
    REQUIRE_FALSE(walk.finished());
    CHECK(walk.current().number == 1);
    CHECK(walk.answer("Yes").kind == WalkReplyKind::moved);
    CHECK(walk.current().number == 2);
    CHECK(walk.current().internal);
    CHECK(walk.answer("1").kind == WalkReplyKind::ended);
    CHECK(walk.end().kind == WalkEndKind::resolved);
    CHECK(walk.end().step_number == 2);
    CHECK(walk.answer("yes").kind == WalkReplyKind::finished);
    CHECK(walk_note(walk, 200) ==
          "Flow: Printer flow (flows/printer)\n"
          "1. Is the job in the list?" +
              std::string(k_dash) +
              "yes\n"
              "2. Does the screen show Ready?" +
              std::string(k_dash) +
              "yes\n"
              "Resolved on step 2\n"
              "Time spent: 3 min\n");
}

TEST_CASE("an answer is a folded word, a number or a unique prefix", "[walk]") {
    const Fixture kb;
    auto walk = kb.walk();
    CHECK(walk.match("NO") == 1);
    CHECK(walk.match(" no ") == -1);  // the caller trims
    CHECK(walk.match("3") == 2);
    CHECK(walk.match("4") == -1);
    CHECK(walk.match("0") == -1);
    CHECK(walk.match("not") == 2);
    CHECK(walk.match("n") == -1);  // no and not sure
    CHECK(walk.match("y") == 0);
    CHECK(walk.match("") == -1);
    const auto reply = walk.answer("maybe");
    CHECK(reply.kind == WalkReplyKind::unknown);
    CHECK(reply.message == "'maybe' is not an answer to step 1: yes | no | not sure (or 1-3, b to go back, q to stop)");
    CHECK(walk.current().number == 1);
}

TEST_CASE("b goes back one answer, q stops where the walk is", "[walk]") {
    const Fixture kb;
    auto walk = kb.walk();
    CHECK(walk.answer("b").kind == WalkReplyKind::cannot_go_back);
    CHECK(walk.answer("no").kind == WalkReplyKind::moved);
    CHECK(walk.current().number == 3);
    // Step 3 has an answer "b": it wins over going back.
    CHECK(walk.answer("b").kind == WalkReplyKind::moved);
    CHECK(walk.current().number == 1);
    CHECK(walk.answers().size() == 2);
    CHECK(walk.answer("yes").kind == WalkReplyKind::moved);
    CHECK(walk.answer("B").kind == WalkReplyKind::back);
    CHECK(walk.current().number == 1);
    CHECK(walk.answers().size() == 2);
    CHECK(walk.answer("q").kind == WalkReplyKind::stopped);
    CHECK(walk.end().kind == WalkEndKind::stopped);
    CHECK(walk.end().step_number == 1);
    CHECK(walk_note(walk, 0).ends_with("Stopped at step 1\nTime spent: 1 min\n"));
    // Back after the end takes the walk up again.
    CHECK(walk.back());
    CHECK_FALSE(walk.finished());
    CHECK(walk.current().number == 3);
}

TEST_CASE("a walk ends on an article, found by its link", "[walk]") {
    const Fixture kb;
    auto walk = kb.walk();
    CHECK(walk.answer("no").kind == WalkReplyKind::moved);
    CHECK(walk.answer("off").kind == WalkReplyKind::ended);
    CHECK(walk.end().kind == WalkEndKind::article);
    CHECK(walk.end().target == "printers/printer-offline");
    CHECK(walk.end().title == "Printer offline");
    CHECK(walk_note(walk, 300).ends_with("Fixed by: Printer offline (printers/printer-offline)\nTime spent: 5 min\n"));
}

TEST_CASE("a walk ends on an escalation group with its codes and contact", "[walk]") {
    const Fixture kb;
    auto walk = kb.walk();
    CHECK(walk.answer("yes").kind == WalkReplyKind::moved);
    CHECK(walk.answer("no").kind == WalkReplyKind::ended);
    CHECK(walk.end().kind == WalkEndKind::escalation);
    CHECK(walk.end().target == "l2-print");
    CHECK(walk.end().title == "Print team");
    CHECK(walk.end().codes == std::vector<std::string>{"PRN-L2", "PRINT"});
    CHECK(walk_note(walk, 60).ends_with(
        "Escalated to: Print team (PRN-L2, PRINT)\nContact: print@example.com\nTime spent: 1 min\n"));
}

TEST_CASE("the note speaks the flow's language where faqt has the words", "[walk]") {
    const Fixture kb("pl");
    auto walk = kb.walk();
    CHECK(walk.answer("yes").kind == WalkReplyKind::moved);
    CHECK(walk.answer("yes").kind == WalkReplyKind::ended);
    const auto note = walk_note(walk, 120);
    CHECK(note.starts_with("Procedura: Printer flow (flows/printer)\n"));
    CHECK(note.ends_with("Rozwiązane w kroku 2\nCzas: 2 min\n"));
}

TEST_CASE("a flow without steps ends at once, stopped", "[walk]") {
    const Config config = make_config(k_config);
    const std::vector<Article> articles{make_article("flows/empty.md", "Empty", "No steps.\n")};
    const Walk walk(articles.back(), parse_flow(articles.back(), config).flow, articles, config);
    CHECK(walk.finished());
    CHECK(walk.end().kind == WalkEndKind::stopped);
}
