#pragma once
// The four forms of `faqt report` (faqt-report(1), FORMATS): text for a
// terminal (aligned, at most 80 columns, colour only when asked), JSON (the
// documented shape), CSV (one row per period and group) and one
// self-contained HTML file (inline SVG charts, each with its data table; no
// script, no external request). Every string that came from the export or
// the KB is sanitised for a terminal in text and escaped in HTML.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "cli/report_coverage.hpp"
#include "tickets/report.hpp"
#include "tickets/ticket_history.hpp"
#include "tickets/write_next.hpp"

namespace faqt::cli {

// Everything a report shows, gathered by cmd_report.cpp.
struct ReportDocument {
    std::string kb_title;
    std::string file;          // the export's display name
    std::string format;        // "CSV", "TSV", "JSON Lines"
    std::string preset;        // "ServiceNow", "" none
    std::string encoding;      // "UTF-8", "windows-1250"
    std::size_t rows_read = 0;          // data rows
    std::size_t rows_skipped = 0;       // by the reader (malformed)
    std::map<std::string, std::size_t> skipped;  // reader's and fold's reasons together
    std::size_t tickets = 0;            // folded tickets
    const TicketHistory* history = nullptr;
    const Report* report = nullptr;
    const Coverage* coverage = nullptr;          // null: not measured
    std::vector<WriteNextCluster> write_next;
    std::vector<std::string> notes;     // sentences the report states (date orders, folding, sampling)
    std::string since;                  // as given, "" none
    std::string until;
};

std::string report_text(const ReportDocument& doc, bool color, std::size_t width = 80);
std::string report_json(const ReportDocument& doc);
std::string report_csv(const ReportDocument& doc);
std::string report_html(const ReportDocument& doc);

// "3d 4h", "5h 20m", "12m": a duration for people.
std::string format_duration(std::int64_t seconds);

}  // namespace faqt::cli
