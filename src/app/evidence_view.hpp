// The evidence library (what other councils achieved and said), searched and checked, as the CLI
// shows it and as the API sends it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "evidence/library.hpp"

namespace ascent::app {

// The built-in library's matches for a query, as text and as JSON.
std::string format_evidence(const evidence::Query &query);
nlohmann::json evidence_json(const evidence::Query &query);
// Amounts larger than a council's gross spend; headlines against the savings listed.
std::string format_evidence_check();

} // namespace ascent::app
