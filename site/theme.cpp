#include "site/theme.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

#include "content/text.hpp"
#include "site/compact_script.hpp"
#include "site/export.hpp"

namespace faqt {

StringTable parse_strings(std::string_view text) {
    StringTable table;
    for (std::string_view line : split_lines(text)) {
        std::string trimmed = trim(line);
        if (trimmed.empty() || trimmed.front() == '#') {
            continue;
        }
        const std::size_t equals = trimmed.find('=');
        if (equals == std::string::npos) {
            continue;
        }
        std::string key = trim(std::string_view(trimmed).substr(0, equals));
        if (!key.empty()) {
            table[key] = trim(std::string_view(trimmed).substr(equals + 1));
        }
    }
    return table;
}

Theme Theme::load(const std::filesystem::path& dir, Diagnostics& diagnostics) {
    Theme theme;
    // The built-in scripts ship compacted (site/compact_script.hpp), and
    // so does a theme folder's copy of one left as --dump-theme wrote it.
    const std::vector<ThemeFile> builtin_files = default_theme();
    std::map<std::string_view, std::string_view> builtin_scripts;
    for (const ThemeFile& file : builtin_files) {
        const bool script = file.path.starts_with("assets/") && file.path.ends_with(".js");
        if (script) {
            builtin_scripts.emplace(file.path, file.content);
        }
        theme.m_files.emplace(file.path, script ? compact_script(file.content) : std::string(file.content));
    }
    if (!dir.empty()) {
        std::error_code error;
        std::filesystem::recursive_directory_iterator it(dir, error);
        if (error) {
            diagnostics.push_back({dir.generic_string(), 0, 0, Severity::warning,
                                   "theme folder cannot be read (" + error.message() + "); the built-in theme is used",
                                   "check [site] theme or --theme"});
        }
        for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
            // Hidden files and folders (.git, editors' swap files) are no
            // part of a theme.
            if (it->path().filename().string().starts_with(".")) {
                if (it->is_directory(error)) {
                    it.disable_recursion_pending();
                }
                continue;
            }
            if (!it->is_regular_file(error)) {
                continue;
            }
            const std::string relative = std::filesystem::relative(it->path(), dir, error).generic_string();
            std::ifstream in(it->path(), std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            if (!in) {
                diagnostics.push_back({it->path().generic_string(), 0, 0, Severity::warning,
                                       "theme file cannot be read; the built-in one is used", ""});
                continue;
            }
            std::string content = text.str();
            const bool binary_asset = !relative.ends_with(".mustache") && !relative.ends_with(".txt") &&
                                      !relative.ends_with(".css") && !relative.ends_with(".js");
            if (!binary_asset && !is_valid_utf8(content)) {
                diagnostics.push_back({it->path().generic_string(), 0, 0, Severity::warning,
                                       "theme file is not UTF-8; the built-in one is used", "save it as UTF-8"});
                continue;
            }
            if (auto builtin = builtin_scripts.find(relative);
                builtin != builtin_scripts.end() && builtin->second == content) {
                content = compact_script(content);
            }
            theme.m_files[relative] = std::move(content);
        }
    }
    std::uint64_t digest = fnv1a("faqt-theme-1");
    for (const auto& [path, content] : theme.m_files) {
        digest = fnv1a(content, fnv1a(std::string(path) + '\0', digest));
    }
    theme.m_digest = hex_digest(digest);
    return theme;
}

const std::string& Theme::file(std::string_view path) const {
    static const std::string k_none;
    auto found = m_files.find(path);
    return found == m_files.end() ? k_none : found->second;
}

bool Theme::has_strings(std::string_view lang) const {
    return m_files.contains("strings/" + std::string(lang) + ".txt");
}

StringTable Theme::strings(std::string_view lang) const {
    StringTable table = parse_strings(file("strings/en.txt"));
    if (lang != "en") {
        for (auto& [key, value] : parse_strings(file("strings/" + std::string(lang) + ".txt"))) {
            table[key] = std::move(value);
        }
    }
    return table;
}

}  // namespace faqt
