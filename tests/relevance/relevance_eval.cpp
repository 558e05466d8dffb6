// Measures ranking on a fixture: every query of a TSV file (query, TAB,
// expected article id; '#' comments) is run through faqt's search library
// against a temporary copy of a KB, and the test fails when success@K or
// MRR@10 falls below the floors given on the command line.
//
//   relevance_eval --kb DIR --queries FILE [--toml FILE] [--at K]
//                  [--min-success X] [--min-mrr Y] [--weights k=v,...] [--verbose] [--no-correct]
//
// --toml writes FILE as faqt.toml into the copy (for corpora without one).
// --weights overrides RankingWeights for tuning runs, e.g. title=4,body=1.
// Exit status: 0 pass, 1 below a floor, 2 usage, 77 fixture missing (skip).

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "content/config.hpp"
#include "index/index.hpp"
#include "index/search.hpp"

namespace fs = std::filesystem;

namespace {

struct Case {
    std::string query;
    std::string expected;
    int line = 0;
};

std::vector<Case> read_cases(const fs::path& file) {
    std::vector<Case> cases;
    std::ifstream in(file);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty() || line[0] == '#') {
            continue;
        }
        auto tab = line.find('\t');
        if (tab == std::string::npos) {
            std::cerr << file.string() << ":" << number << ": no TAB; skipped\n";
            continue;
        }
        cases.push_back({line.substr(0, tab), line.substr(tab + 1), number});
        while (!cases.back().expected.empty() && cases.back().expected.back() == ' ') {
            cases.back().expected.pop_back();
        }
    }
    return cases;
}

bool set_weight(faqt::RankingWeights& w, const std::string& name, double value) {
    std::map<std::string, double*> fields = {
        {"title", &w.title},
        {"heading", &w.heading},
        {"body", &w.body},
        {"exact", &w.exact},
        {"stem", &w.stem},
        {"synonym", &w.synonym},
        {"id", &w.id},
        {"code", &w.code},
        {"phrase", &w.phrase},
        {"k1", &w.bm25_k1},
        {"b", &w.bm25_b},
        {"title_b", &w.title_b},
        {"heading_b", &w.heading_b},
        {"stopword", &w.stopword},
        {"coordination", &w.coordination},
        {"question", &w.question},
        {"base", &w.base},
        {"depth", &w.rerank_depth},
        {"f_k1", &w.k1},
        {"text_b", &w.text_b},
        {"proximity", &w.proximity},
    };
    auto it = fields.find(name);
    if (it == fields.end()) {
        return false;
    }
    *it->second = value;
    return true;
}

