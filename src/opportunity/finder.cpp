#include "opportunity/finder.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <unordered_map>

#include "core/error.hpp"

namespace ascent::opportunity {

namespace {

int64_t percent_of(int64_t base, int64_t basis_points) {
    return divide_rounded(Int128{base} * basis_points, 10'000, RoundingMode::half_up);
}

// An annual amount in pence as a weekly amount in 1/10,000 p.
int64_t weekly_from_annual_pence(Int128 annual_pence, WeeksPerYear weeks, int64_t divisor = 1) {
    return divide_rounded(annual_pence * k_sub_pence * weeks.weeks.den, Int128{weeks.weeks.num} * divisor, RoundingMode::half_up);
}

// One scenario's saving for one person: weekly (1/10,000 p) or, for one-off levers, the amount.
// `package_left` is what is left of the package after earlier levers; reductions never exceed it.
int64_t saving(const Lever &lever, std::size_t scenario, int64_t base, int64_t package_left, WeeksPerYear weeks) {
    const int64_t factor = lever.factors[scenario];
    int64_t v = 0;
    switch (lever.method) {
    case Method::count_only: return 0;
    case Method::percent_of_cost: v = percent_of(package_left, factor); break;
    case Method::weekly_amount: v = factor * k_sub_pence; break;
    case Method::annual_amount: v = weekly_from_annual_pence(factor, weeks); break;
    case Method::per_respite_week: v = weekly_from_annual_pence(Int128{factor} * base, weeks, 7); break; // base = days
    default: v = percent_of(base, factor); break;
    }
    return lever.effect == Effect::reduction ? std::min(v, std::max<int64_t>(0, package_left)) : v;
}

// Per person: the matching open lines' cost above the ceiling (1/10,000 p a week) and their weekly cost.
void line_bases(const Ledger &ledger, Date as_at, const Lever &lever, std::vector<int64_t> &base,
                std::vector<int64_t> &in_scope) {
    const auto &l = ledger.lines;
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (std::find(lever.components.begin(), lever.components.end(), l.component[i]) == lever.components.end()) continue;
        if (lever.frequency && l.frequency[i] != *lever.frequency) continue;
        if (!ledger.line_active(i, as_at) || l.weekly_cost[i] <= 0) continue;
        int64_t gap = l.weekly_cost[i] * k_sub_pence;
        if (lever.ceiling > 0) {
            const int64_t unit = l.unit_cost[i];
            if (unit == k_no_money || unit <= lever.ceiling) continue;
            // The share of the price above the ceiling, applied to the line's weekly cost.
            gap = divide_rounded(Int128{gap} * (unit - lever.ceiling), unit, RoundingMode::half_up);
        }
        base[l.person[i]] += gap;
        in_scope[l.person[i]] += l.weekly_cost[i];
    }
}

// What a percentage of this lever applies to, for one person (1/10,000 p; respite: days).
int64_t person_base(const Lever &lever, const PersonFacts &f, uint32_t p) {
    const auto pence = [](int64_t v) { return v * k_sub_pence; };
    switch (lever.method) {
    case Method::percent_of_cost: return pence(f.weekly_cost[p]);
    case Method::percent_of_accommodation: return f.accommodation_cost[p] == k_no_money ? 0 : pence(f.accommodation_cost[p]);
    case Method::percent_of_gap_to_rate: return pence(std::max<int64_t>(0, f.weekly_cost[p] - lever.rate));
    case Method::percent_of_health_gap:
        return std::max<int64_t>(0, percent_of(pence(f.weekly_cost[p]), lever.target_share) - pence(f.health_funded[p]));
    case Method::percent_of_increases: return pence(f.increase_weekly[p]);
    case Method::percent_of_dp_surplus:
        return f.dp_balance[p] == k_no_money ? 0 : pence(std::max<int64_t>(0, f.dp_balance[p] - lever.keep_weeks * f.dp_weekly[p]));
    case Method::per_respite_week: return f.respite_days[p];
    default: return 0;
    }
}

// People who share a care setting (CQC location) on an open line with anyone in `anchor`.
std::vector<uint8_t> same_setting(const Ledger &ledger, Date as_at, const std::vector<uint8_t> &anchor) {
    const auto &l = ledger.lines;
    std::vector<uint8_t> shared_location(ledger.text.size() + 1, 0);
    for (std::size_t i = 0; i < l.size(); ++i)
        if (anchor[l.person[i]] && l.cqc_location[i] != 0 && ledger.line_active(i, as_at)) shared_location[l.cqc_location[i]] = 1;
    std::vector<uint8_t> out(anchor.size(), 0);
    for (std::size_t i = 0; i < l.size(); ++i)
        if (!anchor[l.person[i]] && shared_location[l.cqc_location[i]] && l.cqc_location[i] != 0 && ledger.line_active(i, as_at))
            out[l.person[i]] = 1;
    return out;
}

// Keeps only the `top` highest weekly costs (ties: the earlier person).
void keep_top(std::vector<uint8_t> &mask, const PersonFacts &f, std::size_t top) {
    std::vector<uint32_t> members;
    for (uint32_t p = 0; p < mask.size(); ++p)
        if (mask[p]) members.push_back(p);
    if (members.size() <= top) return;
    std::nth_element(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(top), members.end(), [&](uint32_t a, uint32_t b) {
        return f.weekly_cost[a] != f.weekly_cost[b] ? f.weekly_cost[a] > f.weekly_cost[b] : a < b;
    });
    for (auto it = members.begin() + static_cast<std::ptrdiff_t>(top); it != members.end(); ++it) mask[*it] = 0;
}

std::vector<std::size_t> chosen_levers(const RuleSet &rules, const FindOptions &options) {
    std::vector<std::size_t> out;
    std::vector<std::string> named = options.only;
    named.insert(named.end(), options.also.begin(), options.also.end());
    for (const auto &id : named)
        if (rules.find(id) == nullptr) {
            std::string ids;
            for (const auto &l : rules.levers) ids += (ids.empty() ? "" : ", ") + l.id;
            throw input_error("no lever '" + id + "' in " + rules.path + "; levers are: " + ids);
        }
    for (std::size_t i = 0; i < rules.levers.size(); ++i) {
        const auto &l = rules.levers[i];
        const bool is_named = std::find(named.begin(), named.end(), l.id) != named.end();
        if (options.only.empty() ? (l.enabled || options.include_disabled || is_named) : is_named) out.push_back(i);
    }
    return out;
}

// How a saving ranks against another lever's for the same person: its full-year value (one-off
// amounts as they are), compared exactly as amount × weeks.den or weekly × weeks.num.
Int128 rank_of(const Lever &lever, int64_t amount, WeeksPerYear weeks) {
    return Int128{amount} * (lever.effect == Effect::one_off ? weeks.weeks.den : weeks.weeks.num);
}

// Runs in three passes: every lever sized on its own (in catalogue order, since a lever may be "in
// the same setting as" an earlier one); in each overlap group, the lever that counts each person
// (the largest saving on its own); then the net figures, in catalogue order, combining reductions on
// what is left of the package and under the cap on combined reductions.
class Finder {
public:
    Finder(const FactTable &table, const RuleSet &rules, Opportunities &out)
        : table_(table), ledger_(table.ledger()), facts_(table.facts()), rules_(rules), out_(out),
          n_(ledger_.people.size()) {}

