#include "cli/report_output.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

using namespace faqt;
using namespace faqt::cli;

namespace {

constexpr std::int64_t k_day = 86400;
// 2016-02-29, a Monday: the start of ISO week 2016-W09.
constexpr std::int64_t k_w09 = 16860 * k_day;

const std::string k_long = "hardware/printers/very-long-category-name-that-no-column-can-hold-whole";
const std::string k_cjk = "网络连接问题网络连接问题网络连接问题";  // 18 characters, 36 columns
const std::string k_evil = "evil\x1b]0;pwned\x07\x1b[2Jname";
const std::string k_formula = "=HYPERLINK(\"x\")";

// Columns a line takes on a terminal, counted here on their own: CJK
// ideographs take two, everything else one.
std::size_t columns(std::string_view line) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < line.size();) {
        const auto c = static_cast<unsigned char>(line[i]);
        std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t code = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < length && i + k < line.size(); ++k) {
            code = (code << 6) | (static_cast<unsigned char>(line[i + k]) & 0x3F);
        }
        width += code >= 0x4E00 && code <= 0x9FFF ? 2 : 1;
        i += length;
    }
    return width;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::size_t count(const std::string& text, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

// A report of 20 weeks and five groups, filled by hand the way
// cmd_report.cpp fills it.
struct Fixture {
    TicketHistory history;
    Report report;
    Coverage coverage;
    ReportDocument doc;

    Fixture() {
        history.zone.kind = ReportZone::Kind::fixed;
        history.zone.offset_minutes = 60;
        history.zone.name = "UTC+01:00";
        history.rows_folded = 7;
        report.period = ReportPeriod::week;
        report.by = ReportGroupBy::category;
        for (int w = 0; w < 20; ++w) {
            const std::string label = "2016-W" + std::string(w + 9 < 10 ? "0" : "") + std::to_string(w + 9);
            report.periods.push_back({label, k_w09 + w * 7 * k_day, k_w09 + (w + 1) * 7 * k_day});
        }
        const std::vector<std::pair<std::string, bool>> names = {
            {"network/vpn", true}, {k_long, true}, {k_cjk, false}, {k_evil, false}, {k_formula, false}};
        report.total.name = "total";
        report.total.periods.resize(20);
        for (std::size_t g = 0; g < names.size(); ++g) {
            ReportGroup group;
            group.name = names[g].first;
            group.mapped = names[g].second;
            std::size_t backlog = 0;
            for (std::size_t p = 0; p < 20; ++p) {
                PeriodCounts c;
                c.opened = (g + 1) * 3 + p % 4;
                c.closed = (g + 1) * 3;
                backlog += c.opened - c.closed;
                c.backlog = backlog;
                group.periods.push_back(c);
                group.opened += c.opened;
                group.closed += c.closed;
                report.total.periods[p].opened += c.opened;
                report.total.periods[p].closed += c.closed;
                report.total.periods[p].backlog += c.backlog;
            }
            group.backlog = backlog;
            report.total.opened += group.opened;
            report.total.closed += group.closed;
            report.groups.push_back(group);
            report.time_to_close_by_group.push_back({group.name, group.closed, 3 * 3600 + 20 * 60, 4 * k_day + 3600});
            report.trend.push_back({group.name, 12, 12 + g});
            if (!group.mapped) {
                report.unmapped.push_back({group.name, group.opened});
            }
        }
        report.total.backlog = report.total.periods.back().backlog;
        report.used = report.total.opened;
        report.before_since = 4;
        report.time_to_close_by_priority.push_back({"P1 - Critical", 10, 1800, 7200});
        report.first_response_by_group.push_back({"network/vpn", 5, 600, 1200});

        coverage.categories.push_back({"network/vpn", true, 80, 3, 1, 1, 10, 7});
        coverage.categories.push_back({k_cjk, false, 60, 0, 0, 0, 0, 0});
        coverage.categories.push_back({k_evil, false, 20, 0, 0, 0, 4, 0});
        coverage.uncovered = {k_cjk, k_evil};
        coverage.sample_size = 10000;
        coverage.sampled = 14;
        coverage.answered = 7;
        coverage.listed = 2;

        doc.kb_title = "Northwind <IT> help desk";
        doc.file = "tickets-\x1b[31mred.csv";
        doc.format = "CSV";
        doc.preset = "ServiceNow";
        doc.encoding = "UTF-8";
        doc.rows_read = 1300;
        doc.rows_skipped = 3;
        doc.skipped = {{"ragged row", 3}, {"no creation date", 2}};
        doc.tickets = 1293;
        doc.history = &history;
        doc.report = &report;
        doc.coverage = &coverage;
        WriteNextCluster cluster;
        cluster.category = "network/vpn";
        cluster.tickets = 9;
        cluster.terms = {"vpn", "certificate expired"};
        cluster.examples = {"VPN drops after the \x1b[2Jupdate", k_cjk + k_cjk, "<script>alert(1)</script>"};
        cluster.per_period = std::vector<std::size_t>(20, 0);
        cluster.per_period[12] = 1;
        cluster.per_period[14] = 2;
        cluster.per_period[17] = 3;
        cluster.per_period[19] = 4;
        doc.write_next.push_back(cluster);
        doc.notes = {"dates in 'Opened' read day-first: '29/02/2016' decides",
                     "a note that quotes the export: \x1b]52;c;aGVsbG8=\x07 clipboard"};
    }
};

}  // namespace

