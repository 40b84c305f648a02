#include "app/json_figures.hpp"

namespace ascent::app {

using json = nlohmann::json;

json netting_json(const Netting &n) {
    json lines = json::array();
    for (const auto &c : n.claims)
        lines.push_back({{"case", c.claim.case_id},
                         {"case_title", c.claim.case_title},
                         {"option", c.claim.option},
                         {"line", c.claim.line_name},
                         {"lever", c.claim.lever},
                         {"people", c.people},
                         {"people_counted", c.people_counted},
                         {"gross_annual_pence", c.gross_annual.pence()},
                         {"deducted_annual_pence", (c.gross_annual - c.net_annual).pence()},
                         {"net_annual_pence", c.net_annual.pence()}});
    json pairs = json::array();
    for (const auto &p : n.pairs)
        pairs.push_back({{"a", p.a}, {"b", p.b}, {"people", p.people}, {"deducted_annual_pence", p.deducted.pence()}});
    return {{"scope", n.scope},
            {"rule", n.rule()},
            {"weeks_per_year", n.weeks.name},
            {"max_combined_reduction_basis_points", n.max_combined_reduction},
            {"lines", lines},
            {"pairs", pairs},
            {"not_netted", n.not_netted},
            {"people", n.people},
            {"gross_annual_pence", n.gross_annual.pence()},
            {"deducted_annual_pence", n.deducted_annual.pence()},
            {"net_annual_pence", n.net_annual.pence()}};
}

json plausibility_json(const Plausibility &p) {
    json checks = json::array();
    for (const auto &c : p.checks) {
        json e = nullptr;
        if (c.evidence)
            e = {{"findings", c.evidence->findings},
                 {"low_ppm", c.evidence->low},
                 {"high_ppm", c.evidence->high},
                 {"low_from", c.evidence->low_from},
                 {"high_from", c.evidence->high_from}};
        checks.push_back({{"what", c.what},
                          {"lever", c.lever},
                          {"annual_pence", c.annual.pence()},
                          {"share_ppm", c.share},
                          {"evidence", e},
                          {"verdict", app::to_string(c.verdict)},
                          {"message", c.message}});
    }
    return {{"gross_annual_pence", p.gross_annual.pence()}, {"gross_basis", p.gross_basis}, {"rule", p.rule}, {"checks", checks}};
}

} // namespace ascent::app
