// Commissioning results as XLSX: the fair price calculator's elements with their workings and the
// parameters used, and a bid evaluation with every bid's points and status.
#pragma once

#include <string>

#include "commissioning/fair_price.hpp"
#include "commissioning/tender.hpp"

namespace ascent::app {

void write_fair_price_xlsx(const commissioning::FairPrice &price, const std::string &path);
void write_evaluation_xlsx(const commissioning::Evaluation &evaluation, const std::string &path);

} // namespace ascent::app
