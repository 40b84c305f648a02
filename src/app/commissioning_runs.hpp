// The commissioning use cases as the CLI runs them (moved out of the CLI): the fair price of care,
// a bid evaluation, rate-card ceilings, a retender, the market and fee uplifts. Each returns its
// text and writes any file asked for.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/council.hpp"

namespace ascent::app {

struct CommissioningRequest {
    enum class Kind { price, evaluate, ceilings, retender, market, uplift } kind = Kind::price;
    std::vector<std::string> parameter_files; // the council's commissioning parameters over the built-in ones
    std::string file, rates, name = "Retender", output, budget_lines;
    std::optional<Date> as_at, from;
    int years = 3;
    std::optional<WeeksPerYear> weeks; // the retender's; none: the council's setting
    std::size_t limit = 20;
};
// `database` is read only by the kinds that need the ledger.
std::string commissioning_run(const std::string &database, const CommissioningRequest &r);

} // namespace ascent::app
