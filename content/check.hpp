#pragma once
// Validation of a loaded KB beyond what parsing one file can see: unknown
// categories, duplicate ids, broken links and anchors, known errors missing
// their sections, reviews overdue.

#include "content/diagnostic.hpp"
#include "content/kb.hpp"

namespace faqt {

// Returns every problem of the KB: kb.diagnostics plus the cross-article
// checks. today is passed in so tests can pin it.
Diagnostics check_kb(const LoadedKb& kb, const Date& today);

}  // namespace faqt
