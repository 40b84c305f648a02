// Text reports of the opportunity finder: the table of levers, one lever's people, and a person's
// explanations. Savings are full-year (one-off levers: the one-off amount), net of overlap.
#include <fmt/format.h>

#include <algorithm>

#include "app/council.hpp"
#include "app/opportunity_figures.hpp"
#include "app/plausibility.hpp"
#include "core/error.hpp"

namespace ascent::app {

namespace {

using namespace opportunity;

std::string range(const std::array<Money, 3> &annual) {
    return fmt::format("{:>10} {:>10} {:>10}", format_thousands(annual[0]), format_thousands(annual[1]), format_thousands(annual[2]));
}

std::string percent_text(int64_t basis_points) {
    return basis_points % 100 == 0 ? fmt::format("{}%", basis_points / 100) : fmt::format("{}.{:02}%", basis_points / 100, basis_points % 100);
}

std::string percent_of(int64_t part, int64_t whole) {
    return whole == 0 ? "0.0%" : fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

std::string header(const Analysis &a) { return "Rules: " + format_conventions(a.conventions) + "\n"; }

const Lever &lever_by_id(const Analysis &a, std::string_view id) {
    const Lever *lever = a.rules->find(id);
    if (lever == nullptr || a.lever_result(id) == nullptr) throw input_error("no lever '" + std::string(id) + "' in this run");
    return *lever;
}

} // namespace

std::string format_opportunities(const Analysis &a) {
    const auto &o = a.found;
    const auto figures = opportunity_figures(a);
    std::string out = fmt::format("Review opportunities as at {}\n", o.as_at.uk()) + header(a);
    out += "Savings are full-year £K (one-off levers: the one-off amount), net of overlap between levers,\n"
           "rounded half-up once; low / central / high from each lever's assumption. `ascent explain` shows the arithmetic.\n";
    out += fmt::format("Overlap: in each group the largest saving for a person counts; a person's package reductions together\n"
                       "are at most {} of the package (max_combined_reduction).\n",
                       percent_text(o.max_combined_reduction));
    std::string category;
    for (const auto &l : figures.levers) {
        const Lever &lever = *l.lever;
        const auto &r = *l.result;
        if (lever.category != category) {
            category = lever.category;
            out += fmt::format("\n{:<62} {:>7} {:>13} {:>10} {:>10} {:>10} {:>5}  {}\n", category, "people", "weekly scope",
                               "low", "central", "high", "conf", "lever id");
        }
        out += fmt::format("  {:<60.60} {:>7} {:>13} {} {:>4}%  {}\n", lever.name, group_thousands(r.people),
                           format_pounds(r.weekly_in_scope), range(l.annual_net), lever.confidence_percent, lever.id);
        if (!l.in_totals)
            out += fmt::format("      disabled (an alternative threshold): not netted or in the totals; on its own {} central\n",
                               format_thousands(l.annual_standalone[1]));
        if (r.counted_elsewhere > 0)
            out += fmt::format("      {} counted by a larger saving in the '{}' group; on its own this lever is {} central\n",
                               count_of(static_cast<uint64_t>(r.counted_elsewhere), "person", "people"), lever.group,
                               format_thousands(l.annual_standalone[1]));
        if (r.capped > 0)
            out += fmt::format("      {} cut by the {} cap on a person's combined reductions\n",
                               count_of(static_cast<uint64_t>(r.capped), "person", "people"), percent_text(o.max_combined_reduction));
        for (std::size_t s = 0; s < lever.strata.size(); ++s)
            out += fmt::format("      {:<56} {:>7}\n", lever.strata[s].name, group_thousands(r.stratum_people[s]));
        if (!lever.strata.empty() && r.stratum_people.back() > 0)
            out += fmt::format("      {:<56} {:>7}\n", "other", group_thousands(r.stratum_people.back()));
    }
    out += fmt::format("\n{:<86} {:>10} {:>10} {:>10} {:>18}\n", "Totals, net of overlap", "low", "central", "high",
                       "central × conf.");
    for (auto [effect, label] : {std::pair{Effect::reduction, "Package reductions, a year"}, std::pair{Effect::income, "Charging income, a year"},
                                 std::pair{Effect::one_off, "One-off recoveries"}}) {
        const auto &t = figures.totals[static_cast<std::size_t>(effect)];
        out += fmt::format("  {:<84} {} {:>18}\n", label, range(t.annual), format_thousands(t.weighted_central));
    }
    const Money reduction_weekly = figures.reduction_weekly_central;
    out += fmt::format("\nReconciliation to the ledger\n"
                       "  People supported {} of {} in the ledger; gross weekly cost {}\n"
                       "  Flagged by at least one lever {} ({} of people supported); their packages {} a week\n"
                       "  Central package reductions {} a week = {} of the flagged packages (at most {}: the cap)\n"
                       "  People whose central reductions the cap cut: {}\n",
                       group_thousands(o.people_supported), group_thousands(o.people_in_ledger), format_pence(o.ledger_weekly),
                       group_thousands(o.people_flagged), percent_of(o.people_flagged, o.people_supported),
                       format_pence(o.flagged_weekly), format_pence(reduction_weekly),
                       percent_of(reduction_weekly.pence(), o.flagged_weekly.pence()), percent_text(o.max_combined_reduction),
                       group_thousands(o.people_capped));
    return out + "\n" + format_plausibility(opportunity_plausibility(a, figures));
}

std::string format_lever_cohort(const Analysis &a, std::string_view lever_id, std::size_t limit, std::size_t offset) {
    const Lever &lever = lever_by_id(a, lever_id);
    const auto figures = opportunity_figures(a);
    const auto &l = *std::find_if(figures.levers.begin(), figures.levers.end(), [&](const auto &x) { return x.lever == &lever; });
    const auto &r = *l.result;
    const auto &o = a.found;
    std::string out = fmt::format("{} [{}] as at {}\n", lever.name, lever.id, o.as_at.uk()) + header(a);
    out += fmt::format("Cohort: {}{}{}\n", lever.cohort.text(), lever.top ? fmt::format("; the {} highest weekly costs", *lever.top) : "",
                       lever.same_setting_as.empty() ? "" : "; same setting as '" + lever.same_setting_as + "'");
    out += fmt::format("Saving: {} (low / central / high); confidence {}%\nBasis: {}\nSource: {}, document {}, {}\n",
                       to_string(lever.method), lever.confidence_percent, lever.basis, lever.source.council,
                       lever.source.document, lever.source.reference);
    out += fmt::format("{} people; weekly cost in scope {}\nFull-year saving, low / central / high: on its own {}; net of overlap {}{}\n",
                       group_thousands(r.people), format_pence(r.weekly_in_scope), range(l.annual_standalone), range(l.annual_net),
                       l.in_totals ? "" : " (disabled: not netted or in the totals)");
    const auto page = lever_page(a, lever_id, offset, limit);
    out += fmt::format("\n  {:<12} {:>12} {:>12} {:>12} {:>12}  {}\n", "person", "weekly cost", "own/wk", "net/wk", "net/yr", "values");
    for (const Flag *flag : page.flags) {
        const auto &f = *flag;
        std::string values;
        const auto stratum = stratum_name(lever, f);
        if (f.counted_in >= 0) values += "counted in " + a.rules->levers[static_cast<std::size_t>(f.counted_in)].id + "; ";
        if (f.capped & 2u) values += "capped; ";
        if (!stratum.empty()) values += "group: " + stratum + "; ";
        for (const auto &field : lever.cohort.fields_used()) values += field + ": " + cohort_value(*a.table, f.person, field) + "; ";
        out += fmt::format("  {:<12} {:>12} {:>12} {:>12} {:>12}  {}\n", a.person_id(f.person),
                           format_pence(Money::from_pence(a.facts->weekly_cost[f.person])), format_pence(to_money(f.standalone[1])),
                           format_pence(to_money(f.net[1])), format_pence(annual_figure(lever, f.net[1], o.weeks)),
                           values.substr(0, values.size() >= 2 ? values.size() - 2 : 0));
    }
    if (offset > 0) out += fmt::format("  (people {} to {} of {})\n", offset + 1, offset + page.flags.size(), page.total);
    if (page.total > offset + page.flags.size()) out += fmt::format("  … and {} more\n", page.total - offset - page.flags.size());
    return out;
}

std::string format_explanations(const Analysis &a, std::string_view person_id) {
    const auto person = a.ledger->find_person(person_id);
    if (!person) throw input_error("no person '" + std::string(person_id) + "' in the ledger");
    const auto &f = *a.facts;
    std::string out = fmt::format("Person {} as at {}: weekly cost {}; {}\n", person_id, f.as_at.uk(),
                                  format_pence(Money::from_pence(f.weekly_cost[*person])),
                                  cohort_value(*a.table, *person, "setting")) + header(a);
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
        for (const auto &g : e.group)
            out += fmt::format("     {} '{}' [{}]: {} a week on its own{}\n", g.counted ? "counted:" : "netted off:", g.lever_name,
                               g.lever_id, format_pence(g.weekly), g.counted ? " (the largest in the group)" : "");
        out += "   Source: " + e.source + "\n";
    }
    return out;
}

} // namespace ascent::app
