#include "content/kb.hpp"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace fs = std::filesystem;

using faqt::Config;
using faqt::discover_kb;
using faqt::ErrorCode;
using faqt::glob_match;
using faqt::scan_articles;
using faqt::ScanResult;
using faqt::Severity;
using faqt::test::describe;
using faqt::test::find_diagnostic;
using faqt::test::make_config;
using faqt::test::TempDir;
using faqt::test::write_file;
using Strings = std::vector<std::string>;

namespace {

Strings paths(const ScanResult& scan) {
    Strings out;
    for (const auto& file : scan.files) {
        out.push_back(file.path);
    }
    return out;
}

Config config_at(const TempDir& dir, std::string_view toml = "") {
    return make_config(toml, dir.path());
}

bool same_folder(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    return fs::equivalent(a, b, ec);
}

}  // namespace

TEST_CASE("discover_kb uses the explicit folder first", "[kb][discover]") {
    TempDir explicit_kb("explicit");
    TempDir env_kb("env");
    write_file(explicit_kb / "faqt.toml", "");
    write_file(env_kb / "faqt.toml", "");

    auto found = discover_kb(explicit_kb.path(), env_kb.path(), env_kb.path());
    REQUIRE(found.ok());
    CHECK(same_folder(*found, explicit_kb.path()));
    CHECK(found->is_absolute());
}

TEST_CASE("discover_kb uses $FAQT_KB when there is no explicit folder", "[kb][discover]") {
    TempDir env_kb("env");
    TempDir elsewhere("elsewhere");
    write_file(env_kb / "faqt.toml", "");
    write_file(elsewhere / "faqt.toml", "");

    auto found = discover_kb(std::nullopt, env_kb.path(), elsewhere.path());
    REQUIRE(found.ok());
    CHECK(same_folder(*found, env_kb.path()));
}

TEST_CASE("discover_kb finds the KB that holds an explicit or $FAQT_KB subfolder, like git -C", "[kb][discover]") {
    TempDir kb("kb");
    TempDir elsewhere("elsewhere");
    write_file(kb / "faqt.toml", "");
    write_file(kb / "network" / "vpn" / "drops.md", "# Drops\n");

    auto from_option = discover_kb(kb / "network" / "vpn", std::nullopt, elsewhere.path());
    REQUIRE(from_option.ok());
    CHECK(same_folder(*from_option, kb.path()));

    auto from_env = discover_kb(std::nullopt, kb / "network", elsewhere.path());
    REQUIRE(from_env.ok());
    CHECK(same_folder(*from_env, kb.path()));
}

TEST_CASE("discover_kb reports an explicit or $FAQT_KB folder without faqt.toml", "[kb][discover]") {
    TempDir empty("empty");
    TempDir kb("kb");
    write_file(kb / "faqt.toml", "");

    SECTION("explicit folder without faqt.toml, even when the start folder has one") {
        auto found = discover_kb(empty.path(), std::nullopt, kb.path());
        REQUIRE_FALSE(found.ok());
        CHECK(found.error().code == ErrorCode::config);
        CHECK_THAT(found.error().message, Catch::Contains("no faqt.toml"));
        CHECK_FALSE(found.error().hint.empty());
    }
    SECTION("explicit path that is not a folder") {
        auto found = discover_kb(kb / "faqt.toml", std::nullopt, kb.path());
        REQUIRE_FALSE(found.ok());
        CHECK(found.error().code == ErrorCode::config);
        CHECK_THAT(found.error().message, Catch::Contains("not a folder"));
    }
    SECTION("$FAQT_KB folder that does not exist") {
        auto found = discover_kb(std::nullopt, empty / "missing", kb.path());
        REQUIRE_FALSE(found.ok());
        CHECK(found.error().code == ErrorCode::config);
        CHECK_THAT(found.error().message, Catch::Contains("$FAQT_KB"));
    }
}

