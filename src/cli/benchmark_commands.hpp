// The benchmarking and projection commands: `ascent benchmark` (a council against comparators on
// the national ASCOF measures), `ascent peers` (the comparator group and why each council is in
// it) and `ascent project trend` (client numbers and unit costs projected and costed).
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ascent::cli {

class BenchmarkCommands {
public:
    // `db` is read when a command runs (after parsing).
    BenchmarkCommands(CLI::App &app, const std::string &db);
    std::optional<int> run();

private:
    CLI::App *benchmark_ = nullptr, *peers_ = nullptr, *trend_ = nullptr, *demographic_ = nullptr;
    std::string ascof_, council_, kind_ = "nearest", year_, measures_file_, trend_file_, method_, ascfr_, ascfr_2014_, population_, output_;
    std::vector<std::string> list_, scenarios_, add_;
    const std::string &db_;
    std::string snpp_, area_, weeks_; // weeks_ empty: the council's setting
    int years_ = 5;
    bool ledger_ = false;
    std::size_t nearest_ = 15;
};

} // namespace ascent::cli
