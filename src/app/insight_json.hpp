// Benchmarks and trend projections as the API sends them: the council against its comparators on
// the national measures, and a trend model's projection.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "app/national.hpp"
#include "benchmark/projection.hpp"
#include "report/document.hpp"

namespace ascent::app {

struct ComparisonAsked {
    std::shared_ptr<const NationalLoad> national;
    std::size_t council = 0;
    int year = 0;
    benchmark::PeerGroup group;
    benchmark::Comparison comparison;
};
// region, type or nearest.
bool is_peer_kind(const std::string &text);
// A council (by name or code) against its comparators of that kind in `year` ("" the latest).
ComparisonAsked ask_comparison(std::shared_ptr<const NationalLoad> national, const std::string &council_key, const std::string &year,
                               const std::string &peers, std::size_t nearest);
nlohmann::json comparison_json(const ComparisonAsked &asked);

// A trend model sent as JSON (a trend file's layout), checked; its projection as JSON and as a report.
benchmark::TrendModel trend_model_from_json(const nlohmann::json &body, const std::string &source);
nlohmann::json trend_json(const benchmark::TrendModel &model);
report::Document trend_report(const benchmark::TrendModel &model);

} // namespace ascent::app
