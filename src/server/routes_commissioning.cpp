// Commissioning: the market and the lines above a rate card's ceilings (from the server's ledger),
// a retender's profile, the fair price of a placement, fee uplift options and bid evaluations,
// each sent as JSON in the layout of its file (docs/commissioning.md).
#include <fmt/format.h>

#include "app/commissioning_export.hpp"
#include "app/commissioning_json.hpp"
#include "server/api.hpp"

namespace ascent::server {

namespace {

using app::Role;

// The body as a file's text (JSON is YAML), checked to be an object.
std::string file_in(const json &body, const char *what) {
    if (!body.is_object()) throw ApiError{400, "bad_request", fmt::format("send the {} as a JSON object, as its file lays it out", what)};
    return body.dump();
}

Reply market(Call &call) { return {200, app::market_json(*call.engine.analysis(), call.query_count("limit", 25, 1000))}; }

// Body: a rate card. People are listed for finance (audited); others see the totals by service.
Reply ceilings(Call &call) {
    const bool people = app::sees_people(call.role());
    std::string card_name;
    auto out = app::ceilings_json(*call.engine.analysis(), file_in(call.body, "rate card"),
                                  people ? std::optional(call.query_count("limit", 100, 5000)) : std::nullopt, card_name);
    if (people)
        call.engine.with_council(call.user(), [&](app::Council &council) { council.audit(call.user(), "person_list_read", "ceilings", card_name); });
    return {200, out};
}

// Body: {"card": {…}, "from": "2026-11-01", "years": 3, "weeks_per_year": "52", "name": "…"}; no weeks_per_year: the council's setting.
Reply retender(Call &call) {
    if (!call.body.is_object() || !call.body.contains("card") || !call.body.contains("from"))
        throw ApiError{400, "bad_request", "send {\"card\": a rate card, \"from\": the date the new rates start}"};
    const auto card = file_in(call.body.at("card"), "rate card");
    const auto from = parse_date(call.body.at("from").get<std::string>());
    if (!from) throw ApiError{400, "bad_date", "'from' must be a date such as 2026-11-01"};
    const auto weeks = call.body.contains("weeks_per_year") ? WeeksPerYear::parse(call.body.value("weeks_per_year", std::string()))
                                                            : std::optional(call.engine.analysis()->conventions.weeks);
    if (!weeks) throw ApiError{400, "bad_weeks", "weeks_per_year is 52, 52.14, 52.143 or 365/7"};
    const int years = call.body.value("years", 3);
    if (years < 1 || years > 10) throw ApiError{400, "bad_years", "years is 1 to 10"};
    return {200, app::retender_json(*call.engine.analysis(), card, {call.body.value("name", std::string()), *from, years, *weeks})};
}

commissioning::FairPrice price_in(const Call &call) { return app::fair_price_of(file_in(call.body, "placement")); }

commissioning::Evaluation evaluation_in(const Call &call) { return app::evaluation_of(file_in(call.body, "request")); }

Reply uplifts(Call &call) { return {200, app::uplifts_json(*call.engine.analysis(), file_in(call.body, "uplift options"))}; }

std::optional<int64_t> pence_field(const json &body, const char *name, bool required) {
    const auto text = text_field(body, name, required);
    if (text.empty()) return std::nullopt;
    const auto m = parse_money(text);
    if (!m || m->pence() <= 0) throw ApiError{400, "bad_amount", fmt::format("'{}' must be an amount in pounds such as 1,100.00", name)};
    return m->pence();
}

// Each request with its questions (for entering bids), the providers it went to and, for finance,
// its bids; read in one call on the council.
Reply dps_register(Call &call) {
    const bool sees_bids = app::sees_people(call.role());
    return {200, call.engine.with_council(call.user(), [&](app::Council &c) { return app::dps_register_json(c, sees_bids); })};
}

Reply dps_admit(Call &call) {
    call.engine.with_council(call.user(), [&](app::Council &c) {
        c.dps_admit({text_field(call.body, "provider", true), text_field(call.body, "cqc_rating", false), text_field(call.body, "lot", true),
                     text_field(call.body, "zone", false), on_of(call.body), pence_field(call.body, "rate", false)});
    });
    return {201, {{"admitted", text_field(call.body, "provider", true)}}};
}

// Body: {"id", "lot", "zone", "person_id", "case_id", "spec": a request without bids, "on"}.
Reply dps_advertise(Call &call) {
    if (!call.body.is_object() || !call.body.contains("spec")) throw ApiError{400, "missing_field", "the body needs the request's \"spec\""};
    const auto spec = file_in(call.body.at("spec"), "request's spec");
    const auto to = call.engine.with_council(call.user(), [&](app::Council &c) {
        return c.dps_advertise({text_field(call.body, "id", true), text_field(call.body, "lot", true), text_field(call.body, "zone", false),
                                text_field(call.body, "person_id", false), spec, on_of(call.body), "", "", "", std::nullopt,
                                text_field(call.body, "case_id", false)});
    });
    return {201, {{"advertised_to", to}}};
}

// Body: {"provider", "price", "answers": {"Q1": 4, …}, "withdrawn": false, "on"}.
Reply dps_bid(Call &call) {
    std::string answers;
    if (call.body.is_object() && call.body.contains("answers"))
        for (const auto &[q, score] : call.body.at("answers").items())
            answers += (answers.empty() ? "" : ";") + q + "=" + (score.is_string() ? score.get<std::string>() : score.dump());
    const bool withdrawn = call.body.is_object() && call.body.value("withdrawn", false);
    call.engine.with_council(call.user(), [&](app::Council &c) {
        c.dps_bid({call.params.at(0), text_field(call.body, "provider", true), answers, on_of(call.body), *pence_field(call.body, "price", true), withdrawn});
    });
    return {201, {{"request", call.params.at(0)}, {"provider", text_field(call.body, "provider", true)}, {"withdrawn", withdrawn}}};
}

Reply dps_award(Call &call) {
    const auto on = *parse_date(on_of(call.body));
    const auto e = call.engine.with_council(call.user(), [&](app::Council &c) { return c.dps_award(call.params.at(0), on); });
    return {200, app::evaluation_json(e)};
}

} // namespace

void add_commissioning_routes(std::vector<Route> &routes) {
    routes.push_back({{"GET", "/api/v1/dps", Role::viewer, "The dynamic purchasing system: admissions, and requests with their awards"}, dps_register});
    routes.push_back({{"POST", "/api/v1/dps/admissions", Role::finance, "Admit a provider to a lot and zone (audited)"}, dps_admit});
    routes.push_back({{"POST", "/api/v1/dps/requests", Role::finance, "Advertise a request to the providers admitted to its lot and zone (audited)"},
                      dps_advertise});
    routes.push_back({{"POST", "/api/v1/dps/requests/{id}/bids", Role::finance, "Record a provider's bid (audited)"}, dps_bid});
    routes.push_back({{"POST", "/api/v1/dps/requests/{id}/award", Role::finance, "Evaluate the bids and record the award (audited)"}, dps_award});
    routes.push_back({{"GET", "/api/v1/commissioning/market", Role::viewer,
                       "Spend by provider, concentration, the same care at different prices, out of area"},
                      market});
    routes.push_back({{"POST", "/api/v1/commissioning/ceilings", Role::viewer,
                       "Open lines above a rate card's ceilings (people listed for finance, audited)"},
                      ceilings});
    routes.push_back({{"POST", "/api/v1/commissioning/retender", Role::analyst, "A retender's saving by financial year"}, retender});
    routes.push_back({{"POST", "/api/v1/commissioning/fair-price", Role::viewer, "The fair price of a placement, element by element"},
                      [](Call &call) { return Reply{200, app::fair_price_json(price_in(call))}; }});
    routes.push_back({{"POST", "/api/v1/commissioning/fair-price.xlsx", Role::viewer, "The fair price calculation as XLSX"},
                      [](Call &call) {
                          const auto p = price_in(call);
                          return file_reply("fair-price.xlsx", k_xlsx_type, [&](const std::string &path) { app::write_fair_price_xlsx(p, path); });
                      }});
    routes.push_back({{"POST", "/api/v1/commissioning/uplifts", Role::viewer, "Fee uplift options: cost by year and growth avoided"}, uplifts});
    routes.push_back({{"POST", "/api/v1/commissioning/evaluation", Role::analyst, "Evaluate bids by the published quality/price weighting"},
                      [](Call &call) { return Reply{200, app::evaluation_json(evaluation_in(call))}; }});
    routes.push_back({{"POST", "/api/v1/commissioning/evaluation.xlsx", Role::analyst, "A bid evaluation as XLSX"},
                      [](Call &call) {
                          const auto e = evaluation_in(call);
                          return file_reply("evaluation.xlsx", k_xlsx_type, [&](const std::string &path) { app::write_evaluation_xlsx(e, path); });
                      }});
}

} // namespace ascent::server
