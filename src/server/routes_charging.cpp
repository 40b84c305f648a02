// Charging: the parameter files in force and the applied runs, one person's financial assessment
// explained, and policy options simulated over every assessment in the ledger (in the background,
// or as an XLSX download). Options are sent as JSON in the layout of an options file.
#include <fmt/format.h>

#include "app/council.hpp"
#include "charging/backlog.hpp"
#include "charging/simulation.hpp"
#include "server/api.hpp"
#include "server/json_views.hpp"

namespace ascent::server {

namespace {

using app::Role;

Reply parameters(Call &call) {
    const auto [files, runs] = call.engine.with_council(call.user(), [](app::Council &c) {
        return std::pair(c.parameter_files(), c.charging_runs());
    });
    json files_out = json::array(), runs_out = json::array();
    for (const auto &f : files)
        files_out.push_back({{"id", f.id}, {"file_name", f.file_name}, {"sha256", f.sha256}, {"loaded_at", f.loaded_at}});
    for (const auto &r : runs)
        runs_out.push_back({{"id", r.id},
                            {"kind", r.kind},
                            {"description", r.description},
                            {"effective_from", r.effective_from.iso()},
                            {"parameters", r.parameters},
                            {"run_by", r.run_by},
                            {"run_at", r.run_at},
                            {"cases", r.cases},
                            {"changed", r.changed},
                            {"weekly_before_pence", r.weekly_before},
                            {"weekly_after_pence", r.weekly_after}});
    return {200, {{"built_in", "CHARGING-PARAMETERS.md rates, 2015/16 on"}, {"files", files_out}, {"runs", runs_out}}};
}

Reply assessment(Call &call) {
    const auto &id = call.params.at(0);
    const auto text = call.engine.with_council(call.user(), [&](app::Council &c) {
        auto out = c.assess_person(id, std::nullopt);
        c.audit(call.user(), "person_read", id, "financial assessment");
        return out;
    });
    return {200, {{"person_id", id}, {"explanation", text}}};
}

charging::OptionsFile options_in(const Call &call) {
    if (!call.body.is_object()) throw ApiError{400, "bad_request", "send the options as a JSON object, as an options file lays them out"};
    return charging::read_options(call.body.dump(), "the request's options");
}

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

Reply start_simulation(Call &call) {
    const auto options = options_in(call);
    const bool people = app::sees_people(call.role());
    auto &engine = call.engine;
    const auto user = call.user();
    const auto id = call.jobs.start("charging simulation", user, [&engine, options, people, user](const auto &report) {
        report(fmt::format("assessing every case {} times", options.options.size() + 1), 0, 0);
        app::Council council(engine.database());
        council.act_as(user);
        const auto s = council.simulate_charging(options);
        if (people) council.audit(user, "person_list_read", "charging simulation", options.name);
        return simulation_json(s, people);
    });
    return {202, {{"job", id}}};
}

Reply simulation_xlsx(Call &call) {
    const auto options = options_in(call);
    const auto s = call.engine.with_council(call.user(), [&](app::Council &c) {
        auto out = c.simulate_charging(options);
        c.audit(call.user(), "export", "charging simulation", options.name);
        return out;
    });
    return file_reply("charging-simulation.xlsx", k_xlsx_type, [&](const std::string &path) { app::write_simulation_xlsx(s, path); });
}

// A backlog model sent as JSON in the layout of a model file; `backlog: ledger` takes the
// cohort from the ledger's overdue reassessments (counts only, no person).
Reply backlog(Call &call) {
    if (!call.body.is_object()) throw ApiError{400, "bad_request", "send the backlog model as a JSON object, as a model file lays it out"};
    const auto [file, projections] = call.engine.with_council(call.user(), [&](app::Council &c) {
        auto f = c.backlog_model(call.body.dump(), "the request's model");
        auto p = charging::project(f.model);
        return std::pair(std::move(f), std::move(p));
    });
    const auto &model = file.model;
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
    return {200, {{"name", model.name}, {"first_year", model.first_year.label()}, {"weeks_per_year", std::string(model.weeks.name)},
                  {"income_years", model.income_years}, {"backlog_hundredths", model.backlog}, {"cohort", cohort},
                  {"options", options}, {"text", charging::format_backlog(model, projections, file.cohort)}, {"rounding", k_rounding}}};
}

} // namespace

void add_charging_routes(std::vector<Route> &routes) {
    routes.push_back({{"GET", "/api/v1/charging/parameters", Role::viewer, "The council's charging parameter files in force, and applied charging runs"},
                      parameters});
    routes.push_back({{"GET", "/api/v1/charging/people/{id}/assessment", Role::finance, "A person's financial assessment, explained (audited)"},
                      assessment});
    routes.push_back({{"POST", "/api/v1/charging/simulations", Role::analyst,
                       "Start a simulation of policy options over every assessment: income, winners and losers"},
                      start_simulation});
    routes.push_back({{"POST", "/api/v1/charging/backlog", Role::analyst,
                       "Project a reassessment backlog model; 'backlog: ledger' takes the ledger's overdue reassessments"},
                      backlog});
    routes.push_back({{"POST", "/api/v1/charging/simulation.xlsx", Role::finance, "A simulation as XLSX with income lines (audited)"},
                      simulation_xlsx});
}

} // namespace ascent::server
