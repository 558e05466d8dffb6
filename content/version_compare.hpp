#pragma once
// Dotted version numbers as help desks write them ("4.3.1", "v2.10",
// "2024.2", "7.2b"): compared component by component, numbers as numbers,
// so 4.10 > 4.9 and 4.3 < 4.3.1.

#include <string>
#include <string_view>

namespace faqt {

// <0, 0 or >0 as a is older than, the same as, or newer than b.
// A leading 'v' or 'V' is ignored; a missing component counts as older
// ("4.3" < "4.3.0" < "4.3.1"). Letters after a number compare as text
// ("7.2" < "7.2b").
int compare_versions(std::string_view a, std::string_view b);

// A string whose byte order is the order of compare_versions, so the index
// can range-filter versions stored as values. Empty for an empty version.
std::string version_sort_key(std::string_view version);

}  // namespace faqt
