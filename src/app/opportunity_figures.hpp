// The opportunity finder's figures as every front end shows them: each lever's full-year figures,
// the totals by effect, and a lever's people in the one order (and so the same pages) everywhere.
// The CLI's text (opportunity_report.cpp) and the server's JSON are both built from these, so they
// cannot disagree.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "app/council.hpp"

namespace ascent::app {

struct LeverFigures {
    const opportunity::Lever *lever = nullptr;
    const opportunity::LeverResult *result = nullptr;
    bool in_totals = true;              // false: a disabled lever, sized on its own only
    std::array<Money, 3> annual_net{};  // low, central, high: full-year (one-off levers: the amount)
    std::array<Money, 3> annual_standalone{};
};

struct EffectTotals {
    std::array<Money, 3> annual{}; // low, central, high, net of overlap
    Money weighted_central;        // central × each flag's confidence
};

struct OpportunityFigures {
    std::vector<LeverFigures> levers;  // every lever run, in catalogue order
    std::array<EffectTotals, 3> totals; // by opportunity::Effect
    Money reduction_weekly_central;     // central package reductions a week
};

OpportunityFigures opportunity_figures(const Analysis &analysis);

// One page of a lever's people: largest central net saving first, then the largest on its own,
// then ledger order (the person's place in the ledger), so every front end pages identically.
struct LeverPage {
    const opportunity::Lever *lever = nullptr;
    const opportunity::LeverResult *result = nullptr;
    std::size_t total = 0, offset = 0;
    std::vector<const opportunity::Flag *> flags;
};

// Throws input_error for a lever that is not in the analysis.
LeverPage lever_page(const Analysis &analysis, std::string_view lever_id, std::size_t offset, std::size_t limit);

} // namespace ascent::app
