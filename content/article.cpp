#include "content/article.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <set>

#include "content/closest_match.hpp"
#include "content/front_matter.hpp"
#include "content/flow.hpp"
#include "content/markdown.hpp"
#include "content/text.hpp"

namespace faqt {

namespace {

constexpr std::array<std::string_view, 4> k_statuses = {"investigating", "workaround", "fixed", "wont-fix"};

// The keys faqt reads from front matter. Unknown keys in TOML front matter
// (faqt's own syntax) are reported as likely typos; YAML front matter comes
// from other tools' repositories, full of their own keys, so it is not.
// type = "flow" is named by DESIGN.md; its value is checked by the feature
// that gives it meaning.
constexpr std::array<std::string_view, 21> k_known_keys = {
    "id",       "title",    "summary",    "type",       "categories", "tags",    "aliases",   "status",
    "products", "fixed_in", "visibility", "draft",      "lang",       "updated", "review_by", "affected_versions",
    "tickets",  "weight",   "severity",   "former_ids", "escalate_to"};

bool looks_like_lang(std::string_view code) {
    // "vi", "pl", "pt-br", "zh-hans": two letters, optionally a region or
    // script. Three-letter suffixes are not taken, so "notes.old.md" stays
    // the article "notes.old".
    auto letters = [](std::string_view s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
    };
    if (code.size() == 2) {
        return code[0] >= 'a' && code[0] <= 'z' && code[1] >= 'a' && code[1] <= 'z';
    }
    if (code.size() >= 5 && code.size() <= 7 && (code[2] == '-' || code[2] == '_')) {
        return code[0] >= 'a' && code[0] <= 'z' && code[1] >= 'a' && code[1] <= 'z' && letters(code.substr(3));
    }
    return false;
}

std::vector<std::string> split_on(const std::string& text, const std::string& separator) {
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (true) {
        auto at = text.find(separator, pos);
        parts.push_back(text.substr(pos, at == std::string::npos ? std::string::npos : at - pos));
        if (at == std::string::npos) {
            return parts;
        }
        pos = at + separator.size();
    }
}

class FieldReader {
public:
    FieldReader(const FrontMatter& fm, const Config& config, std::string_view path, Diagnostics& diagnostics)
        : m_fm(fm), m_config(config), m_path(path), m_diagnostics(diagnostics) {}

    // The field for a faqt key: the key itself, else the first foreign key
    // of [fields] that is present.
    const FieldValue* find(std::string_view key) const {
        const FieldValue* found = find_field(key);
        if (found != nullptr && m_lines != nullptr) {
            (*m_lines)[std::string(key)] = found->line;
        }
        return found;
    }

    void record_lines(std::map<std::string, int>& lines) { m_lines = &lines; }

    // A nested key whose last part is key ("meta.visibility"), with its name.
    const std::pair<const std::string, FieldValue>* find_nested(std::string_view key) const {
        const std::string tail = "." + std::string(key);
        for (const auto& entry : m_fm.fields) {
            if (entry.first.size() > tail.size() &&
                entry.first.compare(entry.first.size() - tail.size(), tail.size(), tail) == 0) {
                return &entry;
            }
        }
        return nullptr;
    }

    const FieldValue* find_field(std::string_view key) const {
        if (auto it = m_fm.fields.find(std::string(key)); it != m_fm.fields.end()) {
            return &it->second;
        }
        if (auto mapping = m_config.fields.find(std::string(key)); mapping != m_config.fields.end()) {
            for (const auto& foreign : mapping->second) {
                if (auto it = m_fm.fields.find(foreign); it != m_fm.fields.end()) {
                    return &it->second;
                }
            }
        }
        return nullptr;
    }

    void string(std::string_view key, std::string& out) {
        const FieldValue* v = find(key);
        if (v == nullptr || v->kind == FieldValue::Kind::null) {
            return;
        }
        if (v->kind == FieldValue::Kind::string) {
            out = trim(v->text);
        } else if (v->kind == FieldValue::Kind::list && v->list.size() == 1 && m_fm.syntax == FrontMatterSyntax::yaml) {
            out = trim(v->list.front());
        } else {
            type_error(*v, key, "a string");
        }
    }

