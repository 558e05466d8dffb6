#include "site/output.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/unit/content/test_support.hpp"

using faqt::OutputFolder;
using faqt::OutputOptions;
using faqt::SiteFile;
using faqt::test::TempDir;
using faqt::test::write_file;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

SiteFile page(std::string path, std::string content, std::string key = {}) {
    SiteFile file;
    file.path = std::move(path);
    file.content = std::move(content);
    file.input_key = std::move(key);
    return file;
}

long long mtime_ns(const fs::path& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

// One export: open, write every file, finish.
faqt::OutputStats export_files(const OutputOptions& options, const std::vector<SiteFile>& files) {
    auto folder = OutputFolder::open(options);
    REQUIRE(folder);
    for (const auto& file : files) {
        auto written = folder->write(file);
        REQUIRE(written);
    }
    auto stats = folder->finish();
    REQUIRE(stats);
    return *stats;
}

}  // namespace

TEST_CASE("output: a first export writes every file and a manifest") {
    TempDir kb("kb");
    TempDir out("out");
    const OutputOptions options{out.path(), kb.path(), false, true};
    auto stats = export_files(options, {page("index.html", "home"), page("articles/a/index.html", "A")});
    CHECK(stats.written == 2);
    CHECK(read(out / "index.html") == "home");
    CHECK(read(out / "articles/a/index.html") == "A");
    const std::string manifest = read(out / std::string(faqt::k_manifest_name));
    CHECK(manifest.find("\"articles/a/index.html\"") != std::string::npos);
    CHECK(manifest.find(faqt::content_digest("A")) != std::string::npos);
}

TEST_CASE("output: a re-export writes only what changed and removes what is gone") {
    TempDir kb("kb");
    TempDir out("out");
    const OutputOptions options{out.path(), kb.path(), false, false};
    export_files(options, {page("index.html", "home"), page("articles/a/index.html", "A"),
                           page("articles/b/c/index.html", "C")});
    write_file(out / "mine.txt", "a file faqt did not write");
    fs::create_directories(out / "articles/b/keep");
    write_file(out / "articles/b/keep/x.txt", "user's");
    const long long home_before = mtime_ns(out / "index.html");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));

    auto stats = export_files(options, {page("index.html", "home"), page("articles/a/index.html", "A, edited")});
    CHECK(stats.written == 1);
    CHECK(stats.unchanged == 1);
    CHECK(stats.removed == 1);
    CHECK(mtime_ns(out / "index.html") == home_before);
    CHECK(read(out / "articles/a/index.html") == "A, edited");
    CHECK_FALSE(fs::exists(out / "articles/b/c"));     // emptied folder removed
    CHECK(fs::exists(out / "articles/b/keep/x.txt"));  // never a file faqt did not write
    CHECK(fs::exists(out / "mine.txt"));
}

TEST_CASE("output: a file missing from disk is written again") {
    TempDir kb("kb");
    TempDir out("out");
    const OutputOptions options{out.path(), kb.path(), false, false};
    export_files(options, {page("index.html", "home")});
    fs::remove(out / "index.html");
    auto stats = export_files(options, {page("index.html", "home")});
    CHECK(stats.written == 1);
    CHECK(read(out / "index.html") == "home");
}

TEST_CASE("output: is_current needs the same key and the file at its size") {
    TempDir kb("kb");
    TempDir out("out");
    const OutputOptions options{out.path(), kb.path(), false, false};
    export_files(options, {page("a.html", "A", "key-a"), page("b.html", "B")});
    auto folder = OutputFolder::open(options);
    REQUIRE(folder);
    CHECK(folder->is_current("a.html", "key-a"));
    CHECK_FALSE(folder->is_current("a.html", "key-other"));
    CHECK_FALSE(folder->is_current("b.html", ""));
    CHECK_FALSE(folder->is_current("c.html", "key-a"));
    write_file(out / "a.html", "changed by hand");
    CHECK_FALSE(folder->is_current("a.html", "key-a"));

    // A file the export kept (unchanged) stays in the manifest.
    write_file(out / "a.html", "A");
    SiteFile kept = page("a.html", "", "key-a");
    kept.unchanged = true;
    REQUIRE(folder->write(kept));
    REQUIRE(folder->write(page("b.html", "B")));
    auto stats = folder->finish();
    REQUIRE(stats);
    CHECK(stats->unchanged == 2);
    auto again = OutputFolder::open(options);
    REQUIRE(again);
    CHECK(again->is_current("a.html", "key-a"));
}

