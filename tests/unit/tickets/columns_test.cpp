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

TEST_CASE("the roles added for the report come after the others", "[tickets][columns]") {
    CHECK(std::string(faqt::role_key(TicketRole::updated)) == "updated");
    CHECK(std::string(faqt::role_key(TicketRole::resolution_time)) == "resolution_time");
    const std::vector<std::string> header = {"Issue key", "Summary", "Status", "Updated",
                                             "Custom field (Time to resolution)"};
    auto plan = plan_columns(header, "", {}, {});
    REQUIRE(plan);
    CHECK(plan->preset.name == "jira");
    CHECK((*plan)[TicketRole::updated] == std::vector<std::size_t>{3});
    CHECK((*plan)[TicketRole::resolution_time] == std::vector<std::size_t>{4});
    // Common names, with no preset.
    auto common = plan_columns({"Subject", "Last updated", "Resolution time"}, "", {}, {});
    REQUIRE(common);
    CHECK((*common)[TicketRole::updated] == std::vector<std::size_t>{1});
    CHECK((*common)[TicketRole::resolution_time] == std::vector<std::size_t>{2});
}

namespace {

bool closes(const std::vector<std::string>& closed, std::string_view status) {
    for (const auto& name : closed) {
        if (faqt::status_key(name) == faqt::status_key(status)) {
            return true;
        }
    }
    return false;
}

std::vector<std::string> preset_closed(const std::string& name) {
    for (const auto& preset : faqt::ticket_presets()) {
        if (preset.name == name) {
            return preset.closed;
        }
    }
    FAIL("no preset " << name);
    return {};
}

}  // namespace

TEST_CASE("each preset knows the statuses that mean closed in its system", "[tickets][columns]") {
    for (const auto& preset : faqt::ticket_presets()) {
        CHECK_FALSE(preset.closed.empty());
    }
    CHECK(closes(preset_closed("servicenow"), "Resolved"));
    CHECK(closes(preset_closed("servicenow"), "7"));
    CHECK_FALSE(closes(preset_closed("servicenow"), "2"));  // In Progress
    CHECK(closes(preset_closed("jira"), "done"));
    CHECK(closes(preset_closed("zendesk"), "Solved"));
    CHECK_FALSE(closes(preset_closed("zendesk"), "Pending"));
    CHECK(closes(preset_closed("osticket"), "Archived"));
    CHECK(closes(preset_closed("znuny"), "Closed Successful"));
    CHECK(closes(preset_closed("znuny"), "erfolgreich geschlossen"));
    CHECK(closes(preset_closed("znuny"), "zamknięte pomyślnie"));
    CHECK(closes(preset_closed("znuny"), "ZAMKNIETE POMYSLNIE"));  // folded: no accents needed
    CHECK_FALSE(closes(preset_closed("znuny"), "open"));
    CHECK(closes(preset_closed("glpi"), "Clos"));
    CHECK(closes(preset_closed("glpi"), "Gelöst"));
    CHECK(closes(preset_closed("glpi"), "Rozwiązane"));
    CHECK(closes(preset_closed("rt"), "rejected"));
    CHECK_FALSE(closes(preset_closed("rt"), "stalled"));
}

TEST_CASE("the common closing statuses cover English, German, French and Polish", "[tickets][columns]") {
    const auto common = faqt::common_closed_statuses();
    CHECK(closes(common, "closed"));
    CHECK(closes(common, "Erledigt"));
    CHECK(closes(common, "résolu"));
    CHECK(closes(common, "Zamknięte"));
    CHECK_FALSE(closes(common, "Open"));
    CHECK_FALSE(closes(common, "W toku"));
    CHECK(faqt::status_key("Closed Successful") == faqt::status_key("closed  successful"));
}

TEST_CASE("every preset a header fits is kept, the one that maps most columns first", "[tickets][columns]") {
    // "Requester email" marks Zendesk, "Resolved time" marks Freshdesk; Zendesk's
    // names map more of this header.
    const std::vector<std::string> header = {"Id",          "Subject",   "Status",          "Priority",
                                             "Created at",  "Solved at", "Requester email", "Organization",
                                             "Resolved time"};
    auto plan = plan_columns(header, "", faqt::ColumnNames{}, faqt::ColumnNames{});
    REQUIRE(plan);
    CHECK(plan->preset.name == "zendesk");
    REQUIRE(plan->matched.size() == 2);
    CHECK(plan->matched[0].preset.name == "zendesk");
    CHECK(plan->matched[1].preset.name == "freshdesk");
    CHECK(plan->matched[0].columns > plan->matched[1].columns);

    // A forced preset is not a detection: nothing else is listed.
    auto forced = plan_columns(header, "freshdesk", faqt::ColumnNames{}, faqt::ColumnNames{});
    REQUIRE(forced);
    CHECK(forced->preset.name == "freshdesk");
    CHECK(forced->matched.empty());
}
