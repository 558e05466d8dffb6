#include "content/config.hpp"

#include <toml++/toml.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "content/closest_match.hpp"
#include "content/digest.hpp"
#include "content/text.hpp"
#include "content/toml_depth.hpp"

namespace faqt {

namespace {

constexpr const char* k_config_name = "faqt.toml";

struct KindName {
    SectionKind kind;
    const char* name;
};

constexpr KindName k_kind_names[] = {
    {SectionKind::symptoms, "symptoms"},     {SectionKind::cause, "cause"},
    {SectionKind::workaround, "workaround"}, {SectionKind::resolution, "resolution"},
    {SectionKind::answer, "answer"},         {SectionKind::environment, "environment"},
    {SectionKind::internal, "internal"},     {SectionKind::escalation, "escalation"},
};

// Built-in English heading names; faqt.toml adds names per language (and
// Config::section_kind() knows internal notes in other languages too).
const std::map<SectionKind, std::vector<std::string>>& builtin_sections() {
    static const std::map<SectionKind, std::vector<std::string>> names = {
        {SectionKind::symptoms, {"symptoms", "symptom", "issue", "problem"}},
        {SectionKind::cause, {"cause", "causes", "root cause"}},
        {SectionKind::workaround, {"workaround", "workarounds"}},
        {SectionKind::resolution, {"resolution", "solution", "fix"}},
        {SectionKind::answer, {"answer", "canned answer", "reply"}},
        {SectionKind::environment, {"environment", "applies to", "affected products and versions"}},
        {SectionKind::internal, {"internal", "internal notes", "internal note", "agent notes"}},
        {SectionKind::escalation, {"when to escalate", "escalation"}},
    };
    return names;
}

// Reads typed values from a TOML table, recording wrong types and unknown
// keys as diagnostics with the line of the offending node.
class TableReader {
public:
    TableReader(const toml::table& table, std::string prefix, Diagnostics& diagnostics)
        : m_table(table), m_prefix(std::move(prefix)), m_diagnostics(diagnostics) {}

    void string(const char* key, std::string& out) {
        const toml::node* node = get(key);
        if (node == nullptr) {
            return;
        }
        if (auto v = node->value<std::string>(); v && node->is_string()) {
            out = *v;
        } else {
            type_error(*node, key, "a string");
        }
    }

    void boolean(const char* key, bool& out) {
        const toml::node* node = get(key);
        if (node == nullptr) {
            return;
        }
        if (node->is_boolean()) {
            out = *node->value<bool>();
        } else {
            type_error(*node, key, "true or false");
        }
    }

    // Accepts only a list of strings: a single string is an error too, as a
    // list of one would hide a typo such as content = "docs, kb".
    void strings(const char* key, std::vector<std::string>& out) {
        const toml::node* node = get(key);
        if (node == nullptr) {
            return;
        }
        if (!read_strings(*node, out)) {
            type_error(*node, key, "a list of strings");
        }
    }

    // A list of absolute paths, normalised without a trailing '/'.
    void absolute_paths(const char* key, std::vector<std::string>& out) {
        const toml::node* node = get(key);
        if (node == nullptr) {
            return;
        }
        std::vector<std::string> values;
        if (!node->is_array() || !read_strings(*node, values)) {
            type_error(*node, key, "a list of absolute paths");
            return;
        }
        for (auto& value : values) {
            std::string normal = std::filesystem::path(value).lexically_normal().string();
            while (normal.size() > 1 && normal.back() == '/') {
                normal.pop_back();
            }
            if (value.empty() || value[0] != '/') {
                add(*node, Severity::error,
                    "'" + qualified(key) + "' must hold absolute paths; '" + value + "' is not one",
                    "write the real path of the folder, such as \"/srv/shared-kb\"");
                return;
            }
            value = normal;
        }
        out = std::move(values);
    }

    const toml::table* table(const char* key) {
        const toml::node* node = get(key);
        if (node == nullptr) {
            return nullptr;
        }
        if (!node->is_table()) {
            type_error(*node, key, "a table");
            return nullptr;
        }
        return node->as_table();
    }