TEST_CASE("discover_kb finds the nearest faqt.toml upwards", "[kb][discover]") {
    TempDir kb("upwards");
    write_file(kb / "faqt.toml", "");
    write_file(kb / "network" / "vpn" / "faqt.toml.bak", "");
    fs::create_directories(kb / "network" / "vpn" / "deep");

    SECTION("from a folder below the root") {
        auto found = discover_kb(std::nullopt, std::nullopt, kb / "network" / "vpn" / "deep");
        REQUIRE(found.ok());
        CHECK(same_folder(*found, kb.path()));
        CHECK(found->filename() != "");  // no trailing '/'
    }
    SECTION("from the root itself") {
        auto found = discover_kb(std::nullopt, std::nullopt, kb.path());
        REQUIRE(found.ok());
        CHECK(same_folder(*found, kb.path()));
    }
    SECTION("the nearest one wins") {
        write_file(kb / "network" / "faqt.toml", "");
        auto found = discover_kb(std::nullopt, std::nullopt, kb / "network" / "vpn" / "deep");
        REQUIRE(found.ok());
        CHECK(same_folder(*found, kb / "network"));
    }
}

TEST_CASE("discover_kb fails when no folder upwards has faqt.toml", "[kb][discover]") {
    TempDir dir("nokb");
    fs::create_directories(dir / "a" / "b");
    // The test is meaningless if some parent of the temp folder is a KB.
    bool parent_is_kb = false;
    for (fs::path p = dir.path(); !p.empty(); p = p.parent_path()) {
        parent_is_kb = parent_is_kb || fs::exists(p / "faqt.toml");
        if (p == p.parent_path()) {
            break;
        }
    }
    if (parent_is_kb) {
        WARN("a parent of " << dir.path() << " holds faqt.toml; not checking discovery failure");
        return;
    }
    auto found = discover_kb(std::nullopt, std::nullopt, dir / "a" / "b");
    REQUIRE_FALSE(found.ok());
    CHECK(found.error().code == ErrorCode::config);
    CHECK_THAT(found.error().message, Catch::Contains("not in a faqt knowledge base"));
    CHECK_FALSE(found.error().hint.empty());
}

TEST_CASE("glob_match: '*' within a folder, '**' across folders, '?' one character", "[kb][glob]") {
    CHECK(glob_match("*.md", "a.md"));
    CHECK_FALSE(glob_match("*.md", "dir/a.md"));
    CHECK_FALSE(glob_match("*.md", "a.txt"));
    CHECK(glob_match("drafts/*", "drafts/a.md"));
    CHECK_FALSE(glob_match("drafts/*", "drafts/sub/a.md"));
    CHECK(glob_match("drafts/**", "drafts/sub/a.md"));
    CHECK(glob_match("**/*.md", "a.md"));
    CHECK(glob_match("**/*.md", "x/y/a.md"));
    CHECK(glob_match("**/_*.md", "x/_partial.md"));
    CHECK_FALSE(glob_match("**/_*.md", "x/partial_.md"));
    CHECK(glob_match("a/**/b.md", "a/b.md"));
    CHECK(glob_match("a/**/b.md", "a/x/y/b.md"));
    CHECK_FALSE(glob_match("a/**/b.md", "c/x/b.md"));
    CHECK(glob_match("?.md", "a.md"));
    CHECK_FALSE(glob_match("?.md", "ab.md"));
    CHECK_FALSE(glob_match("a?b", "a/b"));
    CHECK(glob_match("README.md", "README.md"));
    CHECK_FALSE(glob_match("README.md", "README.mdx"));
}

