#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "index/index.hpp"
#include "index/search.hpp"
#include "index/stored_article.hpp"
#include "tests/unit/index/temp_kb.hpp"

using namespace faqt;
using faqt::test::article;
using faqt::test::TempKb;

namespace {

void write_three(TempKb& kb) {
    kb.write("network/vpn-drops.md", article(R"(title = "VPN disconnects every 10 minutes"
type = "known-error"
status = "workaround"
categories = ["network/vpn"])",
                                             "## Symptoms\n\nThe tunnel drops with ERR_CONN_RESET.\n\n"
                                             "## Workaround\n\nReconnect.\n"));
    kb.write("accounts/password-reset.md", article(R"(title = "Reset a forgotten password"
type = "howto"
categories = ["accounts/passwords"])",
                                                   "Open the self-service page and choose a new password.\n"));
    kb.write("printers/toner.md", article(R"(title = "Order toner")", "Toner comes from Facilities.\n"));
}

// The snippet of the one hit of a query: cut from the text the index
// stored when the file is gone, so it shows what the index holds.
std::string stored_snippet(const Config& config, const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.spelling = false;
    auto results = search(config, request);
    REQUIRE(results.ok());
    REQUIRE(results->hits.size() == 1);
    return results->hits[0].snippet.text;
}

std::size_t hits(const Config& config, const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.spelling = false;
    auto results = search(config, request);
    REQUIRE(results.ok());
    return results->total;
}

SyncReport sync_ok(const Config& config, SyncOptions options = {}) {
    auto report = sync_index(config, options);
    if (!report) {
        FAIL(report.error().message);
    }
    return *report;
}

}  // namespace

TEST_CASE("a new index holds every article and a second run writes nothing", "[sync]") {
    TempKb kb;
    write_three(kb);
    auto config = kb.config();
    auto first = sync_ok(config);
    CHECK(first.added == 3);
    CHECK(first.committed);
    CHECK(first.rebuilt);
    CHECK(first.rebuild_reason == "new index");
    CHECK(first.articles == 3);
    CHECK(std::filesystem::exists(kb.root() / ".faqt" / ".gitignore"));

    auto second = sync_ok(config);
    CHECK_FALSE(second.committed);
    CHECK(second.added + second.updated + second.removed + second.touched == 0);
    CHECK(second.articles == 3);
    CHECK(hits(config, "tunnel") == 1);
}

TEST_CASE("an edited article is re-indexed, and only it", "[sync]") {
    TempKb kb;
    write_three(kb);
    auto config = kb.config();
    sync_ok(config);
    kb.write("printers/toner.md",
             article(R"(title = "Order toner")", "Cartridges come from the stationery cupboard.\n"));
    auto report = sync_ok(config);
    CHECK(report.updated == 1);
    CHECK(report.added == 0);
    CHECK(report.committed);
    CHECK_FALSE(report.rebuilt);
    CHECK(hits(config, "cupboard") == 1);
    CHECK(hits(config, "facilities") == 0);
}

TEST_CASE("a touched file costs nothing but its new mtime", "[sync]") {
    TempKb kb;
    write_three(kb);
    auto config = kb.config();
    sync_ok(config);
    kb.bump_mtime("printers/toner.md");
    auto report = sync_ok(config);
    CHECK(report.touched == 1);
    CHECK(report.updated == 0);
    // The new mtime was recorded: the next run does not even hash it.
    auto again = sync_ok(config);
    CHECK(again.touched == 0);
    CHECK_FALSE(again.committed);
}

