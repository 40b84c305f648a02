// Commissioning: the market and the lines above a rate card's ceilings (from the server's ledger),
// a retender's profile, the fair price of a placement, fee uplift options and bid evaluations,
// each sent as JSON in the layout of its file (docs/commissioning.md).
#include <fmt/format.h>


#include "app/commissioning_export.hpp"
#include "commissioning/market.hpp"
#include "commissioning/rate_card.hpp"
#include "commissioning/uplift.hpp"
#include "server/api.hpp"
#include "server/json_views.hpp"

namespace ascent::server {

namespace {

using app::Role;

// The body as a file's text (JSON is YAML), checked to be an object.
std::string file_in(const json &body, const char *what) {
    if (!body.is_object()) throw ApiError{400, "bad_request", fmt::format("send the {} as a JSON object, as its file lays it out", what)};
    return body.dump();
}

Reply market(Call &call) {
    const auto analysis = call.engine.analysis();
    const auto m = commissioning::market_view(*analysis->ledger, analysis->ledger->as_at);
    const auto limit = call.query_count("limit", 25, 1000);
    json providers = json::array(), spreads = json::array();
    for (std::size_t k = 0; k < m.by_provider.size() && k < limit; ++k) {
        const auto &p = m.by_provider[k];
        providers.push_back({{"provider", p.provider}, {"people", p.people}, {"lines", p.lines}, {"weekly_pence", p.weekly},
                             {"out_of_area_weekly_pence", p.out_of_area_weekly}});
    }
    for (const auto &s : m.spreads)
        spreads.push_back({{"service", code_label(CodeField::service_component, s.component)},
                           {"unit", s.frequency == codes::freq_hourly ? "hour" : "week"},
                           {"lines", s.lines}, {"providers", s.providers}, {"min_pence", s.min}, {"p25_pence", s.p25},
                           {"median_pence", s.median}, {"p75_pence", s.p75}, {"max_pence", s.max},
                           {"weekly_above_median_pence", s.weekly_above_median}});
    return {200, {{"as_at", m.on.iso()}, {"weekly_pence", m.weekly}, {"providers", m.providers}, {"top", m.top},
                  {"top_share_ppm", m.top_share_ppm}, {"hhi", m.hhi}, {"out_of_area_weekly_pence", m.out_of_area_weekly},
                  {"by_provider", providers}, {"spreads", spreads}}};
}

// Body: a rate card. People are listed for finance (audited); others see the totals by service.
Reply ceilings(Call &call) {
    const auto card = commissioning::read_rate_card(file_in(call.body, "rate card"), "the request's rate card");
    const auto analysis = call.engine.analysis();
    const auto &ledger = *analysis->ledger;
    const auto c = commissioning::check_ceilings(ledger, card, ledger.as_at);
    std::map<std::string, std::pair<int64_t, int64_t>> by_service; // lines, excess
    for (const auto &f : c.flagged) {
        auto &s = by_service[std::string(code_label(CodeField::service_component, ledger.lines.component[f.line]))];
        ++s.first;
        s.second += f.weekly_excess;
    }
    json services = json::array();
    for (const auto &[service, t] : by_service) services.push_back({{"service", service}, {"lines", t.first}, {"weekly_excess_pence", t.second}});
    json out{{"as_at", c.on.iso()}, {"lines_checked", c.lines_checked}, {"lines_without_rate", c.lines_without_rate},
             {"flagged", c.flagged.size()}, {"weekly_excess_pence", c.weekly_excess}, {"by_service", services}};
    if (app::sees_people(call.role())) {
        json lines = json::array();
        const auto limit = call.query_count("limit", 100, 5000);
        for (std::size_t k = 0; k < c.flagged.size() && k < limit; ++k) {
            const auto &f = c.flagged[k];
            lines.push_back({{"person_id", analysis->person_id(ledger.lines.person[f.line])},
                             {"service", code_label(CodeField::service_component, ledger.lines.component[f.line])},
                             {"provider", ledger.text.at(ledger.lines.provider[f.line])},
                             {"unit_cost_pence", f.unit_cost}, {"ceiling_pence", f.ceiling}, {"weekly_excess_pence", f.weekly_excess}});
        }
        out["lines"] = lines;
        call.engine.with_council(call.user(), [&](app::Council &council) {
            council.audit(call.user(), "person_list_read", "ceilings", card.name);
        });
    }
    return {200, out};
}

// Body: {"card": {…}, "from": "2026-11-01", "years": 3, "weeks_per_year": "52", "name": "…"}.
Reply retender(Call &call) {
    if (!call.body.is_object() || !call.body.contains("card") || !call.body.contains("from"))
        throw ApiError{400, "bad_request", "send {\"card\": a rate card, \"from\": the date the new rates start}"};
    const auto card = commissioning::read_rate_card(file_in(call.body.at("card"), "rate card"), "the request's rate card");
    const auto from = parse_date(call.body.at("from").get<std::string>());
    if (!from) throw ApiError{400, "bad_date", "'from' must be a date such as 2026-11-01"};
    const auto weeks = WeeksPerYear::parse(call.body.value("weeks_per_year", std::string("52")));
    if (!weeks) throw ApiError{400, "bad_weeks", "weeks_per_year is 52, 52.14, 52.143 or 365/7"};
    const int years = call.body.value("years", 3);
    if (years < 1 || years > 10) throw ApiError{400, "bad_years", "years is 1 to 10"};
    const auto p = commissioning::retender(*call.engine.analysis()->ledger, card,
                                           {call.body.value("name", card.name), *from, years, *weeks});
    json by_year = json::array();
    for (const auto &[year, pence] : p.saving_by_year) by_year.push_back({{"year", year.label()}, {"saving_pence", pence}});
    return {200, {{"name", p.retender.name}, {"from", from->iso()}, {"lines", p.lines}, {"lines_up", p.lines_up},
                  {"lines_down", p.lines_down}, {"weekly_before_pence", p.weekly_before}, {"weekly_after_pence", p.weekly_after},
                  {"saving_by_year", by_year}, {"basis", "part year from the date, then full years; a negative saving is a cost"},
                  {"rounding", k_rounding}}};
}

json fair_price_json(const commissioning::FairPrice &p) {
    json elements = json::array(), used = json::array(), book = json::array();
    for (const auto &e : p.elements) elements.push_back({{"id", e.id}, {"name", e.name}, {"pence", e.pence()}, {"workings", e.workings}});
    for (const auto &u : p.used)
        used.push_back({{"name", u.name}, {"value", u.value}, {"from", u.from.iso()}, {"tag", u.tag}, {"source", u.source}});
    for (const auto &l : p.open_book)
        book.push_back({{"id", l.id}, {"name", l.name}, {"submitted_pence", l.submitted}, {"calculated_pence", l.calculated},
                        {"difference_pence", l.difference}});
    json out{{"name", p.placement.name}, {"date", p.placement.date.iso()}, {"elements", elements}, {"total_pence", p.total},
             {"open_book", book}, {"parameters", used}, {"sources", p.sources},
             {"rounding", "each element half-up for display; the fair price is the exact sum rounded once"}};
    if (p.gap) {
        out["fee_paid_pence"] = *p.placement.fee_paid;
        out["gap_pence"] = *p.gap;
    }
    return out;
}

commissioning::FairPrice price_in(const Call &call) {
    return commissioning::fair_price(commissioning::read_placement(file_in(call.body, "placement"), "the request's placement"),
                                     commissioning::default_parameters());
}

json evaluation_json(const commissioning::Evaluation &e) {
    json bids = json::array();
    for (const auto &b : e.bids)
        bids.push_back({{"provider", b.provider}, {"price_pence", b.price}, {"status", b.status}, {"rank", b.rank},
                        {"price_points_millionths", b.price_points}, {"quality_points_millionths", b.quality_points},
                        {"total_millionths", b.total}, {"cqc_rating", b.cqc_rating}});
    json out{{"name", e.request.name}, {"ceiling_pence", e.request.ceiling}, {"bids", bids}, {"note", e.award_note}};
    if (e.award) out["award"] = e.bids[*e.award].provider;
    if (e.against_fair_price) out["against_fair_price_pence"] = *e.against_fair_price;
    if (e.days_to_place) out["days_to_place"] = *e.days_to_place;
    return out;
}

commissioning::Evaluation evaluation_in(const Call &call) {
    return commissioning::evaluate(commissioning::read_tender(file_in(call.body, "request"), "the request"));
}

Reply uplifts(Call &call) {
    const auto options = commissioning::read_uplift_options(file_in(call.body, "uplift options"), "the request's options");
    const auto m = commissioning::model_uplifts(*call.engine.analysis()->ledger, options, commissioning::default_parameters());
    json results = json::array();
    for (const auto &r : m.results) {
        json years = json::array();
        for (std::size_t y = 0; y < r.cost_by_year.size(); ++y)
            years.push_back({{"year", r.cost_by_year[y].first.label()}, {"cost_pence", r.cost_by_year[y].second},
                             {"growth_avoided_pence", r.growth_avoided[y]}});
        results.push_back({{"name", r.name}, {"weekly_increase_pence", r.weekly_increase}, {"by_year", years}, {"workings", r.workings}});
    }
    return {200, {{"name", m.options.name}, {"effective", m.options.effective.iso()}, {"weekly_spend_pence", m.weekly_spend},
                  {"options", results}, {"growth_avoided_against", m.results.front().name}, {"rounding", k_rounding}}};
}

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
    struct Entry {
        store::DpsRequest request;
        std::vector<std::string> eligible;
        std::vector<store::DpsBid> bids;
    };
    const auto [admissions, entries] = call.engine.with_council(call.user(), [](app::Council &c) {
        std::vector<Entry> out;
        for (auto &r : c.dps_requests()) {
            auto eligible = c.dps_eligible(r.lot, r.zone);
            auto bids = c.dps_bids(r.id);
            out.push_back({std::move(r), std::move(eligible), std::move(bids)});
        }
        return std::pair(c.dps_admissions(), out);
    });
    const bool sees_bids = app::sees_people(call.role());
    json a = json::array(), r = json::array();
    for (const auto &x : admissions) {
        a.push_back({{"provider", x.provider}, {"lot", x.lot}, {"zone", x.zone}, {"cqc_rating", x.cqc_rating}, {"admitted_on", x.admitted_on}});
        if (x.rate) a.back()["rate_pence"] = *x.rate;
    }
    for (const auto &[x, eligible, bids] : entries) {
        const auto spec = commissioning::read_tender(x.spec, "request " + x.id);
        json questions = json::array();
        for (const auto &q : spec.questions) questions.push_back({{"id", q.id}, {"weight_bp", q.weight}, {"from_cqc_rating", !q.cqc_scores.empty()}});
        json item{{"id", x.id}, {"name", spec.name}, {"lot", x.lot}, {"zone", x.zone}, {"advertised_on", x.advertised_on}, {"status", x.status},
                  {"ceiling_pence", spec.ceiling}, {"max_score", spec.max_score}, {"questions", questions}, {"eligible", eligible},
                  {"bid_count", bids.size()}};
        if (sees_bids) {
            json b = json::array();
            for (const auto &bid : bids)
                b.push_back({{"provider", bid.provider}, {"price_pence", bid.price}, {"answers", bid.answers}, {"withdrawn", bid.withdrawn},
                             {"submitted_on", bid.submitted_on}});
            item["bids"] = b;
        }
        if (x.awarded_price) {
            item["awarded_provider"] = x.awarded_provider;
            item["awarded_price_pence"] = *x.awarded_price;
            item["case_id"] = x.case_id;
            item["decided_on"] = x.decided_on;
            item["days_to_place"] = parse_date(x.advertised_on)->days_until(*parse_date(x.decided_on));
        }
        r.push_back(item);
    }
    return {200, {{"admissions", a}, {"requests", r}}};
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
    return {200, evaluation_json(e)};
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
                      [](Call &call) { return Reply{200, fair_price_json(price_in(call))}; }});
    routes.push_back({{"POST", "/api/v1/commissioning/fair-price.xlsx", Role::viewer, "The fair price calculation as XLSX"},
                      [](Call &call) {
                          const auto p = price_in(call);
                          return file_reply("fair-price.xlsx", k_xlsx_type, [&](const std::string &path) { app::write_fair_price_xlsx(p, path); });
                      }});
    routes.push_back({{"POST", "/api/v1/commissioning/uplifts", Role::viewer, "Fee uplift options: cost by year and growth avoided"}, uplifts});
    routes.push_back({{"POST", "/api/v1/commissioning/evaluation", Role::analyst, "Evaluate bids by the published quality/price weighting"},
                      [](Call &call) { return Reply{200, evaluation_json(evaluation_in(call))}; }});
    routes.push_back({{"POST", "/api/v1/commissioning/evaluation.xlsx", Role::analyst, "A bid evaluation as XLSX"},
                      [](Call &call) {
                          const auto e = evaluation_in(call);
                          return file_reply("evaluation.xlsx", k_xlsx_type, [&](const std::string &path) { app::write_evaluation_xlsx(e, path); });
                      }});
}

} // namespace ascent::server
