#include "content/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <string>

namespace faqt {

int write_file_atomically(const std::filesystem::path& path, std::string_view bytes, std::string_view temp_prefix,
                          bool sync) {
    static std::atomic<unsigned> counter{0};
    const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const std::filesystem::path temp =
        folder / (std::string(temp_prefix) + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        return errno;
    }
    const auto fail = [&](int error, bool open) {
        if (open) {
            ::close(fd);
        }
        ::unlink(temp.c_str());
        return error;
    };
    const char* data = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return fail(errno, true);
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    if (sync && ::fsync(fd) != 0) {
        return fail(errno, true);
    }
    if (::close(fd) != 0) {
        return fail(errno, false);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        return fail(errno, false);
    }
    return 0;
}

}  // namespace faqt
