#include "content/canned_answer.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <set>

#include "content/html_sanitiser.hpp"
#include "content/markdown.hpp"
#include "content/public_view.hpp"
#include "content/text.hpp"

namespace faqt {

const char* to_string(AnswerFormat format) {
    switch (format) {
        case AnswerFormat::text:
            return "text";
        case AnswerFormat::markdown:
            return "markdown";
        case AnswerFormat::html:
            return "html";
    }
    return "text";
}

const char* to_string(AnswerSection section) {
    switch (section) {
        case AnswerSection::answer:
            return "answer";
        case AnswerSection::workaround:
            return "workaround";
        case AnswerSection::resolution:
            return "resolution";
        case AnswerSection::body:
            return "body";
    }
    return "body";
}

std::optional<AnswerFormat> parse_answer_format(std::string_view text) {
    for (AnswerFormat format : {AnswerFormat::text, AnswerFormat::markdown, AnswerFormat::html}) {
        if (text == to_string(format)) {
            return format;
        }
    }
    return std::nullopt;
}

namespace {

// The file line of each line of shown, a text cut out of the file (trimmed,
// internal parts left out) whose first line is at or after from_line. Each
// shown line is looked for, trimmed, from the last one found on: the lines
// of shown come from the file in order.
std::vector<int> map_lines(std::string_view shown, const std::vector<std::string_view>& file_lines, int from_line) {
    std::vector<int> lines;
    std::size_t cursor = static_cast<std::size_t>(std::max(from_line, 1)) - 1;
    int last = from_line - 1;
    const std::vector<std::string_view> shown_lines = split_lines(shown);
    // Every line is found at once in real articles; a line that is not
    // found would search to the end each time, so the search has a budget
    // and lines past it count on from the last one found.
    std::size_t budget = 8 * (file_lines.size() + shown_lines.size());
    for (std::string_view line : shown_lines) {
        const std::string wanted = trim(line);
        std::size_t at = cursor;
        while (at < file_lines.size() && budget > 0 && trim(file_lines[at]) != wanted) {
            ++at;
            --budget;
        }
        if (at < file_lines.size() && budget > 0) {
            last = static_cast<int>(at) + 1;
            cursor = at + 1;
        } else {
            ++last;
        }
        lines.push_back(last);
    }
    return lines;
}

bool is_blank(std::string_view text) {
    return trim(text).empty();
}

// One part of the answer (greeting, text or signature) as a Mustache
// template, with where each of its lines is.
struct TemplatePart {
    std::string text;
    std::string path;
    std::vector<int> lines;  // file line of each line of text; empty: first_line + n
    int first_line = 0;
    mutable std::vector<std::size_t> newlines;  // offsets of '\n' in text, found on first use

    int line_at(std::size_t offset) const {
        if (newlines.empty() && text.find('\n') != std::string::npos) {
            for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
                newlines.push_back(at);
            }
        }
        const int n = static_cast<int>(std::lower_bound(newlines.begin(), newlines.end(), offset) - newlines.begin());
        if (!lines.empty()) {
            return lines[std::min<std::size_t>(static_cast<std::size_t>(n), lines.size() - 1)];
        }
        return first_line > 0 ? first_line + n : 0;
    }

    std::string where(std::size_t offset) const {
        const int line = line_at(offset);
        return line > 0 ? path + ":" + std::to_string(line) : path;
    }
};

struct Unfilled {
    std::string name;
    std::string where;
};

bool is_name_byte(unsigned char c) {
    return std::isalnum(c) != 0 || c == '_' || c == '-' || c >= 0x80;
}

// Walks the tags of a template as kainjow-mustache reads them (same
// delimiters, triple mustache, set-delimiter tags) to find what it would
// render blank: placeholders without value in the parts that are shown.
// Malformed templates are reported here, with their line, before kainjow
// sees them.
class TemplateScan {
public:
    TemplateScan(const TemplatePart& part, const std::map<std::string, std::string>& values)
        : m_part(part), m_values(values) {}

