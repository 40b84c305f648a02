// ONS mid-year population estimates (the published MYE workbooks, .xls or .xlsx): the resident
// population of each council with adult social services responsibilities aged 18-64 and 65+, the
// denominators of per-head measures.
//
// The persons sheet is found by name (MYE2 with All or Persons), the header by the cell "Code" in
// the first column, and the age columns by their headings (numbers, or 90+). Rows are kept for
// counties (E10), unitary authorities (E06), metropolitan districts (E08) and London boroughs (E09);
// districts (E07) are not added to their counties, whose rows already hold the total.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ascent::benchmark {

struct AdultPopulation {
    std::string name;
    int64_t aged_18_64 = 0, aged_65_plus = 0;
};

struct PopulationYear {
    int mid_year = 0;                             // the estimate's year (mid-2016 → 2016)
    std::string file, sheet;
    std::map<std::string, AdultPopulation> by_code; // ONS code → population
    AdultPopulation england;
    std::vector<std::string> rebuilt;             // successor councils added from the areas they were made of
};

// Councils whose code changed keep a population in every year: a successor missing from a year's
// file is added as the sum of the areas it was made from (rules/benchmark/code-changes.yaml), e.g.
// Cumberland in mid-2016 from Allerdale, Carlisle and Copeland.
PopulationYear load_mid_year_estimates(const std::string &path);
// Every .xls and .xlsx workbook in `directory`, by year.
std::vector<PopulationYear> load_mid_year_folder(const std::string &directory);

} // namespace ascent::benchmark
