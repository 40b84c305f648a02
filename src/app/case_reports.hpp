// Reports of business cases and programmes: the budget proposals table as XLSX (with SUM formulas
// for every subtotal) and PDF, and a business case as HTML or PDF with a chart of its profile.
#pragma once

#include <string>
#include <vector>

#include "benchmark/compare.hpp"
#include "benchmark/demographic.hpp"
#include "benchmark/population.hpp"
#include "benchmark/projection.hpp"
#include "cases/programme.hpp"
#include "delivery/realised.hpp"
#include "report/document.hpp"

namespace ascent::app {

void write_budget_table_xlsx(const cases::BudgetTable &table, const std::vector<cases::Check> &checks, const std::string &path);

// A business case as a report: every section, each option's financial table with its workings, a
// chart of the preferred option's net saving by year, the stated figures checked, risks,
// milestones, consultation and the equality checklist.
report::Document case_document(const cases::BusinessCase &c, const std::vector<cases::Profile> &profiles,
                               const std::vector<cases::Check> &checks);
// The budget proposals table as a report (landscape), £000 to 1 dp, with its subtotals.
report::Document budget_table_document(const cases::BudgetTable &table);
// The programme summary as a report: each case's net saving by year, by category and directorate,
// the targets, and a chart of the programme's net saving by year.
report::Document programme_document(const cases::Programme &programme, const cases::BudgetTable &table);
// A benchmark comparison as a report: the table, and for each measure in the bottom quartile a chart
// of the council among its comparators (highlighted) and its trend against their mean.
report::Document benchmark_document(const benchmark::NationalData &data, const benchmark::Comparison &comparison);
// The comparison, every comparator's value and the group with the reasons, as XLSX.
void write_benchmark_xlsx(const benchmark::NationalData &data, const benchmark::Comparison &comparison, const std::string &path);
class Council;
// The council's ledger beside the national comparison: local metrics with their definitions, and the
// admissions gaps to the comparators' mean sized in people and money (with the population of the
// council's code, when given).
std::string ledger_beside_national(Council &council, const benchmark::NationalData &data, const benchmark::Comparison &comparison,
                                   const benchmark::PopulationYear *population);
// A trend projection: its tables, a chart of the cost a year and the printed figures that differ.
report::Document trend_document(const benchmark::TrendModel &model, const benchmark::Projection &projection);
// A demographic projection: each scenario's clients and cost by year, and the fan of scenarios.
report::Document demographic_document(const benchmark::PopulationProjection &population, const benchmark::DemographicProjection &projection,
                                      WeeksPerYear weeks);
void write_demographic_xlsx(const benchmark::DemographicProjection &projection, const std::string &path);
// The monthly board pack: delivery against target by case with RAG and a chart, the largest
// movements, the cases' high risks, and the review team.
report::Document board_pack(Council &council, WeeksPerYear weeks, delivery::RagRule rule);
// .html or .pdf, by the file's extension.
void write_document(const report::Document &doc, const std::string &path);
std::string document_html(const report::Document &doc);
// A whole file: one a use case wrote (a report, a spreadsheet) to send, or an input; `what` names it in errors.
std::string read_file(const std::string &path, std::string_view what);

} // namespace ascent::app
