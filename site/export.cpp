#include "site/export.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "content/flow.hpp"
#include "content/html_sanitiser.hpp"
#include "content/json.hpp"
#include "content/markdown.hpp"
#include "content/text.hpp"
#include "site/feeds.hpp"
#include "site/languages.hpp"
#include "site/links.hpp"
#include "site/paths.hpp"
#include "site/redirects.hpp"
#include "site/sha256.hpp"
#include "site/sitemap.hpp"
#include "site/template_text.hpp"
#include "site/theme.hpp"

namespace faqt {

namespace {

namespace mus = kainjow::mustache;

// Partials one page may include, counting each inclusion: far more than a
// category tree needs, few enough that a partial including itself without
// end stops long before the stack runs out.
constexpr int k_max_partial_includes = 2000;
thread_local int t_partial_budget = k_max_partial_includes;
using Data = mus::data;

constexpr std::size_t k_recent_count = 10;
constexpr std::size_t k_newest_known_issues = 5;
constexpr std::size_t k_related_count = 5;

// ---------------------------------------------------------------- the model

// An article as a language's lists show it: its own translation, or the
// default-language article when it has none.
struct Entry {
    const PublishedArticle* article = nullptr;
    std::string page;  // path of its page
    std::optional<Date> date;
};

struct Named {
    std::string name;                  // as first written (entries in id order)
    std::vector<std::size_t> entries;  // indexes into Language::entries
};

struct Category {
    std::string id;
    std::string name;
    std::string description;
    std::string parent;                 // "" at the top
    std::vector<std::string> children;  // ids, sorted
};

struct Language {
    std::string lang;
    std::string prefix;
    StringTable strings;
    std::string name;            // the language's own name ("Tiếng Việt")
    std::vector<Entry> entries;  // one per id, by id
    std::map<std::string, std::size_t> by_id;
    std::map<std::string, std::vector<std::size_t>> by_category;  // direct members
    std::map<std::string, int> category_counts;                   // members and their subcategories'
    std::map<std::string, Named> tags;                            // by slug
    std::map<std::string, Named> products;                        // by slug
    std::vector<std::size_t> known_errors;                        // newest first
    std::vector<std::size_t> recent;                              // newest first
};

struct Site {
    const Config* config = nullptr;
    const SiteOptions* options = nullptr;
    const Theme* theme = nullptr;
    std::string default_lang;
    std::string base_url;
    std::vector<Language> languages;  // default first
    std::map<std::string, std::size_t> language_index;
    std::map<std::string, Category> categories;  // by id
    std::vector<std::string> top_categories;
    // id → lang → the article of that language (exported languages only).
    std::map<std::string, std::map<std::string, const PublishedArticle*>> translations;
    std::map<std::string, const PublishedArticle*> by_path;
    // Per article: each distinct link target as written → where it leads.
    std::map<const PublishedArticle*, std::map<std::string, LinkTarget>> links;
    std::string config_digest;
    std::set<std::string> feeds;  // the feeds make_feeds() writes: pages link to these only
};

std::string status_key(std::string_view status) {
    if (status == "investigating" || status == "workaround" || status == "fixed" || status == "wont-fix") {
        return std::string(status);
    }
    return "unknown";
}

const std::string& word(const StringTable& strings, const std::string& key) {
    static const std::string k_none;
    auto found = strings.find(key);
    return found == strings.end() ? k_none : found->second;
}

// The badge of a known error's severity: "" when it has none.
std::string severity_label(const StringTable& strings, std::string_view severity) {
    return is_known_severity(severity) ? word(strings, "severity_" + std::string(severity)) : std::string();
}

std::string status_label(const StringTable& strings, std::string_view status) {
    std::string key = "status_" + status_key(status);
    std::replace(key.begin(), key.end(), '-', '_');
    return word(strings, key);
}

// By title, then by id: the order of the lists of a category and the FAQ.
bool by_title(const Language& language, std::size_t a, std::size_t b) {
    const PublishedArticle& x = *language.entries[a].article;
    const PublishedArticle& y = *language.entries[b].article;
    return x.title != y.title ? x.title < y.title : x.id < y.id;
}

// Newest first, then by id: the order of every list by date.
bool newer(const Entry& a, const Entry& b) {
    if (a.date != b.date) {
        return a.date > b.date;
    }
    return a.article->id < b.article->id;
}

// An implied category is named by its last segment: "network" →
// "Network", "file-shares" → "File shares".
std::string implied_category_name(std::string_view id) {
    const std::size_t slash = id.rfind('/');
    std::string name(slash == std::string_view::npos ? id : id.substr(slash + 1));
    std::replace(name.begin(), name.end(), '-', ' ');
    if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') {
        name[0] = static_cast<char>(name[0] - 'a' + 'A');
    }
    return name;
}

void add_category(Site& site, const std::string& id, const std::string& name, const std::string& description) {
    if (id.empty()) {
        return;
    }
    auto [it, added] = site.categories.try_emplace(id);
    Category& category = it->second;
    if (added) {
        category.id = id;
        const std::size_t slash = id.rfind('/');
        category.parent = slash == std::string::npos ? "" : id.substr(0, slash);
        category.name = implied_category_name(id);
    }
    if (!name.empty()) {
        category.name = name;
    }
    if (!description.empty()) {
        category.description = description;
    }
    if (!category.parent.empty()) {
        add_category(site, category.parent, "", "");
    }
}

Site build_site(const Config& config, const std::vector<PublishedArticle>& articles, const SiteOptions& options,
                const Theme& theme, Diagnostics& diagnostics) {
    Site site;
    site.config = &config;
    site.options = &options;
    site.theme = &theme;
    site.default_lang = config.default_lang;
    site.base_url = config.site_url();
    site.feeds = feed_paths(config, articles, options);

    for (const std::string& lang : site_languages(config, articles)) {
        Language language;
        language.lang = lang;
        language.prefix = language_prefix(lang, config.default_lang);
        language.strings = theme.strings(lang);
        language.name = theme.has_strings(lang) ? word(language.strings, "language_name") : lang;
        if (language.name.empty()) {
            language.name = lang;
        }
        site.language_index[lang] = site.languages.size();
        site.languages.push_back(std::move(language));
    }

    for (const PublishedArticle& article : articles) {
        const std::string lang = article.lang.empty() ? config.default_lang : article.lang;
        if (!site.language_index.contains(lang)) {
            diagnostics.push_back(
                {article.path, 0, 0, Severity::warning,
                 "language '" + lang + "' is not one of the site's languages; the article is not exported",
                 is_site_language_code(lang) ? "add it to [site] languages in faqt.toml"
                                             : "set lang to a language tag such as \"vi\" or \"pt-br\""});
            continue;
        }
        auto& by_lang = site.translations[article.id];
        if (by_lang.contains(lang)) {
            diagnostics.push_back(
                {article.path, article.id_line, 1, Severity::warning,
                 "another article has id " + article.id + " in language " + lang + "; only the first is exported",
                 "give one of them another id"});
            continue;
        }
        by_lang[lang] = &article;
        site.by_path[article.path] = &article;
    }

    // A category shows only when a public article is in it or below it:
    // one that holds nothing, or only internal articles, says nothing to
    // end users (and its name may be the agents' own).
    std::set<std::string> used;
    for (const auto& [id, by_lang] : site.translations) {
        for (const auto& [lang, article] : by_lang) {
            for (std::string at : article->categories) {
                while (!at.empty() && used.insert(at).second) {
                    const std::size_t slash = at.rfind('/');
                    at = slash == std::string::npos ? "" : at.substr(0, slash);
                }
            }
        }
    }
    for (const CategoryConfig& category : config.categories) {
        if (used.contains(category.id)) {
            add_category(site, category.id, category.name, category.description);
        }
    }
    for (const auto& [id, by_lang] : site.translations) {
        for (const auto& [lang, article] : by_lang) {
            for (const std::string& category : article->categories) {
                add_category(site, category, "", "");
            }
        }
    }
    for (auto& [id, category] : site.categories) {
        if (category.parent.empty()) {
            site.top_categories.push_back(id);
        } else {
            site.categories[category.parent].children.push_back(id);
        }
    }

    for (Language& language : site.languages) {
        for (const auto& [id, by_lang] : site.translations) {
            const PublishedArticle* article = nullptr;
            if (auto own = by_lang.find(language.lang); own != by_lang.end()) {
                article = own->second;
            } else if (auto original = by_lang.find(site.default_lang); original != by_lang.end()) {
                article = original->second;
            }
            if (article == nullptr) {
                continue;
            }
            Entry entry;
            entry.article = article;
            entry.page = article_path(
                language_prefix(article->lang.empty() ? site.default_lang : article->lang, site.default_lang), id);
            entry.date = article_date(*article, options);
            language.by_id[id] = language.entries.size();
            language.entries.push_back(std::move(entry));
        }
        for (std::size_t i = 0; i < language.entries.size(); ++i) {
            const PublishedArticle& article = *language.entries[i].article;
            std::set<std::string> counted;
            for (const std::string& category : article.categories) {
                if (category.empty()) {
                    continue;
                }
                language.by_category[category].push_back(i);
                for (std::string at = category; !at.empty();) {
                    if (counted.insert(at).second) {
                        ++language.category_counts[at];
                    }
                    const std::size_t slash = at.rfind('/');
                    at = slash == std::string::npos ? "" : at.substr(0, slash);
                }
            }
            std::set<std::string> seen_tags;
            for (const std::string& tag : article.tags) {
                const std::string slug = name_slug(tag);
                if (!seen_tags.insert(slug).second) {
                    continue;
                }
                Named& named = language.tags[slug];
                if (named.name.empty()) {
                    named.name = tag;
                }
                named.entries.push_back(i);
            }
            if (article.is_known_error()) {
                language.known_errors.push_back(i);
                std::set<std::string> seen_products;
                for (const std::string& product : article.products) {
                    const std::string slug = name_slug(product);
                    if (!seen_products.insert(slug).second) {
                        continue;
                    }
                    Named& named = language.products[slug];
                    if (named.name.empty()) {
                        named.name = product;
                    }
                    named.entries.push_back(i);
                }
            }
            language.recent.push_back(i);
        }
        auto by_date = [&](std::size_t a, std::size_t b) { return newer(language.entries[a], language.entries[b]); };
        std::stable_sort(language.known_errors.begin(), language.known_errors.end(), by_date);
        std::stable_sort(language.recent.begin(), language.recent.end(), by_date);
        for (auto& [slug, product] : language.products) {
            std::stable_sort(product.entries.begin(), product.entries.end(), by_date);
        }
    }

    // Where each link of each exported article leads, with a warning for
    // every link that leads nowhere: found once here, so pages made again
    // and pages kept from the last export warn alike.
    LinkScope scope{config.root, &site.by_path};
    for (const auto& [id, by_lang] : site.translations) {
        for (const auto& [lang, article] : by_lang) {
            auto& targets = site.links[article];
            // Docs includes are links as written but no part of the page.
            std::set<std::string> shown;
            bool includes = article->intro.find("[!INCLUDE") != std::string::npos ||
                            article->intro.find("[!include") != std::string::npos;
            for (const Section& section : article->sections) {
                includes = includes || section.markdown.find("[!INCLUDE") != std::string::npos ||
                           section.markdown.find("[!include") != std::string::npos;
            }
            if (includes) {
                for (std::string& target : rendered_link_targets(article->intro)) {
                    shown.insert(std::move(target));
                }
                for (const Section& section : article->sections) {
                    for (std::string& target : rendered_link_targets(section.markdown)) {
                        shown.insert(std::move(target));
                    }
                }
            }
            for (const Link& link : article->links) {
                if (includes && !shown.contains(link.target)) {
                    continue;
                }
                auto [it, added] = targets.try_emplace(link.target);
                if (added) {
                    // extract_links names links and images alike; an image
                    // is resolved the same way (a relative one is a file).
                    it->second = resolve_link(link.target, false, article->path, scope);
                }
                if (it->second.kind == LinkTarget::Kind::text) {
                    diagnostics.push_back(
                        {article->path, link.line, link.column, Severity::warning, it->second.warning, ""});
                }
            }
            // Links with a scheme: an external image or a javascript: link.
            for (const ExternalLink& link : article->external_links) {
                const LinkTarget target = resolve_link(link.target, link.image, article->path, scope);
                if (target.kind == LinkTarget::Kind::text) {
                    diagnostics.push_back(
                        {article->path, link.line, link.column, Severity::warning, target.warning, ""});
                }
            }
        }
    }

    std::uint64_t digest = fnv1a("faqt-site-config-1");
    auto mix = [&](std::string_view text) { digest = fnv1a(text, fnv1a(std::string_view("\0", 1), digest)); };
    mix(config.title);
    mix(config.default_lang);
    mix(site.base_url);
    mix(config.site_footer);
    mix(config.site_contact_url);
    mix(config.site_allow_html ? "html" : "safe");
    for (const Language& language : site.languages) {
        mix(language.lang);
    }
    for (const auto& [id, category] : site.categories) {
        mix(id);
        mix(category.name);
        mix(category.description);
    }
    site.config_digest = hex_digest(digest);
    return site;
}

// The Answer section is the reply agents paste into a ticket ("Hi
// {{customer}}, ..."): on the site it is shown only when the article has no
// other text, as a FAQ that is nothing but its answer.
// HTML without its first ordered list (the one that starts first, with
// the lists inside it): a flow's Steps section without its steps.
std::string without_first_list(const std::string& html) {
    const std::size_t start = html.find("<ol");
    if (start == std::string::npos) {
        return html;
    }
    int depth = 0;
    std::size_t at = start;
    while (at < html.size()) {
        const std::size_t open = html.find("<ol", at);
        const std::size_t close = html.find("</ol>", at);
        if (close == std::string::npos) {
            return html;
        }
        if (open != std::string::npos && open < close) {
            ++depth;
            at = open + 3;
            continue;
        }
        at = close + 5;
        if (--depth == 0) {
            break;
        }
    }
    if (at < html.size() && html[at] == '\n') {
        ++at;
    }
    return html.substr(0, start) + html.substr(at);
}

// A troubleshooter step's anchor: "step-N", N its number as written.
std::string step_anchor(const PublishedStep& step) {
    return "step-" + std::to_string(step.number);
}

// The href of a troubleshooter's "contact support": a mailto: gets the
// flow's title as subject and the message as body (the script puts the path
// taken there); any other contact URL stays as it is.
std::string contact_href(const std::string& contact_url, std::string_view subject, std::string_view body) {
    if (!contact_url.starts_with("mailto:")) {
        return contact_url;
    }
    std::string href = contact_url;
    href += contact_url.find('?') == std::string::npos ? '?' : '&';
    href += "subject=" + query_value(subject) + "&body=" + query_value(body);
    return href;
}

bool shown_on_site(const PublishedArticle& article, const Section& section) {
    if (section.kind != SectionKind::answer) {
        return true;
    }
    if (!trim(article.intro).empty()) {
        return false;
    }
    for (const Section& other : article.sections) {
        if (other.kind != SectionKind::answer && !trim(other.markdown).empty()) {
            return false;
        }
    }
    return true;
}

constexpr std::size_t k_short_answer_bytes = 320;

// What the FAQ page and its JSON-LD show of a FAQ: its summary, else the
// start of its public text, cut at a word. The whole answer is a click
// away, and a KB of thousands of FAQs still makes a page people can load.
std::string short_answer(const PublishedArticle& article) {
    if (!trim(article.summary).empty()) {
        return trim(article.summary);
    }
    std::string text = trim(markdown_to_text(article.intro));
    for (auto section = article.sections.begin(); text.empty() && section != article.sections.end(); ++section) {
        if (shown_on_site(article, *section)) {
            text = trim(markdown_to_text(section->markdown));
        }
    }
    for (char& c : text) {
        if (c == '\n' || c == '\t') {
            c = ' ';
        }
    }
    if (text.size() > k_short_answer_bytes) {
        std::size_t cut = text.rfind(' ', k_short_answer_bytes);
        if (cut == std::string::npos || cut < k_short_answer_bytes / 2) {
            // No space to cut at: back up to the start of a UTF-8 character.
            cut = k_short_answer_bytes;
            while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
                --cut;
            }
        }
        text = trim(std::string_view(text).substr(0, cut)) + "…";
    }
    return text;
}