    Result<void> run(std::vector<Unfilled>& unfilled, std::map<std::string, std::string>& used) {
        const std::string& text = m_part.text;
        std::string open = "{{";
        std::string close = "}}";
        struct Open {
            std::string name;
            bool inverted;
            std::size_t offset;
            bool hides;  // its text is not rendered
        };
        std::size_t hiding = 0;  // open sections whose text is not rendered
        std::vector<Open> sections;
        std::size_t pos = 0;
        while ((pos = text.find(open, pos)) != std::string::npos) {
            const std::size_t start = pos;
            std::size_t contents = pos + open.size();
            std::string end = close;
            if (open == "{{" && contents < text.size() && text[contents] == '{') {
                ++contents;
                end = "}}}";
            }
            const std::size_t stop = text.find(end, contents);
            if (stop == std::string::npos) {
                return error(start, "unclosed Mustache tag '" + excerpt(start) + "'",
                             "close it with '" + end + "', or write the braces as text in a code span");
            }
            std::string tag = trim(std::string_view(text).substr(contents, stop - contents));
            pos = stop + end.size();
            if (!tag.empty() && tag.front() == '=') {
                // {{=<% %>=}}: two delimiters between '=' signs.
                const std::string inner =
                    tag.size() >= 2 && tag.back() == '=' ? trim(std::string_view(tag).substr(1, tag.size() - 2)) : "";
                const std::size_t space = inner.find_first_of(" \t");
                const std::string first = inner.substr(0, space);
                const std::string second =
                    space == std::string::npos ? "" : trim(std::string_view(inner).substr(space));
                if (first.empty() || second.empty() || second.find_first_of(" \t=") != std::string::npos ||
                    first.find('=') != std::string::npos) {
                    return error(start, "invalid Mustache set-delimiter tag '" + excerpt(start) + "'",
                                 "write it as {{=<% %>=}}");
                }
                open = first;
                close = second;
                continue;
            }
            char kind = tag.empty() ? ' ' : tag.front();
            if (kind == '!') {
                continue;
            }
            if (kind == '#' || kind == '^' || kind == '/' || kind == '>' || kind == '&') {
                tag = trim(std::string_view(tag).substr(1));
            } else {
                kind = ' ';
            }
            if (kind == '>') {
                return error(start, "Mustache partials are not supported in answers: '" + excerpt(start) + "'",
                             "write the text in the article, or use a placeholder");
            }
            if (!valid_name(tag)) {
                return error(start, "invalid placeholder name in '" + excerpt(start) + "'",
                             "names are letters, digits, '_' and '-', as in {{customer}}");
            }
            if (kind == '#' || kind == '^') {
                if (sections.size() >= k_max_sections) {
                    return error(start,
                                 "Mustache sections nested more than " + std::to_string(k_max_sections) + " deep",
                                 "close some sections before opening others");
                }
                const bool hides = has(tag) == (kind == '^');
                if (kind == '#' && hiding == 0 && has(tag)) {
                    used[tag] = m_values.at(tag);
                }
                sections.push_back({tag, kind == '^', start, hides});
                hiding += hides ? 1 : 0;
                continue;
            }
            if (kind == '/') {
                if (sections.empty()) {
                    return error(start, "'" + excerpt(start) + "' closes no Mustache section",
                                 "open it first with {{#" + tag + "}}, or remove it");
                }
                if (sections.back().name != tag) {
                    return error(start,
                                 "'" + excerpt(start) + "' closes section '" + sections.back().name + "' opened at " +
                                     m_part.where(sections.back().offset),
                                 "close it with {{/" + sections.back().name + "}} first");
                }
                hiding -= sections.back().hides ? 1 : 0;
                sections.pop_back();
                continue;
            }
            if (hiding > 0) {
                continue;
            }
            if (has(tag)) {
                used[tag] = m_values.at(tag);
            } else {
                unfilled.push_back({tag, m_part.where(start)});
            }
        }
        if (!sections.empty()) {
            const Open& last = sections.back();
            return error(last.offset,
                         "unclosed Mustache section {{" + std::string(last.inverted ? "^" : "#") + last.name + "}}",
                         "end it with {{/" + last.name + "}}");
        }
        return {};
    }

private:
    bool has(const std::string& name) const { return m_values.count(name) > 0; }

    // Deeper nesting is refused: kainjow-mustache renders sections by
    // recursion, and no answer needs more.
    static constexpr std::size_t k_max_sections = 32;

