// Business cases (stored, profiled, changed and profiled again), delivery, and report downloads.
#include <fmt/format.h>

#include "app/case_reports.hpp"
#include "app/programme_view.hpp"
#include "server/api.hpp"

namespace ascent::server {

namespace {

using app::Role;

store::StoredCase stored_case(Call &call, const std::string &id) {
    for (auto &c : call.engine.with_council(call.user(), [](app::Council &c) { return c.stored_cases(); }))
        if (c.id == id) return c;
    throw ApiError{404, "unknown_case", "no business case '" + id + "' in the ledger"};
}

// A case's profiles with its lever-linked lines net of overlap, on the server's analysis.
app::CaseView view_of(cases::BusinessCase c, Call &call) {
    const auto analysis = call.engine.analysis();
    return app::case_view(std::move(c), [&]() -> const app::Analysis & { return *analysis; }, app::cohort_lookup(*analysis));
}

// The case in a request body (JSON, as GET /api/v1/cases/{id} gives it), checked against the path.
cases::BusinessCase case_in_body(const Call &call) {
    if (!call.body.is_object()) throw ApiError{400, "bad_request", "send the business case as a JSON object"};
    auto c = app::case_from_json(call.body, "the request's case");
    if (c.id != call.params.at(0))
        throw ApiError{400, "id_mismatch", fmt::format("the case's id is '{}' but the address names '{}'", c.id, call.params.at(0))};
    return c;
}

Reply list_cases(Call &call) {
    json out = json::array();
    for (const auto &c : call.engine.with_council(call.user(), [](app::Council &c) { return c.stored_cases(); }))
        out.push_back({{"id", c.id}, {"version", c.version}, {"title", c.title}, {"status", c.status}, {"stored_at", c.stored_at}});
    return {200, out};
}

Reply get_case(Call &call) {
    const auto stored = stored_case(call, call.params.at(0));
    return {200, app::case_json(stored, view_of(app::read_stored_case(stored), call))};
}

Reply what_if(Call &call) { return {200, app::profiles_json(view_of(case_in_body(call), call))}; }

Reply save_case(Call &call) {
    const auto c = case_in_body(call);
    const auto text = app::case_yaml(c);
    const auto stored = call.engine.with_council(call.user(), [&](app::Council &council) { return council.save_case(text, c.id + ".yaml"); });
    return {200, {{"id", stored.id}, {"version", stored.version}}};
}

Reply delivery(Call &call) {
    const auto d = call.engine.with_council(call.user(), [](app::Council &c) { return c.delivery(c.weeks_per_year()); });
    return {200, delivery_json(d, app::sees_people(call.role()))};
}

Reply case_report(Call &call) {
    const auto v = view_of(app::read_stored_case(stored_case(call, call.params.at(0))), call);
    return document_reply(app::case_document(v.c, v.profiles, v.checks), v.c.id, call.params.at(1));
}

Reply board_pack(Call &call) {
    const auto doc = call.engine.with_council(call.user(), [](app::Council &c) {
        return app::board_pack(c, c.weeks_per_year(), {});
    });
    return document_reply(doc, "board-pack", call.params.at(0));
}

} // namespace

void add_case_routes(std::vector<Route> &routes) {
    routes.push_back({{"GET", "/api/v1/cases", Role::viewer, "The latest version of every business case"}, list_cases});
    routes.push_back({{"GET", "/api/v1/cases/{id}", Role::viewer, "A business case and its savings profile for each option"}, get_case});
    routes.push_back({{"POST", "/api/v1/cases/{id}/profile", Role::analyst, "Profile a changed case without saving it (what-if)"}, what_if});
    routes.push_back({{"PUT", "/api/v1/cases/{id}", Role::analyst, "Save a changed case as its next version (audited)"}, save_case});
    routes.push_back({{"GET", "/api/v1/cases/{id}/report.{format}", Role::viewer, "A business case as an HTML or PDF report"}, case_report});
    routes.push_back({{"GET", "/api/v1/delivery", Role::viewer, "Realised savings from the ledger by case and lever, RAG, productivity"}, delivery});
    routes.push_back({{"GET", "/api/v1/reports/board-pack.{format}", Role::viewer, "The monthly board pack as HTML or PDF"}, board_pack});
}

} // namespace ascent::server
