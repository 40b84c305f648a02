// The savings programme: the business cases rolled up into the budget proposals table (checked
// against any printed totals), its downloads, and the Monte Carlo risk range as a background job.
//
// The programme is every case stored in the ledger, or, when the server was started with a
// programme file, that file's cases, lines and targets with each case replaced by its latest stored
// version (so a case changed in the UI shows in the table at once).
#include <fmt/format.h>

#include "app/case_reports.hpp"
#include "app/programme_view.hpp"
#include "server/api.hpp"

namespace ascent::server {

namespace {

using app::Role;

cases::Programme programme_of(Call &call) {
    return call.engine.with_council(call.user(), [&](app::Council &c) { return app::stored_programme(c, call.options.programme); });
}

// The programme on the ledger now: lever-linked lines net of overlap, the budget table, checks.
app::ProgrammeView view_of(Call &call) {
    const auto analysis = call.engine.analysis();
    return app::programme_view(programme_of(call), [&]() -> const app::Analysis & { return *analysis; }, app::cohort_lookup(*analysis));
}

std::string cohort_key(const cases::CohortLink &link) {
    return (link.claim ? std::to_string(*link.claim) : "-") + "|" + link.lever + "|" + link.expression;
}

Reply programme(Call &call) { return {200, app::programme_json(view_of(call))}; }

Reply budget_table_download(Call &call) {
    const auto v = view_of(call);
    const auto &format = call.params.at(0);
    if (format == "xlsx")
        return file_reply("budget-proposals.xlsx", k_xlsx_type,
                          [&](const std::string &path) { app::write_budget_table_xlsx(v.table, v.checks, path); });
    return document_reply(app::budget_table_document(v.table), "budget-proposals", format);
}

Reply programme_report(Call &call) {
    const auto v = view_of(call);
    return document_reply(app::programme_document(v.programme, v.table), "programme", call.params.at(0));
}

// Body (optional): {"trials": 10000, "seed": 1}.
Reply start_risk(Call &call) {
    cases::RiskOptions options;
    if (call.body.is_object()) {
        options.trials = call.body.value("trials", options.trials);
        options.seed = call.body.value("seed", options.seed);
    }
    if (options.trials < 100 || options.trials > 1'000'000)
        throw ApiError{400, "bad_trials", "trials must be between 100 and 1,000,000"};
    // The cohorts are figured now (net of overlap), on this request, so the job needs nothing of it.
    auto netted = view_of(call);
    auto programme = std::move(netted.programme);
    std::map<std::string, cases::CohortFigures> figures;
    for (const auto &c : programme.cases)
        for (const auto &o : c.options)
            for (const auto &l : o.lines)
                if (l.cohort) figures.emplace(cohort_key(*l.cohort), netted.cohorts(*l.cohort));
    // What decided reviews have secured narrows each case's range (measured on the ledger now too).
    auto secured = call.engine.with_council(call.user(), [&](app::Council &c) { return c.secured(programme.cases); });
    const auto id = call.jobs.start("risk", call.user(), [programme = std::move(programme), figures = std::move(figures),
                                                          secured = std::move(secured), options](const auto &report) {
        report(fmt::format("{} trials", options.trials), 0, 0);
        const cases::CohortLookup cached = [&](const cases::CohortLink &link) { return figures.at(cohort_key(link)); };
        return app::risk_json(cases::simulate_risk(programme, options, cached, secured));
    });
    return {202, {{"job", id}}};
}

} // namespace

void add_programme_routes(std::vector<Route> &routes) {
    routes.push_back({{"GET", "/api/v1/programme", Role::viewer, "The budget proposals table: every case's net saving by year, totals, targets, checks"},
                      programme});
    routes.push_back({{"GET", "/api/v1/programme/budget-table.{format}", Role::viewer, "The budget proposals table as XLSX, HTML or PDF"},
                      budget_table_download});
    routes.push_back({{"GET", "/api/v1/programme/report.{format}", Role::viewer, "The programme summary as HTML or PDF"}, programme_report});
    routes.push_back({{"POST", "/api/v1/programme/risk", Role::analyst, "Start a Monte Carlo risk run (P10/P50/P90 by year) in the background"},
                      start_risk});
}

} // namespace ascent::server
