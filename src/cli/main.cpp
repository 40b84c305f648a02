// ascent: the command-line front end. It uses only the application API (app/council.hpp).
//
// Exit codes: 0 success; 1 the data has errors (validation failed, import refused);
// 2 bad usage or an unreadable input; 3 a database error; 4 an internal error.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/council.hpp"
#include "app/programme_view.hpp"
#include "cli/benchmark_commands.hpp"
#include "cli/case_commands.hpp"
#include "cli/account_commands.hpp"
#include "cli/commissioning_commands.hpp"
#include "cli/dps_commands.hpp"
#include "cli/progression_commands.hpp"
#include "cli/serve_command.hpp"
#include "cli/delivery_commands.hpp"
#include "cli/evidence_commands.hpp"
#include "cli/charging_commands.hpp"
#include "cli/option_values.hpp"
#include "cli/progress_bar.hpp"
#include "core/error.hpp"

namespace {

using namespace ascent;

constexpr int k_exit_data = 1, k_exit_input = 2, k_exit_storage = 3, k_exit_internal = 4;

int exit_code_for(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::input: return k_exit_input;
    case ErrorKind::data: return k_exit_data;
    case ErrorKind::storage: return k_exit_storage;
    case ErrorKind::internal: return k_exit_internal;
    }
    return k_exit_internal;
}

using cli::parse_weeks;

// --as-at, if given; nothing means "the ledger's own date".
std::optional<Date> parse_as_at(const std::string &text) { return cli::optional_date(text, "--as-at"); }

app::Progress progress_to(cli::ProgressBar &bar) {
    return [&bar](std::string_view stage, uint64_t done, uint64_t total) { bar.update(stage, done, total); };
}

// A pseudonym key from a file: its text without the trailing newline; at least 16 characters.
std::string read_key(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
    if (key.size() < 16) throw input_error(path + ": a pseudonym key must be at least 16 characters");
    return key;
}

int print_outcome(const app::ImportOutcome &outcome) {
    std::cout << app::format_outcome(outcome);
    return outcome.written || outcome.already_imported || outcome.restored ? 0 : k_exit_data;
}

} // namespace

