// The opportunity finder: runs every lever of a rule set over the care ledger and sizes it.
//
// Sizing. Each flagged person gets a low, central and high weekly saving (one-off levers: a
// one-off amount) from the lever's method. Amounts are held to 1/10,000 of a penny and rounded
// once, half-up, to the penny when shown. Full-year = weekly × the rule set's weeks per year.
//
// Overlap. A person in several levers is counted once (docs/levers.md, "Counting a person once"):
//  - within an overlap group (e.g. all "review" levers) only the lever with the largest saving for
//    that person on its own counts (ties: the lever listed first); the others list the person with
//    no further saving and name the lever that counted them;
//  - the levers that count apply in catalogue order; cuts to the package (reductions) combine on
//    what is left of it, and together never exceed the rule set's maximum combined reduction of the
//    person's weekly cost (a later lever gets only what is left under that cap);
//  - disabled levers that are run anyway (alternative thresholds, asked for by id or with
//    include_disabled) are sized on their own only: they take no part in the netting or the totals.
// "Standalone" figures are each lever on its own; "net" figures are after overlap and add up.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/cohort.hpp"
#include "core/money.hpp"
#include "opportunity/rules.hpp"

namespace ascent::opportunity {

inline constexpr int64_t k_sub_pence = 10'000; // amounts are held in 1/10,000 of a penny

using Amounts = std::array<int64_t, 3>; // low, central, high, in 1/10,000 p

struct Flag {
    uint32_t person = 0;
    uint16_t lever = 0;         // index into the rule set's levers
    int16_t stratum = -1;       // index into the lever's strata; -1 = none matched ("other")
    int16_t counted_in = -1;    // the lever that counted this person in the same group (a larger saving)
    uint8_t capped = 0;         // bit s set: the cap on combined reductions cut scenario s
    int64_t in_scope = 0;       // pence a week: the package, or the matching lines
    int64_t base = 0;           // 1/10,000 p: what a percentage applies to (standalone)
    Amounts standalone{};       // this lever alone
    Amounts net{};              // after overlap with earlier levers
    int64_t package_left = 0;   // 1/10,000 p a week left of the package before this lever (central)
    int64_t cap_left = 0;       // 1/10,000 p a week left under the combined-reduction cap before this lever (central)
    int64_t before_cap = 0;     // central net before the cap (1/10,000 p)
};

struct LeverResult {
    std::size_t lever = 0;      // index into the rule set's levers
    int64_t people = 0;
    bool in_totals = true;      // false: a disabled lever run anyway, sized on its own only
    int64_t counted_elsewhere = 0; // people counted by another lever of the same group (a larger saving)
    int64_t capped = 0;         // people whose central saving the combined-reduction cap cut
    Money weekly_in_scope;
    Amounts standalone{}, net{};
    std::vector<int64_t> stratum_people; // one per stratum, then "other"
    std::vector<Flag> flags;    // the people flagged, in person order
    double seconds = 0;         // time to find and size (for the benchmark, not shown to users)
};

struct Opportunities {
    Date as_at;
    std::string rules_name, rules_version, rules_sha256, rules_path;
    WeeksPerYear weeks;
    int64_t people_in_ledger = 0, people_supported = 0;
    Money ledger_weekly;        // Σ weekly cost of every open line
    int64_t max_combined_reduction = 10'000; // basis points of a person's weekly cost (the rule set's cap)
    std::vector<LeverResult> levers;
    int64_t people_flagged = 0; // distinct people in at least one lever in the totals
    int64_t people_capped = 0;  // distinct people whose central reductions the cap cut
    std::size_t flag_count() const;
    Money flagged_weekly;       // their packages' weekly cost
    // Net totals by effect (index: Effect), low/central/high, and central × each flag's confidence.
    std::array<Amounts, 3> net_by_effect{};
    std::array<int64_t, 3> weighted_central_by_effect{};
};

struct FindOptions {
    std::vector<std::string> only;  // lever ids; empty = every enabled lever
    bool include_disabled = false;
    std::vector<std::string> also;  // lever ids to run as well as the enabled ones (e.g. a disabled one asked for)
    // The levers named in `only` take part in the netting and the totals whether enabled or not, and
    // nothing else does (a lever run only because another is "in the same setting as" it is sized on
    // its own): the netting of a business case's or a programme's levers among themselves.
    bool net_only_named = false;
};

Opportunities find_opportunities(const FactTable &table, const RuleSet &rules, const FindOptions &options = {});

// The confidence that applies to a flag: its stratum's, else its lever's.
int confidence_of(const Lever &lever, const Flag &flag);
// The flag for `person` in a lever's result, or null (flags are in person order).
const Flag *flag_of(const LeverResult &result, uint32_t person);
// Rounds an amount in 1/10,000 p to the penny, half-up.
Money to_money(int64_t sub_pence);
// A weekly amount in 1/10,000 p as a full-year figure, rounded once to the penny.
Money full_year(int64_t weekly_sub_pence, WeeksPerYear weeks);
// The figure a scenario shows: one-off amounts as they are, others as full-year.
Money annual_figure(const Lever &lever, int64_t amount, WeeksPerYear weeks);

} // namespace ascent::opportunity
