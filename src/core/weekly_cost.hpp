// The CLD weekly-cost rule (DHSC's dashboard, 6.Costs_fact.sql; CLD-SPEC.md section 3).
//
//   weekly, fortnightly, 4-weekly, monthly, quarterly, annual → unit cost × 1, 1/2, 1/4, 12/52, 4/52, 1/52
//   hourly, daily, per session → unit cost × |planned units per week|
//   one-off → no weekly cost
// The frequency is trusted over planned units when they disagree (DHSC's rule); the importer
// warns about the disagreement. Negative costs are taken as absolute values, as DHSC does, and
// the importer warns. The result is rounded once, half-up, to the penny.
#pragma once

#include <cstdint>
#include <optional>

#include "core/codes.hpp"
#include "core/money.hpp"

namespace ascent {

// Units per week implied by a frequency alone; nothing for per-unit frequencies and one-off.
std::optional<Ratio> units_per_week_for(Code frequency);
bool frequency_needs_planned_units(Code frequency);

// Weekly cost in pence, or nothing if the line cannot be costed (no cost, one-off, no units).
// planned_units is in hundredths of a unit (k_no_quantity if blank).
std::optional<Money> weekly_cost(Money unit_cost, Code frequency, int32_t planned_units_hundredths);

} // namespace ascent
