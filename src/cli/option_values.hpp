// Option values the commands share, parsed with one wording for their errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/annualise.hpp"
#include "core/date.hpp"

namespace ascent::app {
class Council;
}

namespace ascent::cli {

// --weeks: 52, 52.14, 52.143 or 365/7.
WeeksPerYear parse_weeks(const std::string &text);
inline constexpr const char *k_weeks_help =
    "Weeks a year for this run: 52, 52.14, 52.143 or 365/7 (default: the council's setting weeks_per_year)";
// The council's weeks a year, or an explicit --weeks for this run (which says so on stderr).
WeeksPerYear weeks_of(app::Council &council, const std::string &text);
// "3%", "-1%", "95.5%" as parts per million (1% is 10,000); nothing if not a percentage.
std::optional<int64_t> parse_percent(std::string_view text);
// An amount in pounds such as 1,100.00 as pence, more than zero; `option` names it in the error.
int64_t pence_of(const std::string &text, const char *option);
// A date option, if given (nothing for an empty text); `option` names it in the error.
std::optional<Date> optional_date(const std::string &text, std::string_view option);

} // namespace ascent::cli
