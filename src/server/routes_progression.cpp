// Progression plans (the cohort view, a plan added, a step done, a plan closed) and the housing
// options matrix with a person tested against it. Plans name people: finance only, reads audited.
#include <fmt/format.h>

#include "server/api.hpp"

namespace ascent::server {

namespace {

using app::Role;

json sizing_json(const delivery::Sizing &s) {
    return {{"people", s.people}, {"weekly_pence", s.weekly}, {"rate_pence", s.rate}, {"annual_pence", s.annual},
            {"weeks_per_year", s.weeks.name}, {"rounding", "annual = weekly × weeks, rounded half-up once; rate = the mean, rounded half-up"}};
}

// ?weeks= for this request, else the council's setting (the weeks a year of every other figure).
WeeksPerYear weeks_of(Call &call) {
    const auto text = call.query_or("weeks", "");
    if (text.empty()) return call.engine.analysis()->conventions.weeks;
    const auto weeks = WeeksPerYear::parse(text);
    if (!weeks) throw ApiError{400, "bad_weeks", "weeks is 52, 52.14, 52.143 or 365/7"};
    return *weeks;
}

Reply progression(Call &call) {
    const auto view = call.engine.with_council(call.user(), [&](app::Council &c) {
        auto v = c.progression(weeks_of(call));
        c.audit(call.user(), "person_list_read", "progression", fmt::format("{} plans", v.plans.size()));
        return v;
    });
    json plans = json::array();
    for (const auto &v : view.plans) {
        const auto &p = v.plan;
        json steps = json::array();
        for (const auto &s : p.steps) {
            steps.push_back({{"what", s.what}, {"due", s.due.iso()}, {"supported_by", s.supported_by}, {"note", s.note}});
            if (s.done) steps.back()["done"] = s.done->iso();
        }
        json item{{"id", p.id}, {"person_id", p.person_id}, {"goal", p.goal}, {"expected_change", p.expected_change}, {"case_id", p.case_id},
                  {"expected_saving_pence", p.expected_saving}, {"started", p.started.iso()}, {"target", p.target.iso()},
                  {"status", p.status}, {"steps", steps}, {"done", v.done}, {"overdue", v.overdue},
                  {"cost_at_start_pence", v.cost_at_start}, {"cost_now_pence", v.cost_now}, {"actual_change_pence", v.actual_change}};
        if (v.next_due) item["next_due"] = v.next_due->iso();
        plans.push_back(item);
    }
    return {200, {{"as_at", view.as_at.iso()}, {"active", view.active}, {"completed", view.completed}, {"stopped", view.stopped},
                  {"overdue_steps", view.overdue_steps}, {"expected_weekly_pence", view.expected_weekly},
                  {"actual_weekly_pence", view.actual_weekly}, {"sizing", sizing_json(view.sizing)}, {"plans", plans}}};
}

// Body: one plan in the layout of a plans file's entry (docs/delivery.md).
Reply add_plan(Call &call) {
    if (!call.body.is_object()) throw ApiError{400, "bad_request", "send the plan as a JSON object, as a plans file lays it out"};
    const auto plans = delivery::read_plans(json{{"plans", json::array({call.body})}}.dump(), "the plan");
    const auto id = call.engine.with_council(call.user(), [&](app::Council &c) { return c.add_plan(plans.front()); });
    return {201, {{"id", id}, {"person_id", plans.front().person_id}}};
}

// Body: {"on": "2026-07-10", "note": "…"}.
Reply step_done(Call &call) {
    const auto id = id_param(call, 0, "plan");
    int seq = 0;
    try {
        seq = std::stoi(call.params.at(1));
    } catch (const std::exception &) {
        throw ApiError{404, "no_step", "no step '" + call.params.at(1) + "'"};
    }
    const auto on = *parse_date(on_of(call.body));
    call.engine.with_council(call.user(), [&](app::Council &c) { c.mark_step(id, seq, on, text_field(call.body, "note", false)); });
    return {200, {{"plan", id}, {"step", seq}, {"done", on.iso()}}};
}

// Body: {"status": "completed" | "stopped", "on": "…"}.
Reply close(Call &call) {
    const auto id = id_param(call, 0, "plan");
    const auto status = text_field(call.body, "status");
    const auto on = *parse_date(on_of(call.body));
    call.engine.with_council(call.user(), [&](app::Council &c) { c.close_plan(id, status, on); });
    return {200, {{"plan", id}, {"status", status}, {"on", on.iso()}}};
}

Reply pathway(Call &call) {
    const auto rate = parse_money(call.query_or("saving", ""));
    const auto people = call.query_count("people", 0, 10'000'000);
    if (!rate || rate->pence() <= 0 || people == 0)
        throw ApiError{400, "bad_request", "give saving (£ a person a week, e.g. 26.08) and people (e.g. 507)"};
    const auto s = delivery::size_pathway(rate->pence(), static_cast<int64_t>(people), weeks_of(call));
    auto out = sizing_json(s);
    out["case_line"] = delivery::pathway_line(s, call.query_or("name", "Progression pathway"));
    return {200, out};
}

Reply matrix(Call &) {
    const auto &m = delivery::default_housing_matrix();
    json levels = json::array(), options = json::array();
    for (const auto &[id, name] : m.levels) levels.push_back({{"id", id}, {"name", name}});
    for (const auto &o : m.options) {
        json weekly = json::object();
        for (const auto &[level, pence] : o.weekly) weekly[std::to_string(level)] = pence;
        options.push_back({{"id", o.id}, {"name", o.name}, {"weekly_pence", weekly}});
    }
    return {200, {{"name", m.name}, {"source", m.source}, {"levels", levels}, {"options", options}}};
}

Reply housing_test(Call &call) {
    const auto person = call.query_or("person", "");
    const auto level = call.query_count("level", 0, 100);
    if (person.empty() || level == 0) throw ApiError{400, "bad_request", "give person (an LA id) and level (of need, e.g. 3)"};
    const auto t = call.engine.with_council(call.user(), [&](app::Council &c) {
        auto r = c.housing_test(delivery::default_housing_matrix(), person, static_cast<int>(level));
        c.audit(call.user(), "person_read", person, "housing options");
        return r;
    });
    json fits = json::array();
    for (const auto &f : t.fits) fits.push_back({{"option", f.option}, {"weekly_pence", f.weekly}, {"difference_pence", f.difference}});
    return {200, {{"person_id", t.person_id}, {"level", t.level}, {"level_name", t.level_name}, {"current_pence", t.current}, {"options", fits}}};
}

} // namespace

void add_progression_routes(std::vector<Route> &routes) {
    routes.push_back({{"GET", "/api/v1/progression", Role::finance,
                       "Progression plans: steps done and overdue, expected saving, the ledger's change, the pathway's sizing (audited)"},
                      progression});
    routes.push_back({{"POST", "/api/v1/progression", Role::finance, "Add a progression plan for a person in the ledger (audited)"}, add_plan});
    routes.push_back({{"POST", "/api/v1/progression/{id}/steps/{step}", Role::finance, "Mark a plan's step done (audited)"}, step_done});
    routes.push_back({{"POST", "/api/v1/progression/{id}/close", Role::finance, "Close a plan as completed or stopped (audited)"}, close});
    routes.push_back({{"GET", "/api/v1/progression/pathway", Role::viewer,
                       "Size a pathway: saving per person per week × people × weeks, with a business case's weekly line"},
                      pathway});
    routes.push_back({{"GET", "/api/v1/housing/matrix", Role::viewer, "The housing options matrix: levels of need × options, typical weekly costs"},
                      matrix});
    routes.push_back({{"GET", "/api/v1/housing/test", Role::finance, "A person's housing options at a level of need, against their cost now (audited)"},
                      housing_test});
}

} // namespace ascent::server
