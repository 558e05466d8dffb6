// faqt export: the static help site (faqt-export(1)).

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <thread>

#include "cli/commands.hpp"
#include "cli/file_dates.hpp"
#include "content/json.hpp"
#include "content/public_view.hpp"
#include "index/browser_index.hpp"
#include "site/export.hpp"
#include "site/languages.hpp"
#include "site/output.hpp"
#include "site/paths.hpp"

namespace faqt::cli {

namespace {

namespace fs = std::filesystem;

// Where the site goes without --out: inside .faqt/, which `faqt init` keeps
// out of git and the article scan never enters, so a copied attachment can
// never be read back as an article.
constexpr std::string_view k_default_out = ".faqt/site";

struct ExportOptions {
    std::string out;
    bool clean = false;
    bool strict = false;
    std::string theme;
    std::string dump_theme;
    bool json = false;
};

fs::path absolute_path(const fs::path& path) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    return ec ? path : absolute.lexically_normal();
}

// --dump-theme DIR: the built-in theme as a starting point. Refuses to
// overwrite any file, and checks every one before writing the first.
int dump_theme(const ExportOptions& o, const Context& ctx) {
    const fs::path folder = absolute_path(o.dump_theme);
    const auto files = default_theme();
    std::error_code ec;
    for (const auto& file : files) {
        if (!is_safe_site_path(file.path)) {
            return ctx.report(Error(ErrorCode::internal, "the built-in theme has a bad file name: " + file.path));
        }
        if (fs::exists(fs::symlink_status(folder / file.path, ec))) {
            return ctx.report(Error(ErrorCode::usage, "refusing to overwrite " + (folder / file.path).string(),
                                    "dump the theme into a new or empty folder"));
        }
    }
    for (const auto& file : files) {
        const fs::path target = folder / file.path;
        fs::create_directories(target.parent_path(), ec);
        std::FILE* out = ec ? nullptr : std::fopen(target.c_str(), "wbx");
        bool ok =
            out != nullptr && std::fwrite(file.content.data(), 1, file.content.size(), out) == file.content.size();
        if (out != nullptr && std::fclose(out) != 0) {
            ok = false;
        }
        if (!ok) {
            return ctx.report(Error(ErrorCode::io, "cannot write " + target.string()));
        }
    }
    if (o.json) {
        JsonWriter json;
        json.begin_object();
        json.path("theme", folder.string());
        json.field("files", files.size());
        json.end_object();
        std::fputs(json.str().c_str(), stdout);
    } else if (!ctx.global.quiet) {
        write_text(stdout,
                   "wrote " + std::to_string(files.size()) + " theme file" + (files.size() == 1 ? "" : "s") + " to " +
                       folder.string() + "\n",
                   false);
    }
    return k_exit_ok;
}

// --clean empties the folder, whatever is in it: never the home folder or a
// folder that holds it (a mistyped --out ~ must not cost the user their
// files). The library refuses the KB root and '/' itself.
Result<void> check_clean(const fs::path& out) {
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0') {
        return {};
    }
    std::error_code ec;
    const fs::path folder = fs::weakly_canonical(out, ec);
    const fs::path home_folder = fs::weakly_canonical(home, ec);
    if (ec || home_folder.empty()) {
        return {};
    }
    auto f = folder.begin();
    auto h = home_folder.begin();
    for (; f != folder.end() && h != home_folder.end(); ++f, ++h) {
        if (f->empty()) {
            break;
        }
        if (*f != *h) {
            return {};
        }
    }
    if (f == folder.end() || f->empty()) {
        return Error(ErrorCode::usage, "refusing to clean " + folder.string() + ": it holds your home folder",
                     "name the site's own folder with --out");
    }
    return {};
}

