#pragma once
// Diagnostic: one problem in the user's content, located by file, line and
// column, so `faqt check` can report every problem of a KB in one run.

#include <string>
#include <vector>

namespace faqt {

enum class Severity { warning, error };

struct Diagnostic {
    std::string path;  // relative to the KB root, '/' separated
    int line = 0;      // 1-based; 0 when the problem concerns the whole file
    int column = 0;    // 1-based; 0 when unknown
    Severity severity = Severity::error;
    std::string message;
    std::string hint;
};

using Diagnostics = std::vector<Diagnostic>;

const char* to_string(Severity severity);

// Sorts by path, then line, then column, keeping the order of equal ones.
void sort_diagnostics(Diagnostics& diagnostics);

bool has_errors(const Diagnostics& diagnostics);

}  // namespace faqt
