#pragma once
// The command-line options shared by several commands: the article filters
// of 'faqt list' and 'faqt search' (each takes several values, repeated or
// comma-separated; an article passes when it matches any value of every
// filter given), and the check of whole-number options.

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "content/article_filter.hpp"
#include "content/config.hpp"
#include "content/result.hpp"

namespace faqt::cli {

struct FilterOptions {
    std::vector<std::string> types;
    std::vector<std::string> statuses;
    std::vector<std::string> severities;
    std::vector<std::string> categories;
    std::vector<std::string> tags;
    std::vector<std::string> products;
    std::vector<std::string> langs;
    std::string version;
    bool internal = false;
    bool public_only = false;
    bool drafts = false;

    // The ArticleFilter these options ask for; a usage error names a value
    // that selects nothing (content's make_article_filter()).
    Result<ArticleFilter> resolve(const Config& config) const;
};

// Adds --type, --status, --severity, --category, --tag, --product, --lang, --version,
// --internal, --public and --drafts to cmd.
void add_filter_options(CLI::App* cmd, FilterOptions& filters);

// Adds an int option that accepts only a whole number of at least min, and
// says so ("--limit: expects a whole number ≥ 1") instead of CLI11's range.
CLI::Option* add_whole_number_option(CLI::App* cmd, const std::string& name, int& value, const std::string& help,
                                     int min);

}  // namespace faqt::cli
