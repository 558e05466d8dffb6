#include "index/query_parser.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "content/text.hpp"
#include "index/schema.hpp"
#include "index/terms.hpp"
#include "index/translation_visibility.hpp"

namespace faqt {

namespace {

using Xapian::Query;

// ---------------------------------------------------------------------------
// Syntax tree

struct Word {
    std::string raw;        // as typed (after spelling correction)
    std::size_t begin = 0;  // byte range in the query text
    std::size_t end = 0;
    bool hyphen_after = false;  // "wi-fi": joined to the next word by '-'
};

enum class Modifier { none, required, excluded };

struct Leaf {
    std::string field;  // "" for free text, else one of k_fields
    std::string value;  // the text after "field:", quotes and '*' removed
    std::vector<Word> words;
    bool phrase = false;
    bool wildcard = false;
};

struct Node;
using NodePtr = std::unique_ptr<Node>;

struct Item {
    Modifier modifier = Modifier::none;
    NodePtr node;
};

struct Node {
    enum class Kind { leaf, seq, and_, or_, and_not, not_ } kind = Kind::leaf;
    Leaf leaf;                // leaf
    std::vector<Item> items;  // seq
    NodePtr left;             // binary operators; not_
    NodePtr right;
};

bool is_filter_field(std::string_view field) {
    return field == "tag" || field == "category" || field == "type" || field == "status" || field == "severity" ||
           field == "product" ||
           field == "lang" || field == "id" || field == "ticket";
}

bool is_known_field(std::string_view field) {
    return field == "title" || is_filter_field(field);
}

// ---------------------------------------------------------------------------
// Lexer

struct Token {
    enum class Kind { lparen, rparen, and_, or_, not_, item } kind = Kind::item;
    Modifier modifier = Modifier::none;
    Leaf leaf;
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Byte length of a quote mark at i: '"' or a typographic quote (“ ” „).
std::size_t quote_at(std::string_view s, std::size_t i) {
    if (i < s.size() && s[i] == '"') {
        return 1;
    }
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x9C || static_cast<unsigned char>(s[i + 2]) == 0x9D ||
         static_cast<unsigned char>(s[i + 2]) == 0x9E)) {
        return 3;
    }
    return 0;
}

std::vector<Word> words_at(std::string_view text, std::size_t base) {
    std::vector<Word> out;
    for (const auto& span : find_words(text)) {
        if (!out.empty()) {
            std::size_t previous_end = out.back().end - base;
            out.back().hyphen_after = span.offset == previous_end + 1 && text[previous_end] == '-';
        }
        Word w;
        w.raw = std::string(text.substr(span.offset, span.length));
        w.begin = base + span.offset;
        w.end = w.begin + span.length;
        out.push_back(std::move(w));
    }
    return out;
}

// A query with more words than this is pasted text, not the query
// language: its AND, OR and NOT are words (faqt-query(7), "Operators").
constexpr std::size_t k_max_operator_query_words = 8;

bool is_operator(const Token& t) {
    return t.kind == Token::Kind::and_ || t.kind == Token::Kind::or_ || t.kind == Token::Kind::not_;
}

// The folded word of a token that is one plain word, else "".
std::string single_word(const Token& t) {
    if (t.kind != Token::Kind::item || !t.leaf.field.empty() || t.leaf.phrase || t.leaf.words.size() != 1) {
        return {};
    }
    return terms::fold_word(t.leaf.words.front().raw);
}

// "NOT working", "NOT syncing": how a fault is described, not an exclusion.
bool is_ing_form(const std::string& folded) {
    return folded.size() >= 6 && folded.compare(folded.size() - 3, 3, "ing") == 0;
}

// Upper-case AND, OR and NOT (and &&, ||) are operators only in a query
// written in the query language; elsewhere they are the words they are,
// so pasted text ("Teams NOT working", "WIFI OR ethernet keeps dropping
// because ...") is searched as text. An operator stays one when:
//  1. the query has at most k_max_operator_query_words words besides operators;
//  2. AND and OR have an operand on each side (a word, phrase, field or
//     group: an item or ')' before; an item, '(' or NOT after), and NOT one
//     after it (an item or '(');
//  3. a NOT is not next to a stopword ("is NOT", "can NOT", "NOT the") and
//     not before a word of six or more letters ending in "ing" ("NOT working").
// The rule of faqt-query(7); a read-as-word "&&" or "||" has no word and goes.
std::vector<Token> operators_or_words(std::vector<Token> tokens) {
    std::size_t words = 0;
    for (const auto& t : tokens) {
        if (t.kind == Token::Kind::item) {
            words += std::max<std::size_t>(t.leaf.words.size(), 1);
        }
    }
    const bool short_query = words <= k_max_operator_query_words;
    auto operand_after = [&](std::size_t i) {
        return i + 1 < tokens.size() &&
               (tokens[i + 1].kind == Token::Kind::item || tokens[i + 1].kind == Token::Kind::lparen);
    };
    auto operand_before = [&](std::size_t i) {
        return i > 0 && (tokens[i - 1].kind == Token::Kind::item || tokens[i - 1].kind == Token::Kind::rparen);
    };
    // NOTs first: whether an AND before a NOT has its operand depends on them.
    std::vector<bool> word(tokens.size(), false);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].kind != Token::Kind::not_) {
            continue;
        }
        const std::string before = i > 0 ? single_word(tokens[i - 1]) : std::string();
        const std::string after = operand_after(i) ? single_word(tokens[i + 1]) : std::string();
        word[i] = !short_query || !operand_after(i) || (!before.empty() && terms::is_stopword(before)) ||
                  (!after.empty() && (terms::is_stopword(after) || is_ing_form(after)));
    }
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].kind != Token::Kind::and_ && tokens[i].kind != Token::Kind::or_) {
            continue;
        }
        const bool not_after = i + 1 < tokens.size() && tokens[i + 1].kind == Token::Kind::not_ && !word[i + 1];
        word[i] = !short_query || !operand_before(i) || !(operand_after(i) || not_after);
    }
    std::vector<Token> out;
    out.reserve(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (is_operator(tokens[i]) && word[i]) {
            if (tokens[i].leaf.words.empty()) {
                continue;  // "&&", "||"
            }
            tokens[i].kind = Token::Kind::item;
        } else if (is_operator(tokens[i])) {
            tokens[i].leaf = Leaf{};
        }
        out.push_back(std::move(tokens[i]));
    }
    return out;
}

