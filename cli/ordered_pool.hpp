#pragma once
// Many jobs through several worker threads, results taken in input order:
// the pipeline of `faqt suggest --batch`.
//
//   run_ordered<Job, Done>(workers, window,
//       [&](Job& job) { return read_next(job); },          // reader thread
//       [&](Job& job, std::size_t worker) { return work(job, worker); },
//       [&](Done& done) { return write(done); });          // calling thread
//
// - produce runs on its own thread and fills the next job; false at the
//   end of the input. It is never called again after it returns false.
// - work runs on `workers` threads (at least 1); `worker` (0..workers-1)
//   says which, so each can keep what is not thread-safe (a Suggester)
//   of its own.
// - consume runs on the calling thread, once per job, in the order the jobs
//   were produced; false stops the pipeline: produce is not called again,
//   jobs not yet consumed are dropped, and run_ordered returns once every
//   thread has ended.
// Memory is bounded: at most `window` jobs are between produce and consume
// (queued, in work, or done and waiting for an earlier one), however long
// the input and however slow one job is.
//
// produce, work and consume must not throw.

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace faqt::cli {

// How many workers to run: one per hardware thread, at least 1.
inline std::size_t default_worker_count() {
    return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

template <typename Job, typename Done, typename Produce, typename Work, typename Consume>
void run_ordered(std::size_t workers, std::size_t window, Produce produce, Work work, Consume consume) {
    workers = std::max<std::size_t>(1, workers);
    window = std::max<std::size_t>(1, window);

    std::mutex mutex;
    std::condition_variable jobs_ready;   // a job queued, or the input ended, or stop
    std::condition_variable space_ready;  // consume took one, or stop
    std::condition_variable done_ready;   // a job done, or the input ended
    std::deque<std::pair<std::size_t, Job>> queue;
    std::map<std::size_t, Done> done;
    std::size_t produced = 0;
    std::size_t consumed = 0;
    bool input_ended = false;
    bool stop = false;

    std::thread reader([&] {
        for (;;) {
            {
                std::unique_lock lock(mutex);
                space_ready.wait(lock, [&] { return stop || produced - consumed < window; });
                if (stop) {
                    break;
                }
            }
            Job job{};
            if (!produce(job)) {
                break;
            }
            std::lock_guard lock(mutex);
            queue.emplace_back(produced++, std::move(job));
            jobs_ready.notify_one();
        }
        std::lock_guard lock(mutex);
        input_ended = true;
        jobs_ready.notify_all();
        done_ready.notify_all();
    });

    std::vector<std::thread> pool;
    pool.reserve(workers);
    for (std::size_t w = 0; w < workers; ++w) {
        pool.emplace_back([&, w] {
            for (;;) {
                std::pair<std::size_t, Job> item;
                {
                    std::unique_lock lock(mutex);
                    jobs_ready.wait(lock, [&] { return stop || !queue.empty() || input_ended; });
                    if (stop || queue.empty()) {
                        return;
                    }
                    item = std::move(queue.front());
                    queue.pop_front();
                }
                Done result = work(item.second, w);
                std::lock_guard lock(mutex);
                done.emplace(item.first, std::move(result));
                done_ready.notify_all();
            }
        });
    }

    for (;;) {
        std::optional<Done> next;
        {
            std::unique_lock lock(mutex);
            done_ready.wait(lock, [&] { return done.count(consumed) != 0 || (input_ended && consumed == produced); });
            auto it = done.find(consumed);
            if (it == done.end()) {
                break;  // every job consumed
            }
            next.emplace(std::move(it->second));
            done.erase(it);
        }
        const bool more = consume(*next);
        std::lock_guard lock(mutex);
        ++consumed;
        space_ready.notify_one();
        if (!more) {
            stop = true;
            queue.clear();
            jobs_ready.notify_all();
            space_ready.notify_all();
            break;
        }
    }
    reader.join();
    for (auto& t : pool) {
        t.join();
    }
}

}  // namespace faqt::cli