    // Warns about keys that were never asked for.
    void warn_unknown() {
        for (const auto& [key, node] : m_table) {
            if (m_seen.count(std::string(key.str())) == 0) {
                add(node, Severity::warning, "unknown key '" + qualified(std::string(key.str())) + "'",
                    "see man faqt.toml(5) for the keys faqt reads");
            }
        }
    }

    void add(const toml::node& node, Severity severity, std::string message, std::string hint = {}) {
        const auto& source = node.source();
        m_diagnostics.push_back({k_config_name, static_cast<int>(source.begin.line),
                                 static_cast<int>(source.begin.column), severity, std::move(message), std::move(hint)});
    }

    std::string qualified(const std::string& key) const { return m_prefix.empty() ? key : m_prefix + "." + key; }

    static bool read_strings(const toml::node& node, std::vector<std::string>& out) {
        const toml::array* array = node.as_array();
        if (array == nullptr) {
            return false;
        }
        std::vector<std::string> values;
        for (const auto& element : *array) {
            if (!element.is_string()) {
                return false;
            }
            values.push_back(*element.value<std::string>());
        }
        out = std::move(values);
        return true;
    }

    void known(const char* key) { m_seen.insert(key); }

    // The node of key, without marking it as read.
    const toml::node* peek(const char* key) const { return m_table.get(key); }

private:
    const toml::node* get(const char* key) {
        m_seen.insert(key);
        return m_table.get(key);
    }

