#include "content/article.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "content/front_matter.hpp"
#include "content/markdown.hpp"
#include "content/text.hpp"

namespace faqt {

namespace {

constexpr std::array<std::string_view, 4> k_statuses = {"investigating", "workaround", "fixed", "wont-fix"};

// The keys faqt reads from front matter. Unknown keys in TOML front matter
// (faqt's own syntax) are reported as likely typos; YAML front matter comes
// from other tools' repositories, full of their own keys, so it is not.
constexpr std::array<std::string_view, 18> k_known_keys = {
    "id",       "title",      "summary", "type", "categories", "tags",      "aliases",           "status",  "products",
    "fixed_in", "visibility", "draft",   "lang", "updated",    "review_by", "affected_versions", "tickets", "weight"};

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
            error(*v, "'" + std::string(key) + "' is not a date: \"" + v->text + "\"",
                  "write dates as YYYY-MM-DD, for example 2026-11-20");
        } else {
            type_error(*v, key, "a date (YYYY-MM-DD)");
        }
    }

    void error(const FieldValue& v, std::string message, std::string hint = {}) {
        m_diagnostics.push_back({std::string(m_path), v.line, v.column > 0 ? v.column : 1, Severity::error,
                                 std::move(message), std::move(hint)});
    }

private:
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

bool is_fence(std::string_view line, std::string_view& fence) {
    std::size_t indent = 0;
    while (indent < line.size() && indent < 4 && line[indent] == ' ') {
        ++indent;
    }
    if (indent > 3) {
        return false;
    }
    line.remove_prefix(indent);
    if (line.size() < 3) {
        return false;
    }
    char c = line[0];
    if (c != '`' && c != '~') {
        return false;
    }
    std::size_t n = 0;
    while (n < line.size() && line[n] == c) {
        ++n;
    }
    if (n < 3) {
        return false;
    }
    fence = line.substr(0, n);
    return true;
}

// Level and text of an ATX heading line ("## Symptoms"), or level 0.
// Heading text as readers see it: "[KB123](kb.md)" → "KB123", emphasis and
// code marks dropped.
std::string strip_inline_markup(const std::string& text) {
    if (text.find_first_of("[*_`") == std::string::npos) {
        return text;
    }
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == ']' && i + 1 < text.size() && text[i + 1] == '(') {
            auto close = text.find(')', i + 2);
            if (close != std::string::npos) {
                i = close;
                continue;
            }
        }
        if (c == '[' || c == ']' || c == '`' || c == '*') {
            continue;
        }
        if (c == '_' && (i == 0 || i + 1 == text.size() || text[i - 1] == ' ' || text[i + 1] == ' ')) {
            continue;  // _emphasis_, but keep snake_case words
        }
        out += c;
    }
    return out;
}

int heading_level(std::string_view line, std::string& text, std::string& explicit_id) {
    std::size_t indent = 0;
    while (indent < line.size() && indent < 4 && line[indent] == ' ') {
        ++indent;
    }
    if (indent > 3) {
        return 0;
    }
    line.remove_prefix(indent);
    int level = 0;
    while (level < static_cast<int>(line.size()) && line[static_cast<std::size_t>(level)] == '#') {
        ++level;
    }
    if (level == 0 || level > 6) {
        return 0;
    }
    line.remove_prefix(static_cast<std::size_t>(level));
    if (!line.empty() && line[0] != ' ' && line[0] != '\t') {
        return 0;
    }
    std::string t = trim(line);
    // Closing hashes: "## Symptoms ##".
    while (!t.empty() && t.back() == '#') {
        t.pop_back();
    }
    text = trim(t);
    // Explicit anchors: "## Workaround {#wa}".
    explicit_id.clear();
    if (auto brace = text.rfind("{#"); brace != std::string::npos && !text.empty() && text.back() == '}') {
        explicit_id = text.substr(brace + 2, text.size() - brace - 3);
        text = trim(text.substr(0, brace));
    }
    text = strip_inline_markup(text);
    return level;
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
    return std::nullopt;
}

bool is_known_status(std::string_view status) {
    return std::find(k_statuses.begin(), k_statuses.end(), status) != k_statuses.end();
}

const Section* Article::find_section(SectionKind kind) const {
    for (const auto& section : sections) {
        if (section.kind == kind) {
            return &section;
        }
    }
    return nullptr;
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

    FrontMatter fm = parse_front_matter(a.source, a.path, diagnostics);
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
            fields.error(*fields.find("type"), "unknown type '" + type_text + "'", "use faq, known-error or howto");
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
    fields.strings("products", a.products);
    fields.strings("affected_versions", a.affected_versions);
    fields.string("fixed_in", a.fixed_in);
    std::string visibility;
    fields.string("visibility", visibility);
    if (!visibility.empty()) {
        std::string v = lower(visibility);
        if (v == "internal") {
            a.visibility = Visibility::internal;
        } else if (v != "public") {
            // An unknown value is treated as internal: when in doubt, do not publish.
            a.visibility = Visibility::internal;
            fields.error(*fields.find("visibility"), "unknown visibility '" + visibility + "'",
                         "use public or internal (treated as internal until fixed)");
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

    // Sections, title fallback and links, skipping fenced code blocks.
    std::size_t pos = 0;
    int line_number = a.body_line - 1;
    std::string_view fence;
    bool in_fence = false;
    Section* current = nullptr;
    std::string intro;
    bool seen_title_heading = false;
    // How often each anchor has been seen: a count per anchor, because
    // counting in a list of all anchors took seconds on a file of 100,000
    // headings.
    std::map<std::string, int> anchors_seen;
    const std::string_view body = a.body;
    while (pos < body.size()) {
        auto end = body.find('\n', pos);
        std::size_t next = end == std::string_view::npos ? body.size() : end + 1;
        std::string_view line = body.substr(pos, next - pos);
        pos = next;
        ++line_number;
        std::string_view content = line;
        while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) {
            content.remove_suffix(1);
        }
        std::string_view maybe_fence;
        if (in_fence) {
            // A closing fence uses the same character, at least as many, and nothing after it.
            std::string_view closing;
            if (is_fence(content, closing) && closing[0] == fence[0] && closing.size() >= fence.size() &&
                trim(content).size() == closing.size()) {
                in_fence = false;
            }
        } else if (is_fence(content, maybe_fence)) {
            in_fence = true;
            fence = maybe_fence;
        } else {
            std::string heading;
            std::string explicit_id;
            int level = heading_level(content, heading, explicit_id);
            if (level > 0) {
                // Repeated headings get "-1", "-2" like GitHub's anchors.
                std::string anchor = explicit_id.empty() ? heading_anchor(heading) : explicit_id;
                const int repeats = anchors_seen[anchor]++;
                a.anchors.push_back(repeats == 0 ? anchor : anchor + "-" + std::to_string(repeats));
            }
            if (level == 1 && !seen_title_heading && current == nullptr) {
                seen_title_heading = true;
                if (a.title.empty()) {
                    a.title = strip_control(heading);
                }
                continue;
            }
            if (level == 2) {
                a.sections.push_back({heading,
                                      config.section_kind(heading, a.lang),
                                      level,
                                      line_number,
                                      {},
                                      a.anchors.empty() ? heading_anchor(heading) : a.anchors.back()});
                current = &a.sections.back();
                continue;
            }
        }
        if (current != nullptr) {
            current->markdown.append(line);
        } else {
            intro.append(line);
        }
    }
    a.intro = trim(intro);
    for (auto& section : a.sections) {
        section.markdown = trim(section.markdown);
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
