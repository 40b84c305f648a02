#include "app/programme_view.hpp"

#include <fmt/format.h>

#include "app/json_figures.hpp"
#include "app/json_views.hpp"
#include "cases/case_text.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace ascent::app {

using nlohmann::json;

namespace {

json labels(const std::vector<FinancialYear> &years) {
    json out = json::array();
    for (const auto &y : years) out.push_back(y.label());
    return out;
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

json percentiles_json(const std::vector<cases::Percentiles> &by_year) {
    json out = json::array();
    for (const auto &p : by_year) out.push_back({{"p10_pence", p.p10}, {"p50_pence", p.p50}, {"p90_pence", p.p90}});
    return out;
}

} // namespace

cases::CohortLookup cohort_lookup(const Analysis &analysis) {
    return [&analysis](const cases::CohortLink &link) {
        if (link.expression.empty()) return lever_figures(analysis, link.lever);
        return cohort_figures(analysis.cohort(link.expression, {0, 0}));
    };
}

CaseView case_view(cases::BusinessCase c, const AnalysisSource &analysis, const cases::CohortLookup &cohorts) {
    return case_figures(std::move(c), analysis, cohorts);
}

std::string format_case_view(const CaseView &v) { return format_case_figures(v); }

json profiles_json(const CaseView &v) {
    json profiles = json::array(), overlap = json::array();
    for (const auto &p : v.profiles) profiles.push_back(profile_json(p));
    for (const auto &n : v.netting) overlap.push_back(netting_json(n));
    return {{"profiles", profiles}, {"overlap", overlap}};
}

json case_json(const store::StoredCase &stored, const CaseView &v) {
    return merged({{"id", stored.id},
                   {"version", stored.version},
                   {"stored_at", stored.stored_at},
                   {"sha256", stored.sha256},
                   {"case", json::parse(cases::write_case_json(v.c))}},
                  profiles_json(v));
}

cases::BusinessCase case_from_json(const json &body, const std::string &source) { return cases::read_case(body.dump(), source); }
std::string case_yaml(const cases::BusinessCase &c) { return cases::write_case_yaml(c); }
std::string case_json_text(const cases::BusinessCase &c) { return cases::write_case_json(c); }

ProgrammeView programme_view(cases::Programme programme, const AnalysisSource &analysis, const cases::CohortLookup &cohorts) {
    return programme_figures(std::move(programme), analysis, cohorts);
}

cases::Programme stored_programme(Council &council, const std::string &programme_file) {
    std::vector<cases::BusinessCase> latest;
    for (const auto &s : council.stored_cases()) latest.push_back(read_stored_case(s));
    if (programme_file.empty()) return cases::programme_of(std::move(latest));
    auto programme = cases::read_programme_file(programme_file);
    for (auto &c : programme.cases)
        for (const auto &l : latest)
            if (l.id == c.id) c = l;
    return programme;
}

cases::Programme programme_from(CaseWorkspace &work, const std::string &programme_file, const std::vector<std::string> &cases,
                                int years) {
    return programme_file.empty() ? cases::programme_of(work.find_all(cases), years) : cases::read_programme_file(programme_file);
}

std::string format_programme_view(const ProgrammeView &v) { return format_programme_figures(v); }
std::string format_budget_table_view(const ProgrammeView &v) { return cases::format_budget_table(v.table, v.checks); }

std::string format_programme_file(CaseWorkspace &work, const std::string &programme_file) {
    return format_programme_view(programme_view(cases::read_programme_file(programme_file), work.analysis_source(), work.cohorts()));
}

json programme_json(const ProgrammeView &v) {
    const auto &p = v.programme;
    const auto &table = v.table;
    json by_category = json::array();
    for (const auto &[category, years] : cases::by_category(table))
        by_category.push_back({{"category", cases::to_string(category)}, {"title", cases::title_of(category)}, {"years_pence", years}});
    json targets = json::array();
    for (const auto &[year, pence] : p.targets) targets.push_back({{"year", year.label()}, {"pence", pence}});
    json checks = json::array();
    for (const auto &c : v.checks) checks.push_back(check_json(c));
    return {{"name", table.name},
            {"years", labels(table.years)},
            {"basis", "incremental net saving by financial year: the change from the year before"},
            {"rows", rows_json(table)},
            {"total_pence", cases::total_by_year(table)},
            {"by_category", by_category},
            {"targets", targets},
            {"checks", checks},
            {"overlap", v.netting ? netting_json(*v.netting) : json(nullptr)},
            {"plausibility", v.plausibility ? plausibility_json(*v.plausibility) : json(nullptr)},
            {"rounding", k_rounding}};
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

std::string format_risk_run(CaseWorkspace &work, const cases::Programme &programme, const cases::RiskOptions &options) {
    const auto figures = programme_figures(programme, work.analysis_source(), work.cohorts());
    const auto secured = work.council().secured(figures.programme.cases);
    return cases::format_risk(cases::simulate_risk(figures.programme, options, figures.cohorts, secured));
}

std::string format_case_text(const cases::BusinessCase &c) { return cases::format_case(c); }

std::string new_case_text(const std::string &id, const std::string &title, FinancialYear first, bool as_json) {
    const auto c = cases::new_case(id, title, first);
    return as_json ? cases::write_case_json(c) : cases::write_case_yaml(c);
}

std::string format_case_list(CaseWorkspace &work) {
    const auto stored = work.council().stored_cases();
    std::string out = fmt::format("{:<14} {:>3} {:<20} {:<18} {:<34} {:>14} {:>14}\n", "Case", "v", "Status", "Category", "Title",
                                  "Net first year", "Full year");
    for (const auto &s : stored) {
        const auto f = case_figures(read_stored_case(s), work.analysis_source(), work.cohorts());
        const auto &c = f.c;
        const auto &p = f.profiles[static_cast<std::size_t>(&c.preferred() - c.options.data())];
        out += fmt::format("{:<14} {:>3} {:<20} {:<18} {:<34} {:>14} {:>14}\n", c.id, s.version, cases::to_string(c.status),
                           cases::title_of(c.category), c.title.substr(0, 34), format_pounds(Money::from_pence(p.net.front())),
                           format_pounds(Money::from_pence(p.full_year_effect)));
    }
    return out + count_of(stored.size(), "case", "cases") + "\n";
}

} // namespace ascent::app
