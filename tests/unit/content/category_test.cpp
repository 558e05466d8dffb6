#include "content/category.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "test_support.hpp"

using faqt::Article;
using faqt::CategoryNode;
using faqt::CategoryTree;
using faqt::test::make_config;
using Strings = std::vector<std::string>;

namespace {

constexpr const char* k_config = R"toml(
[[categories]]
id = "network/vpn"
name = "VPN and remote access"
codes = ["NET-VPN", "Network > VPN"]

[[categories]]
id = "network/wifi"
name = "Wi-Fi"
codes = ["NET-WIFI"]

[[categories]]
id = "accounts"
name = "Accounts and sign-in"
description = "Signing in."
codes = ["ACC"]

[[categories]]
id = "accounts/passwords"
name = "Passwords"
codes = ["ACC-PWD"]

[[categories]]
id = "hardware/laptops/loaners"
name = "Loan laptops"
)toml";

Strings ids(const std::vector<CategoryNode>& nodes) {
    Strings out;
    for (const auto& node : nodes) {
        out.push_back(node.id);
    }
    return out;
}

const CategoryNode& child(const std::vector<CategoryNode>& nodes, const std::string& id) {
    for (const auto& node : nodes) {
        if (node.id == id) {
            return node;
        }
    }
    FAIL("no category node " << id);
    throw std::logic_error("unreachable");
}

Article article(std::string id, Strings categories, bool draft = false, std::string lang = "en") {
    Article a;
    a.id = std::move(id);
    a.lang = std::move(lang);
    a.categories = std::move(categories);
    a.draft = draft;
    return a;
}

}  // namespace

TEST_CASE("the category tree implies parents from paths", "[category]") {
    const CategoryTree tree(make_config(k_config));
    const auto& roots = tree.roots();
    CHECK(ids(roots) == Strings{"accounts", "hardware", "network"});

    const CategoryNode& accounts = child(roots, "accounts");
    CHECK(accounts.declared);
    CHECK(accounts.name == "Accounts and sign-in");
    CHECK(accounts.description == "Signing in.");
    CHECK(accounts.codes == Strings{"ACC"});
    CHECK(ids(accounts.children) == Strings{"accounts/passwords"});

    const CategoryNode& network = child(roots, "network");
    CHECK_FALSE(network.declared);
    CHECK(network.name == "network");
    CHECK(ids(network.children) == Strings{"network/vpn", "network/wifi"});
    CHECK(child(network.children, "network/vpn").declared);
    CHECK(child(network.children, "network/vpn").name == "VPN and remote access");

    // Two levels of implied parents.
    const CategoryNode& hardware = child(roots, "hardware");
    CHECK_FALSE(hardware.declared);
    REQUIRE(ids(hardware.children) == Strings{"hardware/laptops"});
    const CategoryNode& laptops = hardware.children[0];
    CHECK_FALSE(laptops.declared);
    CHECK(laptops.name == "laptops");
    REQUIRE(ids(laptops.children) == Strings{"hardware/laptops/loaners"});
    CHECK(laptops.children[0].declared);
    CHECK(laptops.children[0].children.empty());
}

TEST_CASE("contains knows declared and implied categories", "[category]") {
    const CategoryTree tree(make_config(k_config));
    CHECK(tree.contains("network"));
    CHECK(tree.contains("network/vpn"));
    CHECK(tree.contains("hardware/laptops"));
    CHECK(tree.contains("hardware/laptops/loaners"));
    CHECK_FALSE(tree.contains("network/printers"));
    CHECK_FALSE(tree.contains("net"));
    CHECK_FALSE(tree.contains("networking"));
    CHECK_FALSE(tree.contains(""));
}

TEST_CASE("is_within compares whole path components", "[category]") {
    CHECK(CategoryTree::is_within("network", "network"));
    CHECK(CategoryTree::is_within("network/vpn", "network"));
    CHECK(CategoryTree::is_within("network/vpn/cisco", "network"));
    CHECK_FALSE(CategoryTree::is_within("networking", "network"));
    CHECK_FALSE(CategoryTree::is_within("network", "network/vpn"));
    CHECK_FALSE(CategoryTree::is_within("accounts/network", "network"));
}

