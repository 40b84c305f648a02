// ASC-FR (Adult Social Care Finance Return) gross current expenditure by council, from the
// published key-coded file (`CSV ASCFR Totals.csv`, 2016-17), and per-head measures from it with
// the ONS population of the matching mid-year.
//
// Council rows only (the file also holds regional and England totals, which would triple a sum);
// age bands 18-64 and 65+ only (65-74, 75-84 and 85+ are a partial, voluntary split of 65+); the
// care type with no age band is added once. Amounts are £000 in the file, held here in pence.
// The England rows are kept to check the councils' sum against them.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "benchmark/ascof.hpp"
#include "benchmark/population.hpp"

namespace ascent::benchmark {

struct CouncilSpend {
    int64_t total = 0, aged_18_64 = 0, aged_65_plus = 0, ld_18_64 = 0, mh_18_64 = 0, physical_18_64 = 0; // pence
    // Long-term support (care type 2), and the part of it in residential or nursing care (settings 6 and 7).
    int64_t ld_18_64_long_term = 0, ld_18_64_in_care_homes = 0, long_term_65_plus = 0, long_term_65_plus_in_care_homes = 0;
};

struct AscfrYear {
    int year = 0;                                  // start year: 2016 is 2016-17
    std::map<std::string, CouncilSpend> by_code;   // ONS code of that year
    std::map<std::string, std::string> ons_of_cassr; // the old DH council code (Bury 305) → ONS code, from the key-coded file
    int64_t council_total = 0, england_total = 0;  // pence: the councils' rows summed, and the England rows
    int64_t rows = 0, council_rows = 0, missing_values = 0;
};

AscfrYear load_ascfr_totals(const std::string &path);

// The 2014-15 expenditure file with descriptions (wide: one column per council headed "305 - Bury",
// rows by support type, age, support reason, setting and accounting line): long-term gross current
// expenditure and its residential and nursing part, for learning disability 18-64 and for 65+.
// Councils are matched to ONS codes through `ons_of_cassr` (from a key-coded year's file).
AscfrYear load_ascfr_described_2014(const std::string &path, const std::map<std::string, std::string> &ons_of_cassr);

// Adds the shares of long-term spend in residential and nursing care for the spend's year.
void add_care_home_shares(NationalData &data, const AscfrYear &spend);

// Adds per-head spending measures for the ASC-FR year to `data`, with the population of the same
// mid-year: learning disability, mental health and physical support spend per resident aged 18-64,
// spend per resident aged 18-64 and 65+, and spend per adult. Councils are matched by ONS code.
void add_spend_per_head(NationalData &data, const AscfrYear &spend, const PopulationYear &population);

} // namespace ascent::benchmark
