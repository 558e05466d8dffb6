#pragma once
// The columns of a ticket export: which column holds which part of a ticket
// (its role), found from the header row by a ticket system's preset, by
// common names, by faqt.toml's [tickets] mapping or by the caller's
// --ROLE-column flags (in rising order of precedence).
//
// Column names are matched folded: case, accents, spaces and punctuation do
// not count ("Ticket #" = "ticket#" = "TICKET"; "Priorité" = "priorite").
// A header may repeat a name (Jira writes one "Labels" or "Component/s"
// column per value): a role then reads every column of that name and the
// first non-empty cell wins.
//
// Presets live in columns.cpp (k_presets), one table per ticket system with
// its real column names, in English, German, French and Polish where the
// system translates its headers (Znuny/OTRS, GLPI). A preset qualifies when
// the header holds one of its marker columns; of those that qualify, the one
// that maps the most header columns wins (the first in the table on a tie).
// Roles a preset leaves unmapped fall back to the common names. A role reads
// the first of its names that the header holds, for every row: a row whose
// cell is empty there stays empty rather than taking another column (an
// assignment group is not an agent, a department not a help topic).

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "content/config.hpp"
#include "content/result.hpp"

namespace faqt {

enum class TicketRole {
    id,
    subject,
    body,
    category,
    created,
    resolved,  // when the ticket was closed or resolved
    status,
    priority,
    customer,  // organisation, company or requester
    agent,
    product,
    version,
    first_response,
    from_name,
    from_address,
    updated,          // when the row was last changed (an event log's clock)
    resolution_time,  // a duration: time to resolve as the ticket system measured it
};

inline constexpr std::size_t k_ticket_role_count = 17;
static_assert(std::size(k_ticket_column_keys) == k_ticket_role_count, "one [tickets] key per TicketRole");

// "id", "subject", ..., "resolved", ...: the role's key in [tickets] and in
// the CLI's --KEY-column flags (content/config.hpp, k_ticket_column_keys).
const char* role_key(TicketRole role);

// A column name per role; "" = not given.
struct ColumnNames {
    std::array<std::string, k_ticket_role_count> names;

    std::string& operator[](TicketRole role) { return names[static_cast<std::size_t>(role)]; }
    const std::string& operator[](TicketRole role) const { return names[static_cast<std::size_t>(role)]; }
};

// [tickets] columns as ColumnNames.
ColumnNames column_names(const TicketsConfig& config);

// The folded form of a column name used for every match.
std::string column_key(std::string_view name);

struct PresetInfo {
    std::string name;                 // "servicenow": what [tickets] preset and --preset take
    std::string display;              // "ServiceNow": for "reading FILE as a ServiceNow export"
    std::vector<std::string> closed;  // the status values that mean closed in that system, in its languages
};

// Status values that mean closed in most ticket systems, in English,
// German, French and Polish: the fallback when neither [tickets] closed nor
// a preset says.
std::vector<std::string> common_closed_statuses();

// The folded form of a status used to match closing statuses: case,
// accents, spaces and punctuation do not count ("Closed Successful" =
// "closed successful", "Zamknięte" = "zamkniete").
std::string status_key(std::string_view status);

// Every preset, in the order detection prefers them on a tie.
std::vector<PresetInfo> ticket_presets();

// Which columns of a header hold which role.
// A preset whose marker column the header holds, and how many of the
// header's columns it maps.
struct PresetMatch {
    PresetInfo preset;
    std::size_t columns = 0;
};

struct ColumnPlan {
    PresetInfo preset;  // empty name when no preset matched (common names only)
    // Detection only: every preset that qualified, the chosen one first,
    // then by columns mapped; more than one means the header fits several
    // systems and the report says which won and why.
    std::vector<PresetMatch> matched;
    std::array<std::vector<std::size_t>, k_ticket_role_count> columns;  // header indices per role

    const std::vector<std::size_t>& operator[](TicketRole role) const {
        return columns[static_cast<std::size_t>(role)];
    }
    bool has(TicketRole role) const { return !(*this)[role].empty(); }
};

// Plans the columns of header. forced_preset ("" = detect) names a preset
// (folded match on name or display name). configured ([tickets]) beats the
// preset, overrides (CLI flags) beat configured. Errors (ErrorCode::usage):
// an unknown preset (listing the known ones); a named column missing from
// the header (naming it and listing the header; `where` says who named it
// in the message: "--subject-column" or "[tickets] subject"); a header in
// which no column has any role.
Result<ColumnPlan> plan_columns(const std::vector<std::string>& header, std::string_view forced_preset,
                                const ColumnNames& configured, const ColumnNames& overrides);

}  // namespace faqt
