#include "site/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

#include "content/atomic_file.hpp"
#include "content/digest.hpp"
#include "content/json.hpp"

namespace faqt {

namespace fs = std::filesystem;

namespace {

constexpr int k_manifest_format = 1;
constexpr std::string_view k_temp_prefix = ".faqt-tmp-";

std::string io_hint(int error) {
    if (error == ENOSPC || error == EDQUOT) {
        return "the disk is full: free some space and export again";
    }
    if (error == EACCES || error == EPERM || error == EROFS) {
        return "faqt needs write access to the output folder; choose another with --out";
    }
    return {};
}

Error io_error(const fs::path& file, const std::string& what, int error) {
    return Error(ErrorCode::io, "cannot " + what + " " + file.string() + ": " + std::strerror(error), io_hint(error));
}

// Whether inner is outer or lies inside it (both absolute and normalised).
bool is_within(const fs::path& inner, const fs::path& outer) {
    auto i = inner.begin();
    for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
        if (o->empty() && std::next(o) == outer.end()) {
            break;  // a trailing '/' of outer
        }
        if (i == inner.end() || *i != *o) {
            return false;
        }
    }
    return true;
}

// Writes bytes to path whole or not at all (content/atomic_file.hpp), with
// the site's temporary names, which a later export recognises and removes.
int write_atomically(const fs::path& path, std::string_view bytes, bool sync) {
    return write_file_atomically(path, bytes, k_temp_prefix, sync);
}

// Whether a failure to write one file is that file's own problem (its name,
// a file or folder in its way), which skips it, rather than the disk's or
// the folder's (full, read-only, no permission, I/O error), which stops the
// export.
bool is_file_problem(int error) {
    return error == ENAMETOOLONG || error == ENOTDIR || error == EISDIR || error == EEXIST || error == ELOOP ||
           error == EINVAL || error == EILSEQ || error == ENOTEMPTY;
}

// A Markdown file of any case ("notes.MD"): a folder holding one may be a
// writer's.
bool ends_with_md(std::string_view name) {
    return name.size() > 3 && name[name.size() - 3] == '.' && (name[name.size() - 2] | 0x20) == 'm' &&
           (name[name.size() - 1] | 0x20) == 'd';
}

// The first (by path, so messages do not depend on the order of the
// folder's entries) Markdown file below folder, or none; symbolic links
// are not followed.
std::optional<fs::path> first_markdown_file(const fs::path& folder, std::error_code& ec) {
    std::optional<fs::path> first;
    for (fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
        if (ends_with_md(it->path().filename().string()) && !it->is_directory(ec) && (!first || it->path() < *first)) {
            first = it->path();
        }
    }
    return first;
}

Result<std::string> read_whole_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return io_error(path, "read", errno != 0 ? errno : ENOENT);
    }
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad()) {
        return io_error(path, "read", errno != 0 ? errno : EIO);
    }
    return out.str();
}

// The size of a regular file at path, or -1 (missing, not a regular file).
long long regular_file_size(const fs::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        return -1;
    }
    return static_cast<long long>(st.st_size);
}

// The bytes of JsonWriter::path()'s "_bytes" field.
std::optional<std::string> bytes_from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) {
        return std::nullopt;
    }
    const auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = digit(hex[i]);
        const int low = digit(hex[i + 1]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        out += static_cast<char>(high * 16 + low);
    }
    return out;
}

}  // namespace

std::string content_digest(std::string_view bytes) {
    return hex_digest(fnv1a(bytes));
}

bool is_safe_site_path(std::string_view path) {
    if (path.empty() || path.front() == '/') {
        return false;
    }
    for (unsigned char c : path) {
        if (c == '\\' || c < 0x20 || c == 0x7f) {
            return false;
        }
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        const std::string_view segment =
            path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (segment.empty() || segment == "." || segment == "..") {
            return false;
        }
        if (slash == std::string_view::npos) {
            return true;
        }
        start = slash + 1;
    }
}