int main(int argc, char **argv) {
    CLI::App cli{"ascent: a savings engine for English councils' adult social care.\n"
                 "Loads the council's CLD return and package extracts into a care ledger and summarises it."};
    cli.require_subcommand(1);
    cli.footer("\nExamples:\n"
               "  ascent demo --profile bury\n"
               "  ascent --db council.db validate cld.csv\n"
               "  ascent --db council.db import cld cld.csv\n"
               "  ascent --db council.db import extract packages.xlsx --mapping mosaic.yaml\n"
               "  ascent --db council.db summary --weeks 52\n"
               "  ascent --db council.db cohort \"support reason is LD and age >= 65\"\n"
               "  ascent --db council.db opportunities\n"
               "  ascent --db council.db cohort high_cost_1800\n"
               "  ascent --db council.db explain P0000123\n"
               "  ascent --db council.db worklist high_cost_1800 -o reviews.xlsx --pseudonymise --key-file key.txt\n"
               "  ascent rules export > levers.yaml   (edit, then add --rules levers.yaml)\n"
               "  ascent --db council.db assess P0000123\n"
               "  ascent assess --case cases.yaml --id base\n"
               "  ascent --db council.db charging simulate options.yaml -o options.xlsx\n"
               "  ascent --db council.db charging uprate --to 2026/27 --preview\n"
               "  ascent charging backlog reassessments.yaml\n"
               "\nExit codes: 0 success; 1 the data has errors; 2 bad usage or unreadable input;\n"
               "3 database error; 4 internal error.");
    std::string db = std::getenv("ASCENT_DB") != nullptr ? std::getenv("ASCENT_DB") : "ascent.db";
    cli.add_option("--db", db, "Ledger database file (default: $ASCENT_DB or ascent.db)");
    std::string weeks_text; // empty: the council's setting weeks_per_year
    std::string as_at_text;
    bool skip_invalid = false;

    auto *demo = cli.add_subcommand("demo", "Generate the demo council, import it through the real import path and "
                                            "show its summary");
    demo::DemoOptions demo_options;
    std::string demo_dir = "demo-council";
    std::string release = "r2";
    demo->add_option("--dir", demo_dir, "Directory for the generated files")->capture_default_str();
    demo->add_option("--profile", demo_options.profile, "county, bury, cambridgeshire or kent")->capture_default_str();
    demo->add_option("--people", demo_options.people, "Number of people (default: the profile's own size)");
    demo->add_option("--seed", demo_options.seed, "Random seed; the same seed gives the same council")->capture_default_str();
    demo->add_option("--history", demo_options.history_lines, "Ended service lines per person on average")->capture_default_str();
    demo->add_option("--release", release, "CLD wording to write: r1 or r2")->check(CLI::IsMember({"r1", "r2"}))->capture_default_str();
    demo->add_option("--weeks", weeks_text, "Weeks a year for this run's annual figures: 52, 52.14, 52.143 or 365/7 "
                                            "(default: the council's setting weeks_per_year)");

    auto *validate = cli.add_subcommand("validate", "Check a CLD file or an extract without importing it (dry run)");
    std::string file, mapping;
    validate->add_option("file", file, "CSV or XLSX file")->required()->check(CLI::ExistingFile);
    validate->add_option("--mapping", mapping, "Column mapping (YAML) for an extract; omit for a CLD file")->check(CLI::ExistingFile);

    auto *import = cli.add_subcommand("import", "Import a CLD file or a package extract into the ledger");
    import->require_subcommand(1);
    auto *import_cld = import->add_subcommand("cld", "Import a CLD return (Release 1 or 2, CSV or XLSX)");
    import_cld->add_option("file", file, "CSV or XLSX file")->required()->check(CLI::ExistingFile);
    import_cld->add_flag("--skip-invalid-rows", skip_invalid, "Import the valid rows even if some rows have errors");
    std::string accept_change;
    bool keep_as_history = false;
    import_cld->add_option("--accept-change", accept_change,
                           "Your reason for accepting a change in people, open lines or weekly cost beyond the "
                           "council's import.max_change (kept in the audit trail)");
    import_cld->add_flag("--history", keep_as_history, "Keep the file as a snapshot without making it current");
    auto *import_restore = import->add_subcommand("restore", "Make an earlier CLD snapshot current again (see `imports`)");
    int64_t snapshot_id = 0;
    import_restore->add_option("snapshot", snapshot_id, "The snapshot's import number")->required();
    auto *import_extract = import->add_subcommand("extract", "Import a supplementary extract through a column mapping");
    import_extract->add_option("file", file, "CSV or XLSX file")->required()->check(CLI::ExistingFile);
    import_extract->add_option("--mapping", mapping, "Column mapping (YAML)")->required()->check(CLI::ExistingFile);
    import_extract->add_flag("--skip-invalid-rows", skip_invalid, "Import the valid rows even if some rows have errors");

    auto *summary = cli.add_subcommand("summary", "People, settings, cost bands, providers and imports of the ledger");
    summary->add_option("--as-at", as_at_text, "Date to summarise (default: end of the latest CLD reporting period)");
    summary->add_option("--weeks", weeks_text, "Weeks a year for this run's annual figures: 52, 52.14, 52.143 or 365/7 "
                                               "(default: the council's setting weeks_per_year)");

    auto *history = cli.add_subcommand("imports", "The import history: every CLD snapshot, which is current, and every extract");

    auto *settings = cli.add_subcommand("settings", "The council's settings for this ledger");
    auto *settings_set = settings->add_subcommand("set", "Change a setting (audited)");
    std::string setting_key, setting_value;
    settings_set->add_option("key", setting_key, "weeks_per_year, levers or import.max_change")->required();
    settings_set->add_option("value", setting_value, "e.g. 52 (weeks_per_year), levers.yaml or built-in (levers), 25% (import.max_change)")
        ->required();

    auto *cohort = cli.add_subcommand("cohort", "The people a cohort expression selects, highest weekly cost first");
    std::string expression;
    std::size_t limit = 20, offset = 0;
    bool list_fields = false;
    cohort->add_option("expression", expression, "e.g. \"support reason is LD and age >= 65 and weekly cost > 1000\"");
    cohort->add_option("--as-at", as_at_text, "Date of the facts (default: end of the latest CLD reporting period)");
    cohort->add_option("--limit", limit, "People to list")->capture_default_str();
    cohort->add_option("--offset", offset, "For a lever: list from this place (the API's paging)")->capture_default_str();
    cohort->add_flag("--fields", list_fields, "List the fields an expression can use");
    std::string rules_path;
    const auto add_rules_options = [&](CLI::App *command) {
        command->add_option("--rules", rules_path, "Lever catalogue for this run (YAML; default: the council's, see `ascent rules use`)")
            ->check(CLI::ExistingFile);
        command->add_option("--weeks", weeks_text, "Weeks a year for this run: 52, 52.14, 52.143 or 365/7 (default: the council's setting)");
        command->add_option("--as-at", as_at_text, "Date of the facts (default: end of the latest CLD reporting period)");
    };
    cohort->description("The people a lever or a cohort expression selects");
    cohort->add_option("--rules", rules_path, "Lever catalogue for this run (YAML; default: the council's, see `ascent rules use`)")
        ->check(CLI::ExistingFile);
    cohort->add_option("--weeks", weeks_text, "Weeks a year for this run: 52, 52.14, 52.143 or 365/7 (default: the council's setting)");

    auto *opportunities = cli.add_subcommand("opportunities", "Every lever: people, spend in scope and the saving range");
    bool all_levers = false;
    add_rules_options(opportunities);
    opportunities->add_flag("--all", all_levers, "Include levers the rules file disables (alternative thresholds)");

    auto *explain = cli.add_subcommand("explain", "Why a person is flagged: each lever, its values and the arithmetic");
    std::string person;
    explain->add_option("person", person, "The person's LA id")->required();
    add_rules_options(explain);

    auto *worklist = cli.add_subcommand("worklist", "Export a lever's people for review as CSV or XLSX");
    std::string lever_id, output, key_file;
    bool pseudonymise = false;
    worklist->add_option("lever", lever_id, "Lever id (see `ascent opportunities`)")->required();
    worklist->add_option("-o,--output", output, "File to write: .csv or .xlsx")->required();
    worklist->add_flag("--pseudonymise", pseudonymise, "Replace person ids with keyed pseudonyms and ages with bands");
    worklist->add_option("--key-file", key_file, "Secret key for pseudonyms (the same key gives the same pseudonyms)")
        ->check(CLI::ExistingFile);
    add_rules_options(worklist);

    cli::ChargingCommands charging_commands(cli, db);
    cli::CaseCommands case_commands(cli, db);
    cli::BenchmarkCommands benchmark_commands(cli, db);
    cli::EvidenceCommands evidence_commands(cli);
    cli::DeliveryCommands delivery_commands(cli, db);
    cli::AccountCommands account_commands(cli, db);
    cli::CommissioningCommands commissioning_commands(cli, db);
    cli::DpsCommands dps_commands(cli, db);
    cli::ProgressionCommands progression_commands(cli, db);
    cli::ServeCommand serve_command(cli, db);

    auto *rules = cli.add_subcommand("rules", "Show or check a lever catalogue");
    rules->require_subcommand(1);
    auto *rules_export = rules->add_subcommand("export", "Print the built-in catalogue, to copy and edit");
    auto *rules_use = rules->add_subcommand("use", "Make a checked catalogue the council's, in force for every front end (audited)");
    rules_use->add_option("file", file, "Rules file (YAML), or built-in")->required();
    auto *rules_check = rules->add_subcommand("check", "Check a rules file and list its levers");
    rules_check->add_option("file", file, "Rules file (YAML)")->required()->check(CLI::ExistingFile);

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        // --help and --version exit 0; every other mistake on the command line (including a file
        // that does not exist) is bad usage, exit 2, not CLI11's own codes such as 105.
        return cli.exit(e) == 0 ? 0 : k_exit_input;
    }
    try {
        // This run's overrides of the council's settings; an explicit --weeks says so.
        const app::Overrides run{weeks_text.empty() ? std::nullopt : std::optional(parse_weeks(weeks_text)), rules_path};
        if (run.weeks) std::cerr << "ascent: --weeks " << run.weeks->name << " for this run, not the council's setting\n";
        cli::ProgressBar bar;
        const auto policy = skip_invalid ? app::RowPolicy::skip_invalid_rows : app::RowPolicy::all_or_nothing;
        if (*validate) {
            app::Council council(db);
            const auto report = mapping.empty() ? council.validate_cld(file, progress_to(bar))
                                                : council.validate_extract(file, mapping, progress_to(bar));
            bar.finish();
            std::cout << app::format_report(report, 200);
            std::cout << (report.errors() == 0 ? "Valid: the file can be imported.\n"
                                               : "Not valid: the file has errors; an import would be refused.\n");
            return report.errors() == 0 ? 0 : k_exit_data;
        }
        if (*import_cld) {
            app::Council council(db);
            app::ImportOptions options(policy);
            options.accept_change = accept_change;
            options.history = keep_as_history;
            auto outcome = council.import_cld(file, options, progress_to(bar));
            bar.finish();
            return print_outcome(outcome);
        }
        if (*import_restore) {
            app::Council council(db);
            return print_outcome(council.restore_snapshot(snapshot_id));
        }
        if (*settings) {
            app::Council council(db);
            if (*settings_set && setting_key == "levers") council.use_lever_file(setting_value);
            else if (*settings_set) council.set_setting(setting_key, setting_value);
            std::cout << app::format_settings(council.settings());
            return 0;
        }
        if (*import_extract) {
            app::Council council(db);
            auto outcome = council.import_extract(file, mapping, policy, progress_to(bar));
            bar.finish();
            return print_outcome(outcome);
        }
        if (*summary) {
            app::Council council(db);
            const auto as_at = parse_as_at(as_at_text);
            const auto conventions = council.conventions(run);
            std::cout << app::format_summary(council.summary(as_at, conventions), council.imports(), conventions);
            return 0;
        }
        if (*cohort) {
            if (list_fields || expression.empty()) {
                for (const auto &f : cohort_fields()) std::cout << fmt::format("  {:<32} {}\n", f.name, f.description);
                return expression.empty() && !list_fields ? k_exit_input : 0;
            }
            app::Council council(db);
            const auto as_at = parse_as_at(as_at_text);
            if (council.conventions(run).catalogue->find(expression) != nullptr) {
                const auto analysis = council.analyse(as_at, {{}, false, {expression}}, run);
                std::cout << app::format_lever_cohort(*analysis, expression, limit, offset);
            } else {
                std::cout << app::format_cohort(council.cohort(expression, as_at, {0, limit}), limit);
            }
            return 0;
        }
        if (*opportunities || *explain || *worklist) {
            app::Council council(db);
            opportunity::FindOptions options{{}, all_levers, {}};
            if (*worklist) options.also = {lever_id};
            const auto analysis = council.analyse(parse_as_at(as_at_text), options, run);
            if (*opportunities) std::cout << app::format_opportunities(*analysis);
            if (*explain) std::cout << app::format_explanations(*analysis, person);
            if (*worklist) {
                app::WorklistOptions worklist_options;
                if (pseudonymise) {
                    if (key_file.empty()) throw input_error("--pseudonymise needs --key-file with a secret key");
                    worklist_options.pseudonym_key = read_key(key_file);
                }
                const auto written = app::write_worklist(*analysis, lever_id, output, worklist_options);
                std::cout << fmt::format("Wrote {} to {}{}\n", count_of(written, "person", "people"), output,
                                         pseudonymise ? " (pseudonymised)" : "");
            }
            return 0;
        }
        if (const auto code = charging_commands.run()) return *code;
        if (const auto code = case_commands.run()) return *code;
        if (const auto code = benchmark_commands.run()) return *code;
        if (const auto code = evidence_commands.run()) return *code;
        if (const auto code = delivery_commands.run()) return *code;
        if (const auto code = account_commands.run()) return *code;
        if (const auto code = commissioning_commands.run()) return *code;
        if (const auto code = dps_commands.run()) return *code;
        if (const auto code = progression_commands.run()) return *code;
        if (const auto code = serve_command.run()) return *code;
        if (*rules_export) {
            std::cout << app::built_in_rules_text();
            return 0;
        }
        if (*rules_check) {
            std::cout << app::format_rules_check(file);
            return 0;
        }
        if (*rules_use) {
            app::Council council(db);
            council.use_lever_file(file);
            std::cout << app::format_settings(council.settings());
            return 0;
        }
        if (*history) {
            app::Council council(db);
            std::cout << app::format_imports(council.import_history());
            return 0;
        }
        if (*demo) {
            demo_options.release_1 = release == "r1";
            std::filesystem::create_directories(demo_dir);
            std::remove(db.c_str()); // the demo always starts a fresh ledger
            std::remove((db + "-wal").c_str());
            std::remove((db + "-shm").c_str());
            app::Council council(db);
            const auto result = app::build_demo(council, demo_dir, demo_options, progress_to(bar));
            bar.finish();
            int code = 0;
            for (const auto &outcome : result.imports) {
                std::cout << outcome.report.file() << ": " << outcome.message << "\n";
                if (!outcome.written) {
                    std::cout << app::format_outcome(outcome);
                    code = k_exit_data;
                }
            }
            const auto conventions = council.conventions(run);
            std::cout << "\n" << app::format_summary(council.summary(std::nullopt, conventions), council.imports(), conventions);
            std::cout << "\n" << app::format_opportunities(*council.analyse(std::nullopt, {}, run));
            app::CaseWorkspace cases_on_demo(db, std::nullopt);
            std::cout << "\n" << app::format_programme_file(cases_on_demo, result.files.programme);
            std::cout << "\nLedger database: " << db << "  (files in " << demo_dir << "/)\n";
            return code;
        }
    } catch (const Error &e) {
        std::cerr << "ascent: " << e.what() << "\n";
        return exit_code_for(e.kind());
    } catch (const std::exception &e) {
        std::cerr << "ascent: internal error: " << e.what() << "\n";
        return k_exit_internal;
    }
    return 0;
}
