// The ledger: its summary, the opportunity finder's levers, their people, one person's
// explanations, cohorts, and worklist downloads. Person-level routes need the finance role and
// are audited.
#include <fmt/format.h>

#include "app/json_views.hpp"
#include "server/api.hpp"

namespace ascent::server {

namespace {

using app::Role;

void check_lever(const app::Analysis &a, const std::string &id) {
    if (!app::has_lever(a, id)) throw ApiError{404, "unknown_lever", "no lever '" + id + "' (see /api/v1/opportunities)"};
}

Reply lever_people(Call &call) {
    const auto analysis = call.engine.analysis();
    const auto &lever_id = call.params.at(0);
    check_lever(*analysis, lever_id);
    const auto limit = call.query_count("limit", 50, 1000), offset = call.query_count("offset", 0, SIZE_MAX >> 1);
    const auto out = app::lever_people_json(*analysis, lever_id, offset, limit);
    call.engine.with_council(call.user(), [&](app::Council &c) {
        c.audit(call.user(), "person_list_read", lever_id, fmt::format("{} people from {}", out.at("people").size(), offset));
    });
    return {200, out};
}

Reply person(Call &call) {
    const auto analysis = call.engine.analysis();
    const auto &id = call.params.at(0);
    if (!analysis->ledger->find_person(id)) throw ApiError{404, "unknown_person", "no person '" + id + "' in the ledger"};
    auto out = app::person_json(*analysis, id);
    call.engine.with_council(call.user(), [&](app::Council &c) { c.audit(call.user(), "person_read", id); });
    return {200, out};
}

Reply cohort(Call &call) {
    const auto expression = call.query_or("expression", "");
    if (expression.empty()) throw ApiError{400, "missing_expression", "give a cohort expression, e.g. ?expression=age >= 65"};
    const bool people = app::sees_people(call.role());
    app::CohortPage page{0, 0};
    if (people) page = {call.query_count("offset", 0, SIZE_MAX >> 1), call.query_count("limit", 50, 1000)};
    const auto out = app::cohort_json(*call.engine.cohort(expression, page), people);
    if (people)
        call.engine.with_council(call.user(), [&](app::Council &c) { c.audit(call.user(), "person_list_read", "cohort", expression); });
    return {200, out};
}

Reply worklist(Call &call) {
    const auto analysis = call.engine.analysis();
    const auto &lever_id = call.params.at(0);
    const auto &format = call.params.at(1);
    if (format != "csv" && format != "xlsx") throw ApiError{404, "unknown_format", "worklists are .csv or .xlsx"};
    check_lever(*analysis, lever_id);
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
                          auto out = app::summary_json(*call.engine.summary(), call.engine.analysis()->conventions);
                          out["trend"] = trend_json(*call.engine.trend());
                          return Reply{200, out};
                      }});
    routes.push_back({{"GET", "/api/v1/opportunities", Role::viewer, "Every lever: people, spend in scope, savings range"},
                      [](Call &call) { return Reply{200, app::opportunities_json(*call.engine.analysis())}; }});
    routes.push_back({{"GET", "/api/v1/opportunities/{lever}/people", Role::finance,
                       "A lever's people, largest saving first, each explained (audited)"},
                      lever_people});
    routes.push_back({{"GET", "/api/v1/people/{id}", Role::finance, "Why a person is flagged: each lever and its arithmetic (audited)"}, person});
    routes.push_back({{"GET", "/api/v1/cohort", Role::viewer, "A cohort expression's people and spend (people listed for finance, audited)"}, cohort});
    routes.push_back({{"GET", "/api/v1/worklists/{lever}.{format}", Role::finance, "A lever's review worklist as CSV or XLSX (audited)"}, worklist});
}

} // namespace ascent::server