TEST_CASE("count gives articles per category and totals with subcategories", "[category][count]") {
    CategoryTree tree(make_config(k_config));
    const std::vector<Article> articles = {
        article("network/vpn-drops", {"network/vpn"}),
        // A translation is the same article: counted once.
        article("network/vpn-drops", {"network/vpn"}, false, "vi"),
        article("network/wifi-guest", {"network/wifi"}),
        // In two subcategories of "network": counted once in its total.
        article("network/both", {"network/vpn", "network/wifi"}),
        article("network/general", {"network"}),
        // Drafts are not counted.
        article("network/draft", {"network/vpn"}, true),
        article("accounts/reset", {"accounts/passwords"}),
        article("hardware/loaner", {"hardware/laptops/loaners"}),
        // An unknown category is ignored here (check reports it).
        article("misc/thing", {"printers"}),
        article("uncategorised", {}),
    };
    tree.count(articles);
    const auto& roots = tree.roots();

    const CategoryNode& network = child(roots, "network");
    CHECK(network.articles == 1);
    CHECK(network.total == 4);
    const CategoryNode& vpn = child(network.children, "network/vpn");
    CHECK(vpn.articles == 2);
    CHECK(vpn.total == 2);
    const CategoryNode& wifi = child(network.children, "network/wifi");
    CHECK(wifi.articles == 2);
    CHECK(wifi.total == 2);

    const CategoryNode& accounts = child(roots, "accounts");
    CHECK(accounts.articles == 0);
    CHECK(accounts.total == 1);
    CHECK(child(accounts.children, "accounts/passwords").articles == 1);

    const CategoryNode& hardware = child(roots, "hardware");
    CHECK(hardware.articles == 0);
    CHECK(hardware.total == 1);
    CHECK(hardware.children[0].total == 1);
    CHECK(hardware.children[0].children[0].articles == 1);

    // Counting again starts from zero.
    tree.count({article("network/vpn-drops", {"network/vpn"})});
    CHECK(child(tree.roots(), "network").total == 1);
    CHECK(child(tree.roots(), "accounts").total == 0);
    CHECK(child(child(tree.roots(), "network").children, "network/wifi").articles == 0);
}

TEST_CASE("count excludes a draft translation but keeps the published one", "[category][count]") {
    CategoryTree tree(make_config(k_config));
    tree.count({article("a", {"accounts"}, true, "vi"), article("a", {"accounts"}, false, "en")});
    CHECK(child(tree.roots(), "accounts").articles == 1);
}

TEST_CASE("find_by_code maps ticket-system codes and names to categories", "[category]") {
    const CategoryTree tree(make_config(k_config));
    CHECK(tree.find_by_code("NET-VPN") == "network/vpn");
    CHECK(tree.find_by_code("net-vpn") == "network/vpn");
    CHECK(tree.find_by_code("  Network > VPN ") == "network/vpn");
    CHECK(tree.find_by_code("ACC-PWD") == "accounts/passwords");
    CHECK(tree.find_by_code("Wi-Fi") == "network/wifi");
    CHECK(tree.find_by_code("accounts/passwords") == "accounts/passwords");
    CHECK(tree.find_by_code("NET") == "");
    CHECK(tree.find_by_code("") == "");
}

TEST_CASE("category_key folds, trims and collapses spaces", "[category]") {
    CHECK(faqt::category_key("  Network >   VPN ") == "network > vpn");
    CHECK(faqt::category_key("Réseau\t>\u00a0Accès") == "reseau > acces");
    CHECK(faqt::category_key("\u200bACC-PWD\ufeff") == "acc-pwd");
    CHECK(faqt::category_key("NET VPN") != faqt::category_key("NET-VPN"));
    CHECK(faqt::category_key(" \t ").empty());
}

