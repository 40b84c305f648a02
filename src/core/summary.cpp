#include "core/summary.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/person_facts.hpp"

namespace ascent {

std::string_view to_string(Setting setting) {
    switch (setting) {
    case Setting::nursing: return "Nursing care";
    case Setting::residential: return "Residential care";
    case Setting::community: return "Community";
    case Setting::prison: return "Prison";
    case Setting::short_term: return "Short-term support";
    case Setting::carer_support: return "Carer support";
    case Setting::other:
    case Setting::count: break;
    }
    return "Not recorded";
}

std::string_view cost_band_label(std::size_t band) {
    static constexpr std::array<std::string_view, k_cost_bands> k_labels = {
        "under £200", "£200 to under £600", "£600 to under £1,000", "£1,000 to £1,800", "over £1,800"};
    return k_labels.at(band);
}

std::size_t cost_band_of(Money weekly) {
    const int64_t p = weekly.pence();
    if (p < k_cost_band_edges_pence[0]) return 0;
    if (p < k_cost_band_edges_pence[1]) return 1;
    if (p < k_cost_band_edges_pence[2]) return 2;
    if (p <= k_cost_band_edges_pence[3]) return 3;
    return 4;
}

Setting setting_of(Code service_type, Code component) {
    switch (service_type) {
    case codes::st_nursing: return Setting::nursing;
    case codes::st_residential: return Setting::residential;
    case codes::st_community: return Setting::community;
    case codes::st_prison: return Setting::prison;
    case codes::st_st_max:
    case codes::st_ongoing_low_level:
    case codes::st_other_short_term: return Setting::short_term;
    case codes::st_carer_direct:
    case codes::st_carer_cared_for: return Setting::carer_support;
    default: break;
    }
    switch (component) {
    case codes::comp_lt_nursing: return Setting::nursing;
    case codes::comp_lt_residential: return Setting::residential;
    case codes::comp_st_nursing:
    case codes::comp_st_residential:
    case codes::comp_reablement: return Setting::short_term;
    case 0: return Setting::other;
    default: return Setting::community;
    }
}

LedgerSummary summarise(const Ledger &ledger, Date as_at, WeeksPerYear weeks, std::size_t top_providers) {
    LedgerSummary s;
    s.as_at = as_at;
    s.weeks = weeks;
    const auto &p = ledger.people;
    const auto &l = ledger.lines;
    s.people_in_ledger = static_cast<int64_t>(p.size());
    s.lines_in_ledger = static_cast<int64_t>(l.size());
    s.by_reason_and_age.resize(code_count(CodeField::support_reason));

    const PersonFacts facts = person_facts(ledger, as_at);
    struct ProviderAcc {
        int64_t lines = 0;
        int64_t weekly = 0;
        int64_t people = 0;
    };
    std::unordered_map<uint32_t, ProviderAcc> providers;
    std::vector<std::pair<uint32_t, uint32_t>> provider_people; // (provider, person) of open lines
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (!ledger.line_active(i, as_at)) continue;
        ++s.lines_open;
        if (l.provider[i] != 0) {
            auto &acc = providers[l.provider[i]];
            ++acc.lines;
            acc.weekly += l.weekly_cost[i];
            provider_people.emplace_back(l.provider[i], l.person[i]);
        }
    }
    // Each provider's people counted once, however their lines are ordered.
    std::sort(provider_people.begin(), provider_people.end());
    provider_people.erase(std::unique(provider_people.begin(), provider_people.end()), provider_people.end());
    for (const auto &[provider, person] : provider_people) ++providers[provider].people;

    for (std::size_t person = 0; person < p.size(); ++person) {
        if (facts.open_lines[person] == 0) continue;
        ++s.people_supported;
        const Money cost = Money::from_pence(facts.weekly_cost[person]);
        s.weekly_gross += cost;
        if (cost == Money{}) ++s.people_without_cost; // costs are never negative, so no open line has one
        if (facts.direct_payment[person] != 0) ++s.people_with_direct_payment;
        int age_column = 3;
        if (facts.age[person] >= 0) {
            switch (age_band_of(facts.age[person])) {
            case AgeBand::working_age: age_column = 0; break;
            case AgeBand::older_65_79: age_column = 1; break;
            case AgeBand::older_80_plus: age_column = 2; break;
            default: break;
            }
        }
        auto &by_reason = s.by_reason_and_age[p.support_reason[person]][static_cast<std::size_t>(age_column)];
        ++by_reason.people;
        by_reason.weekly += cost;
        auto &by_setting =
            s.by_setting[std::min<std::size_t>(facts.setting[person], static_cast<std::size_t>(Setting::other))];
        ++by_setting.people;
        by_setting.weekly += cost;
        if (cost != Money{}) {
            auto &band = s.by_cost_band[cost_band_of(cost)];
            ++band.people;
            band.weekly += cost;
        }
    }
    s.annual_gross = annual_from_weekly(s.weekly_gross, weeks);
    for (const auto &[name, acc] : providers)
        s.top_providers.push_back({std::string(ledger.text.at(name)), acc.people, acc.lines, Money::from_pence(acc.weekly)});
    std::sort(s.top_providers.begin(), s.top_providers.end(), [](const auto &a, const auto &b) {
        return a.weekly != b.weekly ? a.weekly > b.weekly : a.name < b.name;
    });
    if (s.top_providers.size() > top_providers) s.top_providers.resize(top_providers);
    return s;
}

} // namespace ascent
