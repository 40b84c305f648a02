// A savings programme: many cases rolled up by financial year, category, service and directorate,
// and the budget proposals table in the layout of the council document's appendix 4 (savings by
// directorate, service and category over three years, subtotals, risk to delivery, impacts).
//
// A programme file lists case files and, for proposals that have no full case, budget lines
// (title, how, yearly savings); both become cases. The yearly figure in the table is each case's
// preferred option's net saving on the incremental basis (the change on the year before), so a
// row's years add up to its total over the period.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cases/reconcile.hpp"

namespace ascent::cases {

// A subtotal as the document prints it: for a directorate, a service within it, and optionally a
// category within the service.
struct StatedSubtotal {
    std::string directorate, service;
    std::optional<Category> category;
    std::vector<StatedAmount> years;
    std::optional<StatedAmount> total;
};

struct Programme {
    std::string name;
    FinancialYear first_year{0};
    int years = 3;
    std::vector<BusinessCase> cases;
    std::vector<std::optional<StatedAmount>> stated_totals; // one per case: the row's printed total
    std::vector<StatedSubtotal> stated;
    std::vector<std::pair<FinancialYear, int64_t>> targets; // pence: the programme's net saving to find, by year
};

Programme read_programme(std::string_view text, const std::string &path);
Programme read_programme_file(const std::string &path);
// A programme of the given cases over `years` from the earliest case's first year.
Programme programme_of(std::vector<BusinessCase> cases, int years = 3);

struct BudgetRow {
    std::string id, title, how_achieved, directorate, service;
    Category category = Category::efficiency;
    std::vector<int64_t> years;  // pence, incremental net saving by programme year
    int64_t total = 0;
    Rating risk = Rating::medium;
    std::string staff, property, service_delivery;
};

struct BudgetTable {
    std::string name;
    std::vector<FinancialYear> years;
    std::vector<BudgetRow> rows;  // grouped: directorate, then service, then category (first appearance; categories in order)
};

BudgetTable budget_table(const Programme &programme, const CohortLookup &cohorts = {});

// Sums of the rows matching a directorate, service (empty: any) and category (none: any), by year.
std::vector<int64_t> subtotal(const BudgetTable &table, const std::string &directorate, const std::string &service,
                              std::optional<Category> category);

// Every row added up by year; and by category, for the categories present, in their order.
std::vector<int64_t> total_by_year(const BudgetTable &table);
std::vector<std::pair<Category, std::vector<int64_t>>> by_category(const BudgetTable &table);

// Each row's printed total and each printed subtotal against the rows.
std::vector<Check> reconcile(const Programme &programme, const BudgetTable &table);

// £000 to 1 dp as a budget table prints them ("1,125.5"), rounded half-up for display only.
std::string thousands_figure(int64_t pence);

// Walks the table in print order: each directorate, service and category opened, its rows, and
// closed with its subtotal (a category's close also gets its rows' index range [first, last)).
enum class BudgetLevel { directorate, service, category };
struct BudgetWalker {
    std::function<void(BudgetLevel, const std::string &)> open;
    std::function<void(const BudgetRow &)> row;
    std::function<void(BudgetLevel, const std::string &, const std::vector<int64_t> &, std::size_t first, std::size_t last)> close;
};
void walk(const BudgetTable &table, const BudgetWalker &walker);

// The table as text, £000 to 1 dp, with subtotals by category and service and directorate totals.
std::string format_budget_table(const BudgetTable &table, const std::vector<Check> &checks);
// Each case's net saving by year, then by category and directorate, and against the targets.
std::string format_programme(const Programme &programme, const BudgetTable &table);

} // namespace ascent::cases
