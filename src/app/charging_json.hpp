// Charging results as the API sends them: a policy simulation, each option's change against the
// baseline (income by year, bands of change, groups, and the most affected people when allowed).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "charging/simulation.hpp"

namespace ascent::app {

// An options file's content sent as JSON (the same layout), checked.
charging::OptionsFile options_from_json(const nlohmann::json &body, const std::string &source);
nlohmann::json simulation_json(const charging::Simulation &s, bool people);

} // namespace ascent::app
