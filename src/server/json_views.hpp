// Domain results as JSON for the API. Money is integer pence ("…_pence"), exact, as the engine
// holds it; the UI formats it. Figures rounded from finer amounts say so in "rounding".
#pragma once

#include <nlohmann/json.hpp>

#include "app/council.hpp"
#include "cases/profile.hpp"
#include "core/spend_trend.hpp"
#include "cases/reconcile.hpp"
#include "delivery/realised.hpp"

namespace ascent::server {

inline constexpr std::string_view k_rounding = "half-up to the penny, once, from exact amounts";

// `a` with `b`'s members added.
inline nlohmann::json merged(nlohmann::json a, const nlohmann::json &b) {
    a.update(b);
    return a;
}

nlohmann::json summary_json(const LedgerSummary &s);
nlohmann::json trend_json(const std::vector<TrendPoint> &trend);
nlohmann::json opportunities_json(const app::Analysis &a);
nlohmann::json explanation_json(const opportunity::Explanation &e);
nlohmann::json profile_json(const cases::Profile &p);
// Person ids (of decisions awaiting the ledger) only `with_people`.
nlohmann::json delivery_json(const delivery::Delivery &d, bool with_people);
nlohmann::json audit_json(const store::AuditEvent &e);
// A stated figure against the computed one.
nlohmann::json check_json(const cases::Check &c);

} // namespace ascent::server