// Lexes s into at most k_max_query_parts tokens; truncated is set when s
// holds more. Each '(' or NOT is a level of recursion in the parser, each
// AND a level of the tree it builds, and every word costs Xapian time, so
// a pasted log of 30,000 words would take minutes or overflow the stack.
std::vector<Token> lex(std::string_view s, bool& truncated, bool operators = true) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        if (tokens.size() == k_max_query_parts) {
            truncated = s.find_first_not_of(" \t\n\r\f\v", i) != std::string_view::npos;
            break;
        }
        char c = s[i];
        if (is_space(c)) {
            ++i;
            continue;
        }
        if (c == ')') {
            tokens.push_back({Token::Kind::rparen, Modifier::none, {}});
            ++i;
            continue;
        }
        Modifier modifier = Modifier::none;
        if ((c == '+' || c == '-') && i + 1 < n && !is_space(s[i + 1]) && s[i + 1] != ')' && s[i + 1] != '+' &&
            s[i + 1] != '-') {
            modifier = c == '+' ? Modifier::required : Modifier::excluded;
            ++i;
        }
        if (s[i] == '(') {
            tokens.push_back({Token::Kind::lparen, modifier, {}});
            ++i;
            continue;
        }
        Leaf leaf;
        {
            std::size_t j = i;
            while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) {
                ++j;
            }
            if (j > i && j + 1 < n && s[j] == ':' && !is_space(s[j + 1]) && s[j + 1] != ')' && s[j + 1] != '(') {
                std::string name = terms::ascii_lower(s.substr(i, j - i));
                if (is_known_field(name)) {
                    leaf.field = name;
                    i = j + 1;
                }
            }
        }
        if (std::size_t q = quote_at(s, i); q > 0) {
            std::size_t start = i + q;
            std::size_t close = start;
            while (close < n && quote_at(s, close) == 0) {
                ++close;
            }
            std::string_view content = s.substr(start, close - start);
            i = close < n ? close + quote_at(s, close) : n;
            leaf.phrase = true;
            leaf.value = trim(content);
            leaf.words = words_at(content, start);
            if (leaf.words.empty() && (leaf.field.empty() || leaf.value.empty())) {
                continue;
            }
        } else {
            std::size_t start = i;
            while (i < n && !is_space(s[i]) && s[i] != '(' && s[i] != ')' && quote_at(s, i) == 0) {
                ++i;
            }
            std::string_view raw = s.substr(start, i - start);
            if (operators && leaf.field.empty() && modifier == Modifier::none) {
                // The word is kept, for when operator_or_word() reads it as one.
                leaf.value = std::string(raw);
                leaf.words = words_at(raw, start);
                if (raw == "AND" || raw == "&&") {
                    tokens.push_back({Token::Kind::and_, modifier, std::move(leaf)});
                    continue;
                }
                if (raw == "OR" || raw == "||") {
                    tokens.push_back({Token::Kind::or_, modifier, std::move(leaf)});
                    continue;
                }
                if (raw == "NOT") {
                    tokens.push_back({Token::Kind::not_, modifier, std::move(leaf)});
                    continue;
                }
            }
            if (!raw.empty() && raw.back() == '*') {
                while (!raw.empty() && raw.back() == '*') {
                    raw.remove_suffix(1);
                }
                leaf.wildcard = true;
            }
            leaf.value = std::string(raw);
            leaf.words = words_at(raw, start);
            if (leaf.words.empty() && (leaf.field.empty() || leaf.value.empty())) {
                continue;  // punctuation only
            }
        }
        tokens.push_back({Token::Kind::item, modifier, std::move(leaf)});
    }
    // A query of operators alone ("AND", "NOT") has nothing to combine:
    // read them as the words they are rather than match everything.
    if (operators && !tokens.empty() &&
        std::none_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.kind == Token::Kind::item; })) {
        return lex(s, truncated, false);
    }
    return operators_or_words(std::move(tokens));
}

// ---------------------------------------------------------------------------
// Parser: OR binds loosest, then the implicit sequence, then AND / NOT.
//   or   := seq (OR seq)*
//   seq  := and+
//   and  := unary ((AND | AND NOT | NOT) unary)*
//   unary:= NOT unary | [+-] ( '(' or ')' | item )

class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}

    NodePtr parse() {
        NodePtr root = parse_or();
        while (m_pos < m_tokens.size()) {
            // A stray ')' at the top level: skip it and go on.
            ++m_pos;
            NodePtr more = parse_or();
            if (more) {
                root = root ? binary(Node::Kind::or_, std::move(root), std::move(more)) : std::move(more);
            }
        }
        return root;
    }

