#include "index/rerank.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "content/text.hpp"
#include "index/schema.hpp"
#include "index/terms.hpp"

namespace faqt {

std::string question_type(const std::vector<std::string>& words) {
    // Only the first few words ask: "what is X", "hi, how do I ...".
    const std::size_t n = std::min<std::size_t>(words.size(), 3);
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& w = words[i];
        if (w == "how") {
            if (i + 1 < words.size()) {
                const std::string& next = words[i + 1];
                if (next == "long" || next == "many" || next == "much" || next == "often" || next == "far" ||
                    next == "old") {
                    return "how-long";
                }
            }
            return "how";
        }
        if (w == "what" || w == "which" || w == "whats" || w == "what's") {
            return "what";
        }
        if (w == "where" || w == "why" || w == "when" || w == "who") {
            return w;
        }
        if (i == 0 && (w == "can" || w == "could" || w == "may" || w == "should" || w == "is" || w == "are" ||
                       w == "does" || w == "do" || w == "did" || w == "will" || w == "would" || w == "was" ||
                       w == "were" || w == "has" || w == "have")) {
            return "yes-no";
        }
    }
    return "";
}

std::string question_type_of_text(std::string_view text) {
    std::vector<std::string> words;
    for (const auto& span : find_words(text)) {
        words.push_back(terms::fold_word(text.substr(span.offset, span.length)));
        if (words.size() == 4) {
            break;
        }
    }
    return question_type(words);
}

std::string encode_field_features(unsigned title_words, unsigned heading_words, std::string_view question_type) {
    std::string out = std::to_string(title_words) + " " + std::to_string(heading_words);
    if (!question_type.empty()) {
        out += ' ';
        out += question_type;
    }
    return out;
}

namespace {

struct FieldFeatures {
    double title = 0;
    double heading = 0;
    std::string question_type;
};

FieldFeatures decode_field_features(std::string_view value) {
    FieldFeatures f;
    const char* p = value.data();
    const char* end = p + value.size();
    unsigned t = 0;
    unsigned h = 0;
    auto r1 = std::from_chars(p, end, t);
    if (r1.ec != std::errc() || r1.ptr == end) {
        return f;
    }
    auto r2 = std::from_chars(r1.ptr + 1, end, h);
    if (r2.ec != std::errc()) {
        return f;
    }
    f.title = t;
    f.heading = h;
    if (r2.ptr != end && r2.ptr + 1 < end) {
        f.question_type.assign(r2.ptr + 1, end);
    }
    return f;
}

// The average title and heading lengths, from the first documents of the
// field-features slot: a sample is enough for a length norm, and reading
// all of a 100,000-article index on every search is not.
std::pair<double, double> average_field_lengths(const Xapian::Database& db) {
    constexpr int k_sample = 1000;
    double title = 0;
    double heading = 0;
    int n = 0;
    for (auto it = db.valuestream_begin(schema::k_slot_fields);
         it != db.valuestream_end(schema::k_slot_fields) && n < k_sample; ++it, ++n) {
        FieldFeatures f = decode_field_features(*it);
        title += f.title;
        heading += f.heading;
    }
    if (n == 0) {
        return {1, 1};
    }
    return {std::max(1.0, title / n), std::max(1.0, heading / n)};
}

// wdf of one term in each candidate (in docid order): one posting list
// walk with skip_to per term.
std::vector<double> term_frequencies(const Xapian::Database& db, const std::string& term,
                                     const std::vector<Xapian::docid>& sorted_ids) {
    std::vector<double> out(sorted_ids.size(), 0.0);
    if (term.empty()) {
        return out;
    }
    Xapian::PostingIterator it = db.postlist_begin(term);
    const Xapian::PostingIterator end = db.postlist_end(term);
    for (std::size_t i = 0; i < sorted_ids.size() && it != end; ++i) {
        it.skip_to(sorted_ids[i]);
        if (it == end) {
            break;
        }
        if (*it == sorted_ids[i]) {
            out[i] = it.get_wdf();
        }
    }
    return out;
}

// What rerank() reads, through the cache when there is one.
class Reader {
public:
    Reader(const Xapian::Database& db, RerankCache* cache) : m_db(db), m_cache(cache) {}

