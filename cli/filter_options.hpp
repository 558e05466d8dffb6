#pragma once
// The article filters shared by 'faqt list' and 'faqt search': each takes
// several values, repeated or comma-separated, and an article passes when it
// matches any value of every filter given.

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace faqt::cli {

struct FilterOptions {
    std::vector<std::string> types;
    std::vector<std::string> statuses;
    std::vector<std::string> categories;
    std::vector<std::string> tags;
    std::vector<std::string> products;
    std::vector<std::string> langs;
    bool internal = false;
    bool public_only = false;
    bool drafts = false;
};

// Adds --type, --status, --category, --tag, --product, --lang, --internal,
// --public and --drafts to cmd.
void add_filter_options(CLI::App* cmd, FilterOptions& filters);

}  // namespace faqt::cli
