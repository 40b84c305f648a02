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
    explicit BenchmarkCommands(CLI::App &app);
    std::optional<int> run();

private:
    CLI::App *benchmark_ = nullptr, *peers_ = nullptr, *trend_ = nullptr;
    std::string ascof_, council_, kind_ = "nearest", year_, measures_file_, trend_file_, method_, ascfr_, population_, output_;
    std::vector<std::string> list_;
    std::size_t nearest_ = 15;
};

} // namespace ascent::cli