    Xapian::doccount term_freq(const std::string& term) {
        if (m_cache == nullptr) {
            return m_db.get_termfreq(term);
        }
        auto it = m_cache->term_freqs.find(term);
        if (it != m_cache->term_freqs.end()) {
            return it->second;
        }
        if (m_cache->term_freqs.size() >= RerankCache::k_max_entries) {
            m_cache->term_freqs.clear();
        }
        const Xapian::doccount df = m_db.get_termfreq(term);
        m_cache->term_freqs.emplace(term, df);
        return df;
    }

    std::vector<double> frequencies(const std::string& term, const std::vector<Xapian::docid>& sorted_ids) {
        if (m_cache == nullptr || term.empty()) {
            return term_frequencies(m_db, term, sorted_ids);
        }
        auto it = m_cache->postings.find(term);
        if (it == m_cache->postings.end()) {
            if (term_freq(term) > RerankCache::k_max_term_postings) {
                return term_frequencies(m_db, term, sorted_ids);
            }
            std::vector<std::pair<Xapian::docid, Xapian::termcount>> list;
            for (auto p = m_db.postlist_begin(term); p != m_db.postlist_end(term); ++p) {
                list.emplace_back(*p, p.get_wdf());
            }
            if (m_cache->postings_kept + list.size() > RerankCache::k_max_postings ||
                m_cache->postings.size() >= RerankCache::k_max_entries) {
                m_cache->postings.clear();
                m_cache->postings_kept = 0;
            }
            m_cache->postings_kept += list.size();
            it = m_cache->postings.emplace(term, std::move(list)).first;
        }
        const auto& list = it->second;
        std::vector<double> out(sorted_ids.size(), 0.0);
        auto p = list.begin();
        for (std::size_t i = 0; i < sorted_ids.size() && p != list.end(); ++i) {
            p = std::lower_bound(p, list.end(), sorted_ids[i],
                                 [](const auto& posting, Xapian::docid id) { return posting.first < id; });
            if (p != list.end() && p->first == sorted_ids[i]) {
                out[i] = p->second;
            }
        }
        return out;
    }

    // The positions of term in the title of docid (positions 1..title_words).
    void title_positions(const std::string& term, Xapian::docid docid, double title_words,
                         std::vector<Xapian::termpos>& into) {
        if (m_cache == nullptr) {
            read_title_positions(term, docid, title_words, into);
            return;
        }
        std::string key = term;
        key += '\0';
        key += std::to_string(docid);
        auto it = m_cache->title_positions.find(key);
        if (it == m_cache->title_positions.end()) {
            if (m_cache->title_positions.size() >= RerankCache::k_max_entries) {
                m_cache->title_positions.clear();
            }
            std::vector<Xapian::termpos> positions;
            read_title_positions(term, docid, title_words, positions);
            it = m_cache->title_positions.emplace(std::move(key), std::move(positions)).first;
        }
        into.insert(into.end(), it->second.begin(), it->second.end());
    }

    // Lengths and field features of candidates in docid order.
    void articles(const std::vector<Xapian::docid>& ids, std::vector<double>& doc_length,
                  std::vector<FieldFeatures>& fields) {
        std::vector<std::size_t> missing;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (m_cache != nullptr) {
                auto it = m_cache->articles.find(ids[i]);
                if (it != m_cache->articles.end()) {
                    doc_length[i] = it->second.length;
                    fields[i] = {it->second.title, it->second.heading, it->second.question_type};
                    continue;
                }
            }
            missing.push_back(i);
        }
        if (missing.empty()) {
            return;
        }
        Xapian::ValueIterator v = m_db.valuestream_begin(schema::k_slot_fields);
        const Xapian::ValueIterator v_end = m_db.valuestream_end(schema::k_slot_fields);
        for (std::size_t i : missing) {
            doc_length[i] = m_db.get_doclength(ids[i]);
            if (v != v_end) {
                v.skip_to(ids[i]);
                if (v != v_end && v.get_docid() == ids[i]) {
                    fields[i] = decode_field_features(*v);
                }
            }
        }
        if (m_cache != nullptr) {
            if (m_cache->articles.size() + missing.size() > RerankCache::k_max_entries) {
                m_cache->articles.clear();
            }
            for (std::size_t i : missing) {
                m_cache->articles[ids[i]] = {doc_length[i], fields[i].title, fields[i].heading,
                                             fields[i].question_type};
            }
        }
    }