// ---------------------------------------------------------------- pages

// Decodes the entities the renderers write in text (&amp; &lt; &gt;
// &quot; &apos; &#39;), for the anchor of a heading.
std::string decode_basic_entities(std::string_view text) {
    static const std::pair<std::string_view, char> entities[] = {{"&amp;", '&'},  {"&lt;", '<'},    {"&gt;", '>'},
                                                                 {"&quot;", '"'}, {"&apos;", '\''}, {"&#39;", '\''}};
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool found = false;
        if (text[i] == '&') {
            for (const auto& [entity, c] : entities) {
                if (text.substr(i, entity.size()) == entity) {
                    out += c;
                    i += entity.size() - 1;
                    found = true;
                    break;
                }
            }
        }
        if (!found) {
            out += text[i];
        }
    }
    return out;
}

// The headings of an article's HTML (its sections' and those inside their
// Markdown or raw HTML) made one outline under the page's h1: none above
// min_level, none more than one level below the one before. With ids, a
// heading without an id gets its GitHub-style anchor (unique on the page),
// so "#anchor" links to any heading work. The HTML is the renderer's or
// the sanitiser's, where a '<' in text is always "&lt;".
std::string outline_headings(const std::string& html, int min_level, std::set<std::string>* ids) {
    std::string out;
    out.reserve(html.size() + 64);
    int previous = min_level - 1;
    char open_level = '0';
    std::size_t at = 0;
    while (true) {
        const std::size_t tag = html.find("<", at);
        if (tag == std::string::npos) {
            out.append(html, at, std::string::npos);
            return out;
        }
        out.append(html, at, tag - at);
        const bool closing = tag + 1 < html.size() && html[tag + 1] == '/';
        const std::size_t name = tag + (closing ? 2 : 1);
        const bool heading = name + 2 <= html.size() && (html[name] == 'h' || html[name] == 'H') &&
                             html[name + 1] >= '1' && html[name + 1] <= '6' &&
                             (name + 2 == html.size() || html[name + 2] == '>' || html[name + 2] == ' ');
        if (!heading) {
            out += '<';
            at = tag + 1;
            continue;
        }
        if (closing) {
            out += "</h";
            out += open_level == '0' ? html[name + 1] : open_level;
            at = name + 2;
            continue;
        }
        const int written = html[name + 1] - '0';
        const int level = std::max(min_level, std::min(written, previous + 1));
        previous = level;
        open_level = static_cast<char>('0' + level);
        out += "<h";
        out += open_level;
        const std::size_t end = html.find('>', name);
        if (end == std::string::npos) {
            out.append(html, name + 2, std::string::npos);
            return out;
        }
        const std::string attributes = html.substr(name + 2, end - name - 2);
        out += attributes;
        if (ids != nullptr && attributes.find("id=") == std::string::npos) {
            const std::size_t close = html.find("</h", end);
            std::string text;
            bool in_tag = false;
            for (std::size_t i = end + 1; i < (close == std::string::npos ? html.size() : close); ++i) {
                if (html[i] == '<') {
                    in_tag = true;
                } else if (html[i] == '>') {
                    in_tag = false;
                } else if (!in_tag) {
                    text += html[i];
                }
            }
            const std::string anchor = heading_anchor(decode_basic_entities(text));
            if (!anchor.empty()) {
                std::string id = anchor;
                for (int n = 1; !ids->insert(id).second; ++n) {
                    id = anchor + "-" + std::to_string(n);
                }
                out += " id=\"";
                append_html_escaped(id, out, true);
                out += '"';
            }
        }
        out += '>';
        at = end + 1;
    }
}

