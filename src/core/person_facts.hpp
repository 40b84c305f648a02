// Facts about each person on one date, derived once from their open service lines: the package
// cost, the SALT setting, direct payments, night support, age, time since review. The summary and
// the cohort language both read these, so "supported", "cost" and "setting" mean one thing.
#pragma once

#include <cstdint>
#include <vector>

#include "core/ledger.hpp"

namespace ascent {

// Person-level facts, one column each, computed once for a ledger at a date.
struct PersonFacts {
    Date as_at;
    std::vector<int32_t> age;                 // -1 not known
    std::vector<int64_t> weekly_cost;         // pence, open lines
    std::vector<uint8_t> setting;             // Setting; Setting::count if no open line
    std::vector<uint8_t> open_lines;
    std::vector<uint8_t> direct_payment, waking_night, sleep_in; // 0/1 over open lines
    std::vector<uint8_t> staff_ratio;         // highest over open lines, 0 not recorded
    std::vector<int32_t> days_since_review, days_since_financial_assessment; // -1 not known
};

PersonFacts person_facts(const Ledger &ledger, Date as_at);

} // namespace ascent
