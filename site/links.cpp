#include "site/links.hpp"

#include <cctype>
#include <system_error>
#include <vector>

#include "content/html_sanitiser.hpp"
#include "content/text.hpp"

namespace faqt {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out += static_cast<char>(high * 16 + low);
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

bool ends_with_md(std::string_view path) {
    return path.size() > 3 && ascii_lower(path.substr(path.size() - 3)) == ".md";
}

LinkTarget as_text(std::string message) {
    LinkTarget target;
    target.kind = LinkTarget::Kind::text;
    target.warning = std::move(message);
    return target;
}

// Whether the regular file root/path exists and, links followed, is still
// inside the KB.
bool is_kb_file(const std::filesystem::path& root, const std::string& path) {
    std::error_code error;
    const std::filesystem::path file = root / path;
    if (!std::filesystem::is_regular_file(file, error)) {
        return false;
    }
    const std::filesystem::path real = std::filesystem::canonical(file, error);
    if (error) {
        return false;
    }
    const std::filesystem::path real_root = std::filesystem::canonical(root, error);
    if (error) {
        return false;
    }
    const std::string a = real.generic_string();
    std::string b = real_root.generic_string();
    if (b.empty() || b.back() != '/') {
        b += '/';
    }
    return a.compare(0, b.size(), b) == 0;
}

// Whether the host and port of an http(s) or "//" URL could name a server
// ("https://mail.\\" and "http://companyweb):Error" are links cmark's
// autolinks make of prose; browsers refuse them and so do validators).
bool valid_authority(std::string_view url) {
    const std::size_t slashes = url.find("//");
    if (slashes == std::string_view::npos) {
        return true;  // mailto: and the like have no host
    }
    std::string_view authority = url.substr(slashes + 2);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
        authority = authority.substr(at + 1);
    }
    if (authority.empty()) {
        return false;
    }
    if (authority.front() == '[') {
        return authority.find(']') != std::string_view::npos;
    }
    const std::size_t colon = authority.find(':');
    const std::string_view host = authority.substr(0, colon);
    if (host.empty()) {
        return false;
    }
    for (unsigned char c : host) {
        if (!std::isalnum(c) && c != '.' && c != '-' && c != '_' && c < 0x80) {
            return false;
        }
    }
    if (colon != std::string_view::npos) {
        for (char c : authority.substr(colon + 1)) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
    }
    return true;
}

}  // namespace

bool is_external_url(std::string_view url) {
    if (url.starts_with("//") || url.starts_with("\\\\")) {
        return true;
    }
    const std::size_t colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return false;
    }
    for (std::size_t i = 0; i < colon; ++i) {
        const unsigned char c = static_cast<unsigned char>(url[i]);
        if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') {
            return false;
        }
    }
    return true;
}

LinkTarget resolve_link(std::string_view url, bool image, std::string_view from_path, const LinkScope& scope) {
    const std::string shown(url);
    if (url.empty()) {
        return {};
    }
    if (is_external_url(url)) {
        if (!is_safe_url(url)) {
            return as_text("link to " + shown + ": unsafe URL scheme; written as plain text");
        }
        if (!valid_authority(url)) {
            return as_text("link to " + shown + ": not a valid URL; written as plain text");
        }
        if (image) {
            return as_text("image " + shown +
                           " is outside the site and would load from another server; written as its alt text");
        }
        return {};
    }
    LinkTarget target;
    std::string_view rest = url;
    if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) {
        target.fragment = std::string(rest.substr(hash + 1));
        rest = rest.substr(0, hash);
    }
    if (const std::size_t query = rest.find('?'); query != std::string_view::npos) {
        rest = rest.substr(0, query);
    }
    if (rest.empty()) {
        return target;  // "#anchor" on the same page
    }
    const std::string decoded = percent_decode(rest);
    if (decoded.front() == '/' || decoded.front() == '\\') {
        return as_text("link to " + shown +
                       ": an absolute path; make it relative to the article; written as plain text");
    }
    // The folder of the article, then each segment of the link.
    std::vector<std::string> segments;
    {
        const std::size_t slash = from_path.rfind('/');
        if (slash != std::string_view::npos) {
            std::string_view folder = from_path.substr(0, slash);
            std::size_t start = 0;
            while (start <= folder.size()) {
                const std::size_t end = folder.find('/', start);
                const std::string_view part =
                    folder.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
                if (!part.empty()) {
                    segments.emplace_back(part);
                }
                if (end == std::string_view::npos) {
                    break;
                }
                start = end + 1;
            }
        }
    }
    std::size_t start = 0;
    while (start <= decoded.size()) {
        const std::size_t end = decoded.find('/', start);
        const std::string part = decoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (part == "..") {
            if (segments.empty()) {
                return as_text("link to " + shown + " leads out of the knowledge base; written as plain text");
            }
            segments.pop_back();
        } else if (!part.empty() && part != ".") {
            segments.push_back(part);
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    std::string path;
    for (const std::string& segment : segments) {
        if (!path.empty()) {
            path += '/';
        }
        path += segment;
    }
    if (path.empty()) {
        return as_text("link to " + shown + ": the knowledge base's folder is no page; written as plain text");
    }
    if (ends_with_md(path)) {
        if (scope.articles != nullptr) {
            if (auto found = scope.articles->find(path); found != scope.articles->end()) {
                target.kind = LinkTarget::Kind::article;
                target.article = found->second;
                target.kb_path = path;
                return target;
            }
        }
        return as_text("link to " + shown + ": not a public article; written as plain text");
    }
    for (const std::string& segment : segments) {
        if (segment.front() == '.') {
            return as_text("link to " + shown + ": a hidden file is never copied to the site; written as plain text");
        }
    }
    if (!is_kb_file(scope.root, path)) {
        return as_text("link to " + shown + ": no such file in the knowledge base; written as plain text");
    }
    target.kind = LinkTarget::Kind::attachment;
    target.kb_path = path;
    return target;
}

}  // namespace faqt