// Makes the hrefs of one page: relative to it, or absolute from the base URL
// for a page served at any address (404.html).
struct Linker {
    std::string page;
    std::string base;  // "" = relative

    std::string operator()(std::string_view to, std::string_view fragment = {}) const {
        if (base.empty()) {
            return relative_href(page, to, fragment);
        }
        std::string url = absolute_url(base, to);
        if (!fragment.empty()) {
            url += '#';
            url += url_path(fragment);
        }
        return url;
    }
};

// Sets key of an object, moving a Data given as an rvalue: kainjow's set()
// copies the whole tree, and a page's lists are nested three deep.
template <typename T>
void put(Data& object, const std::string& key, T&& value) {
    object[key] = Data(std::forward<T>(value));
}

// Appends item to a list without copying it.
void append(Data& list, Data&& item) {
    list.push_back(Data(false));
    const_cast<Data&>(list.list_value().back()) = std::move(item);
}

void set_if(Data& data, const std::string& key, const std::string& value) {
    if (!value.empty()) {
        put(data, key, value);
    }
}

// Items of lists set every key their template asks for, false when empty:
// Mustache looks an unset key up in the enclosing contexts (the page's own
// summary would show under every related article without one).
void set_or_false(Data& data, const std::string& key, const std::string& value) {
    if (value.empty()) {
        put(data, key, false);
    } else {
        put(data, key, value);
    }
}

// "severity" (critical to low, false when unset) and "severity_label" of a
// known error, for its badge.
void put_severity(Data& data, const Language& language, const PublishedArticle& article) {
    set_or_false(data, "severity", article.severity);
    put(data, "severity_label", severity_label(language.strings, article.severity));
}

Data strings_data(const StringTable& strings) {
    Data data(Data::type::object);
    for (const auto& [key, value] : strings) {
        put(data, key, value);
    }
    return data;
}

// The inputs of a page that are not its article: hashed into its input key.
struct KeyText {
    std::string text;
    void add(std::string_view part) {
        text += part;
        text += '\x1f';
    }
};

class Renderer {
public:
    Renderer(const Site& site, Diagnostics& diagnostics) : m_site(site), m_generation(++s_generations) {
        std::map<std::string, std::string, std::less<>> partials;
        for (const auto& [path, content] : site.theme->files()) {
            if (path.starts_with("partials/") && path.ends_with(".mustache")) {
                partials.emplace(path.substr(9, path.size() - 9 - 9), content);
            }
        }
        // A template that does not parse is a warning; the built-in one is
        // used in its place.
        std::map<std::string, std::string_view> builtin;
        for (const ThemeFile& file : default_theme()) {
            builtin[file.path] = file.content;
        }
        std::map<std::string, std::string> templates;
        for (const char* name :
             {"home", "article", "categories", "category", "tags", "tag", "faq", "known-issues", "search", "404"}) {
            const std::string path = std::string("templates/") + name + ".mustache";
            std::string text = site.theme->file(path);
            mus::mustache check(inline_partials(text, partials));
            if (!check.is_valid()) {
                diagnostics.push_back(
                    {path, 0, 0, Severity::warning,
                     "theme template does not parse (" + check.error_message() + "); the built-in one is used", ""});
                text = std::string(builtin[path]);
            }
            templates[name] = inline_partials(text, partials);
        }
        // Per language: the templates with its words in place, and the
        // partials still named by a tag (a tree that includes itself).
        for (const Language& language : site.languages) {
            std::map<std::string, std::string> own;
            for (const auto& [name, text] : templates) {
                own[name] = fill_strings(text, language.strings);
                m_needs_strings = m_needs_strings || uses_strings(own[name]);
            }
            m_templates.push_back(std::move(own));
            std::vector<std::pair<std::string, std::string>> own_partials;
            for (const auto& [name, text] : partials) {
                own_partials.emplace_back(name, fill_strings(text, language.strings));
                m_needs_strings = m_needs_strings || uses_strings(own_partials.back().second);
            }
            m_partials.push_back(std::move(own_partials));
            m_strings.push_back(strings_data(language.strings));
        }
        // The engine's scripts the theme has, in load order (the word rules
        // first); without the engine the search box only sends the words to
        // search.html.
        if (!site.theme->file("assets/search-core.js").empty()) {
            for (const char* script : {"assets/search-text.js", "assets/search-core.js"}) {
                if (!site.theme->file(script).empty()) {
                    m_engine.emplace_back(script);
                }
            }
        }
    }

    const Site& site() const { return m_site; }

    // The variables every page has (faqt-theme(7), "Every page").
    Data frame(const Language& language, const Linker& link, const std::string& title,
               const std::vector<std::pair<const Language*, std::string>>& versions) const {
        const Site& site = m_site;
        const std::size_t index = site.language_index.at(language.lang);
        Data data(Data::type::object);
        for (const auto& [name, text] : m_partials[index]) {
            const std::string* content = &text;
            put(data, name, mus::partial([content] {
                    // A partial that includes itself whatever the data says
                    // would recurse until the stack runs out.
                    if (--t_partial_budget < 0) {
                        return std::string();
                    }
                    return *content;
                }));
        }
        if (m_needs_strings) {
            put(data, "s", m_strings[index]);
        }
        put(data, "lang", language.lang);
        put(data, "page_title", title);
        put(data, "site_title", site.config->title);
        put(data, "assets", link("assets/"));
        put(data, "home", link(home_path(language.prefix)));
        put(data, "search", link(search_path(language.prefix)));
        // The search box's scripts find the language's index folder and
        // the engine through these, relative like every other link, so the
        // site searches from file:// and below any folder of a server.
        if (!m_engine.empty()) {
            put(data, "search_index", link(search_index_path(language.prefix)));
            std::string engine;
            for (const std::string& script : m_engine) {
                engine += (engine.empty() ? "" : " ") + link(script);
            }
            put(data, "search_engine", engine);
        } else {
            put(data, "search_index", false);
        }
        put(data, "categories", link(categories_path(language.prefix)));
        put(data, "faq", link(faq_path(language.prefix)));
        put(data, "known_issues", link(known_issues_path(language.prefix)));
        put(data, "tags", link(tags_path(language.prefix)));
        set_if(data, "footer", site.config->site_footer);
        set_if(data, "contact_url", site.config->site_contact_url);
        if (!site.base_url.empty()) {
            put(data, "canonical", absolute_url(site.base_url, link.page));
        }
        if (site.feeds.contains(feed_path(language.prefix))) {
            put(data, "feed", link(feed_path(language.prefix)));
        }
        Data alternates(Data::type::list);
        Data languages(Data::type::list);
        for (const auto& [other, path] : versions) {
            Data alternate(Data::type::object);
            put(alternate, "lang", other->lang);
            put(alternate, "href", site.base_url.empty() ? link(path) : absolute_url(site.base_url, path));
            append(alternates, std::move(alternate));
            Data item(Data::type::object);
            put(item, "lang", other->lang);
            put(item, "name", other->name);
            put(item, "href", link(path));
            put(item, "current", other == &language);
            append(languages, std::move(item));
        }
        if (versions.size() > 1) {
            put(data, "alternates", std::move(alternates));
            put(data, "languages", std::move(languages));
            put(data, "has_languages", true);
        }
        return data;
    }

