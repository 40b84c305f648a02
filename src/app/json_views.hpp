// Results as JSON, beside their text renderings, for the API. Money is integer pence ("…_pence"),
// exact, as the engine holds it; the UI formats it. Figures rounded from finer amounts say so in
// "rounding". Every result with annual figures names its conventions (weeks a year, levers).
#pragma once

#include <nlohmann/json.hpp>

#include "app/council.hpp"
#include "cases/profile.hpp"
#include "core/spend_trend.hpp"
#include "cases/reconcile.hpp"
#include "delivery/realised.hpp"

namespace ascent::app {

inline constexpr std::string_view k_rounding = "half-up to the penny, once, from exact amounts";

// `a` with `b`'s members added.
inline nlohmann::json merged(nlohmann::json a, const nlohmann::json &b) {
    a.update(b);
    return a;
}

nlohmann::json conventions_json(const Conventions &c);
nlohmann::json summary_json(const LedgerSummary &s, const Conventions &c);
nlohmann::json trend_json(const std::vector<TrendPoint> &trend);
nlohmann::json opportunities_json(const Analysis &a);
nlohmann::json explanation_json(const opportunity::Explanation &e);
nlohmann::json profile_json(const cases::Profile &p);
// Person ids (of decisions awaiting the ledger) only `with_people`.
nlohmann::json delivery_json(const delivery::Delivery &d, bool with_people);
nlohmann::json audit_json(const store::AuditEvent &e);
// A stated figure against the computed one.
nlohmann::json check_json(const cases::Check &c);

// The ledger's questions as the API answers them (app/ledger_json.cpp), each the same figures
// as its text rendering: a lever's people in lever_page's order, `limit` from `offset`, each
// explained; every lever that flagged one person; a cohort, with its members when `with_people`.
// An unknown lever or person throws input_error.
nlohmann::json lever_people_json(const Analysis &a, const std::string &lever_id, std::size_t offset, std::size_t limit);
nlohmann::json person_json(const Analysis &a, const std::string &person_id);
nlohmann::json cohort_json(const CohortResult &result, bool with_people);
// Whether an analysis ran a lever (the API answers 404 when not).
bool has_lever(const Analysis &a, const std::string &lever_id);

} // namespace ascent::app