TEST_CASE("format_duration says a duration the way people do", "[report]") {
    CHECK(format_duration(0) == "0s");
    CHECK(format_duration(45) == "45s");
    CHECK(format_duration(12 * 60 + 59) == "12m");
    CHECK(format_duration(5 * 3600 + 20 * 60) == "5h 20m");
    CHECK(format_duration(5 * 3600) == "5h");
    CHECK(format_duration(3 * k_day + 4 * 3600 + 59) == "3d 4h");
    CHECK(format_duration(2 * k_day) == "2d");
    CHECK(format_duration(-90) == "-1m");
}

TEST_CASE("report text fits 80 columns with long and CJK names", "[report][text]") {
    Fixture f;
    for (std::size_t width : {80, 60}) {
        const std::string text = report_text(f.doc, false, width);
        for (const auto& line : lines_of(text)) {
            INFO(line);
            CHECK(columns(line) <= width);
        }
    }
    const std::string text = report_text(f.doc, false, 80);
    // Cut names end in "…", and a cut never splits a CJK character.
    CHECK(text.find("hardware/printers/very-…") != std::string::npos);
    CHECK(text.find(k_long) == std::string::npos);
    CHECK(text.find("网络连接问题") != std::string::npos);
    // The latest weeks are shown, the earliest left out and counted.
    CHECK(text.find(" W28") != std::string::npos);
    CHECK(text.find(" W09 ") == std::string::npos);
    CHECK(text.find("earlier weeks left out") != std::string::npos);
    CHECK(text.find("--since") != std::string::npos);
    CHECK(text.find("--format csv") != std::string::npos);
    // The sections and what they say.
    for (const char* part : {"1. Tickets per week", "2. Time to close", "3. Coverage", "4. What to write next",
                             "5. Trend", "Unmapped categories", "add them as codes in faqt.toml", "Notes", "3h 20m",
                             "4d 1h", "P1 - Critical", "First response", "7/10", "70%", "Uncovered",
                             "vpn, certificate expired", "3 → 7", "read as a ServiceNow export", "UTC+01:00"}) {
        INFO(part);
        CHECK(text.find(part) != std::string::npos);
    }
}

TEST_CASE("report text aligns a CJK name with the numbers", "[report][text]") {
    Fixture f;
    const std::string text = report_text(f.doc, false, 120);
    // In the trend table every row ends in the same column.
    std::vector<std::size_t> ends;
    bool in_trend = false;
    for (const auto& line : lines_of(text)) {
        if (line == "5. Trend") {
            in_trend = true;
            continue;
        }
        if (in_trend && line.rfind("  ", 0) == 0 && line.find("Opened in the latest") == std::string::npos) {
            ends.push_back(columns(line));
        } else if (in_trend && !ends.empty()) {
            break;
        }
    }
    REQUIRE(ends.size() == 6);
    for (std::size_t end : ends) {
        CHECK(end == ends.front());
    }
}

