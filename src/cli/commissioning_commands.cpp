#include "cli/commissioning_commands.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "app/commissioning_export.hpp"
#include "app/council.hpp"
#include "cli/option_values.hpp"
#include "commissioning/market.hpp"
#include "commissioning/rate_card.hpp"
#include "commissioning/uplift.hpp"
#include "core/error.hpp"

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
    retender_->add_option("--weeks", weeks_, "Weeks per year: 52, 52.14, 52.143 or 365/7")->capture_default_str();
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
    if (!*price_ && !*ceilings_ && !*retender_ && !*market_ && !*uplift_ && !*evaluate_) return std::nullopt;
    if (!output_.empty() && !output_.ends_with(".xlsx")) throw input_error("--output must be an .xlsx file");
    auto parameters = commissioning::default_parameters();
    for (const auto &f : parameter_files_) parameters.load_file(f);
    if (*price_) {
        const auto price = commissioning::fair_price(commissioning::read_placement_file(file_), parameters);
        std::cout << commissioning::format_fair_price(price);
        if (!output_.empty()) app::write_fair_price_xlsx(price, output_);
        return 0;
    }
    if (*evaluate_) {
        const auto evaluation = commissioning::evaluate(commissioning::read_tender_file(file_));
        std::cout << commissioning::format_evaluation(evaluation);
        if (!output_.empty()) app::write_evaluation_xlsx(evaluation, output_);
        return 0;
    }
    const Ledger ledger = app::Council(db_).load_ledger();
    if (*ceilings_) {
        const auto card = commissioning::read_rate_card_file(rates_);
        const auto on = optional_date(as_at_, "--as-at").value_or(ledger.as_at);
        std::cout << commissioning::format_ceilings(ledger, commissioning::check_ceilings(ledger, card, on), limit_);
    } else if (*retender_) {
        const auto from = optional_date(from_, "--from");
        std::cout << commissioning::format_retender(
            commissioning::retender(ledger, commissioning::read_rate_card_file(rates_), {name_, *from, years_, parse_weeks(weeks_)}));
    } else if (*market_) {
        std::cout << commissioning::format_market(commissioning::market_view(ledger, ledger.as_at), limit_);
    } else {
        const auto model = commissioning::model_uplifts(ledger, commissioning::read_uplift_options_file(file_), parameters);
        std::cout << commissioning::format_uplifts(model);
        if (!budget_lines_.empty()) {
            std::ofstream(budget_lines_) << commissioning::budget_lines_yaml(model, "Adult Social Care", "Commissioning");
            std::cout << fmt::format("\nWrote the growth avoided as budget lines to {}\n", budget_lines_);
        }
    }
    return 0;
}

} // namespace ascent::cli
