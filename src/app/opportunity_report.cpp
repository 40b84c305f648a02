// Text reports of the opportunity finder: the table of levers, one lever's people, and a person's
// explanations. Savings are full-year (one-off levers: the one-off amount), net of overlap.
#include <fmt/format.h>

#include <algorithm>

#include "app/council.hpp"
#include "core/error.hpp"

namespace ascent::app {

namespace {

using namespace opportunity;

std::string range(const Lever &lever, const Amounts &amounts, WeeksPerYear weeks) {
    return fmt::format("{:>10} {:>10} {:>10}", format_thousands(annual_figure(lever, amounts[0], weeks)),
                       format_thousands(annual_figure(lever, amounts[1], weeks)),
                       format_thousands(annual_figure(lever, amounts[2], weeks)));
}

std::string percent_of(int64_t part, int64_t whole) {
    return whole == 0 ? "0.0%" : fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

std::string header(const Opportunities &o) {
    return fmt::format("Rules: {} version {} ({}; SHA-256 {}), {} weeks a year\n", o.rules_name, o.rules_version, o.rules_path,
                       o.rules_sha256.substr(0, 12), o.weeks.name);
}

const Lever &lever_by_id(const Analysis &a, std::string_view id) {
    const Lever *lever = a.rules->find(id);
    if (lever == nullptr || a.lever_result(id) == nullptr) throw input_error("no lever '" + std::string(id) + "' in this run");
    return *lever;
}

} // namespace

std::string format_opportunities(const Analysis &a) {
    const auto &o = a.found;
    std::string out = fmt::format("Review opportunities as at {}\n", o.as_at.uk()) + header(o);
    out += "Savings are full-year £K (one-off levers: the one-off amount), net of overlap between levers,\n"
           "rounded half-up once; low / central / high from each lever's assumption. `ascent explain` shows the arithmetic.\n";
    std::string category;
    for (const auto &r : o.levers) {
        const Lever &lever = a.rules->levers[r.lever];
        if (lever.category != category) {
            category = lever.category;
            out += fmt::format("\n{:<62} {:>7} {:>13} {:>10} {:>10} {:>10} {:>5}  {}\n", category, "people", "weekly scope",
                               "low", "central", "high", "conf", "lever id");
        }
        out += fmt::format("  {:<60.60} {:>7} {:>13} {} {:>4}%  {}\n", lever.name, group_thousands(r.people),
                           format_pounds(r.weekly_in_scope), range(lever, r.net, o.weeks), lever.confidence_percent, lever.id);
        if (r.counted_elsewhere > 0)
            out += fmt::format("      {} already counted by an earlier '{}' lever; on its own this lever is {} central\n",
                               count_of(static_cast<uint64_t>(r.counted_elsewhere), "person", "people"), lever.group,
                               format_thousands(annual_figure(lever, r.standalone[1], o.weeks)));
        for (std::size_t s = 0; s < lever.strata.size(); ++s)
            out += fmt::format("      {:<56} {:>7}\n", lever.strata[s].name, group_thousands(r.stratum_people[s]));
        if (!lever.strata.empty() && r.stratum_people.back() > 0)
            out += fmt::format("      {:<56} {:>7}\n", "other", group_thousands(r.stratum_people.back()));
    }
    const auto total = [&](Effect effect, std::size_t s) {
        const int64_t amount = o.net_by_effect[static_cast<std::size_t>(effect)][s];
        return effect == Effect::one_off ? to_money(amount) : full_year(amount, o.weeks);
    };
    const auto weighted = [&](Effect effect) {
        const int64_t amount = o.weighted_central_by_effect[static_cast<std::size_t>(effect)];
        return effect == Effect::one_off ? to_money(amount) : full_year(amount, o.weeks);
    };
    out += fmt::format("\n{:<86} {:>10} {:>10} {:>10} {:>18}\n", "Totals, net of overlap", "low", "central", "high",
                       "central × conf.");
    for (auto [effect, label] : {std::pair{Effect::reduction, "Package reductions, a year"}, std::pair{Effect::income, "Charging income, a year"},
                                 std::pair{Effect::one_off, "One-off recoveries"}})
        out += fmt::format("  {:<84} {:>10} {:>10} {:>10} {:>18}\n", label, format_thousands(total(effect, 0)),
                           format_thousands(total(effect, 1)), format_thousands(total(effect, 2)), format_thousands(weighted(effect)));
    const Money reduction_weekly = to_money(o.net_by_effect[0][1]);
    out += fmt::format("\nReconciliation to the ledger\n"
                       "  People supported {} of {} in the ledger; gross weekly cost {}\n"
                       "  Flagged by at least one lever {} ({} of people supported); their packages {} a week\n"
                       "  Central package reductions {} a week = {} of the flagged packages (never more than 100%)\n",
                       group_thousands(o.people_supported), group_thousands(o.people_in_ledger), format_pence(o.ledger_weekly),
                       group_thousands(o.people_flagged), percent_of(o.people_flagged, o.people_supported),
                       format_pence(o.flagged_weekly), format_pence(reduction_weekly),
                       percent_of(reduction_weekly.pence(), o.flagged_weekly.pence()));
    return out;
}

std::string format_lever_cohort(const Analysis &a, std::string_view lever_id, std::size_t limit) {
    const Lever &lever = lever_by_id(a, lever_id);
    const auto &r = *a.lever_result(lever_id);
    const auto &o = a.found;
    std::string out = fmt::format("{} [{}] as at {}\n", lever.name, lever.id, o.as_at.uk()) + header(o);
    out += fmt::format("Cohort: {}{}{}\n", lever.cohort.text(), lever.top ? fmt::format("; the {} highest weekly costs", *lever.top) : "",
                       lever.same_setting_as.empty() ? "" : "; same setting as '" + lever.same_setting_as + "'");
    out += fmt::format("Saving: {} (low / central / high); confidence {}%\nBasis: {}\nSource: {}, document {}, {}\n",
                       to_string(lever.method), lever.confidence_percent, lever.basis, lever.source.council,
                       lever.source.document, lever.source.reference);
    out += fmt::format("{} people; weekly cost in scope {}\nFull-year saving, low / central / high: on its own {}; net of overlap {}\n",
                       group_thousands(r.people), format_pence(r.weekly_in_scope), range(lever, r.standalone, o.weeks),
                       range(lever, r.net, o.weeks));
    std::vector<const Flag *> flags;
    for (const auto &f : r.flags) flags.push_back(&f);
    std::stable_sort(flags.begin(), flags.end(), [](const Flag *x, const Flag *y) {
        return x->net[1] != y->net[1] ? x->net[1] > y->net[1] : x->standalone[1] > y->standalone[1];
    });
    out += fmt::format("\n  {:<12} {:>12} {:>12} {:>12} {:>12}  {}\n", "person", "weekly cost", "own/wk", "net/wk", "net/yr", "values");
    for (std::size_t i = 0; i < flags.size() && i < limit; ++i) {
        const auto &f = *flags[i];
        std::string values;
        const auto stratum = stratum_name(lever, f);
        if (f.counted_in >= 0) values += "counted in " + a.rules->levers[static_cast<std::size_t>(f.counted_in)].id + "; ";
        if (!stratum.empty()) values += "group: " + stratum + "; ";
        for (const auto &field : lever.cohort.fields_used()) values += field + ": " + cohort_value(*a.table, f.person, field) + "; ";
        out += fmt::format("  {:<12} {:>12} {:>12} {:>12} {:>12}  {}\n", a.person_id(f.person),
                           format_pence(Money::from_pence(a.facts->weekly_cost[f.person])), format_pence(to_money(f.standalone[1])),
                           format_pence(to_money(f.net[1])), format_pence(annual_figure(lever, f.net[1], o.weeks)),
                           values.substr(0, values.size() >= 2 ? values.size() - 2 : 0));
    }
    if (flags.size() > limit) out += fmt::format("  … and {} more\n", flags.size() - limit);
    return out;
}

std::string format_explanations(const Analysis &a, std::string_view person_id) {
    const auto person = a.ledger->find_person(person_id);
    if (!person) throw input_error("no person '" + std::string(person_id) + "' in the ledger");
    const auto &f = *a.facts;
    std::string out = fmt::format("Person {} as at {}: weekly cost {}; {}\n", person_id, f.as_at.uk(),
                                  format_pence(Money::from_pence(f.weekly_cost[*person])),
                                  cohort_value(*a.table, *person, "setting")) + header(a.found);
    const auto explanations = explain_person(*a.table, *a.rules, a.found, *person);
    if (explanations.empty()) return out + "No lever flags this person.\n";
    int n = 0;
    for (const auto &e : explanations) {
        out += fmt::format("\n{}. {} [{}], {}{}\n", ++n, e.lever_name, e.lever_id, e.category, e.stratum.empty() ? "" : ", group: " + e.stratum);
        out += "   Rule: " + e.rule + "\n   Values:";
        for (const auto &[field, value] : e.values) out += " " + field + " = " + value + ";";
        out.back() = '\n';
        out += "   Estimate (central, on its own): " + e.arithmetic + "\n";
        const Lever &lever = *a.rules->find(e.lever_id);
        out += fmt::format("   Net saving: {} / {} / {} {}; {} / {} / {} {}; confidence {}%\n", format_pence(e.weekly[0]),
                           format_pence(e.weekly[1]), format_pence(e.weekly[2]), lever.effect == Effect::one_off ? "one-off" : "a week",
                           format_pence(e.annual[0]), format_pence(e.annual[1]), format_pence(e.annual[2]),
                           lever.effect == Effect::one_off ? "in total" : "a year", e.confidence_percent);
        if (!e.overlap.empty()) out += "   Overlap: " + e.overlap + "\n";
        out += "   Source: " + e.source + "\n";
    }
    return out;
}

} // namespace ascent::app
