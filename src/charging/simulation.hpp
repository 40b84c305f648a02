// Charging-policy simulation: a baseline and options (parameters changed) run over every
// financial assessment in a caseload, with income, winners and losers, and the nil-charge
// population for each option.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "charging/assessment.hpp"
#include "core/annualise.hpp"

namespace ascent::charging {

struct PolicyOption {
    std::string name;
    std::map<std::string, std::string> set; // parameter → value, from the simulation date
};

struct OptionsFile {
    std::string name;
    Date date;                                // the date every case is assessed on
    WeeksPerYear weeks = WeeksPerYear::fifty_two();
    std::vector<PolicyOption> options;        // the baseline is the parameters as they are
};

OptionsFile read_options(std::string_view text, const std::string &path);
OptionsFile read_options_file(const std::string &path);

// People by the change in their weekly charge against the baseline.
inline constexpr std::array<std::string_view, 7> k_change_bands = {
    "lower", "no change", "up to £5", "£5 to £10", "£10 to £20", "£20 to £30", "over £30"};

struct OptionResult {
    std::string name;
    int64_t weekly_income = 0;                // Σ weekly charges, pence
    int64_t payers = 0, nil = 0;
    int64_t new_payers = 0, no_longer_paying = 0; // against the baseline
    std::array<int64_t, k_change_bands.size()> by_change{};
};

struct Simulation {
    OptionsFile options;
    std::vector<std::string> parameter_sources;
    int64_t cases = 0;
    OptionResult baseline;
    std::vector<OptionResult> results;        // one per option
};

// Runs the baseline and every option over the caseload (options in parallel). A parameter
// missing on the date is an error naming it and the first case that needed it.
Simulation simulate(const std::vector<FinancialCase> &caseload, const ParameterSet &parameters, const OptionsFile &options);

// The simulation as text: income and its change by week and full year, winners and losers.
std::string format_simulation(const Simulation &s);

} // namespace ascent::charging
