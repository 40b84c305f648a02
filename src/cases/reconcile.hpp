// Reconciliation: every figure a case states (its headline, an option's yearly figures and
// totals, a line's weekly or annual figure) checked against what ascent computes from its inputs.
// A stated figure is compared at the precision it is written to ("£412K" against the computed
// figure rounded to the £1K); a difference is reported with the exact amount. Nothing is changed.
#pragma once

#include <string>
#include <vector>

#include "cases/profile.hpp"

namespace ascent::cases {

struct Check {
    std::string what;        // "headline: net 2018/19 in-year (option 'Option 3 …')"
    std::string stated;      // as written
    int64_t unit = 1;        // pence: the precision it is compared at
    int64_t computed = 0;    // pence, exact
    int64_t difference = 0;  // computed − stated, pence
    bool agrees = true;      // the computed figure rounds to the stated one
};

// A stated figure against the computed one, compared at the stated figure's precision.
Check check_stated(std::string what, const StatedAmount &stated, int64_t computed);

// One check per stated figure, in the order the case gives them.
std::vector<Check> reconcile(const BusinessCase &c, const std::vector<Profile> &profiles);

// The computed figure for a stated one: a year's in-year or incremental amount, or the period total.
int64_t computed_for(const StatedFigure &f, const Profile &p);

// "£412K stated; computed £412,680.00 (£413K to the £1K): differs by £680.00".
std::string describe(const Check &check);

} // namespace ascent::cases
