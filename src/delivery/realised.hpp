// Realised savings, computed from the ledger rather than typed-in claims: for each decided review,
// the person's weekly cost the day before the change took effect against their weekly cost now,
// both gross and as the council's net cost (after health, other councils and the person's own
// contribution); its effect in that financial year (to 31 March) and its full-year effect. A review
// that raised a package counts against its case. Totals by case and lever, each case against its
// net target for every financial year it spans, with a RAG status from thresholds the council
// sets, and by service and by financial year; and the review team's productivity, including the
// full-year saving per review hour where hours are recorded.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/annualise.hpp"
#include "core/date.hpp"
#include "core/weekly_funding.hpp"

namespace ascent::delivery {

inline constexpr std::array<std::string_view, 8> k_outcomes = {
    "no_change", "reduced", "increased", "ended", "moved_setting", "health_funding_agreed", "price_renegotiated", "other"};
bool known_outcome(std::string_view outcome);

struct Decision {
    std::string person_id, lever, case_id, reviewer;
    Date assigned_on;
    std::optional<Date> decided_on, effective_from;
    std::string outcome;
    std::optional<int64_t> hours; // hundredths of an hour the review took
    std::string service;          // the person's main service when reviewed
    // Who paid for the person's care when the review was assigned. The ledger keeps no dated history
    // of funding splits or contributions, so the net cost before a change applies this split to the
    // lines open the day before; without it (reviews assigned before baselines were kept) today's.
    std::optional<WeeklyFunding> baseline;
    std::optional<int64_t> expected_weekly; // pence a week the decision expects the package to cost (a DPS award's price)
};

// A decision that expects a price the ledger does not show yet (a DPS award before the next CLD).
struct Awaiting {
    std::size_t decision = 0;        // index into the decisions
    int64_t expected = 0, ledger = 0; // pence a week: the awarded price, and the person's gross weekly cost the ledger shows now
};

// A change in one measure of weekly cost: gross, or the council's net.
struct Change {
    int64_t before = 0, after = 0; // pence a week: the day before the change, and now
    int64_t weekly = 0;           // before − after: a saving is positive, an increase negative
    int64_t in_year = 0;          // pence: from the effective date to 31 March of that financial year
    int64_t full_year = 0;        // pence: weekly × weeks a year
};

struct Realised {
    std::size_t decision = 0; // index into the decisions
    Change gross, net;
};

// What a group of changes realises: each change's in-year effect in the financial year it took
// effect and its full-year effect in every later year.
struct Totals {
    int64_t weekly = 0, in_year = 0, full_year = 0;
    void add(const Change &c);
};

// A case's delivery in one financial year of its span.
struct CaseYear {
    FinancialYear year{0};
    std::string status;             // "actual" (before the ledger's year), "forecast outturn" (the ledger's year), "forecast"
    std::optional<int64_t> target;  // pence: the case's planned net saving for the year
    int64_t net = 0, gross = 0;     // pence realised in the year by the changes decided so far
};

struct Group {
    std::string key;
    int64_t assigned = 0, decided = 0;
    Totals gross, net;
    // Cases only: every year the case spans, and the RAG of the year that is due now (the ledger's
    // year, or the case's first year if it starts later, or its last if it has ended).
    std::vector<CaseYear> years;
    std::optional<int64_t> target;  // pence: the net target of the RAG year, when known
    std::string rag_year;           // the RAG year's label
    std::string rag;                // green, amber, red, or "" with no target
};

struct RagRule {
    int64_t green = 1'000'000, amber = 750'000; // ppm of the target reached: at or above green, at or above amber
};

// Full-year saving per review hour, over the decided reviews whose hours are recorded.
struct PerHour {
    int64_t hours = 0;                           // hundredths of an hour recorded
    int64_t full_year = 0;                       // pence: those reviews' full-year saving
    std::optional<int64_t> saving_per_hour;      // pence, rounded half-up; none without hours
    void add(int64_t review_hours, int64_t saving) {
        hours += review_hours;
        full_year += saving;
    }
    void finish();
};

struct ReviewerRate {
    std::string reviewer;
    int64_t completed = 0;
    int64_t per_week_hundredths = 0;   // completed ÷ weeks since their first assignment, in hundredths
    int64_t mean_days_to_decision = 0;
    PerHour per_hour;
};

struct Delivery {
    Date as_at;
    FinancialYear year{0};
    std::vector<Decision> decisions;
    std::vector<Realised> realised;
    std::vector<Group> by_case, by_lever, by_service, by_year; // by_year: the financial year each change took effect
    std::vector<Awaiting> awaiting;      // decisions whose expected price the ledger does not show yet
    std::vector<ReviewerRate> reviewers;
    PerHour per_hour;                    // the whole team
    int64_t backlog = 0;                 // assigned, not decided
    std::optional<Date> backlog_clears;  // at the team's current rate
};

using WeeklyCost = std::function<WeeklyFunding(const std::string &person_id, Date on)>;
// A case's planned net saving by financial year (in-year, as profiled); empty when the case is unknown.
using Target = std::function<std::vector<std::pair<FinancialYear, int64_t>>(const std::string &case_id)>;

Delivery compute_delivery(std::vector<Decision> decisions, const WeeklyCost &weekly_cost, const Target &target, Date as_at,
                          WeeksPerYear weeks, RagRule rule = {});

std::string format_delivery(const Delivery &delivery, WeeksPerYear weeks);

} // namespace ascent::delivery
