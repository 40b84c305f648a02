#include "cli/delivery_commands.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>

#include "app/case_reports.hpp"
#include "app/council.hpp"
#include "cli/option_values.hpp"
#include "core/error.hpp"
#include "core/money.hpp"

namespace ascent::cli {

namespace {

int64_t percent_ppm(const std::string &text, const char *option) {
    const auto ppm = parse_percent(text);
    if (!ppm || *ppm < 0) throw input_error(fmt::format("{} must be a percentage such as 95%, not '{}'", option, text));
    return *ppm;
}

} // namespace

DeliveryCommands::DeliveryCommands(CLI::App &app, const std::string &db) : db_(db) {
    auto *review = app.add_subcommand("review", "Review worklists and outcomes: assign a lever's people, record decisions, list them");
    review->require_subcommand(1);
    assign_ = review->add_subcommand("assign", "Assign a lever's flagged people to a reviewer, largest saving first");
    assign_->add_option("lever", lever_, "Lever id (see `ascent opportunities`)")->required();
    assign_->add_option("--to", reviewer_, "Reviewer")->required();
    assign_->add_option("--due", due_, "Due date (default: four weeks from the ledger's date)");
    assign_->add_option("--case", case_, "The business case the reviews deliver");
    assign_->add_option("--limit", limit_, "Most people to assign now: the largest savings among those with no review for the lever yet")->capture_default_str();
    record_ = review->add_subcommand("record", "Record a review's decision; the saving is then read from the ledger");
    record_->add_option("person", person_, "The person's LA id")->required();
    record_->add_option("--lever", lever_, "The lever the review was for")->required();
    record_->add_option("--outcome", outcome_, "no_change, reduced, increased, ended, moved_setting, health_funding_agreed, "
                                               "price_renegotiated or other")->required();
    record_->add_option("--decided", decided_, "Date of the decision (default: today)");
    record_->add_option("--effective", effective_, "Date the change to the package takes effect");
    record_->add_option("--reason", reason_, "Why");
    record_->add_option("--hours", hours_, "Hours the review took, e.g. 6.5 (for the saving per review hour)");
    record_->add_option("--by", by_, "Who is recording it (default: $USER)");
    list_ = review->add_subcommand("list", "Every review: person, lever, case, reviewer, due, decision");
    delivery_ = app.add_subcommand("delivery", "Realised savings from the ledger by case and lever, against targets (RAG), and productivity");
    delivery_->add_option("--weeks", weeks_, k_weeks_help);
    delivery_->add_option("--green", green_, "Share of the target at or above which a case is green")->capture_default_str();
    delivery_->add_option("--amber", amber_, "Share of the target at or above which a case is amber")->capture_default_str();
    delivery_->add_option("--board-pack", output_, "Also write the monthly board pack to this .html or .pdf file");
}

std::optional<int> DeliveryCommands::run() {
    if (*assign_) {
        app::Council council(db_);
        const auto outcome = council.assign_reviews(lever_, reviewer_, optional_date(due_, "--due"), case_, limit_);
        std::cout << app::format_assignment(outcome, lever_, reviewer_, case_) << "\n";
        return 0;
    }
    if (*record_) {
        app::Council council(db_);
        store::Review r;
        r.person_id = person_;
        r.lever = lever_;
        r.outcome = outcome_;
        r.decided_on = decided_.empty() ? Date::today().iso() : decided_;
        r.effective_from = effective_;
        r.reason = reason_;
        if (!hours_.empty()) {
            const auto h = parse_decimal(hours_, 2);
            if (!h) throw input_error("--hours must be a number of hours such as 6.5, not '" + hours_ + "'");
            r.hours = h->num;
        }
        const char *user = std::getenv("USER");
        r.recorded_by = !by_.empty() ? by_ : user != nullptr ? user : "unknown";
        council.record_review(r);
        std::cout << fmt::format("Recorded {} for {} ({})\n", outcome_, person_, lever_);
        return 0;
    }
    if (*list_) {
        app::Council council(db_);
        const auto reviews = council.reviews();
        std::cout << fmt::format("{:<12} {:<24} {:<10} {:<14} {:<11} {:<11} {:<22} {}\n", "Person", "Lever", "Case", "Reviewer", "Due",
                                 "Decided", "Outcome", "Effective");
        for (const auto &r : reviews)
            std::cout << fmt::format("{:<12} {:<24} {:<10} {:<14} {:<11} {:<11} {:<22} {}\n", r.person_id, r.lever.substr(0, 24), r.case_id,
                                     r.reviewer.substr(0, 14), r.due_on, r.decided_on.empty() ? "-" : r.decided_on, r.outcome, r.effective_from);
        std::cout << count_of(reviews.size(), "review", "reviews") << "\n";
        return 0;
    }
    if (*delivery_) {
        app::Council council(db_);
        const auto weeks = weeks_of(council, weeks_);
        const delivery::RagRule rule{percent_ppm(green_, "--green"), percent_ppm(amber_, "--amber")};
        std::cout << delivery::format_delivery(council.delivery(weeks, rule), weeks);
        if (!output_.empty()) {
            app::write_document(app::board_pack(council, weeks, rule), output_);
            std::cout << fmt::format("\nWrote the board pack to {}\n", output_);
        }
        return 0;
    }
    return std::nullopt;
}

} // namespace ascent::cli
