// Commissioning results as the API sends them (moved out of the server's routes): the market and
// the lines above a rate card's ceilings on the ledger, a retender's saving, the fair price of a
// placement, fee uplift options, bid evaluations and the dynamic purchasing system's register.
// Requests arrive as a file's text (JSON is YAML), checked by the same readers as the CLI's files.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "app/council.hpp"
#include "commissioning/fair_price.hpp"
#include "commissioning/rate_card.hpp"
#include "commissioning/tender.hpp"

namespace ascent::app {

nlohmann::json market_json(const Analysis &analysis, std::size_t limit);
// People's lines (up to `people_limit`) only when given; `card_name` is set for the audit line.
nlohmann::json ceilings_json(const Analysis &analysis, const std::string &card_text, std::optional<std::size_t> people_limit,
                             std::string &card_name);
// `retender.name` empty: the card's name.
nlohmann::json retender_json(const Analysis &analysis, const std::string &card_text, const commissioning::Retender &retender);
commissioning::FairPrice fair_price_of(const std::string &placement_text);
nlohmann::json fair_price_json(const commissioning::FairPrice &p);
commissioning::Evaluation evaluation_of(const std::string &request_text);
nlohmann::json evaluation_json(const commissioning::Evaluation &e);
nlohmann::json uplifts_json(const Analysis &analysis, const std::string &options_text);
// Each request with its questions, the providers it went to and, when `sees_bids`, its bids.
nlohmann::json dps_register_json(Council &council, bool sees_bids);

} // namespace ascent::app