    // Each thread parses each template of each language once per export.
    std::string render(const Language& language, const std::string& name, const Data& data) const {
        struct Compiled {
            std::uint64_t generation = 0;
            std::map<std::pair<std::size_t, std::string>, mus::mustache> templates;
        };
        thread_local Compiled compiled;
        if (compiled.generation != m_generation) {
            compiled.templates.clear();
            compiled.generation = m_generation;
        }
        const std::size_t index = m_site.language_index.at(language.lang);
        auto found = compiled.templates.find({index, name});
        if (found == compiled.templates.end()) {
            found = compiled.templates.try_emplace({index, name}, m_templates[index].at(name)).first;
        }
        t_partial_budget = k_max_partial_includes;
        std::string page = found->second.render(data);
        if (t_partial_budget < 0) {
            std::lock_guard<std::mutex> lock(m_overflow_mutex);
            m_partial_overflow = name;
        }
        return page;
    }

    // The same page in every language (list pages exist in all), or in
    // those where has says it exists (a tag's or a product's page).
    std::vector<std::pair<const Language*, std::string>> every_language(
        const std::function<std::string(const Language&)>& path,
        const std::function<bool(const Language&)>& has = nullptr) const {
        std::vector<std::pair<const Language*, std::string>> out;
        for (const Language& language : m_site.languages) {
            if (!has || has(language)) {
                out.emplace_back(&language, path(language));
            }
        }
        return out;
    }

    // The page an article links to from a page in language: the linked
    // article's own page, or for a default-language article the translation
    // in language when there is one; "" when none is exported.
    std::string article_page(const PublishedArticle& target, const Language& language) const {
        const Site& site = m_site;
        auto by_lang = site.translations.find(target.id);
        if (by_lang == site.translations.end()) {
            return {};
        }
        const std::string lang = target.lang.empty() ? site.default_lang : target.lang;
        if (lang == site.default_lang) {
            if (by_lang->second.contains(language.lang)) {
                return article_path(language.prefix, target.id);
            }
        }
        if (by_lang->second.contains(lang) && by_lang->second.at(lang) == &target) {
            return article_path(language_prefix(lang, site.default_lang), target.id);
        }
        if (by_lang->second.contains(site.default_lang)) {
            return article_path("", target.id);
        }
        return {};
    }

    // The HTML of an article's public text for the page link.page. On its
    // own page (own_page) headings carry their anchors; elsewhere (the FAQ
    // page) they start at min_level and "#anchor" links lead to its page.
    // How the Markdown of an article becomes HTML on the page link.page:
    // its links lead where site/links.hpp says.
    HtmlOptions html_options(const PublishedArticle& article, const Language& language, const Linker& link,
                             bool own_page) const {
        const Site& site = m_site;
        const auto& targets = site.links.at(&article);
        const std::string own_path = article_page(article, language);
        HtmlOptions options;
        options.allow_html = site.config->site_allow_html;
        options.callouts = true;
        const StringTable& strings = language.strings;
        options.callout_label = [&strings](std::string_view kind) { return word(strings, std::string(kind)); };
        options.rewrite_link = [&, own_path, own_page](std::string_view url, bool image) -> LinkRewrite {
            LinkRewrite rewrite;
            LinkTarget target;
            if (auto found = targets.find(std::string(url)); found != targets.end()) {
                target = found->second;
            } else {
                target = resolve_link(url, image, article.path, LinkScope{site.config->root, &site.by_path});
            }
            if (image && target.kind == LinkTarget::Kind::keep && is_external_url(url)) {
                // A link's target may be external, an image's may not (the
                // page would load it from another server).
                target.kind = LinkTarget::Kind::text;
            }
            switch (target.kind) {
                case LinkTarget::Kind::keep:
                    if (!own_page && !url.empty() && url.front() == '#' && !own_path.empty()) {
                        rewrite.action = LinkRewrite::Action::replace;
                        rewrite.url = link(own_path, url.substr(1));
                    }
                    break;
                case LinkTarget::Kind::article: {
                    const std::string page = article_page(*target.article, language);
                    if (page.empty()) {
                        rewrite.action = LinkRewrite::Action::text;
                    } else {
                        rewrite.action = LinkRewrite::Action::replace;
                        rewrite.url = link(page, target.fragment);
                    }
                    break;
                }
                case LinkTarget::Kind::attachment:
                    rewrite.action = LinkRewrite::Action::replace;
                    rewrite.url = link(attachment_path(target.kb_path), target.fragment);
                    break;
                case LinkTarget::Kind::text:
                    rewrite.action = LinkRewrite::Action::text;
                    break;
            }
            return rewrite;
        };
        return options;
    }

    std::string article_html(const PublishedArticle& article, const Language& language, const Linker& link,
                             bool own_page, int min_level, std::string* workaround_anchor) const {
        const Site& site = m_site;
        const HtmlOptions options = html_options(article, language, link, own_page);
        const bool troubleshooter = own_page && !article.flow.steps.empty();
        std::string html;
        if (!trim(article.intro).empty()) {
            html += markdown_to_html(article.intro, options);
        }
        std::set<std::string> ids{"main",         "article-title",   "known-error-heading",
                                  "tags-heading", "related-heading", "q"};
        bool in_workaround = false;
        int workaround_level = 0;
        for (const Section& section : article.sections) {
            if (in_workaround && section.level <= workaround_level) {
                html += "</div>\n";
                in_workaround = false;
            }
            if ((section.level == 1 && section.heading == article.title && trim(section.markdown).empty()) ||
                !shown_on_site(article, section)) {
                continue;
            }
            std::string section_html = markdown_to_html(section.markdown, options);
            // On its own page a flow's steps are the troubleshooter, not a
            // list; what else the section says stays.
            if (troubleshooter && is_steps_heading(section.heading, article.lang, *site.config)) {
                section_html = without_first_list(section_html);
                if (trim(section_html).empty()) {
                    continue;
                }
            }
            const int level = std::clamp(section.level + (min_level - 2), min_level, 6);
            if (section.kind == SectionKind::workaround && !in_workaround) {
                html += "<div class=\"workaround-section\">\n";
                in_workaround = true;
                workaround_level = section.level;
            }
            html += "<h" + std::to_string(level);
            if (own_page && !section.anchor.empty()) {
                std::string id = section.anchor;
                for (int n = 1; !ids.insert(id).second; ++n) {
                    id = section.anchor + "-" + std::to_string(n);
                }
                if (section.kind == SectionKind::workaround && workaround_anchor != nullptr &&
                    workaround_anchor->empty()) {
                    *workaround_anchor = id;
                }
                html += " id=\"";
                append_html_escaped(id, html, true);
                html += '"';
            }
            html += '>';
            append_html_escaped(section.heading, html);
            html += "</h" + std::to_string(level) + ">\n";
            html += section_html;
        }
        if (in_workaround) {
            html += "</div>\n";
        }
        return outline_headings(html, min_level, own_page ? &ids : nullptr);
    }

    // The template data of a flow's troubleshooter (faqt-theme(7)): each
    // public step with its answers as plain links, and the two ends.
    Data troubleshooter(const PublishedArticle& article, const Language& language, const Linker& link) const {
        const Site& site = m_site;
        const HtmlOptions options = html_options(article, language, link, true);
        const auto& targets = site.links.at(&article);
        Data data(Data::type::object);
        Data steps(Data::type::list);
        for (std::size_t i = 0; i < article.flow.steps.size(); ++i) {
            const PublishedStep& step = article.flow.steps[i];
            Data item(Data::type::object);
            put(item, "id", step_anchor(step));
            put(item, "number", std::to_string(step.number));
            put(item, "first", i == 0);
            put(item, "question", markdown_to_html(step.question, options));
            set_or_false(item, "detail", trim(step.detail).empty() ? "" : markdown_to_html(step.detail, options));
            Data answers(Data::type::list);
            for (const PublishedOutcome& outcome : step.outcomes) {
                Data answer(Data::type::object);
                put(answer, "answer", outcome.answer);
                std::string href = "#contact";
                switch (outcome.kind) {
                    case PublishedOutcomeKind::step:
                        href = "#" + step_anchor(article.flow.steps[static_cast<std::size_t>(outcome.step_index)]);
                        break;
                    case PublishedOutcomeKind::article: {
                        LinkTarget target;
                        if (auto found = targets.find(outcome.link); found != targets.end()) {
                            target = found->second;
                        } else {
                            target = resolve_link(outcome.link, false, article.path,
                                                  LinkScope{site.config->root, &site.by_path});
                        }
                        const std::string page = target.kind == LinkTarget::Kind::article
                                                     ? article_page(*target.article, language)
                                                     : std::string();
                        if (!page.empty()) {
                            href = link(page, target.fragment);
                        }
                        break;
                    }
                    case PublishedOutcomeKind::resolved:
                        href = "#solved";
                        break;
                    case PublishedOutcomeKind::contact:
                        break;
                }
                put(answer, "href", href);
                append(answers, std::move(answer));
            }
            put(item, "answers", std::move(answers));
            append(steps, std::move(item));
        }
        put(data, "steps", std::move(steps));
        put(data, "start", "#" + step_anchor(article.flow.steps.front()));
        const std::string& contact = site.config->site_contact_url;
        if (!contact.empty()) {
            put(data, "contact_href", contact_href(contact, article.title, article.title));
        } else {
            put(data, "contact_href", false);
        }
        return data;
    }

