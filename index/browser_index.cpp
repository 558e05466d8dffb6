#include "index/browser_index.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>

#include "content/json.hpp"
#include "content/fold_table.hpp"
#include "content/text.hpp"
#include "content/version_compare.hpp"
#include "index/plain_text.hpp"
#include "index/rerank.hpp"
#include "index/term_writer.hpp"
#include "index/terms.hpp"

namespace faqt {

namespace {

constexpr std::string_view k_digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr int k_format_version = 1;
constexpr double k_quantum = 64;           // root "q"
constexpr std::size_t k_text_bytes = 500;  // a document's "x"
// Positions of one word in one document: the first ones only. They serve
// to confirm a phrase, and a word written 100,000 times in one article
// would otherwise make a positions file far over the size a file may have.
constexpr std::size_t k_max_positions = 2000;
// A summary is shown whole in a hit, but one pasted at length must not
// make a documents chunk larger than a file may be.
constexpr std::size_t k_summary_bytes = 2000;

// ---------------------------------------------------------------- JSON

// A JSON string that is also safe inside a script element and in every
// JavaScript engine: U+2028 and U+2029 escaped, "</" written "<\/".
void append_json_string(std::string& out, std::string_view text) {
    // content's one JSON escape (bad UTF-8 repaired, control characters
    // escaped), then what a script file needs besides.
    const std::string escaped = json_escape(text);
    out += '"';
    for (std::size_t i = 0; i < escaped.size(); ++i) {
        const char c = escaped[i];
        if (c == '/' && i > 0 && escaped[i - 1] == '<') {
            out += "\\/";
        } else if (c == '\xE2' && i + 2 < escaped.size() && escaped[i + 1] == '\x80' &&
                   (escaped[i + 2] == '\xA8' || escaped[i + 2] == '\xA9')) {
            out += escaped[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += c;
        }
    }
    out += '"';
}

std::string json_string(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

void append_json_number(std::string& out, double value) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, ec == std::errc() ? end : buffer);
}

void append_string_array(std::string& out, const std::vector<std::string>& values) {
    out += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        append_json_string(out, values[i]);
    }
    out += ']';
}

std::string script(std::string_view name, std::string_view data) {
    std::string out = "faqtSearchData(";
    append_json_string(out, name);
    out += ", ";
    out += data;
    out += ");\n";
    return out;
}

// ---------------------------------------------------------------- documents

struct TermCount {
    unsigned wdf = 0;
    std::vector<unsigned> positions;
};

// Looked up by string_view, so counting a field's term copies no string.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using FieldCounts = std::unordered_map<std::string, unsigned, StringHash, std::equal_to<>>;

// What one article gives the index.
struct DocTerms {
    std::unordered_map<std::string, TermCount> text;  // unprefixed terms
    FieldCounts title;  // stems of the title field
    FieldCounts heading;
    std::vector<std::string> ids;  // id suffixes that are one folded word
    std::set<std::pair<std::string, std::string>> stems;
    unsigned length = 0;  // as Xapian counts a document's length
    unsigned title_words = 0;
    unsigned heading_words = 0;
    unsigned title_end = 0;
    std::string stored_text;  // whitespace collapsed
    std::set<char32_t> code_points;
};

// The terms of a TermWriter, counted as Xapian would count them.
class CountingSink final : public TermSink {
public:
    explicit CountingSink(DocTerms& doc) : m_doc(doc) {}

    void add_posting(const std::string& term, unsigned position) override { add(term, &position); }
    void add_term(const std::string& term) override { add(term, nullptr); }

private:
    void add(const std::string& term, const unsigned* position) {
        ++m_doc.length;
        // Unprefixed terms are folded, never upper-case ASCII: a prefix
        // letter tells the fields apart.
        if (!term.empty() && term[0] == 'S') {
            count(m_doc.title, std::string_view(term).substr(1));
        } else if (!term.empty() && term[0] == 'H') {
            count(m_doc.heading, std::string_view(term).substr(1));
        } else {
            TermCount& count = m_doc.text[term];
            ++count.wdf;
            if (position != nullptr) {
                count.positions.push_back(*position);
            }
        }
    }

    static void count(FieldCounts& counts, std::string_view stem) {
        if (auto it = counts.find(stem); it != counts.end()) {
            ++it->second;
        } else {
            counts.emplace(stem, 1);
        }
    }