    static bool valid_name(std::string_view name) {
        return !name.empty() && std::all_of(name.begin(), name.end(),
                                            [](char c) { return is_name_byte(static_cast<unsigned char>(c)); });
    }

    std::string excerpt(std::size_t offset) const {
        std::string_view rest = std::string_view(m_part.text).substr(offset);
        rest = rest.substr(0, rest.find('\n'));
        std::string out = strip_control(rest.substr(0, 40));
        return rest.size() > 40 ? out + "..." : out;
    }

    Result<void> error(std::size_t offset, const std::string& message, const std::string& hint) const {
        return Error(ErrorCode::usage, m_part.where(offset) + ": " + message, hint);
    }

    const TemplatePart& m_part;
    const std::map<std::string, std::string>& m_values;
};

// A word of letters that Markdown and HTML leave alone and that the text
// does not hold, to stand for a value while the Markdown is rendered.
std::string token_prefix(const std::vector<TemplatePart>& parts) {
    std::string prefix = "fqtvalue";
    const auto found = [&](const std::string& p) {
        return std::any_of(parts.begin(), parts.end(),
                           [&](const TemplatePart& part) { return part.text.find(p) != std::string::npos; });
    };
    while (found(prefix)) {
        prefix += 'z';
    }
    return prefix;
}

std::string token_of(const std::string& prefix, std::size_t index) {
    // Letters only, ended by 'q', so no token is the start of another.
    std::string token = prefix;
    do {
        token += static_cast<char>('a' + index % 16);
        index /= 16;
    } while (index > 0);
    return token + "q";
}

// A line holding only a section, end or comment tag is "standalone" in
// Mustache and goes away whole. kainjow-mustache leaves an empty line after
// the end tag of a section it skips, so such lines are joined to the next
// one here: the tag stays, its line does not. Templates that change their
// delimiters are left to kainjow as they are.
std::string join_standalone_lines(const std::string& text) {
    if (text.find("{{=") != std::string::npos) {
        return text;
    }
    const std::vector<std::string_view> lines = split_lines(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string tag = trim(lines[i]);
        const bool standalone = tag.size() > 4 && tag.compare(0, 2, "{{") == 0 &&
                                std::string_view("#^/!").find(tag[2]) != std::string_view::npos &&
                                tag.find("}}") == tag.size() - 2;
        if (standalone) {
            out += tag;
        } else {
            out += lines[i];
            if (i + 1 < lines.size()) {
                out += '\n';
            }
        }
    }
    return out;
}

// A signature's lines are lines ("Kind regards,", a name, a phone number),
// where an article's are wrapped prose: in text and html each line break of
// the greeting and signature stays one (Markdown's two trailing spaces).
std::string keep_line_breaks(const std::string& markdown) {
    std::string out;
    out.reserve(markdown.size());
    for (std::size_t i = 0; i < markdown.size(); ++i) {
        const bool lone_break = markdown[i] == '\n' && i > 0 && markdown[i - 1] != '\n' && i + 1 < markdown.size() &&
                                markdown[i + 1] != '\n';
        if (lone_break) {
            out += "  ";
        }
        out += markdown[i];
    }
    return out;
}

std::string render_part(const TemplatePart& part, const std::map<std::string, std::string>& values, Error& failure) {
    kainjow::mustache::mustache tmpl(join_standalone_lines(part.text));
    // Values are never escaped by Mustache: text and markdown want them as
    // they are; html escapes them itself, after the Markdown is rendered.
    tmpl.set_custom_escape([](const std::string& s) { return s; });
    if (!tmpl.is_valid()) {
        failure = Error(ErrorCode::usage, part.where(0) + ": " + tmpl.error_message());
        return {};
    }
    kainjow::mustache::data data(kainjow::mustache::data::type::object);
    for (const auto& [name, value] : values) {
        data.set(name, value);
    }
    std::string out = tmpl.render(data);
    if (!tmpl.is_valid()) {
        failure = Error(ErrorCode::usage, part.where(0) + ": " + tmpl.error_message());
    }
    return out;
}

// Replaces each token of rendered by its value, in one pass. In html the
// value is escaped, and one that would start an attribute (a link's href)
// with an unsafe scheme such as javascript: becomes "#".
std::string put_values(const std::string& rendered, const std::string& prefix,
                       const std::map<std::string, std::string>& values_by_token, AnswerFormat format) {
    if (values_by_token.empty()) {
        return rendered;
    }
    std::string out;
    out.reserve(rendered.size());
    bool in_tag = false;
    std::size_t pos = 0;
    while (pos < rendered.size()) {
        const std::size_t at = rendered.find(prefix, pos);
        const std::size_t until = at == std::string::npos ? rendered.size() : at;
        for (std::size_t i = pos; i < until; ++i) {
            in_tag = rendered[i] == '<' ? true : rendered[i] == '>' ? false : in_tag;
        }
        out.append(rendered, pos, until - pos);
        if (at == std::string::npos) {
            break;
        }
        const std::size_t end = rendered.find('q', at + prefix.size());
        const auto found =
            end == std::string::npos ? values_by_token.end() : values_by_token.find(rendered.substr(at, end + 1 - at));
        if (found == values_by_token.end()) {
            out.append(prefix);
            pos = at + prefix.size();
            continue;
        }
        const std::string& value = found->second;
        if (format != AnswerFormat::html) {
            out += value;
        } else if (in_tag && out.size() >= 2 && out.compare(out.size() - 2, 2, "=\"") == 0 && !is_safe_url(value)) {
            out += '#';
        } else {
            append_html_escaped(value, out, true);
        }
        pos = end + 1;
    }
    return out;
}

}  // namespace