TEST_CASE("glob_match: many stars and many '**/' finish at once", "[kb][glob]") {
    // Exponential for the old backtracking matcher (minutes); linear now.
    const std::string as(40, 'a');
    CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", as + ".md"));
    CHECK(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*", as + ".md"));
    std::string deep;
    for (int i = 0; i < 14; ++i) {
        deep += "**/";
    }
    std::string path;
    for (int i = 0; i < 40; ++i) {
        path += "a/";
    }
    CHECK_FALSE(glob_match(deep + "b", path + "c"));
    CHECK(glob_match(deep + "c", path + "c"));
    CHECK_FALSE(glob_match("**a**a**a**a**a**a**a**a**a**a**a**a**b", std::string(200, 'a')));
    // A long pattern against a long path stays cheap: 4,000 × 4,000 steps.
    CHECK_FALSE(glob_match(std::string(4000, '*') + "b", std::string(4000, 'a')));
}

TEST_CASE("glob_match: '**' and '*' at the edges", "[kb][glob]") {
    CHECK(glob_match("**", "a/b/c.md"));
    CHECK(glob_match("**", ""));
    CHECK(glob_match("*", ""));
    CHECK_FALSE(glob_match("?", ""));
    CHECK(glob_match("a/**", "a/"));
    CHECK(glob_match("**/", "x/"));
    CHECK_FALSE(glob_match("**/", "x"));
    CHECK(glob_match("a**b", "a/x/b"));
    CHECK_FALSE(glob_match("a*b", "a/x/b"));
    CHECK(glob_match("**/x/**/*.md", "x/a.md"));
    CHECK(glob_match("**/x/**/*.md", "p/x/q/r/a.md"));
    CHECK_FALSE(glob_match("**/x/**/*.md", "p/y/q/r/a.md"));
}

TEST_CASE("scan_articles finds *.md files, sorted, honouring exclude", "[kb][scan]") {
    TempDir kb("scan");
    write_file(kb / "faqt.toml", "");
    write_file(kb / "top.md", "# Top\n");
    write_file(kb / "README.md", "not an article\n");
    write_file(kb / "network" / "vpn-drops.md", "# VPN\n");
    write_file(kb / "network" / "vpn-drops.vi.md", "# VPN\n");
    write_file(kb / "network" / "_partial.md", "partial\n");
    write_file(kb / "network" / "notes.txt", "not markdown\n");
    write_file(kb / "accounts" / "password.md", "# Password\n");
    write_file(kb / "accounts" / "old" / "scratch.tmp.md", "scratch\n");
    write_file(kb / "drafts" / "idea.md", "# Idea\n");
    write_file(kb / "drafts" / "deeper" / "idea2.md", "# Idea\n");
    write_file(kb / ".hidden" / "secret.md", "# Hidden\n");
    write_file(kb / ".faqt" / "index.md", "# State\n");
    write_file(kb / "node_modules" / "pkg" / "readme.md", "# Package\n");
    write_file(kb / ".dotfile.md", "# Dot file\n");
    write_file(kb / "archive" / "old.md", "# Old\n");
    write_file(kb / "network" / "archive" / "older.md", "# Older\n");

    const Config config = config_at(kb,
                                    "[kb]\nexclude = [\"README.md\", \"**/_*.md\", \"drafts/**\", \"*.tmp.md\", "
                                    "\"./top.md/\", \"archive/\"]\n");
    const ScanResult scan = scan_articles(config);
    INFO(describe(scan.diagnostics));
    CHECK(scan.diagnostics.empty());
    CHECK(paths(scan) == Strings{"accounts/password.md", "network/vpn-drops.md", "network/vpn-drops.vi.md"});

    REQUIRE(scan.files.size() == 3);
    const auto& file = scan.files[0];
    CHECK(std::filesystem::path(file.absolute) == kb / "accounts" / "password.md");
    CHECK(file.size == std::string("# Password\n").size());
    CHECK(file.mtime_ns > 0);
}

TEST_CASE("scan_articles: exclude globs compiled once match as glob_match does", "[kb][scan][glob]") {
    // The scan compiles each glob once and rejects paths without its longest
    // literal run; neither may change what is excluded.
    TempDir kb("compiled");
    write_file(kb / "faqt.toml", "");
    for (const char* path : {"a/includes/x.md", "includes/y.md", "b/c.md", "net/z.md", "nit/w.md", "nt/q.md",
                             "b/includes.md", "deep/er/README.md"}) {
        write_file(kb / path, "# T\n");
    }
    const Config config =
        config_at(kb, "[kb]\nexclude = [\"**/includes/**\", \"n?t*/**\", \"README.md\", \"**/*e?.md\"]\n");
    CHECK(paths(scan_articles(config)) == Strings{"b/c.md", "nt/q.md"});
}

TEST_CASE("scan_article_paths finds of the named files what scan_articles finds", "[kb][scan]") {
    TempDir outside("outside");
    write_file(outside / "leak.md", "# Leak\n");
    TempDir kb("paths");
    write_file(kb / "faqt.toml", "");
    write_file(kb / "docs" / "a.md", "# A\n");
    write_file(kb / "docs" / "archive" / "old.md", "# Old\n");
    write_file(kb / "docs" / ".hidden" / "h.md", "# Hidden\n");
    write_file(kb / ".top" / "t.md", "# Top\n");
    write_file(kb / "node_modules" / "p" / "n.md", "# Package\n");
    write_file(kb / "elsewhere" / "e.md", "# Not content\n");
    std::filesystem::create_directory_symlink(outside.path(), kb / "docs" / "out");
    const Config config =
        config_at(kb, "[kb]\ncontent = [\"docs\", \".top\", \"node_modules\"]\nexclude = [\"archive\", \"docs\"]\n");
    const std::set<std::string> named{"docs/a.md",        "docs/archive/old.md", "docs/.hidden/h.md",
                                      ".top/t.md",        "node_modules/p/n.md", "elsewhere/e.md",
                                      "docs/out/leak.md", "docs/gone.md"};
    const ScanResult all = scan_articles(config);
    const ScanResult some = scan_article_paths(config, named);
    Strings expected;
    for (const auto& path : paths(all)) {
        if (named.count(path) != 0) {
            expected.push_back(path);
        }
    }
    CHECK(paths(some) == expected);
    CHECK(paths(some) == Strings{".top/t.md", "docs/a.md", "node_modules/p/n.md"});
    CHECK(some.started_ns > 0);
}

TEST_CASE("scan_articles walks only the [kb] content folders", "[kb][scan]") {
    TempDir kb("content");
    write_file(kb / "faqt.toml", "");
    write_file(kb / "docs" / "a.md", "a\n");
    write_file(kb / "docs" / "sub" / "b.md", "b\n");
    write_file(kb / "known-errors" / "c.md", "c\n");
    write_file(kb / "elsewhere" / "d.md", "d\n");

    const ScanResult scan = scan_articles(config_at(kb, "[kb]\ncontent = [\"known-errors\", \"docs\", \"missing\"]\n"));
    CHECK(paths(scan) == Strings{"docs/a.md", "docs/sub/b.md", "known-errors/c.md"});
    INFO(describe(scan.diagnostics));
    REQUIRE(scan.diagnostics.size() == 1);
    CHECK(scan.diagnostics[0].severity == Severity::warning);
    CHECK_THAT(scan.diagnostics[0].message, Catch::Contains("'missing'"));
}

TEST_CASE("scan_articles lists a folder reached twice only once", "[kb][scan]") {
    TempDir kb("twice");
    write_file(kb / "faqt.toml", "");
    write_file(kb / "docs" / "a.md", "a\n");
    const ScanResult scan = scan_articles(config_at(kb, "[kb]\ncontent = [\".\", \"docs\"]\n"));
    CHECK(paths(scan) == Strings{"docs/a.md"});
}

TEST_CASE("scan_articles skips files over 1 MiB with a warning", "[kb][scan]") {
    TempDir kb("big");
    write_file(kb / "faqt.toml", "");
    write_file(kb / "big" / "huge.md", std::string(faqt::k_max_article_bytes + 1, 'x'));
    write_file(kb / "big" / "limit.md", std::string(faqt::k_max_article_bytes, 'x'));
    write_file(kb / "small.md", "small\n");

    const ScanResult scan = scan_articles(config_at(kb));
    CHECK(paths(scan) == Strings{"big/limit.md", "small.md"});
    INFO(describe(scan.diagnostics));
    REQUIRE(scan.diagnostics.size() == 1);
    CHECK(scan.diagnostics[0].path == "big/huge.md");
    CHECK(scan.diagnostics[0].severity == Severity::warning);
    CHECK_THAT(scan.diagnostics[0].message, Catch::Contains("1 MiB"));
}

TEST_CASE("scan_articles reports symlink loops", "[kb][scan][symlink]") {
    TempDir kb("loop");
    write_file(kb / "faqt.toml", "");
    write_file(kb / "network" / "vpn.md", "# VPN\n");
    std::error_code ec;
    fs::create_directory_symlink("..", kb / "network" / "back-to-root", ec);
    REQUIRE_FALSE(ec);

    const ScanResult scan = scan_articles(config_at(kb));
    INFO(describe(scan.diagnostics));
    // The loop is reported once, and the articles are listed once.
    CHECK(paths(scan) == Strings{"network/vpn.md"});
    const auto* loop = find_diagnostic(scan.diagnostics, "symlink loop");
    REQUIRE(loop != nullptr);
    CHECK(loop->severity == Severity::error);
    CHECK(loop->path == "network/back-to-root");
    CHECK(scan.diagnostics.size() == 1);
}

TEST_CASE("scan_articles reports a symlink that points at itself", "[kb][scan][symlink]") {
    TempDir kb("selfloop");
    write_file(kb / "faqt.toml", "");
    write_file(kb / "a.md", "a\n");
    std::error_code ec;
    fs::create_symlink("spin", kb / "spin", ec);
    REQUIRE_FALSE(ec);
    fs::create_symlink("gone.md", kb / "dangling.md", ec);
    REQUIRE_FALSE(ec);

    const ScanResult scan = scan_articles(config_at(kb));
    INFO(describe(scan.diagnostics));
    CHECK(paths(scan) == Strings{"a.md"});
    const auto* loop = find_diagnostic(scan.diagnostics, "symlink loop");
    REQUIRE(loop != nullptr);
    CHECK(loop->path == "spin");
    const auto* broken = find_diagnostic(scan.diagnostics, "broken symlink");
    REQUIRE(broken != nullptr);
    CHECK(broken->path == "dangling.md");
}

TEST_CASE("scan_articles refuses a symlinked folder outside the KB unless allowed", "[kb][scan][symlink]") {
    TempDir kb("link");
    TempDir shared("shared");
    write_file(kb / "faqt.toml", "");
    write_file(shared / "common.md", "# Common\n");
    std::error_code ec;
    fs::create_directory_symlink(shared.path(), kb / "shared", ec);
    REQUIRE_FALSE(ec);

    const ScanResult refused = scan_articles(config_at(kb));
    CHECK(paths(refused).empty());
    const auto* d = find_diagnostic(refused.diagnostics, "outside the knowledge base");
    REQUIRE(d != nullptr);
    CHECK(d->path == "shared");
    CHECK(d->severity == Severity::error);
    CHECK_THAT(d->message, Catch::Contains(fs::canonical(shared.path()).string()));
    CHECK_THAT(d->hint, Catch::Contains("follow_symlinks_outside"));

    const ScanResult allowed =
        scan_articles(config_at(kb, "[kb]\nfollow_symlinks_outside = [\"" + shared.path().string() + "\"]\n"));
    INFO(describe(allowed.diagnostics));
    CHECK(allowed.diagnostics.empty());
    CHECK(paths(allowed) == Strings{"shared/common.md"});

    // A prefix is a whole folder: "/tmp/x" does not allow "/tmp/x2".
    const ScanResult sibling =
        scan_articles(config_at(kb, "[kb]\nfollow_symlinks_outside = [\"" +
                                        shared.path().string().substr(0, shared.path().string().size() - 1) + "\"]\n"));
    CHECK(paths(sibling).empty());
}

TEST_CASE("scan_articles refuses a symlinked article outside the KB", "[kb][scan][symlink]") {
    TempDir kb("passwd");
    write_file(kb / "faqt.toml", "");
    write_file(kb / "real.md", "# Real\n");
    std::error_code ec;
    fs::create_symlink("/etc/passwd", kb / "x.md", ec);
    REQUIRE_FALSE(ec);
    fs::create_symlink("/dev/zero", kb / "zero.md", ec);
    REQUIRE_FALSE(ec);
    fs::create_symlink("real.md", kb / "inside.md", ec);  // inside the KB: fine
    REQUIRE_FALSE(ec);

    const ScanResult scan = scan_articles(config_at(kb));
    INFO(describe(scan.diagnostics));
    CHECK(paths(scan) == Strings{"inside.md", "real.md"});
    REQUIRE(scan.diagnostics.size() == 2);
    CHECK(scan.diagnostics[0].path == "x.md");
    CHECK_THAT(scan.diagnostics[0].message, Catch::Contains("outside the knowledge base, to '/etc/passwd'"));
    CHECK(scan.diagnostics[1].path == "zero.md");
    CHECK_THAT(scan.diagnostics[1].message, Catch::Contains("'/dev/zero'"));

    // Even allowed, a device is never read as an article.
    const ScanResult everywhere = scan_articles(config_at(kb, "[kb]\nfollow_symlinks_outside = [\"/\"]\n"));
    const auto* device = find_diagnostic(everywhere.diagnostics, "character device");
    REQUIRE(device != nullptr);
    CHECK(device->path == "zero.md");
    CHECK(paths(everywhere) == Strings{"inside.md", "real.md", "x.md"});
}

TEST_CASE("scan_articles reports FIFOs and sockets named *.md without opening them", "[kb][scan]") {
    TempDir kb("fifo");
    write_file(kb / "faqt.toml", "");
    write_file(kb / "ok.md", "ok\n");
    REQUIRE(::mkfifo((kb / "pipe.md").c_str(), 0644) == 0);

    const ScanResult scan = scan_articles(config_at(kb));
    CHECK(paths(scan) == Strings{"ok.md"});
    const auto* d = find_diagnostic(scan.diagnostics, "FIFO");
    REQUIRE(d != nullptr);
    CHECK(d->path == "pipe.md");
    CHECK(d->severity == Severity::error);

    // Reading it directly does not block either (a FIFO open would wait for
    // a writer forever).
    const faqt::KbBoundary boundary(config_at(kb));
    auto read = faqt::read_article_file((kb / "pipe.md").string(), boundary);
    REQUIRE_FALSE(read.ok());
    CHECK_THAT(read.error().message, Catch::Contains("FIFO"));
}

TEST_CASE("read_article_file never follows a link out of the KB", "[kb][symlink]") {
    TempDir kb("reader");
    TempDir outside("outside");
    write_file(kb / "faqt.toml", "");
    write_file(kb / "a.md", "# A\n");
    write_file(outside / "secret.md", "secret\n");
    std::error_code ec;
    fs::create_symlink(outside / "secret.md", kb / "b.md", ec);
    REQUIRE_FALSE(ec);
    fs::create_symlink("a.md", kb / "c.md", ec);
    REQUIRE_FALSE(ec);

    const faqt::KbBoundary boundary(config_at(kb));
    auto a = faqt::read_article_file((kb / "a.md").string(), boundary);
    REQUIRE(a.ok());
    CHECK(*a == "# A\n");
    auto c = faqt::read_article_file((kb / "c.md").string(), boundary);
    REQUIRE(c.ok());
    CHECK(*c == "# A\n");
    auto b = faqt::read_article_file((kb / "b.md").string(), boundary);
    REQUIRE_FALSE(b.ok());
    CHECK_THAT(b.error().message, Catch::Contains("outside the knowledge base"));

    // Nor does loading an article that was swapped for such a link after the scan.
    faqt::ArticleFile file{"b.md", (kb / "b.md").string(), 7, 0};
    auto parsed = faqt::load_article(file, config_at(kb));
    const auto* d = find_diagnostic(parsed.diagnostics, "outside the knowledge base");
    REQUIRE(d != nullptr);
    CHECK(parsed.article.body.find("secret") == std::string::npos);
}

TEST_CASE("KbBoundary: the root and the allowed prefixes, whole folders only", "[kb][symlink]") {
    TempDir kb("boundary");
    write_file(kb / "faqt.toml", "");
    const std::string root = fs::canonical(kb.path()).string();
    const faqt::KbBoundary boundary(config_at(kb, "[kb]\nfollow_symlinks_outside = [\"/srv/shared-kb/\"]\n"));
    CHECK(boundary.contains(root));
    CHECK(boundary.contains(root + "/a.md"));
    CHECK_FALSE(boundary.contains(root + "x/a.md"));
    CHECK(boundary.contains("/srv/shared-kb/a.md"));
    CHECK_FALSE(boundary.contains("/srv/shared-kb2/a.md"));
    CHECK_FALSE(boundary.contains("/etc/passwd"));
    CHECK_FALSE(boundary.contains(""));
}

TEST_CASE("scan_articles reports an unreadable folder", "[kb][scan][permissions]") {
    TempDir kb("unreadable");
    write_file(kb / "faqt.toml", "");
    write_file(kb / "ok.md", "ok\n");
    write_file(kb / "locked" / "secret.md", "secret\n");
    REQUIRE(::chmod((kb / "locked").c_str(), 0) == 0);

    // root reads every folder whatever its mode, so as root the scan runs in a
    // child that has given up root for the "nobody" user.
    auto scan_and_check = [&]() {
        const ScanResult scan = scan_articles(config_at(kb));
        const auto* d = find_diagnostic(scan.diagnostics, "cannot read folder");
        return paths(scan) == Strings{"ok.md"} && d != nullptr && d->severity == Severity::error && d->path == "locked";
    };
    bool passed = false;
    if (::geteuid() == 0) {
        REQUIRE(::chmod(kb.path().c_str(), 0755) == 0);
        REQUIRE(::chmod((kb / "ok.md").c_str(), 0644) == 0);
        REQUIRE(::chmod((kb / "faqt.toml").c_str(), 0644) == 0);
        pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            if (::setgid(65534) != 0 || ::setuid(65534) != 0) {
                ::_exit(2);
            }
            ::_exit(scan_and_check() ? 0 : 1);
        }
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        REQUIRE(WIFEXITED(status));
        INFO("child exit status " << WEXITSTATUS(status));
        passed = WEXITSTATUS(status) == 0;
    } else {
        passed = scan_and_check();
    }
    ::chmod((kb / "locked").c_str(), 0755);
    CHECK(passed);
}