TEST_CASE("find_by_code matches accents and inner spaces the ticket system writes differently", "[category]") {
    const CategoryTree tree(make_config(R"toml(
[[categories]]
id = "network/vpn"
name = "VPN and remote access"
codes = ["Réseau > Accès distant"]
)toml"));
    CHECK(tree.find_by_code("RESEAU > ACCES DISTANT") == "network/vpn");
    CHECK(tree.find_by_code("Réseau  >  Accès distant") == "network/vpn");
    CHECK(tree.find_by_code("vpn  and remote ACCESS") == "network/vpn");
    CHECK(tree.find_by_code("Réseau>Accès distant") == "");
}

TEST_CASE("a key two categories share goes to an id before a name before a code", "[category]") {
    const auto config = make_config(R"toml(
[[categories]]
id = "printers"
name = "Hardware"
codes = ["PRN", "Email"]

[[categories]]
id = "email"
name = "Mail"
codes = ["PRN"]

[[categories]]
id = "hardware"
name = "Devices"
)toml");
    const CategoryTree tree(config);
    CHECK(tree.find_by_code("email") == "email");        // an id, though printers has it as a code
    CHECK(tree.find_by_code("hardware") == "hardware");  // an id, though printers is named so
    CHECK(tree.find_by_code("PRN") == "printers");       // a code of both: the first declared
    const auto keys = faqt::category_keys(config.categories);
    CHECK(std::is_sorted(keys.begin(), keys.end()));
    CHECK(std::adjacent_find(keys.begin(), keys.end(),
                             [](const auto& a, const auto& b) { return a.first == b.first; }) == keys.end());
    CHECK(faqt::find_category(keys, " Devices ") == "hardware");
    CHECK(faqt::find_category(keys, "") == "");
}

TEST_CASE("an empty config gives an empty tree", "[category]") {
    CategoryTree tree(make_config(""));
    CHECK(tree.roots().empty());
    tree.count({article("a", {"network"})});
    CHECK(tree.roots().empty());
    CHECK_FALSE(tree.contains("network"));
}

namespace {

constexpr const char* k_escalation_config = R"toml(
[[categories]]
id = "network"
escalate_to = "l2-network"

[[categories]]
id = "network/vpn"

[[categories]]
id = "network/vpn/split-tunnel"
escalate_to = "l2-vpn"

[[categories]]
id = "printers"

[[escalation]]
id = "l2-network"
name = "Network team"
codes = ["NET-L2"]

[[escalation]]
id = "l2-vpn"
name = "Remote access"

[[escalation]]
id = "l2-desktop"
name = "Desktop Support"
)toml";

}  // namespace

TEST_CASE("a category escalates to its own group, else its nearest ancestor's", "[category][escalation]") {
    const auto config = make_config(k_escalation_config);
    CHECK(faqt::category_escalation("network", config).group == "l2-network");
    CHECK(faqt::category_escalation("network", config).from == "network");
    CHECK(faqt::category_escalation("network/vpn", config).group == "l2-network");
    CHECK(faqt::category_escalation("network/vpn", config).from == "network");
    CHECK(faqt::category_escalation("network/vpn/split-tunnel", config).group == "l2-vpn");
    CHECK(faqt::category_escalation("network/wifi", config).group == "l2-network");  // implied, below network
    CHECK(faqt::category_escalation("printers", config).group.empty());
    CHECK(faqt::category_escalation("networking", config).group.empty());  // a prefix is not a parent
    CHECK(faqt::category_escalation("", config).group.empty());

    const CategoryTree tree(config);
    const CategoryNode& vpn = child(child(tree.roots(), "network").children, "network/vpn");
    CHECK(vpn.escalation.group == "l2-network");
    CHECK(vpn.escalation.from == "network");
}

TEST_CASE("an article escalates to its own group, else its first category's", "[category][escalation]") {
    const auto config = make_config(k_escalation_config);
    Article a = article("a", {"network/vpn", "network/vpn/split-tunnel"});
    REQUIRE(faqt::escalation_group(a, config) != nullptr);
    CHECK(faqt::escalation_group(a, config)->id == "l2-network");  // the first category's, inherited

    a.escalate_to = "l2-desktop";
    REQUIRE(faqt::escalation_group(a, config) != nullptr);
    CHECK(faqt::escalation_group(a, config)->name == "Desktop Support");

    a.escalate_to = "l2-nowhere";  // not declared: none, though the category has one
    CHECK(faqt::escalation_group(a, config) == nullptr);

    CHECK(faqt::escalation_group(article("b", {"printers"}), config) == nullptr);
    CHECK(faqt::escalation_group(article("c", {}), config) == nullptr);
}
