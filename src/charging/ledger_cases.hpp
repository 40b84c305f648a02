// Financial assessment cases from the care ledger: each person's circumstances (the finances
// extract), their disability benefit and S117 entitlement (the people extract), and what their
// open services say on a date (the cost of care, residential or not, night-time care).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "charging/assessment.hpp"
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
LedgerCaseload ledger_caseload(const Ledger &ledger, const PersonFacts &facts, Date on);

// One person's case; nothing if they have no financial circumstances. Throws input_error naming
// what is missing when the case cannot be built (no open service, no date of birth).
std::optional<LedgerCase> ledger_case(const Ledger &ledger, const PersonFacts &facts, uint32_t person, Date on);

} // namespace ascent::charging