std::string plural(long long n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The files the output folder skipped, as diagnostics naming the article
// (or attachment) they come from when there is one, else the file in the
// output folder. True when one would have overwritten an article of the KB
// (an error: the export then exits 3, everything else written).
bool report_skipped(const OutputFolder& output, const Config& config, const std::vector<PublishedArticle>& articles,
                    Diagnostics& out) {
    if (output.skipped().empty()) {
        return false;
    }
    std::map<std::string, std::string> sources;  // site path → the article's path in the KB
    for (const auto& a : articles) {
        const std::string prefix = language_prefix(a.lang.empty() ? config.default_lang : a.lang, config.default_lang);
        sources.emplace(article_path(prefix, a.id), a.path);
        for (const auto& former : a.former_ids) {
            sources.emplace(article_path(prefix, former), a.path);
        }
    }
    bool article_refused = false;
    for (const SkippedFile& skipped : output.skipped()) {
        std::string path = (output.folder() / skipped.path).string();
        if (!skipped.copy_from.empty()) {
            path = fs::path(skipped.copy_from).lexically_relative(config.root).generic_string();
        } else if (auto found = sources.find(skipped.path); found != sources.end()) {
            path = found->second;
        }
        out.push_back(Diagnostic{path, 0, 0, skipped.article ? Severity::error : Severity::warning,
                                 "cannot write " + skipped.path + ": " + skipped.reason + "; skipped", skipped.hint});
        article_refused = article_refused || skipped.article;
    }
    return article_refused;
}

// The browser search index of each language folder (search/, or
// <lang>/search/), through the output folder like every page, so the
// manifest, unchanged files and --clean cover it. The number of files.
Result<int> write_search_indexes(const Config& config, const std::vector<PublishedArticle>& articles,
                                 OutputFolder& output) {
    int files = 0;
    BrowserIndexOptions options;
    options.page_url = [](const PublishedArticle& article) { return url_path(article_path("", article.id)); };
    options.category_name = [&config](std::string_view id) { return category_display_name(config, id); };
    options.threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    for (const LanguageArticles& language : language_articles(config, articles)) {
        options.lang = language.lang;
        const std::string folder = language_prefix(language.lang, config.default_lang) + "search/";
        for (BrowserIndexFile& made : build_browser_index(config, language.articles, options)) {
            SiteFile file;
            file.path = folder + made.name;
            file.content = std::move(made.content);
            if (auto written = output.write(file); !written) {
                return written.error();
            }
            ++files;
        }
    }
    return files;
}

int run_export(const ExportOptions& o, const Context& ctx, const LoadedKb& kb) {
    const Config& config = kb.config;
    const bool explicit_out = !o.out.empty();
    const fs::path out = explicit_out ? absolute_path(o.out) : config.root / k_default_out;

    SiteOptions site;
    if (!o.theme.empty()) {
        site.theme_dir = absolute_path(o.theme);
    } else if (!config.site_theme.empty()) {
        site.theme_dir = (config.root / config.site_theme).lexically_normal();
    }
    if (!site.theme_dir.empty()) {
        std::error_code ec;
        if (!fs::is_directory(site.theme_dir, ec)) {
            return ctx.report(Error(o.theme.empty() ? ErrorCode::config : ErrorCode::usage,
                                    "the theme folder " + site.theme_dir.string() + " does not exist",
                                    o.theme.empty() ? "fix [site] theme in faqt.toml (relative to the KB root)"
                                                    : "name an existing folder; 'faqt export --dump-theme DIR' "
                                                      "writes the built-in theme as a start"));
        }
    }

    if (o.clean) {
        if (auto safe = check_clean(out); !safe) {
            return ctx.report(safe.error());
        }
    }
    auto folder = OutputFolder::open({out, config.root, o.clean, explicit_out});
    if (!folder) {
        return ctx.report(folder.error());
    }

    // Problems found while loading (an article that could not be read is
    // skipped: the load made it internal) are warnings of the export;
    // faqt.toml's were printed by the load.
    Diagnostics warnings;
    for (const auto& d : kb.diagnostics) {
        if (d.path != "faqt.toml") {
            Diagnostic w = d;
            w.severity = Severity::warning;
            warnings.push_back(std::move(w));
        }
    }
    int config_warnings = 0;
    for (const auto& d : kb.diagnostics) {
        config_warnings += d.path == "faqt.toml" ? 1 : 0;
    }

    const std::vector<PublishedArticle> articles = published_articles(kb.articles, &config);
    site.file_dates = article_file_dates(kb);
    const OutputFolder* current = &*folder;
    site.is_current = [current](std::string_view path, std::string_view key) { return current->is_current(path, key); };

    OutputFolder& output = *folder;
    auto report = export_site(config, articles, site, [&output](SiteFile&& file) { return output.write(file); });
    if (!report) {
        output.abandon();
        return ctx.report(report.error());
    }
    auto search_files = write_search_indexes(config, articles, output);
    if (!search_files) {
        output.abandon();
        return ctx.report(search_files.error());
    }
    auto stats = output.finish();
    if (!stats) {
        return ctx.report(stats.error());
    }
    for (auto& d : report->diagnostics) {
        warnings.push_back(d);
    }
    const bool article_refused = report_skipped(output, config, articles, warnings);
    sort_diagnostics(warnings);
    if (!ctx.global.quiet) {
        print_diagnostics(warnings, ctx, stderr);
    } else if (article_refused) {
        // -q silences warnings, never the error behind exit status 3.
        Diagnostics errors;
        for (const auto& d : warnings) {
            if (d.severity == Severity::error) {
                errors.push_back(d);
            }
        }
        print_diagnostics(errors, ctx, stderr);
    }

    const fs::path index = output.folder() / home_path("");
    if (o.json) {
        JsonWriter json;
        json.begin_object();
        json.path("out", output.folder().string());
        json.path("index", index.string());
        json.field("articles", report->articles);
        json.field("pages", report->pages);
        json.field("files", report->files + *search_files);
        json.field("search_files", *search_files);
        json.field("written", stats->written);
        json.field("unchanged", stats->unchanged);
        json.field("removed", stats->removed);
        json.field("warnings", warnings.size());
        write_diagnostics(json, warnings);
        json.end_object();
        std::fputs(json.str().c_str(), stdout);
    } else {
        std::string text = "exported " + plural(report->articles, "article", "articles") + ", " +
                           plural(report->pages, "page", "pages") + " to " + output.folder().string() + " (" +
                           std::to_string(stats->written) + " written, " + std::to_string(stats->unchanged) +
                           " unchanged, " + std::to_string(stats->removed) + " removed)\n" + index.string() + "\n";
        write_text(stdout,
                   std::string(ctx.bold()) + text.substr(0, text.find('\n') + 1) + std::string(ctx.reset()) +
                       text.substr(text.find('\n') + 1),
                   ctx.color);
    }
    if (article_refused) {
        return k_exit_runtime;
    }
    if (o.strict && (!warnings.empty() || config_warnings > 0)) {
        return k_exit_not_found;
    }
    return k_exit_ok;
}

}  // namespace

void setup_export(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ExportOptions>();
    auto* cmd = app.add_subcommand("export", "Write the static help site");
    cmd->add_option("--out,-o", o->out, "Output folder (default: .faqt/site in the KB)");
    cmd->add_flag("--clean", o->clean, "Empty the output folder first");
    cmd->add_flag("--strict", o->strict, "Any warning makes the exit status 1 (after writing)");
    cmd->add_option("--theme", o->theme, "Folder whose files override the built-in theme");
    cmd->add_option("--dump-theme", o->dump_theme, "Write the built-in theme into DIR and exit");
    cmd->add_flag("--json", o->json, "JSON output");
    cmd->callback([o, &ctx] {
        ctx.json = o->json;
        if (!o->dump_theme.empty()) {
            ctx.needs_instead = Needs::nothing;
            ctx.action = [o, &ctx](const Inputs&) { return dump_theme(*o, ctx); };
            return;
        }
        ctx.action = [o, &ctx](const Inputs& in) { return run_export(*o, ctx, *in.kb); };
    });
}

}  // namespace faqt::cli
