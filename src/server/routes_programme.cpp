// The savings programme: the business cases rolled up into the budget proposals table (checked
// against any printed totals), its downloads, and the Monte Carlo risk range as a background job.
//
// The programme is every case stored in the ledger, or, when the server was started with a
// programme file, that file's cases, lines and targets with each case replaced by its latest stored
// version (so a case changed in the UI shows in the table at once).
#include <fmt/format.h>

#include "app/case_reports.hpp"
#include "app/case_figures.hpp"
#include "app/cases.hpp"
#include "cases/risk.hpp"
#include "server/api.hpp"
#include "server/json_figures.hpp"
#include "server/json_views.hpp"

namespace ascent::server {

namespace {

using app::Role;

cases::Programme programme_of(Call &call) {
    auto stored = call.engine.with_council(call.user(), [](app::Council &c) { return c.stored_cases(); });
    std::vector<cases::BusinessCase> latest;
    for (const auto &s : stored) latest.push_back(app::read_stored_case(s));
    if (call.options.programme.empty()) return cases::programme_of(std::move(latest));
    auto programme = cases::read_programme_file(call.options.programme);
    for (auto &c : programme.cases)
        for (const auto &l : latest)
            if (l.id == c.id) c = l;
    return programme;
}

// The programme's figures on the ledger now: lever-linked lines net of overlap, the budget table, checks.
struct Figures {
    std::shared_ptr<const app::Analysis> analysis;
    app::ProgrammeFigures f;
};
Figures figures_of(Call &call) {
    Figures out{call.engine.analysis(), {}};
    const auto *analysis = out.analysis.get();
    out.f = app::programme_figures(programme_of(call), [analysis]() -> const app::Analysis & { return *analysis; }, cohort_lookup(*analysis));
    return out;
}

std::string cohort_key(const cases::CohortLink &link) {
    return (link.claim ? std::to_string(*link.claim) : "-") + "|" + link.lever + "|" + link.expression;
}

json rows_json(const cases::BudgetTable &table) {
    json rows = json::array();
    for (const auto &r : table.rows)
        rows.push_back({{"id", r.id},
                        {"title", r.title},
                        {"how_achieved", r.how_achieved},
                        {"directorate", r.directorate},
                        {"service", r.service},
                        {"category", cases::to_string(r.category)},
                        {"category_title", cases::title_of(r.category)},
                        {"years_pence", r.years},
                        {"total_pence", r.total},
                        {"risk", cases::letter_of(r.risk)},
                        {"staff", r.staff},
                        {"property", r.property},
                        {"service_delivery", r.service_delivery}});
    return rows;
}

json labels(const std::vector<FinancialYear> &years) {
    json out = json::array();
    for (const auto &y : years) out.push_back(y.label());
    return out;
}

Reply programme(Call &call) {
    const auto figures = figures_of(call);
    const auto &p = figures.f.programme;
    const auto &table = figures.f.table;
    json by_category = json::array();
    for (const auto &[category, years] : cases::by_category(table))
        by_category.push_back({{"category", cases::to_string(category)}, {"title", cases::title_of(category)}, {"years_pence", years}});
    json targets = json::array();
    for (const auto &[year, pence] : p.targets) targets.push_back({{"year", year.label()}, {"pence", pence}});
    json checks = json::array();
    for (const auto &c : figures.f.checks) checks.push_back(check_json(c));
    return {200, {{"name", table.name},
                  {"years", labels(table.years)},
                  {"basis", "incremental net saving by financial year: the change from the year before"},
                  {"rows", rows_json(table)},
                  {"total_pence", cases::total_by_year(table)},
                  {"by_category", by_category},
                  {"targets", targets},
                  {"checks", checks},
                  {"overlap", figures.f.netting ? netting_json(*figures.f.netting) : json(nullptr)},
                  {"plausibility", figures.f.plausibility ? plausibility_json(*figures.f.plausibility) : json(nullptr)},
                  {"rounding", k_rounding}}};
}

Reply budget_table_download(Call &call) {
    const auto figures = figures_of(call);
    const auto &table = figures.f.table;
    const auto &format = call.params.at(0);
    if (format == "xlsx")
        return file_reply("budget-proposals.xlsx", k_xlsx_type,
                          [&](const std::string &path) { app::write_budget_table_xlsx(table, figures.f.checks, path); });
    return document_reply(app::budget_table_document(table), "budget-proposals", format);
}

Reply programme_report(Call &call) {
    const auto figures = figures_of(call);
    return document_reply(app::programme_document(figures.f.programme, figures.f.table), "programme", call.params.at(0));
}

json percentiles_json(const std::vector<cases::Percentiles> &by_year) {
    json out = json::array();
    for (const auto &p : by_year) out.push_back({{"p10_pence", p.p10}, {"p50_pence", p.p50}, {"p90_pence", p.p90}});
    return out;
}

json risk_json(const cases::RiskResult &r) {
    json cases_out = json::array();
    for (const auto &c : r.cases)
        cases_out.push_back({{"id", c.id}, {"title", c.title}, {"planned_pence", c.planned}, {"by_year", percentiles_json(c.by_year)},
                             {"uncertain", c.uncertain}, {"lever_lines", c.lever_lines}, {"delivery_risk", cases::letter_of(c.delivery_risk)},
                             {"delivery_assumption", cases::describe(cases::delivery_risk(c.delivery_risk))}, {"secured_pence", c.secured}});
    json targets = json::array();
    for (std::size_t i = 0; i < r.targets.size(); ++i)
        targets.push_back({{"year", r.targets[i].first.label()}, {"pence", r.targets[i].second},
                           {"chance", r.certain.at(i) ? json(nullptr) : json(r.chance.at(i))}, {"certain", r.certain.at(i)},
                           {"met", r.chance.at(i) > 0}, {"least_pence", r.extremes.at(i).first}, {"most_pence", r.extremes.at(i).second}});
    return {{"years", labels(r.years)},
            {"basis", "in-year net saving by financial year; a case's decided reviews set a floor (a year over: exactly what was secured)"},
            {"planned_pence", r.planned},
            {"by_year", percentiles_json(r.by_year)},
            {"cases", cases_out},
            {"targets", targets},
            {"uncertain", r.uncertain},
            {"trials", r.trials},
            {"seed", r.seed}};
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
    auto netted = figures_of(call);
    auto programme = std::move(netted.f.programme);
    std::map<std::string, cases::CohortFigures> figures;
    for (const auto &c : programme.cases)
        for (const auto &o : c.options)
            for (const auto &l : o.lines)
                if (l.cohort) figures.emplace(cohort_key(*l.cohort), netted.f.cohorts(*l.cohort));
    // What decided reviews have secured narrows each case's range (measured on the ledger now too).
    auto secured = call.engine.with_council(call.user(), [&](app::Council &c) { return c.secured(programme.cases); });
    const auto id = call.jobs.start("risk", call.user(), [programme = std::move(programme), figures = std::move(figures),
                                                          secured = std::move(secured), options](const auto &report) {
        report(fmt::format("{} trials", options.trials), 0, 0);
        const cases::CohortLookup cached = [&](const cases::CohortLink &link) { return figures.at(cohort_key(link)); };
        return risk_json(cases::simulate_risk(programme, options, cached, secured));
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
