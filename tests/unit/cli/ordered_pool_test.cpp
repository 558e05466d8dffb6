#include "cli/ordered_pool.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <thread>
#include <vector>

using faqt::cli::run_ordered;

TEST_CASE("run_ordered hands results over in input order, however the workers finish", "[ordered_pool]") {
    const std::size_t count = 500;
    std::size_t next = 0;
    std::vector<std::size_t> out;
    run_ordered<std::size_t, std::size_t>(
        4, 8,
        [&](std::size_t& job) {
            if (next == count) {
                return false;
            }
            job = next++;
            return true;
        },
        [](std::size_t& job, std::size_t) {
            // Early jobs are the slow ones, so later ones finish first.
            if (job % 7 == 0) {
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
            return job * 2;
        },
        [&](std::size_t& done) {
            out.push_back(done);
            return true;
        });
    REQUIRE(out.size() == count);
    for (std::size_t i = 0; i < count; ++i) {
        CHECK(out[i] == i * 2);
    }
}

TEST_CASE("run_ordered keeps at most `window` jobs between produce and consume", "[ordered_pool]") {
    std::atomic<std::size_t> produced{0};
    std::size_t consumed = 0;
    std::size_t most_ahead = 0;
    run_ordered<int, int>(
        2, 5,
        [&](int& job) {
            if (produced == 200) {
                return false;
            }
            job = static_cast<int>(produced++);
            return true;
        },
        [](int& job, std::size_t) { return job; },
        [&](int&) {
            // produced is read after this job was taken: at most window ahead.
            most_ahead = std::max(most_ahead, produced.load() - consumed);
            ++consumed;
            std::this_thread::sleep_for(std::chrono::microseconds(50));
            return true;
        });
    CHECK(consumed == 200);
    CHECK(most_ahead <= 5);
}

TEST_CASE("run_ordered stops when consume says so, and with no input at all", "[ordered_pool]") {
    std::size_t produced = 0;
    std::size_t consumed = 0;
    run_ordered<int, int>(
        2, 4,
        [&](int& job) {
            job = static_cast<int>(produced++);
            return produced < 1000000;  // would run long without the stop
        },
        [](int& job, std::size_t) { return job; },
        [&](int& done) {
            CHECK(done == static_cast<int>(consumed));
            ++consumed;
            return consumed < 10;
        });
    CHECK(consumed == 10);
    CHECK(produced < 1000);

    bool called = false;
    run_ordered<int, int>(
        3, 4, [](int&) { return false; }, [](int& job, std::size_t) { return job; },
        [&](int&) {
            called = true;
            return true;
        });
    CHECK_FALSE(called);
}

TEST_CASE("run_ordered tells each worker its own index", "[ordered_pool]") {
    int next = 0;
    std::vector<std::atomic<int>> per_worker(3);
    bool in_range = true;
    run_ordered<int, std::size_t>(
        3, 6,
        [&](int& job) {
            job = next++;
            return next <= 100;
        },
        [&](int&, std::size_t worker) {
            per_worker[worker] += 1;
            return worker;
        },
        [&](std::size_t& worker) {
            in_range = in_range && worker < 3;
            return true;
        });
    CHECK(in_range);
    CHECK(per_worker[0] + per_worker[1] + per_worker[2] == 100);
}