private:
    const Token* peek() const { return m_pos < m_tokens.size() ? &m_tokens[m_pos] : nullptr; }

    static NodePtr binary(Node::Kind kind, NodePtr left, NodePtr right) {
        auto node = std::make_unique<Node>();
        node->kind = kind;
        node->left = std::move(left);
        node->right = std::move(right);
        return node;
    }

    NodePtr parse_or() {
        NodePtr left = parse_seq();
        while (peek() != nullptr && peek()->kind == Token::Kind::or_) {
            ++m_pos;
            NodePtr right = parse_seq();
            if (!left) {
                left = std::move(right);
            } else if (right) {
                left = binary(Node::Kind::or_, std::move(left), std::move(right));
            }
        }
        return left;
    }

    NodePtr parse_seq() {
        auto seq = std::make_unique<Node>();
        seq->kind = Node::Kind::seq;
        while (const Token* t = peek()) {
            if (t->kind == Token::Kind::rparen || t->kind == Token::Kind::or_) {
                break;
            }
            if (t->kind == Token::Kind::and_) {
                ++m_pos;  // AND with nothing on its left
                continue;
            }
            Item item = parse_and();
            if (item.node) {
                seq->items.push_back(std::move(item));
            }
        }
        if (seq->items.empty()) {
            return nullptr;
        }
        return seq;
    }

    // A node for an operand of AND/NOT: '-x' there means NOT x.
    static NodePtr operand(Item item) {
        if (item.modifier == Modifier::excluded) {
            auto node = std::make_unique<Node>();
            node->kind = Node::Kind::not_;
            node->left = std::move(item.node);
            return node;
        }
        return std::move(item.node);
    }

    Item parse_and() {
        Item left = parse_unary();
        while (const Token* t = peek()) {
            bool negate = false;
            if (t->kind == Token::Kind::and_) {
                ++m_pos;
                if (peek() != nullptr && peek()->kind == Token::Kind::not_) {
                    ++m_pos;
                    negate = true;
                }
            } else if (t->kind == Token::Kind::not_ && left.node) {
                ++m_pos;
                negate = true;
            } else {
                break;
            }
            Item right = parse_unary();
            if (!right.node) {
                break;
            }
            if (!left.node) {
                left = std::move(right);
                continue;
            }
            NodePtr l = operand(std::move(left));
            NodePtr r = negate ? std::move(right.node) : operand(std::move(right));
            left = Item{Modifier::none,
                        binary(negate ? Node::Kind::and_not : Node::Kind::and_, std::move(l), std::move(r))};
        }
        return left;
    }

    Item parse_unary() {
        const Token* t = peek();
        if (t == nullptr) {
            return {};
        }
        if (t->kind == Token::Kind::not_) {
            ++m_pos;
            Item inner = parse_unary();
            if (inner.node) {
                inner.modifier = inner.modifier == Modifier::excluded ? Modifier::none : Modifier::excluded;
            }
            return inner;
        }
        if (t->kind == Token::Kind::lparen) {
            Modifier modifier = t->modifier;
            ++m_pos;
            NodePtr inner = parse_or();
            if (peek() != nullptr && peek()->kind == Token::Kind::rparen) {
                ++m_pos;
            }
            return Item{modifier, std::move(inner)};
        }
        if (t->kind == Token::Kind::item) {
            auto node = std::make_unique<Node>();
            node->kind = Node::Kind::leaf;
            node->leaf = t->leaf;
            ++m_pos;
            return Item{t->modifier, std::move(node)};
        }
        if (t->kind == Token::Kind::or_ || t->kind == Token::Kind::and_) {
            ++m_pos;  // an operator without a left operand
            return parse_unary();
        }
        return {};  // ')'
    }

    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
};

// ---------------------------------------------------------------------------
// Synonyms from faqt.toml: groups of interchangeable word sequences.

}  // namespace

struct Synonyms {
    std::vector<std::vector<std::vector<std::string>>> groups;  // group → alternatives → folded words
    std::map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> by_first_word;
    std::set<std::string> vocabulary;  // every folded word of every alternative

    explicit Synonyms(const Config* config) {
        if (config == nullptr) {
            return;
        }
        groups = terms::synonym_groups(*config, &vocabulary);
        for (std::size_t g = 0; g < groups.size(); ++g) {
            for (std::size_t a = 0; a < groups[g].size(); ++a) {
                by_first_word[groups[g][a].front()].emplace_back(g, a);
            }
        }
    }
};

namespace {

// ---------------------------------------------------------------------------
// Conversion to a Xapian query

Query combine(Query::op op, std::vector<Query> parts) {
    parts.erase(std::remove_if(parts.begin(), parts.end(), [](const Query& q) { return q.empty(); }), parts.end());
    if (parts.empty()) {
        return Query();
    }
    if (parts.size() == 1) {
        return parts.front();
    }
    return Query(op, parts.begin(), parts.end());
}

Query scaled(double factor, const Query& q) {
    if (q.empty() || factor == 1.0) {
        return q;
    }
    return Query(Query::OP_SCALE_WEIGHT, q, factor);
}

std::string prefixed(std::string_view prefix, std::string_view term) {
    return terms::make_term(prefix, term);
}

// The synonyms of the context's config: the cache's, built on first use.
std::shared_ptr<const Synonyms> shared_synonyms(const QueryContext& context) {
    if (context.parser_cache == nullptr) {
        return std::make_shared<const Synonyms>(context.config);
    }
    if (!context.parser_cache->synonyms) {
        context.parser_cache->synonyms = std::make_shared<const Synonyms>(context.config);
    }
    return context.parser_cache->synonyms;
}

class Converter {
public:
    Converter(const QueryContext& context, std::string_view text)
        : m_ctx(context),
          m_weights(context.weights),
          m_synonyms_kept(shared_synonyms(context)),
          m_synonyms(*m_synonyms_kept),
          m_text(text) {
        m_highlight.stem_langs = context.stem_langs;
    }

    ParsedQuery convert(Node* root) {
        ParsedQuery parsed;
        if (root != nullptr) {
            if (m_ctx.spelling && m_ctx.db != nullptr) {
                correct_spelling(*root);
            }
            parsed.query = to_query(*root);
            parsed.empty = false;
        }
        parsed.ranked = m_ranked;
        parsed.highlight = std::move(m_highlight);
        parsed.rank = std::move(m_rank);
        parsed.rank.question_type = question_type_of_text(m_text);
        if (!m_corrections.empty()) {
            std::sort(m_corrections.begin(), m_corrections.end());
            for (const auto& [begin, end, word] : m_corrections) {
                parsed.corrections.push_back({std::string(m_text.substr(begin, end - begin)), word});
            }
            std::string corrected(m_text);
            for (auto it = m_corrections.rbegin(); it != m_corrections.rend(); ++it) {
                const auto& [begin, end, word] = *it;
                corrected.replace(begin, end - begin, word);
            }
            (m_ctx.correct ? parsed.corrected : parsed.did_you_mean) = corrected;
        }
        return parsed;
    }

private:
    // --- spelling -----------------------------------------------------------

