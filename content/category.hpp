#pragma once
// The category tree: [[categories]] of faqt.toml with parents implied by the
// path ("network/vpn" implies "network"), and article counts.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "content/article.hpp"
#include "content/config.hpp"

namespace faqt {

struct CategoryNode {
    std::string id;
    std::string name;
    std::string description;
    std::vector<std::string> codes;
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

    // Category id for a ticket-system code or name (case-insensitive), or "".
    std::string find_by_code(std::string_view code) const;

private:
    std::vector<CategoryNode> m_roots;
    std::map<std::string, CategoryConfig> m_declared;
};

}  // namespace faqt
