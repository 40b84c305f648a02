// Risk ranges: a seeded Monte Carlo over each case's uncertain inputs — cohort size, per-case
// saving, confidence, attrition and start-date slippage, each a triangular distribution around
// the case's own value — giving P10/P50/P90 of the net saving by financial year for each case and
// for the programme, and the chance of meeting each target.
//
// A trial scales each uncertain line's profile (recomputed for each month of slippage) by its
// sampled inputs. The sampled factors are random draws (computed in double, as any sampler is);
// the money is integer pence throughout, scaled in 32-bit fixed point, so a seed gives the same
// pence on every machine and thread count. Cases draw from their own seeded streams.
//
// Actuals narrow the range: where decided reviews have secured savings for a case (measured on
// the ledger), a financial year already over counts exactly what was secured in it, and in the
// current and later years no trial falls below what is already secured.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cases/programme.hpp"

namespace ascent::cases {

struct RiskOptions {
    int64_t trials = 10'000;
    uint64_t seed = 1;
    unsigned threads = 0;   // 0: one per core
};

// Savings decided reviews have secured for a case, from the ledger: each change's in-year effect in
// the financial year it took effect, and its full-year effect in every later year.
struct SecuredChange {
    FinancialYear year{0};
    int64_t in_year = 0, full_year = 0; // pence; an increase is negative
};

struct Secured {
    FinancialYear current{0};           // the financial year of the ledger's date
    std::vector<SecuredChange> changes;
    int64_t in(FinancialYear year) const;
};

using SecuredByCase = std::map<std::string, Secured>;

// A case's delivery risk (H/M/L) as the simulation uses it, in every trial: a chance that the whole
// case starts late (by 1 to slip_months whole months, evenly) and a chance of a shortfall (its
// savings and income fall short by up to `shortfall`, evenly). What is netted off (investment,
// reinvestment) is spent as planned. ascent's assumption, documented in docs/business-cases.md.
struct DeliveryRisk {
    double slip_chance = 0;
    int slip_months = 0;
    double shortfall_chance = 0, shortfall = 0;
};
DeliveryRisk delivery_risk(Rating rating);
std::string describe(const DeliveryRisk &risk);

struct Percentiles {
    int64_t p10 = 0, p50 = 0, p90 = 0;   // pence
};

struct CaseRisk {
    std::string id, title;
    std::vector<int64_t> planned;        // pence, in-year net by programme year, as profiled
    std::vector<Percentiles> by_year;
    Rating delivery_risk = Rating::medium;
    bool uncertain = false;              // has at least one line with a range (its own or its lever's)
    bool varies = false;                 // has a range or a saving its delivery risk can change
    int lever_lines = 0;                 // lines varied by their lever's low/high or confidence
    std::vector<int64_t> secured;        // pence by programme year, when decided reviews secured any
};

struct RiskResult {
    std::vector<FinancialYear> years;
    std::vector<CaseRisk> cases;
    std::vector<int64_t> planned;        // programme in-year net by year
    std::vector<Percentiles> by_year;    // programme
    std::vector<std::pair<FinancialYear, int64_t>> targets;
    std::vector<double> chance;          // of each target being met: the share of trials at or above it
    std::vector<bool> certain;           // per target: every trial gives the same figure (no chance to speak of)
    std::vector<std::pair<int64_t, int64_t>> extremes; // per target: the least and the most a trial saves in its year
    bool uncertain = false;              // any case varies
    int64_t trials = 0;
    uint64_t seed = 0;
};

RiskResult simulate_risk(const Programme &programme, const RiskOptions &options, const CohortLookup &cohorts = {},
                         const SecuredByCase &secured = {});

std::string format_risk(const RiskResult &result);

} // namespace ascent::cases
