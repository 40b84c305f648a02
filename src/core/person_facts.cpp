#include "core/person_facts.hpp"

#include <algorithm>

#include "core/summary.hpp"

namespace ascent {

namespace {

NightLevel night_level(NightSupport night) {
    switch (night) {
    case NightSupport::not_recorded: return NightLevel::not_recorded;
    case NightSupport::none: return NightLevel::none;
    case NightSupport::sleep_in: return NightLevel::sleep_in;
    case NightSupport::waking: return NightLevel::waking;
    }
    return NightLevel::not_recorded;
}

// Days of [start, end] inside [from, to], both inclusive; an open end runs to `to`.
int32_t overlap_days(int32_t start, int32_t end, int32_t from, int32_t to) {
    const int32_t last = end == k_no_date ? to : std::min(end, to);
    const int32_t first = std::max(start, from);
    return last >= first ? last - first + 1 : 0;
}

// Facts from the service lines: cost, setting, services, night support, health funding, respite.
void line_facts(const Ledger &ledger, PersonFacts &f) {
    const auto &l = ledger.lines;
    const int32_t today = f.as_at.serial();
    const int32_t year_ago = today - 364;
    for (std::size_t i = 0; i < l.size(); ++i) {
        const auto p = l.person[i];
        const Code component = l.component[i];
        if (l.start[i] != k_no_date && l.start[i] <= today &&
            (component == codes::comp_reablement || l.service_type[i] == codes::st_st_max))
            f.had_reablement[p] = 1;
        if ((component == codes::comp_st_residential || component == codes::comp_st_nursing) && l.start[i] != k_no_date)
            f.respite_days[p] += overlap_days(l.start[i], l.end[i], year_ago, today);
        if (!ledger.line_active(i, f.as_at)) continue;
        const int64_t weekly = l.weekly_cost[i];
        f.weekly_cost[p] += weekly;
        f.health_funded[p] += weekly * (l.chc_share[i] + l.s117_share[i]) / 10000;
        if (l.accommodation_cost[i] != k_no_money)
            f.accommodation_cost[p] = (f.accommodation_cost[p] == k_no_money ? 0 : f.accommodation_cost[p]) + l.accommodation_cost[i];
        f.setting[p] = std::min(f.setting[p], static_cast<uint8_t>(setting_of(l.service_type[i], component)));
        if (f.open_lines[p] < 255) ++f.open_lines[p];
        if (component < 32) f.services[p] |= 1u << component;
        if (is_direct_payment(l, i)) {
            f.direct_payment[p] = 1;
            f.dp_weekly[p] += weekly;
        }
        f.night[p] = std::max(f.night[p], night_level(l.night[i]));
        if (l.start[i] != k_no_date) f.days_since_start[p] = std::max(f.days_since_start[p], today - l.start[i]);
        f.staff_ratio[p] = std::max(f.staff_ratio[p], l.staff_ratio[i]);
        if (component == codes::comp_home_support && l.frequency[i] == codes::freq_hourly && l.planned_units[i] > 0)
            f.home_care_hours[p] += l.planned_units[i];
    }
}

// Balance held at each person's latest direct-payment audit, and how many weeks of payments it is.
void direct_payment_facts(const Ledger &ledger, PersonFacts &f) {
    const auto &dp = ledger.direct_payments;
    std::vector<int32_t> latest(f.age.size(), k_no_date);
    for (std::size_t i = 0; i < dp.size(); ++i) {
        const auto p = dp.person[i];
        if (dp.balance[i] == k_no_money || dp.audit_date[i] > f.as_at.serial()) continue;
        if (latest[p] == k_no_date || dp.audit_date[i] > latest[p]) {
            latest[p] = dp.audit_date[i];
            f.dp_balance[p] = dp.balance[i];
        } else if (dp.audit_date[i] == latest[p]) {
            f.dp_balance[p] += dp.balance[i];
        }
    }
    for (std::size_t p = 0; p < f.age.size(); ++p)
        if (f.dp_balance[p] != k_no_money && f.dp_weekly[p] > 0)
            f.dp_weeks_held[p] = static_cast<int32_t>(std::max<int64_t>(0, f.dp_balance[p]) / f.dp_weekly[p]);
}

void change_facts(const Ledger &ledger, PersonFacts &f) {
    const auto &c = ledger.changes;
    const int32_t today = f.as_at.serial();
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (c.effective[i] == k_no_date || c.effective[i] > today || c.effective[i] < today - 364) continue;
        if (c.old_weekly[i] == k_no_money || c.new_weekly[i] == k_no_money || c.new_weekly[i] <= c.old_weekly[i]) continue;
        const auto p = c.person[i];
        if (f.increases[p] < 255) ++f.increases[p];
        f.increase_weekly[p] += c.new_weekly[i] - c.old_weekly[i];
    }
}

} // namespace

PersonFacts person_facts(const Ledger &ledger, Date as_at) {
    const auto n = ledger.people.size();
    PersonFacts f;
    f.as_at = as_at;
    f.age.assign(n, -1);
    f.weekly_cost.assign(n, 0);
    f.health_funded.assign(n, 0);
    f.accommodation_cost.assign(n, k_no_money);
    f.setting.assign(n, static_cast<uint8_t>(Setting::count));
    f.open_lines.assign(n, 0);
    f.services.assign(n, 0);
    f.direct_payment.assign(n, 0);
    f.night.assign(n, NightLevel::not_recorded);
    f.staff_ratio.assign(n, 0);
    f.home_care_hours.assign(n, 0);
    f.had_reablement.assign(n, 0);
    f.respite_days.assign(n, 0);
    f.days_since_start.assign(n, -1);
    f.days_since_review.assign(n, -1);
    f.days_since_financial_assessment.assign(n, -1);
    f.dp_balance.assign(n, k_no_money);
    f.dp_weeks_held.assign(n, -1);
    f.increases.assign(n, 0);
    f.increase_weekly.assign(n, 0);
    f.dp_weekly.assign(n, 0);
    line_facts(ledger, f);
    direct_payment_facts(ledger, f);
    change_facts(ledger, f);
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
