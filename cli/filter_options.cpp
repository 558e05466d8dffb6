#include "cli/filter_options.hpp"

namespace faqt::cli {

void add_filter_options(CLI::App* cmd, FilterOptions& f) {
    auto many = [cmd](const char* name, std::vector<std::string>& values, const char* help) {
        cmd->add_option(name, values, help)->delimiter(',')->allow_extra_args(false);
    };
    many("--type", f.types, "faq, known-error or howto (repeatable)");
    many("--status", f.statuses, "investigating, workaround, fixed or wont-fix (repeatable)");
    many("--category", f.categories, "In this category or below it (repeatable)");
    many("--tag", f.tags, "With this tag (repeatable)");
    many("--product", f.products, "About this product (repeatable)");
    many("--lang", f.langs, "In this language (repeatable)");
    auto* internal = cmd->add_flag("--internal", f.internal, "Only internal articles");
    cmd->add_flag("--public", f.public_only, "Only public articles")->excludes(internal);
    cmd->add_flag("--drafts", f.drafts, "Include drafts");
}

}  // namespace faqt::cli
