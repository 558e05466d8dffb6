#pragma once
// The parts of a search that `faqt suggest` (index/suggest.cpp) shares with
// `faqt search` (defined in index/search.cpp), so both filter and expand
// words alike. Internal to index/.

#include <xapian.h>

#include <string>
#include <vector>

#include "index/search.hpp"

namespace faqt {

// The Xapian form of an ArticleFilter (drafts left out unless asked for;
// --version hides known errors fixed at or before it).
Xapian::Query apply_filters(Xapian::Query query, const SearchFilters& filters);

// The languages whose stems a query looks for: the filter's, else every
// stemmed language of the index.
std::vector<std::string> stem_langs_for(const Xapian::Database& db, const SearchFilters& filters);

}  // namespace faqt