TEST_CASE("output: a non-empty folder without a manifest is refused, --clean empties it") {
    TempDir kb("kb");
    TempDir out("out");
    write_file(out / "notes.txt", "precious");
    auto refused = OutputFolder::open({out.path(), kb.path(), false, true});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == faqt::ErrorCode::usage);
    CHECK(refused.error().message.find(out.path().string()) != std::string::npos);
    CHECK(refused.error().hint.find("--clean") != std::string::npos);
    CHECK(fs::exists(out / "notes.txt"));

    // A default folder (not named by the user) that is not faqt's is never cleaned.
    auto not_named = OutputFolder::open({out.path(), kb.path(), true, false});
    REQUIRE_FALSE(not_named);
    CHECK(fs::exists(out / "notes.txt"));

    auto cleaned = OutputFolder::open({out.path(), kb.path(), true, true});
    REQUIRE(cleaned);
    CHECK_FALSE(fs::exists(out / "notes.txt"));
}

TEST_CASE("output: --clean removes a symbolic link, not what it points to") {
    TempDir kb("kb");
    TempDir out("out");
    TempDir elsewhere("elsewhere");
    write_file(elsewhere / "keep.txt", "keep");
    fs::create_directory_symlink(elsewhere.path(), out / "link");
    auto cleaned = OutputFolder::open({out.path(), kb.path(), true, true});
    REQUIRE(cleaned);
    CHECK_FALSE(fs::exists(fs::symlink_status(out / "link")));
    CHECK(fs::exists(elsewhere / "keep.txt"));
}

TEST_CASE("output: never the KB root, a folder holding it, or /") {
    TempDir kb("kb");
    for (const fs::path& bad : {kb.path(), kb.path().parent_path(), fs::path("/"), kb.path() / ".."}) {
        auto refused = OutputFolder::open({bad, kb.path(), true, true});
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == faqt::ErrorCode::usage);
    }
    CHECK(fs::exists(kb.path()));
    auto inside = OutputFolder::open({kb / "public", kb.path(), false, true});
    CHECK(inside);
}