TEST_CASE("report text lets no escape sequence of the export through", "[report][text][security]") {
    Fixture f;
    const std::string plain = report_text(f.doc, false, 80);
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(plain.find('\x07') == std::string::npos);
    CHECK(plain.find("pwned") != std::string::npos);  // the text stays, its controls go

    const std::string coloured = report_text(f.doc, true, 80);
    CHECK(coloured.find("\x1b[1m") != std::string::npos);
    CHECK(coloured.find("\x1b[2m") != std::string::npos);
    // Every escape left is one of faqt's own styles; the file name's
    // "\x1b[31m" is not among them.
    for (std::size_t at = coloured.find('\x1b'); at != std::string::npos; at = coloured.find('\x1b', at + 1)) {
        const std::string_view rest = std::string_view(coloured).substr(at);
        const bool own = rest.starts_with("\x1b[0m") || rest.starts_with("\x1b[1m") || rest.starts_with("\x1b[2m");
        INFO(std::string(rest.substr(0, 8)));
        CHECK(own);
    }
    CHECK(coloured.find("\x1b[31m") == std::string::npos);
    CHECK(coloured.find("\x1b]") == std::string::npos);
}

TEST_CASE("report JSON parses and has the documented shape", "[report][json]") {
    Fixture f;
    const auto json = nlohmann::json::parse(report_json(f.doc));
    CHECK(json["file"] == f.doc.file);  // control characters escaped, the text kept
    CHECK(json["format"] == "CSV");
    CHECK(json["preset"] == "ServiceNow");
    CHECK(json["encoding"] == "UTF-8");
    CHECK(json["period"] == "week");
    CHECK(json["by"] == "category");
    CHECK(json["zone"].is_string());
    CHECK(json["since"].is_null());
    CHECK(json["until"].is_null());
    const auto& tickets = json["tickets"];
    CHECK(tickets["read"] == 1300);
    CHECK(tickets["used"] == f.report.used);
    CHECK(tickets["skipped"] == 5);
    CHECK(tickets["skipped_by_reason"]["ragged row"] == 3);
    CHECK(tickets["tickets"] == 1293);
    CHECK(tickets["folded_rows"] == 7);
    CHECK(tickets["before_since"] == 4);
    CHECK(tickets["after_until"] == 0);
    CHECK(tickets["closed_without_date"] == 0);

    REQUIRE(json["periods"].size() == 20 * 5);
    const auto& first = json["periods"][0];
    CHECK(first["period"] == "2016-W09");
    CHECK(first["start"] == "2016-02-29");
    CHECK(first["end"] == "2016-03-06");
    CHECK(first["group"] == "network/vpn");
    CHECK(first["mapped"] == true);
    CHECK(first["opened"] == 3);
    CHECK(json["periods"][1]["group"] == k_long);  // groups in report order within a period
    CHECK(json["periods"][5]["period"] == "2016-W10");
    REQUIRE(json["totals"].size() == 20);
    CHECK(json["totals"][19]["end"] == "2016-07-17");
    CHECK(json["totals"][19]["backlog"] == f.report.total.periods[19].backlog);
    REQUIRE(json["groups"].size() == 5);
    CHECK(json["groups"][2]["mapped"] == false);

    const auto& ttc = json["time_to_close"];
    REQUIRE(ttc.size() == 6);
    CHECK(ttc[0]["by"] == "category");
    CHECK(ttc[0]["median_seconds"] == 3 * 3600 + 20 * 60);
    CHECK(ttc[5]["by"] == "priority");
    CHECK(ttc[5]["group"] == "P1 - Critical");
    CHECK(ttc[5]["p90_seconds"] == 7200);
    CHECK(json["first_response"].size() == 1);
    CHECK(json["resolution_time"].is_array());
    CHECK(json["resolution_time"].empty());

    const auto& coverage = json["coverage"];
    REQUIRE(coverage.size() == 3);
    CHECK(coverage[0]["articles"] == 4);
    CHECK(coverage[0]["public_articles"] == 3);
    CHECK(coverage[0]["internal_articles"] == 1);
    CHECK(coverage[0]["open_known_errors"] == 1);
    CHECK(coverage[0]["answered_share"].get<double>() == 0.7);
    CHECK(coverage[1]["answered_share"].is_null());
    CHECK(coverage[2]["answered_share"].get<double>() == 0.0);
    CHECK(json["uncovered"].size() == 2);
    CHECK(json["coverage_sample"]["size"] == 10000);
    CHECK(json["coverage_sample"]["listed"] == 2);
    CHECK(json["coverage_sample"]["not_run"].is_null());
    REQUIRE(json["write_next"].size() == 1);
    CHECK(json["write_next"][0]["terms"][1] == "certificate expired");
    CHECK(json["write_next"][0]["per_period"].size() == 20);
    CHECK(json["trend"][4]["recent"] == 16);
    CHECK(json["unmapped_categories"].size() == 3);
    CHECK(json["notes"].size() == 2);
}

