// Projections as reports: a trend projection (its tables, a chart of the cost a year, the printed
// figures checked) and a demographic projection (the base, each scenario's table, and the fan of
// scenarios' cost a year), as HTML or PDF, and both as XLSX.
#include <fmt/format.h>

#include <filesystem>

#include "app/case_reports.hpp"
#include "benchmark/projection.hpp"
#include "core/money.hpp"
#include "io/xlsx_writer.hpp"

namespace ascent::app {

namespace {

std::string whole(int64_t micro) { return group_thousands(divide_rounded(micro, benchmark::k_micro, RoundingMode::half_up)); }
std::string pounds(int64_t pence) { return format_pounds(Money::from_pence(pence)); }
double millions(int64_t pence) { return static_cast<double>(pence) / 100'000'000.0; }

report::Table year_table(const std::string &first, const std::vector<std::string> &years) {
    report::Table t{{first}, {}, {false}, {}, {}};
    for (const auto &y : years) {
        t.header.push_back(y);
        t.numeric.push_back(true);
    }
    return t;
}

} // namespace

report::Document trend_document(const benchmark::TrendModel &model, const benchmark::Projection &p) {
    report::Document doc;
    doc.title = model.name;
    doc.footer = model.name + " · made by ascent";
    doc.blocks.emplace_back(report::Heading{model.name, 1});
    doc.blocks.emplace_back(report::Paragraph{fmt::format(
        "{} from {} observed years; (p) marks projected years. Each value is exact until one rounding; a year's cost is clients × "
        "weekly unit cost × {} weeks, rounded once to the penny.",
        model.method == benchmark::TrendMethod::straight_line ? "Straight-line trend" : "Compound growth", p.observed, model.weeks.name)});
    std::vector<std::string> years;
    for (std::size_t y = 0; y < p.years.size(); ++y) years.push_back(benchmark::year_label(p.years[y]) + (y < p.observed ? "" : " (p)"));
    auto clients = year_table("Clients", years), costs = year_table("Cost a year", years);
    for (const auto &s : p.series) {
        std::vector<std::string> c{s.name}, k{s.name};
        for (std::size_t y = 0; y < p.years.size(); ++y) {
            c.push_back(whole(s.clients[y]));
            k.push_back(pounds(s.annual_cost[y]));
        }
        clients.rows.push_back(std::move(c));
        costs.rows.push_back(std::move(k));
    }
    std::vector<std::string> total_clients{"Total"}, total_cost{"Total"};
    report::BarChart chart{"Cost a year, £m", {}, {"Cost a year"}, {{}}, {{}}, {}};
    for (std::size_t y = 0; y < p.years.size(); ++y) {
        total_clients.push_back(whole(p.total_clients[y]));
        total_cost.push_back(pounds(p.total_annual_cost[y]));
        chart.categories.push_back(years[y]);
        chart.values[0].push_back(millions(p.total_annual_cost[y]));
        chart.labels[0].push_back(format_millions(Money::from_pence(p.total_annual_cost[y]), 2));
    }
    clients.rows.push_back(std::move(total_clients));
    costs.rows.push_back(std::move(total_cost));
    clients.bold_rows.assign(clients.rows.size(), false);
    clients.bold_rows.back() = true;
    costs.bold_rows.assign(costs.rows.size(), false);
    costs.bold_rows.back() = true;
    doc.blocks.emplace_back(std::move(clients));
    doc.blocks.emplace_back(std::move(costs));
    doc.blocks.emplace_back(std::move(chart));
    if (!p.checks.empty()) {
        doc.blocks.emplace_back(report::Heading{"Printed figures checked", 2});
        report::Table checks{{"", "Figure", "Printed", "Computed"}, {}, {false, false, true, true}, {}, {1.2, 6, 1.5, 1.5}};
        for (const auto &c : p.checks)
            if (!c.agrees) {
                checks.rows.push_back({"DIFFERS", c.what, c.stated, c.computed});
                checks.bold_rows.push_back(true);
            }
        const auto agree = std::count_if(p.checks.begin(), p.checks.end(), [](const auto &c) { return c.agrees; });
        doc.blocks.emplace_back(report::Paragraph{fmt::format("{} of {} printed figures agree; those that differ:", agree, p.checks.size())});
        doc.blocks.emplace_back(std::move(checks));
    }
    return doc;
}

report::Document demographic_document(const benchmark::PopulationProjection &population, const benchmark::DemographicProjection &p,
                                      WeeksPerYear weeks) {
    report::Document doc;
    doc.title = fmt::format("Demographic projection for {} ({})", population.area_name, population.area_code);
    doc.footer = doc.title + " · made by ascent";
    doc.blocks.emplace_back(report::Heading{doc.title, 1});
    doc.blocks.emplace_back(report::Paragraph{fmt::format(
        "Population by age band from {} × the ledger's take-up by band in {} × their average weekly cost, with each scenario's inflation "
        "(rounded to the penny each year) and change in take-up; {} weeks a year. The growth on {} is the growth-avoidance baseline.",
        std::filesystem::path(population.file).filename().string(), p.base_year, weeks.name, p.base_year)});
    std::vector<std::string> years;
    for (const int y : p.years) years.push_back(std::to_string(y));
    report::BarChart fan{"Growth on the base year by scenario, £m (the fan of scenarios)", years, {}, {}, {}, {}};
    for (const auto &s : p.scenarios) {
        doc.blocks.emplace_back(report::Heading{"Scenario: " + s.name, 2});
        auto t = year_table("", years);
        std::vector<std::vector<std::string>> rows(6);
        for (std::size_t b = 0; b < 4; ++b) rows[b].push_back(std::string("Clients ") + benchmark::k_age_bands[b]);
        rows[4].push_back("Cost a year");
        rows[5].push_back("Growth on base");
        fan.series.push_back(s.name);
        fan.values.emplace_back();
        fan.labels.emplace_back();
        for (std::size_t y = 0; y < p.years.size(); ++y) {
            for (std::size_t b = 0; b < 4; ++b) rows[b].push_back(whole(s.clients[y][b]));
            rows[4].push_back(pounds(s.annual_cost[y]));
            rows[5].push_back(pounds(s.annual_cost[y] - s.annual_cost.front()));
            fan.values.back().push_back(millions(s.annual_cost[y] - s.annual_cost.front()));
            fan.labels.back().push_back(format_millions(Money::from_pence(s.annual_cost[y] - s.annual_cost.front()), 1));
        }
        t.rows = std::move(rows);
        t.bold_rows = {false, false, false, false, true, true};
        doc.blocks.emplace_back(std::move(t));
    }
    doc.blocks.emplace_back(std::move(fan));
    return doc;
}

void write_demographic_xlsx(const benchmark::DemographicProjection &p, const std::string &path) {
    io::Sheet sheet{"Projection", {"Scenario", "Year", "Clients 18-64", "Clients 65-74", "Clients 75-84", "Clients 85+", "Cost a year",
                                   "Growth on base"}, {}};
    for (const auto &s : p.scenarios)
        for (std::size_t y = 0; y < p.years.size(); ++y) {
            std::vector<io::Cell> row{s.name, static_cast<int64_t>(p.years[y])};
            for (std::size_t b = 0; b < 4; ++b) row.emplace_back(io::Decimal{s.clients[y][b], 6});
            row.emplace_back(io::Pence{s.annual_cost[y]});
            row.emplace_back(io::Pence{s.annual_cost[y] - s.annual_cost.front()});
            sheet.rows.push_back(std::move(row));
        }
    io::write_workbook(path, {sheet}, {{"Base year", std::to_string(p.base_year)}, {"Made by", "ascent project demographic"}});
}

} // namespace ascent::app