TEST_CASE("an edit of the same size within the clock tick of the last sync is found", "[sync]") {
    // File-system timestamps advance by clock ticks: a file written again
    // right after a sync read it keeps its size and its mtime. Such a file
    // is recorded as racy (mtime 0), so the next sync hashes it.
    TempKb kb;
    write_three(kb);
    auto config = kb.config();
    const auto file = kb.root() / "printers" / "toner.md";
    const auto now = std::filesystem::file_time_type::clock::now();
    std::filesystem::last_write_time(file, now);
    sync_ok(config);
    CHECK(hits(config, "facilities") == 1);
    kb.write("printers/toner.md", article(R"(title = "Order toner")", "Toner comes from Stationers.\n"));
    std::filesystem::last_write_time(file, now);  // the same tick
    auto report = sync_ok(config);
    CHECK(report.updated == 1);
    CHECK(hits(config, "stationers") == 1);
    CHECK(hits(config, "facilities") == 0);
}

TEST_CASE("only_paths looks at the named files and leaves the rest of the index", "[sync]") {
    TempKb kb;
    write_three(kb);
    auto config = kb.config();
    sync_ok(config);
    kb.write("printers/toner.md",
             article(R"(title = "Order toner")", "Cartridges come from the stationery cupboard.\n"));
    kb.remove("network/vpn-drops.md");
    kb.write("phones/voicemail.md", article(R"(title = "Voicemail PIN")", "Dial 4357.\n"));  // not named
    const std::set<std::string> named{"printers/toner.md", "network/vpn-drops.md"};
    SyncOptions options;
    options.only_paths = &named;
    auto report = sync_ok(config, options);
    CHECK(report.updated == 1);
    CHECK(report.removed == 1);
    CHECK(report.added == 0);
    CHECK(report.articles == 2);
    CHECK(hits(config, "cupboard") == 1);
    CHECK(hits(config, "password") >= 1);  // not named, still indexed
    CHECK(hits(config, "voicemail") == 0);
    // A sync of every file finds the one nobody named.
    auto all = sync_ok(config);
    CHECK(all.added == 1);
    CHECK(hits(config, "voicemail") == 1);
}

TEST_CASE("only_paths is ignored when the index is new or rebuilt", "[sync]") {
    TempKb kb;
    write_three(kb);
    auto config = kb.config();
    const std::set<std::string> named{"printers/toner.md"};
    SyncOptions options;
    options.only_paths = &named;
    auto created = sync_ok(config, options);
    CHECK(created.articles == 3);
    options.rebuild = true;
    auto rebuilt = sync_ok(config, options);
    CHECK(rebuilt.articles == 3);
}

TEST_CASE("new and deleted files are added and removed", "[sync]") {
    TempKb kb;
    write_three(kb);
    auto config = kb.config();
    sync_ok(config);
    kb.remove("printers/toner.md");
    kb.write("phones/voicemail.md", article(R"(title = "Voicemail PIN")", "Dial 4357 to reset the voicemail PIN.\n"));
    auto report = sync_ok(config);
    CHECK(report.removed == 1);
    CHECK(report.added == 1);
    CHECK(report.articles == 3);
    CHECK(hits(config, "toner") == 0);
    CHECK(hits(config, "voicemail") == 1);
}

TEST_CASE("a change of faqt.toml's indexing settings rebuilds the index", "[sync]") {
    TempKb kb;
    write_three(kb);
    sync_ok(kb.config());
    kb.write("faqt.toml", std::string(faqt::test::k_basic_toml) + "printer = [\"mfp\"]\n");
    auto report = sync_ok(kb.config());
    CHECK(report.rebuilt);
    CHECK(report.rebuild_reason == "faqt.toml changed");
    CHECK(report.articles == 3);
    CHECK(report.added == 3);
}

TEST_CASE("a rebuild (--rebuild) starts over with the same articles", "[sync]") {
    TempKb kb;
    write_three(kb);
    auto config = kb.config();
    sync_ok(config);
    SyncOptions options;
    options.rebuild = true;
    auto report = sync_ok(config, options);
    CHECK(report.rebuilt);
    CHECK(report.rebuild_reason == "--rebuild");
    CHECK(report.articles == 3);
    CHECK(hits(config, "tunnel") == 1);
    CHECK(hits(config, "password") == 1);
}

