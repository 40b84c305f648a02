#include "cli/dps_commands.hpp"

#include <fmt/format.h>

#include <iostream>

#include "app/case_reports.hpp"
#include "app/council.hpp"
#include "cli/option_values.hpp"
#include "core/error.hpp"
#include "core/money.hpp"

namespace ascent::cli {

namespace {

// "Q1=4,Q2=3" (as typed) → "Q1=4;Q2=3" (as stored).
std::string answers_of(std::string text) {
    for (auto &c : text)
        if (c == ',') c = ';';
    return text;
}

} // namespace

DpsCommands::DpsCommands(CLI::App &app, const std::string &db) : db_(db) {
    auto *group = app.add_subcommand("dps", "Dynamic purchasing system: admit providers, advertise requests, record bids, award");
    group->require_subcommand(1);
    admit_ = group->add_subcommand("admit", "Admit a provider to a lot (and zone) with the rate it offers and its CQC rating");
    admit_->add_option("provider", provider_, "Provider's name")->required();
    admit_->add_option("--lot", lot_, "The lot: a kind of care, e.g. \"supported living\"")->required();
    admit_->add_option("--zone", zone_, "The zone (default: every zone)");
    admit_->add_option("--rate", rate_, "Rate offered, £ per unit");
    admit_->add_option("--cqc", cqc_, "CQC rating: outstanding, good, requires improvement, inadequate or not yet rated");
    advertise_ = group->add_subcommand("advertise", "Advertise a package request to the providers admitted to its lot and zone");
    advertise_->add_option("request", request_, "Request id, e.g. R-0042")->required();
    advertise_->add_option("--lot", lot_, "The lot")->required();
    advertise_->add_option("--zone", zone_, "The zone");
    advertise_->add_option("--spec", spec_, "The request (YAML: ceiling, weights, questions, fair price; no bids)")
        ->required()->check(CLI::ExistingFile);
    advertise_->add_option("--person", person_, "The person the package is for");
    advertise_->add_option("--case", case_, "The business case the placement delivers: an award that re-procures the person's package is "
                                            "counted in delivery against it");
    bid_ = group->add_subcommand("bid", "Record a provider's bid (a new bid replaces the provider's earlier one)");
    bid_->add_option("request", request_, "Request id")->required();
    bid_->add_option("provider", provider_, "Provider's name")->required();
    bid_->add_option("--price", price_, "£ a week")->required();
    bid_->add_option("--answers", answers_, "Quality scores, e.g. Q1=4,Q2=3,Q3=5");
    bid_->add_flag("--withdrawn", withdrawn_, "The provider has withdrawn the bid");
    award_ = group->add_subcommand("award", "Evaluate a request's bids by its weighting and record the award");
    award_->add_option("request", request_, "Request id")->required();
    for (auto *command : {admit_, advertise_, bid_, award_}) command->add_option("--on", on_, "Date (default: today)");
    list_ = group->add_subcommand("list", "Admissions, and every request with its bids, award, time to place and price against the fair price");
}

std::optional<int> DpsCommands::run() {
    if (!*admit_ && !*advertise_ && !*bid_ && !*award_ && !*list_) return std::nullopt;
    app::Council council(db_);
    const auto on = on_.empty() ? Date::today().iso() : optional_date(on_, "--on")->iso();
    if (*admit_) {
        council.dps_admit({provider_, cqc_, lot_, zone_, on, rate_.empty() ? std::nullopt : std::optional(pence_of(rate_, "--rate"))});
        std::cout << fmt::format("Admitted {} to {}{}\n", provider_, lot_, zone_.empty() ? "" : " in zone " + zone_);
    } else if (*advertise_) {
        const auto to = council.dps_advertise({request_, lot_, zone_, person_, app::read_file(spec_, "request"), on, "", "", "", std::nullopt, case_});
        std::cout << fmt::format("Advertised {} to {} providers:\n", request_, to.size());
        for (const auto &p : to) std::cout << "  " << p << "\n";
    } else if (*bid_) {
        council.dps_bid({request_, provider_, answers_of(answers_), on, pence_of(price_, "--price"), withdrawn_});
        std::cout << fmt::format("Recorded {}'s {} for {}\n", provider_, withdrawn_ ? "withdrawal" : "bid", request_);
    } else if (*award_) {
        std::cout << commissioning::format_evaluation(council.dps_award(request_, *parse_date(on)));
    } else {
        std::cout << fmt::format("{:<28} {:<22} {:<10} {:<22} {:>10}\n", "provider", "lot", "zone", "CQC", "rate");
        for (const auto &a : council.dps_admissions())
            std::cout << fmt::format("{:<28} {:<22} {:<10} {:<22} {:>10}\n", a.provider, a.lot, a.zone.empty() ? "all" : a.zone, a.cqc_rating,
                                     a.rate ? format_pence(Money::from_pence(*a.rate)) : "");
        std::cout << "\n";
        for (const auto &r : council.dps_requests()) {
            const auto bids = council.dps_bids(r.id);
            std::cout << fmt::format("{} ({}{}), advertised {}: {} bids, {}", r.id, r.lot, r.zone.empty() ? "" : ", " + r.zone, r.advertised_on,
                                     bids.size(), r.status);
            if (r.awarded_price)
                std::cout << fmt::format(" to {} at {} on {}, {} days to place", r.awarded_provider, format_pence(Money::from_pence(*r.awarded_price)),
                                         r.decided_on, parse_date(r.advertised_on)->days_until(*parse_date(r.decided_on)));
            std::cout << "\n";
        }
    }
    return 0;
}

} // namespace ascent::cli
