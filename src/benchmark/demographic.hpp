// Demographic projections: the population by age band from a file in the ONS sub-national
// population projection (SNPP) layout × the council's take-up rate by band from its ledger × the
// unit cost by band with inflation, by year, under named scenarios. The growth on the base year is
// the "growth avoidance" baseline a business case is measured against.
//
// Bands: 18-64, 65-74, 75-84, 85+. Take-up = people supported in the band ÷ the band's population in
// the base year; the unit cost is their average weekly cost. Clients are held in millionths; each
// year's unit cost rises by the scenario's inflation, rounded to the penny each year; a year's cost
// is clients × unit cost × weeks a year, rounded once to the penny.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/annualise.hpp"

namespace ascent::benchmark {

inline constexpr std::array<const char *, 4> k_age_bands = {"18-64", "65-74", "75-84", "85+"};

struct PopulationProjection {
    std::string area_code, area_name, file;
    std::vector<int> years;                                // mid-years
    std::array<std::vector<int64_t>, 4> by_band;           // people, by band then year
};

// Reads the persons rows of one area from an SNPP-layout CSV (AREA_CODE, AREA_NAME, COMPONENT, SEX,
// AGE_GROUP, then one column per year; ages single years 0 … 89 and "90 and over", or bands such
// as "65-69"; SEX "persons", or "male" and "female" added together).
PopulationProjection read_snpp(const std::string &path, const std::string &area_code);

struct BandBase {
    int64_t people = 0;       // supported in the base year
    int64_t weekly_cost = 0;  // pence a week, their packages together
};

struct DemographicScenario {
    std::string name;
    int64_t inflation = 0;    // ppm a year on unit costs
    int64_t take_up = 0;      // ppm a year change in take-up (e.g. -1% from prevention)
};

struct ScenarioProjection {
    std::string name;
    std::vector<std::array<int64_t, 4>> clients;  // millionths, by year then band
    std::vector<int64_t> annual_cost;            // pence by year
};

struct DemographicProjection {
    int base_year = 0;
    std::vector<int> years;                      // base year first
    std::array<BandBase, 4> base{};
    std::vector<ScenarioProjection> scenarios;
};

DemographicProjection project_demography(const PopulationProjection &population, int base_year, const std::array<BandBase, 4> &base,
                                         const std::vector<DemographicScenario> &scenarios, int years, WeeksPerYear weeks);

std::string format_demography(const PopulationProjection &population, const DemographicProjection &projection, WeeksPerYear weeks);

} // namespace ascent::benchmark