TEST_CASE("load_kb loads config, scan and articles", "[kb][load]") {
    TempDir kb("load");
    write_file(kb / "faqt.toml", "[kb]\ntitle = \"Test KB\"\nunknown = 1\n");
    write_file(kb / "network" / "vpn-drops.md", "+++\ntitle = \"VPN drops\"\n+++\nBody\n");
    write_file(kb / "network" / "vpn-drops.vi.md", "+++\ntitle = \"VPN rớt\"\n+++\nNội dung\n");
    write_file(kb / "accounts" / "reset.md", "+++\ntype = \"bogus\"\n+++\n# Reset\n");
    write_file(kb / "broken.md", "+++\ntitle = \"never closed\"\n");
    write_file(kb / "binary.md", std::string("PNG\0\0\0data", 11));
    write_file(kb / "huge.md", std::string(faqt::k_max_article_bytes + 10, 'x'));

    auto loaded = faqt::load_kb(kb.path());
    REQUIRE(loaded.ok());
    INFO(describe(loaded->diagnostics));
    CHECK(loaded->config.title == "Test KB");

    Strings ids;
    for (const auto& a : loaded->articles) {
        ids.push_back(a.id + "[" + a.lang + "]");
    }
    // Sorted by id, then language; the binary and oversized files are left out.
    CHECK(ids == Strings{"accounts/reset[en]", "broken[en]", "network/vpn-drops[en]", "network/vpn-drops[vi]"});

    const auto* config_warning = find_diagnostic(loaded->diagnostics, "unknown key 'kb.unknown'");
    REQUIRE(config_warning != nullptr);
    CHECK(config_warning->path == "faqt.toml");
    CHECK(config_warning->line == 3);

    const auto* type = find_diagnostic(loaded->diagnostics, "unknown type 'bogus'");
    REQUIRE(type != nullptr);
    CHECK(type->path == "accounts/reset.md");
    CHECK(type->line == 2);

    const auto* unclosed = find_diagnostic(loaded->diagnostics, "never closed");
    REQUIRE(unclosed != nullptr);
    CHECK(unclosed->path == "broken.md");

    const auto* binary = find_diagnostic(loaded->diagnostics, "binary file");
    REQUIRE(binary != nullptr);
    CHECK(binary->path == "binary.md");
    CHECK(binary->severity == Severity::error);

    const auto* huge = find_diagnostic(loaded->diagnostics, "1 MiB");
    REQUIRE(huge != nullptr);
    CHECK(huge->path == "huge.md");
    CHECK(huge->severity == Severity::warning);

    CHECK(loaded->diagnostics.size() == 5);
}

