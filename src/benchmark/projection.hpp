// Trend projections of client numbers and unit costs by care type (Cambridgeshire A/R.6.172):
// from two or more observed years, project each series forward and cost the result.
//
// Methods: a straight line (through two years; the least-squares line through more), or compound
// growth at the mean of the observed year-on-year ratios. Values are exact decimals held in
// millionths; each projected value is rounded half-up once to a millionth; weekly cost is clients
// × unit cost, and a year's cost is that × the weeks-per-year convention, rounded once to the penny.
// Every figure the file states (a series' printed values, a printed total row) is checked at the
// precision it is printed to, and a total row that is not the sum of the rows above it is reported.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/business_case.hpp"
#include "core/annualise.hpp"

namespace ascent::benchmark {

inline constexpr int64_t k_micro = 1'000'000;

enum class TrendMethod { straight_line, compound };

struct Series {
    std::string name;
    std::vector<int64_t> clients, unit_cost;             // observed, millionths (unit cost: £ a week)
    std::vector<cases::StatedAmount> stated_clients, stated_unit_cost; // as printed, every year (optional)
};

struct TrendModel {
    std::string name;
    std::vector<int> observed;                            // start years, consecutive
    int project_to = 0;                                   // last start year to project
    TrendMethod method = TrendMethod::straight_line;
    WeeksPerYear weeks = WeeksPerYear::fifty_two();
    std::vector<Series> series;
    std::vector<cases::StatedAmount> stated_total_clients; // a printed "Total" row, every year (optional)
};

TrendModel read_trend(std::string_view text, const std::string &path);
TrendModel read_trend_file(const std::string &path);

struct SeriesProjection {
    std::string name;
    std::vector<int64_t> clients, unit_cost;  // millionths, every year (observed, then projected)
    std::vector<int64_t> annual_cost;         // pence
};

struct TrendCheck {
    std::string what, stated;
    std::string computed;                     // as the document would print it
    bool agrees = true;
};

struct Projection {
    std::vector<int> years;
    std::size_t observed = 0;
    std::vector<SeriesProjection> series;
    std::vector<int64_t> total_clients;       // millionths
    std::vector<int64_t> total_annual_cost;   // pence
    std::vector<TrendCheck> checks;
};

Projection project(const TrendModel &model);
std::string format_projection(const TrendModel &model, const Projection &projection);

} // namespace ascent::benchmark