    Data article_list(const Language& language, const Linker& link, const std::vector<std::size_t>& indexes,
                      std::size_t limit, KeyText* key) const {
        Data items(Data::type::list);
        std::size_t count = 0;
        for (std::size_t index : indexes) {
            if (count++ == limit) {
                break;
            }
            const Entry& entry = language.entries[index];
            const PublishedArticle& article = *entry.article;
            Data item(Data::type::object);
            put(item, "href", link(entry.page));
            put(item, "title", article.title);
            set_or_false(item, "summary", article.summary);
            put(item, "status", false);
            if (article.is_known_error()) {
                put(item, "status", status_key(article.status));
                put(item, "status_label", status_label(language.strings, article.status));
            }
            put(item, "other_lang", article.lang != language.lang);
            put(item, "lang", article.lang);
            if (key != nullptr) {
                add_entry_key(entry, *key);
            }
            append(items, std::move(item));
        }
        Data wrapper(Data::type::object);
        put(wrapper, "items", std::move(items));
        return wrapper;
    }

    // What article_list() shows of each entry, for input keys, without
    // making its data.
    static void add_entry_key(const Entry& entry, KeyText& key) {
        key.add(entry.page);
        key.add(entry.article->title);
        key.add(entry.article->summary);
        key.add(entry.article->status);
        key.add(entry.article->lang);
    }
    void add_list_key(const Language& language, const std::vector<std::size_t>& indexes, std::size_t limit,
                      KeyText& key) const {
        std::size_t count = 0;
        for (std::size_t index : indexes) {
            if (count++ == limit) {
                break;
            }
            add_entry_key(language.entries[index], key);
        }
    }

    // The names breadcrumbs() shows for a category, top first.
    std::vector<std::string> crumb_names(const std::string& category_id) const {
        std::vector<std::string> names;
        for (const std::string& id : category_chain(category_id)) {
            auto found = m_site.categories.find(id);
            names.push_back(found == m_site.categories.end() ? id : found->second.name);
        }
        return names;
    }

    static std::vector<std::string> category_chain(const std::string& category_id) {
        std::vector<std::string> chain;
        for (std::string at = category_id; !at.empty();) {
            chain.push_back(at);
            const std::size_t slash = at.rfind('/');
            at = slash == std::string::npos ? "" : at.substr(0, slash);
        }
        std::reverse(chain.begin(), chain.end());
        return chain;
    }

    Data category_tree(const Language& language, const Linker& link, const std::vector<std::string>& ids) const {
        Data tree(Data::type::object);
        put(tree, "children", category_nodes(language, link, ids));
        return tree;
    }

    Data category_nodes(const Language& language, const Linker& link, const std::vector<std::string>& ids) const {
        Data children(Data::type::list);
        for (const std::string& id : ids) {
            const Category& category = m_site.categories.at(id);
            Data node(Data::type::object);
            put(node, "href", link(category_path(language.prefix, id)));
            put(node, "name", category.name);
            put(node, "id", id);
            auto count = language.category_counts.find(id);
            put(node, "count", std::to_string(count == language.category_counts.end() ? 0 : count->second));
            // Every key a node's partial asks for is set on the node: an
            // unset one would be looked up in the node's parent.
            put(node, "has_children", !category.children.empty());
            if (!category.children.empty()) {
                put(node, "children", category_nodes(language, link, category.children));
            }
            append(children, std::move(node));
        }
        return children;
    }

    Data breadcrumbs(const Language& language, const Linker& link, const std::string& category_id, bool last_current,
                     KeyText* key) const {
        const std::vector<std::string> chain = category_chain(category_id);
        Data list(Data::type::list);
        Data home(Data::type::object);
        put(home, "href", link(home_path(language.prefix)));
        put(home, "name", word(language.strings, "home"));
        append(list, std::move(home));
        for (std::size_t i = 0; i < chain.size(); ++i) {
            auto found = m_site.categories.find(chain[i]);
            const std::string name = found == m_site.categories.end() ? chain[i] : found->second.name;
            Data crumb(Data::type::object);
            put(crumb, "name", name);
            put(crumb, "href", false);
            if (!(last_current && i + 1 == chain.size())) {
                put(crumb, "href", link(category_path(language.prefix, chain[i])));
            }
            if (key != nullptr) {
                key->add(name);
            }
            append(list, std::move(crumb));
        }
        return list;
    }

private:
    const Site& m_site;
    std::uint64_t m_generation;
    static inline std::atomic<std::uint64_t> s_generations{0};
    std::vector<std::vector<std::pair<std::string, std::string>>> m_partials;  // by language
    // The template of a page whose partials ran past k_max_partial_includes.
    mutable std::mutex m_overflow_mutex;
    mutable std::string m_partial_overflow;

public:
    std::string partial_overflow() const {
        std::lock_guard<std::mutex> lock(m_overflow_mutex);
        return m_partial_overflow;
    }

private:
    std::vector<Data> m_strings;                                  // by language
    std::vector<std::map<std::string, std::string>> m_templates;  // by language
    bool m_needs_strings = false;
    std::vector<std::string> m_engine;  // the search engine's scripts; none when the theme has no engine
};

// ---------------------------------------------------------------- article pages

struct ArticleJob {
    const Language* language = nullptr;
    std::size_t entry = 0;
};

// Related articles: sharing a category counts 2, a tag 1; best first, then
// newest, then by id.
std::vector<std::size_t> related_articles(const Language& language, std::size_t self) {
    const PublishedArticle& article = *language.entries[self].article;
    // Scores by entry, reused by the thread for its next article: a map per
    // article cost more than the rest of its page.
    thread_local std::vector<int> scores;
    thread_local std::vector<std::size_t> touched;
    if (scores.size() < language.entries.size()) {
        scores.assign(language.entries.size(), 0);
    }
    touched.clear();
    auto add = [&](const std::vector<std::size_t>& members, int weight) {
        for (std::size_t other : members) {
            if (scores[other] == 0) {
                touched.push_back(other);
            }
            scores[other] += weight;
        }
    };
    for (const std::string& category : article.categories) {
        if (auto found = language.by_category.find(category); found != language.by_category.end()) {
            add(found->second, 2);
        }
    }
    for (const std::string& tag : article.tags) {
        if (auto found = language.tags.find(name_slug(tag)); found != language.tags.end()) {
            add(found->second.entries, 1);
        }
    }
    std::vector<std::pair<int, std::size_t>> ranked;
    ranked.reserve(touched.size());
    for (std::size_t other : touched) {
        if (other != self) {
            ranked.emplace_back(scores[other], other);
        }
        scores[other] = 0;
    }
    const std::size_t keep = std::min(ranked.size(), k_related_count);
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                      [&](const auto& a, const auto& b) {
                          if (a.first != b.first) {
                              return a.first > b.first;
                          }
                          return newer(language.entries[a.second], language.entries[b.second]);
                      });
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < keep; ++i) {
        out.push_back(ranked[i].second);
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const std::string& part : parts) {
        if (!out.empty()) {
            out += separator;
        }
        out += part;
    }
    return out;
}

void add_article_key(KeyText& key, const PublishedArticle& article) {
    key.add(article.id);
    key.add(article.path);
    key.add(article.lang);
    key.add(article.title);
    key.add(article.summary);
    key.add(to_string(article.type));
    key.add(article.status);
    key.add(article.severity);
    key.add(join(article.categories, "\x1e"));
    key.add(join(article.tags, "\x1e"));
    key.add(join(article.aliases, "\x1e"));
    key.add(join(article.products, "\x1e"));
    key.add(join(article.affected_versions, "\x1e"));
    key.add(article.fixed_in);
    key.add(article.updated ? article.updated->to_string() : "");
    key.add(article.intro);
    for (const Section& section : article.sections) {
        key.add(section.heading);
        key.add(to_string(section.kind));
        key.add(std::to_string(section.level));
        key.add(section.anchor);
        key.add(section.markdown);
    }
    for (const PublishedStep& step : article.flow.steps) {
        key.add(std::to_string(step.number));
        key.add(step.question);
        key.add(step.detail);
        for (const PublishedOutcome& outcome : step.outcomes) {
            key.add(outcome.answer);
            key.add(std::to_string(static_cast<int>(outcome.kind)) + ":" + std::to_string(outcome.step_index));
            key.add(outcome.link);
        }
    }
}

