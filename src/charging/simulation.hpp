// Charging-policy simulation: a baseline and options (parameters changed) run over every
// financial assessment in a caseload, with income, winners and losers, and the nil-charge
// population for each option.
#pragma once

#include <array>
#include <map>
#include <optional>
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
    Date effective;                           // when the options' charges would start (default: date)
    int years = 3;                            // financial years of income to show from the effective date
    WeeksPerYear weeks = WeeksPerYear::fifty_two();
    std::vector<PolicyOption> options;        // the baseline is the parameters as they are
    // The period whose short-term residential stays the ledger's simulation charges for their
    // weeks (`stays`: a financial year such as 2025/26, or {from, to}); default the 52 weeks to `date`.
    Date stays_from{}, stays_to{};
};

OptionsFile read_options(std::string_view text, const std::string &path);
OptionsFile read_options_file(const std::string &path);

// People by the change in their weekly charge against the baseline.
inline constexpr std::array<std::string_view, 7> k_change_bands = {
    "lower", "no change", "up to £5", "£5 to £10", "£10 to £20", "£20 to £30", "over £30"};
// The band of a change in pence a week.
std::size_t change_band(int64_t change);

// The client group reported for a case without one.
inline constexpr std::string_view k_no_group = "(no group)";

struct GroupChange {
    int64_t people = 0, up = 0, down = 0;
    int64_t weekly_before = 0, weekly_after = 0;

    void add(int64_t before, int64_t after) {
        ++people;
        up += after > before;
        down += after < before;
        weekly_before += before;
        weekly_after += after;
    }
    GroupChange &operator+=(const GroupChange &o) {
        people += o.people;
        up += o.up;
        down += o.down;
        weekly_before += o.weekly_before;
        weekly_after += o.weekly_after;
        return *this;
    }
};

// A person whose charge an option changes.
struct Affected {
    std::size_t index = 0;                    // into the caseload
    int64_t before = 0, after = 0;            // pence a week
    std::string id;                           // the case's id, filled once the largest are known
};

struct OptionResult {
    std::string name;
    int64_t weekly_income = 0;                // Σ weekly charges, pence
    int64_t payers = 0, nil = 0;
    int64_t new_payers = 0, no_longer_paying = 0; // against the baseline
    std::array<int64_t, k_change_bands.size()> by_change{};
    std::vector<GroupChange> by_group;        // against the baseline, by Simulation::groups
    std::vector<Affected> affected;           // the largest changes, largest first (at most k_affected)
    uint64_t used = 0;                        // the parameters any of its assessments read (the baseline's)
};

inline constexpr std::size_t k_affected = 20;

// Short-term stays, each charged for its days in the period: the results' money fields hold pence
// × days (a week's charge × the days of the stay), so a total is exact until stay_pence() rounds
// it once. by_change and most affected are by the weekly charge of the stay.
struct StayResults {
    Date from, to;
    int64_t stays = 0, people = 0, days = 0;
    int64_t longer = 0, without_finances = 0, without_age = 0; // left out (charging/ledger_cases.hpp)
    std::vector<std::string> groups;
    OptionResult baseline;
    std::vector<OptionResult> results;        // one per option
};

// Pence × days as pence for the weeks of the stays: ÷ 7, rounded half-up once.
int64_t stay_pence(int64_t pence_days);

// The stays of a period to charge for their days (charging/ledger_cases.hpp builds them).
struct StayCaseload {
    Date from, to;
    std::vector<FinancialCase> cases;
    std::vector<int32_t> days;                // each case's days in the period
    int64_t people = 0, longer = 0, without_finances = 0, without_age = 0;
};

struct Simulation {
    OptionsFile options;
    std::vector<std::string> parameter_sources;
    int64_t cases = 0;
    std::vector<std::string> groups;          // client groups, sorted; "(no group)" for cases without one
    std::vector<std::string> carried_forward; // yearly figures the baseline used with no value of their own in the year
    OptionResult baseline;
    std::vector<OptionResult> results;        // one per option
    std::optional<StayResults> stays;         // the ledger's short-term stays, when simulated from the ledger
};

// Runs the baseline and every option over the caseload (options in parallel). A parameter
// missing on the date is an error naming it and the first case that needed it.
// With `stays`, the period's short-term stays are assessed the same way, each for its days.
Simulation simulate(const std::vector<FinancialCase> &caseload, const ParameterSet &parameters, const OptionsFile &options,
                    const StayCaseload *stays = nullptr);

// An option's change in income in each financial year from the effective date: part of the first
// year, then full years (weekly × weeks, no uprating), each rounded half-up once.
std::vector<std::pair<FinancialYear, Money>> income_by_year(const OptionsFile &options, int64_t weekly_change);

// The simulation as text: income and its change by week, full year and financial year, winners and
// losers by band and client group, and the people most affected (case ids, for `ascent assess`).
std::string format_simulation(const Simulation &s);

} // namespace ascent::charging
