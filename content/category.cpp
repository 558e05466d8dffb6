#include "content/category.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

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

CategoryEscalation category_escalation(std::string_view category, const Config& config) {
    std::string_view id = category;
    while (!id.empty()) {
        for (const auto& declared : config.categories) {
            if (declared.id == id && !declared.escalate_to.empty()) {
                return {declared.escalate_to, std::string(id)};
            }
        }
        const auto slash = id.rfind('/');
        id = slash == std::string_view::npos ? std::string_view() : id.substr(0, slash);
    }
    return {};
}

const EscalationGroup* escalation_group(const Article& article, const Config& config) {
    if (!article.escalate_to.empty()) {
        return config.find_escalation(article.escalate_to);
    }
    if (article.categories.empty()) {
        return nullptr;
    }
    return config.find_escalation(category_escalation(article.categories.front(), config).group);
}

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
    m_keys = category_keys(config.categories);
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
        node.escalation = category_escalation(id, config);
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
    return find_category(m_keys, code);
}

std::string category_key(std::string_view value) {
    // Trim before folding too: trim() knows the Unicode spaces (zero-width,
    // BOM) that folding leaves as they are.
    const std::string folded = fold(trim(value));
    std::string key;
    key.reserve(folded.size());
    bool space = false;
    for (char c : folded) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = !key.empty();
            continue;
        }
        if (space) {
            key += ' ';
            space = false;
        }
        key += c;
    }
    return key;
}

CategoryKeys category_keys(const std::vector<CategoryConfig>& categories) {
    struct Candidate {
        std::string key;
        int kind = 0;  // 0 id, 1 name, 2 code: the order in which a shared key is given away
        std::size_t order = 0;
        const std::string* id = nullptr;
    };
    std::vector<Candidate> candidates;
    for (std::size_t i = 0; i < categories.size(); ++i) {
        const auto& category = categories[i];
        candidates.push_back({category_key(category.id), 0, i, &category.id});
        candidates.push_back({category_key(category.name), 1, i, &category.id});
        for (const auto& code : category.codes) {
            candidates.push_back({category_key(code), 2, i, &category.id});
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return std::tie(a.key, a.kind, a.order) < std::tie(b.key, b.kind, b.order);
    });
    CategoryKeys keys;
    for (const auto& candidate : candidates) {
        if (candidate.key.empty() || (!keys.empty() && keys.back().first == candidate.key)) {
            continue;
        }
        keys.emplace_back(candidate.key, *candidate.id);
    }
    return keys;
}

std::string find_category(const CategoryKeys& keys, std::string_view value) {
    const std::string key = category_key(value);
    if (key.empty()) {
        return {};
    }
    auto it = std::lower_bound(keys.begin(), keys.end(), key,
                               [](const auto& entry, const std::string& wanted) { return entry.first < wanted; });
    return it != keys.end() && it->first == key ? it->second : std::string();
}

}  // namespace faqt
