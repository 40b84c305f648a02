#include "cli/progression_commands.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "app/council.hpp"
#include "cli/option_values.hpp"
#include "core/error.hpp"

namespace ascent::cli {

ProgressionCommands::ProgressionCommands(CLI::App &app, const std::string &db) : db_(db) {
    auto *progression = app.add_subcommand("progression", "Progression plans: small steps towards independence, and the pathway's sizing");
    progression->require_subcommand(1);
    add_ = progression->add_subcommand("add", "Add the plans in a file (YAML or JSON), each for a person in the ledger");
    add_->add_option("file", file_, "Plans file (docs/delivery.md)")->required()->check(CLI::ExistingFile);
    list_ = progression->add_subcommand("list", "Every plan: steps done and overdue, expected saving, and the change the ledger shows");
    step_ = progression->add_subcommand("step", "Mark a step of a plan done");
    step_->add_option("plan", plan_, "Plan number (see `ascent progression list`)")->required();
    step_->add_option("step", seq_, "Step number: 1 for the plan's first")->required();
    step_->add_option("--on", on_, "Date it was done (default: today)");
    step_->add_option("--note", note_, "What happened");
    close_ = progression->add_subcommand("close", "Close a plan as completed or stopped");
    close_->add_option("plan", plan_, "Plan number")->required();
    close_->add_option("--as", status_, "completed or stopped")->required();
    close_->add_option("--on", on_, "Date (default: today)");
    size_ = progression->add_subcommand("size", "Size the pathway: saving per person per week × people × weeks a year "
                                                "(default: the active plans'), as a business case's weekly line");
    size_->add_option("--saving", saving_, "Saving per person per week, e.g. 26.08 (Kent Pathways)");
    size_->add_option("--people", people_, "People on the pathway, e.g. 507");
    size_->add_option("--weeks", weeks_, k_weeks_help);
    size_->add_option("--case-line", case_line_, "Also write the weekly line (YAML) to this file, for a case's option");
    list_->add_option("--weeks", weeks_, k_weeks_help);

    auto *housing = app.add_subcommand("housing", "The housing options matrix: levels of need × housing and support options");
    housing->require_subcommand(1);
    matrix_ = housing->add_subcommand("matrix", "Print the matrix with each option's typical weekly cost by level");
    test_ = housing->add_subcommand("test", "A person's options at their level of need, against what their support costs now");
    test_->add_option("person", person_, "The person's LA id")->required();
    test_->add_option("--level", level_, "Their level of need in the matrix")->required();
    for (auto *command : {matrix_, test_})
        command->add_option("--file", matrix_file_, "The council's own matrix (default: rules/delivery/housing-options.yaml)")
            ->check(CLI::ExistingFile);
}

std::optional<int> ProgressionCommands::run() {
    const auto on = [&] { return optional_date(on_, "--on").value_or(Date::today()); };
    if (*add_) {
        app::Council council(db_);
        const auto plans = delivery::read_plans_file(file_);
        for (const auto &p : plans) std::cout << fmt::format("Plan {} for {}: {}\n", council.add_plan(p), p.person_id, p.goal);
        return 0;
    }
    if (*list_) {
        app::Council council(db_);
        std::cout << delivery::format_progression(council.progression(weeks_of(council, weeks_)));
        return 0;
    }
    if (*step_) {
        app::Council council(db_);
        council.mark_step(plan_, seq_, on(), note_);
        std::cout << fmt::format("Plan {}: step {} done on {}\n", plan_, seq_, on().uk());
        return 0;
    }
    if (*close_) {
        app::Council council(db_);
        council.close_plan(plan_, status_, on());
        std::cout << fmt::format("Plan {} {} on {}\n", plan_, status_, on().uk());
        return 0;
    }
    if (*size_) {
        app::Council council(db_);
        const auto weeks = weeks_of(council, weeks_);
        if (saving_.empty() != (people_ == 0)) throw input_error("give --saving and --people together, or neither for the active plans");
        const auto sizing = saving_.empty() ? council.progression(weeks).sizing
                                            : delivery::size_pathway(pence_of(saving_, "--saving"), people_, weeks);
        std::cout << delivery::format_sizing(sizing);
        if (!case_line_.empty()) {
            std::ofstream(case_line_) << delivery::pathway_line(sizing, "Progression pathway");
            std::cout << fmt::format("Wrote the weekly line to {}\n", case_line_);
        }
        return 0;
    }
    if (*matrix_ || *test_) {
        const auto matrix = matrix_file_.empty() ? delivery::default_housing_matrix() : delivery::read_housing_matrix_file(matrix_file_);
        if (*matrix_) {
            std::cout << delivery::format_matrix(matrix);
            return 0;
        }
        app::Council council(db_);
        std::cout << delivery::format_housing_test(matrix, council.housing_test(matrix, person_, level_));
        return 0;
    }
    return std::nullopt;
}

} // namespace ascent::cli
