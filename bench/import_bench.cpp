// Import benchmark: times each phase of `ascent import cld` on a generated council and reports
// the ledger's memory against its raw columnar size.
//   import_bench generate <dir> <people> <history>   write the demo files
//   import_bench import <cld.csv> <db>               parse, write, load; one JSON line
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "app/council.hpp"
#include "demo/generator.hpp"
#include "io/cld_import.hpp"
#include "store/store.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv) {
    using namespace ascent;
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "generate" && argc == 5) {
        demo::DemoOptions options;
        options.people = std::stoll(argv[3]);
        options.history_lines = std::stoi(argv[4]);
        const auto start = std::chrono::steady_clock::now();
        const auto files = demo::generate(argv[2], options);
        std::printf("{\"generated_people\": %lld, \"service_rows\": %lld, \"cld_rows\": %lld, \"seconds\": %.3f}\n",
                    static_cast<long long>(files.people_written), static_cast<long long>(files.service_rows_written),
                    static_cast<long long>(files.cld_rows_written), seconds_since(start));
        return 0;
    }
    if (mode == "import" && argc == 4) {
        std::filesystem::remove(argv[3]);
        auto start = std::chrono::steady_clock::now();
        io::ImportReport report(argv[2]);
        const auto batch = io::read_cld(argv[2], report);
        const double parse = seconds_since(start);
        start = std::chrono::steady_clock::now();
        auto store = store::open_sqlite(argv[3]);
        store::ImportRecord record;
        record.kind = "cld";
        record.file_name = "bench";
        record.content_hash = "bench";
        store->write_cld(batch, record, true);
        const double write = seconds_since(start);
        start = std::chrono::steady_clock::now();
        const Ledger ledger = store->load_ledger();
        const double load = seconds_since(start);
        std::printf("{\"rows\": %llu, \"people\": %zu, \"lines\": %zu, \"errors\": %llu, \"parse_seconds\": %.3f, "
                    "\"sqlite_write_seconds\": %.3f, \"load_seconds\": %.3f, \"ledger_bytes\": %zu, "
                    "\"raw_columnar_bytes\": %zu}\n",
                    static_cast<unsigned long long>(report.rows_read), ledger.people.size(), ledger.lines.size(),
                    static_cast<unsigned long long>(report.errors()), parse, write, load, ledger.memory_bytes(),
                    ledger.raw_columnar_bytes());
        return 0;
    }
    std::fprintf(stderr, "usage: import_bench generate <dir> <people> <history> | import <cld.csv> <db>\n");
    return 2;
}
