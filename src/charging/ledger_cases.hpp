// Financial assessment cases from the care ledger: each person's circumstances (the finances
// extract), their disability benefit and S117 entitlement (the people extract), and what their
// open services say on a date (the cost of care, residential or not, night-time care).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "charging/assessment.hpp"
#include "charging/backlog.hpp"
#include "core/person_facts.hpp"

namespace ascent::charging {

struct LedgerCase {
    uint32_t person = 0;
    FinancialCase c;
    int64_t recorded_charge = k_no_money; // the charge being collected now, if the extract gives it
};

struct LedgerCaseload {
    std::vector<LedgerCase> cases;
    int64_t without_finances = 0;     // receiving services, with no financial circumstances recorded
    int64_t without_services = 0;     // financial circumstances, but no open service on the date
    int64_t without_age = 0;          // no date of birth: the MIG cannot be chosen
};

// Every person with financial circumstances and an open service on `facts.as_at`, assessed on `on`.
// With `stays_apart`, a person on a short-term residential stay on the date is assessed under the
// rules of their ongoing care (non-residential), because the stay is assessed for its own weeks
// (ledger_stays); otherwise as a short-term resident.
LedgerCaseload ledger_caseload(const Ledger &ledger, const PersonFacts &facts, Date on, bool stays_apart = false);

// A stay is not short-term once it passes 8 weeks (the regulations' "short-term resident").
inline constexpr int32_t k_short_stay_days = 56;

// The short-term residential stays of a period, each a case assessed on `on` as a short-term
// resident (so policy.respite_rule decides its rules), charged for its days in the period:
//   - a stay is the ledger's lines with a short-term residential or nursing component (CLD), a
//     person's overlapping or back-to-back lines being one stay; an open line runs to the
//     ledger's date; the cost of care is the highest weekly cost among its lines;
//   - a stay of more than 8 weeks in all is not short-term, and is counted apart (`longer`);
//   - a stay crossing the period's edges counts its days inside the period only (the 8-week test
//     is on the whole stay).
struct LedgerStays {
    Date from, to;
    std::vector<LedgerCase> cases;    // one per stay, care = short-term resident; id "P0001, stay from 01/05/2025"
    std::vector<int32_t> days;        // each stay's days inside the period
    int64_t people = 0;               // distinct people with a stay
    int64_t longer = 0;               // stays of more than 8 weeks, left out
    int64_t without_finances = 0;     // stays of people with no financial circumstances, left out
    int64_t without_age = 0;          // stays of people with no date of birth, left out
};
LedgerStays ledger_stays(const Ledger &ledger, const PersonFacts &facts, Date from, Date to, Date on);

// One person's case; nothing if they have no financial circumstances. Throws input_error naming
// what is missing when the case cannot be built (no open service, no date of birth).
std::optional<LedgerCase> ledger_case(const Ledger &ledger, const PersonFacts &facts, uint32_t person, Date on);

// The overdue financial reassessments on `facts.as_at` (charging/backlog.hpp, BacklogCohort).
BacklogCohort overdue_cohort(const Ledger &ledger, const PersonFacts &facts, int overdue_months);

} // namespace ascent::charging