TEST_CASE("many articles are parsed on several threads and written in path order", "[sync]") {
    TempKb kb;
    // More articles than the pipeline keeps in flight (512), every seventh
    // one long, so the threads finish them out of order.
    std::vector<std::string> paths;
    for (int i = 0; i < 700; ++i) {
        std::string body = "word" + std::to_string(i) + " shared\n";
        if (i % 7 == 0) {
            for (int p = 0; p < 300; ++p) {
                body += "\nA long paragraph " + std::to_string(p) + " about printers, tunnels and passwords.\n";
            }
        }
        paths.push_back("bulk/a" + std::to_string(i) + ".md");
        kb.write(paths.back(), article("title = \"Article number " + std::to_string(i) + "\"", body));
    }
    std::sort(paths.begin(), paths.end());
    auto config = kb.config();
    SyncOptions options;
    options.threads = 4;
    auto report = sync_ok(config, options);
    CHECK(report.added == 700);
    CHECK(hits(config, "word699") == 1);

    // One writer adds the documents in path order, whichever thread parsed
    // them first: document 1 is the first path, and so on.
    Xapian::Database db(index_path(config).string());
    std::vector<std::string> written;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        written.push_back(decode_stored_article(db.get_document(*it).get_data()).path);
    }
    CHECK(written == paths);
}

TEST_CASE("a writer killed before its commit leaves the previous index intact", "[sync][crash]") {
    TempKb kb;
    write_three(kb);
    auto config = kb.config();
    sync_ok(config);
    kb.write("printers/toner.md",
             article(R"(title = "Order toner")", "Cartridges come from the stationery cupboard.\n"));
    kb.write("phones/voicemail.md", article(R"(title = "Voicemail PIN")", "Dial 4357.\n"));

    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        SyncOptions options;
        options.threads = 1;
        options.before_commit = [] { raise(SIGKILL); };
        (void)sync_index(config, options);
        _exit(0);  // not reached
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);

    // The last commit is what readers see.
    CHECK(hits(config, "facilities") == 1);
    CHECK(hits(config, "cupboard") == 0);
    CHECK(hits(config, "voicemail") == 0);
    // Snippet texts are stored in the same commit: the file is gone, and
    // the snippet is the committed text, not the killed writer's.
    {
        const std::string saved = kb.read("printers/toner.md");
        kb.remove("printers/toner.md");
        CHECK(stored_snippet(config, "facilities") == "Toner comes from Facilities.");
        kb.write("printers/toner.md", saved);
    }

    // And the next writer finishes the job: the lock died with the child.
    SyncOptions options;
    options.lock_wait = std::chrono::milliseconds(500);
    auto report = sync_ok(config, options);
    CHECK(report.updated == 1);
    CHECK(report.added == 1);
    CHECK(hits(config, "cupboard") == 1);
}

TEST_CASE("a second writer waits, then fails naming the holder; readers go on", "[sync][lock]") {
    TempKb kb;
    write_three(kb);
    auto config = kb.config();
    sync_ok(config);
    kb.write("printers/toner.md",
             article(R"(title = "Order toner")", "Cartridges come from the stationery cupboard.\n"));

    int ready[2];
    REQUIRE(pipe(ready) == 0);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(ready[0]);
        SyncOptions options;
        options.threads = 1;
        options.before_commit = [&] {
            char byte = 1;
            (void)!write(ready[1], &byte, 1);
            std::this_thread::sleep_for(std::chrono::seconds(20));
        };
        (void)sync_index(config, options);
        _exit(0);
    }
    close(ready[1]);
    char byte = 0;
    REQUIRE(read(ready[0], &byte, 1) == 1);  // the child holds the lock now
    close(ready[0]);

    // A reader is not blocked and sees the last commit.
    CHECK(hits(config, "facilities") == 1);

    SyncOptions options;
    options.lock_wait = std::chrono::milliseconds(300);
    auto started = std::chrono::steady_clock::now();
    auto report = sync_index(config, options);
    auto waited = std::chrono::steady_clock::now() - started;
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);

    REQUIRE_FALSE(report.ok());
    CHECK(report.error().code == ErrorCode::index_locked);
    CHECK_THAT(report.error().message, Catch::Contains("pid " + std::to_string(child)));
    CHECK(waited >= std::chrono::milliseconds(300));

    // Once the holder is gone, writing works again.
    options.lock_wait = std::chrono::milliseconds(2000);
    auto after = sync_ok(config, options);
    CHECK(after.updated == 1);
}

