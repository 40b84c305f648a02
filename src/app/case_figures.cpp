#include "app/case_figures.hpp"

#include <fmt/format.h>

#include "cases/case_text.hpp"

namespace ascent::app {

CaseFigures case_figures(cases::BusinessCase c, const AnalysisSource &analysis, const cases::CohortLookup &cohorts) {
    CaseFigures out;
    cases::CohortLookup lookup = cohorts;
    if (draws_on_levers({c})) {
        auto netted = net_case(analysis(), std::move(c));
        lookup = netted.lookup(cohorts);
        out.netting = std::move(netted.options);
        c = std::move(netted.c);
    }
    out.profiles = cases::profile_case(c, lookup);
    out.checks = cases::reconcile(c, out.profiles);
    out.c = std::move(c);
    return out;
}

ProgrammeFigures programme_figures(cases::Programme programme, const AnalysisSource &analysis, const cases::CohortLookup &cohorts) {
    ProgrammeFigures out;
    out.cohorts = cohorts;
    if (draws_on_levers(programme.cases)) {
        auto netted = net_programme(analysis(), std::move(programme));
        out.cohorts = netted.lookup(cohorts);
        programme = std::move(netted.programme);
        out.netting = std::move(netted.netting);
    }
    out.table = cases::budget_table(programme, out.cohorts);
    out.checks = cases::reconcile(programme, out.table);
    if (out.netting) {
        int64_t last = 0;
        for (const auto v : cases::total_by_year(out.table)) last += v;
        out.plausibility = programme_plausibility(
            analysis(), *out.netting, Money::from_pence(last),
            fmt::format("its net saving in {}, in-year, once every case is running", out.table.years.back().label()));
    }
    out.programme = std::move(programme);
    return out;
}

std::string format_case_figures(const CaseFigures &f) {
    std::string out = cases::format_profiles(f.c, f.profiles, f.checks);
    for (const auto &n : f.netting)
        if (const auto text = format_netting(n); !text.empty()) out += "\n" + text;
    return out;
}

std::string format_programme_figures(const ProgrammeFigures &f) {
    std::string out = cases::format_programme(f.programme, f.table);
    if (f.netting) out += "\n" + format_netting(*f.netting);
    if (f.plausibility) out += "\n" + format_plausibility(*f.plausibility);
    return out;
}

} // namespace ascent::app
