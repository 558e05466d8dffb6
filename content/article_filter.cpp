#include "content/article_filter.hpp"

#include <algorithm>

#include "content/public_view.hpp"
#include "content/category.hpp"
#include "content/closest_match.hpp"
#include "content/text.hpp"
#include "content/version_compare.hpp"

namespace faqt {

namespace {

bool any_equal(const std::vector<std::string>& wanted, const std::string& value) {
    return std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

void add_unique(std::vector<std::string>& list, std::string value) {
    if (!value.empty() && !any_equal(list, value)) {
        list.push_back(std::move(value));
    }
}

std::string did_you_mean(std::string_view value, const std::vector<std::string>& known) {
    std::string near = closest_match(value, known);
    return near.empty() ? std::string() : "did you mean '" + near + "'? ";
}

const std::vector<std::string>& known_types() {
    static const std::vector<std::string> types = {"faq", "known-error", "howto"};
    return types;
}

const std::vector<std::string>& known_statuses() {
    static const std::vector<std::string> statuses = {"investigating", "workaround", "fixed", "wont-fix"};
    return statuses;
}

// Every category id a filter may name: the declared ones and the parents
// their paths imply.
std::vector<std::string> known_categories(const Config& config) {
    std::vector<std::string> ids;
    for (const auto& category : config.categories) {
        const std::string id = normalize_category(category.id);
        for (std::size_t slash = id.find('/'); slash != std::string::npos; slash = id.find('/', slash + 1)) {
            add_unique(ids, id.substr(0, slash));
        }
        add_unique(ids, id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

Result<std::string> resolve_category(std::string_view value, const Config& config,
                                     const std::vector<std::string>& known) {
    const std::string id = normalize_category(value);
    if (known.empty() || any_equal(known, id)) {
        return id;
    }
    // A code or name the ticket system uses ("NET-VPN") stands for its category.
    if (std::string by_code = CategoryTree(config).find_by_code(value); !by_code.empty()) {
        return normalize_category(by_code);
    }
    return Error(ErrorCode::usage, "unknown category '" + std::string(value) + "'",
                 did_you_mean(id, known) + "'faqt categories' lists the categories of faqt.toml");
}

}  // namespace

std::string normalize_type(std::string_view type) {
    auto parsed = parse_article_type(type);
    return parsed ? to_string(*parsed) : std::string();
}

std::string normalize_status(std::string_view status) {
    return lower(trim(status));
}

std::string normalize_category(std::string_view category) {
    std::string c = lower(trim(category));
    while (!c.empty() && c.back() == '/') {
        c.pop_back();
    }
    return c;
}

std::string normalize_label(std::string_view tag) {
    return fold(trim(tag));
}

std::string normalize_severity(std::string_view severity) {
    return lower(trim(severity));
}

std::string normalize_lang(std::string_view lang) {
    const std::string l = trim(lang);
    return lower(std::string_view(l).substr(0, l.find_first_of("-_")));
}

bool ArticleFilter::empty() const {
    return types.empty() && categories.empty() && tags.empty() && statuses.empty() && severities.empty() &&
           products.empty() &&
           langs.empty() && trim(version).empty() && !visibility;
}

bool ArticleFilter::matches(const Article& a) const {
    if (a.draft && !drafts) {
        return false;
    }
    // Visibility as the public view decides it, so list agrees with public search.
    if (visibility && (is_public(a) ? Visibility::public_ : Visibility::internal) != *visibility) {
        return false;
    }
    if (!types.empty() && !any_equal(types, to_string(a.type))) {
        return false;
    }
    if (!statuses.empty() && !any_equal(statuses, normalize_status(a.status))) {
        return false;
    }
    if (!severities.empty() && !any_equal(severities, normalize_severity(a.severity))) {
        return false;
    }
    if (!langs.empty() && !any_equal(langs, normalize_lang(a.lang.empty() ? "en" : a.lang))) {
        return false;
    }
    auto any_label = [](const std::vector<std::string>& wanted, const std::vector<std::string>& have) {
        return std::any_of(have.begin(), have.end(),
                           [&](const std::string& one) { return any_equal(wanted, normalize_label(one)); });
    };
    if (!tags.empty() && !any_label(tags, a.tags)) {
        return false;
    }
    if (!products.empty() && !any_label(products, a.products)) {
        return false;
    }
    if (!categories.empty() && std::none_of(a.categories.begin(), a.categories.end(), [&](const std::string& c) {
            const std::string own = normalize_category(c);
            return std::any_of(categories.begin(), categories.end(),
                               [&](const std::string& wanted) { return CategoryTree::is_within(own, wanted); });
        })) {
        return false;
    }
    // Known errors fixed at or before the user's version do not concern them.
    if (!trim(version).empty() && a.is_known_error() && !trim(a.fixed_in).empty() &&
        compare_versions(a.fixed_in, version) <= 0) {
        return false;
    }
    return true;
}

Result<ArticleFilter> make_article_filter(const FilterValues& values, const Config& config) {
    ArticleFilter filter;
    for (const auto& type : values.types) {
        std::string t = normalize_type(type);
        if (t.empty()) {
            return Error(ErrorCode::usage, "unknown type '" + type + "'",
                         did_you_mean(type, known_types()) + "use faq, known-error, howto or flow");
        }
        add_unique(filter.types, t);
    }
    // A status or severity is one of a fixed list; a typo gets the nearest.
    auto add_known = [](std::vector<std::string>& out, const std::string& value, std::string normal,
                        const std::vector<std::string>& known, const char* what, const char* hint) -> Result<void> {
        if (std::find(known.begin(), known.end(), normal) == known.end()) {
            return Error(ErrorCode::usage, std::string("unknown ") + what + " '" + value + "'",
                         did_you_mean(normal, known) + hint);
        }
        add_unique(out, std::move(normal));
        return {};
    };
    for (const auto& status : values.statuses) {
        if (auto added = add_known(filter.statuses, status, normalize_status(status), known_statuses(), "status",
                                   "use investigating, workaround, fixed or wont-fix");
            !added) {
            return added.error();
        }
    }
    for (const auto& severity : values.severities) {
        if (auto added = add_known(filter.severities, severity, normalize_severity(severity), known_severities(),
                                   "severity", "use critical, high, medium or low");
            !added) {
            return added.error();
        }
    }
    const std::vector<std::string> categories = known_categories(config);
    for (const auto& category : values.categories) {
        auto id = resolve_category(category, config, categories);
        if (!id) {
            return id.error();
        }
        add_unique(filter.categories, *id);
    }
    // A value with nothing left once normalised would select every article
    // in one command and none in another: refuse it.
    auto add_normal = [](std::vector<std::string>& out, const std::string& value, std::string normal, const char* what,
                         const char* example) -> Result<void> {
        if (normal.empty()) {
            return Error(ErrorCode::usage, "'" + value + "' is not a " + what,
                         std::string("give one such as ") + example);
        }
        add_unique(out, std::move(normal));
        return {};
    };
    for (const auto& tag : values.tags) {
        if (auto added = add_normal(filter.tags, tag, normalize_label(tag), "tag", "vpn"); !added) {
            return added.error();
        }
    }
    for (const auto& product : values.products) {
        if (auto added = add_normal(filter.products, product, normalize_label(product), "product", "\"VPN Client\"");
            !added) {
            return added.error();
        }
    }
    for (const auto& lang : values.langs) {
        if (auto added = add_normal(filter.langs, lang, normalize_lang(lang), "language", "en, vi or pl-PL"); !added) {
            return added.error();
        }
    }
    filter.version = trim(values.version);
    filter.visibility = values.visibility;
    filter.drafts = values.drafts;
    return filter;
}

}  // namespace faqt
