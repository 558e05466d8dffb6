#include "tickets/write_next.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "content/stopwords.hpp"
#include "content/text.hpp"

namespace faqt {

namespace {

// However long a ticket is, its first words say what it is about; reading
// only those keeps 10,000 long tickets well under a second.
constexpr std::size_t k_max_subject_words = 64;
constexpr std::size_t k_max_body_words = 200;
// The bytes of a body handed to find_words(): enough for k_max_body_words
// words of any script, so a 1 MB body is not read to the end.
constexpr std::size_t k_max_body_bytes = k_max_body_words * 16;
// A phrase takes its word's place when it holds at least this share of the
// word's tickets: "certificate expired" says more than "certificate".
constexpr double k_phrase_share = 0.8;
// Added to every count of the log-odds, so a term seen in no other ticket
// does not get an infinite weight.
constexpr double k_smoothing = 0.5;
constexpr std::uint32_t k_none = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t k_no_seed = std::numeric_limits<std::size_t>::max();  // the "other" cluster

struct TicketTerm {
    std::uint32_t term = 0;
    std::uint32_t weight = 1;  // 2 when in the subject
};

bool is_number(std::string_view folded) {
    return std::all_of(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::uint64_t pair_key(std::uint32_t first, std::uint32_t second) {
    return (static_cast<std::uint64_t>(first) << 32) | second;
}

// Words and two-word phrases, each a term id. A phrase is two kept words
// next to each other, with no stopword or number between them; only those
// enough unanswered tickets of one category hold become terms, so the
// millions of word pairs of long bodies are never all kept.
class Vocabulary {
public:
    // The term of a word as written, k_none when it is not a term (a
    // stopword, a request word such as "please", a number, a lone ASCII
    // character).
    std::uint32_t word(std::string_view raw) {
        const std::uint64_t hash = std::hash<std::string_view>{}(raw);
        std::size_t at = find_slot(raw, hash);
        if (m_slots[at].key != k_none) {
            return m_slots[at].term;
        }
        std::uint32_t id = k_none;
        std::string folded = fold(raw);
        if (!folded.empty() && !is_number(folded) && !is_stopword(folded) && !is_request_word(folded) &&
            !(folded.size() == 1 && static_cast<unsigned char>(folded[0]) < 0x80)) {
            auto [word, added] = m_words.try_emplace(folded, static_cast<std::uint32_t>(m_terms.size()));
            if (added) {
                m_terms.push_back({word->second, k_none});
                m_text.push_back(folded);
                m_starts_phrase.push_back(false);
            }
            id = word->second;
        }
        if (2 * (m_raw.size() + 1) > m_slots.size()) {
            grow();
            at = find_slot(raw, hash);
        }
        m_slots[at] = {hash, static_cast<std::uint32_t>(m_raw.size()), id};
        m_raw.emplace_back(raw);
        return id;
    }

    // Makes the two words' key (pair_key()) a phrase term.
    void add_phrase(std::uint64_t key) {
        auto [at, added] = m_phrases.try_emplace(key, static_cast<std::uint32_t>(m_terms.size()));
        if (added) {
            m_terms.push_back({static_cast<std::uint32_t>(key >> 32), static_cast<std::uint32_t>(key)});
            m_text.emplace_back();
            m_starts_phrase.push_back(false);
            m_starts_phrase[key >> 32] = true;
        }
    }

    // The phrase term of two words, k_none when it is none.
    std::uint32_t find_phrase(std::uint32_t first, std::uint32_t second) const {
        if (!m_starts_phrase[first]) {
            return k_none;  // most words start no phrase: no lookup
        }
        auto at = m_phrases.find(pair_key(first, second));
        return at == m_phrases.end() ? k_none : at->second;
    }

    std::size_t size() const { return m_terms.size(); }
    bool is_phrase(std::uint32_t term) const { return m_terms[term].second != k_none; }
    std::uint32_t first(std::uint32_t term) const { return m_terms[term].first; }
    std::uint32_t second(std::uint32_t term) const { return m_terms[term].second; }

    std::string text(std::uint32_t term) const {
        if (!is_phrase(term)) {
            return m_text[term];
        }
        return m_text[m_terms[term].first] + " " + m_text[m_terms[term].second];
    }

    bool shares_word(std::uint32_t a, std::uint32_t b) const {
        const auto& x = m_terms[a];
        const auto& y = m_terms[b];
        // A word's first is itself.
        return x.first == y.first || x.first == y.second ||
               (x.second != k_none && (x.second == y.first || x.second == y.second));
    }

private:
    struct Term {
        std::uint32_t first;   // the word itself, or a phrase's first word
        std::uint32_t second;  // a phrase's second word, k_none for a word
    };
    // Words as written → term (or k_none), in open addressing: every word
    // of every ticket is looked up here, and a hash node per word would
    // cost a cache miss each.
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t key = k_none;  // in m_raw; k_none: empty
        std::uint32_t term = k_none;
    };

    std::size_t find_slot(std::string_view raw, std::uint64_t hash) const {
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
            const Slot& slot = m_slots[at];
            if (slot.key == k_none || (slot.hash == hash && m_raw[slot.key] == raw)) {
                return at;
            }
        }
    }

    void grow() {
        std::vector<Slot> old(m_slots.size() * 2);
        old.swap(m_slots);
        const std::size_t mask = m_slots.size() - 1;
        for (const Slot& slot : old) {
            if (slot.key != k_none) {
                std::size_t at = slot.hash & mask;
                while (m_slots[at].key != k_none) {
                    at = (at + 1) & mask;
                }
                m_slots[at] = slot;
            }
        }
    }

    std::vector<Slot> m_slots = std::vector<Slot>(1024);
    std::vector<std::string> m_raw;
    std::unordered_map<std::string, std::uint32_t> m_words;  // folded → term
    std::unordered_map<std::uint64_t, std::uint32_t> m_phrases;
    std::vector<Term> m_terms;
    std::vector<std::string> m_text;    // words' folded text; "" for phrases
    std::vector<bool> m_starts_phrase;  // per term: a word that is the first of a phrase
};

// The words of one text in order, at most max_words read: each kept
// word's term, k_none for a dropped one (it parts the words around it).
void add_text_words(Vocabulary& vocabulary, std::string_view text, std::size_t max_words,
                    std::vector<std::uint32_t>& out) {
    std::size_t read = 0;
    for (const WordSpan& span : find_words(text)) {
        if (read++ == max_words) {
            break;
        }
        out.push_back(vocabulary.word(text.substr(span.offset, span.length)));
    }
}

// The start of a body, cut where a line or a space ends so no word is cut.
std::string_view body_start(std::string_view body) {
    if (body.size() <= k_max_body_bytes) {
        return body;
    }
    std::size_t end = k_max_body_bytes;
    while (end > 0 && body[end] != ' ' && body[end] != '\n' && body[end] != '\t') {
        --end;
    }
    if (end == 0) {
        // No space at all (a script without spaces): cut before a UTF-8
        // sequence instead.
        end = k_max_body_bytes;
        while (end > 0 && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80) {
            --end;
        }
    }
    return body.substr(0, end);
}

// A subject on one line, its runs of spaces as one space.
std::string one_line_subject(std::string_view subject) {
    std::string out;
    bool space = false;
    for (char c : subject) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c;
    }
    return out;
}

struct Candidate {
    std::uint32_t term = 0;
    std::uint32_t tickets = 0;  // unanswered tickets of the category holding it
    double weight = 0;          // the z-score of the log-odds
    double rank = 0;            // weight, or that of a word the phrase beats
    std::string text;
};

}  // namespace

