#pragma once
// Helpers shared by the content tests: a temporary folder that cleans up after
// itself, file writing, test configs, diagnostic lookups, and Catch printers
// for dates so failures show "2026-11-20" rather than "{?}".

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

#include <catch2/catch.hpp>

#include "content/config.hpp"
#include "content/date.hpp"
#include "content/diagnostic.hpp"

namespace Catch {
template <>
struct StringMaker<faqt::Date> {
    static std::string convert(const faqt::Date& date) { return date.to_string(); }
};
template <>
struct StringMaker<std::optional<faqt::Date>> {
    static std::string convert(const std::optional<faqt::Date>& date) {
        return date ? date->to_string() : std::string("(no date)");
    }
};
}  // namespace Catch

namespace faqt::test {

// The 1-based line of text holding the first occurrence of needle, or 0.
inline int line_of(std::string_view text, std::string_view needle) {
    const auto at = text.find(needle);
    if (at == std::string_view::npos) {
        return 0;
    }
    int line = 1;
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') {
            ++line;
        }
    }
    return line;
}

// A fresh folder below the system's temp folder, removed (with everything in
// it, permissions restored first) when the object goes out of scope.
class TempDir {
public:
    explicit TempDir(std::string_view tag = "tmp") {
        static std::atomic<unsigned> counter{0};
        std::random_device random;
        const auto base = std::filesystem::temp_directory_path();
        while (true) {
            const std::string name = "faqt-unit-" + std::string(tag) + "-" + std::to_string(::getpid()) + "-" +
                                     std::to_string(counter++) + "-" + std::to_string(random());
            m_path = base / name;
            std::error_code ec;
            if (std::filesystem::create_directory(m_path, ec)) {
                break;
            }
        }
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    ~TempDir() {
        std::error_code ec;
        // Folders a test made unreadable must be readable again to be removed.
        std::filesystem::permissions(m_path, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
        for (auto it = std::filesystem::recursive_directory_iterator(
                 m_path, std::filesystem::directory_options::skip_permission_denied, ec);
             !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            std::error_code entry_ec;
            if (!it->is_symlink(entry_ec) && it->is_directory(entry_ec)) {
                std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                             std::filesystem::perm_options::add, entry_ec);
            }
        }
        std::filesystem::remove_all(m_path, ec);
    }

    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::filesystem::path& relative) const { return m_path / relative; }

private:
    std::filesystem::path m_path;
};

// Writes content to path, creating the parent folders.
inline void write_file(const std::filesystem::path& path, std::string_view content) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

// A Config parsed from TOML text; the test fails when the text is not valid.
inline Config make_config(std::string_view toml, const std::filesystem::path& root = {}) {
    auto loaded = parse_config(toml, root);
    if (!loaded) {
        throw std::runtime_error("test config does not parse: " + loaded.error().message);
    }
    return loaded->config;
}

// The first diagnostic whose message contains needle, or nullptr.
inline const Diagnostic* find_diagnostic(const Diagnostics& diagnostics, std::string_view needle) {
    for (const auto& d : diagnostics) {
        if (d.message.find(needle) != std::string::npos) {
            return &d;
        }
    }
    return nullptr;
}

inline std::size_t count_diagnostics(const Diagnostics& diagnostics, std::string_view needle) {
    std::size_t n = 0;
    for (const auto& d : diagnostics) {
        if (d.message.find(needle) != std::string::npos) {
            ++n;
        }
    }
    return n;
}

// "path:line:col: severity: message" lines, for readable failure messages.
inline std::string describe(const Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics) {
        out += d.path + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + to_string(d.severity) +
               ": " + d.message + "\n";
    }
    return out.empty() ? "(no diagnostics)" : out;
}

}  // namespace faqt::test