    // A lookup through the context's SpellingCache, when it has one.
    template <typename Map, typename Compute>
    static auto cached(Map* map, const std::string& key, Compute compute) {
        if (map == nullptr) {
            return compute();
        }
        if (auto it = map->find(key); it != map->end()) {
            return it->second;
        }
        auto value = compute();
        if (map->size() >= SpellingCache::k_max_entries) {
            map->clear();
        }
        map->emplace(key, value);
        return value;
    }

    bool known(const std::string& folded) const {
        SpellingCache* cache = m_ctx.spelling_cache;
        return cached(cache != nullptr ? &cache->known : nullptr, folded, [&] { return known_uncached(folded); });
    }

    bool known_uncached(const std::string& folded) const {
        const Xapian::Database& db = *m_ctx.db;
        if (db.term_exists(folded)) {
            return true;
        }
        // A word of internal notes is known to searches that may see them.
        if (m_ctx.internal_text && db.term_exists(prefixed(schema::k_internal_text, folded))) {
            return true;
        }
        for (const auto& lang : m_ctx.stem_langs) {
            std::string s = terms::stem(lang, folded);
            const std::string key = prefixed(schema::k_stem, s);
            if (db.term_exists(s) || db.synonyms_begin(key) != db.synonyms_end(key)) {
                return true;
            }
        }
        return false;
    }

    // Whether term is in an article this search may show (public ones, not
    // drafts nor translations of internal originals, for a public search)
    // and, with dictionary, in one of a language faqt stems: the languages
    // whose words a correction may bring in (faqt-query(7), "Spelling").
    bool in_articles(const std::string& term, bool dictionary) const {
        SpellingCache* cache = m_ctx.spelling_cache;
        auto* map = cache == nullptr ? nullptr : dictionary ? &cache->in_stemmed_articles : &cache->in_any_article;
        return cached(map, term, [&] { return in_articles_uncached(term, dictionary); });
    }

    bool in_articles_uncached(const std::string& term, bool dictionary) const {
        Query query(term);
        if (dictionary) {
            std::vector<Query> langs;
            for (const auto& lang : m_ctx.stem_langs) {
                langs.emplace_back(prefixed(schema::k_lang, lang));
            }
            if (langs.empty()) {
                return false;
            }
            query = Query(Query::OP_FILTER, query, combine(Query::OP_OR, std::move(langs)));
        }
        Xapian::Enquire enquire(*m_ctx.db);
        if (m_ctx.internal_text) {
            enquire.set_query(query);
            return !enquire.get_mset(0, 1).empty();
        }
        // Drafts are not public either: their words are not suggested.
        enquire.set_query(Query(Query::OP_AND_NOT,
                                Query(Query::OP_FILTER, query, Query(prefixed(schema::k_visibility, "public"))),
                                Query(std::string(schema::k_draft))));
        // Nor are the translations of internal originals.
        if (!m_internal_ids) {
            m_internal_ids =
                internal_original_ids(*m_ctx.db, m_ctx.config != nullptr ? m_ctx.config->default_lang : "en");
        }
        const VisibleAs decider(*m_internal_ids, Visibility::public_);
        return !enquire.get_mset(0, 1, nullptr, &decider).empty();
    }

    // A word the spelling rule looks at: 4 to 32 letters a-z once folded,
    // not a code, version, ALL-CAPS word, stopword or synonym.
    bool spelling_candidate(const Word& word, std::string& folded) const {
        if (terms::is_code_like(word.raw) || terms::is_all_caps(word.raw)) {
            return false;
        }
        folded = terms::fold_word(word.raw);
        return folded.size() >= 4 && terms::is_spelling_word(folded) && !terms::is_stopword(folded) &&
               m_synonyms.vocabulary.count(folded) == 0;
    }

    // The correction of an unknown folded word: the nearest word of the
    // spelling table (Xapian's edit distance: one letter inserted, deleted,
    // replaced, or two swapped) at distance 1, else, for words of nine
    // letters or more, 2; the most frequent of equally near ones; and found
    // in an article this search may show, of a language faqt stems.
    // Distance 2 from seven letters made real words into others ("morning"
    // → "warning", "fastest" → "easiest"); on StackFAQ it changes one query
    // in 1,249. A floor of two articles at distance 2 measured worse.
    std::string correction_of(const std::string& folded) const {
        SpellingCache* cache = m_ctx.spelling_cache;
        return cached(cache != nullptr ? &cache->corrections : nullptr, folded,
                      [&] { return correction_uncached(folded); });
    }

    std::string correction_uncached(const std::string& folded) const {
        const Xapian::Database& db = *m_ctx.db;
        for (unsigned distance = 1; distance <= (folded.size() >= 9 ? 2U : 1U); ++distance) {
            std::string suggestion = db.get_spelling_suggestion(folded, distance);
            if (!suggestion.empty() && suggestion != folded && in_articles(suggestion, true)) {
                return suggestion;
            }
        }
        return {};
    }

    // The spelling rule of faqt-query(7): each candidate word is found in an
    // article of a language faqt stems (a dictionary word), found only in
    // other languages' articles, or found nowhere (unknown). Unknown words are
    // corrected only when the query looks written in a stemmed language:
    // no fewer dictionary words than other-language ones, and at most one
    // unknown word more than dictionary words (else it is another language).
    void correct_spelling(Node& root) {
        std::vector<Word*> words;
        collect_words(root, words);
        std::vector<std::pair<Word*, std::string>> unknown;
        std::vector<std::string> found;
        for (Word* w : words) {
            std::string folded;
            if (!spelling_candidate(*w, folded)) {
                continue;
            }
            std::string exact = terms::lower_word(w->raw);
            if (known(folded) || (exact != folded && m_ctx.db->term_exists(exact))) {
                found.push_back(std::move(folded));
            } else if (exact == folded) {
                unknown.emplace_back(w, std::move(folded));  // words with accents are never corrected
            }
        }
        if (unknown.empty()) {
            return;
        }
        std::size_t dictionary = 0;
        for (const auto& f : found) {
            // A word known only through its stem class is of a stemmed language.
            if (!m_ctx.db->term_exists(f) || in_articles(f, true)) {
                ++dictionary;
            }
        }
        const std::size_t other = found.size() - dictionary;
        if (dictionary < other || unknown.size() > dictionary + 1) {
            return;
        }
        for (auto& [word, folded] : unknown) {
            std::string suggestion = correction_of(folded);
            if (suggestion.empty()) {
                continue;
            }
            if (word->end > word->begin && word->end <= m_text.size()) {
                m_corrections.emplace_back(word->begin, word->end, suggestion);
            }
            if (m_ctx.correct) {
                word->raw = suggestion;
            }
        }
    }

