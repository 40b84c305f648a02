// Business cases and programmes net of overlap: a person's saving is counted once across the lines
// of a case and across the cases of a programme, by the opportunity finder's own rules
// (docs/levers.md, "Counting a person once"; docs/business-cases.md, "Overlap between lines and
// cases"):
//  - the levers the lines draw on are run together, and only they take part in the netting: within
//    an overlap group the lever with the largest saving on its own for that person counts (ties: the
//    lever listed first in the catalogue); across groups reductions combine on what is left of the
//    package and together are at most the catalogue's max_combined_reduction of it;
//  - where two lines draw on the same lever, the line listed first (in the programme: the case
//    listed first) keeps each person; the later line is net of it.
// So the net total depends only on which levers are drawn on, never on the order of the lines or
// cases; the order decides only which of two lines on the same lever shows the saving.
//
// Lines that draw on a cohort expression (not a lever) are not netted: their people are not
// sized person by person, so they are shown gross and the netting says so.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/council.hpp"
#include "cases/programme.hpp"

namespace ascent::app {

// A line that draws on a lever: where it is, and what it draws on.
struct Claim {
    std::string case_id, case_title;
    std::size_t option = 0, line = 0;     // in the case: the option and the line within it
    std::string line_name, lever;
};

struct ClaimFigures {
    Claim claim;
    int64_t people = 0;                   // flagged by the lever
    int64_t people_counted = 0;           // whose saving this line keeps (not counted by another line)
    opportunity::Amounts gross{}, net{};  // low, central, high: 1/10,000 p a week (one-off levers: the amount)
    Money gross_annual, net_annual;       // central, full-year, rounded once
    cases::CohortFigures figures;         // what the line is profiled from: net of overlap
};

// Two lines whose levers flag the same people.
struct OverlapPair {
    std::size_t a = 0, b = 0;             // indexes into Netting::claims, a < b
    int64_t people = 0;
    Money deducted;                        // central full-year: both lines' stand-alone savings on these people less what counts
};

struct Netting {
    std::string scope;                     // "the lines of option 1 of DEMO-1", "the programme's cases"
    std::vector<ClaimFigures> claims;      // in case and line order
    std::vector<OverlapPair> pairs;
    std::vector<std::string> not_netted;   // lines drawing on a cohort expression, shown gross
    int64_t people = 0;                    // distinct people in any claimed lever
    Money gross_annual, deducted_annual, net_annual; // central, full-year
    WeeksPerYear weeks;
    int64_t max_combined_reduction = 0;    // basis points
    std::string rule() const;              // the rule in words, as every front end states it
};

// The netting of `claims` on the analysis's ledger and catalogue (nothing is netted if there are none).
Netting net_claims(const Analysis &analysis, std::vector<Claim> claims, std::string scope);

// A programme with each lever-linked line of each case's preferred option net of every other such
// line of the programme, and the netting; profile it with `lookup` (which falls back on `cohorts`
// for lines that are not netted).
struct NettedProgramme {
    cases::Programme programme;
    Netting netting;
    cases::CohortLookup lookup(cases::CohortLookup cohorts) const;
};
NettedProgramme net_programme(const Analysis &analysis, cases::Programme programme);

// A case with the lever-linked lines of each option net of the option's other lines (the options
// are alternatives, so they are not netted against each other); one netting per option.
struct NettedCase {
    cases::BusinessCase c;
    std::vector<Netting> options;
    cases::CohortLookup lookup(cases::CohortLookup cohorts) const;
};
NettedCase net_case(const Analysis &analysis, cases::BusinessCase c);

// Whether any line of these cases draws on a lever (then the netting needs the ledger's analysis).
bool draws_on_levers(const std::vector<cases::BusinessCase> &cases);

// The netting as text: the rule, each line's gross, overlap deducted and net, the pairs that overlap.
std::string format_netting(const Netting &netting);

} // namespace ascent::app