TEST_CASE("output: unsafe paths are refused") {
    for (const char* bad : {"", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a/.", "a\\b", "a\nb", "a/"}) {
        CHECK_FALSE(faqt::is_safe_site_path(bad));
    }
    CHECK(faqt::is_safe_site_path("articles/a%2E%2E/index.html"));
    CHECK(faqt::is_safe_site_path("files/caf\xc3\xa9.png"));
    CHECK(faqt::is_safe_site_path("files/b\xff.png"));

    TempDir kb("kb");
    TempDir out("out");
    auto folder = OutputFolder::open({out.path(), kb.path(), false, true});
    REQUIRE(folder);
    auto refused = folder->write(page("../escape.html", "x"));
    REQUIRE_FALSE(refused);
    CHECK_FALSE(fs::exists(out.path().parent_path() / "escape.html"));
    CHECK_FALSE(folder->write(page(std::string(faqt::k_manifest_name), "x")));
}

TEST_CASE("output: a manifest naming paths outside the folder is not obeyed") {
    TempDir kb("kb");
    TempDir out("out");
    TempDir victim("victim");
    write_file(victim / "keep.txt", "keep");
    const std::string rel = "../" + victim.path().filename().string() + "/keep.txt";
    write_file(out / std::string(faqt::k_manifest_name),
               "{\"format\": 1, \"files\": [{\"path\": \"" + rel +
                   "\", \"digest\": \"0\", \"size\": 4, \"input_key\": \"\"}]}");
    export_files({out.path(), kb.path(), false, false}, {page("index.html", "home")});
    CHECK(fs::exists(victim / "keep.txt"));
}

TEST_CASE("output: a damaged manifest is an error, --clean starts over") {
    TempDir kb("kb");
    TempDir out("out");
    write_file(out / std::string(faqt::k_manifest_name), "{not json");
    auto damaged = OutputFolder::open({out.path(), kb.path(), false, false});
    REQUIRE_FALSE(damaged);
    CHECK(damaged.error().code == faqt::ErrorCode::io);
    CHECK(damaged.error().hint.find("--clean") != std::string::npos);
    auto cleaned = OutputFolder::open({out.path(), kb.path(), true, false});
    CHECK(cleaned);
}

TEST_CASE("output: file names that are not UTF-8 survive the manifest") {
    TempDir kb("kb");
    TempDir out("out");
    const OutputOptions options{out.path(), kb.path(), false, false};
    export_files(options, {page("files/b\xff.png", "png")});
    auto stats = export_files(options, {page("index.html", "home")});
    CHECK(stats.removed == 1);
    CHECK_FALSE(fs::exists(out / "files/b\xff.png"));
}

TEST_CASE("output: attachments are copied, and only when they changed") {
    TempDir kb("kb");
    TempDir out("out");
    write_file(kb / "img/a.png", "PNG1");
    SiteFile attachment;
    attachment.path = "files/img/a.png";
    attachment.copy_from = (kb / "img/a.png").string();
    const OutputOptions options{out.path(), kb.path(), false, false};
    CHECK(export_files(options, {attachment}).written == 1);
    CHECK(read(out / "files/img/a.png") == "PNG1");
    CHECK(export_files(options, {attachment}).unchanged == 1);
    write_file(kb / "img/a.png", "PNG2");
    CHECK(export_files(options, {attachment}).written == 1);
    CHECK(read(out / "files/img/a.png") == "PNG2");
}

TEST_CASE("output: a failed write names the file and keeps the manifest true to the disk") {
    if (::geteuid() == 0) {
        SUCCEED("permissions do not stop root");
        return;
    }
    TempDir kb("kb");
    TempDir out("out");
    const OutputOptions options{out.path(), kb.path(), false, false};
    export_files(options, {page("a/index.html", "A"), page("b/index.html", "B")});
    fs::permissions(out / "b", fs::perms::owner_write, fs::perm_options::remove);
    auto folder = OutputFolder::open(options);
    REQUIRE(folder);
    REQUIRE(folder->write(page("a/index.html", "A2")));
    auto failed = folder->write(page("b/index.html", "B2"));
    REQUIRE_FALSE(failed);
    CHECK(failed.error().code == faqt::ErrorCode::io);
    CHECK(failed.error().message.find("b/index.html") != std::string::npos);
    folder->abandon();
    fs::permissions(out / "b", fs::perms::owner_write, fs::perm_options::add);
    const std::string manifest = read(out / std::string(faqt::k_manifest_name));
    CHECK(manifest.find(faqt::content_digest("A2")) != std::string::npos);
    CHECK(manifest.find(faqt::content_digest("B")) != std::string::npos);
}

TEST_CASE("output: an export that changes nothing leaves even the manifest alone") {
    TempDir kb("kb");
    TempDir out("out");
    const OutputOptions options{out.path(), kb.path(), false, false};
    export_files(options, {page("index.html", "home", "k")});
    const fs::path manifest = out / std::string(faqt::k_manifest_name);
    const long long before = mtime_ns(manifest);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    export_files(options, {page("index.html", "home", "k")});
    CHECK(mtime_ns(manifest) == before);
    export_files(options, {page("index.html", "home", "k2")});
    CHECK(mtime_ns(manifest) != before);
}

TEST_CASE("output: a symbolic link planted in the folder is never followed") {
    TempDir kb("kb");
    TempDir out("out");
    TempDir elsewhere("elsewhere");
    const OutputOptions options{out.path(), kb.path(), false, false};
    export_files(options, {page("articles/a/index.html", "A"), page("index.html", "home")});
    // Someone swaps the articles folder for a link to another folder.
    write_file(elsewhere / "a/index.html", "not faqt's");
    fs::remove_all(out / "articles");
    fs::create_directory_symlink(elsewhere.path(), out / "articles");

    // Removing the article's page does not remove through the link.
    export_files(options, {page("index.html", "home")});
    CHECK(read(elsewhere / "a/index.html") == "not faqt's");

    // Writing through it is refused.
    auto folder = OutputFolder::open(options);
    REQUIRE(folder);
    auto refused = folder->write(page("articles/b/index.html", "B"));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("symbolic link") != std::string::npos);
    CHECK_FALSE(fs::exists(elsewhere / "b"));
}

