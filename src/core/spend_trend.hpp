// The ledger's weekly spend over time: at each month end before its date, the weekly cost of the
// lines open that day, by setting, and the people they support. Lines that have ended stay in the
// ledger with their end dates, so the trend comes from the ledger itself, not from earlier returns.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/ledger.hpp"
#include "core/summary.hpp"

namespace ascent {

struct TrendPoint {
    Date on;
    int64_t people = 0;
    int64_t weekly = 0; // pence
    std::array<int64_t, static_cast<std::size_t>(Setting::count)> weekly_by_setting{};
};

// `months` month ends up to the ledger's date (the last point is the ledger's date itself), oldest first.
std::vector<TrendPoint> spend_trend(const Ledger &ledger, int months);

} // namespace ascent
