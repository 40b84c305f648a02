#include "app/commissioning_json.hpp"

#include "app/json_views.hpp"
#include "commissioning/market.hpp"
#include "commissioning/uplift.hpp"

namespace ascent::app {

using nlohmann::json;

json market_json(const Analysis &analysis, std::size_t limit) {
    const auto m = commissioning::market_view(*analysis.ledger, analysis.ledger->as_at);
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
    return {{"as_at", m.on.iso()}, {"weekly_pence", m.weekly}, {"providers", m.providers}, {"top", m.top},
                  {"top_share_ppm", m.top_share_ppm}, {"hhi", m.hhi}, {"out_of_area_weekly_pence", m.out_of_area_weekly},
                  {"by_provider", providers}, {"spreads", spreads}};
}

json ceilings_json(const Analysis &analysis, const std::string &card_text, std::optional<std::size_t> people_limit, std::string &card_name) {
    const auto card = commissioning::read_rate_card(card_text, "the request's rate card");
    card_name = card.name;
    const auto &ledger = *analysis.ledger;
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
    if (people_limit) {
        json lines = json::array();
        for (std::size_t k = 0; k < c.flagged.size() && k < *people_limit; ++k) {
            const auto &f = c.flagged[k];
            lines.push_back({{"person_id", analysis.person_id(ledger.lines.person[f.line])},
                             {"service", code_label(CodeField::service_component, ledger.lines.component[f.line])},
                             {"provider", ledger.text.at(ledger.lines.provider[f.line])},
                             {"unit_cost_pence", f.unit_cost}, {"ceiling_pence", f.ceiling}, {"weekly_excess_pence", f.weekly_excess}});
        }
        out["lines"] = lines;
    }
    return out;
}


json retender_json(const Analysis &analysis, const std::string &card_text, const commissioning::Retender &retender) {
    const auto card = commissioning::read_rate_card(card_text, "the request's rate card");
    auto r = retender;
    if (r.name.empty()) r.name = card.name;
    const auto p = commissioning::retender(*analysis.ledger, card, r);
    json by_year = json::array();
    for (const auto &[year, pence] : p.saving_by_year) by_year.push_back({{"year", year.label()}, {"saving_pence", pence}});
    return {{"name", p.retender.name}, {"from", r.effective.iso()}, {"lines", p.lines}, {"lines_up", p.lines_up},
            {"lines_down", p.lines_down}, {"weekly_before_pence", p.weekly_before}, {"weekly_after_pence", p.weekly_after},
            {"saving_by_year", by_year}, {"basis", "part year from the date, then full years; a negative saving is a cost"},
            {"rounding", k_rounding}};
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

commissioning::FairPrice fair_price_of(const std::string &placement_text) {
    return commissioning::fair_price(commissioning::read_placement(placement_text, "the request's placement"), commissioning::default_parameters());
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

commissioning::Evaluation evaluation_of(const std::string &request_text) {
    return commissioning::evaluate(commissioning::read_tender(request_text, "the request"));
}

json uplifts_json(const Analysis &analysis, const std::string &options_text) {
    const auto options = commissioning::read_uplift_options(options_text, "the request's options");
    const auto m = commissioning::model_uplifts(*analysis.ledger, options, commissioning::default_parameters());
    json results = json::array();
    for (const auto &r : m.results) {
        json years = json::array();
        for (std::size_t y = 0; y < r.cost_by_year.size(); ++y)
            years.push_back({{"year", r.cost_by_year[y].first.label()}, {"cost_pence", r.cost_by_year[y].second},
                             {"growth_avoided_pence", r.growth_avoided[y]}});
        results.push_back({{"name", r.name}, {"weekly_increase_pence", r.weekly_increase}, {"by_year", years}, {"workings", r.workings}});
    }
    return {{"name", m.options.name}, {"effective", m.options.effective.iso()}, {"weekly_spend_pence", m.weekly_spend},
                  {"options", results}, {"growth_avoided_against", m.results.front().name}, {"rounding", k_rounding}};
}

json dps_register_json(Council &council, bool sees_bids) {
    struct Entry {
        store::DpsRequest request;
        std::vector<std::string> eligible;
        std::vector<store::DpsBid> bids;
    };
    std::vector<Entry> entries;
    for (auto &r : council.dps_requests()) {
        auto eligible = council.dps_eligible(r.lot, r.zone);
        auto bids = council.dps_bids(r.id);
        entries.push_back({std::move(r), std::move(eligible), std::move(bids)});
    }
    const auto admissions = council.dps_admissions();
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
    return {{"admissions", a}, {"requests", r}};
}


} // namespace ascent::app
