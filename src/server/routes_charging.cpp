// Charging: the parameter files in force and the applied runs, one person's financial assessment
// explained, and policy options simulated over every assessment in the ledger (in the background,
// or as an XLSX download). Options are sent as JSON in the layout of an options file.
#include <fmt/format.h>

#include "app/council.hpp"
#include "app/charging_json.hpp"
#include "server/api.hpp"
#include "app/json_views.hpp"

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
    return app::options_from_json(call.body, "the request's options");
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
        return app::simulation_json(s, people);
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
    return {200, call.engine.with_council(call.user(), [&](app::Council &c) {
        return app::backlog_json(c.backlog_model(call.body.dump(), "the request's model"));
    })};
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
