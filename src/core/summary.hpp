// The ledger summary: who is supported, in which setting, at what cost, as at one date.
//
// A person is "supported" on the date if at least one of their service lines is open then. Their
// package cost is the sum of the weekly costs of those lines. Setting follows the SALT hierarchy
// (nursing > residential > community > prison > short-term > carer support), so each person is
// counted once. Cost bands follow the council documents: under £200 a week, £200 to under £600,
// £600 to under £1,000, £1,000 to £1,800, and over £1,800 (Bury's "more than £1,800 pw").
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/annualise.hpp"
#include "core/ledger.hpp"

namespace ascent {

enum class Setting : uint8_t { nursing, residential, community, prison, short_term, carer_support, other, count };
std::string_view to_string(Setting setting);

inline constexpr std::array<int64_t, 4> k_cost_band_edges_pence = {200'00, 600'00, 1000'00, 1800'00};
inline constexpr std::size_t k_cost_bands = 5;
std::string_view cost_band_label(std::size_t band);
// Band of a weekly package cost: under 200 → 0 … over 1,800 → 4 (exactly £1,800 is band 3).
std::size_t cost_band_of(Money weekly);

struct Tally {
    int64_t people = 0;
    Money weekly;
};

struct ProviderTally {
    std::string name;
    int64_t people = 0;
    int64_t lines = 0;
    Money weekly;
};

struct LedgerSummary {
    Date as_at;
    WeeksPerYear weeks;
    int64_t people_in_ledger = 0;
    int64_t people_supported = 0;
    int64_t people_without_cost = 0;    // supported, but no open line carries a cost
    int64_t lines_in_ledger = 0;
    int64_t lines_open = 0;
    Money weekly_gross;                 // Σ weekly cost of open lines
    Money annual_gross;                 // weekly_gross × weeks per year, rounded once half-up
    int64_t people_with_direct_payment = 0;
    // [support reason code][age band]: people and weekly cost. Age bands: 0 18–64, 1 65–79, 2 80+, 3 other/unknown.
    std::vector<std::array<Tally, 4>> by_reason_and_age;
    std::array<Tally, static_cast<std::size_t>(Setting::count)> by_setting{};
    std::array<Tally, k_cost_bands> by_cost_band{};
    std::vector<ProviderTally> top_providers; // by weekly cost, largest first
};

LedgerSummary summarise(const Ledger &ledger, Date as_at, WeeksPerYear weeks, std::size_t top_providers = 10);

// Setting of one service line by its service type (and component where the type is blank).
Setting setting_of(Code service_type, Code component);

} // namespace ascent
