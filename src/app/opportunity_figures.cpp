#include "app/opportunity_figures.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace ascent::app {

using namespace opportunity;

namespace {

std::array<Money, 3> annual(const Lever &lever, const Amounts &amounts, WeeksPerYear weeks) {
    return {annual_figure(lever, amounts[0], weeks), annual_figure(lever, amounts[1], weeks), annual_figure(lever, amounts[2], weeks)};
}

Money annual_total(Effect effect, int64_t amount, WeeksPerYear weeks) {
    return effect == Effect::one_off ? to_money(amount) : full_year(amount, weeks);
}

} // namespace

OpportunityFigures opportunity_figures(const Analysis &a) {
    const auto &o = a.found;
    OpportunityFigures out;
    for (const auto &r : o.levers) {
        const Lever &lever = a.rules->levers[r.lever];
        out.levers.push_back({&lever, &r, r.in_totals, annual(lever, r.net, o.weeks), annual(lever, r.standalone, o.weeks)});
    }
    for (std::size_t e = 0; e < out.totals.size(); ++e) {
        const auto effect = static_cast<Effect>(e);
        for (std::size_t s = 0; s < 3; ++s) out.totals[e].annual[s] = annual_total(effect, o.net_by_effect[e][s], o.weeks);
        out.totals[e].weighted_central = annual_total(effect, o.weighted_central_by_effect[e], o.weeks);
    }
    out.reduction_weekly_central = to_money(o.net_by_effect[static_cast<std::size_t>(Effect::reduction)][1]);
    return out;
}

LeverPage lever_page(const Analysis &a, std::string_view lever_id, std::size_t offset, std::size_t limit) {
    const auto *result = a.lever_result(lever_id);
    if (result == nullptr) throw input_error("no lever '" + std::string(lever_id) + "' in this run");
    LeverPage page{&a.rules->levers[result->lever], result, result->flags.size(), offset, {}};
    std::vector<const Flag *> flags;
    flags.reserve(result->flags.size());
    for (const auto &f : result->flags) flags.push_back(&f);
    const auto before = [](const Flag *x, const Flag *y) {
        if (x->net[1] != y->net[1]) return x->net[1] > y->net[1];
        if (x->standalone[1] != y->standalone[1]) return x->standalone[1] > y->standalone[1];
        return x->person < y->person;
    };
    const std::size_t first = std::min(offset, flags.size());
    const std::size_t last = limit >= flags.size() - first ? flags.size() : first + limit;
    std::partial_sort(flags.begin(), flags.begin() + static_cast<std::ptrdiff_t>(last), flags.end(), before);
    page.flags.assign(flags.begin() + static_cast<std::ptrdiff_t>(first), flags.begin() + static_cast<std::ptrdiff_t>(last));
    return page;
}

} // namespace ascent::app
