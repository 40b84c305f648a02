// The fair price of care for one placement (residential, nursing or supported living): from the
// person's assessed needs, staff pay, on-costs, management and overheads, hotel and buildings, and
// the operator's return, a weekly price built element by element with its workings, compared with
// the fee paid and, when the provider has submitted open-book figures, line by line with theirs.
//
// Amounts are exact until shown: each element is held in hundred-thousandths of a penny, shown
// rounded half-up to the penny; the fair price is the exact sum rounded once.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "params/parameters.hpp"

namespace ascent::commissioning {

enum class Setting { residential, nursing, supported_living };

struct Needs {
    int64_t shared_hours = 0;      // hundredths of an hour a week: care from shared staffing
    int64_t one_to_one_hours = 0;  // hundredths: one worker with the person alone
    int64_t two_to_one_hours = 0;  // hundredths: two workers at once (costed twice)
    int64_t nurse_hours = 0;       // hundredths: registered nurse time (nursing)
    int64_t waking_nights = 0;     // nights a week with a waking worker
    int64_t sleep_in_nights = 0;   // nights a week with a sleep-in worker
};

struct Placement {
    std::string name;
    Date date;                       // the parameters in force on this date
    Setting setting = Setting::residential;
    std::optional<int64_t> fee_paid; // pence a week
    Needs needs;
    std::map<std::string, std::string> set;      // parameter → value for this placement only
    std::map<std::string, int64_t> open_book;    // element id → pence a week, as the provider submitted
};

Placement read_placement(std::string_view text, const std::string &path);
Placement read_placement_file(const std::string &path);

inline constexpr int64_t k_scale = 100'000; // an element's exact amount is in 1/100,000 of a penny

struct Element {
    std::string id, name;   // "care_pay", "Care staff pay"
    int64_t exact = 0;      // 1/100,000 penny a week
    std::string workings;   // the arithmetic, with the parameters' values
    int64_t pence() const;  // rounded half-up
};

struct FairPrice {
    Placement placement;
    std::vector<Element> elements;
    int64_t total_exact = 0;
    int64_t total = 0;                 // pence a week, rounded once
    std::optional<int64_t> gap;        // fee paid − fair price, pence a week (positive: paying more)
    std::vector<params::UsedParameter> used;
    std::vector<std::string> sources;
    // Open book: each element the provider submitted, against the calculated one (largest gap first).
    struct Line {
        std::string id, name;
        int64_t calculated = 0, submitted = 0, difference = 0; // pence a week; difference = submitted − calculated
    };
    std::vector<Line> open_book;
};

// The built-in England commissioning parameters (rules/commissioning/england.yaml).
params::ParameterSet default_parameters();

// Works out the fair price. A parameter missing on the placement's date is an error naming it.
FairPrice fair_price(const Placement &placement, params::ParameterSet parameters);

std::string format_fair_price(const FairPrice &price);

} // namespace ascent::commissioning