    DocTerms& m_doc;
};

void add_code_points(std::set<char32_t>& out, std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        char32_t c = length == 4 ? (b & 0x07) : length == 3 ? (b & 0x0F) : length == 2 ? (b & 0x1F) : 0xFFFD;
        bool valid = length > 1 && i + length <= text.size();
        for (int k = 1; valid && k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            valid = (next & 0xC0) == 0x80;
            c = (c << 6) | (next & 0x3F);
        }
        out.insert(valid ? c : 0xFFFD);
        i += valid ? length : 1;
    }
}

DocTerms read_article(const PublishedArticle& article, const std::string& lang) {
    DocTerms doc;
    CountingSink sink(doc);
    TermWriter writer(sink, article.lang.empty() ? lang : article.lang);
    // Tickets are the help desk's own: never on the site.
    const WrittenText written =
        write_text_terms(writer, IndexedText{&article.title, &article.aliases, &article.summary, &article.tags,
                                             &article.products, nullptr, &article.intro, &article.sections});
    doc.title_words = writer.title_words();
    doc.heading_words = writer.heading_words();
    doc.title_end = written.title_end;
    doc.stems = writer.stem_pairs();
    for (const std::string& suffix : id_suffixes(article.id)) {
        ++doc.length;  // every id term counts in the length, as in Xapian
        const auto words = find_words(suffix);
        if (words.size() == 1 && words[0].offset == 0 && words[0].length == suffix.size() &&
            terms::fold_word(suffix) == suffix) {
            doc.ids.push_back(suffix);
        }
    }
    doc.stored_text = collapse_whitespace(written.stored_text);
    add_code_points(doc.code_points, article.title);
    for (const auto& alias : article.aliases) {
        add_code_points(doc.code_points, alias);
    }
    add_code_points(doc.code_points, article.summary);
    for (const auto& tag : article.tags) {
        add_code_points(doc.code_points, tag);
    }
    for (const auto& product : article.products) {
        add_code_points(doc.code_points, product);
    }
    add_code_points(doc.code_points, doc.stored_text);
    return doc;
}

// ---------------------------------------------------------------- entries

using Postings = std::vector<std::pair<std::uint32_t, std::uint32_t>>;  // (doc, value), by doc
using Positions = std::vector<std::pair<std::uint32_t, std::vector<unsigned>>>;

struct Entry {
    Postings text;
    std::map<std::string, Postings> exact;
    std::set<std::string> stem_class;
    Postings title;
    Postings heading;
    Postings id;
    Positions title_positions;
    Positions positions;
    std::vector<std::uint32_t> docs;                           // "#…" keys
    std::vector<std::pair<std::uint32_t, std::string>> fixed;  // "#fixed"
};

void append_positions(std::string& out, std::uint32_t doc_number, const std::vector<unsigned>& positions) {
    append_list_number(out, doc_number);
    append_list_number(out, static_cast<std::uint32_t>(positions.size()));
    unsigned previous = 0;
    for (std::size_t i = 0; i < positions.size(); ++i) {
        append_list_number(out, i == 0 ? positions[i] : positions[i] - previous);
        previous = positions[i];
    }
}

// The name of part k of a split list: "a" … "z", then "za" … (any count).
std::string part_suffix(std::size_t k) {
    std::string out;
    while (k >= 25) {
        out += 'z';
        k -= 25;
    }
    out += static_cast<char>('a' + k);
    return out;
}

// A list too long for one entry, cut into parts of at most budget bytes
// (an item never spans two); each part starts from an absolute doc number.
// item(i, first) encodes item i, first when it starts a part.
template <typename Encode>
std::vector<std::string> split_list(std::size_t count, std::size_t budget, const Encode& item) {
    std::vector<std::string> parts;
    std::string part;
    for (std::size_t i = 0; i < count; ++i) {
        std::string next = item(i, part.empty());
        if (!part.empty() && part.size() + next.size() > budget) {
            parts.push_back(std::move(part));
            part = item(i, true);
        } else {
            part += next;
        }
    }
    if (!part.empty() || parts.empty()) {
        parts.push_back(std::move(part));
    }
    return parts;
}

std::vector<std::string> postings_pieces(const Postings& postings, std::size_t budget) {
    return split_list(postings.size(), budget, [&](std::size_t i, bool first) {
        std::string out;
        append_list_number(out, first ? postings[i].first : postings[i].first - postings[i - 1].first);
        append_list_number(out, postings[i].second);
        return out;
    });
}

std::vector<std::string> docs_pieces(const std::vector<std::uint32_t>& docs, std::size_t budget) {
    return split_list(docs.size(), budget, [&](std::size_t i, bool first) {
        std::string out;
        append_list_number(out, first ? docs[i] : docs[i] - docs[i - 1]);
        return out;
    });
}

