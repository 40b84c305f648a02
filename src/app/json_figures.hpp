// Overlap (a case's or a programme's lines net of each other) and plausibility (a figure against
// the council's spend and the evidence library) as JSON for the API; money in integer pence.
#pragma once

#include <nlohmann/json.hpp>

#include "app/netting.hpp"
#include "app/plausibility.hpp"

namespace ascent::app {

nlohmann::json netting_json(const Netting &n);
nlohmann::json plausibility_json(const Plausibility &p);

} // namespace ascent::app
