// Fuzz target: ticket exports. open_tickets() and next() must turn any bytes
// (CSV, TSV, JSON Lines, broken quotes, bad UTF-8) into tickets, warnings or
// an Error, never throw, crash or hang. The first byte picks the options, so
// forced delimiters and an encoding are covered too.

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "tickets/export_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    faqt::ReaderOptions options;
    const std::uint8_t mode = data[0];
    constexpr char k_delimiters[] = {0, ',', ';', '\t', '|'};
    options.delimiter = k_delimiters[mode % 5];
    if ((mode & 0x08) != 0) {
        options.encoding = "windows-1250";
    }
    if ((mode & 0x10) != 0) {
        options.format = faqt::ExportFormat::jsonl;
    }
    if ((mode & 0x20) != 0) {
        options.overrides[faqt::TicketRole::subject] = "Subject";
    }
    // The reader takes a path: an anonymous in-memory file gives it one.
    const int fd = memfd_create("tickets", 0);
    if (fd < 0) {
        return 0;
    }
    std::size_t written = 0;
    while (written + 1 < size) {
        const ssize_t n = write(fd, data + 1 + written, size - 1 - written);
        if (n <= 0) {
            break;
        }
        written += static_cast<std::size_t>(n);
    }
    lseek(fd, 0, SEEK_SET);
    auto source = faqt::open_tickets("/proc/self/fd/" + std::to_string(fd), options);
    if (source) {
        faqt::TicketRecord record;
        while (source->next(record)) {
        }
        (void)source->counts();
    }
    close(fd);
    return 0;
}
