#include "cli/benchmark_commands.hpp"

#include <fmt/format.h>

#include <iostream>

#include "app/benchmark_runs.hpp"
#include "app/national.hpp"
#include "cli/option_values.hpp"
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
    demographic_->add_option("--weeks", weeks_, k_weeks_help);
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
        std::vector<benchmark::DemographicScenario> scenarios;
        for (const auto &text : scenarios_.empty() ? std::vector<std::string>{"central=0%,0%"} : scenarios_) {
            const auto eq = text.find('='), comma = text.find(',');
            const auto inflation =
                eq != std::string::npos && comma != std::string::npos ? parse_percent(text.substr(eq + 1, comma - eq - 1)) : std::nullopt;
            const auto take_up = comma != std::string::npos ? parse_percent(text.substr(comma + 1)) : std::nullopt;
            if (!inflation || !take_up) throw input_error("--scenario must be NAME=INFLATION%,TAKE-UP%, e.g. high=4%,1%, not '" + text + "'");
            scenarios.push_back({text.substr(0, eq), *inflation, *take_up});
        }
        app::Council council(db_);
        const auto weeks = weeks_of(council, weeks_);
        std::cout << app::demographic_run(council, snpp_, area_, scenarios, years_, weeks, output_);
        return 0;
    }
    if (*trend_) {
        std::cout << app::trend_run(trend_file_, method_, output_);
        return 0;
    }
    if (!*benchmark_ && !*peers_) return std::nullopt;
    std::cout << app::benchmark_run({{ascof_, measures_file_, add_, ascfr_, ascfr_2014_, population_}, council_, kind_, year_, list_, nearest_,
                                     static_cast<bool>(*peers_), ledger_ ? std::optional(db_) : std::nullopt, output_});
    return 0;
}

} // namespace ascent::cli
