#include "index/snippet_source.hpp"

#include <sys/stat.h>

#include <optional>

#include "index/document_builder.hpp"
#include "index/plain_text.hpp"

namespace faqt {

std::string snippet_text_for(const Config& config, std::string_view file_state, std::string stored_text) {
    FileState indexed;
    if (!decode_file_state(file_state, indexed)) {
        return stored_text;
    }
    // One stat per hit: the same size and mtime test the refresh makes.
    const std::string absolute = (config.root / indexed.path).string();
    struct stat st {};
    if (::stat(absolute.c_str(), &st) != 0) {
        return stored_text;
    }
    const std::int64_t mtime = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    if (static_cast<std::uintmax_t>(st.st_size) == indexed.size && mtime == indexed.mtime_ns) {
        return stored_text;
    }
    std::optional<std::string> live = read_snippet_text(config, indexed.path);
    if (live) {
        return std::move(*live);
    }
    return stored_text;
}

}  // namespace faqt