std::vector<std::string> positions_pieces(const Positions& positions, std::size_t budget) {
    return split_list(positions.size(), budget, [&](std::size_t i, bool first) {
        std::string out;
        append_positions(out, first ? positions[i].first : positions[i].first - positions[i - 1].first,
                         positions[i].second);
        return out;
    });
}

// One entry rendered for a shard: its JSON and its part files.
struct Rendered {
    std::string json;  // "KEY":{…}
    std::vector<BrowserIndexFile> parts;
};

// One list of an entry: its pieces at the split budget, and whether it is
// written as part names (always when it has more than one piece).
struct EntryList {
    std::string field;  // "t", "S", …, or an exact form under "e"
    std::vector<std::string> pieces;
    bool out = false;

    std::size_t bytes() const {
        std::size_t sum = 0;
        for (const std::string& piece : pieces) {
            sum += piece.size();
        }
        return sum;
    }
};

// The part files of a shard get the shard's name and a letter, counted
// over the shard, so two entries' parts never share a name.
class PartNames {
public:
    explicit PartNames(std::string prefix) : m_prefix(std::move(prefix)) {}
    std::string next() { return m_prefix + part_suffix(m_count++); }

private:
    std::string m_prefix;
    std::size_t m_count = 0;
};

// Writes a list as a string, or as the names of its parts (made here).
void write_list(std::string& json, std::vector<BrowserIndexFile>& parts, PartNames& names, const EntryList& list) {
    if (!list.out) {
        append_json_string(json, list.pieces.empty() ? std::string() : list.pieces[0]);
        return;
    }
    json += '[';
    for (std::size_t k = 0; k < list.pieces.size(); ++k) {
        const std::string name = names.next();
        if (k > 0) {
            json += ',';
        }
        append_json_string(json, name);
        parts.push_back({name + ".js", script(name, json_string(list.pieces[k]))});
    }
    json += ']';
}

// Moves the largest list still written in the entry out to part files;
// false when every list is out already.
bool move_largest_out(std::vector<EntryList*> lists) {
    EntryList* largest = nullptr;
    for (EntryList* list : lists) {
        if (!list->out && !list->pieces.empty() && (!largest || list->bytes() > largest->bytes())) {
            largest = list;
        }
    }
    if (!largest) {
        return false;
    }
    largest->out = true;
    return true;
}

class EntryWriter {
public:
    // An entry's lists are cut into parts of at most split_bytes; an entry
    // whose JSON would pass entry_bytes moves its largest lists out to part
    // files until it fits, so no file passes its budget.
    EntryWriter(std::string stemmer_lang, bool stems, std::size_t split_bytes, std::size_t entry_bytes)
        : m_lang(std::move(stemmer_lang)),
          m_stems(stems),
          m_split(std::max<std::size_t>(1, std::min(split_bytes, entry_bytes))),
          m_entry(entry_bytes) {}

    Rendered term(const std::string& key, const Entry& e, PartNames& names) const {
        EntryList text{"t", e.text.empty() ? std::vector<std::string>{} : postings_pieces(e.text, m_split)};
        std::vector<EntryList> exact;
        for (const auto& [form, postings] : e.exact) {
            exact.push_back({form, postings_pieces(postings, m_split)});
        }
        EntryList title{"S", e.title.empty() ? std::vector<std::string>{} : postings_pieces(e.title, m_split)};
        EntryList heading{"H", e.heading.empty() ? std::vector<std::string>{} : postings_pieces(e.heading, m_split)};
        EntryList id{"I", e.id.empty() ? std::vector<std::string>{} : postings_pieces(e.id, m_split)};
        EntryList title_positions{
            "p", e.title_positions.empty() ? std::vector<std::string>{} : positions_pieces(e.title_positions, m_split)};
        EntryList docs{"b", e.docs.empty() ? std::vector<std::string>{} : docs_pieces(e.docs, m_split)};
        std::vector<EntryList*> lists = {&text, &title, &heading, &id, &title_positions, &docs};
        for (EntryList& form : exact) {
            lists.push_back(&form);
        }
        for (EntryList* list : lists) {
            list->out = list->pieces.size() > 1;
        }
        // The part names are only made once the entry fits: a draft is
        // measured with a stand-in namer.
        for (;;) {
            PartNames draft(names);
            Rendered r = render(key, e, text, exact, title, heading, id, title_positions, docs, draft);
            if (r.json.size() <= m_entry || !move_largest_out(lists)) {
                names = draft;
                return r;
            }
        }
    }