TEST_CASE("a read-only KB keeps its index and says it is stale", "[sync]") {
    TempKb kb;
    write_three(kb);
    auto config = kb.config();
    sync_ok(config);

    SyncOptions read_only;
    read_only.read_only = true;
    kb.bump_mtime("printers/toner.md");  // a touch is not a change
    auto touched = sync_ok(config, read_only);
    CHECK_FALSE(touched.stale);
    CHECK_FALSE(touched.committed);

    kb.write("printers/toner.md",
             article(R"(title = "Order toner")", "Cartridges come from the stationery cupboard.\n"));
    kb.write("phones/voicemail.md", article(R"(title = "Voicemail PIN")", "Dial 4357.\n"));
    auto report = sync_ok(config, read_only);
    CHECK(report.stale);
    CHECK(report.stale_files == 2);
    CHECK_FALSE(report.committed);
    CHECK_THAT(report.stale_warning(), Catch::Contains("2 files have changed"));
    CHECK(hits(config, "facilities") == 1);  // the old index still answers
}

TEST_CASE("a read-only KB without an index is an I/O error", "[sync]") {
    TempKb kb;
    write_three(kb);
    SyncOptions read_only;
    read_only.read_only = true;
    auto report = sync_index(kb.config(), read_only);
    REQUIRE_FALSE(report.ok());
    CHECK(report.error().code == ErrorCode::io);
}

TEST_CASE("a damaged index is reported, and --rebuild recovers", "[sync]") {
    TempKb kb;
    write_three(kb);
    auto config = kb.config();
    sync_ok(config);
    for (const auto& entry : std::filesystem::directory_iterator(kb.root() / ".faqt" / "index")) {
        if (entry.path().extension() == ".glass" || entry.path().filename() == "iamglass") {
            std::ofstream(entry.path(), std::ios::trunc) << "garbage";
        }
    }
    kb.write("printers/toner.md", article(R"(title = "Order toner")", "Cartridges.\n"));
    auto broken = sync_index(config);
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().code == ErrorCode::index_damaged);
    CHECK_THAT(broken.error().hint, Catch::Contains("--rebuild"));

    SyncOptions options;
    options.rebuild = true;
    auto report = sync_ok(config, options);
    CHECK(report.articles == 3);
    CHECK(hits(config, "cartridges") == 1);
}

TEST_CASE("binary files are skipped with a warning", "[sync]") {
    TempKb kb;
    write_three(kb);
    kb.write("broken.md", std::string("+++\ntitle = \"x\"\n+++\n\0\0\0", 21));
    auto report = sync_ok(kb.config());
    CHECK(report.added == 3);
    CHECK(report.skipped == 1);
    REQUIRE(report.diagnostics.size() == 1);
    CHECK(report.diagnostics[0].path == "broken.md");
}

TEST_CASE("a rebuild killed before the swap leaves the previous index, and its leftovers go", "[sync][crash]") {
    TempKb kb;
    write_three(kb);
    auto config = kb.config();
    sync_ok(config);
    kb.write("printers/toner.md",
             article(R"(title = "Order toner")", "Cartridges come from the stationery cupboard.\n"));

    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        SyncOptions options;
        options.rebuild = true;
        options.threads = 1;
        options.before_commit = [] { raise(SIGKILL); };
        (void)sync_index(config, options);
        _exit(0);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    const auto leftover = kb.root() / ".faqt" / ("index.new-" + std::to_string(child));
    CHECK(std::filesystem::exists(leftover));
    CHECK(hits(config, "facilities") == 1);
    CHECK(hits(config, "cupboard") == 0);
    {
        const std::string saved = kb.read("printers/toner.md");
        kb.remove("printers/toner.md");
        CHECK(stored_snippet(config, "facilities") == "Toner comes from Facilities.");
        kb.write("printers/toner.md", saved);
    }

    auto report = sync_ok(config);
    CHECK(report.updated == 1);
    CHECK_FALSE(std::filesystem::exists(leftover));
    CHECK(hits(config, "cupboard") == 1);
}