    // The words a correction may change: free text and title:, not
    // wildcards, not the words a query leaves out.
    static void collect_words(Node& node, std::vector<Word*>& out) {
        switch (node.kind) {
            case Node::Kind::leaf:
                if ((node.leaf.field.empty() || node.leaf.field == "title") && !node.leaf.wildcard) {
                    for (auto& w : node.leaf.words) {
                        out.push_back(&w);
                    }
                }
                break;
            case Node::Kind::seq:
                for (auto& item : node.items) {
                    if (item.modifier != Modifier::excluded && item.node) {
                        collect_words(*item.node, out);
                    }
                }
                break;
            case Node::Kind::and_:
            case Node::Kind::or_:
                collect_words(*node.left, out);
                collect_words(*node.right, out);
                break;
            case Node::Kind::and_not:
                collect_words(*node.left, out);
                break;
            case Node::Kind::not_:
                break;
        }
    }

    // --- words --------------------------------------------------------------

    std::vector<std::string> stems_of(const std::string& folded) {
        std::vector<std::string> stems;
        for (const auto& lang : m_ctx.stem_langs) {
            std::string s = terms::stem(lang, folded);
            if (std::find(stems.begin(), stems.end(), s) == stems.end()) {
                stems.push_back(std::move(s));
            }
        }
        return stems;
    }

    void remember(const std::string& folded) {
        m_highlight.folded.insert(folded);
        for (auto& s : stems_of(folded)) {
            m_highlight.stems.insert(std::move(s));
        }
    }

    // Other forms of a word, weighing together as one word: the words the
    // stem table lists for its stem in each stemmed language, and the stem
    // itself written as a word ("connections" ~ "connect", "connecting").
    std::set<std::string> form_set(const std::string& folded) {
        std::set<std::string> forms;
        for (const auto& s : stems_of(folded)) {
            if (s != folded) {
                forms.insert(s);
            }
            if (m_ctx.db != nullptr) {
                for (const auto& word : stem_class(prefixed(schema::k_stem, s))) {
                    forms.insert(word);
                }
            }
        }
        return forms;
    }

    // The words the stem table lists under key, through the cache when there is one.
    std::vector<std::string> stem_class(const std::string& key) {
        ParserCache* cache = m_ctx.parser_cache;
        if (cache != nullptr) {
            if (auto it = cache->stem_classes.find(key); it != cache->stem_classes.end()) {
                return it->second;
            }
        }
        std::vector<std::string> words;
        for (auto it = m_ctx.db->synonyms_begin(key); it != m_ctx.db->synonyms_end(key); ++it) {
            words.push_back(*it);
        }
        if (cache != nullptr) {
            if (cache->stem_classes.size() >= ParserCache::k_max_entries) {
                cache->stem_classes.clear();
            }
            cache->stem_classes.emplace(key, words);
        }
        return words;
    }

    Query other_forms(const std::string& folded) {
        std::set<std::string> forms = form_set(folded);
        if (forms.empty()) {
            return Query();
        }
        // The word itself belongs to its stem's class, as it would with a
        // stem term in every article: the exact word earns this weight too.
        forms.insert(folded);
        std::vector<Query> parts;
        for (const auto& f : forms) {
            parts.emplace_back(f);
        }
        return combine(Query::OP_SYNONYM, std::move(parts));
    }

    std::vector<std::string> field_terms(std::string_view prefix, const std::string& folded) {
        std::vector<std::string> names;
        names.push_back(prefixed(prefix, folded));
        for (const auto& s : stems_of(folded)) {
            std::string t = prefixed(prefix, s);
            if (std::find(names.begin(), names.end(), t) == names.end()) {
                names.push_back(std::move(t));
            }
        }
        return names;
    }

    // Another way of saying a collected word (a synonym from faqt.toml):
    // its occurrences count for the word, with less weight.
    void add_form(const std::string& folded_word, const std::string& form, double weight) {
        for (auto& g : m_rank.groups) {
            if (g.word == folded_word) {
                if (std::none_of(g.text.begin(), g.text.end(), [&](const RankTerm& t) { return t.term == form; })) {
                    g.text.push_back({form, weight});
                    for (auto& t : field_terms(schema::k_title, form)) {
                        g.title.push_back({std::move(t), weight});
                    }
                    for (auto& t : field_terms(schema::k_heading, form)) {
                        g.heading.push_back({std::move(t), weight});
                    }
                }
                return;
            }
        }
    }

    // A word for the second stage of the ranking (index/rerank.hpp): the
    // terms that hold it in each field. counts: it takes part in
    // coordination. Words of synonyms' other forms are not collected.
    void add_group(const std::string& raw, double weight, bool counts) {
        if (!m_collect) {
            return;
        }
        std::string folded = terms::fold_word(raw);
        if (folded.empty() || folded.size() > schema::k_max_term_bytes) {
            return;
        }
        for (std::size_t k = 0; k < m_rank.groups.size(); ++k) {
            RankGroup& g = m_rank.groups[k];
            if (g.word == folded) {
                g.weight = std::max(g.weight, weight);
                g.counts = g.counts || counts;
                m_rank.sequence.push_back(k);
                return;
            }
        }
        m_rank.sequence.push_back(m_rank.groups.size());
        RankGroup g;
        g.word = folded;
        g.weight = weight;
        g.counts = counts;
        g.text.push_back({folded, 1.0});
        std::string exact = terms::lower_word(raw);
        if (exact != folded) {
            g.text.push_back({exact, m_weights.exact});
        }
        for (const auto& f : form_set(folded)) {
            if (f != folded) {
                g.text.push_back({f, m_weights.stem});
            }
        }
        if (m_ctx.internal_text) {
            g.text.push_back({prefixed(schema::k_internal_text, folded), 1.0});
        }
        for (auto& t : field_terms(schema::k_title, folded)) {
            g.title.push_back({std::move(t), 1.0});
        }
        for (auto& t : field_terms(schema::k_heading, folded)) {
            g.heading.push_back({std::move(t), 1.0});
        }
        g.id = prefixed(schema::k_id, folded);
        m_rank.groups.push_back(std::move(g));
    }

