#include "core/annualise.hpp"

namespace ascent {

std::optional<WeeksPerYear> WeeksPerYear::parse(std::string_view text) {
    for (auto convention : {fifty_two(), fifty_two_point_one_four(), fifty_two_point_one_four_three(),
                            days_over_seven()})
        if (text == convention.name) return convention;
    return std::nullopt;
}

} // namespace ascent