    void size(std::size_t index, bool needed_later, bool in_totals) {
        const auto started = std::chrono::steady_clock::now();
        const Lever &lever = rules_.levers[index];
        auto mask = lever.cohort.select(table_);
        if (!lever.same_setting_as.empty()) {
            const auto anchor = anchors_.find(lever.same_setting_as);
            if (anchor == anchors_.end())
                throw input_error("lever '" + lever.id + "' needs lever '" + lever.same_setting_as + "' to be run before it");
            const auto shared = same_setting(ledger_, facts_.as_at, anchor->second);
            for (std::size_t p = 0; p < n_; ++p) mask[p] &= shared[p];
        }
        if (lever.top) keep_top(mask, facts_, static_cast<std::size_t>(*lever.top));
        std::vector<int64_t> base, in_scope;
        if (lever.method == Method::percent_of_lines) {
            base.assign(n_, 0);
            in_scope.assign(n_, 0);
            line_bases(ledger_, facts_.as_at, lever, base, in_scope);
            for (std::size_t p = 0; p < n_; ++p) mask[p] &= base[p] > 0;
        }
        std::vector<std::vector<uint8_t>> strata;
        for (const auto &s : lever.strata) strata.push_back(s.cohort.select(table_));

        LeverResult result;
        result.lever = index;
        result.in_totals = in_totals;
        result.flags.reserve(static_cast<std::size_t>(std::count(mask.begin(), mask.end(), 1)));
        result.stratum_people.assign(lever.strata.size() + 1, 0);
        for (uint32_t p = 0; p < n_; ++p) {
            if (!mask[p]) continue;
            Flag f;
            f.person = p;
            f.lever = static_cast<uint16_t>(index);
            for (std::size_t s = 0; s < strata.size() && f.stratum < 0; ++s)
                if (strata[s][p]) f.stratum = static_cast<int16_t>(s);
            f.in_scope = in_scope.empty() ? facts_.weekly_cost[p] : in_scope[p];
            f.base = base.empty() ? person_base(lever, facts_, p) : base[p];
            const int64_t package = facts_.weekly_cost[p] * k_sub_pence;
            for (std::size_t s = 0; s < 3; ++s) f.standalone[s] = saving(lever, s, f.base, package, rules_.weeks);
            ++result.people;
            ++result.stratum_people[f.stratum < 0 ? lever.strata.size() : static_cast<std::size_t>(f.stratum)];
            result.weekly_in_scope += Money::from_pence(f.in_scope);
            for (std::size_t s = 0; s < 3; ++s) result.standalone[s] += f.standalone[s];
            result.flags.push_back(f);
        }
        if (needed_later) anchors_[lever.id] = std::move(mask);
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        out_.levers.push_back(std::move(result));
    }