TEST_CASE("report JSON says when coverage was not measured", "[report][json]") {
    Fixture f;
    f.doc.coverage = nullptr;
    f.doc.preset.clear();
    const auto json = nlohmann::json::parse(report_json(f.doc));
    CHECK(json["preset"].is_null());
    CHECK(json["coverage"].empty());
    CHECK(json["coverage_sample"]["not_run"].is_string());
}

TEST_CASE("report CSV quotes by RFC 4180 and guards formulas", "[report][csv]") {
    Fixture f;
    f.report.groups[0].name = "Smith, \"Acme\" Ltd";
    f.report.groups[1].name = "-2+3";
    const std::string csv = report_csv(f.doc);
    const auto lines = [&] {
        std::vector<std::string> out;
        for (auto line : lines_of(csv)) {
            REQUIRE(!line.empty());
            REQUIRE(line.back() == '\r');
            line.pop_back();
            out.push_back(line);
        }
        return out;
    }();
    REQUIRE(lines.size() == 1 + 20 * 5 + 20);
    CHECK(lines[0] == "period,period_start,period_end,group,mapped,opened,closed,backlog");
    CHECK(lines[1] == "2016-W09,2016-02-29,2016-03-06,\"Smith, \"\"Acme\"\" Ltd\",true,3,3,0");
    CHECK(lines[2].find(",'-2+3,true,") != std::string::npos);
    CHECK(lines[5].find(",\"'=HYPERLINK(\"\"x\"\")\",false,") != std::string::npos);
    CHECK(lines[101].starts_with("2016-W09,2016-02-29,2016-03-06,(all),,"));
    CHECK(lines[120].starts_with("2016-W28,"));
    // No cell of the export reaches the file with a control character that
    // splits a row: the escape in a name is inside its cell.
    CHECK(csv.find("\r\n=") == std::string::npos);
}

TEST_CASE("report HTML is one self-contained, escaped page with a table per chart", "[report][html]") {
    Fixture f;
    const std::string html = report_html(f.doc);
    CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    CHECK(html.find("<title>") != std::string::npos);
    CHECK(html.find("<main>") != std::string::npos);
    CHECK(html.find("<h1>") != std::string::npos);
    CHECK(html.find("prefers-color-scheme:dark") != std::string::npos);
    CHECK(html.find("@media print") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("http:") == std::string::npos);
    CHECK(html.find("https:") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("Northwind &lt;IT&gt; help desk") != std::string::npos);
    CHECK(html.find("<IT>") == std::string::npos);
    CHECK(html.find('\x1b') == std::string::npos);
    CHECK(html.find('\x07') == std::string::npos);
    CHECK(html.find("=HYPERLINK(&quot;x&quot;)") != std::string::npos);

    // Three charts, each an image with a title, each followed by its table.
    const std::size_t charts = count(html, "<svg role=\"img\"");
    CHECK(charts == 3);
    CHECK(count(html, "</figure>\n<div class=\"wide\"><table>\n<caption>") == charts);
    CHECK(count(html, "<svg role=\"img\" aria-label=") == charts);
    CHECK(count(html, "<th scope=\"col\">") > 10);
    CHECK(count(html, "<caption>") >= charts);
    // The stacked bars: the top groups and no "other" with five groups.
    CHECK(html.find(">other</th>") == std::string::npos);
    CHECK(report_html(f.doc) == html);
}

TEST_CASE("report HTML stacks the top eight groups and the rest as other", "[report][html]") {
    Fixture f;
    for (int g = 0; g < 6; ++g) {
        ReportGroup group = f.report.groups[0];
        group.name = "extra/" + std::to_string(g);
        f.report.groups.push_back(group);
    }
    const std::string html = report_html(f.doc);
    CHECK(html.find("<th scope=\"col\">other</th>") != std::string::npos);
    CHECK(html.find("class=\"s8\"") != std::string::npos);
    CHECK(html.find("class=\"s9\"") == std::string::npos);
}
