// The CLD import's read: one thread and the parallel read (split at any size) give the same
// people, lines and report, row numbers included.
#include <optional>

#include "fuzz_support.hpp"
#include "io/cld_import.hpp"

namespace {

struct Read {
    std::size_t people = 0, lines = 0;
    std::string report;
    bool operator==(const Read &) const = default;
};

std::optional<Read> read(const std::string &path, std::size_t split_min_bytes) {
    Read r;
    const bool ok = ascent::fuzz::accepts([&] {
        ascent::io::TableOptions options;
        options.split_min_bytes = split_min_bytes;
        ascent::io::ImportReport report(path);
        const auto batch = ascent::io::read_cld(path, report, {}, options);
        r.people = batch.ledger.people.size();
        r.lines = batch.ledger.lines.size();
        r.report = report.to_text(1000000) + batch.la_code;
        for (const auto &note : report.notes) r.report += note + "\n";
    });
    if (!ok) return std::nullopt;
    return r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    if (size > 0 && (data[0] == 'P' || data[0] == 0xD0)) return 0;
    const auto path = ascent::fuzz::as_file(data, size, "cld.csv");
    const auto whole = read(path, std::size_t{1} << 40);
    const auto parts = read(path, 0);
    if (whole.has_value() != parts.has_value()) ascent::fuzz::finding("one read refuses what the other accepts");
    if (whole && *whole != *parts) ascent::fuzz::finding("the parallel read differs:\n" + whole->report + "\n---\n" + parts->report);
    return 0;
}