    void strings(std::string_view key, std::vector<std::string>& out) {
        const FieldValue* v = find(key);
        if (v == nullptr || v->kind == FieldValue::Kind::null) {
            return;
        }
        if (v->kind == FieldValue::Kind::list && v->list_ok) {
            out.clear();
            for (const auto& item : v->list) {
                if (auto t = trim(item); !t.empty()) {
                    out.push_back(t);
                }
            }
        } else if (v->kind == FieldValue::Kind::string) {
            // A single value where a list is expected: a list of one, or
            // split on the separator of [fields.split].
            auto split = m_config.field_split.find(std::string(key));
            std::vector<std::string> values;
            for (auto& part : split == m_config.field_split.end() ? std::vector<std::string>{v->text}
                                                                  : split_on(v->text, split->second)) {
                if (auto t = trim(part); !t.empty()) {
                    values.push_back(t);
                }
            }
            if (!values.empty()) {
                out = std::move(values);
            }
        } else {
            type_error(*v, key, "a list of strings");
        }
    }

    void boolean(std::string_view key, bool& out) {
        const FieldValue* v = find(key);
        if (v == nullptr || v->kind == FieldValue::Kind::null) {
            return;
        }
        if (v->kind == FieldValue::Kind::boolean) {
            out = v->flag;
        } else {
            type_error(*v, key, "true or false");
        }
    }

    void date(std::string_view key, std::optional<Date>& out) {
        const FieldValue* v = find(key);
        if (v == nullptr || v->kind == FieldValue::Kind::null) {
            return;
        }
        if (v->date) {
            out = v->date;
        } else if (v->kind == FieldValue::Kind::string || v->kind == FieldValue::Kind::date) {
            error(*v, std::string("'").append(key) + "' is not a date: \"" + v->text + "\"",
                  "write dates as YYYY-MM-DD, for example 2026-11-20");
        } else {
            type_error(*v, key, "a date (YYYY-MM-DD)");
        }
    }

    void error(const FieldValue& v, std::string message, std::string hint = {}) {
        report(v, Severity::error, std::move(message), std::move(hint));
    }

    void warning(const FieldValue& v, std::string message, std::string hint = {}) {
        report(v, Severity::warning, std::move(message), std::move(hint));
    }

private:
    void report(const FieldValue& v, Severity severity, std::string message, std::string hint) {
        m_diagnostics.push_back({std::string(m_path), v.line, v.column > 0 ? v.column : 1, severity,
                                 std::move(message), std::move(hint)});
    }

    void type_error(const FieldValue& v, std::string_view key, const char* expected) {
        // Built with append: GCC 12 at -O3 warns (-Wrestrict) on the '+' chain.
        std::string message = "'";
        message.append(key).append("' must be ").append(expected);
        error(v, std::move(message));
    }