    // The positions entry of key, or nothing when it has none.
    Rendered positions(const std::string& key, const Entry& e, PartNames& names) const {
        Rendered r;
        if (e.positions.empty()) {
            return r;
        }
        EntryList list{"", positions_pieces(e.positions, m_split)};
        list.out = list.pieces.size() > 1 || json_string(key).size() + 1 + list.bytes() + 2 > m_entry;
        append_json_string(r.json, key);
        r.json += ':';
        write_list(r.json, r.parts, names, list);
        return r;
    }

private:
    Rendered render(const std::string& key, const Entry& e, const EntryList& text, const std::vector<EntryList>& exact,
                    const EntryList& title, const EntryList& heading, const EntryList& id,
                    const EntryList& title_positions, const EntryList& docs, PartNames& names) const {
        Rendered r;
        std::string& j = r.json;
        append_json_string(j, key);
        j += ":{";
        const std::size_t start = j.size();
        auto comma = [&] {
            if (j.size() > start) {
                j += ',';
            }
        };
        // A list field, with the number of its documents when it is split
        // (df for t and b, dfS for S): hints for the reader.
        auto field = [&](const EntryList& list, const char* count_name, std::size_t count) {
            if (list.pieces.empty()) {
                return;
            }
            comma();
            j += json_string(list.field) + ':';
            write_list(j, r.parts, names, list);
            if (list.out && count_name) {
                j += ",\"";
                j += count_name;
                j += "\":" + std::to_string(count);
            }
        };
        field(text, "df", e.text.size());
        if (!exact.empty()) {
            comma();
            j += "\"e\":{";
            for (std::size_t k = 0; k < exact.size(); ++k) {
                if (k > 0) {
                    j += ',';
                }
                append_json_string(j, exact[k].field);
                j += ':';
                write_list(j, r.parts, names, exact[k]);
            }
            j += '}';
        }
        if (!e.text.empty() && m_stems) {
            const std::string stem = terms::stem(m_lang, key);
            if (stem != key) {
                comma();
                j += "\"s\":";
                append_json_string(j, stem);
            }
        }
        if (!e.stem_class.empty()) {
            comma();
            j += "\"c\":";
            append_string_array(j, std::vector<std::string>(e.stem_class.begin(), e.stem_class.end()));
        }
        field(title, "dfS", e.title.size());
        field(heading, nullptr, 0);
        field(id, nullptr, 0);
        field(title_positions, nullptr, 0);
        field(docs, "df", e.docs.size());
        if (!e.fixed.empty()) {
            comma();
            j += "\"v\":[";
            for (std::size_t i = 0; i < e.fixed.size(); ++i) {
                if (i > 0) {
                    j += ',';
                }
                j += '[' + std::to_string(e.fixed[i].first) + ',';
                append_json_string(j, e.fixed[i].second);
                j += ']';
            }
            j += ']';
        }
        j += '}';
        return r;
    }

    std::string m_lang;
    bool m_stems;
    std::size_t m_split;
    std::size_t m_entry;
};

std::uint32_t quantise(double wdf, double b, double length, double average) {
    const double norm = 1 - b + b * length / average;
    const double value = norm > 0 ? std::round(k_quantum * wdf / norm) : k_quantum * wdf;
    return static_cast<std::uint32_t>(std::max(1.0, std::min(value, 4294967295.0)));
}

std::string cut_utf8(std::string_view text, std::size_t bytes) {
    if (text.size() <= bytes) {
        return std::string(text);
    }
    while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) {
        --bytes;
    }
    return std::string(text.substr(0, bytes));
}

}  // namespace

void append_list_number(std::string& out, std::uint32_t number) {
    while (number >= 32) {
        out += k_digits[32 + (number & 31)];
        number >>= 5;
    }
    out += k_digits[number];
}

bool read_list_numbers(std::string_view text, std::vector<std::uint32_t>& out) {
    std::uint64_t value = 0;
    int shift = 0;
    for (char c : text) {
        const std::size_t digit = k_digits.find(c);
        if (digit == std::string_view::npos || shift > 30) {
            return false;
        }
        value |= static_cast<std::uint64_t>(digit & 31) << shift;
        if (digit < 32) {
            if (value > 0xFFFFFFFFULL) {
                return false;
            }
            out.push_back(static_cast<std::uint32_t>(value));
            value = 0;
            shift = 0;
        } else {
            shift += 5;
        }
    }
    return shift == 0;
}