std::vector<WriteNextCluster> cluster_unanswered(const std::vector<ClusterTicket>& tickets, std::size_t periods,
                                                 const std::string& default_lang) {
    // The stopword list holds every language faqt knows, so the language
    // does not change which words are dropped.
    static_cast<void>(default_lang);
    std::vector<WriteNextCluster> clusters;

    // Each ticket's kept words in order: the subject's, k_none, the body's.
    Vocabulary vocabulary;
    std::vector<std::uint32_t> words;
    std::vector<std::size_t> word_starts(tickets.size() + 1, 0);
    std::vector<std::size_t> subject_ends(tickets.size(), 0);
    for (std::size_t i = 0; i < tickets.size(); ++i) {
        add_text_words(vocabulary, tickets[i].subject, k_max_subject_words, words);
        subject_ends[i] = words.size();
        words.push_back(k_none);
        add_text_words(vocabulary, body_start(tickets[i].body), k_max_body_words, words);
        word_starts[i + 1] = words.size();
    }

    std::map<std::string, std::vector<std::size_t>> by_category;  // sorted, so the work is in one order
    for (std::size_t i = 0; i < tickets.size(); ++i) {
        if (tickets[i].unanswered) {
            by_category[tickets[i].category].push_back(i);
        }
    }

    // The phrases worth weighing: held by enough unanswered tickets of one
    // category.
    {
        struct Held {
            std::uint32_t tickets = 0;
            std::uint32_t last = k_none;  // the last ticket seen holding it
        };
        std::unordered_map<std::uint64_t, Held> held;
        for (const auto& [category, members] : by_category) {
            held.clear();
            for (std::size_t i : members) {
                for (std::size_t k = word_starts[i] + 1; k < word_starts[i + 1]; ++k) {
                    if (words[k - 1] != k_none && words[k] != k_none && words[k - 1] != words[k]) {
                        Held& h = held[pair_key(words[k - 1], words[k])];
                        if (h.last != i) {
                            h.last = static_cast<std::uint32_t>(i);
                            ++h.tickets;
                        }
                    }
                }
            }
            std::vector<std::uint64_t> phrases;
            for (const auto& [key, h] : held) {
                if (h.tickets >= k_min_cluster_tickets) {
                    phrases.push_back(key);
                }
            }
            std::sort(phrases.begin(), phrases.end());  // term ids in one order, whatever the hash does
            for (std::uint64_t key : phrases) {
                vocabulary.add_phrase(key);
            }
        }
    }

    // Each ticket's distinct terms, all tickets in one array, with a
    // subject's counting twice; and how much of all tickets hold each.
    std::vector<TicketTerm> terms;
    std::vector<std::size_t> starts(tickets.size() + 1, 0);
    std::vector<std::uint32_t> seen_in(vocabulary.size(), k_none);  // the last ticket a term was seen in
    std::vector<std::size_t> seen_at(vocabulary.size(), 0);         // and where in terms
    for (std::size_t i = 0; i < tickets.size(); ++i) {
        auto add = [&](std::uint32_t term, std::uint32_t weight) {
            if (seen_in[term] != i) {
                seen_in[term] = static_cast<std::uint32_t>(i);
                seen_at[term] = terms.size();
                terms.push_back({term, weight});
            } else {
                terms[seen_at[term]].weight = std::max(terms[seen_at[term]].weight, weight);
            }
        };
        for (std::size_t k = word_starts[i]; k < word_starts[i + 1]; ++k) {
            if (words[k] == k_none) {
                continue;
            }
            const std::uint32_t weight = k < subject_ends[i] ? 2 : 1;
            add(words[k], weight);
            if (k > word_starts[i] && words[k - 1] != k_none) {
                const std::uint32_t phrase = vocabulary.find_phrase(words[k - 1], words[k]);
                if (phrase != k_none) {
                    add(phrase, weight);
                }
            }
        }
        starts[i + 1] = terms.size();
    }
    std::vector<std::uint32_t>().swap(words);
    std::vector<std::uint32_t> all_weight(vocabulary.size(), 0);
    for (const TicketTerm& t : terms) {
        all_weight[t.term] += t.weight;
    }

    const double all_slots = 2.0 * static_cast<double>(tickets.size());
    std::vector<std::uint32_t> count(vocabulary.size(), 0);
    std::vector<std::uint32_t> weight(vocabulary.size(), 0);
    std::vector<std::uint32_t> position(vocabulary.size(), k_none);  // in the ranked candidates
    std::vector<std::uint32_t> touched;

    for (const auto& [category, members] : by_category) {
        touched.clear();
        for (std::size_t i : members) {
            for (std::size_t k = starts[i]; k < starts[i + 1]; ++k) {
                const TicketTerm& t = terms[k];
                if (count[t.term] == 0) {
                    touched.push_back(t.term);
                }
                ++count[t.term];
                weight[t.term] += t.weight;
            }
        }

        // The log-odds of a term in these tickets against all tickets, over
        // two slots per ticket (a subject's words fill both), divided by its
        // standard error as Monroe, Colaresi and Quinn's "Fightin' Words"
        // approximate it (1/a + 1/b): a term many of these tickets hold and
        // few others do weighs most, and a term of two tickets cannot
        // outweigh one of twenty only by being rarer elsewhere.
        const double slots = 2.0 * static_cast<double>(members.size());
        std::vector<Candidate> candidates;
        for (std::uint32_t term : touched) {
            if (count[term] < k_min_cluster_tickets) {
                continue;
            }
            const double a = weight[term];
            const double b = all_weight[term];
            const double log_odds = std::log((a + k_smoothing) / (slots - a + k_smoothing)) -
                                    std::log((b + k_smoothing) / (all_slots - b + k_smoothing));
            if (log_odds <= 0) {
                continue;  // no more common here than anywhere: "please", "help"
            }
            const double variance = 1.0 / (a + k_smoothing) + 1.0 / (b + k_smoothing);
            Candidate c;
            c.term = term;
            c.tickets = count[term];
            c.weight = log_odds / std::sqrt(variance);
            c.rank = c.weight;
            candidates.push_back(std::move(c));
        }
        for (std::size_t k = 0; k < candidates.size(); ++k) {
            position[candidates[k].term] = static_cast<std::uint32_t>(k);
        }
        for (Candidate& c : candidates) {
            if (!vocabulary.is_phrase(c.term)) {
                continue;
            }
            for (std::uint32_t word : {vocabulary.first(c.term), vocabulary.second(c.term)}) {
                const std::uint32_t at = position[word];
                if (at != k_none && c.tickets >= k_phrase_share * candidates[at].tickets) {
                    c.rank = std::max(c.rank, candidates[at].weight);
                }
            }
        }
        for (Candidate& c : candidates) {
            position[c.term] = k_none;
            c.text = vocabulary.text(c.term);
        }
        // A phrase that ranks as its word goes first, so it takes the
        // tickets before the word does.
        std::sort(candidates.begin(), candidates.end(), [&](const Candidate& x, const Candidate& y) {
            if (x.rank != y.rank) {
                return x.rank > y.rank;
            }
            const bool xp = vocabulary.is_phrase(x.term);
            const bool yp = vocabulary.is_phrase(y.term);
            if (xp != yp) {
                return xp;
            }
            if (x.tickets != y.tickets) {
                return x.tickets > y.tickets;
            }
            return x.text < y.text;
        });
        for (std::size_t k = 0; k < candidates.size(); ++k) {
            position[candidates[k].term] = static_cast<std::uint32_t>(k);
        }

        // Which of these tickets (by their place in members) hold each candidate.
        std::vector<std::vector<std::uint32_t>> holders(candidates.size());
        for (std::size_t m = 0; m < members.size(); ++m) {
            const std::size_t i = members[m];
            for (std::size_t k = starts[i]; k < starts[i + 1]; ++k) {
                const std::uint32_t at = position[terms[k].term];
                if (at != k_none) {
                    holders[at].push_back(static_cast<std::uint32_t>(m));
                }
            }
        }

        std::vector<std::uint32_t> held_by(candidates.size(), 0);  // per cluster, emptied after
        auto add_cluster = [&](const std::vector<std::uint32_t>& held, std::size_t seed) {
            WriteNextCluster cluster;
            cluster.category = category;
            cluster.tickets = held.size();
            cluster.per_period.assign(periods, 0);
            std::vector<std::size_t> order;
            order.reserve(held.size());
            for (std::uint32_t m : held) {
                order.push_back(members[m]);
                if (tickets[members[m]].period < periods) {
                    ++cluster.per_period[tickets[members[m]].period];
                }
            }
            if (seed != k_no_seed) {
                // The seed, then the best terms most of its tickets hold
                // that repeat no word of a term already named.
                std::vector<std::uint32_t> common;  // positions of the terms enough of them hold
                for (std::size_t i : order) {
                    for (std::size_t k = starts[i]; k < starts[i + 1]; ++k) {
                        const std::uint32_t at = position[terms[k].term];
                        if (at != k_none && held_by[at]++ == 0) {
                            common.push_back(at);
                        }
                    }
                }
                const std::size_t enough = std::max(k_min_cluster_tickets, (held.size() + 1) / 2);
                std::erase_if(common, [&](std::uint32_t at) {
                    const bool few = held_by[at] < enough;
                    held_by[at] = 0;
                    return few;
                });
                std::sort(common.begin(), common.end());
                std::vector<std::uint32_t> named{candidates[seed].term};
                cluster.terms.push_back(candidates[seed].text);
                for (std::uint32_t at : common) {
                    if (cluster.terms.size() == k_cluster_terms) {
                        break;
                    }
                    const std::uint32_t term = candidates[at].term;
                    if (std::any_of(named.begin(), named.end(),
                                    [&](std::uint32_t n) { return vocabulary.shares_word(n, term); })) {
                        continue;
                    }
                    named.push_back(term);
                    cluster.terms.push_back(candidates[at].text);
                }
            }
            // Most recent first: later periods first; within a period, the
            // order given (the report gives its sample most recent first).
            std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
                const std::size_t px = tickets[x].period < periods ? tickets[x].period : 0;
                const std::size_t py = tickets[y].period < periods ? tickets[y].period : 0;
                return px > py;
            });
            std::unordered_set<std::string> seen;
            for (std::size_t i : order) {
                if (cluster.examples.size() == k_cluster_examples) {
                    break;
                }
                std::string subject = one_line_subject(tickets[i].subject);
                if (!subject.empty() && seen.insert(fold(subject)).second) {
                    cluster.examples.push_back(std::move(subject));
                }
            }
            clusters.push_back(std::move(cluster));
        };

        // Greedy: the best term takes the tickets that hold it and are in
        // no cluster yet, when there are enough of them.
        std::vector<bool> taken(members.size(), false);
        std::vector<std::uint32_t> held;
        for (std::size_t at = 0; at < candidates.size(); ++at) {
            held.clear();
            for (std::uint32_t m : holders[at]) {
                if (!taken[m]) {
                    held.push_back(m);
                }
            }
            if (held.size() < k_min_cluster_tickets) {
                continue;
            }
            for (std::uint32_t m : held) {
                taken[m] = true;
            }
            add_cluster(held, at);
        }
        held.clear();
        for (std::size_t m = 0; m < members.size(); ++m) {
            if (!taken[m]) {
                held.push_back(static_cast<std::uint32_t>(m));
            }
        }
        if (!held.empty()) {
            add_cluster(held, k_no_seed);
        }

        for (std::uint32_t term : touched) {
            count[term] = 0;
            weight[term] = 0;
            position[term] = k_none;
        }
    }

    std::sort(clusters.begin(), clusters.end(), [](const WriteNextCluster& x, const WriteNextCluster& y) {
        if (x.tickets != y.tickets) {
            return x.tickets > y.tickets;
        }
        if (x.category != y.category) {
            return x.category < y.category;
        }
        return x.terms < y.terms;
    });
    return clusters;
}

}  // namespace faqt