void copy_kb(const fs::path& from, const fs::path& to) {
    fs::create_directories(to);
    for (auto it = fs::recursive_directory_iterator(from); it != fs::recursive_directory_iterator(); ++it) {
        const auto& entry = *it;
        auto relative = fs::relative(entry.path(), from);
        if (relative.begin()->string() == ".faqt") {
            it.disable_recursion_pending();
            continue;
        }
        if (entry.is_directory()) {
            fs::create_directories(to / relative);
        } else if (entry.is_regular_file()) {
            fs::copy_file(entry.path(), to / relative, fs::copy_options::overwrite_existing);
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    fs::path kb_dir;
    fs::path queries;
    fs::path toml;
    int at = 1;
    double min_success = 0;
    double min_mrr = 0;
    bool verbose = false;
    bool correct = true;
    faqt::RankingWeights weights;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << "relevance_eval: " << arg << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--kb") {
            kb_dir = next();
        } else if (arg == "--queries") {
            queries = next();
        } else if (arg == "--toml") {
            toml = next();
        } else if (arg == "--at") {
            at = std::stoi(next());
        } else if (arg == "--min-success") {
            min_success = std::stod(next());
        } else if (arg == "--min-mrr") {
            min_mrr = std::stod(next());
        } else if (arg == "--verbose" || arg == "-v") {
            verbose = true;
        } else if (arg == "--no-correct") {
            correct = false;
        } else if (arg == "--weights") {
            std::stringstream list(next());
            for (std::string item; std::getline(list, item, ',');) {
                auto eq = item.find('=');
                if (eq == std::string::npos ||
                    !set_weight(weights, item.substr(0, eq), std::stod(item.substr(eq + 1)))) {
                    std::cerr << "relevance_eval: bad weight '" << item << "'\n";
                    return 2;
                }
            }
        } else {
            std::cerr << "relevance_eval: unknown argument " << arg << "\n";
            return 2;
        }
    }
    if (kb_dir.empty() || queries.empty()) {
        std::cerr << "usage: relevance_eval --kb DIR --queries FILE [--toml FILE] [--at K] [--min-success X] "
                     "[--min-mrr Y] [--weights k=v,...] [--verbose]\n";
        return 2;
    }
    if (!fs::is_directory(kb_dir)) {
        std::cout << "fixture " << kb_dir.string() << " is missing; skipped\n";
        return 77;
    }
    auto cases = read_cases(queries);
    if (cases.empty()) {
        std::cerr << "relevance_eval: no queries in " << queries.string() << "\n";
        return 2;
    }

    // The index goes into a copy, never into the source tree.
    fs::path copy = fs::temp_directory_path() / ("faqt-relevance-" + std::to_string(getpid()));
    fs::remove_all(copy);
    copy_kb(kb_dir, copy);
    if (!toml.empty()) {
        fs::copy_file(toml, copy / "faqt.toml", fs::copy_options::overwrite_existing);
    }
    struct Cleanup {
        fs::path path;
        ~Cleanup() {
            std::error_code ec;
            fs::remove_all(path, ec);
        }
    } cleanup{copy};

    auto loaded = faqt::load_config(copy);
    if (!loaded) {
        std::cerr << "relevance_eval: " << loaded.error().message << "\n";
        return 2;
    }
    const faqt::Config& config = loaded->config;
    auto started = std::chrono::steady_clock::now();
    auto report = faqt::sync_index(config);
    if (!report) {
        std::cerr << "relevance_eval: " << report.error().message << "\n";
        return 2;
    }
    double index_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    int found_at_1 = 0;
    int found_at_k = 0;
    double reciprocal_sum = 0;
    double search_seconds = 0;
    std::vector<std::string> misses;
    for (const auto& c : cases) {
        faqt::SearchRequest request;
        request.query = c.query;
        request.limit = 10;
        request.weights = weights;
        request.correct = correct;
        auto t0 = std::chrono::steady_clock::now();
        auto results = faqt::search(config, request);
        search_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!results) {
            std::cerr << "relevance_eval: " << c.query << ": " << results.error().message << "\n";
            return 2;
        }
        int rank = 0;
        for (std::size_t i = 0; i < results->hits.size(); ++i) {
            if (results->hits[i].id == c.expected) {
                rank = static_cast<int>(i) + 1;
                break;
            }
        }
        if (rank == 1) {
            ++found_at_1;
        }
        if (rank >= 1 && rank <= at) {
            ++found_at_k;
        }
        if (rank > 0) {
            reciprocal_sum += 1.0 / rank;
        }
        if (rank != 1 || verbose) {
            std::ostringstream line;
            line << (rank == 1   ? "  ok   "
                     : rank == 0 ? "  MISS "
                                 : "  #" + std::to_string(rank) + "   ")
                 << c.query << "  (line " << c.line << ", want " << c.expected << ")";
            if (!results->corrected.empty()) {
                line << " [corrected: " << results->corrected << "]";
            }
            line << "\n        got:";
            for (std::size_t i = 0; i < results->hits.size() && i < 3; ++i) {
                char score[32];
                std::snprintf(score, sizeof score, "%.2f", results->hits[i].score);
                line << " " << results->hits[i].id << " (" << score << ")";
            }
            misses.push_back(line.str());
        }
    }
    const double n = static_cast<double>(cases.size());
    const double success_1 = found_at_1 / n;
    const double success_k = found_at_k / n;
    const double mrr = reciprocal_sum / n;
    for (const auto& m : misses) {
        std::cout << m << "\n";
    }
    std::printf("queries: %zu  articles: %zu  index: %.2f s  search: %.2f ms/query\n", cases.size(), report->articles,
                index_seconds, 1000 * search_seconds / n);
    std::printf("success@1: %.3f (%d/%zu)\n", success_1, found_at_1, cases.size());
    if (at != 1) {
        std::printf("success@%d: %.3f (%d/%zu)\n", at, success_k, found_at_k, cases.size());
    }
    std::printf("MRR@10: %.3f\n", mrr);
    bool pass = success_k + 1e-9 >= min_success && mrr + 1e-9 >= min_mrr;
    if (!pass) {
        std::printf("FAIL: below the floor (success@%d >= %.3f, MRR@10 >= %.3f)\n", at, min_success, min_mrr);
    }
    return pass ? 0 : 1;
}
