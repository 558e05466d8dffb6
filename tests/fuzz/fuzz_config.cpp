// Fuzz target: faqt.toml. parse_config() must turn any text into a config
// with diagnostics or an Error, never throw or crash.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "content/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto loaded = faqt::parse_config(text, "/kb");
    if (loaded) {
        // Exercise what the rest of faqt asks of a loaded config.
        loaded->config.section_kind("Triệu chứng", "vi");
        loaded->config.index_fingerprint();
    }
    return 0;
}