Result<OutputFolder> OutputFolder::open(const OutputOptions& options) {
    std::error_code ec;
    const fs::path folder = fs::weakly_canonical(fs::absolute(options.folder, ec), ec);
    if (ec) {
        return Error(ErrorCode::io,
                     "cannot resolve the output folder " + options.folder.string() + ": " + ec.message());
    }
    const fs::path root = fs::weakly_canonical(fs::absolute(options.kb_root, ec), ec);
    if (ec) {
        return Error(ErrorCode::io, "cannot resolve the KB root " + options.kb_root.string() + ": " + ec.message());
    }
    if (folder == folder.root_path() || is_within(root, folder)) {
        return Error(ErrorCode::usage,
                     "refusing to export into " + folder.string() +
                         (folder == root ? ": it is the KB root" : ": it holds the KB (" + root.string() + ")"),
                     "choose an output folder of its own with --out");
    }

    OutputFolder out;
    out.m_folder = folder;
    out.m_kb_root = root;
    out.m_inside_kb = is_within(folder, root);
    const fs::path manifest = folder / k_manifest_name;
    const fs::file_status status = fs::symlink_status(folder, ec);
    if (fs::exists(status)) {
        if (!fs::is_directory(status)) {
            return Error(ErrorCode::usage, "the output folder " + folder.string() + " is not a folder",
                         "choose another with --out");
        }
        bool empty = true;
        for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
            empty = false;
            break;
        }
        if (ec) {
            return Error(ErrorCode::io, "cannot read the output folder " + folder.string() + ": " + ec.message());
        }
        const bool has_manifest = fs::is_regular_file(fs::symlink_status(manifest, ec));
        if (options.clean && !empty) {
            // --clean empties faqt's own folder, or a folder the user named
            // outside the KB that holds no Markdown: never one whose files
            // may be articles or a writer's notes.
            const auto markdown = first_markdown_file(folder, ec);
            if (ec) {
                return Error(ErrorCode::io, "cannot read the output folder " + folder.string() + ": " + ec.message());
            }
            const std::string hint = "name an empty folder, or one faqt export wrote, with --out";
            if (out.m_inside_kb && !is_within(folder, root / ".faqt") && markdown.has_value()) {
                return Error(ErrorCode::usage,
                             "refusing to clean " + folder.string() + ": it holds articles of the knowledge base (" +
                                 markdown->string() + ")",
                             hint);
            }
            if (!has_manifest) {
                if (!options.explicit_folder) {
                    return Error(ErrorCode::usage,
                                 "refusing to clean " + folder.string() + ": faqt export did not write it",
                                 "name it with --out to empty it, or remove it yourself");
                }
                if (out.m_inside_kb) {
                    return Error(ErrorCode::usage,
                                 "refusing to clean " + folder.string() +
                                     ": it is inside the knowledge base and faqt export did not write it",
                                 hint);
                }
                if (markdown.has_value()) {
                    return Error(ErrorCode::usage,
                                 "refusing to clean " + folder.string() + ": it holds Markdown files (" +
                                     markdown->string() + ") and faqt export did not write it",
                                 hint);
                }
            }
            std::vector<fs::path> entries;
            for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
                entries.push_back(it->path());
            }
            if (ec) {
                return Error(ErrorCode::io, "cannot read the output folder " + folder.string() + ": " + ec.message());
            }
            for (const auto& entry : entries) {
                // remove_all removes a symbolic link, never what it points to.
                fs::remove_all(entry, ec);
                if (ec) {
                    return Error(ErrorCode::io, "cannot remove " + entry.string() + ": " + ec.message());
                }
            }
        } else if (!empty && !has_manifest) {
            return Error(ErrorCode::usage,
                         "the output folder " + folder.string() + " is not empty and faqt export did not write it",
                         "use --clean to empty it first, or choose another folder with --out");
        } else if (has_manifest) {
            auto text = read_whole_file(manifest);
            if (!text) {
                return text.error();
            }
            out.m_manifest_text = *text;
            auto json = nlohmann::json::parse(*text, nullptr, false);
            const auto bad = [&] {
                return Error(ErrorCode::io, "the manifest " + manifest.string() + " is damaged",
                             "use --clean to start over");
            };
            if (json.is_discarded() || !json.is_object() || !json.contains("files") || !json["files"].is_array()) {
                return bad();
            }
            for (const auto& entry : json["files"]) {
                const auto has_string = [&](const char* key) {
                    return entry.is_object() && entry.contains(key) && entry[key].is_string();
                };
                if (!has_string("path") || !has_string("digest") || !has_string("input_key") ||
                    !entry.contains("size") || !entry["size"].is_number_unsigned()) {
                    return bad();
                }
                std::string path = entry["path"].get<std::string>();
                if (has_string("path_bytes")) {
                    auto bytes = bytes_from_hex(entry["path_bytes"].get<std::string>());
                    if (!bytes) {
                        return bad();
                    }
                    path = std::move(*bytes);
                }
                // A path faqt could not have written is not faqt's: never
                // touched, whatever the manifest says.
                if (!is_safe_site_path(path) || path == k_manifest_name) {
                    continue;
                }
                out.m_previous[path] = Record{entry["digest"].get<std::string>(), entry["size"].get<std::uint64_t>(),
                                              entry["input_key"].get<std::string>()};
            }
        }
    } else {
        fs::create_directories(folder, ec);
        if (ec) {
            return Error(ErrorCode::io, "cannot create the output folder " + folder.string() + ": " + ec.message(),
                         io_hint(ec.value()));
        }
    }
    // A folder faqt is about to fill is marked as faqt's at once, so an
    // export stopped before its end (Ctrl-C) does not leave a folder that
    // the next export must refuse.
    if (out.m_previous.empty() && out.m_manifest_text.empty()) {
        if (auto marked = out.write_manifest({}); !marked) {
            return marked.error();
        }
    }
    return out;
}

