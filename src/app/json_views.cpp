#include "app/json_views.hpp"

#include "app/opportunity_figures.hpp"
#include "app/json_figures.hpp"
#include "opportunity/finder.hpp"

namespace ascent::app {

using nlohmann::json;

namespace {

json tally(const Tally &t) { return {{"people", t.people}, {"weekly_pence", t.weekly.pence()}}; }

json years_of(const cases::Profile &p) {
    json years = json::array();
    for (std::size_t i = 0; i < p.years(); ++i) years.push_back(p.year(i).label());
    return years;
}

} // namespace

json conventions_json(const Conventions &c) {
    return {{"weeks_per_year", c.weeks.name}, {"weeks_source", c.weeks_source}, {"levers", c.levers},
            {"levers_source", c.levers_source}, {"text", format_conventions(c)}};
}

json summary_json(const LedgerSummary &s, const Conventions &c) {
    json settings = json::array(), bands = json::array(), providers = json::array();
    for (std::size_t i = 0; i < s.by_setting.size(); ++i)
        if (s.by_setting[i].people > 0)
            settings.push_back(merged({{"setting", to_string(static_cast<Setting>(i))}}, tally(s.by_setting[i])));
    for (std::size_t i = 0; i < s.by_cost_band.size(); ++i)
        bands.push_back(merged({{"band", cost_band_label(i)}}, tally(s.by_cost_band[i])));
    for (const auto &p : s.top_providers)
        providers.push_back({{"name", p.name}, {"people", p.people}, {"lines", p.lines}, {"weekly_pence", p.weekly.pence()}});
    return {{"as_at", s.as_at.iso()},
            {"weeks_per_year", s.weeks.name},
            {"people_in_ledger", s.people_in_ledger},
            {"people_supported", s.people_supported},
            {"people_without_cost", s.people_without_cost},
            {"lines_open", s.lines_open},
            {"people_with_direct_payment", s.people_with_direct_payment},
            {"weekly_gross_pence", s.weekly_gross.pence()},
            {"annual_gross_pence", s.annual_gross.pence()},
            {"conventions", conventions_json(c)},
            {"rounding", k_rounding},
            {"by_setting", settings},
            {"by_cost_band", bands},
            {"top_providers", providers}};
}

json trend_json(const std::vector<TrendPoint> &trend) {
    json points = json::array();
    for (const auto &p : trend) {
        json settings = json::object();
        for (std::size_t i = 0; i < p.weekly_by_setting.size(); ++i)
            if (p.weekly_by_setting[i] != 0) settings[std::string(to_string(static_cast<Setting>(i)))] = p.weekly_by_setting[i];
        points.push_back({{"on", p.on.iso()}, {"people", p.people}, {"weekly_pence", p.weekly}, {"weekly_by_setting_pence", settings}});
    }
    return points;
}

json opportunities_json(const Analysis &a) {
    const auto &o = a.found;
    const auto figures = opportunity_figures(a);
    const auto pence = [](const std::array<Money, 3> &m) { return json::array({m[0].pence(), m[1].pence(), m[2].pence()}); };
    json levers = json::array();
    for (const auto &l : figures.levers) {
        const auto &lever = *l.lever;
        const auto &r = *l.result;
        levers.push_back({{"id", lever.id},
                          {"name", lever.name},
                          {"category", lever.category},
                          {"group", lever.group},
                          {"enabled", lever.enabled},
                          {"in_totals", l.in_totals},
                          {"people", r.people},
                          {"counted_elsewhere", r.counted_elsewhere},
                          {"capped", r.capped},
                          {"weekly_in_scope_pence", r.weekly_in_scope.pence()},
                          {"annual_net_pence", pence(l.annual_net)}, // low, central, high
                          {"annual_standalone_pence", pence(l.annual_standalone)},
                          {"annual_standalone_central_pence", l.annual_standalone[1].pence()},
                          {"confidence_percent", lever.confidence_percent},
                          {"basis", lever.basis},
                          {"source", lever.source.document}});
    }
    json totals = json::object();
    for (std::size_t e = 0; e < figures.totals.size(); ++e)
        totals[std::string(opportunity::to_string(static_cast<opportunity::Effect>(e)))] = {
            {"annual_pence", pence(figures.totals[e].annual)}, {"weighted_central_pence", figures.totals[e].weighted_central.pence()}};
    return {{"as_at", o.as_at.iso()},
            {"rules", {{"name", o.rules_name}, {"version", o.rules_version}, {"sha256", o.rules_sha256}}},
            {"weeks_per_year", o.weeks.name},
            {"conventions", conventions_json(a.conventions)},
            {"max_combined_reduction_basis_points", o.max_combined_reduction},
            {"people_supported", o.people_supported},
            {"people_flagged", o.people_flagged},
            {"people_capped", o.people_capped},
            {"ledger_weekly_pence", o.ledger_weekly.pence()},
            {"flagged_weekly_pence", o.flagged_weekly.pence()},
            {"reduction_weekly_central_pence", figures.reduction_weekly_central.pence()},
            {"totals", totals},
            {"rounding", k_rounding},
            {"plausibility", plausibility_json(app::opportunity_plausibility(a, figures))},
            {"levers", levers}};
}

json explanation_json(const opportunity::Explanation &e) {
    json group = json::array();
    for (const auto &g : e.group)
        group.push_back({{"lever", g.lever_id}, {"lever_name", g.lever_name}, {"weekly_pence", g.weekly.pence()},
                         {"annual_pence", g.annual.pence()}, {"counted", g.counted}});
    json values = json::object();
    for (const auto &[field, value] : e.values) values[field] = value;
    return {{"lever", e.lever_id},
            {"lever_name", e.lever_name},
            {"category", e.category},
            {"stratum", e.stratum},
            {"rule", e.rule},
            {"values", values},
            {"arithmetic", e.arithmetic},
            {"weekly_pence", {e.weekly[0].pence(), e.weekly[1].pence(), e.weekly[2].pence()}},
            {"annual_pence", {e.annual[0].pence(), e.annual[1].pence(), e.annual[2].pence()}},
            {"overlap", e.overlap},
            {"in_totals", e.in_totals},
            {"capped", e.capped},
            {"group", group},
            {"confidence_percent", e.confidence_percent},
            {"source", e.source}};
}

json profile_json(const cases::Profile &p) {
    json lines = json::array();
    for (const auto &l : p.lines)
        lines.push_back({{"name", l.name},
                         {"kind", cases::to_string(l.kind)},
                         {"type", cases::to_string(l.type)},
                         {"in_year_pence", l.in_year},
                         {"full_year_pence", l.full_year},
                         {"workings", l.workings}});
    return {{"option", p.option},
            {"years", years_of(p)},
            {"gross_pence", p.gross},
            {"income_pence", p.income},
            {"reinvestment_pence", p.reinvestment},
            {"investment_pence", p.investment},
            {"net_pence", p.net},
            {"net_incremental_pence", cases::Profile::incremental(p.net)},
            {"full_year_effect_pence", p.full_year_effect},
            {"basis", "in-year (cumulative); incremental is the change from the year before"},
            {"conventions", p.conventions},
            {"lines", lines}};
}

json delivery_json(const delivery::Delivery &d, bool with_people) {
    const auto totals = [](const delivery::Totals &t) {
        return json{{"weekly_pence", t.weekly}, {"in_year_pence", t.in_year}, {"full_year_pence", t.full_year}};
    };
    const auto groups = [&](const std::vector<delivery::Group> &gs) {
        json out = json::array();
        for (const auto &g : gs) {
            json years = json::array();
            for (const auto &y : g.years)
                years.push_back({{"year", y.year.label()},
                                 {"status", y.status},
                                 {"target_pence", y.target ? json(*y.target) : json()},
                                 {"net_pence", y.net},
                                 {"gross_pence", y.gross}});
            out.push_back({{"key", g.key},
                           {"assigned", g.assigned},
                           {"decided", g.decided},
                           {"net", totals(g.net)},
                           {"gross", totals(g.gross)},
                           {"years", years},
                           {"target_pence", g.target ? json(*g.target) : json()},
                           {"rag_year", g.rag_year},
                           {"rag", g.rag}});
        }
        return out;
    };
    const auto per_hour = [](const delivery::PerHour &p) { return p.saving_per_hour ? json(*p.saving_per_hour) : json(); };
    json reviewers = json::array();
    for (const auto &r : d.reviewers)
        reviewers.push_back({{"reviewer", r.reviewer},
                             {"completed", r.completed},
                             {"per_week_hundredths", r.per_week_hundredths},
                             {"mean_days_to_decision", r.mean_days_to_decision},
                             {"hours_hundredths", r.per_hour.hours},
                             {"saving_per_hour_pence", per_hour(r.per_hour)}});
    json awaiting = json::array();
    for (const auto &a : d.awaiting) {
        const auto &x = d.decisions[a.decision];
        awaiting.push_back({{"person_id", with_people ? json(x.person_id) : json()},
                            {"lever", x.lever},
                            {"case_id", x.case_id},
                            {"effective_from", x.effective_from ? json(x.effective_from->iso()) : json()},
                            {"expected_weekly_pence", a.expected},
                            {"ledger_weekly_pence", a.ledger}});
    }
    return {{"as_at", d.as_at.iso()},
            {"year", d.year.label()},
            {"awaiting", awaiting},
            {"basis", "Each decided review's weekly cost the day before the change against now. Net is the council's cost after NHS and "
                      "other councils' shares and the person's contribution; gross is the whole package. A change counts in-year from its "
                      "effective date to 31 March, then its full-year effect in every later year; pounds rounded half-up."},
            {"by_case", groups(d.by_case)},
            {"by_lever", groups(d.by_lever)},
            {"by_service", groups(d.by_service)},
            {"by_year", groups(d.by_year)},
            {"reviewers", reviewers},
            {"hours_hundredths", d.per_hour.hours},
            {"saving_per_hour_pence", per_hour(d.per_hour)},
            {"backlog", d.backlog},
            {"backlog_clears", d.backlog_clears ? json(d.backlog_clears->iso()) : json()}};
}

json audit_json(const store::AuditEvent &e) {
    return {{"id", e.id}, {"at", e.at}, {"user", e.user}, {"action", e.action}, {"target", e.target}, {"detail", e.detail}};
}

json check_json(const cases::Check &c) {
    return {{"what", c.what}, {"stated", c.stated}, {"computed_pence", c.computed}, {"difference_pence", c.difference},
            {"precision_pence", c.unit}, {"agrees", c.agrees}};
}

} // namespace ascent::app
