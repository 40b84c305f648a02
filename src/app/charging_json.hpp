// Charging results as the API sends them: a policy simulation, each option's change against the
// baseline (income by year, bands of change, groups, and the most affected people when allowed).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "charging/backlog.hpp"
#include "charging/simulation.hpp"

namespace ascent::app {

// An options file's content sent as JSON (the same layout), checked.
charging::OptionsFile options_from_json(const nlohmann::json &body, const std::string &source);
// With the short-term stays' figures when the simulation has them (money for the weeks of the stays).
nlohmann::json simulation_json(const charging::Simulation &s, bool people);
// A backlog model projected: each option's income, officer cost and net by year; the ledger's
// overdue cohort (counts only, no person) when the model takes its backlog from the ledger.
nlohmann::json backlog_json(const charging::BacklogFile &file);

} // namespace ascent::app
