#pragma once
// The man pages of man/, built into the binary by cmake/embed_man.cmake.

#include <string_view>
#include <vector>

namespace faqt::cli {

struct ManPage {
    std::string_view name;    // "faqt-check.1"
    std::string_view source;  // roff
};

const std::vector<ManPage>& man_pages();

}  // namespace faqt::cli