    const FrontMatter& m_fm;
    const Config& m_config;
    std::string_view m_path;
    Diagnostics& m_diagnostics;
    std::map<std::string, int>* m_lines = nullptr;
};

// severity: one of known_severities(), in any case; read after type,
// since only known errors have one.
void read_severity(FieldReader& fields, Article& a) {
    fields.string("severity", a.severity);
    if (a.severity.empty()) {
        return;
    }
    const FieldValue& field = *fields.find("severity");
    const std::string normalised = lower(a.severity);
    if (!is_known_severity(normalised)) {
        const std::string near = closest_match(normalised, known_severities());
        fields.error(field, "unknown severity '" + a.severity + "'",
                     (near.empty() ? std::string() : "did you mean '" + near + "'? ") +
                         "use critical, high, medium or low");
        a.severity.clear();
    } else if (!a.is_known_error()) {
        fields.warning(field, "severity is for known errors; this " + std::string(to_string(a.type)) +
                                  " article's severity is ignored",
                       "remove the severity line, or set type = \"known-error\"");
        a.severity.clear();
    } else {
        a.severity = normalised;
    }
}

// "## Workaround {#wa}": the heading text and the explicit anchor.
void split_explicit_id(std::string& text, std::string& explicit_id) {
    explicit_id.clear();
    if (auto brace = text.rfind("{#"); brace != std::string::npos && !text.empty() && text.back() == '}') {
        explicit_id = text.substr(brace + 2, text.size() - brace - 3);
        text = trim(text.substr(0, brace));
    }
}

// The kind of a section from its heading, ignoring trailing punctuation
// ("Internal notes:", "Internal notes —"), which writers add freely.
SectionKind classify_heading(std::string_view heading, const Config& config, std::string_view lang) {
    std::string name = trim(heading);
    for (bool changed = true; changed && !name.empty();) {
        changed = false;
        for (std::string_view tail : {":", ".", "!", "?", "-", "*", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA6"}) {
            if (name.size() >= tail.size() && name.compare(name.size() - tail.size(), tail.size(), tail) == 0) {
                name = trim(name.substr(0, name.size() - tail.size()));
                changed = true;
            }
        }
    }
    return config.section_kind(name, lang);
}

}  // namespace

const char* to_string(ArticleType type) {
    switch (type) {
        case ArticleType::faq:
            return "faq";
        case ArticleType::known_error:
            return "known-error";
        case ArticleType::howto:
            return "howto";
        case ArticleType::flow:
            return "flow";
    }
    return "faq";
}

const char* to_string(Visibility visibility) {
    return visibility == Visibility::internal ? "internal" : "public";
}

std::optional<ArticleType> parse_article_type(std::string_view text) {
    std::string t = lower(trim(text));
    if (t == "faq") {
        return ArticleType::faq;
    }
    if (t == "known-error" || t == "known_error" || t == "knownerror") {
        return ArticleType::known_error;
    }
    if (t == "howto" || t == "how-to") {
        return ArticleType::howto;
    }
    if (t == "flow") {
        return ArticleType::flow;
    }
    return std::nullopt;
}

bool is_known_status(std::string_view status) {
    return std::find(k_statuses.begin(), k_statuses.end(), status) != k_statuses.end();
}

const std::vector<std::string>& known_severities() {
    static const std::vector<std::string> severities = {"critical", "high", "medium", "low"};
    return severities;
}

bool is_known_severity(std::string_view severity) {
    return severity_rank(severity) < static_cast<int>(known_severities().size());
}

int severity_rank(std::string_view severity) {
    const auto& all = known_severities();
    return static_cast<int>(std::find(all.begin(), all.end(), severity) - all.begin());
}

const Section* Article::find_section(SectionKind kind) const {
    for (const auto& section : sections) {
        if (section.kind == kind) {
            return &section;
        }
    }
    return nullptr;
}

bool Article::is_internal_line(int line) const {
    for (const auto& [begin, end] : internal_lines) {
        if (line >= begin && line < end) {
            return true;
        }
    }
    return false;
}

PathIdentity identity_from_path(std::string_view path) {
    std::string_view stem = path;
    if (stem.size() > 3 && stem.substr(stem.size() - 3) == ".md") {
        stem.remove_suffix(3);
    } else if (stem.size() > 9 && stem.substr(stem.size() - 9) == ".markdown") {
        stem.remove_suffix(9);
    }
    PathIdentity identity;
    auto dot = stem.rfind('.');
    auto slash = stem.rfind('/');
    if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash) && dot > 0) {
        std::string suffix = lower(stem.substr(dot + 1));
        if (looks_like_lang(suffix)) {
            identity.lang = suffix;
            stem = stem.substr(0, dot);
        }
    }
    identity.id = std::string(stem);
    return identity;
}

