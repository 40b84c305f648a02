#include "cli/case_commands.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/case_reports.hpp"
#include "app/programme_view.hpp"
#include "cli/option_values.hpp"
#include "core/error.hpp"
#include "core/money.hpp"

namespace ascent::cli {

namespace {

void add_case_argument(CLI::App *command, std::string &target) {
    command->add_option("case", target, "A case file (YAML or JSON), or the id of a case stored in the ledger")->required();
}

} // namespace

CaseCommands::CaseCommands(CLI::App &app, const std::string &db) : db_(db) {
    auto *group = app.add_subcommand("case", "Savings business cases: import, list, show, profile, export");
    group->require_subcommand(1);
    new_ = group->add_subcommand("new", "Write a new draft case file to fill in: every section, one option, one line");
    new_->add_option("id", case_, "The business planning reference, e.g. A/R.6.200")->required();
    new_->add_option("--title", title_, "Title")->required();
    new_->add_option("--first-year", first_year_, "First financial year, e.g. 2027/28")->required();
    new_->add_option("-o,--output", output_, "File to write (YAML, or JSON if it ends .json)")->required();
    import_ = group->add_subcommand("import", "Check a case file, profile it and store it in the ledger (a new version if it exists)");
    import_->add_option("file", case_, "Case file (YAML or JSON)")->required()->check(CLI::ExistingFile);
    list_ = group->add_subcommand("list", "The cases in the ledger: status, category, service and net profile");
    show_ = group->add_subcommand("show", "Every section of a case, its options and its risks");
    add_case_argument(show_, case_);
    profile_ = group->add_subcommand("profile", "Each option's savings profile by financial year, with every stated figure checked");
    add_case_argument(profile_, case_);
    export_ = group->add_subcommand("export", "Write a case as YAML or JSON");
    add_case_argument(export_, case_);
    export_->add_flag("--json", json_, "JSON instead of YAML");
    export_->add_option("-o,--output", output_, "File to write (default: standard output)");
    programme_ = app.add_subcommand("programme", "Cases rolled up: net savings by year, category and directorate, against targets");
    budget_table_ = app.add_subcommand("budget-table", "The budget proposals table (appendix layout), checked against its printed totals");
    risk_ = app.add_subcommand("risk", "Monte Carlo risk ranges: P10/P50/P90 by year for each case and the programme, chance of the targets");
    risk_->add_option("--trials", trials_, "Trials")->capture_default_str()->check(CLI::Range(int64_t{100}, int64_t{10'000'000}));
    risk_->add_option("--seed", seed_, "Seed: the same seed gives the same figures")->capture_default_str();
    risk_->add_option("--threads", threads_, "Threads (default: one per core)");
    for (auto *command : {programme_, budget_table_, risk_}) {
        command->add_option("cases", cases_, "Case files or stored case ids (default: every case in the ledger)");
        command->add_option("--programme", programme_file_, "A programme file: case files, budget lines, printed subtotals, targets")
            ->check(CLI::ExistingFile);
        command->add_option("--years", years_, "Financial years to show (cases only)")->capture_default_str();
    }
    programme_->add_option("-o,--output", output_, "Also write the summary to this .html or .pdf file");
    budget_table_->add_option("-o,--output", output_, "Also write the table to this .xlsx (subtotals as SUM formulas) or .pdf file");
    report_ = app.add_subcommand("report", "A business case as HTML or PDF: every section, financial tables, a chart, checks");
    add_case_argument(report_, case_);
    report_->add_option("-o,--output", output_, "File to write: .html or .pdf")->required();
    for (auto *command : {profile_, show_, programme_, budget_table_, risk_, report_})
        command->add_option("--as-at", as_at_, "Ledger date for cases that draw on cohorts (default: the ledger's date)");
}

std::optional<int> CaseCommands::run() {
    if (*programme_ || *budget_table_ || *risk_) {
        app::CaseWorkspace work(db_, optional_date(as_at_, "--as-at"));
        auto programme = app::programme_from(work, programme_file_, cases_, years_);
        if (*risk_) {
            std::cout << app::format_risk_run(work, programme, {trials_, seed_, threads_});
            return 0;
        }
        const auto v = app::programme_view(std::move(programme), work.analysis_source(), work.cohorts());
        if (*programme_) {
            std::cout << app::format_programme_view(v);
            if (!output_.empty()) {
                app::write_document(app::programme_document(v.programme, v.table), output_);
                std::cout << fmt::format("\nWrote the programme summary to {}\n", output_);
            }
            return 0;
        }
        std::cout << app::format_budget_table_view(v);
        if (output_.ends_with(".pdf")) {
            app::write_document(app::budget_table_document(v.table), output_);
            std::cout << fmt::format("\nWrote the budget proposals table to {}\n", output_);
        } else if (!output_.empty()) {
            app::write_budget_table_xlsx(v.table, v.checks, output_);
            std::cout << fmt::format("\nWrote the budget proposals table to {}\n", output_);
        }
        return 0;
    }
    if (*new_) {
        const auto first = FinancialYear::parse(first_year_);
        if (!first) throw input_error("--first-year must be a financial year such as 2027/28, not '" + first_year_ + "'");
        if (std::filesystem::exists(output_)) throw input_error(output_ + " already exists; choose another file");
        std::ofstream(output_) << app::new_case_text(case_, title_, *first, output_.ends_with(".json"));
        std::cout << fmt::format("Wrote a draft of {} to {}: fill in its sections and lines, then `ascent case profile {}`\n", case_,
                                 output_, output_);
        return 0;
    }
    if (*import_) {
        app::Council council(db_);
        const auto stored = council.import_case(case_);
        std::cout << fmt::format("{} {}: version {} in the ledger (SHA-256 {}…)\n", stored.id, stored.title, stored.version,
                                 stored.sha256.substr(0, 12));
        return 0;
    }
    if (*list_) {
        app::CaseWorkspace work(db_, std::nullopt);
        std::cout << app::format_case_list(work);
        return 0;
    }
    if (*show_) {
        app::CaseWorkspace work(db_, optional_date(as_at_, "--as-at"));
        std::cout << app::format_case_text(work.find(case_));
        return 0;
    }
    if (*profile_) {
        app::CaseWorkspace work(db_, optional_date(as_at_, "--as-at"));
        const auto v = app::case_view(work.find(case_), work.analysis_source(), work.cohorts());
        const auto &c = v.c;
        std::cout << app::format_case_view(v);
        if (!std::filesystem::is_regular_file(case_)) {
            // A stored case: what its decided reviews have secured, beside the preferred option's plan.
            const auto secured = work.council().secured({c});
            const auto &plan = v.profiles[static_cast<std::size_t>(&c.preferred() - c.options.data())];
            if (const auto s = secured.find(c.id); s != secured.end()) {
                std::cout << "\nSecured so far by decided reviews (measured on the ledger), against the plan, in-year\n";
                for (std::size_t y = 0; y < plan.years(); ++y) {
                    const FinancialYear fy(c.first_year.start_year() + static_cast<int>(y));
                    std::cout << fmt::format("  {}: secured {} against planned {}\n", fy.label(), format_pounds(Money::from_pence(s->second.in(fy))),
                                             format_pounds(Money::from_pence(plan.net[y])));
                }
            }
        }
        return 0;
    }
    if (*report_) {
        app::CaseWorkspace work(db_, optional_date(as_at_, "--as-at"));
        const auto v = app::case_view(work.find(case_), work.analysis_source(), work.cohorts());
        app::write_document(app::case_document(v.c, v.profiles, v.checks), output_);
        std::cout << fmt::format("Wrote {} to {}\n", v.c.id, output_);
        return 0;
    }
    if (*export_) {
        app::CaseWorkspace work(db_, std::nullopt);
        const auto c = work.find(case_);
        const std::string text = json_ ? app::case_json_text(c) : app::case_yaml(c);
        if (output_.empty()) {
            std::cout << text;
        } else {
            std::ofstream(output_) << text;
            std::cout << fmt::format("Wrote {} to {}\n", c.id, output_);
        }
        return 0;
    }
    return std::nullopt;
}

} // namespace ascent::cli
