// The profiling engine: a delivery option's lines to a savings profile by financial year.
//
// Each line's figure for a year is exact until one rounding, half-up, to the penny:
//   amount × people × weeks × share of the year × likelihood still in care × confidence
// where
//  - the share of the year is the part-year effect from the start date (months or days to
//    31 March), the whole year after it, and — for an effect that lasts N years — the rest of
//    the first year's share in year N; work spread evenly ("phasing: even") halves the first
//    year's share (and leaves the rest for year N);
//  - weeks is the case's weeks-per-year convention, or a stated number of weeks (3 weeks' respite);
//  - a decaying amount falls by the decay rate each year, rounded to the penny each year, as the
//    documents print it (£13.83, £11.06, £8.85, £7.08);
//  - capacity lines (officers × reassessments, per-case increase, likelihood) are the reassessment
//    backlog model (charging/backlog.hpp);
//  - one-off investment falls in its start year.
// The profile is held on the in-year basis (what falls in each year); the incremental basis
// (change on the year before) and net figures are derived, so they always agree.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cases/business_case.hpp"

namespace ascent::cases {

// What the ledger says about a cohort a line draws on.
struct CohortFigures {
    int64_t people = 0;         // hundredths of a person
    int64_t weekly_cost = 0;    // pence a week: their packages
    int64_t weekly_saving = 0;  // pence a week: a lever's central sized saving (0 for an expression)
    std::string source;         // "lever high_cost_1800 on the ledger at 31/03/2026"
    // A lever's saving exactly (1/10,000 p a week) and its catalogue's weeks a year: a weekly line that
    // draws on the lever (and states no weeks) is then the lever's own full-year figure to the penny.
    std::optional<int64_t> weekly_saving_exact;
    std::optional<WeeksPerYear> weeks;
    // A lever's low and high saving exactly (1/10,000 p a week, net of overlap where netted) and its
    // confidence (ppm; 0: not a lever): the risk simulation varies a line that draws on it by these.
    std::optional<std::pair<int64_t, int64_t>> saving_range;
    int64_t lever_confidence = 0;
};
using CohortLookup = std::function<CohortFigures(const CohortLink &)>;

struct LineProfile {
    std::string name;
    LineKind kind = LineKind::annual;
    LineType type = LineType::saving;
    std::vector<int64_t> in_year;    // pence by financial year, each rounded once, half-up
    int64_t full_year = 0;           // pence a year at full effect, after confidence (0 if the effect ends)
    std::optional<int64_t> weekly;   // weekly lines: rate × people, pence a week (before confidence)
    std::string workings;            // how the figures were made, for the reader to check
};

struct Profile {
    std::string option;
    FinancialYear first_year{0};
    std::vector<LineProfile> lines;
    // By financial year, in-year basis. Investment funded elsewhere is shown but not netted.
    std::vector<int64_t> gross, income, reinvestment, investment, investment_elsewhere, net;
    int64_t full_year_effect = 0;    // net, at full effect: ongoing savings and income less ongoing reinvestment
    std::vector<std::string> conventions;

    std::size_t years() const { return net.size(); }
    FinancialYear year(std::size_t i) const { return FinancialYear(first_year.start_year() + static_cast<int>(i)); }
    // The change on the year before (the first year's change is on nothing).
    static std::vector<int64_t> incremental(const std::vector<int64_t> &in_year);
    // A row by name: net, gross, income, investment.
    const std::vector<int64_t> &row(std::string_view of) const;
};

Profile profile_option(const BusinessCase &c, const DeliveryOption &option, const CohortLookup &cohorts = {});
std::vector<Profile> profile_case(const BusinessCase &c, const CohortLookup &cohorts = {});

// One line's profile over the case's years.
LineProfile profile_line(const BusinessCase &c, const Line &line, const CohortLookup &cohorts = {});
// +1 for savings and income, -1 for what is netted off (reinvestment, invest-to-save), 0 otherwise.
int sign_of(const Line &line);
// A line's in-year figures on another span of years (a programme's): nothing before the case, and
// after the case's years its last year's figure if the effect is ongoing.
std::vector<int64_t> aligned(const BusinessCase &c, const Line &line, const LineProfile &profile, FinancialYear first, int years);

// The share of financial year `offset` (0 = the start's year) that a line's effect falls in, as an
// exact fraction. Exposed for the risk simulation and tests.
Ratio year_share(const Line &line, Date start, int offset);

} // namespace ascent::cases
