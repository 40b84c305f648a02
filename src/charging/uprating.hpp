// Annual uprating: every assessment re-run under next year's parameters, against this year's,
// effective from the date all of next year's figures are in force (DHSC's from 1 April, DWP's
// benefit rates from the Monday of the uprating week). The preview says who changes and by how
// much; applying it is recorded by the store (store::ChargingRun) with each old and new charge.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "charging/assessment.hpp"
#include "charging/simulation.hpp"

namespace ascent::charging {

struct UpratedCase {
    std::size_t index = 0;          // into the caseload
    int64_t before = 0, after = 0;  // pence a week
};

struct Uprating {
    FinancialYear to{0};
    Date before_on, effective;                  // this year's last day; when next year's charges start
    std::vector<std::string> parameter_sources;
    std::vector<std::string> carried_forward;   // yearly figures with no value of their own in `to`
    GroupChange total;                          // every case: people, up, down, weekly before and after
    int64_t changed() const { return total.up + total.down; }
    std::array<int64_t, k_change_bands.size()> by_change{};
    std::map<std::string, GroupChange> by_group;
    std::vector<UpratedCase> people;            // every case, largest change first
};

// `effective` overrides the start date found from the parameters.
Uprating uprate(const std::vector<FinancialCase> &caseload, const ParameterSet &parameters, FinancialYear to,
                std::optional<Date> effective = std::nullopt);

// The preview: totals, the change for the rest of the year and a full year, bands, groups, and the
// `limit` largest changes by person.
std::string format_uprating(const Uprating &u, const std::vector<FinancialCase> &caseload, WeeksPerYear weeks,
                            std::size_t limit);

} // namespace ascent::charging
