#include "cli/charging_commands.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>

#include "app/council.hpp"
#include "cli/option_values.hpp"
#include "core/error.hpp"

namespace ascent::cli {

namespace {

void add_parameters_option(CLI::App *command, std::vector<std::string> &files) {
    command->add_option("--parameters", files, "Extra parameter file(s) for this run, over the built-in and the ledger's")
        ->check(CLI::ExistingFile);
}

} // namespace

ChargingCommands::ChargingCommands(CLI::App &app, const std::string &db) : db_(db) {
    assess_ = app.add_subcommand("assess", "A Care Act financial assessment, explained: a ledger person, or cases in a file");
    assess_->add_option("person", person_, "The person's LA id (from the ledger's finances extract)");
    assess_->add_option("--case", case_file_, "Case file (YAML: defaults and cases) instead of a ledger person")
        ->check(CLI::ExistingFile);
    assess_->add_option("--id", case_id_, "Only this case of the file");
    assess_->add_option("--on", on_, "Date of the assessment (default: the ledger's date)");
    add_parameters_option(assess_, parameter_files_);

    auto *charging = app.add_subcommand("charging", "Charging policy: simulate, uprate, reassessment backlog, parameters");
    charging->require_subcommand(1);
    simulate_ = charging->add_subcommand("simulate", "Run policy options over every financial assessment");
    simulate_->add_option("options", options_file_, "Options file (YAML: name, date, options each with the parameters it sets)")
        ->required()->check(CLI::ExistingFile);
    simulate_->add_option("--caseload", case_file_, "Caseload (a case file) instead of the ledger's people")
        ->check(CLI::ExistingFile);
    simulate_->add_option("-o,--output", output_, "Also write the results and income lines to this .xlsx file");
    add_parameters_option(simulate_, parameter_files_);

    uprate_ = charging->add_subcommand("uprate", "Re-run every assessment under next year's parameters (a preview unless --apply)");
    uprate_->add_option("--to", to_, "Financial year to uprate to, e.g. 2026/27")->required();
    uprate_->add_flag("--preview", preview_, "Show who changes and by how much without storing anything (the default)");
    uprate_->add_flag("--apply", apply_, "Store the new charges and an audit record of the run");
    uprate_->add_option("--from", from_, "Date the new charges take effect (default: when all the year's figures are in force)");
    uprate_->add_option("--by", run_by_, "Who is applying it, for the audit record (default: $USER)");
    uprate_->add_option("--limit", limit_, "People to list")->capture_default_str();
    uprate_->add_option("--weeks", weeks_, k_weeks_help);
    uprate_->add_option("-o,--output", output_, "Also write every person's change and the income lines to this .xlsx file");
    add_parameters_option(uprate_, parameter_files_);

    backlog_ = charging->add_subcommand("backlog", "Project reassessments and income from clearing overdue reassessments");
    backlog_->add_option("model", model_file_, "Backlog model (YAML: first year, weeks, the backlog or 'ledger', options by year or by officers)")
        ->required()->check(CLI::ExistingFile);
    backlog_->add_option("-o,--output", output_, "Also write the projection and income lines to this .xlsx file");

    auto *parameters = charging->add_subcommand("parameters", "The council's charging parameter files in the ledger");
    parameters->require_subcommand(1);
    load_ = parameters->add_subcommand("load", "Check a parameter file and store it in the ledger (it applies from now on)");
    load_->add_option("file", file_, "Parameter file (YAML)")->required()->check(CLI::ExistingFile);
    list_ = parameters->add_subcommand("list", "The parameter files in force, in order");
    runs_ = charging->add_subcommand("runs", "Applied charging runs: who, when, parameters and totals (the audit record)");
}

std::optional<int> ChargingCommands::run() {
    if (*assess_) {
        if (!case_file_.empty()) {
            std::cout << app::assess_case_file(case_file_, parameter_files_, case_id_);
            return 0;
        }
        if (person_.empty()) throw input_error("assess needs a person id, or --case FILE");
        app::Council council(db_);
        std::cout << council.assess_person(person_, optional_date(on_, "--on"), parameter_files_);
        return 0;
    }
    if (*simulate_) {
        charging::Simulation s;
        if (!case_file_.empty()) {
            s = app::simulate_charging(options_file_, case_file_, parameter_files_);
        } else {
            app::Council council(db_);
            s = council.simulate_charging(options_file_, parameter_files_);
        }
        std::cout << charging::format_simulation(s);
        if (!output_.empty()) {
            app::write_simulation_xlsx(s, output_);
            std::cout << "Wrote " << output_ << "\n";
        }
        return 0;
    }
    if (*uprate_) {
        if (preview_ && apply_) throw input_error("--preview and --apply cannot be used together");
        const auto to = FinancialYear::parse(to_);
        if (!to) throw input_error("--to must be a financial year such as 2026/27, not '" + to_ + "'");
        const char *user = std::getenv("USER");
        const std::string by = !run_by_.empty() ? run_by_ : user != nullptr ? user : "unknown";
        app::Council council(db_);
        const auto weeks = weeks_of(council, weeks_);
        const auto outcome = council.uprate(*to, optional_date(from_, "--from"), apply_, by, parameter_files_);
        std::cout << charging::format_uprating(outcome.uprating, outcome.caseload, weeks, limit_);
        if (!output_.empty()) {
            app::write_uprating_xlsx(outcome, weeks, output_);
            std::cout << "Wrote " << output_ << "\n";
        }
        std::cout << (apply_ ? fmt::format("\nApplied: charging run #{} stored with every old and new charge.\n", outcome.run_id)
                             : std::string("\nPreview only: nothing stored. Run with --apply to store the new charges.\n"));
        return 0;
    }
    if (*backlog_) {
        const auto [model, cohort] = app::read_backlog_model(model_file_, db_);
        const auto projections = charging::project(model);
        std::cout << charging::format_backlog(model, projections, cohort);
        if (!output_.empty()) {
            app::write_backlog_xlsx(model, projections, output_);
            std::cout << "Wrote " << output_ << "\n";
        }
        return 0;
    }
    if (*load_) {
        app::Council council(db_);
        const auto f = council.load_parameter_file(file_);
        std::cout << fmt::format("Stored {} (SHA-256 {}) as parameter file #{}; it applies to every charging result from now on.\n",
                                 f.file_name, f.sha256.substr(0, 12), f.id);
        return 0;
    }
    if (*list_) {
        app::Council council(db_);
        const auto parameters = council.charging_parameters();
        for (const auto &s : parameters.sources()) std::cout << s << "\n";
        return 0;
    }
    if (*runs_) {
        app::Council council(db_);
        for (const auto &r : council.charging_runs())
            std::cout << fmt::format("#{} {} {} by {}: {}, effective {}; {} assessments, {} changed; weekly {} → {}\n  parameters: {}\n",
                                     r.id, r.run_at, r.kind, r.run_by, r.description, r.effective_from.uk(), r.cases, r.changed,
                                     format_pence(Money::from_pence(r.weekly_before)),
                                     format_pence(Money::from_pence(r.weekly_after)), r.parameters);
        return 0;
    }
    return std::nullopt;
}

} // namespace ascent::cli
