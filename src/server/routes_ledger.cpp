// The ledger: its summary, the opportunity finder's levers, their people, one person's
// explanations, cohorts, and worklist downloads. Person-level routes need the finance role and
// are audited.
#include <fmt/format.h>

#include "app/opportunity_figures.hpp"
#include "opportunity/explain.hpp"
#include "opportunity/finder.hpp"
#include "server/api.hpp"
#include "server/json_views.hpp"

namespace ascent::server {

namespace {

using app::Role;

const opportunity::LeverResult &lever_of(const app::Analysis &a, const std::string &id) {
    const auto *result = a.lever_result(id);
    if (result == nullptr) throw ApiError{404, "unknown_lever", "no lever '" + id + "' (see /api/v1/opportunities)"};
    return *result;
}

Reply lever_people(Call &call) {
    const auto analysis = call.engine.analysis();
    const auto &lever_id = call.params.at(0);
    lever_of(*analysis, lever_id);
    const auto limit = call.query_count("limit", 50, 1000), offset = call.query_count("offset", 0, SIZE_MAX >> 1);
    const auto page = app::lever_page(*analysis, lever_id, offset, limit);
    json people = json::array();
    for (const auto *flag : page.flags) {
        const auto e = opportunity::explain(*analysis->table, *analysis->rules, analysis->found, *flag);
        people.push_back(merged({{"person_id", analysis->person_id(flag->person)}, {"weekly_in_scope_pence", flag->in_scope},
                                 {"weekly_standalone_central_pence", opportunity::to_money(flag->standalone[1]).pence()}},
                                explanation_json(e)));
    }
    call.engine.with_council(call.user(), [&](app::Council &c) {
        c.audit(call.user(), "person_list_read", lever_id, fmt::format("{} people from {}", people.size(), offset));
    });
    return {200, {{"lever", lever_id}, {"total", page.total}, {"offset", offset}, {"people", people}}};
}

Reply person(Call &call) {
    const auto analysis = call.engine.analysis();
    const auto &id = call.params.at(0);
    const auto index = analysis->ledger->find_person(id);
    if (!index) throw ApiError{404, "unknown_person", "no person '" + id + "' in the ledger"};
    json explanations = json::array();
    for (const auto &e : opportunity::explain_person(*analysis->table, *analysis->rules, analysis->found, *index))
        explanations.push_back(explanation_json(e));
    call.engine.with_council(call.user(), [&](app::Council &c) { c.audit(call.user(), "person_read", id); });
    return {200, {{"person_id", id}, {"as_at", analysis->found.as_at.iso()}, {"explanations", explanations}}};
}

Reply cohort(Call &call) {
    const auto expression = call.query_or("expression", "");
    if (expression.empty()) throw ApiError{400, "missing_expression", "give a cohort expression, e.g. ?expression=age >= 65"};
    const bool people = app::sees_people(call.role());
    app::CohortPage page{0, 0};
    if (people) page = {call.query_count("offset", 0, SIZE_MAX >> 1), call.query_count("limit", 50, 1000)};
    const auto cached = call.engine.cohort(expression, page);
    const auto &result = *cached;
    json out{{"expression", result.expression},
             {"as_at", result.as_at.iso()},
             {"people_tested", result.people_tested},
             {"people", result.people},
             {"weekly_cost_pence", result.weekly_cost.pence()}};
    if (!people) return {200, out};
    json members = json::array();
    for (const auto &m : result.members) {
        json values = json::object();
        for (const auto &[field, value] : m.values) values[field] = value;
        members.push_back({{"person_id", m.person_id}, {"weekly_cost_pence", m.weekly_cost.pence()}, {"values", values}});
    }
    call.engine.with_council(call.user(), [&](app::Council &c) { c.audit(call.user(), "person_list_read", "cohort", expression); });
    out["members"] = members;
    out["offset"] = result.offset;
    return {200, out};
}

Reply worklist(Call &call) {
    const auto analysis = call.engine.analysis();
    const auto &lever_id = call.params.at(0);
    const auto &format = call.params.at(1);
    if (format != "csv" && format != "xlsx") throw ApiError{404, "unknown_format", "worklists are .csv or .xlsx"};
    lever_of(*analysis, lever_id);
    std::size_t written = 0;
    auto reply = file_reply(lever_id + "-worklist." + format,
                            format == "csv" ? "text/csv; charset=utf-8" : k_xlsx_type,
                            [&](const std::string &path) { written = app::write_worklist(*analysis, lever_id, path, {}); });
    call.engine.with_council(call.user(), [&](app::Council &c) {
        c.audit(call.user(), "export", lever_id + " worklist", fmt::format("{} people, {}", written, format));
    });
    return reply;
}

} // namespace

void add_ledger_routes(std::vector<Route> &routes) {
    routes.push_back({{"GET", "/api/v1/summary", Role::viewer, "The ledger: people, spend by setting and cost band, providers"},
                      [](Call &call) {
                          auto out = summary_json(*call.engine.summary());
                          out["trend"] = trend_json(*call.engine.trend());
                          return Reply{200, out};
                      }});
    routes.push_back({{"GET", "/api/v1/opportunities", Role::viewer, "Every lever: people, spend in scope, savings range"},
                      [](Call &call) { return Reply{200, opportunities_json(*call.engine.analysis())}; }});
    routes.push_back({{"GET", "/api/v1/opportunities/{lever}/people", Role::finance,
                       "A lever's people, largest saving first, each explained (audited)"},
                      lever_people});
    routes.push_back({{"GET", "/api/v1/people/{id}", Role::finance, "Why a person is flagged: each lever and its arithmetic (audited)"}, person});
    routes.push_back({{"GET", "/api/v1/cohort", Role::viewer, "A cohort expression's people and spend (people listed for finance, audited)"}, cohort});
    routes.push_back({{"GET", "/api/v1/worklists/{lever}.{format}", Role::finance, "A lever's review worklist as CSV or XLSX (audited)"}, worklist});
}

} // namespace ascent::server
