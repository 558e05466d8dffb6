#pragma once
// faqt.toml: the KB's configuration. load_config() reads it with toml++ and
// reports unknown keys (warnings) and wrong types (errors) with file:line, so
// a broken faqt.toml is a list of diagnostics, not an exception.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/diagnostic.hpp"
#include "content/result.hpp"

namespace faqt {

// Exclude globs longer than this never match: matching costs pattern length
// times path length, and no real pattern is this long.
inline constexpr std::size_t k_max_glob_bytes = 1024;

struct CategoryConfig {
    std::string id;  // "network/vpn"
    std::string name;
    std::string description;
    std::vector<std::string> codes;  // the names the ticket system uses for it
    std::string escalate_to;         // an escalation group's id, inherited by subcategories; "" = none
    int line = 0;
};

// [[escalation]]: a second-line group first-line agents hand tickets over to.
// Everything in it is for agents: it never reaches the public site.
struct EscalationGroup {
    std::string id;                  // "l2-network"; what flows and escalate_to name
    std::string name;                // "Network team"
    std::vector<std::string> codes;  // the ticket system's queue or assignment group ("NET-L2")
    std::string when;                // when to hand a ticket to this group
    std::string contact;             // how to reach the group (a mail address, a phone, a channel)
    int line = 0;
};

// The kinds of section faqt understands, found by their "##" heading.
// "When to escalate" (escalation) is agent-side guidance: like internal
// notes, it never reaches end users.
enum class SectionKind { other, symptoms, cause, workaround, resolution, answer, environment, internal, escalation };

const char* to_string(SectionKind kind);

// Whether every line under a heading of this kind is internal: the one rule
// of which kinds of section the public text leaves out.
bool is_internal_kind(SectionKind kind);

// [flows.LANG]: the words of troubleshooting flows (content/flow.hpp) in
// one language, added to the built-in ones: step ("step", "krok"), escalate
// ("escalate", "eskaluj"), resolved ("resolved") and the names of the heading
// over a flow's numbered steps ("Steps", "Kroki").
struct FlowWords {
    std::vector<std::string> step;
    std::vector<std::string> escalate;
    std::vector<std::string> resolved;
    std::vector<std::string> heading;
};

// [suggest]: the confidence (0..1) a top suggestion must reach for
// `faqt suggest` to call it confident (faqt.toml(5)).
struct SuggestConfig {
    double threshold = 0.7;
};

// The roles of a ticket export's columns, in the order of tickets/columns.hpp's
// TicketRole, each with its key in [tickets] (and the CLI's --KEY-column).
// "resolved" is the date a ticket was closed or resolved, "updated" when its
// row was last changed, "resolution_time" a duration the system measured; the
// key "closed" of [tickets] is the list of statuses that mean closed.
inline constexpr const char* k_ticket_column_keys[] = {
    "id",           "subject",  "body",           "category", "created", "resolved",       "status",
    "priority",     "customer", "agent",          "product",  "version", "first_response", "from_name",
    "from_address", "updated",  "resolution_time"};

// The names [tickets] preset takes; the presets themselves are in
// tickets/columns.cpp (a unit test keeps both lists the same).
inline constexpr const char* k_ticket_preset_names[] = {"servicenow", "jira",  "zendesk", "freshdesk",
                                                        "osticket",   "znuny", "glpi",    "rt"};

// [tickets]: how to read a ticket system's export (tickets/export_reader.hpp).
struct TicketsConfig {
    std::map<std::string, std::string> columns;  // role key → column name in the export's header
    std::vector<std::string> closed;             // status values that mean closed ("Resolved", "Closed")
    std::string encoding;                        // an ICU converter name ("windows-1250"); "" = UTF-8
    std::string preset;                          // a preset's name ("servicenow"); "" = detect
    char delimiter = 0;                          // ',' ';' '\t' '|'; 0 = sniff
};

// A ticket export's delimiter by the name a user gives it: ",", ";", "|",
// a tab character, "tab" or "\\t"; none for anything else. The one rule
// of [tickets] delimiter and the --delimiter options.
std::optional<char> ticket_delimiter(std::string_view name);

struct Config {
    std::filesystem::path root;  // folder holding faqt.toml
    std::filesystem::path file;  // root / "faqt.toml"