TEST_CASE("load_kb loads many articles in parallel, in a stable order", "[kb][load]") {
    TempDir kb("many");
    write_file(kb / "faqt.toml", "");
    Strings expected;
    for (int i = 0; i < 150; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "art-%03d", i);
        write_file(kb / "many" / (std::string(name) + ".md"), "+++\ntitle = \"" + std::string(name) + "\"\n+++\n");
        expected.push_back("many/" + std::string(name));
    }
    auto loaded = faqt::load_kb(kb.path());
    REQUIRE(loaded.ok());
    CHECK(loaded->diagnostics.empty());
    Strings ids;
    for (const auto& a : loaded->articles) {
        ids.push_back(a.id);
        CHECK(a.title == a.id.substr(5));
    }
    CHECK(ids == expected);
}

TEST_CASE("load_kb fails without a readable faqt.toml", "[kb][load]") {
    TempDir kb("noconfig");
    write_file(kb / "a.md", "a\n");
    auto loaded = faqt::load_kb(kb.path());
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().code == ErrorCode::config);

    write_file(kb / "faqt.toml", "[kb\n");
    loaded = faqt::load_kb(kb.path());
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().code == ErrorCode::config);
}

TEST_CASE("load_article reports a file that cannot be read", "[kb][load]") {
    TempDir kb("gone");
    const Config config = config_at(kb);
    faqt::ArticleFile file{"gone.md", kb / "gone.md", 10, 0};
    const auto parsed = faqt::load_article(file, config);
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.diagnostics[0].path == "gone.md");
    CHECK(parsed.diagnostics[0].severity == Severity::error);
    CHECK_THAT(parsed.diagnostics[0].message, Catch::Contains("cannot read"));
    CHECK(parsed.article.id.empty());
}

