#include "core/person_facts.hpp"

#include <algorithm>

#include "core/summary.hpp"

namespace ascent {

PersonFacts person_facts(const Ledger &ledger, Date as_at) {
    const auto n = ledger.people.size();
    PersonFacts f;
    f.as_at = as_at;
    f.age.assign(n, -1);
    f.weekly_cost.assign(n, 0);
    f.setting.assign(n, static_cast<uint8_t>(Setting::count));
    f.open_lines.assign(n, 0);
    f.direct_payment.assign(n, 0);
    f.waking_night.assign(n, 0);
    f.sleep_in.assign(n, 0);
    f.staff_ratio.assign(n, 0);
    f.days_since_review.assign(n, -1);
    f.days_since_financial_assessment.assign(n, -1);
    const auto &l = ledger.lines;
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (!ledger.line_active(i, as_at)) continue;
        const auto p = l.person[i];
        f.weekly_cost[p] += l.weekly_cost[i];
        f.setting[p] = std::min(f.setting[p], static_cast<uint8_t>(setting_of(l.service_type[i], l.component[i])));
        if (f.open_lines[p] < 255) ++f.open_lines[p];
        if (l.delivery[i] == codes::dm_direct_payment || l.component[i] == codes::comp_direct_payment) f.direct_payment[p] = 1;
        if (l.night[i] == NightSupport::waking) f.waking_night[p] = 1;
        if (l.night[i] == NightSupport::sleep_in) f.sleep_in[p] = 1;
        f.staff_ratio[p] = std::max(f.staff_ratio[p], l.staff_ratio[i]);
    }
    const auto &people = ledger.people;
    for (std::size_t p = 0; p < n; ++p) {
        if (people.birth[p] != k_no_date) f.age[p] = age_on(Date::from_serial(people.birth[p]), as_at);
        if (people.last_review[p] != k_no_date) f.days_since_review[p] = as_at.serial() - people.last_review[p];
        if (people.last_financial_assessment[p] != k_no_date)
            f.days_since_financial_assessment[p] = as_at.serial() - people.last_financial_assessment[p];
    }
    return f;
}

} // namespace ascent