SiteFile article_page(const Renderer& renderer, const ArticleJob& job) {
    const Site& site = renderer.site();
    const Language& language = *job.language;
    const Entry& entry = language.entries[job.entry];
    const PublishedArticle& article = *entry.article;
    Linker link{entry.page, ""};
    KeyText key;
    key.add("article-page-1");
    key.add(site.theme->digest());
    key.add(site.config_digest);
    add_article_key(key, article);
    key.add(entry.date ? entry.date->to_string() : "");

    // The key is made before any template data: a page whose inputs did
    // not change costs only this.
    std::vector<std::pair<const Language*, std::string>> versions;
    const auto& by_lang = site.translations.at(article.id);
    for (const Language& other : site.languages) {
        if (by_lang.contains(other.lang)) {
            versions.emplace_back(&other, article_path(other.prefix, article.id));
            key.add(other.lang);
        }
    }
    const std::string primary = article.categories.empty() ? "" : article.categories.front();
    for (const std::string& name : renderer.crumb_names(primary)) {
        key.add(name);
    }
    const std::vector<std::size_t> related = related_articles(language, job.entry);
    if (!related.empty()) {
        renderer.add_list_key(language, related, k_related_count, key);
    }
    // Where the links of the article lead depends on other articles.
    for (const auto& [target, resolved] : site.links.at(&article)) {
        key.add(target);
        key.add(std::to_string(static_cast<int>(resolved.kind)));
        if (resolved.kind == LinkTarget::Kind::article) {
            key.add(renderer.article_page(*resolved.article, language));
        }
    }

    SiteFile file;
    file.path = entry.page;
    file.input_key = hex_digest(fnv1a(key.text));
    if (site.options->is_current && site.options->is_current(file.path, file.input_key)) {
        file.unchanged = true;
        return file;
    }

    Data data = renderer.frame(language, link, article.title, versions);
    put(data, "title", article.title);
    set_if(data, "summary", article.summary);
    set_if(data, "description", article.summary);
    if (entry.date) {
        put(data, "updated", entry.date->to_string());
    }
    put(data, "crumbs", renderer.breadcrumbs(language, link, primary, false, nullptr));
    put(data, "has_breadcrumbs", true);

    Data tags(Data::type::list);
    for (const std::string& tag : article.tags) {
        Data item(Data::type::object);
        put(item, "name", tag);
        put(item, "href", link(tag_path(language.prefix, tag)));
        append(tags, std::move(item));
    }
    if (!article.tags.empty()) {
        put(data, "has_tags", true);
        put(data, "tag_links", std::move(tags));
    }
    if (!related.empty()) {
        put(data, "has_related", true);
        put(data, "related", renderer.article_list(language, link, related, k_related_count, nullptr));
    }

    std::string workaround_anchor;
    put(data, "body", renderer.article_html(article, language, link, true, 2, &workaround_anchor));
    if (article.is_known_error()) {
        Data box(Data::type::object);
        put(box, "status", status_key(article.status));
        put(box, "status_label", status_label(language.strings, article.status));
        put_severity(box, language, article);
        Data products(Data::type::list);
        for (std::size_t i = 0; i < article.products.size(); ++i) {
            Data product(Data::type::object);
            put(product, "name", article.products[i]);
            put(product, "href", link(product_path(language.prefix, article.products[i])));
            put(product, "last", i + 1 == article.products.size());
            append(products, std::move(product));
        }
        put(box, "has_products", !article.products.empty());
        put(box, "products", std::move(products));
        set_or_false(box, "affected_versions", join(article.affected_versions, ", "));
        set_or_false(box, "fixed_in", article.fixed_in);
        set_or_false(box, "workaround_anchor", workaround_anchor);
        put(data, "known_error", std::move(box));
    }
    if (!article.flow.steps.empty()) {
        put(data, "flow_troubleshooter", renderer.troubleshooter(article, language, link));
    }
    file.content = renderer.render(language, "article", data);
    return file;
}

// ---------------------------------------------------------------- list pages

std::string faq_json_ld(const std::vector<std::pair<std::string, std::string>>& questions) {
    JsonWriter json(false);
    json.begin_object();
    json.field("@context", "https://schema.org");
    json.field("@type", "FAQPage");
    json.key("mainEntity").begin_array();
    for (const auto& [question, answer] : questions) {
        json.begin_object();
        json.field("@type", "Question");
        json.field("name", question);
        json.key("acceptedAnswer").begin_object();
        json.field("@type", "Answer");
        json.field("text", answer);
        json.end_object();
        json.end_object();
    }
    json.end_array();
    json.end_object();
    // "<" only stands inside strings, where \u003c means the same: no
    // "</script>" or "<!--" can end the element early.
    std::string text;
    for (char c : json.str()) {
        if (c == '<') {
            text += "\\u003c";
        } else {
            text += c;
        }
    }
    return "<script type=\"application/ld+json\">" + text + "</script>";
}

class ListPages {
public:
    ListPages(const Renderer& renderer, const SiteSink& sink, SiteReport& report)
        : m_renderer(renderer), m_site(renderer.site()), m_sink(sink), m_report(report) {}

    Result<void> emit(const std::string& path, std::string content) {
        SiteFile file;
        file.path = path;
        file.content = std::move(content);
        ++m_report.pages;
        ++m_report.files;
        return m_sink(std::move(file));
    }

    // A list page made from key (what its template shows, gathered before
    // any template data is made): when the previous export wrote path from
    // the same key, the file is handed on unchanged and true returned.
    // When the previous export made path from the same key, hands it to the
    // sink as unchanged, unrendered: true then. input_key is set either way.
    Result<bool> pass_if_current(const std::string& path, const KeyText& key, std::string& input_key) {
        input_key = hex_digest(fnv1a(key.text));
        if (!m_site.options->is_current || !m_site.options->is_current(path, input_key)) {
            return false;
        }
        SiteFile file;
        file.path = path;
        file.input_key = input_key;
        file.unchanged = true;
        ++m_report.pages;
        ++m_report.files;
        if (auto passed = m_sink(std::move(file)); !passed) {
            return passed.error();
        }
        return true;
    }

    Result<void> emit(const std::string& path, std::string content, const std::string& input_key) {
        SiteFile file;
        file.path = path;
        file.content = std::move(content);
        file.input_key = input_key;
        ++m_report.pages;
        ++m_report.files;
        return m_sink(std::move(file));
    }

    // The start of every list page's key: the theme, the configuration,
    // the page and the frame's title and language versions.
    KeyText list_key(const char* kind, const Language& language, const std::string& path, const std::string& title,
                     const std::vector<std::pair<const Language*, std::string>>& versions) const {
        KeyText key;
        key.add(kind);
        key.add(m_site.theme->digest());
        key.add(m_site.config_digest);
        key.add(language.lang);
        key.add(path);
        key.add(title);
        for (const auto& [other, other_path] : versions) {
            key.add(other->lang);
            key.add(other_path);
        }
        return key;
    }

    // The nodes category_nodes() shows below ids: their ids and counts
    // (names come with the configuration).
    void add_tree_key(const Language& language, const std::vector<std::string>& ids, KeyText& key) const {
        for (const std::string& id : ids) {
            key.add(id);
            auto count = language.category_counts.find(id);
            key.add(std::to_string(count == language.category_counts.end() ? 0 : count->second));
            key.add("(");
            add_tree_key(language, m_site.categories.at(id).children, key);
            key.add(")");
        }
    }

    // What known_issue_rows() shows of each entry.
    static void add_rows_key(const Language& language, const std::vector<std::size_t>& indexes, KeyText& key) {
        for (std::size_t index : indexes) {
            const Entry& entry = language.entries[index];
            const PublishedArticle& article = *entry.article;
            key.add(entry.page);
            key.add(article.title);
            key.add(article.status);
            key.add(article.severity);
            key.add(join(article.affected_versions, "\x1e"));
            key.add(article.fixed_in);
            std::string anchor;
            for (const Section& section : article.sections) {
                if (section.kind == SectionKind::workaround && !section.anchor.empty()) {
                    anchor = section.anchor;
                    break;
                }
            }
            key.add(anchor);
            key.add(entry.date ? entry.date->to_string() : "");
            key.add(article.lang);
        }
    }

    Result<void> language_pages(const Language& language) {
        if (auto done = home(language); !done) {
            return done;
        }
        if (auto done = search(language); !done) {
            return done;
        }
        if (auto done = categories(language); !done) {
            return done;
        }
        if (auto done = tags(language); !done) {
            return done;
        }
        if (auto done = faq(language); !done) {
            return done;
        }
        return known_issues(language);
    }