TEST_CASE("the bundled example KB loads without errors", "[kb][load][example]") {
    const fs::path root = fs::path(FAQT_SOURCE_DIR) / "examples" / "helpdesk";
    if (!fs::exists(root / "faqt.toml")) {
        WARN("no example KB at " << root);
        return;
    }
    auto loaded = faqt::load_kb(root);
    REQUIRE(loaded.ok());
    INFO(describe(loaded->diagnostics));
    CHECK_FALSE(faqt::has_errors(loaded->diagnostics));
    CHECK(loaded->articles.size() > 10);
    const bool has_vietnamese = std::any_of(loaded->articles.begin(), loaded->articles.end(),
                                            [](const faqt::Article& a) { return a.lang == "vi"; });
    CHECK(has_vietnamese);
}

TEST_CASE("glob_match: a pattern or path past its bound never matches, at once", "[kb][glob]") {
    // Found by fuzzing: a 14 KB pattern against a 14 KB path took seconds.
    const std::string pattern(faqt::k_max_glob_bytes + 1, '*');
    CHECK_FALSE(faqt::glob_match(pattern, "a.md"));
    CHECK_FALSE(faqt::glob_match("**", std::string(5000, 'a')));
    std::string long_pattern;
    std::string long_path;
    for (int i = 0; i < 7000; ++i) {
        long_pattern += "a|";
        long_path += "a|";
    }
    CHECK_FALSE(faqt::glob_match("**?/**/*" + long_pattern, long_path));
    CHECK(faqt::glob_match("**/*.md", "a/b/c.md"));
}

TEST_CASE("config: an exclude glob longer than the bound is an error on its line", "[kb][glob][config]") {
    const auto loaded =
        faqt::parse_config("[kb]\nexclude = [\n  \"drafts/**\",\n  \"" + std::string(1100, '*') + "\",\n]\n", "/kb");
    REQUIRE(loaded.ok());
    bool found = false;
    for (const auto& d : loaded->diagnostics) {
        if (d.message.find("never matches") != std::string::npos) {
            found = true;
            CHECK(d.line == 4);
            CHECK(d.severity == faqt::Severity::error);
        }
    }
    CHECK(found);
}
