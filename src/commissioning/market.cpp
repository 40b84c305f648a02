#include "commissioning/market.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/codes.hpp"
#include "core/money.hpp"

namespace ascent::commissioning {

namespace {

// The value at a percentile of sorted values (nearest rank).
int64_t at_percentile(const std::vector<int64_t> &sorted, int percent) {
    const auto rank = (sorted.size() - 1) * static_cast<std::size_t>(percent) / 100;
    return sorted[rank];
}

} // namespace

Market market_view(const Ledger &ledger, Date on, std::size_t top) {
    Market m;
    m.on = on;
    m.top = top;
    const auto &l = ledger.lines;
    std::map<uint32_t, ProviderSpend> providers;
    std::map<uint32_t, std::set<uint32_t>> people_of;
    struct Prices {
        std::vector<int64_t> unit_costs;
        std::set<uint32_t> providers;
        std::vector<std::pair<int64_t, int64_t>> cost_and_weekly_units; // for the spend above the median
    };
    std::map<std::pair<Code, Code>, Prices> prices;
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (!ledger.line_active(i, on) || is_direct_payment(l, i)) continue;
        const auto weekly = l.weekly_cost[i];
        auto &p = providers[l.provider[i]];
        ++p.lines;
        p.weekly += weekly;
        people_of[l.provider[i]].insert(l.person[i]);
        const bool out_of_area = ledger.people.out_of_area[l.person[i]] == 1;
        if (out_of_area) p.out_of_area_weekly += weekly;
        if (out_of_area) m.out_of_area_weekly += weekly;
        m.weekly += weekly;
        if (l.unit_cost[i] > 0 && (l.frequency[i] == codes::freq_weekly || l.frequency[i] == codes::freq_hourly)) {
            auto &pr = prices[{l.component[i], l.frequency[i]}];
            pr.unit_costs.push_back(l.unit_cost[i]);
            pr.providers.insert(l.provider[i]);
            pr.cost_and_weekly_units.emplace_back(l.unit_cost[i], l.frequency[i] == codes::freq_weekly ? 100 : l.planned_units[i]);
        }
    }
    for (auto &[id, p] : providers) {
        p.provider = id == 0 ? "(no provider recorded)" : std::string(ledger.text.at(id));
        p.people = static_cast<int64_t>(people_of[id].size());
        m.by_provider.push_back(p);
    }
    std::sort(m.by_provider.begin(), m.by_provider.end(), [](const auto &a, const auto &b) {
        return a.weekly != b.weekly ? a.weekly > b.weekly : a.provider < b.provider;
    });
    m.providers = static_cast<int64_t>(m.by_provider.size());
    if (m.weekly > 0) {
        int64_t top_weekly = 0;
        Int128 squares = 0;
        for (std::size_t k = 0; k < m.by_provider.size(); ++k) {
            if (k < top) top_weekly += m.by_provider[k].weekly;
            squares += static_cast<Int128>(m.by_provider[k].weekly) * m.by_provider[k].weekly;
        }
        m.top_share_ppm = top_weekly * 1'000'000 / m.weekly;
        // Σ (share in percent)² = 10,000 × Σ w² ÷ W², rounded half-up.
        const Int128 total_squared = static_cast<Int128>(m.weekly) * m.weekly;
        m.hhi = static_cast<int64_t>((squares * 10'000 + total_squared / 2) / total_squared);
    }
    for (auto &[key, pr] : prices) {
        std::sort(pr.unit_costs.begin(), pr.unit_costs.end());
        PriceSpread s{key.first, key.second, static_cast<int64_t>(pr.unit_costs.size()), static_cast<int64_t>(pr.providers.size()),
                      pr.unit_costs.front(), at_percentile(pr.unit_costs, 25), at_percentile(pr.unit_costs, 50),
                      at_percentile(pr.unit_costs, 75), pr.unit_costs.back(), 0};
        for (const auto &[cost, units] : pr.cost_and_weekly_units)
            if (cost > s.median && units > 0) s.weekly_above_median += ((cost - s.median) * units + 50) / 100;
        m.spreads.push_back(s);
    }
    std::sort(m.spreads.begin(), m.spreads.end(), [](const auto &a, const auto &b) { return a.weekly_above_median > b.weekly_above_median; });
    return m;
}

std::string format_market(const Market &m, std::size_t limit) {
    const auto pounds = [](int64_t p) { return format_pence(Money::from_pence(p)); };
    std::string out = fmt::format("The market on {}: {} a week with {} providers (direct payments left out)\n"
                                  "The largest {} hold {}.{}% of spend; HHI {} ({}); out of area {} a week\n\n",
                                  m.on.uk(), pounds(m.weekly), group_thousands(m.providers), m.top, m.top_share_ppm / 10'000,
                                  m.top_share_ppm / 1'000 % 10, group_thousands(m.hhi),
                                  m.hhi > 2500 ? "highly concentrated" : m.hhi > 1500 ? "moderately concentrated" : "unconcentrated",
                                  pounds(m.out_of_area_weekly));
    out += fmt::format("  {:<36} {:>8} {:>8} {:>14} {:>14}\n", "provider", "people", "lines", "weekly spend", "out of area");
    for (std::size_t k = 0; k < m.by_provider.size() && k < limit; ++k) {
        const auto &p = m.by_provider[k];
        out += fmt::format("  {:<36} {:>8} {:>8} {:>14} {:>14}\n", p.provider.substr(0, 36), group_thousands(p.people),
                           group_thousands(p.lines), pounds(p.weekly), pounds(p.out_of_area_weekly));
    }
    out += "\nThe same care at different prices (unit costs, by service and unit):\n";
    out += fmt::format("  {:<34} {:<7} {:>7} {:>9} {:>10} {:>10} {:>10} {:>10} {:>10} {:>14}\n", "service", "unit", "lines", "providers",
                       "min", "p25", "median", "p75", "max", "above median/wk");
    for (std::size_t k = 0; k < m.spreads.size() && k < limit; ++k) {
        const auto &s = m.spreads[k];
        out += fmt::format("  {:<34} {:<7} {:>7} {:>9} {:>10} {:>10} {:>10} {:>10} {:>10} {:>14}\n",
                           code_label(CodeField::service_component, s.component).substr(0, 34),
                           s.frequency == codes::freq_hourly ? "hour" : "week", group_thousands(s.lines), group_thousands(s.providers),
                           pounds(s.min), pounds(s.p25), pounds(s.median), pounds(s.p75), pounds(s.max), pounds(s.weekly_above_median));
    }
    return out;
}

} // namespace ascent::commissioning
