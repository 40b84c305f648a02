// Business cases and the programme as the CLI and the API both show them, computed once: a case's
// profiles and checks, the programme's budget proposals table and its checks, the risk range;
// each with its text and JSON renderings (the server only sends them).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "app/case_figures.hpp"
#include "app/cases.hpp"
#include "cases/programme.hpp"
#include "cases/reconcile.hpp"
#include "cases/risk.hpp"

namespace ascent::app {

// Cohort figures for business-case lines from one analysis: levers from its results, expressions
// run on its ledger (the server's shared analysis; the CLI's CaseWorkspace does the same lazily).
cases::CohortLookup cohort_lookup(const Analysis &analysis);

// A case's figures: its lever-linked lines net of overlap with each other (app/case_figures.hpp).
using CaseView = CaseFigures;
CaseView case_view(cases::BusinessCase c, const AnalysisSource &analysis, const cases::CohortLookup &cohorts);
std::string format_case_view(const CaseView &v); // `ascent case profile`
// The case as JSON (as GET /api/v1/cases/{id} sends it, with the stored version's facts).
nlohmann::json case_json(const store::StoredCase &stored, const CaseView &v);
// {"profiles": one per option, "overlap": each option's lines net of each other}.
nlohmann::json profiles_json(const CaseView &v);
// A case in JSON (the API's shape) read and checked; YAML text of a case for storing.
cases::BusinessCase case_from_json(const nlohmann::json &body, const std::string &source);
std::string case_yaml(const cases::BusinessCase &c);
std::string case_json_text(const cases::BusinessCase &c);

// The programme's figures: every case's lever-linked lines net of each other, the budget table, its
// checks and plausibility (app/case_figures.hpp).
using ProgrammeView = ProgrammeFigures;
ProgrammeView programme_view(cases::Programme programme, const AnalysisSource &analysis, const cases::CohortLookup &cohorts);
// Every case stored in the ledger (latest versions); or, with a programme file, that file's cases,
// lines and targets with each case replaced by its latest stored version.
cases::Programme stored_programme(Council &council, const std::string &programme_file);
// A programme file, or case files and stored ids (none: every stored case), over `years` years.
cases::Programme programme_from(CaseWorkspace &work, const std::string &programme_file, const std::vector<std::string> &cases,
                                int years);
std::string format_programme_view(const ProgrammeView &v);   // `ascent programme`
std::string format_budget_table_view(const ProgrammeView &v); // `ascent budget-table`
nlohmann::json programme_json(const ProgrammeView &v);
// A programme file's programme on a workspace's ledger, as text (the demo shows it).
std::string format_programme_file(CaseWorkspace &work, const std::string &programme_file);

nlohmann::json risk_json(const cases::RiskResult &r);
// `ascent risk`: the programme's Monte Carlo range (lines net of overlap), stored cases' decided
// reviews narrowing theirs.
std::string format_risk_run(CaseWorkspace &work, const cases::Programme &programme, const cases::RiskOptions &options);
// Every section of a case, its options and its risks (`ascent case show`).
std::string format_case_text(const cases::BusinessCase &c);
// A new draft case as YAML, or JSON when `json`.
std::string new_case_text(const std::string &id, const std::string &title, FinancialYear first, bool as_json);
// `ascent case list`: each stored case's status, category and preferred option's net profile.
std::string format_case_list(CaseWorkspace &work);

} // namespace ascent::app