    std::pair<double, double> average_field_lengths() {
        if (m_cache == nullptr) {
            return faqt::average_field_lengths(m_db);
        }
        if (!m_cache->average_field_lengths) {
            m_cache->average_field_lengths = faqt::average_field_lengths(m_db);
        }
        return *m_cache->average_field_lengths;
    }

private:
    void read_title_positions(const std::string& term, Xapian::docid docid, double title_words,
                              std::vector<Xapian::termpos>& into) {
        for (auto p = m_db.positionlist_begin(docid, term); p != m_db.positionlist_end(docid, term); ++p) {
            if (*p > title_words) {
                break;
            }
            into.push_back(*p);
        }
    }

    const Xapian::Database& m_db;
    RerankCache* m_cache;
};

double norm(double b, double length, double average) {
    return 1 - b + b * length / average;
}

}  // namespace

void RerankCache::clear() {
    articles.clear();
    average_field_lengths.reset();
    term_freqs.clear();
    postings.clear();
    postings_kept = 0;
    title_positions.clear();
}

void rerank(const Xapian::Database& db, const RankQuery& query, const RankingWeights& w,
            std::vector<RankCandidate>& candidates, bool explain, RerankCache* rerank_cache) {
    if (candidates.empty() || query.groups.empty()) {
        return;
    }
    // Candidates in docid order, for the posting-list walks.
    std::vector<std::size_t> order(candidates.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return candidates[a].docid < candidates[b].docid; });
    std::vector<Xapian::docid> ids;
    for (std::size_t i : order) {
        ids.push_back(candidates[i].docid);
    }
    const std::size_t n = ids.size();

    // Per candidate (docid order): lengths and question type.
    std::vector<double> doc_length(n);
    std::vector<FieldFeatures> fields(n);
    Reader reader(db, rerank_cache);
    reader.articles(ids, doc_length, fields);
    const double average_length = std::max(1.0, db.get_avlength());
    const auto [average_title, average_heading] = reader.average_field_lengths();
    const double documents = std::max<double>(1, db.get_doccount());

    std::vector<double> bm25f(n, 0.0);
    std::vector<double> matched(n, 0.0);
    double total_weight = 0;
    std::vector<std::vector<WordScore>> words(explain ? n : 0);
    std::unordered_map<std::string, std::vector<double>> cache;
    auto tf = [&](const std::string& term) -> const std::vector<double>& {
        auto it = cache.find(term);
        if (it == cache.end()) {
            it = cache.emplace(term, reader.frequencies(term, ids)).first;
        }
        return it->second;
    };
    // Per group: idf and, per candidate, where in the title the word is.
    std::vector<double> group_idf(query.groups.size(), 0.0);
    std::vector<std::vector<std::vector<Xapian::termpos>>> title_positions(query.groups.size());
    for (std::size_t gi = 0; gi < query.groups.size(); ++gi) {
        const RankGroup& g = query.groups[gi];
        // idf of the word: its most frequent form, synonyms too (all say the same).
        double df = 0;
        for (const auto& t : g.text) {
            df = std::max<double>(df, reader.term_freq(t.term));
        }
        for (const auto& t : g.title) {
            df = std::max<double>(df, reader.term_freq(t.term));
        }
        if (df == 0 && g.id.empty()) {
            continue;  // in no article: it neither scores nor counts
        }
        const double idf = std::log(1 + (documents - df + 0.5) / (df + 0.5));
        group_idf[gi] = idf;
        if (g.counts) {
            total_weight += g.weight;
        }
        std::vector<double> text(n, 0.0);
        std::vector<double> title(n, 0.0);
        std::vector<double> heading(n, 0.0);
        std::vector<double> id(n, 0.0);
        for (const auto& t : g.text) {
            const auto& f = tf(t.term);
            for (std::size_t i = 0; i < n; ++i) {
                text[i] += t.weight * f[i];
            }
        }
        // A title term is a stem: its forms are one word, counted once.
        for (const auto& t : g.title) {
            const auto& f = tf(t.term);
            for (std::size_t i = 0; i < n; ++i) {
                title[i] = std::max(title[i], t.weight * f[i]);
            }
        }
        for (const auto& t : g.heading) {
            const auto& f = tf(t.term);
            for (std::size_t i = 0; i < n; ++i) {
                heading[i] = std::max(heading[i], t.weight * f[i]);
            }
        }
        if (!g.id.empty()) {
            id = tf(g.id);
        }
        // The title holds positions 1..title words (the next field starts
        // k_field_gap later), read only where the title has the word.
        if (w.proximity > 0) {
            title_positions[gi].resize(n);
            for (std::size_t i = 0; i < n; ++i) {
                if (title[i] <= 0) {
                    continue;
                }
                for (const auto& t : g.text) {
                    if (tf(t.term)[i] <= 0) {
                        continue;
                    }
                    reader.title_positions(t.term, ids[i], fields[i].title, title_positions[gi][i]);
                }
            }
        }
        for (std::size_t i = 0; i < n; ++i) {
            const double combined = w.body * text[i] / norm(w.text_b, doc_length[i], average_length) +
                                    w.title * title[i] / norm(w.title_b, fields[i].title, average_title) +
                                    w.heading * heading[i] / norm(w.heading_b, fields[i].heading, average_heading) +
                                    w.id * id[i];
            if (combined <= 0) {
                continue;
            }
            const double part = g.weight * idf * combined * (w.k1 + 1) / (w.k1 + combined);
            bm25f[i] += part;
            if (g.counts) {
                matched[i] += g.weight;
            }
            if (explain) {
                words[i].push_back({g.word, g.weight, title[i], heading[i], text[i], id[i], part});
            }
        }
    }
    // Proximity: consecutive query words side by side in the title ("how
    // long", "in children"), each pair worth the mean of its words' weighted idf.
    std::vector<double> proximity(n, 0.0);
    std::vector<std::size_t> pairs(n, 0);
    if (w.proximity > 0) {
        for (std::size_t k = 0; k + 1 < query.sequence.size(); ++k) {
            const std::size_t a = query.sequence[k];
            const std::size_t b = query.sequence[k + 1];
            if (a == b || a >= query.groups.size() || b >= query.groups.size() || title_positions[a].empty() ||
                title_positions[b].empty()) {
                continue;
            }
            const double worth = (query.groups[a].weight * group_idf[a] + query.groups[b].weight * group_idf[b]) / 2;
            for (std::size_t i = 0; i < n; ++i) {
                const auto& pa = title_positions[a][i];
                const auto& pb = title_positions[b][i];
                const bool adjacent = std::any_of(pa.begin(), pa.end(), [&](Xapian::termpos p) {
                    return std::find(pb.begin(), pb.end(), p + 1) != pb.end();
                });
                if (adjacent) {
                    proximity[i] += w.proximity * worth;
                    ++pairs[i];
                }
            }
        }
    }
    for (std::size_t k = 0; k < n; ++k) {
        RankCandidate& c = candidates[order[k]];
        const double coordination = total_weight > 0 ? std::pow(matched[k] / total_weight, w.coordination) : 1.0;
        const bool same_question = !query.question_type.empty() && query.question_type == fields[k].question_type;
        const double question = same_question ? w.question : 0.0;
        c.score = (bm25f[k] + proximity[k]) * coordination * (1 + question) + w.base * c.base;
        if (explain) {
            ScoreExplanation& e = c.explanation;
            e.words = std::move(words[k]);
            e.bm25f = bm25f[k];
            e.proximity = proximity[k];
            e.title_pairs = pairs[k];
            e.coordination = coordination;
            e.query_type = query.question_type;
            e.title_type = fields[k].question_type;
            e.question = question;
            e.base = c.base;
            e.final_score = c.score;
            e.reranked = true;
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const RankCandidate& a, const RankCandidate& b) { return a.score > b.score; });
}

}  // namespace faqt
