#include "cli/report_coverage.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include "cli/ordered_pool.hpp"
#include "cli/ticket_suggest.hpp"
#include "content/text.hpp"
#include "content/ticket_number.hpp"
#include "index/suggest.hpp"
#include "tickets/reading.hpp"

namespace faqt::cli {

namespace {

constexpr const char* k_no_category = "(none)";  // as tickets/report.hpp names an empty value

// The article counts of one KB category.
struct ArticleCounts {
    std::set<std::string> public_ids;
    std::set<std::string> internal_ids;
    std::set<std::string> open_known_errors;
};

bool is_open_known_error(const Article& article) {
    return article.is_known_error() &&
           (article.status.empty() || article.status == "investigating" || article.status == "workaround");
}

// Articles by KB category, each in its categories and their ancestors
// ("network/vpn" also counts in "network"), each id once: translations of
// one article are one article, public when any of them is.
std::map<std::string, ArticleCounts> count_articles(const std::vector<Article>& articles) {
    std::map<std::string, ArticleCounts> counts;
    std::set<std::string> public_ids;
    for (const Article& a : articles) {
        if (!a.draft && !a.is_internal()) {
            public_ids.insert(a.id);
        }
    }
    for (const Article& a : articles) {
        if (a.draft) {
            continue;
        }
        std::set<std::string> categories;
        for (const std::string& category : a.categories) {
            for (std::size_t slash = category.find('/'); slash != std::string::npos;
                 slash = category.find('/', slash + 1)) {
                categories.insert(category.substr(0, slash));
            }
            categories.insert(category);
        }
        const bool is_public = public_ids.count(a.id) != 0;
        for (const std::string& category : categories) {
            ArticleCounts& c = counts[category];
            (is_public ? c.public_ids : c.internal_ids).insert(a.id);
            if (is_open_known_error(a)) {
                c.open_known_errors.insert(a.id);
            }
        }
    }
    return counts;
}

// The ticket numbers the articles' `tickets` fields list (drafts answer
// nothing yet), as content's ticket_number_key().
std::unordered_set<std::string> listed_tickets(const std::vector<Article>& articles) {
    std::unordered_set<std::string> keys;
    for (const Article& a : articles) {
        if (a.draft) {
            continue;
        }
        for (const std::string& ticket : a.tickets) {
            if (std::string key = ticket_number_key(ticket); !key.empty()) {
                keys.insert(std::move(key));
            }
        }
    }
    return keys;
}

// One sampled ticket, judged.
struct SampleJob {
    std::size_t index = 0;           // into history.tickets
    const Ticket* ticket = nullptr;  // its text
    bool listed = false;
};

struct SampleDone {
    std::size_t index = 0;
    bool confident = false;
    std::string subject;  // read: without "Re:" and ticket tags
    std::string body;     // the customer's own words
    std::string lang;
    std::optional<Error> error;
};

}  // namespace

std::vector<std::size_t> coverage_sample(const TicketHistory& history, const Report& report, std::size_t sample_size) {
    std::vector<std::size_t> sample;
    for (std::size_t i = 0; i < history.tickets.size(); ++i) {
        const bool in_range = i < report.ticket_period.size() && report.ticket_period[i] != std::string::npos;
        if (in_range && history.tickets[i].has_text) {
            sample.push_back(i);
        }
    }
    // Most recent first; of tickets created at the same time, the later in
    // the export first.
    auto newer = [&](std::size_t x, std::size_t y) {
        const auto cx = history.tickets[x].created;
        const auto cy = history.tickets[y].created;
        return cx != cy ? cx > cy : x > y;
    };
    if (sample.size() > sample_size) {
        std::partial_sort(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(sample_size), sample.end(),
                          newer);
        sample.resize(sample_size);
    } else {
        std::sort(sample.begin(), sample.end(), newer);
    }
    return sample;
}

Result<Coverage> measure_coverage(const Config& config, const std::vector<Article>& articles,
                                  const TicketHistory& history, const Report& report,
                                  const std::vector<std::size_t>& sample,
                                  const std::unordered_map<std::string, Ticket>& texts, bool suggest) {
    Coverage coverage;
    coverage.sample_size = sample.size();

    // The category a ticket counts under: its KB category, else its value
    // as written (unmapped), "(none)" when it has none.
    auto category_of = [&](std::size_t i) -> std::pair<std::string, bool> {
        if (i < report.ticket_category.size() && !report.ticket_category[i].empty()) {
            return {report.ticket_category[i], true};
        }
        const std::string& value = history.value(history.tickets[i].category);
        return {value.empty() ? std::string(k_no_category) : value, false};
    };

    std::map<std::string, CategoryCoverage> by_category;
    for (std::size_t i = 0; i < history.tickets.size() && i < report.ticket_period.size(); ++i) {
        if (report.ticket_period[i] == std::string::npos) {
            continue;
        }
        auto [name, mapped] = category_of(i);
        CategoryCoverage& c = by_category[name];
        c.category = name;
        c.mapped = mapped;
        ++c.tickets;
    }
    const auto articles_by_category = count_articles(articles);
    for (auto& [name, c] : by_category) {
        if (!c.mapped) {
            continue;  // no KB category, so no article
        }
        if (auto it = articles_by_category.find(name); it != articles_by_category.end()) {
            c.public_articles = it->second.public_ids.size();
            c.internal_articles = it->second.internal_ids.size();
            c.open_known_errors = it->second.open_known_errors.size();
        }
    }
    // Uncovered: no article at all. "(none)" names no category, so it is
    // never uncovered.
    auto uncovered = [&](const CategoryCoverage& c) {
        return c.public_articles + c.internal_articles == 0 && !(c.category == k_no_category && !c.mapped);
    };

    // The sample: the tickets with their text, listed ones answered at once.
    const auto listed = listed_tickets(articles);
    std::vector<SampleJob> jobs;
    jobs.reserve(sample.size());
    for (std::size_t i : sample) {
        auto text = texts.find(ticket_key(history.tickets[i]));
        if (text == texts.end()) {
            continue;  // its rows hold no text after all
        }
        SampleJob job;
        job.index = i;
        job.ticket = &text->second;
        job.listed = !history.tickets[i].id.empty() && listed.count(ticket_number_key(history.tickets[i].id)) != 0;
        jobs.push_back(job);
    }
    if (jobs.empty()) {
        coverage.not_run = "no ticket has text";
    } else if (!suggest) {
        coverage.not_run = "suggest was not run";
    }
    const bool run = suggest && !jobs.empty();

    // One Suggester per worker; each ticket's result depends on the ticket
    // alone, so on no number of workers, and results are taken in sample
    // order.
    std::vector<Suggester> suggesters;
    const std::size_t workers = run ? std::min(default_worker_count(), jobs.size()) : 1;
    if (run) {
        suggesters.reserve(workers);
        for (std::size_t w = 0; w < workers; ++w) {
            auto suggester = Suggester::open(config);
            if (!suggester) {
                return suggester.error();
            }
            suggesters.push_back(std::move(*suggester));
        }
    }
    std::size_t next = 0;
    auto produce = [&](SampleJob& job) {
        if (next == jobs.size()) {
            return false;
        }
        job = jobs[next++];
        return true;
    };
    auto work = [&](SampleJob& job, std::size_t worker) {
        SampleDone done;
        done.index = job.index;
        Ticket ticket = *job.ticket;
        prepare_export_ticket(ticket, "");
        const TicketText text = read_ticket_text(ticket);
        done.subject = !trim(text.subject).empty() ? text.subject : ticket.subject;
        done.body = text.body;
        done.lang = ticket.lang;
        if (run && !job.listed) {
            auto suggested = suggest_for_ticket(ticket, TicketHints{}, 1, config, suggesters[worker]);
            if (!suggested) {
                done.error = suggested.error();
            } else {
                done.confident = suggested->confident;
            }
        }
        return done;
    };
    std::optional<Error> failure;
    std::vector<SampleDone> results;
    results.reserve(jobs.size());
    auto consume = [&](SampleDone& done) {
        if (done.error) {
            failure = std::move(done.error);
            return false;
        }
        results.push_back(std::move(done));
        return true;
    };
    run_ordered<SampleJob, SampleDone>(workers, 16 * workers, produce, work, consume);
    if (failure) {
        return *failure;
    }

    for (std::size_t k = 0; k < results.size(); ++k) {
        SampleDone& done = results[k];
        const std::size_t i = done.index;
        auto [name, mapped] = category_of(i);
        CategoryCoverage& c = by_category[name];
        const bool is_listed = jobs[k].listed;
        const bool answered = is_listed || done.confident;
        if (run) {
            ++coverage.sampled;
            ++c.sampled;
        }
        if (answered) {
            ++coverage.answered;
            ++c.answered;
        }
        if (is_listed) {
            ++coverage.listed;
        }
        ClusterTicket cluster;
        cluster.category = name == k_no_category && !mapped ? std::string() : name;
        cluster.subject = std::move(done.subject);
        cluster.body = std::move(done.body);
        cluster.lang = std::move(done.lang);
        cluster.period = report.ticket_period[i];
        // Unanswered: no confident suggestion, or a category without an
        // article; what suggest did not judge is only unanswered by its
        // category.
        cluster.unanswered = !is_listed && ((run && !done.confident) || uncovered(c));
        coverage.cluster_input.push_back(std::move(cluster));
    }

    for (auto& [name, c] : by_category) {
        coverage.categories.push_back(std::move(c));
    }
    std::stable_sort(coverage.categories.begin(), coverage.categories.end(),
                     [](const CategoryCoverage& x, const CategoryCoverage& y) { return x.tickets > y.tickets; });
    for (const auto& c : coverage.categories) {
        if (uncovered(c)) {
            coverage.uncovered.push_back(c.category);
        }
    }
    return coverage;
}

}  // namespace faqt::cli
