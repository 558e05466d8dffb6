#include "cli/export_options.hpp"

#include <string_view>

#include "content/text.hpp"

namespace faqt::cli {

std::string export_of(const PresetInfo& preset) {
    const char first = preset.display.empty() ? 'x' : preset.display[0];
    const bool vowel = std::string_view("AEIOUaeiou").find(first) != std::string_view::npos;
    return std::string(vowel ? "an " : "a ") + preset.display + " export";
}

Result<ReaderOptions> export_reader_options(const TicketsConfig& tickets, const ExportFlags& flags) {
    ReaderOptions options = reader_options(tickets);
    options.overrides = flags.columns;
    if (!flags.encoding.empty()) {
        options.encoding = flags.encoding;
    }
    if (!flags.preset.empty()) {
        options.preset = flags.preset;
    }
    if (!flags.delimiter.empty()) {
        auto delimiter = ticket_delimiter(flags.delimiter);
        if (!delimiter) {
            return Error(ErrorCode::usage,
                         "--delimiter must be ',', ';', '|' or 'tab', not " + quote_name(flags.delimiter),
                         "leave it out to let faqt find the delimiter from the first lines");
        }
        options.delimiter = *delimiter;
    }
    return options;
}

}  // namespace faqt::cli
