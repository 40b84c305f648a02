// The benchmarking and projection use cases as the CLI runs them (moved out of the CLI): each
// returns its text, and writes the report or spreadsheet named by `output` (.html, .pdf, .xlsx).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/council.hpp"
#include "app/national.hpp"
#include "benchmark/demographic.hpp"

namespace ascent::app {

// A population projection × the ledger's take-up by age band × unit cost with inflation.
std::string demographic_run(Council &council, const std::string &snpp, const std::string &area,
                            const std::vector<benchmark::DemographicScenario> &scenarios, int years, WeeksPerYear weeks,
                            const std::string &output);
// A trend model's projection; `method` "" (the model's), straight_line or compound.
std::string trend_run(const std::string &trend_file, const std::string &method, const std::string &output);

struct BenchmarkRequest {
    NationalSources sources;
    std::string council, kind, year;
    std::vector<std::string> list;
    std::size_t nearest = 15;
    bool peers_only = false;               // `ascent peers`: the group and why
    std::optional<std::string> ledger_db;  // also the ledger's own measures and the admissions gaps
    std::string output;
};
std::string benchmark_run(const BenchmarkRequest &r);

} // namespace ascent::app
