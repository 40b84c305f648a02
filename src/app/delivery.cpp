// Review worklists, outcomes and realised savings against the ledger (issue 8).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/cases.hpp"
#include "app/council.hpp"
#include "cases/risk.hpp"
#include "core/codes.hpp"
#include "core/error.hpp"
#include "opportunity/rules.hpp"

namespace ascent::app {

// Each person's weekly cost on a date, and who pays it, from their lines on a ledger.
class LedgerCosts {
public:
    explicit LedgerCosts(store::Store &store) : owned_(store.load_ledger()), ledger_(owned_), lines_of_(ledger_.people.id.size()) { index(); }
    explicit LedgerCosts(const Ledger &ledger) : ledger_(ledger), lines_of_(ledger_.people.id.size()) { index(); }
    const Ledger &ledger() const { return ledger_; }
    // The gross weekly cost; 0 for someone no longer in the ledger: no cost now.
    int64_t operator()(const std::string &person_id, Date on) const { return funding(person_id, on).gross; }
    // Gross, the council's share (after NHS CHC and S117 and other councils' shares) and the person's
    // contribution: the charge the finances extract says is being collected, else the contributions
    // on the open lines.
    WeeklyFunding funding(const std::string &person_id, Date on) const {
        WeeklyFunding f;
        const auto p = ledger_.find_person(person_id);
        if (!p) return f;
        const auto &l = ledger_.lines;
        int64_t line_contributions = 0;
        for (const auto i : lines_of_[*p]) {
            if (!ledger_.line_active(i, on)) continue;
            f.gross += l.weekly_cost[i];
            const int64_t others = int64_t{l.chc_share[i]} + l.s117_share[i] + l.other_council_share[i];
            f.council_bp += l.weekly_cost[i] * std::max<int64_t>(0, 10'000 - others);
            if (l.client_contribution[i] != k_no_money) line_contributions += l.client_contribution[i];
        }
        const auto finance = std::lower_bound(ledger_.finances.begin(), ledger_.finances.end(), *p,
                                              [](const FinanceRecord &r, uint32_t person) { return r.person < person; });
        const bool charged = finance != ledger_.finances.end() && finance->person == *p && finance->current_charge != k_no_money;
        f.contribution = f.gross == 0 ? 0 : charged ? finance->current_charge : line_contributions;
        return f;
    }
    // The service of the person's costliest open line on the date, or "" with none.
    std::string service_of(const std::string &person_id, Date on) const {
        const auto p = ledger_.find_person(person_id);
        if (!p) return {};
        std::optional<std::size_t> main;
        for (const auto i : lines_of_[*p])
            if (ledger_.line_active(i, on) && (!main || ledger_.lines.weekly_cost[i] > ledger_.lines.weekly_cost[*main])) main = i;
        return main ? std::string(code_label(CodeField::service_component, ledger_.lines.component[*main])) : std::string();
    }

private:
    void index() {
        for (std::size_t i = 0; i < ledger_.lines.size(); ++i) lines_of_[ledger_.lines.person[i]].push_back(i);
    }
    Ledger owned_;
    const Ledger &ledger_;
    std::vector<std::vector<std::size_t>> lines_of_;
};

namespace {

Date parse_or(const std::string &text, const std::string &what) {
    const auto d = parse_date(text);
    if (!d) throw input_error(fmt::format("{} must be a date such as 2026-10-01, not '{}'", what, text));
    return *d;
}

} // namespace

std::string format_assignment(const AssignOutcome &o, const std::string &lever, const std::string &reviewer, const std::string &case_id) {
    std::string out = fmt::format("Assigned {} to {} for {}{}", count_of(static_cast<uint64_t>(o.assigned), "review", "reviews"), reviewer,
                                  lever, case_id.empty() ? "" : " (case " + case_id + ")");
    out += fmt::format(": the lever flags {}; {} had a review for it already (left as they were); {} still without one", o.flagged,
                       o.already_assigned, o.unassigned);
    if (o.assigned == 0 && o.unassigned == 0) out += ". Everyone the lever flags has a review";
    return out + ".";
}

WeeklyFunding Council::funding_now(const std::string &person_id) {
    const LedgerCosts costs(*store_);
    return costs.funding(person_id, costs.ledger().as_at);
}

int64_t Council::add_reviews(std::vector<store::Review> reviews) {
    if (std::any_of(reviews.begin(), reviews.end(), [](const auto &r) { return !r.baseline; })) {
        const LedgerCosts costs(*store_);
        for (auto &r : reviews)
            if (!r.baseline) r.baseline = costs.funding(r.person_id, costs.ledger().as_at);
    }
    return store_->add_reviews(reviews);
}

AssignOutcome Council::assign_reviews(const std::string &lever, const std::string &reviewer, std::optional<Date> due,
                                      const std::string &case_id, std::size_t limit) {
    const auto analysis = analyse(std::nullopt, {{}, true, {}}); // the lever catalogue in force
    const auto *result = analysis->lever_result(lever);
    if (!result) throw input_error("no lever '" + lever + "' in the catalogue (see `ascent opportunities`)");
    auto flags = result->flags;
    // The largest saving first, so a limited worklist takes the people who matter most.
    std::stable_sort(flags.begin(), flags.end(), [](const auto &a, const auto &b) { return a.standalone[1] > b.standalone[1]; });
    std::set<std::string> assigned_already;
    for (const auto &r : store_->reviews())
        if (r.lever == lever) assigned_already.insert(r.person_id);
    const LedgerCosts costs(*analysis->ledger);
    const Date today = analysis->found.as_at;
    AssignOutcome outcome;
    outcome.flagged = static_cast<int64_t>(flags.size());
    std::vector<store::Review> reviews;
    for (const auto &f : flags) {
        auto person_id = std::string(analysis->person_id(f.person));
        if (assigned_already.count(person_id)) {
            ++outcome.already_assigned;
            continue;
        }
        if (reviews.size() >= limit) {
            ++outcome.unassigned;
            continue;
        }
        store::Review r;
        r.baseline = costs.funding(person_id, today);
        r.person_id = std::move(person_id);
        r.lever = lever;
        r.case_id = case_id;
        r.reviewer = reviewer;
        r.assigned_on = today.iso();
        r.due_on = due.value_or(today.plus_days(28)).iso();
        reviews.push_back(std::move(r));
    }
    outcome.assigned = store_->add_reviews(reviews);
    audit(actor_, "reviews_assigned", lever, fmt::format("{} to {}", outcome.assigned, reviewer));
    return outcome;
}

void Council::record_review(const store::Review &decided) {
    if (!delivery::known_outcome(decided.outcome)) {
        std::string names;
        for (const auto o : delivery::k_outcomes) names += (names.empty() ? "" : ", ") + std::string(o);
        throw input_error("outcome '" + decided.outcome + "' is not one of " + names);
    }
    parse_or(decided.decided_on, "the decision date");
    if (decided.hours && (*decided.hours <= 0 || *decided.hours > 100'00))
        throw input_error(fmt::format("a review's hours must be more than 0 and at most 100, not {}.{:02}", *decided.hours / 100, *decided.hours % 100));
    if (!decided.effective_from.empty()) parse_or(decided.effective_from, "the effective date");
    if (!store_->record_review(decided))
        throw input_error(fmt::format("{} has no review for lever {} (assign one with `ascent review assign`)", decided.person_id, decided.lever));
    audit(actor_, "review_recorded", decided.person_id, decided.lever + ": " + decided.outcome);
}

delivery::Delivery Council::delivery(WeeksPerYear weeks, delivery::RagRule rule) { return delivery_on(LedgerCosts(*store_), weeks, rule); }

delivery::Progression Council::progression(WeeksPerYear weeks) { return progression_on(LedgerCosts(*store_), weeks); }

std::pair<delivery::Delivery, delivery::Progression> Council::delivery_and_progression(WeeksPerYear weeks, delivery::RagRule rule) {
    const LedgerCosts costs(*store_);
    return {delivery_on(costs, weeks, rule), progression_on(costs, weeks)};
}

delivery::Delivery Council::delivery_on(const LedgerCosts &costs, WeeksPerYear weeks, delivery::RagRule rule) {
    const auto &ledger = costs.ledger();
    CaseWorkspace cases(database_path_, std::nullopt); // for cohort figures, read only if a case's lines need them
    const auto stored = stored_cases();
    const auto target = [&](const std::string &case_id) {
        std::vector<std::pair<FinancialYear, int64_t>> by_year;
        for (const auto &s : stored)
            if (s.id == case_id) {
                const auto c = read_stored_case(s);
                const auto p = cases::profile_option(c, c.preferred(), cases.cohorts());
                for (std::size_t i = 0; i < p.net.size(); ++i) by_year.emplace_back(FinancialYear(c.first_year.start_year() + static_cast<int>(i)), p.net[i]);
            }
        return by_year;
    };
    std::vector<delivery::Decision> decisions;
    for (const auto &r : store_->reviews()) {
        delivery::Decision d{r.person_id, r.lever, r.case_id, r.reviewer, parse_or(r.assigned_on, "assigned_on"), std::nullopt, std::nullopt,
                             r.outcome, r.hours, "", r.baseline, r.expected_weekly};
        if (!r.decided_on.empty()) d.decided_on = parse_or(r.decided_on, "decided_on");
        if (!r.effective_from.empty()) d.effective_from = parse_or(r.effective_from, "effective_from");
        // The service as it was when reviewed: the day before any change, else at assignment.
        d.service = costs.service_of(r.person_id, d.effective_from ? d.effective_from->plus_days(-1) : d.assigned_on);
        decisions.push_back(std::move(d));
    }
    const auto funding = [&costs](const std::string &person_id, Date on) { return costs.funding(person_id, on); };
    return delivery::compute_delivery(std::move(decisions), funding, target, ledger.as_at, weeks, rule);
}

cases::SecuredByCase Council::secured(const std::vector<cases::BusinessCase> &cases) {
    cases::SecuredByCase out;
    const auto reviews = store_->reviews();
    std::map<std::string, delivery::Delivery> by_weeks; // one delivery run per weeks convention
    for (const auto &c : cases) {
        const auto &case_id = c.id;
        if (std::none_of(reviews.begin(), reviews.end(), [&](const auto &r) { return r.case_id == case_id && !r.decided_on.empty(); })) continue;
        auto it = by_weeks.find(std::string(c.weeks.name));
        if (it == by_weeks.end()) it = by_weeks.emplace(std::string(c.weeks.name), delivery(c.weeks)).first;
        const auto &d = it->second;
        auto &s = out[case_id];
        s.current = FinancialYear::containing(d.as_at);
        for (const auto &r : d.realised) {
            const auto &x = d.decisions[r.decision];
            if (x.case_id == case_id && x.effective_from)
                s.changes.push_back({FinancialYear::containing(*x.effective_from), r.net.in_year, r.net.full_year});
        }
    }
    return out;
}

int64_t Council::add_plan(const delivery::Plan &plan) {
    delivery::check_plan(plan);
    if (!store_->has_person(plan.person_id)) throw input_error("the plan's person " + plan.person_id + " is not in the ledger");
    const auto id = store_->progression().add_plan(plan, actor_);
    audit(actor_, "plan_added", plan.person_id, fmt::format("plan {}: {} steps", id, plan.steps.size()));
    return id;
}

void Council::mark_step(int64_t plan_id, int seq, Date done, const std::string &note) {
    if (!store_->progression().mark_step(plan_id, seq, done, note))
        throw input_error(fmt::format("plan {} has no step {} (or the plan is closed)", plan_id, seq));
    audit(actor_, "plan_step_done", std::to_string(plan_id), fmt::format("step {} on {}", seq, done.iso()));
}

void Council::close_plan(int64_t plan_id, const std::string &status, Date on) {
    if (status != "completed" && status != "stopped") throw input_error("a plan closes as completed or stopped, not '" + status + "'");
    if (!store_->progression().close_plan(plan_id, status, on)) throw input_error(fmt::format("there is no active plan {}", plan_id));
    audit(actor_, "plan_closed", std::to_string(plan_id), status);
}

delivery::Progression Council::progression_on(const LedgerCosts &costs, WeeksPerYear weeks) {
    return delivery::progression_view(store_->progression().plans(), std::cref(costs), costs.ledger().as_at, weeks);
}

delivery::HousingTest Council::housing_test(const delivery::HousingMatrix &matrix, const std::string &person_id, int level) {
    if (!store_->has_person(person_id)) throw input_error("person " + person_id + " is not in the ledger");
    const LedgerCosts costs(*store_);
    return delivery::test_housing(matrix, person_id, level, costs(person_id, costs.ledger().as_at));
}

} // namespace ascent::app