    // The field-boost terms of a word: its stems in the KB's stemmed
    // languages, and the word itself for articles in other languages.
    Query field_query(std::string_view prefix, const std::string& folded) {
        std::vector<Query> parts;
        for (const auto& n : field_terms(prefix, folded)) {
            parts.emplace_back(n);
        }
        return combine(Query::OP_OR, std::move(parts));
    }

    Query word_query(const std::string& raw, bool title_only = false) {
        std::string folded = terms::fold_word(raw);
        if (folded.empty() || folded.size() > schema::k_max_term_bytes) {
            return Query();
        }
        m_ranked = true;
        remember(folded);
        if (title_only) {
            m_rank.complete = false;
            return field_query(schema::k_title, folded);
        }
        const bool code = terms::is_code_like(folded) && !terms::is_plain_number(folded);
        add_group(raw, code ? m_weights.code : 1.0, true);
        std::vector<Query> parts;
        parts.push_back(scaled(m_weights.body, Query(folded)));
        std::string exact = terms::lower_word(raw);
        if (exact != folded) {
            parts.push_back(scaled(m_weights.exact, Query(exact)));
        }
        parts.push_back(scaled(m_weights.stem, other_forms(folded)));
        parts.push_back(scaled(m_weights.title, field_query(schema::k_title, folded)));
        parts.push_back(scaled(m_weights.heading, field_query(schema::k_heading, folded)));
        parts.push_back(scaled(m_weights.id, Query(prefixed(schema::k_id, folded))));
        if (m_ctx.internal_text) {
            parts.push_back(scaled(m_weights.body, Query(prefixed(schema::k_internal_text, folded))));
            if (exact != folded) {
                parts.push_back(scaled(m_weights.exact, Query(prefixed(schema::k_internal_text, exact))));
            }
        }
        Query q = combine(Query::OP_OR, std::move(parts));
        return code ? scaled(m_weights.code, q) : q;
    }

    Query phrase_query(const std::vector<std::string>& raws, bool title_only = false) {
        if (raws.size() == 1) {
            return word_query(raws.front(), title_only);
        }
        std::vector<Query> folded_terms;
        std::vector<Query> internal_terms;  // the same words in text under internal headings
        std::vector<Query> exact_terms;
        std::vector<Query> title_terms;
        for (const auto& raw : raws) {
            std::string folded = terms::fold_word(raw);
            if (folded.empty()) {
                continue;
            }
            remember(folded);
            if (!title_only) {
                add_group(raw, 1.0, true);
            }
            folded_terms.emplace_back(folded);
            internal_terms.emplace_back(prefixed(schema::k_internal_text, folded));
            std::string exact = terms::lower_word(raw);
            if (exact != folded) {
                exact_terms.emplace_back(exact);
            }
            title_terms.push_back(field_query(schema::k_title, folded));
        }
        if (folded_terms.empty()) {
            return Query();
        }
        m_ranked = true;
        Query phrase(Query::OP_PHRASE, folded_terms.begin(), folded_terms.end(),
                     static_cast<Xapian::termcount>(folded_terms.size()));
        Query in_title = combine(Query::OP_AND, std::move(title_terms));
        if (title_only) {
            m_rank.complete = false;
            return Query(Query::OP_AND, scaled(m_weights.title, in_title), Query(Query::OP_SCALE_WEIGHT, phrase, 0.0));
        }
        std::vector<Query> bonus;
        bonus.push_back(scaled(m_weights.exact, combine(Query::OP_OR, std::move(exact_terms))));
        bonus.push_back(scaled(m_weights.title, in_title));
        Query b = combine(Query::OP_OR, std::move(bonus));
        Query body = scaled(m_weights.body, phrase);
        if (m_ctx.internal_text) {
            Query in_notes(Query::OP_PHRASE, internal_terms.begin(), internal_terms.end(),
                           static_cast<Xapian::termcount>(internal_terms.size()));
            body = Query(Query::OP_OR, body, scaled(m_weights.body, in_notes));
        }
        return b.empty() ? body : Query(Query::OP_AND_MAYBE, body, b);
    }

    Query wildcard_query(const Leaf& leaf) {
        std::vector<Query> parts;
        for (std::size_t i = 0; i + 1 < leaf.words.size(); ++i) {
            parts.push_back(word_query(leaf.words[i].raw, leaf.field == "title"));
        }
        std::string prefix = terms::fold_word(leaf.words.back().raw);
        if (display_width(prefix) < 2) {
            parts.push_back(word_query(leaf.words.back().raw, leaf.field == "title"));
            return combine(Query::OP_AND, std::move(parts));
        }
        m_ranked = true;
        m_rank.complete = false;  // the second stage does not weigh the words a prefix stands for
        m_highlight.prefixes.push_back(prefix);
        constexpr Xapian::termcount k_expansion = 100;
        Query title(Query::OP_WILDCARD, prefixed(schema::k_title, prefix), k_expansion,
                    Query::WILDCARD_LIMIT_MOST_FREQUENT);
        if (leaf.field == "title") {
            parts.push_back(title);
        } else {
            Query any(Query::OP_WILDCARD, prefix, k_expansion, Query::WILDCARD_LIMIT_MOST_FREQUENT);
            parts.push_back(combine(Query::OP_OR, {scaled(m_weights.body, any), scaled(m_weights.title, title)}));
        }
        return combine(Query::OP_AND, std::move(parts));
    }

