// Plausibility: a savings figure beside the council's own spend and beside what councils in the
// evidence library (rules/evidence/) report they achieved with the same lever (docs/levers.md,
// "Is it plausible?").
//
// The rule, for every lever in the totals with a saving, and for the total:
//  - its size as a share of the council's gross annual spend on care packages (the ledger's open
//    lines' weekly cost × the catalogue's weeks a year);
//  - the range of shares councils in the library achieved: for a lever, each saving the library
//    tags with that lever (adult social care, kind "saving") over that council's gross spend as the
//    library prints it (the smallest of its years, which also steps round typos such as Enfield's
//    "£104,633 million"); for a total, the middle half (lower to upper quartile) of each council's
//    largest saving of any lever in one year (its sentence says "per annum", "a year", "annual" or
//    names a financial year), so that a yearly figure is set against yearly savings;
//  - where no council with a gross spend reports on the lever but one without does (the LGA
//    learning-disability report gives none), the figure is set against the largest amount instead;
//  - a figure above the top of the range is a warning ("above what any council in the library
//    achieved"), one below its bottom a note (a council's ledger may simply have fewer people in
//    the cohort), and a lever no council reports on says so: there is nothing to compare it with.
// Shares are exact (parts per million, rounded once, half-up) and shown to 0.01%.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/council.hpp"
#include "app/netting.hpp"
#include "app/opportunity_figures.hpp"

namespace ascent::app {

struct EvidenceRange {
    int findings = 0;                          // savings with a gross spend to set them against: the range
    int64_t low = 0, high = 0;                 // ppm of the council's gross spend
    std::string low_from, high_from;           // "Calderdale Council, line 90: £1.2 million of £72.94 million"
    int64_t largest = 0;                       // pence: the largest such saving of any council, with or without a gross spend
    std::string largest_from;
};

enum class Verdict { within, above, below, no_evidence };
std::string_view to_string(Verdict v);

struct PlausibilityCheck {
    std::string what;                          // "lever high_cost_1800 (Packages over £1,800 a week)", "total"
    std::string lever;                         // empty for a total
    Money annual;                              // central, full-year, net of overlap
    int64_t share = 0;                         // ppm of the council's gross annual spend
    std::optional<EvidenceRange> evidence;
    Verdict verdict = Verdict::no_evidence;
    std::string message;                       // the sentence every front end shows
};

struct Plausibility {
    Money gross_annual;                        // the council's gross annual spend on care packages
    std::string gross_basis;                   // how it was made
    std::string rule;                          // the rule in words
    std::vector<PlausibilityCheck> checks;     // each lever, then the total
};

// Each lever in the totals with a central saving, and the total (reductions and income; one-off
// recoveries are not a yearly saving and are left out).
Plausibility opportunity_plausibility(const Analysis &analysis, const OpportunityFigures &figures);
// A programme's lever-linked lines (net of overlap) by lever, and its total: the in-year net saving
// of its last year (what it saves a year once every case is running).
Plausibility programme_plausibility(const Analysis &analysis, const Netting &netting, Money programme_annual,
                                    const std::string &programme_basis);

std::string format_plausibility(const Plausibility &p);

} // namespace ascent::app