    // In each overlap group, the lever that counts each person: the largest central saving on its own,
    // the lever listed first on a tie. Only levers in the totals take part.
    void choose_owners() {
        std::unordered_map<std::string, std::vector<Int128>> best;
        for (const auto &r : out_.levers) {
            const Lever &lever = rules_.levers[r.lever];
            if (!r.in_totals || lever.group.empty()) continue;
            auto &owner = owners_.try_emplace(lever.group, n_, int16_t{-1}).first->second;
            auto &score = best.try_emplace(lever.group, n_, Int128{0}).first->second;
            for (const auto &f : r.flags) {
                const Int128 rank = rank_of(lever, f.standalone[1], rules_.weeks);
                if (owner[f.person] < 0 || rank > score[f.person]) {
                    owner[f.person] = static_cast<int16_t>(r.lever);
                    score[f.person] = rank;
                }
            }
        }
    }

    void net() {
        std::array<std::vector<int64_t>, 3> remaining, cap_left; // 1/10,000 p a week, per scenario
        for (std::size_t s = 0; s < 3; ++s) {
            remaining[s].resize(n_);
            cap_left[s].resize(n_);
            for (std::size_t p = 0; p < n_; ++p) {
                remaining[s][p] = facts_.weekly_cost[p] * k_sub_pence;
                cap_left[s][p] = percent_of(remaining[s][p], rules_.max_combined_reduction);
            }
        }
        std::vector<uint8_t> flagged(n_, 0), capped(n_, 0);
        for (auto &r : out_.levers) {
            if (!r.in_totals) continue;
            const Lever &lever = rules_.levers[r.lever];
            const auto owner = lever.group.empty() ? owners_.end() : owners_.find(lever.group);
            for (auto &f : r.flags) {
                const auto p = f.person;
                f.package_left = remaining[1][p];
                f.cap_left = cap_left[1][p];
                if (owner != owners_.end() && owner->second[p] != static_cast<int16_t>(r.lever)) {
                    f.counted_in = owner->second[p];
                    ++r.counted_elsewhere;
                } else {
                    for (std::size_t s = 0; s < 3; ++s) {
                        int64_t v = saving(lever, s, f.base, remaining[s][p], rules_.weeks);
                        if (lever.effect == Effect::reduction) {
                            if (s == 1) f.before_cap = v;
                            if (v > cap_left[s][p]) {
                                v = cap_left[s][p];
                                f.capped |= static_cast<uint8_t>(1u << s);
                            }
                            remaining[s][p] -= v;
                            cap_left[s][p] -= v;
                        }
                        f.net[s] = v;
                    }
                }
                if (f.capped & 2u) {
                    ++r.capped;
                    if (!capped[p]) ++out_.people_capped;
                    capped[p] = 1;
                }
                out_.weighted_central_by_effect[static_cast<std::size_t>(lever.effect)] +=
                    divide_rounded(Int128{f.net[1]} * confidence_of(lever, f), 100, RoundingMode::half_up);
                for (std::size_t s = 0; s < 3; ++s) {
                    r.net[s] += f.net[s];
                    out_.net_by_effect[static_cast<std::size_t>(lever.effect)][s] += f.net[s];
                }
                if (!flagged[p]) {
                    flagged[p] = 1;
                    ++out_.people_flagged;
                    out_.flagged_weekly += Money::from_pence(facts_.weekly_cost[p]);
                }
            }
        }
    }

private:
    const FactTable &table_;
    const Ledger &ledger_;
    const PersonFacts &facts_;
    const RuleSet &rules_;
    Opportunities &out_;
    std::size_t n_;
    std::unordered_map<std::string, std::vector<int16_t>> owners_;  // group → the lever that counts each person
    std::unordered_map<std::string, std::vector<uint8_t>> anchors_; // members of levers others refer to
};

} // namespace

std::size_t Opportunities::flag_count() const {
    std::size_t n = 0;
    for (const auto &r : levers) n += r.flags.size();
    return n;
}

const Flag *flag_of(const LeverResult &result, uint32_t person) {
    const auto it = std::lower_bound(result.flags.begin(), result.flags.end(), person,
                                     [](const Flag &f, uint32_t p) { return f.person < p; });
    return it != result.flags.end() && it->person == person ? &*it : nullptr;
}

int confidence_of(const Lever &lever, const Flag &flag) {
    if (flag.stratum >= 0) {
        const auto &s = lever.strata[static_cast<std::size_t>(flag.stratum)];
        if (s.confidence_percent) return *s.confidence_percent;
    }
    return lever.confidence_percent;
}

Money to_money(int64_t sub_pence) {
    return Money::from_pence(divide_rounded(sub_pence, k_sub_pence, RoundingMode::half_up));
}

Money full_year(int64_t weekly_sub_pence, WeeksPerYear weeks) {
    return Money::from_pence(divide_rounded(Int128{weekly_sub_pence} * weeks.weeks.num,
                                            Int128{k_sub_pence} * weeks.weeks.den, RoundingMode::half_up));
}

Money annual_figure(const Lever &lever, int64_t amount, WeeksPerYear weeks) {
    return lever.effect == Effect::one_off ? to_money(amount) : full_year(amount, weeks);
}

Opportunities find_opportunities(const FactTable &table, const RuleSet &rules, const FindOptions &options) {
    Opportunities out;
    const auto &facts = table.facts();
    out.as_at = facts.as_at;
    out.rules_name = rules.name;
    out.rules_version = rules.version;
    out.rules_sha256 = rules.sha256;
    out.rules_path = rules.path;
    out.weeks = rules.weeks;
    out.people_in_ledger = static_cast<int64_t>(table.ledger().people.size());
    for (std::size_t p = 0; p < facts.weekly_cost.size(); ++p) {
        out.people_supported += facts.open_lines[p] > 0;
        out.ledger_weekly += Money::from_pence(facts.weekly_cost[p]);
    }
    auto chosen = chosen_levers(rules, options);
    std::vector<std::string> anchors;
    for (auto i : chosen)
        if (!rules.levers[i].same_setting_as.empty()) anchors.push_back(rules.levers[i].same_setting_as);
    // A lever that others are "in the same setting as" runs too, even if it was not asked for.
    for (const auto &id : anchors) chosen.push_back(static_cast<std::size_t>(rules.find(id) - rules.levers.data()));
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    out.max_combined_reduction = rules.max_combined_reduction;
    Finder finder(table, rules, out);
    const auto named = [&](const std::string &id) { return std::find(options.only.begin(), options.only.end(), id) != options.only.end(); };
    for (auto i : chosen) {
        const auto &lever = rules.levers[i];
        finder.size(i, std::find(anchors.begin(), anchors.end(), lever.id) != anchors.end(),
                    options.net_only_named ? named(lever.id) : lever.enabled);
    }
    finder.choose_owners();
    finder.net();
    return out;
}

} // namespace ascent::opportunity