namespace {

constexpr std::string_view k_internal_until_fixed = "; the article is treated as internal until this is fixed";

// visibility = "public" or "internal". Anything else that is there — another
// word, a boolean, a list, an empty value — makes the article internal: when
// in doubt, do not publish.
void read_visibility(FieldReader& fields, Article& a) {
    const FieldValue* v = fields.find("visibility");
    if (v == nullptr) {
        // "[meta] visibility = ..." is not read, but the writer meant it.
        if (const auto* nested = fields.find_nested("visibility")) {
            a.visibility = Visibility::internal;
            fields.error(nested->second,
                         "'" + nested->first + "' is not read: visibility belongs at the top of the front matter" +
                             std::string(k_internal_until_fixed),
                         "move it out of its table, or map it in faqt.toml [fields]");
        }
        return;
    }
    std::string text;
    bool is_text = v->kind == FieldValue::Kind::string;
    if (is_text) {
        text = v->text;
    } else if (v->kind == FieldValue::Kind::list && v->list_ok && v->list.size() == 1) {
        text = v->list.front();  // YAML "visibility: [internal]"
        is_text = true;
    }
    const std::string word = lower(trim(text));
    if (is_text && word == "public") {
        return;
    }
    a.visibility = Visibility::internal;
    if (is_text && word == "internal") {
        return;
    }
    if (is_text) {
        fields.error(*v, "unknown visibility '" + text + "'" + std::string(k_internal_until_fixed),
                     "use public or internal");
    } else {
        fields.error(*v, "'visibility' must be \"public\" or \"internal\"" + std::string(k_internal_until_fixed),
                     "write visibility = \"internal\" (TOML) or visibility: internal (YAML)");
    }
}

// A front matter block that is not where faqt reads one: the first line
// that is not blank is a fence ("+++", or "---" over a "key:" line), maybe
// indented, below the first line or indented, and a fence closes it. Its
// visibility and draft were never read, so the article cannot be taken for
// public. Returns the 1-based line of the opening fence, or 0.
int misplaced_front_matter_line(std::string_view source) {
    std::size_t pos = 0;
    int line_number = 0;
    int opening = 0;
    std::string_view fence;
    bool yaml_key = false;
    while (pos < source.size() && line_number < 400) {
        auto end = source.find('\n', pos);
        std::string_view line = source.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? source.size() : end + 1;
        ++line_number;
        const std::string trimmed = trim(line);
        if (opening == 0) {
            if (trimmed.empty()) {
                continue;
            }
            if (trimmed != "+++" && trimmed != "---") {
                return 0;
            }
            if (line_number == 1 && line.substr(0, 3) == trimmed && line.size() <= 4) {
                return 0;  // where front matter belongs: read (or reported) as such
            }
            opening = line_number;
            fence = trimmed == "+++" ? "+++" : "---";
            continue;
        }
        if (trimmed == fence) {
            return fence == "+++" || yaml_key ? opening : 0;
        }
        const std::size_t colon = trimmed.find(':');
        yaml_key =
            yaml_key ||
            (colon != std::string::npos && colon > 0 && trimmed.find_first_of(" \t") > colon &&
             trimmed.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == colon);
    }
    return 0;
}

// A second look at visibility, line by line: a key that the parser did not
// read as the article's visibility — swallowed by a quote left open above it
// ("title: \"Secret" then "visibility: internal"), or nested in a list or
// inline table ([[tags]] visibility = "internal") — must not leave the article
// public. Looks for the key at the start of a line (after "- ", "[", "{") or
// right after "{", "[" or "," (flow collections), followed by ':' or '='; a
// value other than "public" there makes the article internal. Returns the
// 1-based line of the first such key, or 0.
int unread_visibility_line(std::string_view front_matter, const std::vector<std::string>& keys) {
    int line_number = 0;
    std::size_t pos = 0;
    while (pos < front_matter.size()) {
        auto end = front_matter.find('\n', pos);
        std::string_view line =
            front_matter.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? front_matter.size() : end + 1;
        ++line_number;
        for (const auto& key : keys) {
            for (std::size_t at = line.find(key); at != std::string_view::npos; at = line.find(key, at + 1)) {
                // What comes before: only spaces and collection or list marks.
                std::size_t b = at;
                while (b > 0 &&
                       (line[b - 1] == ' ' || line[b - 1] == '\t' || line[b - 1] == '"' || line[b - 1] == '\'')) {
                    --b;
                }
                const bool starts_line = line.substr(0, b).find_first_not_of(" \t-[{,") == std::string_view::npos;
                const bool in_collection = b > 0 && (line[b - 1] == '{' || line[b - 1] == '[' || line[b - 1] == ',');
                if (!starts_line && !in_collection) {
                    continue;
                }
                std::size_t after = at + key.size();
                while (after < line.size() &&
                       (line[after] == '"' || line[after] == '\'' || line[after] == ' ' || line[after] == '\t')) {
                    ++after;
                }
                if (after >= line.size() || (line[after] != ':' && line[after] != '=')) {
                    continue;
                }
                std::string value = lower(trim(line.substr(after + 1)));
                // The value up to the end of its flow item.
                value = value.substr(0, value.find_first_of(",}]#"));
                value = trim(value);
                while (!value.empty() && (value.front() == '"' || value.front() == '\'' || value.front() == '[')) {
                    value.erase(0, 1);
                }
                while (!value.empty() && (value.back() == '"' || value.back() == '\'' || value.back() == ']')) {
                    value.pop_back();
                }
                if (trim(value) != "public") {
                    return line_number;
                }
            }
        }
    }
    return 0;
}

// Splits the body into the intro and its sections, finding headings in
// cmark-gfm's tree, so every form Markdown has (ATX, setext, "# " as H1,
// emphasis or links inside) is one. A heading of level 1 or 2 starts a
// section, except a first "# Title" before any section, which is the title.
// An internal heading of any level makes everything below it internal up
// to the next heading of the same or a higher level: those lines stay in
// the full text and go to internal_markdown instead of the public text.
void read_sections(Article& a, const Config& config) {
    // cmark-gfm ends a line at a lone CR too; so must the lines below, or
    // the lines of internal headings would not be the lines hidden.
    if (a.body.find('\r') != std::string::npos) {
        for (std::size_t i = 0; i < a.body.size(); ++i) {
            if (a.body[i] == '\r' && (i + 1 == a.body.size() || a.body[i + 1] != '\n')) {
                a.body[i] = '\n';
            }
        }
    }
    std::vector<Heading> headings = find_headings(a.body, a.body_line);
    std::vector<SectionKind> kinds;
    std::vector<std::string> explicit_ids;
    kinds.reserve(headings.size());
    for (auto& heading : headings) {
        std::string explicit_id;
        split_explicit_id(heading.text, explicit_id);
        explicit_ids.push_back(std::move(explicit_id));
        kinds.push_back(classify_heading(heading.text, config, a.lang));
    }
    // File lines under an internal heading, as [begin, end) ranges.
    std::vector<std::pair<int, int>> internal;
    for (std::size_t i = 0; i < headings.size(); ++i) {
        if (!is_internal_kind(kinds[i])) {
            continue;
        }
        int end = std::numeric_limits<int>::max();
        for (std::size_t k = i + 1; k < headings.size(); ++k) {
            if (headings[k].level <= headings[i].level) {
                end = headings[k].line;
                break;
            }
        }
        if (!internal.empty() && headings[i].line < internal.back().second) {
            internal.back().second = std::max(internal.back().second, end);  // nested in the previous range
        } else {
            internal.emplace_back(headings[i].line, end);
        }
    }
    a.internal_lines = internal;
    // How often each anchor has been seen: a count per anchor, because
    // counting in a list of all anchors took seconds on a file of 100,000
    // headings. Repeated headings get "-1", "-2" like GitHub's anchors.
    std::map<std::string, int> anchors_seen;
    std::vector<std::string> heading_anchors;
    heading_anchors.reserve(headings.size());
    for (std::size_t i = 0; i < headings.size(); ++i) {
        std::string anchor = explicit_ids[i].empty() ? heading_anchor(headings[i].text) : explicit_ids[i];
        const int repeats = anchors_seen[anchor]++;
        heading_anchors.push_back(repeats == 0 ? anchor : anchor + "-" + std::to_string(repeats));
    }
    a.anchors = heading_anchors;

    std::size_t next_heading = 0;
    std::size_t next_range = 0;
    bool seen_title_heading = false;
    Section* current = nullptr;
    std::string intro;
    std::string public_intro;
    std::size_t pos = 0;
    int line_number = a.body_line - 1;
    int skip_until = 0;  // last line of a heading already taken
    const std::string_view body = a.body;
    while (pos < body.size()) {
        auto end = body.find('\n', pos);
        std::size_t next = end == std::string_view::npos ? body.size() : end + 1;
        std::string_view line = body.substr(pos, next - pos);
        pos = next;
        ++line_number;
        while (next_range < internal.size() && internal[next_range].second <= line_number) {
            ++next_range;
        }
        const bool hidden = next_range < internal.size() && internal[next_range].first <= line_number;
        if (hidden) {
            a.internal_markdown.append(line);
        }
        if (line_number <= skip_until) {
            continue;
        }
        if (next_heading < headings.size() && headings[next_heading].line == line_number) {
            const std::size_t i = next_heading++;
            const Heading& heading = headings[i];
            if (!heading.top_level) {
                // A heading in a quote or a list item starts no section.
            } else if (heading.level == 1 && !seen_title_heading && current == nullptr && !is_internal_kind(kinds[i])) {
                seen_title_heading = true;
                if (a.title.empty()) {
                    a.title = strip_control(heading.text);
                }
                skip_until = heading.end_line;
                continue;
            } else if (heading.level <= 2) {
                Section section;
                section.heading = heading.text;
                section.kind = kinds[i];
                section.level = heading.level;
                section.line = heading.line;
                section.anchor = heading_anchors[i];
                section.internal = hidden;
                a.sections.push_back(std::move(section));
                current = &a.sections.back();
                skip_until = heading.end_line;
                continue;
            }
        }
        while (next_heading < headings.size() && headings[next_heading].line <= line_number) {
            ++next_heading;  // a heading inside a line already consumed
        }
        if (current != nullptr) {
            current->markdown.append(line);
            if (!hidden) {
                current->public_markdown.append(line);
            }
        } else {
            intro.append(line);
            if (!hidden) {
                public_intro.append(line);
            }
        }
    }
    a.intro = trim(intro);
    a.public_intro = trim(public_intro);
    for (auto& section : a.sections) {
        section.markdown = trim(section.markdown);
        section.public_markdown = section.internal ? std::string() : trim(section.public_markdown);
    }
}

}  // namespace

