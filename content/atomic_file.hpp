#pragma once
// Writing a whole file so that readers see either the old file or the new
// one, never half of it: the bytes go to a temporary file in the same
// folder (named temp_prefix, the process id and a counter; mode 0666 less
// the umask, like any new file), then rename() puts it in place. On any
// failure the temporary file is removed and the old file is untouched.
// Thread-safe (each call makes its own temporary name).

#include <filesystem>
#include <string_view>

namespace faqt {

// Returns 0, or the errno of the step that failed (ENOSPC for a full disk).
// sync: fsync the file before the rename (for a file whose loss matters
// after a crash, such as a manifest or a report).
int write_file_atomically(const std::filesystem::path& path, std::string_view bytes, std::string_view temp_prefix,
                          bool sync);

}  // namespace faqt
