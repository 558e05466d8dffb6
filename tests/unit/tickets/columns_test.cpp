#include "tickets/columns.hpp"

#include <catch2/catch.hpp>

using faqt::column_key;
using faqt::plan_columns;
using faqt::TicketRole;

TEST_CASE("column names match folded: case, accents, spaces and punctuation", "[tickets][columns]") {
    CHECK(column_key("Short description") == column_key("short_description"));
    CHECK(column_key("Priorité") == column_key("PRIORITE"));
    CHECK(column_key("Zgłoszenie#") == "zgloszenie#");
    CHECK(column_key(" Ticket # ") == column_key("ticket#"));
    CHECK(column_key("Ticket#") != column_key("Ticket"));
    CHECK(column_key("Component/s") == "components");
}

TEST_CASE("every preset has a name and a display name, and every role a key", "[tickets][columns]") {
    const auto presets = faqt::ticket_presets();
    // faqt.toml's check of [tickets] preset knows the same names.
    REQUIRE(presets.size() == std::size(faqt::k_ticket_preset_names));
    for (std::size_t i = 0; i < presets.size(); ++i) {
        CHECK(presets[i].name == faqt::k_ticket_preset_names[i]);
    }
    for (const auto& preset : presets) {
        CHECK_FALSE(preset.name.empty());
        CHECK_FALSE(preset.display.empty());
    }
    CHECK(std::string(faqt::role_key(TicketRole::resolved)) == "resolved");
    CHECK(std::string(faqt::role_key(TicketRole::from_address)) == "from_address");
}

TEST_CASE("[tickets] columns become ColumnNames by role", "[tickets][columns]") {
    faqt::TicketsConfig config;
    config.columns["subject"] = "Title";
    config.columns["first_response"] = "First";
    const auto names = faqt::column_names(config);
    CHECK(names[TicketRole::subject] == "Title");
    CHECK(names[TicketRole::first_response] == "First");
    CHECK(names[TicketRole::id].empty());
}

TEST_CASE("a repeated header name maps every column of that name", "[tickets][columns]") {
    const auto plan = plan_columns({"Issue key", "Summary", "Component/s", "Component/s"}, "", {}, {});
    REQUIRE(plan);
    CHECK(plan->preset.name == "jira");
    CHECK(plan->columns[static_cast<std::size_t>(TicketRole::product)] == std::vector<std::size_t>{2, 3});
    CHECK(plan->has(TicketRole::subject));
    CHECK_FALSE(plan->has(TicketRole::body));
}
