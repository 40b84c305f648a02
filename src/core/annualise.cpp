#include "core/annualise.hpp"

namespace ascent {

std::optional<WeeksPerYear> WeeksPerYear::parse(std::string_view text) {
    for (auto convention : {fifty_two(), fifty_two_point_one_four(), fifty_two_point_one_four_three(),
                            days_over_seven()})
        if (text == convention.name) return convention;
    return std::nullopt;
}

Money in_year_from_weekly(Money weekly, WeeksPerYear convention, FinancialYear year, Date effective, RoundingMode mode) {
    return weekly.times(Ratio{convention.weeks.num * year.days_from(effective), convention.weeks.den * year.days()}, mode);
}

} // namespace ascent
