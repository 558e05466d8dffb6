#pragma once
// The theme an export uses: the built-in files of site/theme/ (default_theme())
// with any file of SiteOptions::theme_dir put in place of the built-in one of
// the same relative name (or added, for assets). See faqt-theme(7).
//
//   templates/<page>.mustache   one per kind of page (home, article, ...)
//   partials/<name>.mustache    {{> name}} in any template
//   strings/<lang>.txt          interface words, "key = value" a line
//   assets/...                  copied to the site's assets/ folder
//
// Immutable once loaded; safe to read from several threads.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "content/diagnostic.hpp"
#include "content/digest.hpp"

namespace faqt {

using StringTable = std::map<std::string, std::string, std::less<>>;

// "key = value" lines; '#' starts a comment line; blank lines skipped.
StringTable parse_strings(std::string_view text);

class Theme {
public:
    // The built-in theme with the files of dir over it (dir empty: none). A
    // file of dir that cannot be read is a warning and the built-in one stays.
    static Theme load(const std::filesystem::path& dir, Diagnostics& diagnostics);

    // The file's text; "" when the theme has none.
    const std::string& file(std::string_view path) const;
    const std::map<std::string, std::string, std::less<>>& files() const { return m_files; }

    // The interface words of lang: English first, then lang's own file over
    // it (an unknown language is English).
    StringTable strings(std::string_view lang) const;
    bool has_strings(std::string_view lang) const;

    // A digest of every file: pages made with another theme are made again.
    const std::string& digest() const { return m_digest; }

private:
    std::map<std::string, std::string, std::less<>> m_files;
    std::string m_digest;
};

}  // namespace faqt
