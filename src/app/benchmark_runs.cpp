#include "app/benchmark_runs.hpp"

#include <fmt/format.h>

#include "app/case_reports.hpp"
#include "app/national.hpp"
#include "benchmark/ascfr.hpp"
#include "benchmark/compare.hpp"
#include "benchmark/long_format.hpp"
#include "benchmark/projection.hpp"
#include "core/error.hpp"

namespace ascent::app {

std::string demographic_run(Council &council, const std::string &snpp, const std::string &area,
                            const std::vector<benchmark::DemographicScenario> &scenarios, int years, WeeksPerYear weeks,
                            const std::string &output) {
    const auto population = benchmark::read_snpp(snpp, area);
    std::array<benchmark::BandBase, 4> base{};
    const char *bands[] = {"age >= 18 and age <= 64", "age >= 65 and age <= 74", "age >= 75 and age <= 84", "age >= 85"};
    Date as_at;
    for (std::size_t b = 0; b < 4; ++b) {
        const auto cohort = council.cohort(std::string(bands[b]) + " and weekly cost > 0", std::nullopt, {0, 0});
        base[b] = {cohort.people, cohort.weekly_cost.pence()};
        as_at = cohort.as_at;
    }
    const auto projection = benchmark::project_demography(population, as_at.year(), base, scenarios, years, weeks);
    std::string out = benchmark::format_demography(population, projection, weeks);
    if (output.ends_with(".xlsx")) write_demographic_xlsx(projection, output);
    else if (!output.empty()) write_document(demographic_document(population, projection, weeks), output);
    if (!output.empty()) out += fmt::format("\nWrote the projection to {}\n", output);
    return out;
}

std::string trend_run(const std::string &trend_file, const std::string &method, const std::string &output) {
    auto model = benchmark::read_trend_file(trend_file);
    if (!method.empty()) {
        if (method != "straight_line" && method != "compound") throw input_error("--method must be straight_line or compound");
        model.method = method == "compound" ? benchmark::TrendMethod::compound : benchmark::TrendMethod::straight_line;
    }
    const auto projection = benchmark::project(model);
    std::string out = benchmark::format_projection(model, projection);
    if (!output.empty()) {
        if (output.ends_with(".xlsx")) throw input_error("a trend projection is written as .html or .pdf");
        write_document(trend_document(model, projection), output);
        out += fmt::format("\nWrote the projection to {}\n", output);
    }
    return out;
}

std::string benchmark_run(const BenchmarkRequest &r) {
    auto national = load_national(r.sources);
    std::string out;
    for (const auto &note : national.notes) out += note + (note.starts_with("ASC-FR") ? "\n\n" : "\n");
    const auto &data = national.data;
    const auto &population_years = national.population_years;
    const auto council = council_in(data, r.council, r.sources.ascof);
    const int year = comparison_year(data, council, r.year);
    const auto kind = r.list.empty() ? benchmark::parse_peer_kind(r.kind) : std::optional(benchmark::PeerKind::list);
    if (!kind) throw input_error("--peers must be region, type or nearest (or give --list), not '" + r.kind + "'");
    const auto group = benchmark::peers_of(data, council, *kind, year, r.list, r.nearest);
    if (r.peers_only) return out + benchmark::format_peers(data, council, group);
    const auto comparison = benchmark::compare(data, council, group, year);
    out += benchmark::format_comparison(data, comparison);
    if (r.ledger_db) {
        // The population of the comparison's year, or the latest before it.
        const benchmark::PopulationYear *population = nullptr;
        for (const auto &y : population_years)
            if (y.mid_year <= year) population = &y;
        Council ledger(*r.ledger_db);
        out += ledger_beside_national(ledger, data, comparison, population);
    }
    if (r.output.ends_with(".xlsx")) write_benchmark_xlsx(data, comparison, r.output);
    else if (!r.output.empty()) write_document(benchmark_document(data, comparison), r.output);
    if (!r.output.empty()) out += fmt::format("\nWrote the comparison to {}\n", r.output);
    return out;
}

} // namespace ascent::app
