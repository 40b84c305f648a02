#include "core/weekly_cost.hpp"

#include <cstdlib>

#include "core/ledger.hpp"

namespace ascent {

std::optional<Ratio> units_per_week_for(Code frequency) {
    switch (frequency) {
    case codes::freq_weekly: return Ratio{1, 1};
    case codes::freq_fortnightly: return Ratio{1, 2};
    case codes::freq_four_weekly: return Ratio{1, 4};
    case codes::freq_monthly: return Ratio{12, 52};
    case codes::freq_quarterly: return Ratio{4, 52};
    case codes::freq_annually: return Ratio{1, 52};
    default: return std::nullopt;
    }
}

bool frequency_needs_planned_units(Code frequency) {
    return frequency == codes::freq_hourly || frequency == codes::freq_daily || frequency == codes::freq_per_session;
}

std::optional<Money> weekly_cost(Money unit_cost, Code frequency, int32_t planned_units_hundredths) {
    const Money cost = unit_cost < Money{} ? -unit_cost : unit_cost;
    if (cost == Money{} || frequency == codes::freq_one_off) return std::nullopt;
    if (auto ratio = units_per_week_for(frequency)) return cost.times(*ratio);
    if (!frequency_needs_planned_units(frequency) || planned_units_hundredths == k_no_quantity ||
        planned_units_hundredths == 0)
        return std::nullopt;
    return cost.times(Ratio{std::abs(static_cast<int64_t>(planned_units_hundredths)), 100});
}

} // namespace ascent
