#include "core/spend_trend.hpp"

#include <algorithm>

namespace ascent {

namespace {

Date month_end_before(Date date) { return Date::ymd(date.year(), date.month(), 1).plus_days(-1); }

} // namespace

std::vector<TrendPoint> spend_trend(const Ledger &ledger, int months) {
    std::vector<TrendPoint> points(static_cast<std::size_t>(std::max(months, 1)));
    Date on = ledger.as_at;
    for (auto it = points.rbegin(); it != points.rend(); ++it) {
        it->on = on;
        on = month_end_before(on);
    }
    const auto &l = ledger.lines;
    std::vector<uint32_t> last_counted(ledger.people.size(), UINT32_MAX); // the point a person was last counted at
    for (std::size_t k = 0; k < points.size(); ++k) {
        auto &point = points[k];
        for (std::size_t i = 0; i < l.size(); ++i) {
            if (!ledger.line_active(i, point.on)) continue;
            point.weekly += l.weekly_cost[i];
            point.weekly_by_setting[static_cast<std::size_t>(setting_of(l.service_type[i], l.component[i]))] += l.weekly_cost[i];
            if (last_counted[l.person[i]] != k) {
                last_counted[l.person[i]] = static_cast<uint32_t>(k);
                ++point.people;
            }
        }
    }
    return points;
}

} // namespace ascent
