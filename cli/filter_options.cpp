#include "cli/filter_options.hpp"

#include <limits>

namespace faqt::cli {

Result<ArticleFilter> FilterOptions::resolve(const Config& config) const {
    FilterValues values;
    values.types = types;
    values.statuses = statuses;
    values.severities = severities;
    values.categories = categories;
    values.tags = tags;
    values.products = products;
    values.langs = langs;
    values.version = version;
    if (internal) {
        values.visibility = Visibility::internal;
    } else if (public_only) {
        values.visibility = Visibility::public_;
    }
    values.drafts = drafts;
    return make_article_filter(values, config);
}

void add_filter_options(CLI::App* cmd, FilterOptions& f) {
    auto many = [cmd](const char* name, std::vector<std::string>& values, const char* help) {
        cmd->add_option(name, values, help)->delimiter(',')->allow_extra_args(false);
    };
    many("--type", f.types, "faq, known-error, howto or flow (repeatable)");
    many("--status", f.statuses, "investigating, workaround, fixed or wont-fix (repeatable)");
    many("--severity", f.severities, "critical, high, medium or low (repeatable)");
    many("--category", f.categories, "In this category or below it; a category code works too (repeatable)");
    many("--tag", f.tags, "With this tag (repeatable)");
    many("--product", f.products, "About this product (repeatable)");
    many("--lang", f.langs, "In this language (repeatable)");
    cmd->add_option("--version", f.version, "Hide known errors fixed in this version or before it")
        ->option_text("VERSION");
    auto* internal = cmd->add_flag("--internal", f.internal, "Only internal articles");
    cmd->add_flag("--public", f.public_only, "Only public articles")->excludes(internal);
    cmd->add_flag("--drafts", f.drafts, "Include drafts");
}

CLI::Option* add_whole_number_option(CLI::App* cmd, const std::string& name, int& value, const std::string& help,
                                     int min) {
    const std::string expects = "expects a whole number ≥ " + std::to_string(min);
    CLI::Validator whole(
        [min, expects](std::string& text) -> std::string {
            const bool digits =
                !text.empty() && text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
            if (!digits || std::stoi(text) < min) {
                return expects + ", not '" + text + "'";
            }
            return {};
        },
        "N");
    return cmd->add_option(name, value, help)->check(whole)->option_text("N");
}

}  // namespace faqt::cli
