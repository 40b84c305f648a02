// National benchmark data as a front end asks for it: the ASCOF files, and optionally ASC-FR spend
// per head (with the ONS populations it divides by), a second ASC-FR year and long-format files
// added through mappings. The CLI's `benchmark` and the server's benchmark routes load it the same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "benchmark/ascof.hpp"
#include "benchmark/compare.hpp"
#include "benchmark/population.hpp"

namespace ascent::app {

struct NationalSources {
    std::string ascof;                 // folder: trend_data.csv, ons_codes.csv
    std::string measures;              // a measure list instead of the built-in one (optional)
    std::vector<std::string> added;    // long-format mappings (optional)
    std::string ascfr;                 // ASC-FR key-coded totals (optional; needs population)
    std::string ascfr_2014;            // ASC-FR 2014-15 with descriptions (optional, with ascfr)
    std::string population;            // folder of ONS mid-year estimate workbooks (optional)
};

// The sources in a folder laid out as ../shared/data: ascof/, and ascfr/ and ons_mye/ if present.
NationalSources sources_in(const std::string &folder);

struct NationalLoad {
    benchmark::NationalData data;
    std::vector<benchmark::PopulationYear> population_years;
    std::vector<std::string> notes;    // one line per source added, with its reconciliation
};

NationalLoad load_national(const NationalSources &sources);

// The council's latest year with any value (a start year: 2022 is 2022-23), or `requested` ("2022-23").
int comparison_year(const benchmark::NationalData &data, std::size_t council, const std::string &requested);
// A council by name or code; input_error naming the ASCOF folder it was loaded from if unknown.
std::size_t council_in(const benchmark::NationalData &data, const std::string &key, const std::string &ascof_folder);

} // namespace ascent::app