AnswerSource answer_source(const Article& article) {
    const std::vector<std::string_view> file_lines = split_lines(article.source);
    const PublicArticle view = public_text(article);
    const auto find = [&](SectionKind kind) -> const Section* {
        for (const auto& section : view.sections) {
            if (section.kind == kind && !is_blank(section.markdown)) {
                return &section;
            }
        }
        return nullptr;
    };
    AnswerSource source;
    const Section* chosen = find(SectionKind::answer);
    source.section = AnswerSection::answer;
    if (chosen == nullptr && article.is_known_error()) {
        chosen = find(SectionKind::workaround);
        source.section = AnswerSection::workaround;
        if (chosen == nullptr) {
            chosen = find(SectionKind::resolution);
            source.section = AnswerSection::resolution;
        }
    }
    if (chosen != nullptr) {
        source.markdown = chosen->markdown;
        source.lines = map_lines(source.markdown, file_lines, chosen->line + 1);
        return source;
    }
    source.section = AnswerSection::body;
    const auto append = [&](const std::string& markdown, const std::vector<int>& lines) {
        if (!source.markdown.empty()) {
            source.markdown += "\n\n";
            source.lines.push_back(source.lines.empty() ? 0 : source.lines.back());
        }
        source.markdown += markdown;
        source.lines.insert(source.lines.end(), lines.begin(), lines.end());
    };
    if (!is_blank(view.intro)) {
        append(view.intro, map_lines(view.intro, file_lines, article.body_line));
    }
    for (const auto& section : view.sections) {
        append(std::string(section.level == 1 ? "# " : "## ") + section.heading, {section.line});
        if (!is_blank(section.markdown)) {
            source.markdown += "\n\n";
            source.lines.push_back(section.line);
            source.markdown += section.markdown;
            const std::vector<int> lines = map_lines(section.markdown, file_lines, section.line + 1);
            source.lines.insert(source.lines.end(), lines.begin(), lines.end());
        }
    }
    return source;
}

