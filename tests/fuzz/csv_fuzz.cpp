// The CSV reader: reading the whole file on one thread, and split into 2 to 5 parts as the
// parallel import does, give the same rows with the same row numbers (or both refuse the file).
#include "fuzz_support.hpp"
#include "io/table_reader.hpp"

#include <optional>
#include <vector>

namespace {

using Rows = std::vector<std::pair<uint64_t, std::vector<std::string>>>;

void read_into(ascent::io::TableReader &reader, Rows &rows) {
    std::vector<std::string_view> cells;
    while (reader.next(cells)) rows.emplace_back(reader.row(), std::vector<std::string>(cells.begin(), cells.end()));
}

// Rows after the header, read whole (parts = 0) or split into `parts`.
std::optional<Rows> read(const std::string &path, std::size_t parts) {
    Rows rows;
    const bool ok = ascent::fuzz::accepts([&] {
        ascent::io::TableOptions options;
        options.split_min_bytes = 0;
        auto reader = ascent::io::open_table(path, options);
        std::vector<std::string_view> header;
        if (!reader->next(header)) return;
        if (parts == 0) return read_into(*reader, rows);
        auto readers = reader->split(parts);
        if (readers.empty()) return read_into(*reader, rows);
        for (auto &part : readers) read_into(*part, rows);
    });
    if (!ok) return std::nullopt;
    return rows;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    if (size > 0 && (data[0] == 'P' || data[0] == 0xD0)) return 0; // a zip or OLE2 header: not this reader's
    const auto path = ascent::fuzz::as_file(data, size, "input.csv");
    const auto whole = read(path, 0);
    for (std::size_t parts = 2; parts <= 5; ++parts) {
        const auto split = read(path, parts);
        if (whole.has_value() != split.has_value())
            ascent::fuzz::finding("the whole read " + std::string(whole ? "accepts" : "refuses") + " what a read in " +
                                  std::to_string(parts) + " parts " + (split ? "accepts" : "refuses"));
        if (whole && *whole != *split) ascent::fuzz::finding("a read in " + std::to_string(parts) + " parts differs from the whole");
    }
    return 0;
}
