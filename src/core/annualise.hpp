// Weekly ↔ annual conversion with the weeks-per-year convention made explicit.
//
// The council documents use three conventions: 52 weeks, 52.14 weeks and 365/7 (52.143 when
// printed). None is "right"; a council picks one per figure, so every conversion takes the
// convention as a parameter and every figure records which one produced it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/money.hpp"

namespace ascent {

struct WeeksPerYear {
    Ratio weeks;           // exact weeks in a year, e.g. 365/7
    std::string_view name; // "52", "52.14", "52.143", "365/7"

    static WeeksPerYear fifty_two() { return {{52, 1}, "52"}; }
    static WeeksPerYear fifty_two_point_one_four() { return {{5214, 100}, "52.14"}; }
    static WeeksPerYear fifty_two_point_one_four_three() { return {{52143, 1000}, "52.143"}; }
    static WeeksPerYear days_over_seven() { return {{365, 7}, "365/7"}; }
    // "52", "52.14", "52.143" or "365/7".
    static std::optional<WeeksPerYear> parse(std::string_view text);
};

inline Money annual_from_weekly(Money weekly, WeeksPerYear convention,
                                RoundingMode mode = RoundingMode::half_up) {
    return weekly.times(convention.weeks, mode);
}

inline Money weekly_from_annual(Money annual, WeeksPerYear convention,
                                RoundingMode mode = RoundingMode::half_up) {
    return annual.times(Ratio{convention.weeks.den, convention.weeks.num}, mode);
}

// What a weekly amount in force from `effective` comes to in financial year `year`: the weekly
// amount × weeks a year × the share of the year's days from that date (all of them if it is
// earlier, none if it is later). One rounding, at the end.
Money in_year_from_weekly(Money weekly, WeeksPerYear convention, FinancialYear year, Date effective,
                          RoundingMode mode = RoundingMode::half_up);

} // namespace ascent