bool OutputFolder::is_current(std::string_view path, std::string_view input_key) const {
    if (input_key.empty()) {
        return false;
    }
    const auto found = m_previous.find(std::string(path));
    if (found == m_previous.end() || found->second.input_key != input_key) {
        return false;
    }
    return regular_file_size(m_folder / found->first) == static_cast<long long>(found->second.size);
}

Result<void> OutputFolder::write(const SiteFile& file) {
    if (!is_safe_site_path(file.path) || file.path == k_manifest_name || file.path.rfind(k_temp_prefix, 0) == 0) {
        return Error(ErrorCode::internal, "refusing to write a file outside the site: '" + file.path + "'");
    }
    if (m_current.count(file.path) != 0) {
        return Error(ErrorCode::internal, "the export made " + file.path + " twice");
    }
    const auto previous = m_previous.find(file.path);
    if (file.unchanged) {
        if (previous == m_previous.end()) {
            return Error(ErrorCode::internal, "the export kept " + file.path + ", which the manifest does not list");
        }
        m_current[file.path] = previous->second;
        ++m_stats.unchanged;
        return {};
    }
    const fs::path target = m_folder / file.path;
    if (is_article(file.path)) {
        // The output folder is inside the KB: its articles are the writers'.
        m_skipped.push_back(SkippedFile{file.path, file.copy_from,
                                        target.string() + " is an article of the knowledge base",
                                        "export into a folder outside the KB's articles with --out", true});
        return {};
    }
    std::string copied;
    if (!file.copy_from.empty()) {
        auto bytes = read_whole_file(file.copy_from);
        if (!bytes) {
            return skip(file, bytes.error().message, "make the file readable, or remove the link to it");
        }
        copied = std::move(*bytes);
    }
    const std::string_view bytes = file.copy_from.empty() ? std::string_view(file.content) : std::string_view(copied);
    Record record{content_digest(bytes), bytes.size(), file.input_key};
    if (previous != m_previous.end() && previous->second.digest == record.digest &&
        previous->second.size == record.size && regular_file_size(target) == static_cast<long long>(record.size)) {
        m_current[file.path] = std::move(record);
        ++m_stats.unchanged;
        return {};
    }
    const auto skip_for = [&](int error, const std::string& in_the_way) {
        if (error == ENAMETOOLONG) {
            return skip(file, std::strerror(error), "shorten the article's id or file name");
        }
        return skip(file,
                    in_the_way.empty() ? std::string(std::strerror(error))
                                       : "the file " + in_the_way + " is where its folder must be",
                    "two files of the site are at one path: rename one of the articles (or files) they come from");
    };
    std::string in_the_way;
    auto made = make_folders(file.path, in_the_way);
    if (!made) {
        return made.error();
    }
    if (*made != 0) {
        return skip_for(*made, in_the_way);
    }
    if (const int error = write_atomically(target, bytes, false); error != 0) {
        if (is_file_problem(error)) {
            return skip_for(error, "");
        }
        return io_error(target, "write", error);
    }
    m_current[file.path] = std::move(record);
    ++m_stats.written;
    return {};
}

