// Reports of business cases and programmes: the budget proposals table as XLSX (with SUM formulas
// for every subtotal) and a business case as a self-contained HTML page with a chart of its profile.
#pragma once

#include <string>
#include <vector>

#include "cases/programme.hpp"

namespace ascent::app {

void write_budget_table_xlsx(const cases::BudgetTable &table, const std::vector<cases::Check> &checks, const std::string &path);

// The case's every section, each option's financial table and a bar chart of the preferred
// option's net profile (inline SVG), and the stated figures checked.
std::string case_html(const cases::BusinessCase &c, const std::vector<cases::Profile> &profiles,
                      const std::vector<cases::Check> &checks);

} // namespace ascent::app