    static std::string normalize_type(std::string v) {
        v = terms::ascii_lower(v);
        std::replace(v.begin(), v.end(), '_', '-');
        if (v == "knownerror" || v == "known-errors" || v == "ke" || v == "known") {
            return "known-error";
        }
        if (v == "faqs") {
            return "faq";
        }
        if (v == "how-to" || v == "howtos") {
            return "howto";
        }
        return v;
    }

    static std::string normalize_status(std::string v) {
        v = terms::ascii_lower(v);
        std::replace(v.begin(), v.end(), '_', '-');
        if (v == "wontfix" || v == "won't-fix" || v == "wont fix") {
            return "wont-fix";
        }
        return v;
    }

    Query filter_query(const Leaf& leaf) {
        std::string value = trim(leaf.value);
        std::string term;
        if (leaf.field == "tag") {
            term = prefixed(schema::k_tag, fold(value));
        } else if (leaf.field == "product") {
            term = prefixed(schema::k_product, fold(value));
        } else if (leaf.field == "category") {
            while (!value.empty() && value.back() == '/') {
                value.pop_back();
            }
            term = prefixed(schema::k_category, terms::ascii_lower(value));
        } else if (leaf.field == "type") {
            term = prefixed(schema::k_type, normalize_type(value));
        } else if (leaf.field == "status") {
            term = prefixed(schema::k_status, normalize_status(value));
        } else if (leaf.field == "severity") {
            term = prefixed(schema::k_severity, terms::ascii_lower(value));
        } else if (leaf.field == "lang") {
            term = prefixed(schema::k_lang, terms::base_lang(value));
        } else if (leaf.field == "ticket") {
            term = prefixed(schema::k_ticket, terms::ticket_key(value));
        } else {  // id
            std::string id = terms::ascii_lower(value);
            if (id.size() > 3 && id.compare(id.size() - 3, 3, ".md") == 0) {
                id.resize(id.size() - 3);
            }
            while (!id.empty() && (id.front() == '/' || id.front() == '.')) {
                id.erase(0, 1);
            }
            term = prefixed(schema::k_id, id);
        }
        if (leaf.wildcard) {
            return Query(Query::OP_WILDCARD, term, 0, Query::WILDCARD_LIMIT_ERROR);
        }
        return Query(term);
    }

    // A weighted leaf: free text or title:.
    Query leaf_query(const Leaf& leaf) {
        const bool title = leaf.field == "title";
        if (leaf.wildcard) {
            return wildcard_query(leaf);
        }
        std::vector<std::string> raws;
        for (const auto& w : leaf.words) {
            raws.push_back(w.raw);
        }
        if (leaf.phrase) {
            return phrase_query(raws, title);
        }
        // "foo/bar" typed as one token: all of its words.
        std::vector<Query> parts;
        for (const auto& raw : raws) {
            parts.push_back(word_query(raw, title));
        }
        return combine(Query::OP_AND, std::move(parts));
    }

    // A run of plain words: synonyms (longest match first), stopwords dropped
    // when there are other words, each remaining word OR'ed.
    Query run_query(const std::vector<const Word*>& run, bool drop_stopwords) {
        std::vector<std::string> folded;
        for (const Word* w : run) {
            folded.push_back(terms::fold_word(w->raw));
        }
        std::vector<Query> parts;
        std::size_t i = 0;
        while (i < run.size()) {
            std::size_t best = 0;
            std::vector<std::size_t> groups;
            auto candidates = m_synonyms.by_first_word.find(folded[i]);
            if (candidates != m_synonyms.by_first_word.end()) {
                for (const auto& [g, a] : candidates->second) {
                    const auto& alt = m_synonyms.groups[g][a];
                    if (alt.size() < best || i + alt.size() > run.size() ||
                        !std::equal(alt.begin(), alt.end(), folded.begin() + static_cast<std::ptrdiff_t>(i))) {
                        continue;
                    }
                    if (alt.size() > best) {
                        best = alt.size();
                        groups.clear();
                    }
                    if (std::find(groups.begin(), groups.end(), g) == groups.end()) {
                        groups.push_back(g);
                    }
                }
            }
            if (best == 0 && run[i]->hyphen_after) {
                // "wi-fi": the words as a phrase, or written as one word.
                std::vector<std::string> raws;
                std::string joined;
                std::size_t k = i;
                for (; k < run.size(); ++k) {
                    raws.push_back(run[k]->raw);
                    joined += folded[k];
                    if (!run[k]->hyphen_after) {
                        break;
                    }
                }
                parts.push_back(combine(Query::OP_OR, {phrase_query(raws), word_query(joined)}));
                i = std::min(k, run.size() - 1) + 1;
                continue;
            }
            if (best == 0) {
                if (!(drop_stopwords && terms::is_stopword(folded[i]))) {
                    parts.push_back(word_query(run[i]->raw));
                } else {
                    // Not matched on, but ranked: "how long" in the query
                    // and the title is evidence (faqt-search(1), RANKING).
                    add_group(run[i]->raw, m_weights.stopword, false);
                }
                // "windows 10" also as "windows10", as articles are indexed.
                if (i + 1 < run.size() && run[i]->end <= run[i + 1]->begin && run[i + 1]->begin <= m_text.size()) {
                    std::string joined = terms::joined_name_number(
                        folded[i], m_text.substr(run[i]->end, run[i + 1]->begin - run[i]->end), folded[i + 1]);
                    if (!joined.empty()) {
                        parts.push_back(word_query(joined));
                    }
                }
                ++i;
                continue;
            }
            std::vector<Query> alternatives;
            std::vector<std::string> matched(folded.begin() + static_cast<std::ptrdiff_t>(i),
                                             folded.begin() + static_cast<std::ptrdiff_t>(i + best));
            if (best == 1) {
                alternatives.push_back(word_query(run[i]->raw));
            } else {
                std::vector<std::string> raws;
                for (std::size_t k = i; k < i + best; ++k) {
                    raws.push_back(run[k]->raw);
                    if (!(drop_stopwords && terms::is_stopword(folded[k]))) {
                        alternatives.push_back(word_query(run[k]->raw));
                    }
                }
                alternatives.push_back(scaled(m_weights.phrase, phrase_query(raws)));
            }
            // The other ways of saying it weigh as one term (OP_SYNONYM), so an
            // article using several of them does not outrank one using the
            // user's own words.
            std::vector<Query> others;
            const bool collect = m_collect;
            m_collect = false;
            for (std::size_t g : groups) {
                for (const auto& alt : m_synonyms.groups[g]) {
                    if (alt == matched) {
                        continue;
                    }
                    others.push_back(phrase_query(alt));
                    // A one-word alternative counts for the user's words; the
                    // words of a longer one apart mean something else
                    // ("remote access" is not "access").
                    // Said instead of several words, it shares the credit out.
                    if (collect && alt.size() == 1) {
                        for (const auto& user_word : matched) {
                            add_form(user_word, alt.front(), m_weights.synonym / static_cast<double>(matched.size()));
                        }
                    }
                }
            }
            m_collect = collect;
            alternatives.push_back(scaled(m_weights.synonym, combine(Query::OP_SYNONYM, std::move(others))));
            parts.push_back(combine(Query::OP_OR, std::move(alternatives)));
            i += best;
        }
        return combine(Query::OP_OR, std::move(parts));
    }

