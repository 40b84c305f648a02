// The demo council's finances extract: each person's financial circumstances for charging, in
// the demo case system's own column names. Drawn from a random stream of its own, so adding it
// left every other demo file as it was.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "io/csv_writer.hpp"

namespace ascent::demo {

struct FinancePerson {
    std::string_view id;
    int64_t number = 0;              // the person's place in the demo (seeds their stream)
    int age = 0;
    bool residential = false;
    bool employed = false;
    bool disability_benefit = false; // receives PIP or DLA (so may have the mobility component)
};

void write_finances_header(io::CsvWriter &out);
// One row for the person, or none (some people have no financial assessment on record).
void write_finances(io::CsvWriter &out, uint64_t seed, const FinancePerson &person, Date period_end);
// The mapping file that reads the extract.
std::string finances_mapping();
// The demo council's own charging parameters (working figures for gaps and for 2026/27).
std::string_view demo_charging_parameters();

} // namespace ascent::demo