TEST_CASE("output: --clean never empties a folder of articles or Markdown that faqt did not write") {
    TempDir kb("kb");
    write_file(kb / "network/vpn.md", "+++\ntitle = \"VPN\"\n+++\n");
    // Inside the KB, holding an article: refused, manifest or not.
    auto refused = OutputFolder::open({kb / "network", kb.path(), true, true});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == faqt::ErrorCode::usage);
    CHECK(refused.error().message.find((kb / "network").string()) != std::string::npos);
    CHECK_FALSE(refused.error().hint.empty());
    write_file(kb / "network" / std::string(faqt::k_manifest_name), "{\"format\": 1, \"files\": []}");
    CHECK_FALSE(OutputFolder::open({kb / "network", kb.path(), true, true}));
    CHECK(fs::exists(kb / "network/vpn.md"));

    // Inside the KB without Markdown but not faqt's: refused.
    write_file(kb / "images/logo.png", "png");
    CHECK_FALSE(OutputFolder::open({kb / "images", kb.path(), true, true}));
    CHECK(fs::exists(kb / "images/logo.png"));

    // Outside the KB: Markdown anywhere below refuses it; none allows it.
    TempDir notes("notes");
    write_file(notes / "deep/er/todo.MD", "mine");
    auto markdown = OutputFolder::open({notes.path(), kb.path(), true, true});
    REQUIRE_FALSE(markdown);
    CHECK(markdown.error().message.find("Markdown") != std::string::npos);
    CHECK(fs::exists(notes / "deep/er/todo.MD"));
    fs::remove(notes / "deep/er/todo.MD");
    CHECK(OutputFolder::open({notes.path(), kb.path(), true, true}));
    CHECK_FALSE(fs::exists(notes / "deep"));
}

TEST_CASE("output: inside the KB, an article is never overwritten or removed") {
    TempDir kb("kb");
    const fs::path site = kb / "site";
    fs::create_directories(site);
    write_file(site / "kept.md", "an article");
    // A manifest (hostile, or from before the writer put the article there)
    // that lists it.
    write_file(site / std::string(faqt::k_manifest_name),
               "{\"format\": 1, \"files\": [{\"path\": \"kept.md\", \"digest\": \"0\", \"size\": 1, "
               "\"input_key\": \"\"}]}");
    auto folder = OutputFolder::open({site, kb.path(), false, true});
    REQUIRE(folder);
    REQUIRE(folder->write(page("index.html", "home")));
    REQUIRE(folder->write(page("other.md", "would be an article")));
    REQUIRE(folder->finish());
    CHECK(read(site / "kept.md") == "an article");
    CHECK_FALSE(fs::exists(site / "other.md"));
    REQUIRE(folder->skipped().size() == 1);
    CHECK(folder->skipped()[0].path == "other.md");
    CHECK(folder->skipped()[0].article);

    // Below .faqt/ nothing is an article.
    const fs::path state = kb / ".faqt/site";
    auto own = OutputFolder::open({state, kb.path(), false, false});
    REQUIRE(own);
    REQUIRE(own->write(page("notes.md", "x")));
    CHECK(own->skipped().empty());
    CHECK(fs::exists(state / "notes.md"));
}

TEST_CASE("output: a file whose path cannot be written is skipped, and the export goes on") {
    TempDir kb("kb");
    TempDir out("out");
    auto folder = OutputFolder::open({out.path(), kb.path(), false, true});
    REQUIRE(folder);
    REQUIRE(folder->write(page("a", "a file")));
    REQUIRE(folder->write(page("a/index.html", "needs a folder where the file is")));
    REQUIRE(folder->write(page(std::string(300, 'x') + "/index.html", "name too long")));
    std::string deep;
    for (int i = 0; i < 22; ++i) {
        deep += std::string(200, 'y') + "/";
    }
    REQUIRE(folder->write(page(deep + "index.html", "path too long")));
    SiteFile attachment = page("files/gone.png", "");
    attachment.copy_from = (kb / "gone.png").string();
    REQUIRE(folder->write(attachment));
    REQUIRE(folder->write(page("index.html", "home")));
    auto stats = folder->finish();
    REQUIRE(stats);
    CHECK(stats->written == 2);
    REQUIRE(folder->skipped().size() == 4);
    CHECK(folder->skipped()[0].path == "a/index.html");
    CHECK(folder->skipped()[0].reason == "the file a is where its folder must be");
    CHECK(folder->skipped()[1].reason == std::strerror(ENAMETOOLONG));
    CHECK(folder->skipped()[2].reason == std::strerror(ENAMETOOLONG));
    CHECK(folder->skipped()[3].copy_from == (kb / "gone.png").string());
    for (const auto& skipped : folder->skipped()) {
        CHECK_FALSE(skipped.article);
        CHECK_FALSE(skipped.hint.empty());
    }
    CHECK(read(out / "a") == "a file");
    CHECK(read(out / "index.html") == "home");
    const std::string manifest = read(out / std::string(faqt::k_manifest_name));
    CHECK(manifest.find("\"index.html\"") != std::string::npos);
    CHECK(manifest.find("a/index.html") == std::string::npos);
}
