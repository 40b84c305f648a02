// Fee uplift options: a percentage (by service, or for all), or the National Living Wage passed
// through for the staff share of a fee with another rate for the rest, applied to current spend
// from an effective date. Each option's cost by financial year, and the growth it avoids against
// the first option (the pressure the budget would otherwise carry), for the budget proposals table.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/annualise.hpp"
#include "core/date.hpp"
#include "core/ledger.hpp"
#include "params/parameters.hpp"

namespace ascent::commissioning {

struct UpliftOption {
    std::string name;
    std::map<Code, int64_t> by_service;      // service component → basis points
    std::optional<int64_t> all;              // basis points for services not named
    std::optional<int64_t> nlw_staff_share;  // basis points of the fee that is pay: uplifted by the NLW's rise
    int64_t nlw_other = 0;                   // basis points for the rest of the fee, with a pass-through
    std::optional<int64_t> assumed_nlw;      // pence an hour from the effective date, before it is announced
};

struct UpliftOptions {
    std::string name;
    Date effective;
    int years = 3;
    WeeksPerYear weeks = WeeksPerYear::fifty_two();
    std::vector<UpliftOption> options;
};

UpliftOptions read_uplift_options(std::string_view text, const std::string &path);
UpliftOptions read_uplift_options_file(const std::string &path);

struct UpliftResult {
    std::string name;
    int64_t weekly_increase = 0;                                   // pence a week
    std::vector<std::pair<FinancialYear, int64_t>> cost_by_year;   // pence
    std::vector<int64_t> growth_avoided;                           // pence, against the first option, by year
    std::string workings;
};

struct UpliftModel {
    UpliftOptions options;
    int64_t weekly_spend = 0;                // pence a week in scope (open lines, direct payments included)
    std::optional<int64_t> nlw_before, nlw_after; // pence an hour, when an option passes the NLW through
    std::vector<UpliftResult> results;
};

UpliftModel model_uplifts(const Ledger &ledger, const UpliftOptions &options, const params::ParameterSet &parameters);

std::string format_uplifts(const UpliftModel &model);

// Each option after the first as a budget line for a programme file ("lines:"), category
// growth_avoidance, its growth avoided as incremental savings by year from the effective year.
std::string budget_lines_yaml(const UpliftModel &model, const std::string &directorate, const std::string &service);

} // namespace ascent::commissioning
