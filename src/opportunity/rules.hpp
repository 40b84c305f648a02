// The lever catalogue: every savings lever ascent can detect, as data a council can edit.
//
// A rules file (YAML; the built-in one is rules/levers.yaml) names its version and lists levers.
// Each lever says who is in it (a cohort expression, optionally the N highest-cost, people in the
// same setting as another lever's, or split into strata), how its saving is sized (a method and
// low / central / high factors), its confidence, review effort, the overlap group it belongs to,
// and the council document it comes from. Results record the file's name, version and SHA-256.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/annualise.hpp"
#include "core/cohort.hpp"

namespace ascent::opportunity {

// What a lever's saving is a share of (percent methods) or an amount of (amount methods).
enum class Method {
    count_only,              // no saving assumed: the cohort is counted and listed
    percent_of_cost,         // % of the package left after earlier levers
    percent_of_accommodation,// % of the accommodation element of the fee
    percent_of_lines,        // % of the weekly cost of matching open lines above a ceiling (0: all of it)
    percent_of_gap_to_rate,  // % of (package − a weekly rate), e.g. the cost of a cheaper setting
    percent_of_health_gap,   // % of (target NHS share × package − NHS funding now)
    percent_of_increases,    // % of the weekly increases in the last 12 months
    percent_of_dp_surplus,   // % of a direct-payment balance above N weeks of payments (one-off)
    weekly_amount,           // £ a week per person
    annual_amount,           // £ a year per person
    per_respite_week,        // £ per week of short-term residential stay in the last 12 months
};
std::string_view to_string(Method method);

// How a saving counts: a cut to the package (combines with other cuts on what is left of it),
// extra income (charging), or a one-off recovery.
enum class Effect { reduction, income, one_off };
std::string_view to_string(Effect effect);

enum class Scenario { low, central, high };
inline constexpr std::array<Scenario, 3> k_scenarios = {Scenario::low, Scenario::central, Scenario::high};

struct Source {
    std::string council, document, reference;
};

struct Stratum {
    std::string name;
    CohortExpression cohort;
    std::optional<int> confidence_percent; // overrides the lever's
};

struct Lever {
    std::string id, name, category, description;
    bool enabled = true;
    CohortExpression cohort;
    std::optional<int> top;           // only the N highest weekly costs in the cohort
    std::string same_setting_as;      // only people sharing a care setting (CQC location) with this lever's people
    std::vector<Stratum> strata;      // first match wins; people matching none are "other"
    std::string group;                // overlap group: a person's saving counts once per group
    Method method = Method::count_only;
    Effect effect = Effect::reduction;
    // Low, central, high: basis points of the base (percent methods) or pence (amount methods).
    std::array<int64_t, 3> factors{};
    std::vector<Code> components;     // percent_of_lines: the service components that count
    std::optional<Code> frequency;    // percent_of_lines: only lines billed this way (e.g. hourly)
    int64_t ceiling = 0;              // percent_of_lines: pence per unit above which the price counts
    int64_t rate = 0;                 // percent_of_gap_to_rate: pence a week
    int64_t target_share = 0;         // percent_of_health_gap: basis points
    int64_t keep_weeks = 0;           // percent_of_dp_surplus: weeks of payments an account may hold
    int confidence_percent = 100;
    int64_t review_hours = 0;         // hundredths of an hour per person
    std::string basis;                // how the assumption was derived
    Source source;

    bool is_percent() const;
};

// The most a person's package is assumed to fall by, all levers together, when a rules file does not
// say (`max_combined_reduction`): half of it. docs/levers.md says why.
inline constexpr int64_t k_default_max_combined_reduction = 5'000; // basis points

struct RuleSet {
    std::string name, version, sha256, path; // path "built-in" for the embedded catalogue
    WeeksPerYear weeks = WeeksPerYear::fifty_two_point_one_four_three();
    int64_t max_combined_reduction = k_default_max_combined_reduction; // basis points of the weekly cost
    std::vector<Lever> levers;

    const Lever *find(std::string_view id) const;
};

// The built-in catalogue (rules/levers.yaml, compiled in).
const RuleSet &default_rules();
std::string_view default_rules_text();
// Parses a rules file's text; throws input_error naming the file, line, lever and field.
RuleSet parse_rules(std::string_view text, const std::string &path);
RuleSet load_rules(const std::string &path);

} // namespace ascent::opportunity