Result<CannedAnswer> make_canned_answer(const Article& article, const Config& config, const AnswerRequest& request) {
    CannedAnswer answer;
    answer.id = article.id;
    answer.title = article.title;
    answer.lang = article.lang;
    answer.internal = article.is_internal();
    answer.format = request.format;

    AnswerSource source = answer_source(article);
    answer.section = source.section;

    std::map<std::string, std::string> values = config.answer_defaults;
    for (const auto& [name, value] : request.vars) {
        values[name] = value;
    }
    for (auto it = values.begin(); it != values.end();) {
        it = it->second.empty() ? values.erase(it) : std::next(it);
    }

    std::vector<TemplatePart> parts;
    if (!is_blank(config.answer_greeting)) {
        parts.push_back({config.answer_greeting, "faqt.toml", {}, config.answer_greeting_line, {}});
    }
    const std::size_t body = parts.size();
    parts.push_back({source.markdown, article.path, source.lines, article.body_line, {}});
    if (!is_blank(config.answer_signature)) {
        parts.push_back({config.answer_signature, "faqt.toml", {}, config.answer_signature_line, {}});
    }

    std::vector<Unfilled> unfilled;
    for (const auto& part : parts) {
        TemplateScan scan(part, values);
        if (Result<void> scanned = scan.run(unfilled, answer.placeholders); !scanned) {
            return scanned.error();
        }
    }
    if (!unfilled.empty()) {
        std::string message = unfilled.size() == 1 ? "unfilled placeholder " : "unfilled placeholders ";
        std::string hint = "give a value with";
        std::set<std::string> hinted;
        // Every one is named; a hostile template with thousands stops at
        // a number no one reads further than.
        constexpr std::size_t k_max_named = 100;
        for (std::size_t i = 0; i < unfilled.size(); ++i) {
            if (i == k_max_named) {
                message += " and " + std::to_string(unfilled.size() - i) + " more";
                break;
            }
            message += (i > 0 ? ", {{" : "{{") + unfilled[i].name + "}} (" + unfilled[i].where + ")";
            if (hinted.insert(unfilled[i].name).second) {
                hint += " --var " + unfilled[i].name + "=...";
            }
        }
        hint += ", or set it in [answer.defaults] of faqt.toml";
        return Error(ErrorCode::usage, message + " in the answer of " + article.id, hint);
    }

    // text and html: each value is a token while the Markdown is rendered.
    std::map<std::string, std::string> rendered_values = values;
    std::map<std::string, std::string> tokens;  // token → value
    const std::string prefix = token_prefix(parts);
    if (request.format != AnswerFormat::markdown) {
        std::size_t index = 0;
        for (auto& [name, value] : rendered_values) {
            std::string token = token_of(prefix, index++);
            tokens.emplace(token, value);
            value = token;
        }
    }
    std::string markdown;
    for (const auto& part : parts) {
        Error failure;
        std::string rendered = render_part(part, rendered_values, failure);
        if (!failure.message.empty()) {
            return failure;
        }
        rendered = trim(rendered);
        if (rendered.empty()) {
            continue;
        }
        if (&part != &parts[body] && request.format != AnswerFormat::markdown) {
            rendered = keep_line_breaks(rendered);
        }
        markdown += markdown.empty() ? rendered : "\n\n" + rendered;
    }

    switch (request.format) {
        case AnswerFormat::markdown:
            answer.text = markdown + "\n";
            break;
        case AnswerFormat::text: {
            TerminalStyle style;
            style.width = 0;
            style.plain_marks = true;
            answer.text = put_values(markdown_to_terminal(markdown, style), prefix, tokens, request.format);
            break;
        }
        case AnswerFormat::html:
            answer.text =
                put_values(markdown_to_html(markdown, config.site_allow_html), prefix, tokens, request.format);
            break;
    }
    if (answer.text.empty() || answer.text.back() != '\n') {
        answer.text += '\n';
    }
    return answer;
}

ChosenTranslation choose_translation(const std::vector<const Article*>& same_id, std::string_view lang,
                                     std::string_view default_lang) {
    ChosenTranslation chosen;
    const std::string wanted = lower(lang);
    const std::string original_lang = lower(default_lang);
    const Article* original = nullptr;
    for (const Article* article : same_id) {
        if (article == nullptr) {
            continue;
        }
        if (!wanted.empty() && lower(article->lang) == wanted) {
            chosen.article = article;
            return chosen;
        }
        if (original == nullptr || (lower(article->lang) == original_lang && lower(original->lang) != original_lang)) {
            original = article;
        }
    }
    chosen.article = original;
    if (!wanted.empty() && original != nullptr) {
        chosen.warning = "no '" + std::string(lang) + "' translation of " + original->id + "; showing the original (" +
                         original->lang + ")";
    }
    return chosen;
}

}  // namespace faqt