Result<void> OutputFolder::remove_stale() {
    for (const auto& [path, record] : m_previous) {
        if (m_current.count(path) != 0) {
            continue;
        }
        const fs::path target = m_folder / path;
        if (!in_real_folders(path) || is_article(path)) {
            // A link inside the folder leads elsewhere, or the manifest
            // names an article of the KB: not faqt's to remove.
            continue;
        }
        struct stat st {};
        if (::lstat(target.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
            if (::unlink(target.c_str()) != 0 && errno != ENOENT) {
                return io_error(target, "remove", errno);
            }
            ++m_stats.removed;
        }
        // Folders the removal left empty go too, up to the output folder;
        // rmdir fails on a folder that still holds anything.
        for (fs::path dir = target.parent_path(); dir != m_folder && is_within(dir, m_folder);
             dir = dir.parent_path()) {
            if (::rmdir(dir.c_str()) != 0) {
                break;
            }
        }
    }
    return {};
}

// The folders of path, each a real folder, not a symbolic link: a link
// planted in the output folder could otherwise lead a write or a removal
// anywhere. Verified folders are remembered, so each is looked at once.
bool OutputFolder::in_real_folders(std::string_view path) {
    std::size_t slash = 0;
    while ((slash = path.find('/', slash)) != std::string_view::npos) {
        const std::string dir(path.substr(0, slash++));
        if (m_real_folders.count(dir) != 0) {
            continue;
        }
        struct stat st {};
        if (::lstat((m_folder / dir).c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
            return false;
        }
        m_real_folders.insert(dir);
    }
    return true;
}

Result<int> OutputFolder::make_folders(std::string_view path, std::string& failed) {
    std::size_t slash = 0;
    while ((slash = path.find('/', slash)) != std::string_view::npos) {
        const std::string dir(path.substr(0, slash++));
        if (m_real_folders.count(dir) != 0) {
            continue;
        }
        const fs::path folder = m_folder / dir;
        struct stat st {};
        if (::lstat(folder.c_str(), &st) != 0) {
            if (::mkdir(folder.c_str(), 0777) != 0 && errno != EEXIST) {
                const int error = errno;
                if (is_file_problem(error)) {
                    return error;
                }
                return io_error(folder, "create the folder", error);
            }
        } else if (S_ISLNK(st.st_mode)) {
            return Error(ErrorCode::io,
                         "cannot write into " + folder.string() +
                             ": it is a symbolic link, and faqt writes only "
                             "into folders of its own",
                         "remove the link, or start over with --clean");
        } else if (!S_ISDIR(st.st_mode)) {
            failed = dir;
            return ENOTDIR;
        }
        m_real_folders.insert(dir);
    }
    return 0;
}

Result<void> OutputFolder::skip(const SiteFile& file, std::string reason, std::string hint) {
    m_skipped.push_back(SkippedFile{file.path, file.copy_from, std::move(reason), std::move(hint), false});
    return {};
}

bool OutputFolder::is_article(std::string_view path) const {
    // As the article scan names them (content/kb.cpp): ".md", in lower case.
    if (!m_inside_kb || path.size() <= 3 || !path.ends_with(".md")) {
        return false;
    }
    // Everything below the KB root is the KB's content, but for faqt's own
    // state (.faqt/), which the article scan never enters.
    return !is_within(m_folder / path, m_kb_root / ".faqt");
}

Result<OutputStats> OutputFolder::finish() {
    if (auto removed = remove_stale(); !removed) {
        abandon();
        return removed.error();
    }
    if (auto written = write_manifest(m_current); !written) {
        return written.error();
    }
    return m_stats;
}

void OutputFolder::abandon() {
    std::map<std::string, Record> on_disk = m_previous;
    for (const auto& [path, record] : m_current) {
        on_disk[path] = record;
    }
    (void)write_manifest(on_disk);
}

Result<void> OutputFolder::write_manifest(const std::map<std::string, Record>& records) const {
    JsonWriter json;
    json.begin_object();
    json.field("format", k_manifest_format);
    json.field("generator", "faqt export");
    json.key("files").begin_array();
    for (const auto& [path, record] : records) {
        json.begin_object();
        json.path("path", path);
        json.field("digest", record.digest);
        json.field("size", static_cast<long long>(record.size));
        json.field("input_key", record.input_key);
        json.end_object();
    }
    json.end_array();
    json.end_object();
    std::string text = json.str();
    if (text.empty() || text.back() != '\n') {
        text += '\n';
    }
    // An export that changed nothing leaves the folder as it was, manifest
    // included.
    if (text == m_manifest_text &&
        regular_file_size(m_folder / k_manifest_name) == static_cast<long long>(text.size())) {
        return {};
    }
    if (const int error = write_atomically(m_folder / k_manifest_name, text, true); error != 0) {
        return io_error(m_folder / k_manifest_name, "write", error);
    }
    return {};
}

}  // namespace faqt
