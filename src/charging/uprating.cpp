#include "charging/uprating.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/annualise.hpp"
#include "core/error.hpp"

namespace ascent::charging {

namespace {

// The latest start date, within the year's first month, of a yearly figure's new value: before
// it, part of next year's figures would be missing from the charge.
Date start_of_new_figures(const ParameterSet &parameters, FinancialYear to) {
    Date effective = to.first_day();
    const Date month_end = to.first_day().plus_days(30);
    for (const auto &[name, p] : parameters.all()) {
        if (!p.uprated_yearly) continue;
        for (const auto &v : p.values)
            if (v.from >= to.first_day() && v.from <= month_end && v.from > effective) effective = v.from;
    }
    return effective;
}

std::vector<std::string> carried_forward(const ParameterSet &parameters, FinancialYear to) {
    std::vector<std::string> out;
    for (const auto &[name, p] : parameters.all()) {
        if (!p.uprated_yearly) continue;
        const auto in_year = std::any_of(p.values.begin(), p.values.end(),
                                         [&](const ParameterValue &v) { return to.contains(v.from); });
        if (!in_year) out.push_back(name);
    }
    return out;
}

// The case a year on: each income DWP uprates risen by its April percentage, rounded half-up to
// the penny. A rise with no value in the year is treated as none (and listed as carried forward).
FinancialCase a_year_on(const FinancialCase &c, const ParameterSet &parameters, FinancialYear to, Date effective) {
    FinancialCase next = c;
    for (auto &item : next.income) {
        if (item.uprated_by.empty()) continue;
        const auto &rise = parameters.value(item.uprated_by, effective, Unit::percent);
        if (!to.contains(rise.from)) continue;
        item.weekly = divide_rounded(static_cast<Int128>(item.weekly) * (10'000 + rise.number), 10'000, RoundingMode::half_up);
    }
    return next;
}

} // namespace

Uprating uprate(const std::vector<FinancialCase> &caseload, const ParameterSet &parameters, FinancialYear to,
                std::optional<Date> effective) {
    Uprating u;
    u.to = to;
    u.before_on = to.first_day().plus_days(-1);
    u.effective = effective.value_or(start_of_new_figures(parameters, to));
    if (!to.contains(u.effective))
        throw input_error("the uprating date " + u.effective.uk() + " is not in " + to.label());
    u.parameter_sources = parameters.sources();
    u.carried_forward = carried_forward(parameters, to);
    const Rates before(parameters, u.before_on), after(parameters, u.effective);
    u.people.reserve(caseload.size());
    for (std::size_t i = 0; i < caseload.size(); ++i) {
        const auto &c = caseload[i];
        check_case(c);
        const int64_t was = charge_of(c, before, "this year's charge");
        const int64_t now = charge_of(a_year_on(c, parameters, to, u.effective), after, "next year's charge");
        u.people.push_back({i, was, now});
        u.total.add(was, now);
        ++u.by_change[change_band(now - was)];
        u.by_group[c.group.empty() ? std::string(k_no_group) : c.group].add(was, now);
    }
    std::stable_sort(u.people.begin(), u.people.end(), [](const UpratedCase &a, const UpratedCase &b) {
        return std::abs(a.after - a.before) > std::abs(b.after - b.before);
    });
    return u;
}

std::string format_uprating(const Uprating &u, const std::vector<FinancialCase> &caseload, WeeksPerYear weeks,
                            std::size_t limit) {
    const auto money = [](int64_t pence) { return format_pence(Money::from_pence(pence)); };
    std::string out = fmt::format("Uprating to {}: this year's charges ({} parameters) against next year's, "
                                  "effective {}\n",
                                  u.to.label(), u.before_on.uk(), u.effective.uk());
    for (const auto &s : u.parameter_sources) out += "Parameters: " + s + "\n";
    if (!u.carried_forward.empty()) {
        out += fmt::format("WARNING: {} yearly figure(s) have no {} value, so last year's carries forward: ",
                           u.carried_forward.size(), u.to.label());
        for (std::size_t i = 0; i < u.carried_forward.size(); ++i) out += (i ? ", " : "") + u.carried_forward[i];
        out += ".\nEnter the new figures (ascent charging parameters load FILE) before applying.\n";
    }
    const auto &t = u.total;
    const int64_t change = t.weekly_after - t.weekly_before;
    out += fmt::format("\nAssessments: {}   changed: {}   up: {}   down: {}\n", group_thousands(t.people),
                       group_thousands(u.changed()), group_thousands(t.up), group_thousands(t.down));
    out += fmt::format("Weekly income: {} → {} ({}{})\n", money(t.weekly_before), money(t.weekly_after),
                       change >= 0 ? "+" : "", money(change));
    out += fmt::format("Income change in {} from {}: {}; in a full year: {} ({} weeks, rounded half-up once)\n",
                       u.to.label(), u.effective.uk(),
                       format_pounds(in_year_from_weekly(Money::from_pence(change), weeks, u.to, u.effective)),
                       format_pounds(annual_from_weekly(Money::from_pence(change), weeks)), weeks.name);
    out += "\nPeople by change in weekly charge\n";
    for (std::size_t b = 0; b < k_change_bands.size(); ++b)
        out += fmt::format("  {:<12} {:>8}\n", k_change_bands[b], group_thousands(u.by_change[b]));
    out += fmt::format("\n{:<52} {:>8} {:>6} {:>6} {:>14} {:>14}\n", "Client group", "people", "up", "down", "weekly before",
                       "weekly after");
    for (const auto &[group, g] : u.by_group)
        out += fmt::format("{:<52} {:>8} {:>6} {:>6} {:>14} {:>14}\n", group.substr(0, 52), group_thousands(g.people),
                           group_thousands(g.up), group_thousands(g.down), money(g.weekly_before), money(g.weekly_after));
    out += fmt::format("\nLargest changes (ascent assess <person> explains each)\n{:<14} {:>12} {:>12} {:>10}\n", "person",
                       "before", "after", "change");
    for (std::size_t i = 0; i < std::min(limit, u.people.size()); ++i) {
        const auto &p = u.people[i];
        if (p.after == p.before) break;
        out += fmt::format("{:<14} {:>12} {:>12} {:>10}\n", caseload[p.index].id, money(p.before), money(p.after),
                           money(p.after - p.before));
    }
    return out;
}

} // namespace ascent::charging
