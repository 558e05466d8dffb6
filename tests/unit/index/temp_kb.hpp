#pragma once
// A knowledge base in a temporary folder for the index tests: write
// faqt.toml and articles, load the config, remove it all at the end.

#include <unistd.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "content/config.hpp"

namespace faqt::test {

inline constexpr const char* k_basic_toml = R"(
[kb]
title = "Test KB"
default_lang = "en"

[[categories]]
id = "network/vpn"
name = "VPN"

[[categories]]
id = "accounts/passwords"
name = "Passwords"

[synonyms]
vpn = ["remote access", "tunnel"]
"s drive" = ["mapped drive", "network drive"]
)";

class TempKb {
public:
    explicit TempKb(const std::string& toml = k_basic_toml) {
        static std::atomic<int> counter{0};
        m_root = std::filesystem::temp_directory_path() /
                 ("faqt-index-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(m_root);
        std::filesystem::create_directories(m_root);
        write("faqt.toml", toml);
    }
    ~TempKb() {
        std::error_code ec;
        std::filesystem::permissions(m_root, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
        std::filesystem::remove_all(m_root, ec);
    }
    TempKb(const TempKb&) = delete;
    TempKb& operator=(const TempKb&) = delete;

    const std::filesystem::path& root() const { return m_root; }

    void write(const std::string& path, const std::string& text) {
        auto file = m_root / path;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
        // Every write gets a new mtime, even within the file system's clock
        // resolution, as an editor saving seconds later would.
        bump_mtime(path);
    }

    void bump_mtime(const std::string& path) {
        auto file = m_root / path;
        static auto next = std::filesystem::file_time_type::clock::now();
        next += std::chrono::seconds(2);
        std::filesystem::last_write_time(file, next);
    }

    void remove(const std::string& path) { std::filesystem::remove(m_root / path); }

    std::string read(const std::string& path) const {
        std::ifstream in(m_root / path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }

    Config config() const {
        auto loaded = load_config(m_root);
        REQUIRE(loaded.ok());
        return loaded->config;
    }

private:
    std::filesystem::path m_root;
};

// An article in TOML front matter.
inline std::string article(const std::string& front_matter, const std::string& body) {
    return "+++\n" + front_matter + "\n+++\n\n" + body + "\n";
}

}  // namespace faqt::test
