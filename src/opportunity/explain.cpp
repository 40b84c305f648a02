#include "opportunity/explain.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ascent::opportunity {

namespace {

std::string percent(int64_t basis_points) {
    if (basis_points % 100 == 0) return fmt::format("{}%", basis_points / 100);
    return fmt::format("{}.{:02}%", basis_points / 100, basis_points % 100);
}

std::string money(int64_t sub_pence) { return format_pence(to_money(sub_pence)); }

// The central estimate worked out: what it is a share or an amount of, and the result.
std::string worked(const Lever &lever, const Flag &flag, const PersonFacts &facts, WeeksPerYear weeks) {
    const int64_t factor = lever.factors[1];
    const auto p = flag.person;
    const std::string result = money(flag.standalone[1]);
    switch (lever.method) {
    case Method::count_only: return "no saving is assumed for this lever; the person is listed for review";
    case Method::percent_of_cost: return fmt::format("{} of the package {} a week = {} a week", percent(factor), money(flag.base), result);
    case Method::percent_of_accommodation:
        return fmt::format("{} of the accommodation element {} a week = {} a week", percent(factor), money(flag.base), result);
    case Method::percent_of_lines:
        return lever.ceiling > 0
                   ? fmt::format("{} of {} a week paid above the {} ceiling (on {} a week of lines) = {} a week", percent(factor),
                                 money(flag.base), format_pence(Money::from_pence(lever.ceiling)),
                                 format_pence(Money::from_pence(flag.in_scope)), result)
                   : fmt::format("{} of {} a week of matching lines = {} a week", percent(factor), money(flag.base), result);
    case Method::percent_of_gap_to_rate:
        return fmt::format("{} of (package {} − rate {}) = {} of {} = {} a week", percent(factor),
                           format_pence(Money::from_pence(facts.weekly_cost[p])), format_pence(Money::from_pence(lever.rate)),
                           percent(factor), money(flag.base), result);
    case Method::percent_of_health_gap:
        return fmt::format("{} of ({} NHS share × package {} − NHS funding now {}) = {} of {} = {} a week", percent(factor),
                           percent(lever.target_share), format_pence(Money::from_pence(facts.weekly_cost[p])),
                           format_pence(Money::from_pence(facts.health_funded[p])), percent(factor), money(flag.base), result);
    case Method::percent_of_increases:
        return fmt::format("{} of {} a week of increases in the last 12 months = {} a week", percent(factor), money(flag.base), result);
    case Method::percent_of_dp_surplus:
        return fmt::format("{} of (balance {} − {} weeks × {} a week) = {} of {} = {} one-off", percent(factor),
                           format_pence(Money::from_pence(facts.dp_balance[p])), lever.keep_weeks,
                           format_pence(Money::from_pence(facts.dp_weekly[p])), percent(factor), money(flag.base), result);
    case Method::weekly_amount:
        return fmt::format("{} a week per person, at most the package = {} a week", format_pence(Money::from_pence(factor)), result);
    case Method::annual_amount:
        return fmt::format("{} a year per person ÷ {} weeks = {} a week (at most the package)",
                           format_pence(Money::from_pence(factor)), weeks.name, result);
    case Method::per_respite_week:
        return fmt::format("{} a week × {} days of respite ÷ 7 = {} a year ÷ {} weeks = {} a week",
                           format_pence(Money::from_pence(factor)), flag.base,
                           format_pence(Money::from_pence(divide_rounded(Int128{factor} * flag.base, 7, RoundingMode::half_up))),
                           weeks.name, result);
    }
    return "";
}

// The other levers of the flag's group that flagged the same person, in catalogue order.
std::vector<GroupMember> group_members(const RuleSet &rules, const Opportunities &found, const Flag &flag) {
    std::vector<GroupMember> out;
    const Lever &lever = rules.levers[flag.lever];
    if (lever.group.empty() || !lever.enabled) return out;
    for (const auto &r : found.levers) {
        const Lever &other = rules.levers[r.lever];
        if (r.lever == flag.lever || !r.in_totals || other.group != lever.group) continue;
        if (const Flag *f = flag_of(r, flag.person))
            out.push_back({other.id, other.name, to_money(f->standalone[1]), annual_figure(other, f->standalone[1], found.weeks),
                           f->counted_in < 0});
    }
    return out;
}

std::string overlap_note(const RuleSet &rules, const Opportunities &found, const Lever &lever, const Flag &flag,
                         const std::vector<GroupMember> &group) {
    if (!lever.enabled)
        return "an alternative threshold (disabled in the catalogue): sized on its own, left out of the netting and the totals";
    std::vector<std::string> parts;
    if (flag.counted_in >= 0) {
        const auto counted = std::find_if(group.begin(), group.end(), [](const auto &g) { return g.counted; });
        return fmt::format("in the '{}' group only the largest saving counts: '{}' counted this person ({} a week on its own); "
                           "this lever would save {} a week on its own, netted off: no further saving here",
                           lever.group, rules.levers[static_cast<std::size_t>(flag.counted_in)].name,
                           counted == group.end() ? "?" : format_pence(counted->weekly), money(flag.standalone[1]));
    }
    if (!group.empty()) {
        std::string others;
        for (const auto &g : group) others += fmt::format("{}'{}' {} a week", others.empty() ? "" : ", ", g.lever_name, format_pence(g.weekly));
        parts.push_back(fmt::format("the largest saving in the '{}' group, so it counts; netted off (on their own): {}", lever.group, others));
    }
    if (flag.capped & 2u)
        parts.push_back(fmt::format("a person's reductions together are at most {} of the package; {} a week was left under that "
                                    "cap, so this lever adds {} a week, not {}",
                                    percent(found.max_combined_reduction), money(flag.cap_left), money(flag.net[1]),
                                    money(flag.before_cap)));
    else if (flag.net[1] != flag.standalone[1])
        parts.push_back(fmt::format("earlier levers left {} a week of the package, so this lever adds {} a week, not {}",
                                    money(flag.package_left), money(flag.net[1]), money(flag.standalone[1])));
    std::string out;
    for (const auto &p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}

std::string rule_text(const RuleSet &rules, const Lever &lever) {
    std::string rule = lever.cohort.text();
    if (lever.top) rule += fmt::format("; the {} highest weekly costs", *lever.top);
    if (!lever.same_setting_as.empty())
        rule += "; sharing a care setting (CQC location) with someone in '" + rules.find(lever.same_setting_as)->name + "'";
    return rule;
}

} // namespace

std::string stratum_name(const Lever &lever, const Flag &flag) {
    if (lever.strata.empty()) return "";
    return flag.stratum < 0 ? "other" : lever.strata[static_cast<std::size_t>(flag.stratum)].name;
}

Explanation explain(const FactTable &table, const RuleSet &rules, const Opportunities &found, const Flag &flag) {
    const Lever &lever = rules.levers[flag.lever];
    Explanation e;
    e.lever_id = lever.id;
    e.lever_name = lever.name;
    e.category = lever.category;
    e.stratum = stratum_name(lever, flag);
    e.rule = rule_text(rules, lever);
    for (const auto &field : lever.cohort.fields_used()) e.values.emplace_back(field, cohort_value(table, flag.person, field));
    if ((lever.top || !lever.same_setting_as.empty()) &&
        std::none_of(e.values.begin(), e.values.end(), [](const auto &v) { return v.first == "weekly cost"; }))
        e.values.emplace_back("weekly cost", cohort_value(table, flag.person, "weekly cost"));
    if (flag.stratum >= 0)
        for (const auto &field : lever.strata[static_cast<std::size_t>(flag.stratum)].cohort.fields_used())
            if (std::none_of(e.values.begin(), e.values.end(), [&](const auto &v) { return v.first == field; }))
                e.values.emplace_back(field, cohort_value(table, flag.person, field));
    e.arithmetic = worked(lever, flag, table.facts(), found.weeks);
    for (std::size_t s = 0; s < 3; ++s) {
        e.weekly[s] = to_money(flag.net[s]);
        e.annual[s] = annual_figure(lever, flag.net[s], found.weeks);
    }
    e.group = group_members(rules, found, flag);
    e.overlap = overlap_note(rules, found, lever, flag, e.group);
    e.in_totals = lever.enabled;
    e.capped = (flag.capped & 2u) != 0;
    e.confidence_percent = confidence_of(lever, flag);
    e.source = lever.source.council;
    if (!lever.source.reference.empty()) e.source += (e.source.empty() ? "" : ", ") + lever.source.reference;
    return e;
}

std::vector<Explanation> explain_person(const FactTable &table, const RuleSet &rules, const Opportunities &found,
                                        uint32_t person) {
    std::vector<Explanation> out;
    for (const auto &lever : found.levers)
        if (const Flag *f = flag_of(lever, person)) out.push_back(explain(table, rules, found, *f));
    return out;
}

} // namespace ascent::opportunity
