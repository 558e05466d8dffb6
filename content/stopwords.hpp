#pragma once
// Words too common to say what a text is about, in English, Vietnamese and
// Polish (folded): one list for the index and query parser (index/terms.hpp
// passes it on), the site's browser search (given the list by the index)
// and the clustering of tickets (tickets/write_next.hpp), so every part
// drops the same words; and the words of a ticket that only ask for help,
// for suggest and the clustering alike. Thread-safe.

#include <string>
#include <string_view>
#include <vector>

namespace faqt {

// True when a folded word (content's fold()) is on the list.
bool is_stopword(std::string_view folded);

// The words is_stopword() holds, sorted and each once: what the site's
// browser search is given so it drops the same words.
std::vector<std::string> stopwords();

// Words that say a ticket is a request, not what it is about ("Urgent",
// "Question", "Help needed", "Problem with ..."): subjects are full of
// them, so `faqt suggest` does not search them and the report's "what to
// write next" does not cluster by them. Folded; English and Polish.
bool is_request_word(std::string_view folded);

}  // namespace faqt
