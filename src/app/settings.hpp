// Inside app: the keys of the council's settings and how a percentage setting is shown.
#pragma once

#include <cstdint>
#include <string>

namespace ascent::app {

inline constexpr const char *k_max_change_setting = "import.max_change";
inline constexpr const char *k_weeks_setting = "weeks_per_year";
inline constexpr const char *k_levers_setting = "levers";

// 2000 basis points → "20", 1250 → "12.5".
std::string percent_of(int64_t basis_points);

} // namespace ascent::app