TEST_CASE("a rebuild swaps in a complete index that readers can use at once", "[sync]") {
    TempKb kb;
    write_three(kb);
    auto config = kb.config();
    sync_ok(config);
    SyncOptions options;
    options.rebuild = true;
    std::size_t seen_during_build = 0;
    options.before_commit = [&] { seen_during_build = hits(config, "tunnel"); };
    auto report = sync_ok(config, options);
    CHECK(seen_during_build == 1);  // the old index kept answering
    CHECK(report.articles == 3);
    CHECK(hits(config, "tunnel") == 1);
    for (const auto& entry : std::filesystem::directory_iterator(kb.root() / ".faqt")) {
        CHECK(entry.path().filename().string().rfind("index.new-", 0) != 0);
    }
}

TEST_CASE("sync: values over Xapian's term limit are indexed shortened, with a warning, and still found",
          "[sync][terms]") {
    TempKb kb;
    const std::string long_value(300, 'x');
    // A path over the limit too: the unique term of its document.
    std::string folder;
    for (int i = 0; i < 6; ++i) {
        folder += std::string(50, static_cast<char>('a' + i)) + "/";
    }
    kb.write(folder + "deep.md", article(R"(title = "Deep article")", "Deep zebra.\n"));
    kb.write("long.md",
             article("title = \"Long values\"\ntags = [\"" + long_value + "\"]\nproducts = [\"" + long_value +
                         "\"]\ncategories = [\"" + long_value + "\"]\nid = \"" + long_value + "\"",
                     "Long zebra.\n"));
    kb.write("short.md", article(R"(title = "Short")", "Short zebra.\n"));
    const Config config = kb.config();
    auto report = sync_index(config);
    REQUIRE(report.ok());  // was: "Term too long (> 245)", nothing indexed
    CHECK(report->articles == 3);
    int warnings = 0;
    for (const auto& d : report->diagnostics) {
        if (d.path == "long.md" && d.message.find("longer than the index allows") != std::string::npos) {
            CHECK(d.severity == Severity::warning);
            CHECK(d.line > 1);
            ++warnings;
        }
    }
    CHECK(warnings == 4);  // tags, products, categories, id

    auto find = [&](SearchFilters filters, const std::string& query = "") {
        SearchRequest request;
        request.query = query;
        request.filters = std::move(filters);
        auto results = search(config, request);
        REQUIRE(results.ok());
        return results->total;
    };
    CHECK(find({}, "zebra") == 3);
    SearchFilters by_tag;
    by_tag.tags = {long_value};
    CHECK(find(by_tag) == 1);
    SearchFilters by_product;
    by_product.products = {long_value};
    CHECK(find(by_product) == 1);
    SearchFilters by_category;
    by_category.categories = {long_value};
    CHECK(find(by_category) == 1);
    CHECK(find({}, "tag:" + long_value) == 1);
    CHECK(find({}, "id:" + long_value) == 1);
    SearchFilters other;
    other.tags = {long_value + "y"};
    CHECK(find(other) == 0);

    // Updating the files in place works as well.
    kb.write("long.md", article("title = \"Long values\"\ntags = [\"" + long_value + "z\"]", "Long zebra.\n"));
    kb.write(folder + "deep.md", article(R"(title = "Deep article")", "Deep zebra again.\n"));
    auto again = sync_index(config);
    REQUIRE(again.ok());
    CHECK(again->updated == 2);
    CHECK(find({}, "zebra") == 3);
}