ParsedArticle parse_article(std::string_view raw, std::string_view path, const Config& config) {
    ParsedArticle parsed;
    Article& a = parsed.article;
    Diagnostics& diagnostics = parsed.diagnostics;
    a.path = std::string(path);

    std::size_t bad = 0;
    if (!is_valid_utf8(raw, &bad)) {
        int line = 1 + static_cast<int>(std::count(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
        auto line_start = raw.rfind('\n', bad == 0 ? 0 : bad - 1);
        int column = static_cast<int>(bad - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1;
        diagnostics.push_back({a.path, line, column, Severity::error, "invalid UTF-8",
                               "save the file as UTF-8; faqt shows the bad bytes as \xEF\xBF\xBD"});
        a.source = repair_utf8(raw);
    } else {
        a.source = std::string(raw);
    }

    const std::size_t before_front_matter = diagnostics.size();
    FrontMatter fm = parse_front_matter(a.source, a.path, diagnostics);
    if (fm.syntax != FrontMatterSyntax::none && !fm.parsed) {
        // The fields cannot be read with certainty, visibility among them:
        // fail closed.
        a.visibility = Visibility::internal;
        for (std::size_t i = before_front_matter; i < diagnostics.size(); ++i) {
            if (diagnostics[i].severity == Severity::error) {
                diagnostics[i].message += k_internal_until_fixed;
            }
        }
    }
    a.body = std::move(fm.body);
    a.body_line = fm.body_line;
    // Markdown past cmark-gfm's safe limits is rendered cut off everywhere; say where.
    for (MarkdownLimit& limit : markdown_limits(a.body, a.body_line)) {
        diagnostics.push_back(
            {a.path, limit.line, 1, Severity::warning, std::move(limit.message), std::move(limit.hint)});
    }

    PathIdentity identity = identity_from_path(a.path);
    a.id = identity.id;
    a.lang = identity.lang.empty() ? config.default_lang : identity.lang;

    FieldReader fields(fm, config, a.path, diagnostics);
    fields.record_lines(a.field_lines);
    std::string id_override;
    fields.string("id", id_override);
    if (!id_override.empty()) {
        a.id = id_override;
    }
    fields.string("title", a.title);
    fields.string("summary", a.summary);
    // Titles and summaries are printed as they are by list, search and show.
    a.title = strip_control(a.title);
    a.summary = strip_control(a.summary);
    std::string type_text;
    fields.string("type", type_text);
    if (!type_text.empty()) {
        if (auto type = parse_article_type(type_text)) {
            a.type = *type;
        } else {
            fields.error(*fields.find("type"), "unknown type '" + type_text + "'",
                         "use faq, known-error, howto or flow");
        }
    }
    fields.strings("categories", a.categories);
    for (auto& category : a.categories) {
        while (!category.empty() && category.back() == '/') {
            category.pop_back();
        }
    }
    fields.strings("tags", a.tags);
    fields.strings("aliases", a.aliases);
    fields.string("status", a.status);
    if (!a.status.empty()) {
        std::string normalised = lower(a.status);
        std::replace(normalised.begin(), normalised.end(), '_', '-');
        if (normalised == "wontfix" || normalised == "won't-fix" || normalised == "wont fix") {
            normalised = "wont-fix";
        }
        if (is_known_status(normalised)) {
            a.status = normalised;
        } else {
            fields.error(*fields.find("status"), "unknown status '" + a.status + "'",
                         "use investigating, workaround, fixed or wont-fix");
            a.status.clear();
        }
    }
    read_severity(fields, a);
    fields.strings("products", a.products);
    fields.strings("affected_versions", a.affected_versions);
    fields.string("fixed_in", a.fixed_in);
    fields.string("escalate_to", a.escalate_to);
    read_visibility(fields, a);
    if (a.visibility == Visibility::public_ && fm.syntax != FrontMatterSyntax::none) {
        std::vector<std::string> keys = {"visibility"};
        if (auto mapped = config.fields.find("visibility"); mapped != config.fields.end()) {
            keys.insert(keys.end(), mapped->second.begin(), mapped->second.end());
        }
        const std::string_view source = a.source;
        std::size_t end = 0;
        for (int line = 1; line < a.body_line && end != std::string_view::npos; ++line) {
            end = source.find('\n', end == 0 && line == 1 ? 0 : end + 1);
        }
        const std::string_view block = source.substr(0, end == std::string_view::npos ? source.size() : end);
        if (int line = unread_visibility_line(block, keys); line > 0) {
            a.visibility = Visibility::internal;
            diagnostics.push_back({a.path, line, 1, Severity::error,
                                   "this line sets visibility, but the front matter did not read it as the "
                                   "article's visibility" +
                                       std::string(k_internal_until_fixed),
                                   "close the quote on the line above, or move visibility to the top level of the "
                                   "front matter"});
        }
    }
    if (fm.syntax == FrontMatterSyntax::none) {
        if (int line = misplaced_front_matter_line(a.source); line > 0) {
            a.visibility = Visibility::internal;
            diagnostics.push_back({a.path, line, 1, Severity::error,
                                   "front matter that does not start on the first line of the file is not read" +
                                       std::string(k_internal_until_fixed),
                                   "remove what comes before the opening fence, and indent neither fence"});
        }
    }
    fields.boolean("draft", a.draft);
    std::string lang;
    fields.string("lang", lang);
    if (!lang.empty()) {
        a.lang = lower(lang);
    }
    fields.date("updated", a.updated);
    fields.date("review_by", a.review_by);
    fields.strings("tickets", a.tickets);
    fields.strings("former_ids", a.former_ids);

    if (fm.syntax == FrontMatterSyntax::toml) {
        for (const auto& [key, value] : fm.fields) {
            if (value.kind == FieldValue::Kind::table || key.find('.') != std::string::npos) {
                continue;
            }
            bool known = std::find(k_known_keys.begin(), k_known_keys.end(), key) != k_known_keys.end();
            bool mapped = false;
            for (const auto& [faqt_key, foreign] : config.fields) {
                mapped = mapped || std::find(foreign.begin(), foreign.end(), key) != foreign.end();
            }
            if (!known && !mapped) {
                diagnostics.push_back({a.path, value.line, 1, Severity::warning,
                                       "unknown front matter key '" + key + "'",
                                       "see man faqt.toml(5) for article fields, or map it in [fields]"});
            }
        }
    }

    read_sections(a, config);
    if (a.type == ArticleType::flow) {
        make_flow_public_text(a, config);
    }
    if (a.title.empty()) {
        // Last resort: the file name, so no article is ever without a title.
        auto slash = a.id.rfind('/');
        a.title = a.id.substr(slash == std::string::npos ? 0 : slash + 1);
        std::replace(a.title.begin(), a.title.end(), '-', ' ');
    }
    return parsed;
}

}  // namespace faqt
