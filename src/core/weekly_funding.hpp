// A person's weekly cost on a date and who pays it. The council's part is kept exact, in pence ×
// basis points of its share, so the council's net weekly cost is rounded once.
#pragma once

#include <cstdint>

#include "core/money.hpp"

namespace ascent {

struct WeeklyFunding {
    int64_t gross = 0;        // pence a week: every open line
    int64_t council_bp = 0;   // Σ each line's weekly pence × the council's share in basis points (100% = 10,000)
    int64_t contribution = 0; // pence a week the person pays towards it

    // The council's net weekly cost: its share less the person's contribution, rounded half-up to the penny.
    int64_t net() const { return divide_rounded(council_bp, 10'000, RoundingMode::half_up) - contribution; }
};

} // namespace ascent
