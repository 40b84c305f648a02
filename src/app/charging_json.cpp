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

// An option's short-term stays: money is for the weeks of the stays (pence × days ÷ 7, rounded once).
json stays_json(const charging::OptionResult &r, const charging::OptionResult &baseline, const charging::StayResults &st, bool people) {
    json groups = json::array();
    for (std::size_t g = 0; g < r.by_group.size(); ++g) {
        const auto &c = r.by_group[g];
        groups.push_back({{"group", st.groups.at(g)}, {"stays", c.people}, {"up", c.up}, {"down", c.down},
                          {"income_before_pence", charging::stay_pence(c.weekly_before)},
                          {"income_after_pence", charging::stay_pence(c.weekly_after)},
                          {"change_pence", charging::stay_pence(c.weekly_after - c.weekly_before)}});
    }
    json out{{"name", r.name},
             {"income_pence", charging::stay_pence(r.weekly_income)},
             {"change_pence", charging::stay_pence(r.weekly_income - baseline.weekly_income)},
             {"payers", r.payers},
             {"nil", r.nil},
             {"by_group", groups}};
    if (people) {
        json affected = json::array();
        for (const auto &a : r.affected) affected.push_back({{"stay", a.id}, {"weekly_before_pence", a.before}, {"weekly_after_pence", a.after}});
        out["most_affected"] = affected;
    }
    return out;
}

} // namespace

json simulation_json(const charging::Simulation &s, bool people) {
    json results = json::array();
    for (const auto &r : s.results) results.push_back(change_json(r, s.baseline, s, people));
    json stays = nullptr;
    if (s.stays) {
        const auto &st = *s.stays;
        json options = json::array();
        for (const auto &r : st.results) options.push_back(stays_json(r, st.baseline, st, people));
        stays = {{"from", st.from.iso()}, {"to", st.to.iso()}, {"stays", st.stays}, {"people", st.people}, {"days", st.days},
                 {"longer_than_8_weeks", st.longer}, {"without_finances", st.without_finances}, {"without_age", st.without_age},
                 {"baseline", stays_json(st.baseline, st.baseline, st, false)}, {"options", options}};
    }
    return {{"name", s.options.name},
            {"date", s.options.date.iso()},
            {"effective", s.options.effective.iso()},
            {"weeks_per_year", std::string(s.options.weeks.name)},
            {"parameter_sources", s.parameter_sources},
            {"cases", s.cases},
            {"baseline", change_json(s.baseline, s.baseline, s, false)},
            {"options", results},
            {"short_term_stays", stays},
            {"rounding", k_rounding}};
}

charging::OptionsFile options_from_json(const json &body, const std::string &source) { return charging::read_options(body.dump(), source); }

json backlog_json(const charging::BacklogFile &file) {
    const auto &model = file.model;
    const auto projections = charging::project(model);
    json cohort = nullptr;
    if (const auto &c = file.cohort)
        cohort = {{"as_at", c->as_at.iso()}, {"overdue_months", c->overdue_months}, {"receiving", c->receiving},
                  {"overdue", c->overdue}, {"no_assessment_date", c->never}};
    json options = json::array();
    for (std::size_t i = 0; i < projections.size(); ++i) {
        const auto &o = model.options[i];
        const auto &p = projections[i];
        json years = json::array();
        FinancialYear fy = model.first_year;
        for (std::size_t y = 0; y < p.income.size(); ++y, fy = fy.next()) {
            json row{{"year", fy.label()}, {"income_pence", p.income[y]}};
            if (y < p.cost.size()) row["officer_cost_pence"] = p.cost[y];
            if (y < o.years.size()) {
                row["assessments_hundredths"] = o.years[y].assessments;
                row["increase_hundredths_of_penny"] = o.years[y].increase;
                row["likelihood_ppm"] = o.years[y].likelihood;
                if (o.years[y].officers > 0) row["officers_hundredths"] = o.years[y].officers;
            }
            years.push_back(row);
        }
        options.push_back({{"name", p.name}, {"assessments_hundredths", p.assessments}, {"years", years},
                           {"total_income_pence", p.total_income}, {"total_officer_cost_pence", p.cost.empty() ? json(nullptr) : json(p.total_cost)},
                           {"net_pence", p.total_income - p.total_cost}});
    }
    return {{"name", model.name}, {"first_year", model.first_year.label()}, {"weeks_per_year", std::string(model.weeks.name)},
            {"income_years", model.income_years}, {"backlog_hundredths", model.backlog}, {"cohort", cohort},
            {"options", options}, {"text", charging::format_backlog(model, projections, file.cohort)}, {"rounding", k_rounding}};
}

} // namespace ascent::app
