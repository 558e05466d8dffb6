#include "content/category.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "content/text.hpp"

namespace faqt {

namespace {

CategoryNode* find_node(std::vector<CategoryNode>& nodes, std::string_view id) {
    for (auto& node : nodes) {
        if (node.id == id) {
            return &node;
        }
        if (CategoryTree::is_within(id, node.id)) {
            return find_node(node.children, id);
        }
    }
    return nullptr;
}

void sort_tree(std::vector<CategoryNode>& nodes) {
    std::sort(nodes.begin(), nodes.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    for (auto& node : nodes) {
        sort_tree(node.children);
    }
}

}  // namespace

bool CategoryTree::is_within(std::string_view category, std::string_view ancestor) {
    if (category == ancestor) {
        return true;
    }
    return category.size() > ancestor.size() && category.compare(0, ancestor.size(), ancestor) == 0 &&
           category[ancestor.size()] == '/';
}

CategoryTree::CategoryTree(const Config& config) {
    for (const auto& category : config.categories) {
        m_declared[category.id] = category;
    }
    // Insert parents before children: sorted ids put "network" before "network/vpn".
    std::set<std::string> ids;
    for (const auto& [id, category] : m_declared) {
        std::string prefix;
        std::size_t start = 0;
        while (true) {
            auto slash = id.find('/', start);
            ids.insert(id.substr(0, slash));
            if (slash == std::string::npos) {
                break;
            }
            start = slash + 1;
        }
    }
    for (const auto& id : ids) {
        CategoryNode node;
        node.id = id;
        if (auto it = m_declared.find(id); it != m_declared.end()) {
            node.name = it->second.name;
            node.description = it->second.description;
            node.codes = it->second.codes;
            node.declared = true;
        } else {
            auto slash = id.rfind('/');
            node.name = id.substr(slash == std::string::npos ? 0 : slash + 1);
        }
        auto slash = id.rfind('/');
        if (slash == std::string::npos) {
            m_roots.push_back(std::move(node));
        } else if (CategoryNode* parent = find_node(m_roots, id.substr(0, slash))) {
            parent->children.push_back(std::move(node));
        }
    }
    sort_tree(m_roots);
}

bool CategoryTree::contains(std::string_view id) const {
    std::function<bool(const std::vector<CategoryNode>&)> search = [&](const std::vector<CategoryNode>& nodes) {
        for (const auto& node : nodes) {
            if (node.id == id) {
                return true;
            }
            if (is_within(id, node.id) && search(node.children)) {
                return true;
            }
        }
        return false;
    };
    return search(m_roots);
}

void CategoryTree::count(const std::vector<Article>& articles) {
    // Each article id counts once, whatever its number of translations.
    std::map<std::string, std::set<std::string>> categories_by_id;
    for (const auto& article : articles) {
        if (article.draft) {
            continue;
        }
        auto& set = categories_by_id[article.id];
        set.insert(article.categories.begin(), article.categories.end());
    }
    std::function<void(std::vector<CategoryNode>&)> reset = [&](std::vector<CategoryNode>& nodes) {
        for (auto& node : nodes) {
            node.articles = 0;
            node.total = 0;
            reset(node.children);
        }
    };
    reset(m_roots);
    std::function<void(std::vector<CategoryNode>&, const std::set<std::string>&)> add =
        [&](std::vector<CategoryNode>& nodes, const std::set<std::string>& cats) {
            for (auto& node : nodes) {
                bool direct = cats.count(node.id) > 0;
                bool within =
                    std::any_of(cats.begin(), cats.end(), [&](const std::string& c) { return is_within(c, node.id); });
                if (direct) {
                    ++node.articles;
                }
                if (within) {
                    ++node.total;
                    add(node.children, cats);
                }
            }
        };
    for (const auto& [id, cats] : categories_by_id) {
        add(m_roots, cats);
    }
}

std::string CategoryTree::find_by_code(std::string_view code) const {
    std::string wanted = lower(trim(code));
    for (const auto& [id, category] : m_declared) {
        if (lower(id) == wanted || lower(category.name) == wanted) {
            return id;
        }
        for (const auto& c : category.codes) {
            if (lower(c) == wanted) {
                return id;
            }
        }
    }
    return {};
}

}  // namespace faqt
