// Facts about each person on one date, derived once from their service lines, package changes and
// direct-payment accounts: the package cost, the SALT setting, direct payments, night support,
// health funding, age, time since review. The summary, the cohort language and the opportunity
// finder all read these, so "supported", "cost" and "setting" mean one thing everywhere.
#pragma once

#include <cstdint>
#include <vector>

#include "core/ledger.hpp"

namespace ascent {

// Night support ordered by cost: a person's value is the highest over their open lines.
enum class NightLevel : uint8_t { not_recorded, none, sleep_in, waking };

// Person-level facts, one column each, computed once for a ledger at a date.
struct PersonFacts {
    Date as_at;
    std::vector<int32_t> age;                 // -1 not known
    std::vector<int64_t> weekly_cost;         // pence, open lines
    std::vector<int64_t> health_funded;       // pence a week of the open lines paid by CHC or S117 (NHS) shares
    std::vector<int64_t> accommodation_cost;  // pence a week, k_no_money if no open line records it
    std::vector<uint8_t> setting;             // Setting; Setting::count if no open line
    std::vector<uint8_t> open_lines;
    std::vector<uint32_t> services;           // bit c set if an open line has service component c
    std::vector<uint8_t> direct_payment;      // 0/1 over open lines
    std::vector<NightLevel> night;
    std::vector<uint8_t> staff_ratio;         // highest over open lines, 0 not recorded
    std::vector<int32_t> home_care_hours;     // hundredths of an hour a week on open hourly home-support lines
    std::vector<uint8_t> had_reablement;      // 0/1: any reablement or ST-Max line that started by the date
    std::vector<int32_t> respite_days;        // days of short-term residential stays in the 12 months to the date
    std::vector<int32_t> days_since_start;    // days since the earliest open line started, -1 not known
    std::vector<int32_t> days_since_review, days_since_financial_assessment; // -1 not known
    std::vector<int64_t> dp_weekly;           // pence a week of open direct-payment lines
    std::vector<int64_t> dp_balance;          // pence held in direct-payment accounts, k_no_money if no account
    std::vector<int32_t> dp_weeks_held;       // whole weeks of the weekly direct payment held, -1 not known
    std::vector<uint8_t> increases;           // package increases effective in the 12 months to the date
    std::vector<int64_t> increase_weekly;     // pence a week added by those increases
};

PersonFacts person_facts(const Ledger &ledger, Date as_at);

} // namespace ascent
