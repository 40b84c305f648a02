// The market as the ledger shows it: spend and people by provider, how concentrated spend is, the
// same kind of care bought at different prices, and spend on placements out of the area.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/ledger.hpp"

namespace ascent::commissioning {

struct ProviderSpend {
    std::string provider;
    int64_t people = 0, lines = 0, weekly = 0;  // weekly: pence
    int64_t out_of_area_weekly = 0;             // pence a week for people placed outside the area
};

struct PriceSpread {
    Code component = 0, frequency = 0;          // a unit cost is compared only with the same unit
    int64_t lines = 0, providers = 0;
    int64_t min = 0, p25 = 0, median = 0, p75 = 0, max = 0; // pence per unit
    int64_t weekly_above_median = 0;            // pence a week paid above the median unit cost
};

struct Market {
    Date on;
    int64_t weekly = 0, providers = 0;
    std::vector<ProviderSpend> by_provider;     // largest first
    int64_t top_share_ppm = 0;                  // the largest `top` providers' share of spend, parts per million
    std::size_t top = 6;
    int64_t hhi = 0;                            // Herfindahl–Hirschman index, 0 to 10,000
    std::vector<PriceSpread> spreads;           // largest spend above the median first
    int64_t out_of_area_weekly = 0;
};

// Lines open on `on`, direct payments left out (their providers are the person's choice).
Market market_view(const Ledger &ledger, Date on, std::size_t top = 6);

std::string format_market(const Market &market, std::size_t limit);

} // namespace ascent::commissioning
