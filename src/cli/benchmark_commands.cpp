#include "cli/benchmark_commands.hpp"

#include <fmt/format.h>

#include <iostream>

#include "benchmark/compare.hpp"
#include "app/case_reports.hpp"
#include "app/council.hpp"
#include "app/national.hpp"
#include "benchmark/demographic.hpp"
#include "benchmark/long_format.hpp"
#include "cli/option_values.hpp"
#include "benchmark/ascfr.hpp"
#include "benchmark/projection.hpp"
#include "core/money.hpp"

#include <algorithm>
#include "core/error.hpp"

namespace ascent::cli {

BenchmarkCommands::BenchmarkCommands(CLI::App &app, const std::string &db) : db_(db) {
    auto *project = app.add_subcommand("project", "Demand and cost projections");
    project->require_subcommand(1);
    trend_ = project->add_subcommand("trend", "Project client numbers and unit costs by care type from observed years, and cost them");
    trend_->add_option("model", trend_file_, "Trend model (YAML: observed years, project_to, series)")->required()->check(CLI::ExistingFile);
    trend_->add_option("--method", method_, "straight_line or compound (default: the model's)");
    demographic_ = project->add_subcommand("demographic", "Population projection × the ledger's take-up by age band × unit cost with inflation");
    demographic_->add_option("--snpp", snpp_, "Population projection in the ONS SNPP layout (CSV or XLSX)")->required()->check(CLI::ExistingFile);
    demographic_->add_option("--area", area_, "The council's ONS area code in that file, e.g. E08000002")->required();
    demographic_->add_option("--years", years_, "Years to project from the ledger's year")->capture_default_str();
    demographic_->add_option("--scenario", scenarios_, "NAME=INFLATION%,TAKE-UP% a year, e.g. central=3%,0% (default: central=0%,0%)");
    demographic_->add_option("--weeks", weeks_, "Weeks per year: 52, 52.14, 52.143 or 365/7")->capture_default_str();
    for (auto *command : {trend_, demographic_})
        command->add_option("-o,--output", output_, "Also write the projection to this .html or .pdf (with a chart) or .xlsx file");
    benchmark_ = app.add_subcommand("benchmark", "A council against its comparators on the national ASCOF measures");
    peers_ = app.add_subcommand("peers", "A council's comparator group, and why each council is in it");
    benchmark_->add_flag("--ledger", ledger_, "Also show the ledger's own measures and size the admissions gaps from it (--db)");
    benchmark_->add_option("-o,--output", output_, "Also write the comparison to this .html, .pdf (with charts) or .xlsx file");
    for (auto *command : {benchmark_, peers_}) {
        command->add_option("--ascof", ascof_, "Folder with the published ASCOF files (trend_data.csv, ons_codes.csv)")
            ->required()->check(CLI::ExistingDirectory);
        command->add_option("--council", council_, "The council: name, LA code or ONS code")->required();
        command->add_option("--peers", kind_, "Comparators: region, type or nearest; or list them with --list")->capture_default_str();
        command->add_option("--list", list_, "Comparator councils by name or code (instead of --peers)");
        command->add_option("--nearest", nearest_, "How many nearest neighbours")->capture_default_str();
        command->add_option("--year", year_, "ASCOF year, e.g. 2022-23 (default: the council's latest)");
        command->add_option("--ascfr", ascfr_, "ASC-FR key-coded totals file (CSV ASCFR Totals.csv): adds spend per head")
            ->check(CLI::ExistingFile);
        command->add_option("--ascfr-2014", ascfr_2014_, "The 2014-15 ASC-FR expenditure file with descriptions (with --ascfr): a second year")
            ->check(CLI::ExistingFile);
        command->add_option("--population", population_, "Folder of ONS mid-year estimate workbooks (needed with --ascfr)")
            ->check(CLI::ExistingDirectory);
        command->add_option("--add", add_, "A benchmark mapping (YAML): another long-format file's measures, e.g. an LG Inform export")
            ->check(CLI::ExistingFile);
        command->add_option("--measures", measures_file_, "A measure list (YAML) instead of the built-in one")->check(CLI::ExistingFile);
    }
}

std::optional<int> BenchmarkCommands::run() {
    if (*demographic_) {
        const auto weeks = parse_weeks(weeks_);
        std::vector<benchmark::DemographicScenario> scenarios;
        for (const auto &text : scenarios_.empty() ? std::vector<std::string>{"central=0%,0%"} : scenarios_) {
            const auto eq = text.find('='), comma = text.find(',');
            const auto inflation =
                eq != std::string::npos && comma != std::string::npos ? parse_percent(text.substr(eq + 1, comma - eq - 1)) : std::nullopt;
            const auto take_up = comma != std::string::npos ? parse_percent(text.substr(comma + 1)) : std::nullopt;
            if (!inflation || !take_up) throw input_error("--scenario must be NAME=INFLATION%,TAKE-UP%, e.g. high=4%,1%, not '" + text + "'");
            scenarios.push_back({text.substr(0, eq), *inflation, *take_up});
        }
        const auto population = benchmark::read_snpp(snpp_, area_);
        app::Council council(db_);
        std::array<benchmark::BandBase, 4> base{};
        const char *bands[] = {"age >= 18 and age <= 64", "age >= 65 and age <= 74", "age >= 75 and age <= 84", "age >= 85"};
        Date as_at;
        for (std::size_t b = 0; b < 4; ++b) {
            const auto cohort = council.cohort(std::string(bands[b]) + " and weekly cost > 0", std::nullopt, {0, 0});
            base[b] = {cohort.people, cohort.weekly_cost.pence()};
            as_at = cohort.as_at;
        }
        const auto projection = benchmark::project_demography(population, as_at.year(), base, scenarios, years_, weeks);
        std::cout << benchmark::format_demography(population, projection, weeks);
        if (output_.ends_with(".xlsx")) app::write_demographic_xlsx(projection, output_);
        else if (!output_.empty()) app::write_document(app::demographic_document(population, projection, weeks), output_);
        if (!output_.empty()) std::cout << fmt::format("\nWrote the projection to {}\n", output_);
        return 0;
    }
    if (*trend_) {
        auto model = benchmark::read_trend_file(trend_file_);
        if (!method_.empty()) {
            if (method_ != "straight_line" && method_ != "compound") throw input_error("--method must be straight_line or compound");
            model.method = method_ == "compound" ? benchmark::TrendMethod::compound : benchmark::TrendMethod::straight_line;
        }
        const auto projection = benchmark::project(model);
        std::cout << benchmark::format_projection(model, projection);
        if (!output_.empty()) {
            if (output_.ends_with(".xlsx")) throw input_error("a trend projection is written as .html or .pdf");
            app::write_document(app::trend_document(model, projection), output_);
            std::cout << fmt::format("\nWrote the projection to {}\n", output_);
        }
        return 0;
    }
    if (!*benchmark_ && !*peers_) return std::nullopt;
    auto national = app::load_national({ascof_, measures_file_, add_, ascfr_, ascfr_2014_, population_});
    for (const auto &note : national.notes) std::cout << note << (note.starts_with("ASC-FR") ? "\n\n" : "\n");
    const auto &data = national.data;
    const auto &population_years = national.population_years;
    const auto council = app::council_in(data, council_, ascof_);
    const int year = app::comparison_year(data, council, year_);
    const auto kind = list_.empty() ? benchmark::parse_peer_kind(kind_) : std::optional(benchmark::PeerKind::list);
    if (!kind) throw input_error("--peers must be region, type or nearest (or give --list), not '" + kind_ + "'");
    const auto group = benchmark::peers_of(data, council, *kind, year, list_, nearest_);
    if (*peers_) std::cout << benchmark::format_peers(data, council, group);
    else {
        const auto comparison = benchmark::compare(data, council, group, year);
        std::cout << benchmark::format_comparison(data, comparison);
        if (ledger_) {
            // The population of the comparison's year, or the latest before it.
            const benchmark::PopulationYear *population = nullptr;
            for (const auto &y : population_years)
                if (y.mid_year <= year) population = &y;
            app::Council ledger(db_);
            std::cout << app::ledger_beside_national(ledger, data, comparison, population);
        }
        if (output_.ends_with(".xlsx")) app::write_benchmark_xlsx(data, comparison, output_);
        else if (!output_.empty()) app::write_document(app::benchmark_document(data, comparison), output_);
        if (!output_.empty()) std::cout << fmt::format("\nWrote the comparison to {}\n", output_);
    }
    return 0;
}

} // namespace ascent::cli
