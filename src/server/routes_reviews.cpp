// Reviews (assign a lever's people, record decisions, list them), council charging parameter files
// and next year's uprating preview, and the evidence library of what other councils did and saved.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "app/evidence_view.hpp"
#include "server/api.hpp"
#include "app/json_views.hpp"

namespace ascent::server {

namespace {

using app::Role;

Reply reviews(Call &call) {
    json out = json::array();
    const auto all = call.engine.with_council(call.user(), [&](app::Council &c) {
        auto r = c.reviews();
        c.audit(call.user(), "person_list_read", "reviews", fmt::format("{} reviews", r.size()));
        return r;
    });
    for (const auto &r : all)
        out.push_back({{"id", r.id}, {"person_id", r.person_id}, {"lever", r.lever}, {"case_id", r.case_id}, {"reviewer", r.reviewer},
                       {"assigned_on", r.assigned_on}, {"due_on", r.due_on}, {"decided_on", r.decided_on}, {"outcome", r.outcome},
                       {"effective_from", r.effective_from}, {"reason", r.reason}, {"recorded_by", r.recorded_by},
                       {"hours_hundredths", r.hours ? json(*r.hours) : json()}});
    return {200, out};
}

// Body: {"lever", "reviewer", "due" (optional), "case_id" (optional), "limit" (optional)}. The
// opportunity finder runs again on the ledger, so this is a background job.
Reply assign(Call &call) {
    const auto lever = text_field(call.body, "lever", true), reviewer = text_field(call.body, "reviewer", true);
    const auto due_text = text_field(call.body, "due", false), case_id = text_field(call.body, "case_id", false);
    std::optional<Date> due;
    if (!due_text.empty() && !(due = parse_date(due_text))) throw ApiError{400, "bad_date", "'due' must be a date such as 2026-12-31"};
    const std::size_t limit = call.body.value("limit", std::size_t{50});
    if (call.engine.analysis()->lever_result(lever) == nullptr)
        throw ApiError{404, "unknown_lever", "no lever '" + lever + "' (see /api/v1/opportunities)"};
    auto &engine = call.engine;
    const auto id = call.jobs.start("review assignment", call.user(), [&engine, user = call.user(), lever, reviewer, due, case_id, limit](const auto &report) {
        report("finding the lever's people", 0, 0);
        app::Council council(engine.database());
        council.act_as(user);
        const auto outcome = council.assign_reviews(lever, reviewer, due, case_id, limit);
        return json{{"assigned", outcome.assigned},
                    {"already_assigned", outcome.already_assigned},
                    {"unassigned", outcome.unassigned},
                    {"flagged", outcome.flagged},
                    {"message", app::format_assignment(outcome, lever, reviewer, case_id)},
                    {"lever", lever},
                    {"reviewer", reviewer}};
    });
    return {202, {{"job", id}}};
}

// Body: {"person_id", "lever", "outcome", "decided_on" (default today), "effective_from", "reason", "hours"}.
Reply decide(Call &call) {
    store::Review r;
    r.person_id = text_field(call.body, "person_id", true);
    r.lever = text_field(call.body, "lever", true);
    r.outcome = text_field(call.body, "outcome", true);
    r.decided_on = text_field(call.body, "decided_on", false);
    if (r.decided_on.empty()) r.decided_on = Date::today().iso();
    r.effective_from = text_field(call.body, "effective_from", false);
    r.reason = text_field(call.body, "reason", false);
    if (const auto hours = text_field(call.body, "hours", false); !hours.empty()) {
        const auto h = parse_decimal(hours, 2);
        if (!h) throw ApiError{400, "bad_hours", "'hours' is the time the review took, such as 6.5"};
        r.hours = h->num;
    }
    r.recorded_by = call.user();
    call.engine.with_council(call.user(), [&](app::Council &c) { c.record_review(r); });
    return {200, {{"recorded", true}, {"person_id", r.person_id}, {"lever", r.lever}, {"outcome", r.outcome}}};
}

// A council parameter file, uploaded as the multipart field "file": checked over the parameters in
// force, stored in the ledger and audited.
Reply load_parameters(Call &call) {
    const auto it = call.uploads.find("file");
    if (it == call.uploads.end() || it->second.path.empty() || it->second.size == 0)
        throw ApiError{400, "missing_file", "send the parameter file (YAML) as the form field \"file\""};
    const auto path = it->second.path.string();
    const auto stored = call.engine.with_council(call.user(), [&](app::Council &c) { return c.load_parameter_file(path); });
    return {201, {{"id", stored.id}, {"file_name", stored.file_name}, {"sha256", stored.sha256}}};
}

// Body: {"to": "2027/28", "effective": "2027-04-07" (optional)}: a preview; nothing is stored.
Reply start_uprate(Call &call) {
    const auto to = FinancialYear::parse(text_field(call.body, "to", true));
    if (!to) throw ApiError{400, "bad_year", "'to' is a financial year such as 2027/28"};
    std::optional<Date> effective;
    if (const auto text = text_field(call.body, "effective", false); !text.empty() && !(effective = parse_date(text)))
        throw ApiError{400, "bad_date", "'effective' must be a date such as 2027-04-07"};
    auto &engine = call.engine;
    const auto id = call.jobs.start("uprating preview", call.user(), [&engine, user = call.user(), to = *to, effective](const auto &report) {
        report("assessing every case under both years' parameters", 0, 0);
        app::Council council(engine.database());
        council.act_as(user);
        const auto u = council.uprate(to, effective, false, user).uprating;
        json bands = json::array(), groups = json::array();
        for (std::size_t b = 0; b < u.by_change.size(); ++b) bands.push_back({{"band", charging::k_change_bands[b]}, {"people", u.by_change[b]}});
        for (const auto &[group, g] : u.by_group)
            groups.push_back({{"group", group}, {"people", g.people}, {"up", g.up}, {"down", g.down},
                              {"weekly_before_pence", g.weekly_before}, {"weekly_after_pence", g.weekly_after}});
        return json{{"to", u.to.label()}, {"effective", u.effective.iso()}, {"cases", u.total.people}, {"changed", u.changed()},
                    {"weekly_before_pence", u.total.weekly_before}, {"weekly_after_pence", u.total.weekly_after},
                    {"carried_forward", u.carried_forward}, {"parameter_sources", u.parameter_sources}, {"by_change", bands},
                    {"by_group", groups}};
    });
    return {202, {{"job", id}}};
}

Reply evidence(Call &call) {
    return {200, app::evidence_json({call.query_or("lever", ""), call.query_or("theme", ""), call.query_or("council", ""),
                                     call.query_or("search", ""), call.query_or("kind", "")})};
}

} // namespace

void add_review_routes(std::vector<Route> &routes) {
    routes.push_back({{"GET", "/api/v1/reviews", Role::finance, "Every review: person, lever, case, reviewer, due, decision (audited)"}, reviews});
    routes.push_back({{"POST", "/api/v1/reviews/assign", Role::finance,
                       "Assign a lever's people to a reviewer, largest saving first, in the background (audited)"},
                      assign});
    routes.push_back({{"POST", "/api/v1/reviews/decisions", Role::finance, "Record a review's decision (audited)"}, decide});
    routes.push_back({{"POST", "/api/v1/charging/parameters", Role::admin, "Check and store a council charging parameter file (audited)"},
                      load_parameters});
    routes.push_back({{"POST", "/api/v1/charging/uprating", Role::analyst, "Preview next year's uprating of every assessment, in the background"},
                      start_uprate});
    routes.push_back({{"GET", "/api/v1/evidence", Role::viewer, "What other councils did and saved, by lever, theme, council or words"}, evidence});
}

} // namespace ascent::server