    // [kb]
    std::string title = "Knowledge base";
    std::string base_url;
    std::string default_lang = "en";
    std::vector<std::string> content = {"."};
    std::vector<std::string> exclude;
    // Real-path prefixes (absolute, normalised, no trailing '/') outside the
    // root that symlinks in the KB may lead to; anywhere else is refused.
    std::vector<std::string> follow_symlinks_outside;

    std::vector<CategoryConfig> categories;
    std::vector<EscalationGroup> escalation;

    // The escalation group with this id, or null.
    const EscalationGroup* find_escalation(std::string_view id) const;

    // [synonyms]: each key and its values are interchangeable in search.
    std::map<std::string, std::vector<std::string>> synonyms;

    // [fields]: faqt key → foreign keys, first present wins.
    std::map<std::string, std::vector<std::string>> fields;
    // [fields.split]: list key → separator that splits a string value
    // ("QPT patches,Support Tools" → two tags).
    std::map<std::string, std::string> field_split;

    // [sections.LANG]: heading names per kind, added to the built-in ones.
    std::map<std::string, std::map<SectionKind, std::vector<std::string>>> sections;

    // [flows.LANG]: words of flows per language, added to the built-in ones.
    std::map<std::string, FlowWords> flows;

    // [answer]: Mustache text put before and after every canned answer
    // (content/canned_answer.hpp), and the values of its placeholders used
    // when the caller gives none. The lines are where the values start in
    // faqt.toml (0 when unset), for errors about them.
    std::string answer_greeting;
    std::string answer_signature;
    int answer_greeting_line = 0;
    int answer_signature_line = 0;
    std::map<std::string, std::string> answer_defaults;

    // [suggest]: faqt suggest (index/suggest.hpp).
    SuggestConfig suggest;

    // [site]: the static help site (site/, faqt export). base_url, when
    // set, wins over [kb] base_url (Config::site_url() picks).
    std::string site_theme;
    std::string site_base_url;
    std::string site_contact_url;
    std::vector<std::string> site_languages;
    std::string site_footer;
    bool site_allow_html = false;
    int site_line = 0;  // line of the [site] table in faqt.toml; 0 when there is none

    // [tickets]
    TicketsConfig tickets;

    // The address the site is published at: [site] base_url, else [kb]
    // base_url; "" when neither is set (no feeds, sitemap or canonical links).
    const std::string& site_url() const { return site_base_url.empty() ? base_url : site_base_url; }

    // The kind of a "##" heading in an article of language lang.
    SectionKind section_kind(std::string_view heading, std::string_view lang) const;

    // A stable digest of the settings that change how articles are indexed
    // (synonyms, fields, sections, default language, content, exclude), so the
    // index can rebuild itself when they change.
    std::string index_fingerprint() const;
};

// The hint for an escalation group id that is not declared: the nearest
// declared id, else the declared ones, else how to declare it.
std::string escalation_hint(std::string_view id, const Config& config);

struct LoadedConfig {
    Config config;
    Diagnostics diagnostics;  // warnings and errors, path "faqt.toml"
};

// Reads root/faqt.toml. Returns an Error (ErrorCode::config) only when the file
// cannot be read or is not valid TOML; type errors and unknown keys are
// diagnostics, and the fields they concern keep their defaults.
Result<LoadedConfig> load_config(const std::filesystem::path& root);

// Parses configuration text (for tests and `init`).
Result<LoadedConfig> parse_config(std::string_view text, const std::filesystem::path& root);

}  // namespace faqt