    Result<void> home(const Language& language) {
        const std::string path = home_path(language.prefix);
        Linker link{path, ""};
        Data data = m_renderer.frame(language, link, word(language.strings, "home"),
                                     m_renderer.every_language([](const Language& l) { return home_path(l.prefix); }));
        put(data, "tree", m_renderer.category_tree(language, link, m_site.top_categories));
        if (!language.known_errors.empty()) {
            put(data, "has_known_issues", true);
            put(data, "known_issues_list",
                m_renderer.article_list(language, link, language.known_errors, k_newest_known_issues, nullptr));
        }
        put(data, "recent", m_renderer.article_list(language, link, language.recent, k_recent_count, nullptr));
        return emit(path, m_renderer.render(language, "home", data));
    }

    Result<void> search(const Language& language) {
        const std::string path = search_path(language.prefix);
        Linker link{path, ""};
        Data data =
            m_renderer.frame(language, link, word(language.strings, "search"),
                             m_renderer.every_language([](const Language& l) { return search_path(l.prefix); }));
        return emit(path, m_renderer.render(language, "search", data));
    }

    Result<void> categories(const Language& language) {
        {
            const std::string path = categories_path(language.prefix);
            Linker link{path, ""};
            Data data = m_renderer.frame(
                language, link, word(language.strings, "categories"),
                m_renderer.every_language([](const Language& l) { return categories_path(l.prefix); }));
            put(data, "tree", m_renderer.category_tree(language, link, m_site.top_categories));
            if (auto done = emit(path, m_renderer.render(language, "categories", data)); !done) {
                return done;
            }
        }
        for (const auto& [id, category] : m_site.categories) {
            const std::string path = category_path(language.prefix, id);
            const auto versions =
                m_renderer.every_language([&id](const Language& l) { return category_path(l.prefix, id); });
            std::vector<std::size_t> members;
            if (auto found = language.by_category.find(id); found != language.by_category.end()) {
                members = found->second;
                std::sort(members.begin(), members.end(),
                          [&](std::size_t a, std::size_t b) { return by_title(language, a, b); });
            }
            KeyText key = list_key("category-page-1", language, path, category.name, versions);
            add_tree_key(language, category.children, key);
            key.add(std::to_string(members.size()));
            m_renderer.add_list_key(language, members, members.size(), key);
            std::string input_key;
            if (auto current = pass_if_current(path, key, input_key); !current) {
                return current.error();
            } else if (*current) {
                continue;
            }
            Linker link{path, ""};
            Data data = m_renderer.frame(language, link, category.name, versions);
            put(data, "name", category.name);
            set_if(data, "description", category.description);
            put(data, "crumbs", m_renderer.breadcrumbs(language, link, id, true, nullptr));
            put(data, "has_breadcrumbs", true);
            if (!category.children.empty()) {
                put(data, "has_subcategories", true);
                put(data, "tree", m_renderer.category_tree(language, link, category.children));
            }
            if (language.by_category.contains(id)) {
                put(data, "has_articles", true);
                put(data, "articles", m_renderer.article_list(language, link, members, members.size(), nullptr));
            }
            if (auto done = emit(path, m_renderer.render(language, "category", data), input_key); !done) {
                return done;
            }
        }
        return {};
    }

    Result<void> tags(const Language& language) {
        {
            const std::string path = tags_path(language.prefix);
            Linker link{path, ""};
            Data data =
                m_renderer.frame(language, link, word(language.strings, "tags"),
                                 m_renderer.every_language([](const Language& l) { return tags_path(l.prefix); }));
            Data list(Data::type::list);
            for (const auto& [slug, tag] : language.tags) {
                Data item(Data::type::object);
                put(item, "name", tag.name);
                put(item, "href", link(tag_path(language.prefix, tag.name)));
                put(item, "count", std::to_string(tag.entries.size()));
                append(list, std::move(item));
            }
            put(data, "tag_list", std::move(list));
            if (auto done = emit(path, m_renderer.render(language, "tags", data)); !done) {
                return done;
            }
        }
        for (const auto& [slug, tag] : language.tags) {
            const std::string path = tag_path(language.prefix, tag.name);
            const auto versions =
                m_renderer.every_language([&tag](const Language& l) { return tag_path(l.prefix, tag.name); },
                                          [&slug](const Language& l) { return l.tags.contains(slug); });
            const std::string title = word(language.strings, "tag") + ": " + tag.name;
            KeyText key = list_key("tag-page-1", language, path, title, versions);
            key.add(tag.name);
            m_renderer.add_list_key(language, tag.entries, tag.entries.size(), key);
            std::string input_key;
            if (auto current = pass_if_current(path, key, input_key); !current) {
                return current.error();
            } else if (*current) {
                continue;
            }
            Linker link{path, ""};
            Data data = m_renderer.frame(language, link, title, versions);
            put(data, "name", tag.name);
            put(data, "articles", m_renderer.article_list(language, link, tag.entries, tag.entries.size(), nullptr));
            if (auto done = emit(path, m_renderer.render(language, "tag", data), input_key); !done) {
                return done;
            }
        }
        return {};
    }

    Result<void> faq(const Language& language) {
        const std::string path = faq_path(language.prefix);
        Linker link{path, ""};
        Data data = m_renderer.frame(language, link, word(language.strings, "faq_title"),
                                     m_renderer.every_language([](const Language& l) { return faq_path(l.prefix); }));
        // Grouped by each FAQ's first category, in the order of the tree;
        // FAQs without one come last.
        std::map<std::string, std::vector<std::size_t>> groups;
        for (std::size_t i = 0; i < language.entries.size(); ++i) {
            const PublishedArticle& article = *language.entries[i].article;
            if (article.type != ArticleType::faq) {
                continue;
            }
            groups[article.categories.empty() ? std::string() : article.categories.front()].push_back(i);
        }
        Data list(Data::type::list);
        std::vector<std::pair<std::string, std::string>> questions;
        auto add_group = [&](const std::string& id, std::vector<std::size_t>& members) {
            std::sort(members.begin(), members.end(),
                      [&](std::size_t a, std::size_t b) { return by_title(language, a, b); });
            auto found = m_site.categories.find(id);
            Data group(Data::type::object);
            put(group, "name",
                id.empty() ? word(language.strings, "other")
                           : (found == m_site.categories.end() ? id : found->second.name));
            put(group, "slug", id.empty() ? std::string("uncategorised-") : name_slug(id));
            Data items(Data::type::list);
            for (std::size_t index : members) {
                const Entry& entry = language.entries[index];
                const PublishedArticle& article = *entry.article;
                Data item(Data::type::object);
                put(item, "href", link(entry.page));
                put(item, "title", article.title);
                const std::string answer = short_answer(article);
                put(item, "answer", answer);
                put(item, "other_lang", article.lang != language.lang);
                put(item, "lang", article.lang);
                questions.emplace_back(article.title, answer);
                append(items, std::move(item));
            }
            put(group, "questions", std::move(items));
            append(list, std::move(group));
        };
        std::vector<std::string> order;
        std::function<void(const std::vector<std::string>&)> walk = [&](const std::vector<std::string>& ids) {
            for (const std::string& id : ids) {
                order.push_back(id);
                walk(m_site.categories.at(id).children);
            }
        };
        walk(m_site.top_categories);
        order.emplace_back();
        for (const std::string& id : order) {
            if (auto found = groups.find(id); found != groups.end()) {
                add_group(id, found->second);
            }
        }
        if (!questions.empty()) {
            put(data, "groups", std::move(list));
            put(data, "json_ld", faq_json_ld(questions));
        }
        return emit(path, m_renderer.render(language, "faq", data));
    }

    // The known issues of a table, critical first, each severity in the
    // order given (newest first).
    static std::vector<std::size_t> by_severity(const Language& language, std::vector<std::size_t> indexes) {
        std::stable_sort(indexes.begin(), indexes.end(), [&](std::size_t a, std::size_t b) {
            return severity_rank(language.entries[a].article->severity) <
                   severity_rank(language.entries[b].article->severity);
        });
        return indexes;
    }

    Data known_issue_rows(const Language& language, const Linker& link, const std::vector<std::size_t>& indexes,
                          const std::string& product) {
        Data rows(Data::type::list);
        for (std::size_t index : by_severity(language, indexes)) {
            const Entry& entry = language.entries[index];
            const PublishedArticle& article = *entry.article;
            Data row(Data::type::object);
            put(row, "href", link(entry.page));
            put(row, "title", article.title);
            put(row, "status", status_key(article.status));
            put(row, "status_label", status_label(language.strings, article.status));
            put_severity(row, language, article);
            put(row, "product", product);
            put(row, "affected_versions", join(article.affected_versions, ", "));
            put(row, "fixed_in", article.fixed_in);
            put(row, "workaround_href", false);
            put(row, "updated", false);
            for (const Section& section : article.sections) {
                if (section.kind == SectionKind::workaround && !section.anchor.empty()) {
                    put(row, "workaround_href", link(entry.page, section.anchor));
                    break;
                }
            }
            if (entry.date) {
                put(row, "updated", entry.date->to_string());
            }
            put(row, "other_lang", article.lang != language.lang);
            put(row, "lang", article.lang);
            append(rows, std::move(row));
        }
        return rows;
    }

