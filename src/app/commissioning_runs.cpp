#include "app/commissioning_runs.hpp"

#include <fmt/format.h>

#include <fstream>

#include "app/commissioning_export.hpp"
#include "commissioning/market.hpp"
#include "commissioning/rate_card.hpp"
#include "commissioning/uplift.hpp"
#include "core/error.hpp"

namespace ascent::app {

std::string commissioning_run(const std::string &database, const CommissioningRequest &r) {
    using Kind = CommissioningRequest::Kind;
    if (!r.output.empty() && !r.output.ends_with(".xlsx")) throw input_error("--output must be an .xlsx file");
    auto parameters = commissioning::default_parameters();
    for (const auto &f : r.parameter_files) parameters.load_file(f);
    if (r.kind == Kind::price) {
        const auto price = commissioning::fair_price(commissioning::read_placement_file(r.file), parameters);
        if (!r.output.empty()) write_fair_price_xlsx(price, r.output);
        return commissioning::format_fair_price(price);
    }
    if (r.kind == Kind::evaluate) {
        const auto evaluation = commissioning::evaluate(commissioning::read_tender_file(r.file));
        if (!r.output.empty()) write_evaluation_xlsx(evaluation, r.output);
        return commissioning::format_evaluation(evaluation);
    }
    Council council(database);
    const Ledger ledger = council.load_ledger();
    if (r.kind == Kind::ceilings) {
        const auto card = commissioning::read_rate_card_file(r.rates);
        return commissioning::format_ceilings(ledger, commissioning::check_ceilings(ledger, card, r.as_at.value_or(ledger.as_at)), r.limit);
    }
    if (r.kind == Kind::retender)
        return commissioning::format_retender(commissioning::retender(
            ledger, commissioning::read_rate_card_file(r.rates), {r.name, *r.from, r.years, r.weeks.value_or(council.weeks_per_year())}));
    if (r.kind == Kind::market) return commissioning::format_market(commissioning::market_view(ledger, ledger.as_at), r.limit);
    const auto model = commissioning::model_uplifts(ledger, commissioning::read_uplift_options_file(r.file), parameters);
    std::string out = commissioning::format_uplifts(model);
    if (!r.budget_lines.empty()) {
        std::ofstream(r.budget_lines) << commissioning::budget_lines_yaml(model, "Adult Social Care", "Commissioning");
        out += fmt::format("\nWrote the growth avoided as budget lines to {}\n", r.budget_lines);
    }
    return out;
}

} // namespace ascent::app
