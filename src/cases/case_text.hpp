// A case's financial tables as text for the terminal: each option's lines by financial year with
// their workings, the totals on both bases, the conventions used, and every stated figure checked.
#pragma once

#include <string>
#include <vector>

#include "cases/reconcile.hpp"

namespace ascent::cases {

// Every section of a case in template order: details, text sections, options, risks, milestones,
// consultation, the equality checklist and staffing.
std::string format_case(const BusinessCase &c);

std::string format_profiles(const BusinessCase &c, const std::vector<Profile> &profiles, const std::vector<Check> &checks);

} // namespace ascent::cases