    Result<void> known_issues(const Language& language) {
        {
            const std::string path = known_issues_path(language.prefix);
            Linker link{path, ""};
            Data data = m_renderer.frame(
                language, link, word(language.strings, "known_issues"),
                m_renderer.every_language([](const Language& l) { return known_issues_path(l.prefix); }));
            put(data, "heading", word(language.strings, "known_issues"));
            put(data, "caption", word(language.strings, "known_issues"));
            Data groups(Data::type::list);
            std::vector<std::size_t> without;
            for (std::size_t index : language.known_errors) {
                if (language.entries[index].article->products.empty()) {
                    without.push_back(index);
                }
            }
            for (const auto& [slug, product] : language.products) {
                Data group(Data::type::object);
                put(group, "name", product.name);
                put(group, "href", link(product_path(language.prefix, product.name)));
                put(group, "rows", known_issue_rows(language, link, product.entries, product.name));
                append(groups, std::move(group));
            }
            if (!without.empty()) {
                Data group(Data::type::object);
                put(group, "name", word(language.strings, "other"));
                put(group, "href", false);
                put(group, "rows", known_issue_rows(language, link, without, ""));
                append(groups, std::move(group));
            }
            if (!language.known_errors.empty()) {
                put(data, "has_products", true);
                put(data, "product_groups", std::move(groups));
            }
            if (auto done = emit(path, m_renderer.render(language, "known-issues", data)); !done) {
                return done;
            }
        }
        for (const auto& [slug, product] : language.products) {
            const std::string path = product_path(language.prefix, product.name);
            const auto versions = m_renderer.every_language(
                [&product](const Language& l) { return product_path(l.prefix, product.name); },
                [&slug](const Language& l) { return l.products.contains(slug); });
            const std::string title = word(language.strings, "known_issues") + ": " + product.name;
            KeyText key = list_key("product-page-1", language, path, title, versions);
            key.add(product.name);
            add_rows_key(language, product.entries, key);
            std::string input_key;
            if (auto current = pass_if_current(path, key, input_key); !current) {
                return current.error();
            } else if (*current) {
                continue;
            }
            Linker link{path, ""};
            Data data = m_renderer.frame(language, link, title, versions);
            put(data, "heading", word(language.strings, "known_issues") + ": " + product.name);
            put(data, "caption", product.name);
            Data crumbs(Data::type::list);
            Data home(Data::type::object);
            put(home, "href", link(home_path(language.prefix)));
            put(home, "name", word(language.strings, "home"));
            append(crumbs, std::move(home));
            Data all(Data::type::object);
            put(all, "href", link(known_issues_path(language.prefix)));
            put(all, "name", word(language.strings, "known_issues"));
            append(crumbs, std::move(all));
            put(data, "crumbs", std::move(crumbs));
            put(data, "has_breadcrumbs", true);
            if (m_site.feeds.contains(product_feed_path(language.prefix, product.name))) {
                put(data, "feed", link(product_feed_path(language.prefix, product.name)));
            }
            Data group(Data::type::object);
            put(group, "name", product.name);
            put(group, "rows", known_issue_rows(language, link, product.entries, product.name));
            Data groups(Data::type::list);
            append(groups, std::move(group));
            put(data, "has_products", true);
            put(data, "product_groups", std::move(groups));
            if (auto done = emit(path, m_renderer.render(language, "known-issues", data), input_key); !done) {
                return done;
            }
        }
        return {};
    }

    // 404.html is served at any address: its links are absolute from the
    // base URL, or relative to the root without one.
    Result<void> not_found() {
        const Language& language = m_site.languages.front();
        Linker link{"404.html", m_site.base_url};
        Data data = m_renderer.frame(language, link, word(language.strings, "not_found"), {});
        // Served at any address, it could only reach the index through the
        // base URL, another host when the site is opened from file://: its
        // search box sends the words to search.html instead.
        put(data, "search_index", false);
        // Its stylesheet is in the page, allowed by its hash: a link to
        // it would either break below the root or, absolute, load from
        // another server when the site is opened from file://.
        const std::string& css = m_site.theme->file("assets/style.css");
        if (!css.empty() && css.find("</") == std::string::npos) {
            put(data, "inline_style", css);
            put(data, "style_hash", csp_hash(css));
        }
        return emit("404.html", m_renderer.render(language, "404", data));
    }

private:
    const Renderer& m_renderer;
    const Site& m_site;
    const SiteSink& m_sink;
    SiteReport& m_report;
};

}  // namespace

std::string category_display_name(const Config& config, std::string_view id) {
    for (const CategoryConfig& category : config.categories) {
        if (category.id == id && !category.name.empty()) {
            return category.name;
        }
    }
    return implied_category_name(id);
}

Result<SiteReport> export_site(const Config& config, const std::vector<PublishedArticle>& articles,
                               const SiteOptions& options, const SiteSink& outer_sink) {
    SiteReport report;
    // Every HTML page but 404.html, in the order made, for the sitemap.
    std::vector<std::string> pages;
    const SiteSink sink = [&](SiteFile&& file) -> Result<void> {
        if (file.path.ends_with(".html") && file.path != "404.html") {
            pages.push_back(file.path);
        }
        return outer_sink(std::move(file));
    };
    const Theme theme = Theme::load(options.theme_dir, report.diagnostics);
    const Site site = build_site(config, articles, options, theme, report.diagnostics);
    const Renderer renderer(site, report.diagnostics);

    // The theme's assets.
    for (const auto& [path, content] : theme.files()) {
        if (path.starts_with("assets/")) {
            SiteFile file;
            file.path = path;
            file.content = content;
            ++report.files;
            if (auto written = sink(std::move(file)); !written) {
                return written.error();
            }
        }
    }

    // Article pages, made on every core in batches and handed to the sink
    // in order.
    std::vector<ArticleJob> jobs;
    for (const Language& language : site.languages) {
        for (std::size_t i = 0; i < language.entries.size(); ++i) {
            if (language.entries[i].article->lang == language.lang ||
                (language.entries[i].article->lang.empty() && language.lang == site.default_lang)) {
                jobs.push_back({&language, i});
            }
        }
    }
    const std::size_t threads = std::max<std::size_t>(1, std::min<std::size_t>(8, std::thread::hardware_concurrency()));
    constexpr std::size_t k_batch = 512;
    for (std::size_t start = 0; start < jobs.size(); start += k_batch) {
        const std::size_t end = std::min(jobs.size(), start + k_batch);
        std::vector<SiteFile> files(end - start);
        std::atomic<std::size_t> next{start};
        auto work = [&] {
            for (std::size_t i = next++; i < end; i = next++) {
                files[i - start] = article_page(renderer, jobs[i]);
            }
        };
        std::vector<std::thread> pool;
        for (std::size_t t = 1; t < threads && t < end - start; ++t) {
            pool.emplace_back(work);
        }
        work();
        for (std::thread& thread : pool) {
            thread.join();
        }
        for (SiteFile& file : files) {
            ++report.articles;
            ++report.pages;
            ++report.files;
            if (auto written = sink(std::move(file)); !written) {
                return written.error();
            }
        }
    }

    ListPages lists(renderer, sink, report);
    for (const Language& language : site.languages) {
        if (auto done = lists.language_pages(language); !done) {
            return done.error();
        }
    }
    if (auto done = lists.not_found(); !done) {
        return done.error();
    }

    // Attachments the public text links to, each once, by path.
    std::set<std::string> attachments;
    for (const auto& [article, targets] : site.links) {
        for (const auto& [url, target] : targets) {
            if (target.kind == LinkTarget::Kind::attachment) {
                attachments.insert(target.kb_path);
            }
        }
    }
    for (const std::string& kb_path : attachments) {
        SiteFile file;
        file.path = attachment_path(kb_path);
        file.copy_from = (config.root / kb_path).string();
        ++report.files;
        if (auto written = sink(std::move(file)); !written) {
            return written.error();
        }
    }

    // Feeds, sitemap.xml and robots.txt, and the redirect pages of former
    // ids, from the same articles, after the pages (the sitemap lists the
    // pages made above; make_feeds() warns once when there is no base URL).
    std::vector<SiteFile> extra = make_feeds(config, articles, options, report.diagnostics);
    for (SiteFile& file : make_sitemap(config, articles, options, pages)) {
        extra.push_back(std::move(file));
    }
    for (SiteFile& file : make_redirects(config, articles, options, report.diagnostics)) {
        extra.push_back(std::move(file));
        ++report.pages;
    }
    for (SiteFile& file : extra) {
        ++report.files;
        if (auto written = sink(std::move(file)); !written) {
            return written.error();
        }
    }

    if (const std::string overflow = renderer.partial_overflow(); !overflow.empty()) {
        report.diagnostics.push_back(
            {"templates/" + overflow + ".mustache", 0, 0, Severity::warning,
             "the theme's partials include one another without end; each page stops after " +
                 std::to_string(k_max_partial_includes) + " inclusions",
             "a partial may include itself only inside a section that ends, as partials/category-tree.mustache "
             "does"});
    }
    return report;
}

}  // namespace faqt
