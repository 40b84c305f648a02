// Explanations: for one flagged person, which rule flagged them, the values that triggered it, and
// the estimate with its arithmetic, so a reviewer or auditor can check every figure by hand.
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "opportunity/finder.hpp"

namespace ascent::opportunity {

// Another lever of the same overlap group that flagged the person: what it would save on its own.
struct GroupMember {
    std::string lever_id, lever_name;
    Money weekly, annual; // central, on its own (one-off: annual = the amount)
    bool counted = false; // this is the lever that counted the person (the largest saving)
};

struct Explanation {
    std::string lever_id, lever_name, category, stratum;
    std::string rule;                                          // the cohort and any rank / setting / strata rule
    std::vector<std::pair<std::string, std::string>> values;   // field → this person's value
    std::string arithmetic;                                    // the central estimate, worked
    std::array<Money, 3> weekly{}, annual{};                   // net, low/central/high (one-off: annual = amount)
    std::string overlap;                                       // how other levers and the cap changed the figure, if they did
    std::vector<GroupMember> group;                            // the other levers of its group that flagged the person
    bool in_totals = true;                                     // false: a disabled lever, sized on its own only
    bool capped = false;                                       // the cap on combined reductions cut the central figure
    int confidence_percent = 100;
    std::string source;
};

Explanation explain(const FactTable &table, const RuleSet &rules, const Opportunities &found, const Flag &flag);
// Every lever that flagged one person, in catalogue order.
std::vector<Explanation> explain_person(const FactTable &table, const RuleSet &rules, const Opportunities &found,
                                        uint32_t person);
// "Stratum name", or "other" when the lever has strata and none matched; "" without strata.
std::string stratum_name(const Lever &lever, const Flag &flag);

} // namespace ascent::opportunity
