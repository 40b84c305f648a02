#include "app/charging_json.hpp"

#include "app/json_views.hpp"

namespace ascent::app {

using nlohmann::json;

namespace {

json change_json(const charging::OptionResult &r, const charging::OptionResult &baseline, const charging::Simulation &s, bool people) {
    json bands = json::array();
    for (std::size_t b = 0; b < r.by_change.size(); ++b) bands.push_back({{"band", charging::k_change_bands[b]}, {"people", r.by_change[b]}});
    json groups = json::array();
    for (std::size_t g = 0; g < r.by_group.size(); ++g) {
        const auto &c = r.by_group[g];
        groups.push_back({{"group", s.groups.at(g)}, {"people", c.people}, {"up", c.up}, {"down", c.down},
                          {"weekly_before_pence", c.weekly_before}, {"weekly_after_pence", c.weekly_after}});
    }
    json years = json::array();
    for (const auto &[year, money] : charging::income_by_year(s.options, r.weekly_income - baseline.weekly_income))
        years.push_back({{"year", year.label()}, {"pence", money.pence()}});
    json out{{"name", r.name},
             {"weekly_income_pence", r.weekly_income},
             {"weekly_change_pence", r.weekly_income - baseline.weekly_income},
             {"income_change_by_year", years},
             {"payers", r.payers},
             {"nil", r.nil},
             {"new_payers", r.new_payers},
             {"no_longer_paying", r.no_longer_paying},
             {"by_change", bands},
             {"by_group", groups}};
    if (people) {
        json affected = json::array();
        for (const auto &a : r.affected) affected.push_back({{"person_id", a.id}, {"before_pence", a.before}, {"after_pence", a.after}});
        out["most_affected"] = affected;
    }
    return out;
}

} // namespace

json simulation_json(const charging::Simulation &s, bool people) {
    json results = json::array();
    for (const auto &r : s.results) results.push_back(change_json(r, s.baseline, s, people));
    return {{"name", s.options.name},
            {"date", s.options.date.iso()},
            {"effective", s.options.effective.iso()},
            {"weeks_per_year", std::string(s.options.weeks.name)},
            {"parameter_sources", s.parameter_sources},
            {"cases", s.cases},
            {"baseline", change_json(s.baseline, s.baseline, s, false)},
            {"options", results},
            {"rounding", k_rounding}};
}

charging::OptionsFile options_from_json(const json &body, const std::string &source) { return charging::read_options(body.dump(), source); }

} // namespace ascent::app
