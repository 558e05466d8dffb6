#include "site/paths.hpp"

#include <cctype>
#include <cstdint>

#include "content/digest.hpp"
#include "content/text.hpp"

namespace faqt {

namespace {

constexpr char k_hex[] = "0123456789ABCDEF";

// Longest file or folder name written: 255 bytes is the usual limit of a
// name, and a file's name gets ".faqt-tmp-…" added while it is written.
constexpr std::size_t k_max_segment_bytes = 200;

void append_escaped(std::string& out, unsigned char c) {
    out += '%';
    out += k_hex[c >> 4];
    out += k_hex[c & 15];
}

// A path of '/'-separated segments, each escaped.
std::string escape_path(std::string_view path) {
    std::string out;
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        const std::string_view segment =
            path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (!out.empty()) {
            out += '/';
        }
        out += escape_segment(segment);
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    return out;
}

std::string join(std::string_view prefix, std::string_view a, std::string_view b = {}) {
    std::string out(prefix);
    out += a;
    out += b;
    return out;
}

}  // namespace

std::string language_prefix(std::string_view lang, std::string_view default_lang) {
    if (lang == default_lang || lang.empty()) {
        return {};
    }
    return escape_segment(lang) + "/";
}

std::string home_path(std::string_view prefix) {
    return join(prefix, "index.html");
}

std::string search_path(std::string_view prefix) {
    return join(prefix, "search.html");
}

std::string search_index_path(std::string_view prefix) {
    return join(prefix, "search/");
}

std::string article_path(std::string_view prefix, std::string_view id) {
    return join(prefix, "articles/" + escape_path(id), "/index.html");
}

std::string categories_path(std::string_view prefix) {
    return join(prefix, "categories/index.html");
}

std::string category_path(std::string_view prefix, std::string_view category_id) {
    return join(prefix, "categories/" + escape_path(category_id), "/index.html");
}

std::string tags_path(std::string_view prefix) {
    return join(prefix, "tags/index.html");
}

std::string tag_path(std::string_view prefix, std::string_view tag) {
    return join(prefix, "tags/" + name_slug(tag), "/index.html");
}

std::string faq_path(std::string_view prefix) {
    return join(prefix, "faq/index.html");
}

std::string known_issues_path(std::string_view prefix) {
    return join(prefix, "known-issues/index.html");
}

std::string product_path(std::string_view prefix, std::string_view product) {
    return join(prefix, "known-issues/" + name_slug(product), "/index.html");
}

std::string feed_path(std::string_view prefix) {
    return join(prefix, "feeds/known-issues.xml");
}

std::string product_feed_path(std::string_view prefix, std::string_view product) {
    // "known-issues" is the whole KB's feed; a product slugged the same gets
    // a prefix so the two never share a file.
    std::string slug = name_slug(product);
    if (slug == "known-issues") {
        slug = "product-" + slug;
    }
    return join(prefix, "feeds/" + slug, ".xml");
}

std::string attachment_path(std::string_view kb_path) {
    return "files/" + escape_path(kb_path);
}

std::string name_slug(std::string_view name) {
    std::string slug = slugify(name);
    if (slug.empty()) {
        // Stable across runs and machines, so the page keeps its address.
        return "x" + hex_digest(fnv1a(name));
    }
    // Names that differ only in case, accents and separators ("VPN client",
    // "vpn-client") share a page. Where the slug dropped more ("C#", "C++",
    // "C" are all "c"; a name cut at 80 characters), a digest of the folded
    // name keeps the pages apart.
    const std::string folded = fold(name);
    std::size_t kept = 0;
    bool lossy = false;
    for (char c : folded) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && std::isalnum(u) != 0) {
            ++kept;
        } else if (std::string_view(" \t-_./,:").find(c) == std::string_view::npos) {
            lossy = true;
        }
    }
    std::size_t letters = 0;
    for (char c : slug) {
        letters += c != '-' ? 1 : 0;
    }
    if (lossy || letters != kept) {
        slug += '-';
        slug += hex_digest(fnv1a(folded)).substr(0, 8);
    }
    return escape_segment(slug);  // only its length can need it
}

std::string escape_segment(std::string_view segment) {
    std::string out;
    if (segment.empty() || segment == "." || segment == "..") {
        for (unsigned char c : segment) {
            append_escaped(out, c);
        }
        return out.empty() ? "%00" : out;
    }
    for (unsigned char c : segment) {
        if (c < 0x20 || c == 0x7f || c == '\\' || c == '%' || c == '/') {
            append_escaped(out, c);
        } else {
            out += static_cast<char>(c);
        }
    }
    // A folder named index.html would be the file of the page above it.
    if (ascii_lower(out) == "index.html") {
        out.replace(5, 1, "%2E");
    }
    // File systems take 255 bytes a name: a longer one keeps its start, cut
    // on a character boundary, and a digest of the whole, so it stays unique.
    if (out.size() > k_max_segment_bytes) {
        std::size_t cut = k_max_segment_bytes - 18;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        const std::uint64_t hash = fnv1a(segment);
        out.resize(cut);
        out += '~';
        for (int shift = 60; shift >= 0; shift -= 4) {
            out += static_cast<char>(std::tolower(k_hex[(hash >> shift) & 15]));
        }
    }
    return out;
}

std::string url_path(std::string_view path) {
    std::string out;
    for (unsigned char c : path) {
        const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                          c == '-' || c == '_' || c == '.' || c == '~' || c == '!' || c == '$' || c == '&' ||
                          c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == ';' ||
                          c == '=' || c == ':' || c == '@';
        if (safe) {
            out += static_cast<char>(c);
        } else {
            append_escaped(out, c);
        }
    }
    return out;
}

std::string query_value(std::string_view value) {
    std::string out;
    for (unsigned char c : value) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            append_escaped(out, c);
        }
    }
    return out;
}

std::string relative_href(std::string_view from, std::string_view to, std::string_view fragment) {
    // Common folder prefix of the two paths, then one "../" per folder of
    // from below it.
    std::size_t common = 0;
    for (std::size_t i = 0; i < from.size() && i < to.size() && from[i] == to[i]; ++i) {
        if (from[i] == '/') {
            common = i + 1;
        }
    }
    std::string href;
    for (std::size_t i = common; i < from.size(); ++i) {
        if (from[i] == '/') {
            href += "../";
        }
    }
    href += url_path(to.substr(common));
    if (!fragment.empty()) {
        href += '#';
        href += url_path(fragment);
    }
    return href;
}

std::string absolute_url(std::string_view base_url, std::string_view path) {
    if (base_url.empty()) {
        return {};
    }
    std::string out(base_url);
    if (out.back() != '/') {
        out += '/';
    }
    out += url_path(path);
    return out;
}

}  // namespace faqt
