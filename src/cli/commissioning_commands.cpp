#include "cli/commissioning_commands.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "app/commissioning_runs.hpp"
#include "cli/option_values.hpp"

namespace ascent::cli {

CommissioningCommands::CommissioningCommands(CLI::App &app, const std::string &db) : db_(db) {
    auto *group = app.add_subcommand("commission", "Commissioning: fair price of care, ceilings, retenders, the market, fee uplifts, bids");
    group->require_subcommand(1);
    price_ = group->add_subcommand("price", "The fair price of a placement from its needs, pay, on-costs and overheads, against the fee");
    price_->add_option("placement", file_, "Placement (YAML: date, setting, needs, fee_paid, open_book)")->required()->check(CLI::ExistingFile);
    price_->add_option("-o,--output", output_, "Also write the calculation to this .xlsx file");
    ceilings_ = group->add_subcommand("ceilings", "Every open line paid above its rate card ceiling, largest excess first");
    retender_ = group->add_subcommand("retender", "A retender's saving by financial year: every covered line moves to the new rates");
    for (auto *command : {ceilings_, retender_})
        command->add_option("--rates", rates_, "Rate card (YAML: zones, billing, rates by service)")->required()->check(CLI::ExistingFile);
    ceilings_->add_option("--as-at", as_at_, "Date to check (default: the ledger's date)");
    ceilings_->add_option("--limit", limit_, "Lines to list")->capture_default_str();
    retender_->add_option("--from", from_, "Date the new rates start")->required();
    retender_->add_option("--name", name_, "Name of the retender")->capture_default_str();
    retender_->add_option("--years", years_, "Financial years to profile")->capture_default_str();
    retender_->add_option("--weeks", weeks_, k_weeks_help);
    market_ = group->add_subcommand("market", "Spend by provider, concentration, the same care at different prices, out of area");
    market_->add_option("--limit", limit_, "Providers and services to list")->capture_default_str();
    uplift_ = group->add_subcommand("uplift", "Fee uplift options on current spend: cost by financial year and growth avoided");
    uplift_->add_option("options", file_, "Uplift options (YAML: effective, options with uplift or nlw_pass_through)")
        ->required()->check(CLI::ExistingFile);
    uplift_->add_option("--budget-lines", budget_lines_, "Also write the growth each option avoids as budget lines (YAML) for a programme file");
    for (auto *command : {price_, uplift_})
        command->add_option("--parameters", parameter_files_, "A council commissioning parameter file (over the built-in one)")
            ->check(CLI::ExistingFile);
    evaluate_ = group->add_subcommand("evaluate", "Evaluate bids for a package request by its quality/price weighting within the ceiling");
    evaluate_->add_option("request", file_, "Request with its bids (YAML)")->required()->check(CLI::ExistingFile);
    evaluate_->add_option("-o,--output", output_, "Also write the evaluation to this .xlsx file");
}

std::optional<int> CommissioningCommands::run() {
    using Kind = app::CommissioningRequest::Kind;
    if (!*price_ && !*ceilings_ && !*retender_ && !*market_ && !*uplift_ && !*evaluate_) return std::nullopt;
    app::CommissioningRequest r;
    r.kind = *price_ ? Kind::price : *evaluate_ ? Kind::evaluate : *ceilings_ ? Kind::ceilings : *retender_ ? Kind::retender
             : *market_ ? Kind::market : Kind::uplift;
    r.parameter_files = parameter_files_;
    r.file = file_;
    r.rates = rates_;
    r.name = name_;
    r.output = output_;
    r.budget_lines = budget_lines_;
    r.as_at = optional_date(as_at_, "--as-at");
    r.from = optional_date(from_, "--from");
    r.years = years_;
    if (!weeks_.empty()) r.weeks = parse_weeks(weeks_);
    r.limit = limit_;
    std::cout << app::commissioning_run(db_, r);
    return 0;
}

} // namespace ascent::cli
