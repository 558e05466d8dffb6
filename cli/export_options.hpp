#pragma once
// The options of a command that reads a ticket system's export (`suggest
// --batch`, `report`): --encoding, --preset, --delimiter and the
// --ROLE-column flags, laid over faqt.toml's [tickets] into the reader's
// options. One place, so both commands take the same flags the same way.

#include <string>

#include "content/config.hpp"
#include "content/result.hpp"
#include "tickets/columns.hpp"
#include "tickets/export_reader.hpp"

namespace faqt::cli {

struct ExportFlags {
    std::string encoding;   // "" = [tickets] encoding
    std::string preset;     // "" = [tickets] preset, else detect
    std::string delimiter;  // "" = [tickets] delimiter, else sniff
    ColumnNames columns;    // --ROLE-column values; "" = not given
};

// "a ServiceNow export", "an osTicket export": how messages name a preset.
std::string export_of(const PresetInfo& preset);

// Errors (usage): a --delimiter that is not ',', ';', '|' or tab.
Result<ReaderOptions> export_reader_options(const TicketsConfig& tickets, const ExportFlags& flags);

}  // namespace faqt::cli