    static bool plain_word_leaf(const Item& item) {
        return item.modifier == Modifier::none && item.node && item.node->kind == Node::Kind::leaf &&
               item.node->leaf.field.empty() && !item.node->leaf.phrase && !item.node->leaf.wildcard;
    }

    Query seq_query(const Node& seq) {
        // Stopwords are dropped only when the sequence has other words, so
        // "how do I" still finds something.
        bool has_content_word = false;
        for (const auto& item : seq.items) {
            if (plain_word_leaf(item)) {
                for (const auto& w : item.node->leaf.words) {
                    has_content_word = has_content_word || !terms::is_stopword(terms::fold_word(w.raw));
                }
            }
        }
        std::vector<Query> required;
        std::vector<Query> optional;
        std::vector<Query> excluded;
        std::map<std::string, std::vector<Query>> filters;
        std::vector<const Word*> run;
        auto flush_run = [&] {
            if (!run.empty()) {
                optional.push_back(run_query(run, has_content_word));
                run.clear();
            }
        };
        for (const auto& item : seq.items) {
            if (plain_word_leaf(item)) {
                for (const auto& w : item.node->leaf.words) {
                    run.push_back(&w);
                }
                continue;
            }
            flush_run();
            const Node& node = *item.node;
            if (node.kind == Node::Kind::leaf && is_filter_field(node.leaf.field)) {
                Query q = filter_query(node.leaf);
                if (item.modifier == Modifier::excluded) {
                    excluded.push_back(q);
                } else {
                    filters[node.leaf.field].push_back(q);
                }
                continue;
            }
            Query q = node.kind == Node::Kind::leaf ? leaf_query(node.leaf) : to_query(node);
            switch (item.modifier) {
                case Modifier::required:
                    required.push_back(q);
                    break;
                case Modifier::excluded:
                    excluded.push_back(q);
                    break;
                case Modifier::none:
                    optional.push_back(q);
                    break;
            }
        }
        flush_run();

        Query result;
        Query must = combine(Query::OP_AND, std::move(required));
        Query may = combine(Query::OP_OR, std::move(optional));
        if (!must.empty()) {
            result = may.empty() ? must : Query(Query::OP_AND_MAYBE, must, may);
        } else {
            result = may;
        }
        if (result.empty() && (!filters.empty() || !excluded.empty())) {
            result = Query::MatchAll;
        }
        if (!filters.empty()) {
            std::vector<Query> all;
            for (auto& [field, values] : filters) {
                all.push_back(combine(Query::OP_OR, std::move(values)));
            }
            result = Query(Query::OP_FILTER, result, combine(Query::OP_AND, std::move(all)));
        }
        if (!excluded.empty() && !result.empty()) {
            result = Query(Query::OP_AND_NOT, result, combine(Query::OP_OR, std::move(excluded)));
        }
        return result;
    }

    Query to_query(const Node& node) {
        switch (node.kind) {
            case Node::Kind::leaf:
                if (is_filter_field(node.leaf.field)) {
                    return filter_query(node.leaf);
                }
                return leaf_query(node.leaf);
            case Node::Kind::seq:
                return seq_query(node);
            case Node::Kind::and_:
                return Query(Query::OP_AND, to_query(*node.left), to_query(*node.right));
            case Node::Kind::or_:
                return combine(Query::OP_OR, {to_query(*node.left), to_query(*node.right)});
            case Node::Kind::and_not: {
                Query left = to_query(*node.left);
                Query right = to_query(*node.right);
                return right.empty() ? left : Query(Query::OP_AND_NOT, left, right);
            }
            case Node::Kind::not_: {
                Query inner = to_query(*node.left);
                return inner.empty() ? Query::MatchAll : Query(Query::OP_AND_NOT, Query::MatchAll, inner);
            }
        }
        return Query();
    }

    const QueryContext& m_ctx;
    // Ids of internal originals, read once when a spelling suggestion is checked.
    mutable std::optional<std::unordered_set<std::string>> m_internal_ids;
    const RankingWeights& m_weights;
    std::shared_ptr<const Synonyms> m_synonyms_kept;  // the cache's, or this query's own
    const Synonyms& m_synonyms;
    std::string_view m_text;
    HighlightTerms m_highlight;
    bool m_ranked = false;
    RankQuery m_rank;
    bool m_collect = true;  // add_group() collects the words of the query
    std::vector<std::tuple<std::size_t, std::size_t, std::string>> m_corrections;
};

}  // namespace

ParsedQuery parse_query(std::string_view text, const QueryContext& context) {
    bool truncated = false;
    Parser parser(lex(text, truncated));
    NodePtr root = parser.parse();
    Converter converter(context, text);
    ParsedQuery parsed = converter.convert(root.get());
    parsed.truncated = truncated;
    return parsed;
}

}  // namespace faqt
