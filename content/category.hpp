#pragma once
// The category tree: [[categories]] of faqt.toml with parents implied by the
// path ("network/vpn" implies "network"), and article counts.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/article.hpp"
#include "content/config.hpp"

namespace faqt {

// Which declared category a ticket system's value names: the one rule that
// `faqt suggest`, the list filters and `faqt report` share, so they agree.
// A value names a category when its key equals the key of the category's
// id, its name or one of its codes ([[categories]] codes). The key is the
// value folded (fold() of content/text.hpp: case and accents), trimmed, runs
// of spaces as one: "  Network >  VPN", "network > vpn" and "NETWORK > VPN"
// meet; "NET-VPN" and "NET VPN" do not.
std::string category_key(std::string_view value);

// The keys of the declared categories with the id each names, sorted by
// key, each key once. Parents only implied by a path name nothing. When
// categories share a key, an id beats a name and a name beats a code, then
// the category declared first wins.
using CategoryKeys = std::vector<std::pair<std::string, std::string>>;
CategoryKeys category_keys(const std::vector<CategoryConfig>& categories);

// The id of the category value names through keys, or "".
std::string find_category(const CategoryKeys& keys, std::string_view value);

// Where tickets of a category go to second line: the category's own
// escalate_to, else its nearest declared ancestor's ("network/vpn/split"
// takes "network/vpn"'s, then "network"'s).
struct CategoryEscalation {
    std::string group;  // an [[escalation]] id; "" = none
    std::string from;   // the category whose escalate_to it is; "" = none
};
CategoryEscalation category_escalation(std::string_view category, const Config& config);

// The escalation group an article hands tickets to: its own escalate_to,
// else its first category's (category_escalation()). Null when there is
// none, or when the id named is not declared (check reports that). The one
// rule `show`, `categories` and `check` share.
const EscalationGroup* escalation_group(const Article& article, const Config& config);

struct CategoryNode {
    std::string id;
    std::string name;
    std::string description;
    std::vector<std::string> codes;
    CategoryEscalation escalation;       // from == id when the category names the group itself
    bool declared = false;               // false for parents only implied by a child's path
    int articles = 0;                    // articles in this category itself
    int total = 0;                       // articles here or in any subcategory (each article once)
    std::vector<CategoryNode> children;  // sorted by id
};

class CategoryTree {
public:
    explicit CategoryTree(const Config& config);

    bool contains(std::string_view id) const;
    // True when category equals ancestor or lies below it.
    static bool is_within(std::string_view category, std::string_view ancestor);

    // Counts articles (drafts excluded; each article id counted once).
    void count(const std::vector<Article>& articles);

    const std::vector<CategoryNode>& roots() const { return m_roots; }

    // Category id for a ticket-system code, name or id (category_key()), or "".
    std::string find_by_code(std::string_view code) const;

private:
    std::vector<CategoryNode> m_roots;
    std::map<std::string, CategoryConfig> m_declared;
    CategoryKeys m_keys;
};

}  // namespace faqt
