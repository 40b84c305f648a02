// What a change realises in a financial year: its in-year effect in the year it took effect, its
// full-year effect in every later year, nothing before. Delivery's years and a business case's
// secured actuals both count a change this way.
#pragma once

#include <cstdint>

#include "core/date.hpp"

namespace ascent {

inline int64_t effect_in_year(FinancialYear year, FinancialYear effective, int64_t in_year, int64_t full_year) {
    return year == effective ? in_year : effective < year ? full_year : 0;
}

} // namespace ascent
