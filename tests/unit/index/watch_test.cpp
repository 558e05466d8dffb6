#include "index/watch.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "temp_kb.hpp"

using namespace faqt;
using faqt::test::TempKb;

namespace {

std::string article(const std::string& title, const std::string& body) {
    return "+++\ntitle = \"" + title + "\"\n+++\n" + body;
}

std::filesystem::path state_file(const TempKb& kb) {
    return kb.root() / ".faqt" / "watch.lock";
}

}  // namespace

TEST_CASE("network and FUSE file systems are not trusted to deliver events", "[watch]") {
    CHECK(is_remote_file_system(0x6969));            // NFS
    CHECK(is_remote_file_system(0xFF534D42));        // CIFS
    CHECK(is_remote_file_system(0xFE534D42));        // SMB2
    CHECK(is_remote_file_system(0x65735546));        // FUSE
    CHECK(is_remote_file_system(0x01021997));        // 9p
    CHECK_FALSE(is_remote_file_system(0xEF53));      // ext4
    CHECK_FALSE(is_remote_file_system(0x01021994));  // tmpfs
    CHECK_FALSE(is_remote_file_system(0x58465342));  // XFS
    CHECK_FALSE(is_remote_file_system(0x9123683E));  // Btrfs
}

TEST_CASE("a state file nobody holds is no watcher", "[watch]") {
    TempKb kb;
    kb.write("a.md", article("A", "alpha"));
    const Config config = kb.config();
    CHECK(watcher_state(config).pid == 0);  // no file
    std::filesystem::create_directories(kb.root() / ".faqt" / "watch");
    std::ofstream(state_file(kb)) << "4242 ready                      \n";
    // Left by a watcher killed with SIGKILL: the flock went with it.
    CHECK(watcher_state(config).pid == 0);
    CHECK_FALSE(sync_with_watcher(config, std::chrono::milliseconds(2000)));
    CHECK(std::filesystem::is_empty(kb.root() / ".faqt" / "watch"));  // no request left behind

    // Held (by another open file description, as another process would):
    // the file decides, and a watcher whose last sync failed is not asked.
    int fd = ::open(state_file(kb).c_str(), O_RDWR);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    CHECK(watcher_state(config).pid == 4242);
    CHECK(watcher_state(config).state == "ready");
    std::ofstream(state_file(kb)) << "4242 behind 7                   \n";
    CHECK(watcher_state(config).state == "behind");
    CHECK(watcher_state(config).generation == 7);
    const auto started = std::chrono::steady_clock::now();
    CHECK_FALSE(sync_with_watcher(config, std::chrono::milliseconds(2000)));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1000));  // not even asked
    ::close(fd);
}

TEST_CASE("a watcher answers sync requests, refuses a second one and cleans up", "[watch]") {
    TempKb kb;
    kb.write("a.md", article("A", "alpha"));
    const Config config = kb.config();
    std::atomic<bool> stop{false};
    std::atomic<bool> ready{false};
    std::optional<Result<void>> outcome;
    std::size_t answered = 0;
    WatchOptions options;
    options.stop = &stop;
    std::thread watcher([&] {
        outcome = watch_index(config, options, [&](const WatchEvent& event) {
            if (event.kind == WatchEvent::Kind::watching) {
                ready = true;
            }
            if (event.kind == WatchEvent::Kind::stopped) {
                answered = event.answered;
            }
        });
        ready = true;
    });
    for (int i = 0; i < 1000 && !ready; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(ready);
    CHECK(watcher_state(config).pid == ::getpid());
    CHECK(watcher_state(config).state == "ready");
    CHECK(sync_with_watcher(config, std::chrono::milliseconds(5000)));
    kb.write("b.md", article("B", "bravo"));
    CHECK(sync_with_watcher(config, std::chrono::milliseconds(5000)));

    std::atomic<bool> never{false};
    WatchOptions second;
    second.stop = &never;
    auto refused = watch_index(config, second, [](const WatchEvent&) {});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::index_locked);
    CHECK_THAT(refused.error().message, Catch::Contains("pid " + std::to_string(::getpid())));

    stop = true;
    watcher.join();
    REQUIRE(outcome.has_value());
    CHECK(outcome->ok());
    CHECK(answered == 2);
    CHECK_FALSE(std::filesystem::exists(state_file(kb)));
    CHECK(watcher_state(config).pid == 0);
}
