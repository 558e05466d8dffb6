// faqt categories: the ticket category tree with article counts.

#include <cstdio>
#include <functional>

#include "cli/commands.hpp"
#include "cli/render.hpp"
#include "content/category.hpp"
#include "content/json.hpp"

namespace faqt::cli {

namespace {

struct CategoriesOptions {
    bool uncovered = false;
    bool json = false;
};

void write_node(JsonWriter& json, const CategoryNode& node, bool with_children) {
    json.begin_object();
    json.field("id", node.id);
    json.key("name").string_or_null(node.declared ? node.name : "");
    json.key("description").string_or_null(node.description);
    json.key("codes").strings(node.codes);
    json.key("escalate_to").string_or_null(node.escalation.group);
    json.field("escalation_inherited", !node.escalation.group.empty() && node.escalation.from != node.id);
    json.field("articles", node.articles);
    json.field("total", node.total);
    json.key("children").begin_array();
    if (with_children) {
        for (const auto& child : node.children) {
            write_node(json, child, true);
        }
    }
    json.end_array();
    json.end_object();
}

int run_categories(const CategoriesOptions& options, const Context& ctx, const LoadedKb* kb) {
    CategoryTree tree(kb->config);
    tree.count(kb->articles);

    // With --uncovered, a flat list of the categories no article covers.
    std::vector<const CategoryNode*> uncovered;
    std::function<void(const std::vector<CategoryNode>&)> collect = [&](const std::vector<CategoryNode>& nodes) {
        for (const auto& node : nodes) {
            if (node.total == 0) {
                uncovered.push_back(&node);
            }
            collect(node.children);
        }
    };
    collect(tree.roots());

    if (options.json) {
        JsonWriter json;
        json.begin_object();
        json.key("categories").begin_array();
        if (options.uncovered) {
            for (const auto* node : uncovered) {
                write_node(json, *node, false);
            }
        } else {
            for (const auto& node : tree.roots()) {
                write_node(json, node, true);
            }
        }
        json.end_array();
        json.end_object();
        std::fputs(json.str().c_str(), stdout);
    } else {
        // The escalation column appears only in KBs that declare groups, so
        // a KB without them keeps its three columns.
        const bool with_escalation = !kb->config.escalation.empty();
        std::vector<std::vector<std::string>> rows;
        auto row = [&](const CategoryNode& node, int depth) {
            rows.push_back({std::string(static_cast<std::size_t>(depth) * 2, ' ') + node.id,
                            node.declared ? node.name : "-", std::to_string(node.total)});
            if (with_escalation) {
                const auto& escalation = node.escalation;
                rows.back().push_back(escalation.group.empty() ? "-"
                                      : escalation.from == node.id
                                          ? "-> " + escalation.group
                                          : "-> " + escalation.group + " (from " + escalation.from + ")");
            }
        };
        if (options.uncovered) {
            for (const auto* node : uncovered) {
                row(*node, 0);
            }
        } else {
            std::function<void(const std::vector<CategoryNode>&, int)> walk =
                [&](const std::vector<CategoryNode>& nodes, int depth) {
                    for (const auto& node : nodes) {
                        row(node, depth);
                        walk(node.children, depth + 1);
                    }
                };
            walk(tree.roots(), 0);
        }
        print_columns(rows, {ctx.cyan()}, ctx);
    }
    bool empty = options.uncovered ? uncovered.empty() : tree.roots().empty();
    return empty ? k_exit_not_found : k_exit_ok;
}

}  // namespace

void setup_categories(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<CategoriesOptions>();
    auto* cmd = app.add_subcommand("categories", "Show the category tree with article counts");
    cmd->add_flag("--uncovered", options->uncovered, "Only categories no article covers");
    cmd->add_flag("--json", options->json, "JSON output");
    cmd->callback([options, &ctx] {
        ctx.json = options->json;
        ctx.action = [options, &ctx](const Inputs& in) { return run_categories(*options, ctx, in.kb); };
    });
}

}  // namespace faqt::cli