std::vector<BrowserIndexFile> build_browser_index(const Config& config,
                                                  const std::vector<const PublishedArticle*>& input,
                                                  const BrowserIndexOptions& options) {
    // Doc numbers follow the ids' byte order.
    std::vector<const PublishedArticle*> articles = input;
    std::stable_sort(articles.begin(), articles.end(),
                     [](const PublishedArticle* a, const PublishedArticle* b) { return a->id < b->id; });
    const std::size_t n = articles.size();

    // Articles are read on several threads a batch at a time and merged in
    // doc order, so only one batch's terms and positions are held at once.
    // Postings keep the raw wdf until every document is read: the norms
    // need the averages over all of them.
    const RankingWeights& w = options.weights;
    std::vector<unsigned> lengths(n);
    std::vector<unsigned> title_words(n);
    std::vector<unsigned> heading_words(n);
    std::vector<std::string> shown_text(n);  // a document's "x"

    std::unordered_map<std::string, Entry> entries;
    entries.reserve(std::min<std::size_t>(n * 64, 1 << 20));
    std::set<char32_t> code_points;
    std::set<std::string> types;
    std::map<std::string, std::string> categories;  // lower-cased id → as first written
    std::map<std::string, std::string> products;    // folded → as first written
    std::set<std::string> keys;
    std::map<std::string, unsigned> ids;

    auto merge = [&](std::size_t d, DocTerms& doc) {
        const auto doc_number = static_cast<std::uint32_t>(d);
        const PublishedArticle& article = *articles[d];
        lengths[d] = doc.length;
        title_words[d] = doc.title_words;
        heading_words[d] = doc.heading_words;
        shown_text[d] = cut_utf8(doc.stored_text, k_text_bytes);
        // A term is in a document's map once, so each list grows in doc
        // order whatever order the map gives its terms.
        for (auto& [term, tc] : doc.text) {
            // Most terms are lower-case ASCII, which folding leaves as is.
            const bool plain = std::all_of(term.begin(), term.end(), [](char c) {
                return static_cast<unsigned char>(c) < 0x80 && !(c >= 'A' && c <= 'Z');
            });
            if (!plain) {
                if (const std::string folded = terms::fold_word(term); folded != term) {
                    // An exact (accented) form: under its folded word.
                    entries[folded].exact[term].emplace_back(doc_number, tc.wdf);
                    continue;
                }
            }
            Entry& e = entries[term];
            e.text.emplace_back(doc_number, tc.wdf);
            if (!tc.positions.empty()) {
                std::sort(tc.positions.begin(), tc.positions.end());
                if (tc.positions.size() > k_max_positions) {
                    tc.positions.resize(k_max_positions);
                }
                std::vector<unsigned> in_title;
                for (unsigned p : tc.positions) {
                    if (p >= 1 && p <= doc.title_end) {
                        in_title.push_back(p);
                    }
                }
                if (!in_title.empty()) {
                    e.title_positions.emplace_back(doc_number, std::move(in_title));
                }
                e.positions.emplace_back(doc_number, std::move(tc.positions));
            }
        }
        for (const auto& [stem, wdf] : doc.title) {
            entries[stem].title.emplace_back(doc_number, wdf);
        }
        for (const auto& [stem, wdf] : doc.heading) {
            entries[stem].heading.emplace_back(doc_number, wdf);
        }
        ids.clear();
        for (const std::string& id : doc.ids) {
            ++ids[id];
        }
        for (const auto& [id, wdf] : ids) {
            entries[id].id.emplace_back(doc_number, wdf);
        }
        for (const auto& [stem, word] : doc.stems) {
            entries[stem].stem_class.insert(word);
        }

        // Filters and features.
        keys.clear();
        const std::string type = to_string(article.type);
        types.insert(type);
        keys.insert("#type:" + type);
        for (const std::string& category : article.categories) {
            const std::string lower = ascii_lower(category);
            if (lower.empty()) {
                continue;
            }
            for (std::size_t slash = lower.find('/'); slash != std::string::npos; slash = lower.find('/', slash + 1)) {
                keys.insert("#cat:" + lower.substr(0, slash));
                categories.try_emplace(lower.substr(0, slash), category.substr(0, slash));
            }
            keys.insert("#cat:" + lower);
            categories.try_emplace(lower, category);
        }
        for (const std::string& product : article.products) {
            const std::string folded = fold(trim(product));
            if (!folded.empty()) {
                keys.insert("#prod:" + folded);
                products.try_emplace(folded, trim(product));
            }
        }
        if (const std::string question = question_type_of_text(article.title); !question.empty()) {
            keys.insert("#q:" + question);
        }
        for (const std::string& key : keys) {
            entries[key].docs.push_back(doc_number);
        }
        if (article.is_known_error() && !trim(article.fixed_in).empty()) {
            entries["#fixed"].fixed.emplace_back(doc_number, version_sort_key(article.fixed_in));
        }
        code_points.insert(doc.code_points.begin(), doc.code_points.end());
    };

    {
        const unsigned threads = n >= 32 ? std::max(1u, options.threads) : 1u;
        const std::size_t batch = std::max<std::size_t>(16, std::size_t{32} * threads);
        std::vector<DocTerms> read(batch);
        for (std::size_t begin = 0; begin < n; begin += batch) {
            const std::size_t end = std::min(n, begin + batch);
            std::atomic<std::size_t> next{begin};
            auto work = [&] {
                for (std::size_t i = next++; i < end; i = next++) {
                    read[i - begin] = read_article(*articles[i], options.lang);
                }
            };
            std::vector<std::thread> pool;
            for (unsigned t = 1; t < threads; ++t) {
                pool.emplace_back(work);
            }
            work();
            for (std::thread& thread : pool) {
                thread.join();
            }
            for (std::size_t d = begin; d < end; ++d) {
                merge(d, read[d - begin]);
                read[d - begin] = DocTerms();
            }
        }
    }

    double length_sum = 0;
    double title_sum = 0;
    double heading_sum = 0;
    for (std::size_t d = 0; d < n; ++d) {
        length_sum += lengths[d];
        title_sum += title_words[d];
        heading_sum += heading_words[d];
    }
    const double count = std::max<double>(1, static_cast<double>(n));
    const double average_length = std::max(1.0, length_sum / count);
    const double average_title = std::max(1.0, title_sum / count);
    const double average_heading = std::max(1.0, heading_sum / count);
    for (auto& [key, e] : entries) {
        for (auto& [doc, value] : e.text) {
            value = quantise(value, w.text_b, lengths[doc], average_length);
        }
        for (auto& [form, postings] : e.exact) {
            for (auto& [doc, value] : postings) {
                value = quantise(value, w.text_b, lengths[doc], average_length);
            }
        }
        for (auto& [doc, value] : e.title) {
            value = quantise(value, w.title_b, title_words[doc], average_title);
        }
        for (auto& [doc, value] : e.heading) {
            value = quantise(value, w.heading_b, heading_words[doc], average_heading);
        }
    }

    std::vector<std::pair<const std::string*, const Entry*>> sorted;
    sorted.reserve(entries.size());
    for (const auto& [key, entry] : entries) {
        sorted.emplace_back(&key, &entry);
    }
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });

    std::vector<BrowserIndexFile> files;
    const std::string stemmer = terms::stemmer_name(options.lang);
    bool ascii_keys = true;

    // Term and positions shards, cut at entry boundaries. An entry is kept
    // small enough that a shard of it alone is a file within file_bytes.
    const std::size_t wrapper = script("t-" + std::to_string(entries.size()), "{}").size();
    const std::size_t entry_bytes = options.file_bytes > wrapper ? options.file_bytes - wrapper : 1;
    const EntryWriter writer(terms::base_lang(options.lang), !stemmer.empty(), options.split_bytes, entry_bytes);
    std::vector<std::string> shard_keys;
    {
        std::string terms_json;
        std::string positions_json;
        PartNames term_parts("t-0");
        PartNames position_parts("x-0");
        auto close = [&] {
            const std::string number = std::to_string(shard_keys.size() - 1);
            files.push_back({"t-" + number + ".js", script("t-" + number, "{" + terms_json + "}")});
            files.push_back({"x-" + number + ".js", script("x-" + number, "{" + positions_json + "}")});
            terms_json.clear();
            positions_json.clear();
        };
        auto fits = [&](const std::string& json, std::size_t used, std::size_t budget) {
            return json.empty() || (used + json.size() <= budget && used + 1 + json.size() <= entry_bytes);
        };
        shard_keys.push_back("");
        for (const auto& [key_pointer, entry_pointer] : sorted) {
            const std::string& key = *key_pointer;
            const Entry& entry = *entry_pointer;
            for (char c : key) {
                ascii_keys = ascii_keys && static_cast<unsigned char>(c) < 0x80;
            }
            PartNames term_draft = term_parts;
            PartNames position_draft = position_parts;
            Rendered term = writer.term(key, entry, term_draft);
            Rendered position = writer.positions(key, entry, position_draft);
            const bool full = !fits(term.json, terms_json.size(), options.shard_bytes) ||
                              !fits(position.json, positions_json.size(), options.positions_bytes);
            if (!terms_json.empty() && full) {
                close();
                shard_keys.push_back(key);
                const std::string number = std::to_string(shard_keys.size() - 1);
                term_parts = PartNames("t-" + number);
                position_parts = PartNames("x-" + number);
                term_draft = term_parts;
                position_draft = position_parts;
                term = writer.term(key, entry, term_draft);
                position = writer.positions(key, entry, position_draft);
            }
            term_parts = term_draft;
            position_parts = position_draft;
            if (!terms_json.empty()) {
                terms_json += ',';
            }
            terms_json += term.json;
            if (!position.json.empty()) {
                if (!positions_json.empty()) {
                    positions_json += ',';
                }
                positions_json += position.json;
            }
            for (auto* parts : {&term.parts, &position.parts}) {
                for (BrowserIndexFile& part : *parts) {
                    files.push_back(std::move(part));
                }
            }
        }
        close();
    }

    // Documents, dk to a chunk: about options.chunk_bytes a chunk.
    std::vector<std::string> doc_json(n);
    std::size_t doc_bytes = 0;
    for (std::size_t d = 0; d < n; ++d) {
        const PublishedArticle& a = *articles[d];
        std::string& j = doc_json[d];
        j = "{\"id\":" + json_string(a.id);
        auto field = [&j](const char* name, const std::string& value) {
            if (!value.empty()) {
                j += ",\"";
                j += name;
                j += "\":";
                append_json_string(j, value);
            }
        };
        field("u", options.page_url ? options.page_url(a) : std::string());
        field("t", a.title);
        field("y", to_string(a.type));
        field("st", a.status);
        if (!a.categories.empty()) {
            j += ",\"c\":";
            append_string_array(j, a.categories);
        }
        if (!a.products.empty()) {
            j += ",\"pr\":";
            append_string_array(j, a.products);
        }
        field("f", a.is_known_error() ? trim(a.fixed_in) : std::string());
        field("s", cut_utf8(collapse_whitespace(a.summary), k_summary_bytes));
        field("x", shown_text[d]);
        j += '}';
        doc_bytes += j.size();
    }
    std::size_t dk = 1;
    if (n > 0 && doc_bytes > 0) {
        dk = std::max<std::size_t>(
            1, static_cast<std::size_t>(std::llround(static_cast<double>(options.chunk_bytes) * static_cast<double>(n) /
                                                     static_cast<double>(doc_bytes))));
    }
    for (std::size_t start = 0, chunk = 0; start < n; start += dk, ++chunk) {
        std::string data = "[";
        for (std::size_t d = start; d < std::min(n, start + dk); ++d) {
            if (d > start) {
                data += ',';
            }
            data += doc_json[d];
        }
        data += ']';
        const std::string name = "d-" + std::to_string(chunk);
        files.push_back({name + ".js", script(name, data)});
    }

    // Spelling: words of 3–32 letters with their document counts.
    const bool spell = !stemmer.empty();
    if (spell) {
        std::map<std::string, std::string> by_start;
        std::map<std::string, std::string> by_end;
        for (const auto& [key_pointer, entry_pointer] : sorted) {
            const std::string& key = *key_pointer;
            const Entry& entry = *entry_pointer;
            if (entry.text.empty() || !terms::is_spelling_word(key)) {
                continue;
            }
            for (auto [map, xy] :
                 {std::pair{&by_start, key.substr(0, 2)}, std::pair{&by_end, key.substr(key.size() - 2)}}) {
                std::string& data = (*map)[xy];
                data += data.empty() ? "{" : ",";
                append_json_string(data, key);
                data += ':' + std::to_string(entry.text.size());
            }
        }
        for (auto [map, prefix] : {std::pair{&by_start, "sp-"}, std::pair{&by_end, "ss-"}}) {
            for (const auto& [xy, data] : *map) {
                const std::string name = prefix + xy;
                files.push_back({name + ".js", script(name, data + "}")});
            }
        }
    }

    // The character table.
    {
        std::string data = "{";
        bool first = true;
        for (const FoldEntry& f : fold_table(code_points)) {
            if (f.code_point < 0x80) {
                continue;
            }
            std::string character;
            const char32_t c = f.code_point;
            if (c < 0x800) {
                character += static_cast<char>(0xC0 | (c >> 6));
            } else if (c < 0x10000) {
                character += static_cast<char>(0xE0 | (c >> 12));
                character += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            } else {
                character += static_cast<char>(0xF0 | (c >> 18));
                character += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
                character += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            }
            character += static_cast<char>(0x80 | (c & 0x3F));
            if (!is_valid_utf8(character)) {
                continue;  // a surrogate: no text holds one
            }
            if (!first) {
                data += ',';
            }
            first = false;
            append_json_string(data, character);
            data += ":[";
            append_json_string(data, f.fold);
            data += ',';
            append_json_string(data, f.lower);
            data += ',' + std::to_string(f.cls) + ']';
        }
        data += '}';
        files.push_back({"fold.js", script("fold", data)});
    }

    // Facets: what the filter controls offer, by name.
    {
        std::string data = "{\"types\":";
        append_string_array(data, std::vector<std::string>(types.begin(), types.end()));
        std::vector<std::pair<std::string, std::string>> named;
        for (const auto& [id, written] : categories) {
            named.emplace_back(id, options.category_name ? options.category_name(written) : written);
        }
        // By name as people read it: case and accents aside, then exactly.
        auto by_name = [](const auto& a, const auto& b) {
            const std::string fa = fold(a.second);
            const std::string fb = fold(b.second);
            if (fa != fb) {
                return fa < fb;
            }
            return a.second != b.second ? a.second < b.second : a.first < b.first;
        };
        std::sort(named.begin(), named.end(), by_name);
        auto pairs = [&data](const std::vector<std::pair<std::string, std::string>>& list) {
            data += '[';
            for (std::size_t i = 0; i < list.size(); ++i) {
                data += i > 0 ? ",[" : "[";
                append_json_string(data, list[i].first);
                data += ',';
                append_json_string(data, list[i].second);
                data += ']';
            }
            data += ']';
        };
        data += ",\"categories\":";
        pairs(named);
        named.assign(products.begin(), products.end());
        std::sort(named.begin(), named.end(), by_name);
        data += ",\"products\":";
        pairs(named);
        data += '}';
        files.push_back({"facets.js", script("facets", data)});
    }

    // The root.
    {
        std::string data = "{\"v\":" + std::to_string(k_format_version) + ",\"lang\":" + json_string(options.lang) +
                           ",\"stem\":" + json_string(stemmer) + ",\"n\":" + std::to_string(n) + ",\"q\":";
        append_json_number(data, k_quantum);
        data += ",\"w\":{";
        const std::pair<const char*, double> weights[] = {{"title", w.title},
                                                          {"heading", w.heading},
                                                          {"body", w.body},
                                                          {"exact", w.exact},
                                                          {"stem", w.stem},
                                                          {"synonym", w.synonym},
                                                          {"id", w.id},
                                                          {"code", w.code},
                                                          {"phrase", w.phrase},
                                                          {"k1", w.k1},
                                                          {"stopword", w.stopword},
                                                          {"coordination", w.coordination},
                                                          {"proximity", w.proximity},
                                                          {"question", w.question}};
        for (std::size_t i = 0; i < std::size(weights); ++i) {
            if (i > 0) {
                data += ',';
            }
            append_json_string(data, weights[i].first);
            data += ':';
            append_json_number(data, weights[i].second);
        }
        data += "},\"shards\":";
        append_string_array(data, shard_keys);
        data += ",\"dk\":" + std::to_string(dk);
        data += std::string(",\"spell\":") + (spell ? "true" : "false");
        data += ",\"syn\":[";
        const auto groups = terms::synonym_groups(config);
        for (std::size_t g = 0; g < groups.size(); ++g) {
            data += g > 0 ? ",[" : "[";
            for (std::size_t a = 0; a < groups[g].size(); ++a) {
                if (a > 0) {
                    data += ',';
                }
                append_string_array(data, groups[g][a]);
            }
            data += ']';
        }
        data += "],\"stop\":";
        std::vector<std::string> stop;
        for (std::string_view word : terms::stopwords()) {
            stop.emplace_back(word);
        }
        append_string_array(data, stop);
        data += ",\"contact\":" + json_string(config.site_contact_url);
        data += std::string(",\"ascii\":") + (ascii_keys ? "true" : "false");
        data += '}';
        files.push_back({"index.js", script("index", data)});
    }

    std::sort(files.begin(), files.end(),
              [](const BrowserIndexFile& a, const BrowserIndexFile& b) { return a.name < b.name; });
    return files;
}

}  // namespace faqt