    void type_error(const toml::node& node, const char* key, const char* expected) {
        const bool list = std::string_view(expected) == "a list of strings";
        add(node, Severity::error, "'" + qualified(key) + "' must be " + expected, list ? list_hint(node, key) : "");
    }

public:
    // For a string where a list belongs: the list to write instead.
    static std::string list_hint(const toml::node& node, std::string_view key) {
        if (!node.is_string()) {
            return {};
        }
        std::string quoted = "\"";
        const std::string value = *node.value<std::string>();
        for (char c : value) {
            if (c == '"' || c == '\\') {
                quoted += '\\';
            }
            if (static_cast<unsigned char>(c) >= 0x20) {
                quoted += c;
            }
        }
        return "write " + std::string(key) + " = [" + quoted + "\"]";
    }

private:
    const toml::table& m_table;
    std::string m_prefix;
    Diagnostics& m_diagnostics;
    std::set<std::string> m_seen;
};

void read_kb(TableReader& reader, Config& config) {
    reader.string("title", config.title);
    reader.string("base_url", config.base_url);
    reader.string("default_lang", config.default_lang);
    reader.strings("content", config.content);
    reader.strings("exclude", config.exclude);
    reader.absolute_paths("follow_symlinks_outside", config.follow_symlinks_outside);
    reader.warn_unknown();
}

// [kb] content names folders below the KB root: "../x" or "/x" would index
// files that do not belong to the KB (and that 'faqt check' never sees).
void check_content_folders(const toml::table& kb, Config& config, Diagnostics& diagnostics) {
    const toml::node* node = kb.get("content");
    if (node == nullptr) {
        return;
    }
    const toml::array* array = node->as_array();
    std::vector<std::string> inside;
    for (std::size_t i = 0; i < config.content.size(); ++i) {
        const std::string& folder = config.content[i];
        const std::filesystem::path path(folder);
        const std::string normal = path.lexically_normal().generic_string();
        if (path.is_absolute() || normal == ".." || normal.rfind("../", 0) == 0) {
            const toml::node& where = array != nullptr && i < array->size() ? *array->get(i) : *node;
            TableReader(kb, "kb", diagnostics)
                .add(where, Severity::error, "'kb.content' folder '" + folder + "' is outside the knowledge base",
                     "name folders below the folder of faqt.toml, such as \"articles\"");
            continue;
        }
        inside.push_back(folder);
    }
    config.content = std::move(inside);
}

// An exclude glob longer than k_max_glob_bytes never matches (glob_match):
// say so rather than index what the writer meant to leave out.
void check_exclude_globs(const toml::table& kb, Config& config, Diagnostics& diagnostics) {
    const toml::node* node = kb.get("exclude");
    if (node == nullptr) {
        return;
    }
    const toml::array* array = node->as_array();
    for (std::size_t i = 0; i < config.exclude.size(); ++i) {
        if (config.exclude[i].size() > k_max_glob_bytes) {
            const toml::node& where = array != nullptr && i < array->size() ? *array->get(i) : *node;
            TableReader(kb, "kb", diagnostics)
                .add(where, Severity::error,
                     "'kb.exclude' pattern of " + std::to_string(config.exclude[i].size()) + " bytes is longer than " +
                         std::to_string(k_max_glob_bytes) + ", so it never matches",
                     "write a shorter pattern; '**' matches any number of folders");
        }
    }
}

// Calls read(table, reader) for each table of an array of tables ([[key]]),
// and reports anything else in its place.
template <typename Read>
void read_array_of_tables(const toml::node& node, const std::string& key, Diagnostics& diagnostics, Read read) {
    const toml::array* array = node.as_array();
    if (array == nullptr) {
        TableReader(toml::table{}, "", diagnostics)
            .add(node, Severity::error, "'" + key + "' must be an array of tables: write [[" + key + "]]");
        return;
    }
    for (const auto& element : *array) {
        const toml::table* table = element.as_table();
        if (table == nullptr) {
            TableReader(toml::table{}, "", diagnostics)
                .add(element, Severity::error, "each entry of '" + key + "' must be a table");
            continue;
        }
        TableReader reader(*table, key, diagnostics);
        read(*table, reader);
    }
}

void read_categories(const toml::node& node, Config& config, Diagnostics& diagnostics) {
    std::set<std::string> seen;
    read_array_of_tables(node, "categories", diagnostics, [&](const toml::table& table, TableReader& reader) {
        CategoryConfig category;
        category.line = static_cast<int>(table.source().begin.line);
        reader.string("id", category.id);
        reader.string("name", category.name);
        reader.string("description", category.description);
        reader.strings("codes", category.codes);
        reader.string("escalate_to", category.escalate_to);
        reader.warn_unknown();
        while (!category.id.empty() && category.id.back() == '/') {
            category.id.pop_back();
        }
        if (category.id.empty()) {
            reader.add(table, Severity::error, "a [[categories]] entry has no 'id'",
                       "give it an id such as \"network/vpn\"");
            return;
        }
        if (!seen.insert(category.id).second) {
            reader.add(table, Severity::error, "category '" + category.id + "' is declared twice");
            return;
        }
        if (category.name.empty()) {
            auto slash = category.id.rfind('/');
            category.name = category.id.substr(slash == std::string::npos ? 0 : slash + 1);
        }
        config.categories.push_back(std::move(category));
    });
}

void read_escalation(const toml::node& node, Config& config, Diagnostics& diagnostics) {
    std::set<std::string> seen;
    read_array_of_tables(node, "escalation", diagnostics, [&](const toml::table& table, TableReader& reader) {
        EscalationGroup group;
        group.line = static_cast<int>(table.source().begin.line);
        reader.string("id", group.id);
        reader.string("name", group.name);
        reader.strings("codes", group.codes);
        reader.string("when", group.when);
        reader.string("contact", group.contact);
        reader.warn_unknown();
        if (group.id.empty()) {
            reader.add(table, Severity::error, "an [[escalation]] entry has no 'id'",
                       "give it an id such as \"l2-network\"; flows and escalate_to name it");
            return;
        }
        if (group.id.find_first_of(" \t\n") != std::string::npos) {
            reader.add(table, Severity::error, "escalation group id '" + group.id + "' contains a space",
                       "use letters, digits and '-', such as \"l2-network\"");
            return;
        }
        if (!seen.insert(group.id).second) {
            reader.add(table, Severity::error, "escalation group '" + group.id + "' is declared twice");
            return;
        }
        if (group.name.empty()) {
            group.name = group.id;
        }
        config.escalation.push_back(std::move(group));
    });
}

void check_category_escalation(const Config& config, Diagnostics& diagnostics) {
    for (const auto& category : config.categories) {
        if (!category.escalate_to.empty() && config.find_escalation(category.escalate_to) == nullptr) {
            diagnostics.push_back({k_config_name, category.line, 1, Severity::error,
                                   "category '" + category.id + "' escalates to '" + category.escalate_to +
                                       "', which is not an escalation group",
                                   escalation_hint(category.escalate_to, config)});
        }
    }
}

void read_string_lists(const toml::table& table, const std::string& prefix, TableReader& parent,
                       std::map<std::string, std::vector<std::string>>& out, std::string_view skip = {}) {
    for (const auto& [key, node] : table) {
        if (key.str() == skip) {
            continue;
        }
        std::vector<std::string> values;
        if (TableReader::read_strings(node, values)) {
            out[std::string(key.str())] = std::move(values);
        } else {
            parent.add(node, Severity::error,
                       "'" + prefix + "." + std::string(key.str()) + "' must be a list of strings",
                       TableReader::list_hint(node, key.str()));
        }
    }
}

// [fields.split]: the separator of each list field whose values some KBs
// write as one string.
void read_field_split(const toml::node& node, TableReader& parent, Config& config) {
    static const std::set<std::string> list_keys = {"categories", "tags",    "aliases",
                                                    "products",   "tickets", "affected_versions"};
    const toml::table* table = node.as_table();
    if (table == nullptr) {
        parent.add(node, Severity::error, "'fields.split' must be a table",
                   "write [fields.split] with tags = \",\" and the like");
        return;
    }
    for (const auto& [key, value] : *table) {
        std::string name = "fields.split." + std::string(key.str());
        auto separator = value.value<std::string>();
        if (!value.is_string() || !separator || separator->empty()) {
            parent.add(value, Severity::error, "'" + name + "' must be a non-empty string", "for example tags = \",\"");
        } else if (list_keys.count(std::string(key.str())) == 0) {
            parent.add(value, Severity::warning, "'" + name + "' is not a list field",
                       "lists that can be split: categories, tags, aliases, products, tickets, affected_versions");
        } else {
            config.field_split[std::string(key.str())] = *separator;
        }
    }
}

void read_sections(const toml::table& table, TableReader& parent, Config& config) {
    for (const auto& [lang, node] : table) {
        const toml::table* per_lang = node.as_table();
        if (per_lang == nullptr) {
            parent.add(node, Severity::error, "'sections." + std::string(lang.str()) + "' must be a table",
                       "write [sections." + std::string(lang.str()) + "] with kinds such as symptoms = [\"...\"]");
            continue;
        }
        for (const auto& [kind_name, names_node] : *per_lang) {
            const SectionKind* kind = nullptr;
            for (const auto& entry : k_kind_names) {
                if (kind_name.str() == entry.name) {
                    kind = &entry.kind;
                }
            }
            std::string key = "sections." + std::string(lang.str()) + "." + std::string(kind_name.str());
            if (kind == nullptr) {
                parent.add(
                    names_node, Severity::warning, "unknown section kind '" + key + "'",
                    "kinds are symptoms, cause, workaround, resolution, answer, environment, internal, escalation");
                continue;
            }
            std::vector<std::string> names;
            if (!TableReader::read_strings(names_node, names)) {
                parent.add(names_node, Severity::error, "'" + key + "' must be a list of strings",
                           TableReader::list_hint(names_node, kind_name.str()));
                continue;
            }
            auto& list = config.sections[std::string(lang.str())][*kind];
            for (auto& name : names) {
                list.push_back(lower(trim(name)));
            }
        }
    }
}

// [flows.LANG]: step, escalate, resolved and heading, each a list of words.
void read_flows(const toml::table& table, TableReader& parent, Config& config) {
    for (const auto& [lang, node] : table) {
        const std::string prefix = "flows." + std::string(lang.str());
        const toml::table* per_lang = node.as_table();
        if (per_lang == nullptr) {
            parent.add(node, Severity::error, "'" + prefix + "' must be a table",
                       "write [" + prefix + "] with step = [\"...\"], escalate, resolved and heading");
            continue;
        }
        FlowWords& words = config.flows[std::string(lang.str())];
        for (const auto& [key, words_node] : *per_lang) {
            std::vector<std::string>* list = key.str() == "step"       ? &words.step
                                             : key.str() == "escalate" ? &words.escalate
                                             : key.str() == "resolved" ? &words.resolved
                                             : key.str() == "heading"  ? &words.heading
                                                                       : nullptr;
            const std::string name = prefix + "." + std::string(key.str());
            if (list == nullptr) {
                parent.add(words_node, Severity::warning, "unknown key '" + name + "'",
                           "[flows.LANG] takes step, escalate, resolved and heading");
                continue;
            }
            std::vector<std::string> values;
            if (!TableReader::read_strings(words_node, values)) {
                parent.add(words_node, Severity::error, "'" + name + "' must be a list of strings",
                           TableReader::list_hint(words_node, key.str()));
                continue;
            }
            for (auto& value : values) {
                if (!trim(value).empty()) {
                    list->push_back(trim(value));
                }
            }
        }
    }
}

// [suggest] threshold: a number from 0 to 1 (an integer 0 or 1 too).
void read_suggest(TableReader& reader, Config& config) {
    const toml::node* node = reader.peek("threshold");
    if (node == nullptr) {
        return;
    }
    reader.known("threshold");
    std::optional<double> value;
    if (node->is_floating_point()) {
        value = *node->value<double>();
    } else if (node->is_integer()) {
        value = static_cast<double>(*node->value<std::int64_t>());
    }
    if (!value || !(*value >= 0.0 && *value <= 1.0)) {
        reader.add(*node, Severity::error, "'suggest.threshold' must be a number from 0 to 1",
                   "write threshold = 0.7 (the default)");
        return;
    }
    config.suggest.threshold = *value;
}

void read_answer(TableReader& reader, Config& config, Diagnostics& diagnostics) {
    reader.string("greeting", config.answer_greeting);
    reader.string("signature", config.answer_signature);
    // A multi-line string starts on the line after its opening quotes.
    const auto first_line = [&reader](const char* key, const std::string& value) {
        const toml::node* node = reader.peek(key);
        if (node == nullptr || !node->is_string()) {
            return 0;
        }
        const int line = static_cast<int>(node->source().begin.line);
        return value.find('\n') == std::string::npos ? line : line + 1;
    };
    config.answer_greeting_line = first_line("greeting", config.answer_greeting);
    config.answer_signature_line = first_line("signature", config.answer_signature);
    if (const toml::table* defaults = reader.table("defaults")) {
        TableReader inner(*defaults, "answer.defaults", diagnostics);
        for (const auto& [key, node] : *defaults) {
            if (node.is_string()) {
                config.answer_defaults[std::string(key.str())] = *node.value<std::string>();
            } else {
                inner.add(node, Severity::error, "'answer.defaults." + std::string(key.str()) + "' must be a string");
            }
        }
    }
    reader.warn_unknown();
}

void read_site(TableReader& reader, Config& config) {
    reader.string("theme", config.site_theme);
    reader.string("base_url", config.site_base_url);
    reader.string("contact_url", config.site_contact_url);
    reader.strings("languages", config.site_languages);
    reader.string("footer", config.site_footer);
    reader.boolean("allow_html", config.site_allow_html);
    reader.warn_unknown();
}

// [tickets]: the column of each role, the closed statuses, the encoding
// (checked against ICU's converters, so a typo shows in 'faqt check' rather
// than when a report runs) and the delimiter.
void read_tickets(TableReader& reader, Config& config) {
    TicketsConfig& tickets = config.tickets;
    for (const char* key : k_ticket_column_keys) {
        std::string column;
        reader.string(key, column);
        if (!column.empty()) {
            tickets.columns[key] = column;
        }
    }
    reader.strings("closed", tickets.closed);
    reader.string("encoding", tickets.encoding);
    reader.string("preset", tickets.preset);
    if (const toml::node* node = reader.peek("encoding"); node != nullptr && !tickets.encoding.empty()) {
        UErrorCode status = U_ZERO_ERROR;
        UConverter* converter = ucnv_open(tickets.encoding.c_str(), &status);
        if (U_FAILURE(status) || converter == nullptr) {
            reader.add(*node, Severity::error, "'tickets.encoding' names no known encoding: '" + tickets.encoding + "'",
                       "write an encoding such as \"windows-1250\", \"windows-1252\", \"iso-8859-2\" or \"utf-8\"");
            tickets.encoding.clear();
        }
        ucnv_close(converter);
    }
    if (const toml::node* node = reader.peek("preset"); node != nullptr && !tickets.preset.empty()) {
        std::string known;
        bool found = false;
        for (const char* name : k_ticket_preset_names) {
            found = found || tickets.preset == name;
            known += known.empty() ? "" : ", ";
            known += name;
        }
        if (!found) {
            reader.add(*node, Severity::error, "'tickets.preset' names no preset: '" + tickets.preset + "'",
                       "presets: " + known);
            tickets.preset.clear();
        }
    }
    std::string delimiter;
    reader.string("delimiter", delimiter);
    if (const toml::node* node = reader.peek("delimiter"); node != nullptr && node->is_string()) {
        if (auto found = ticket_delimiter(delimiter)) {
            tickets.delimiter = *found;
        } else {
            reader.add(*node, Severity::error, "'tickets.delimiter' must be \",\", \";\", \"|\" or \"tab\"",
                       "leave it out to let faqt find the delimiter from the first lines");
        }
    }
    reader.warn_unknown();
}

}  // namespace

const EscalationGroup* Config::find_escalation(std::string_view id) const {
    for (const auto& group : escalation) {
        if (group.id == id) {
            return &group;
        }
    }
    return nullptr;
}

// An escalation group's id as a reader of faqt.toml is told about it: the
// nearest declared one, else the list of them.
std::string escalation_hint(std::string_view id, const Config& config) {
    std::vector<std::string> ids;
    for (const auto& group : config.escalation) {
        ids.push_back(group.id);
    }
    if (ids.empty()) {
        return "declare the group with [[escalation]] id = \"" + std::string(id) + "\" in faqt.toml";
    }
    if (auto near = closest_match(id, ids); !near.empty()) {
        return "did you mean '" + near + "'?";
    }
    std::string hint = "the groups are:";
    for (const auto& group : ids) {
        hint += " " + group;
    }
    return hint;
}

bool is_internal_kind(SectionKind kind) {
    return kind == SectionKind::internal || kind == SectionKind::escalation;
}

const char* to_string(SectionKind kind) {
    for (const auto& entry : k_kind_names) {
        if (entry.kind == kind) {
            return entry.name;
        }
    }
    return "other";
}

SectionKind Config::section_kind(std::string_view heading, std::string_view lang) const {
    std::string name = lower(trim(heading));
    // "Notes (internal)" marks any section as internal.
    constexpr std::string_view k_internal_suffix = "(internal)";
    if (name.size() >= k_internal_suffix.size() &&
        name.compare(name.size() - k_internal_suffix.size(), k_internal_suffix.size(), k_internal_suffix) == 0) {
        return SectionKind::internal;
    }
    while (!name.empty() && (name.back() == ':' || name.back() == '.')) {
        name.pop_back();
    }
    auto match = [&](const std::map<SectionKind, std::vector<std::string>>& table) {
        for (const auto& [kind, names] : table) {
            for (const auto& candidate : names) {
                if (candidate == name) {
                    return kind;
                }
            }
        }
        return SectionKind::other;
    };
    if (auto it = sections.find(std::string(lang)); it != sections.end()) {
        if (auto kind = match(it->second); kind != SectionKind::other) {
            return kind;
        }
    }
    // English names work in every language: writers often keep them.
    if (auto kind = match(builtin_sections()); kind != SectionKind::other) {
        return kind;
    }
    // Internal notes fail closed: the usual names in the languages faqt
    // ships examples for, and their neighbours, are internal in every KB,
    // with or without accents, even when faqt.toml has no [sections.LANG].
    static const std::vector<std::string> k_internal_everywhere = {
        "ghi chu noi bo",      "ghi chu noi bo cho nhan vien",
        "notatki wewnetrzne",  "notatka wewnetrzna",
        "uwagi wewnetrzne",    "interne notizen",
        "interne hinweise",    "notes internes",
        "note interne",        "notas internas",
        "notities intern",     "interne notities",
        "interni poznamky",    "sisaiset muistiinpanot",
        "interna anteckningar"};
    const std::string folded = fold(name);
    for (const auto& candidate : k_internal_everywhere) {
        if (folded == candidate) {
            return SectionKind::internal;
        }
    }
    // "When to escalate" is internal too, so it fails closed the same way.
    static const std::vector<std::string> k_escalation_everywhere = {"khi nao chuyen cap", "kiedy eskalowac"};
    for (const auto& candidate : k_escalation_everywhere) {
        if (folded == candidate) {
            return SectionKind::escalation;
        }
    }
    for (const auto& [other_lang, table] : sections) {
        if (other_lang != lang) {
            if (auto kind = match(table); kind != SectionKind::other) {
                return kind;
            }
        }
    }
    return SectionKind::other;
}

std::string Config::index_fingerprint() const {
    std::ostringstream out;
    out << "lang=" << default_lang << ";content=";
    for (const auto& c : content) {
        out << c << ',';
    }
    out << ";exclude=";
    for (const auto& e : exclude) {
        out << e << ',';
    }
    // The words of flows decide their public text.
    out << ";flows=";
    for (const auto& [lang, words] : flows) {
        out << lang << '=';
        for (const auto* list : {&words.step, &words.escalate, &words.resolved, &words.heading}) {
            for (const auto& w : *list) {
                out << w << '|';
            }
            out << '/';
        }
        out << ',';
    }
    out << ";synonyms=";
    for (const auto& [key, values] : synonyms) {
        out << key << '=';
        for (const auto& v : values) {
            out << v << '|';
        }
        out << ',';
    }
    out << ";fields=";
    for (const auto& [key, values] : fields) {
        out << key << '=';
        for (const auto& v : values) {
            out << v << '|';
        }
        out << ',';
    }
    out << ";split=";
    for (const auto& [key, separator] : field_split) {
        out << key << '=' << separator << ',';
    }
    out << ";sections=";
    for (const auto& [lang, table] : sections) {
        out << lang << ':';
        for (const auto& [kind, names] : table) {
            out << to_string(kind) << '=';
            for (const auto& n : names) {
                out << n << '|';
            }
        }
        out << ',';
    }
    out << ";categories=";
    for (const auto& c : categories) {
        out << c.id << ',';
    }
    // A short, stable digest (FNV-1a) keeps the stored value small.
    // Its seed is not FNV's offset basis; kept, so no index rebuilds.
    return hex_digest(fnv1a(out.str(), 1469598103934665603ULL));
}

Result<LoadedConfig> parse_config(std::string_view text, const std::filesystem::path& root) {
    LoadedConfig loaded;
    loaded.config.root = root;
    loaded.config.file = root / k_config_name;
    if (const int line = find_overlong_toml_key(text); line > 0) {
        return Error(ErrorCode::config,
                     std::string(k_config_name) + ":" + std::to_string(line) + ": a key with more than " +
                         std::to_string(k_max_toml_key_parts) + " dotted parts",
                     "fix the TOML syntax of faqt.toml");
    }
    toml::table doc;
    try {
        doc = toml::parse(text, std::string_view(k_config_name));
    } catch (const toml::parse_error& e) {
        const auto& where = e.source().begin;
        return Error(ErrorCode::config,
                     std::string(k_config_name) + ":" + std::to_string(where.line) + ":" +
                         std::to_string(where.column) + ": " + std::string(e.description()),
                     "fix the TOML syntax of faqt.toml");
    }
    auto& diagnostics = loaded.diagnostics;
    Config& config = loaded.config;
    TableReader top(doc, "", diagnostics);
    if (const toml::table* kb = top.table("kb")) {
        TableReader reader(*kb, "kb", diagnostics);
        read_kb(reader, config);
        check_content_folders(*kb, config, diagnostics);
        check_exclude_globs(*kb, config, diagnostics);
    }
    if (const toml::node* categories = doc.get("categories")) {
        top.known("categories");
        read_categories(*categories, config, diagnostics);
    }
    if (const toml::node* escalation = doc.get("escalation")) {
        top.known("escalation");
        read_escalation(*escalation, config, diagnostics);
    }
    if (const toml::table* synonyms = top.table("synonyms")) {
        read_string_lists(*synonyms, "synonyms", top, config.synonyms);
    }
    if (const toml::table* fields = top.table("fields")) {
        if (const toml::node* split = fields->get("split")) {
            read_field_split(*split, top, config);
        }
        read_string_lists(*fields, "fields", top, config.fields, "split");
        // [fields] maps onto faqt's own article keys; anything else is a typo.
        static const std::set<std::string> article_keys = {
            "id",       "title",      "summary",    "type",  "categories", "tags",    "aliases",   "status",
            "products", "fixed_in",   "visibility", "draft", "lang",       "updated", "review_by", "affected_versions",
            "tickets",  "escalate_to"};
        for (const auto& [key, node] : *fields) {
            if (article_keys.count(std::string(key.str())) == 0 && key.str() != "split") {
                top.add(node, Severity::warning, "'fields." + std::string(key.str()) + "' is not an article field",
                        "[fields] maps other tools' keys onto faqt's: title, summary, updated, products, ...");
            }
        }
    }
    if (const toml::table* sections = top.table("sections")) {
        read_sections(*sections, top, config);
    }
    if (const toml::table* flows = top.table("flows")) {
        read_flows(*flows, top, config);
    }
    if (const toml::table* answer = top.table("answer")) {
        TableReader reader(*answer, "answer", diagnostics);
        read_answer(reader, config, diagnostics);
    }
    if (const toml::table* suggest = top.table("suggest")) {
        TableReader reader(*suggest, "suggest", diagnostics);
        read_suggest(reader, config);
        reader.warn_unknown();
    }
    if (const toml::table* site = top.table("site")) {
        config.site_line = std::max(1, static_cast<int>(site->source().begin.line));
        TableReader reader(*site, "site", diagnostics);
        read_site(reader, config);
    }
    if (const toml::table* tickets = top.table("tickets")) {
        TableReader reader(*tickets, "tickets", diagnostics);
        read_tickets(reader, config);
    }
    top.warn_unknown();
    check_category_escalation(config, diagnostics);
    if (config.default_lang.empty()) {
        config.default_lang = "en";
    }
    if (config.content.empty()) {
        config.content = {"."};
    }
    return loaded;
}

Result<LoadedConfig> load_config(const std::filesystem::path& root) {
    const auto file = root / k_config_name;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return Error(ErrorCode::config, "cannot read " + file.string(), "check that the file exists and is readable");
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    std::size_t bad = 0;
    if (!is_valid_utf8(text, &bad)) {
        return Error(ErrorCode::config, file.string() + ": invalid UTF-8 at byte " + std::to_string(bad),
                     "save faqt.toml as UTF-8");
    }
    return parse_config(text, root);
}

std::optional<char> ticket_delimiter(std::string_view name) {
    if (name == "," || name == ";" || name == "|" || name == "\t") {
        return name[0];
    }
    if (name == "tab" || name == "\\t") {
        return '\t';
    }
    return std::nullopt;
}

}  // namespace faqt
