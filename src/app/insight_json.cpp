#include "app/insight_json.hpp"

#include "app/case_reports.hpp"
#include "app/json_views.hpp"
#include "benchmark/compare.hpp"

namespace ascent::app {

using nlohmann::json;

namespace {

json value_json(std::optional<int64_t> v) { return v ? json(*v) : json(nullptr); }

json year_values_json(const std::vector<std::pair<int, std::optional<int64_t>>> &trend) {
    json out = json::array();
    for (const auto &[year, v] : trend) out.push_back({{"year", benchmark::year_label(year)}, {"value", value_json(v)}});
    return out;
}

} // namespace

bool is_peer_kind(const std::string &text) {
    const auto kind = benchmark::parse_peer_kind(text);
    return kind && *kind != benchmark::PeerKind::list;
}

ComparisonAsked ask_comparison(std::shared_ptr<const NationalLoad> national, const std::string &council_key, const std::string &year,
                               const std::string &peers, std::size_t nearest) {
    ComparisonAsked a{std::move(national), 0, 0, {}, {}};
    const auto &data = a.national->data;
    a.council = council_in(data, council_key, "the national data's ascof");
    a.year = comparison_year(data, a.council, year);
    a.group = benchmark::peers_of(data, a.council, *benchmark::parse_peer_kind(peers), a.year, {}, nearest);
    a.comparison = benchmark::compare(data, a.council, a.group, a.year);
    return a;
}

json comparison_json(const ComparisonAsked &asked) {
    const auto &data = asked.national->data;
    const auto council = asked.council;
    const int year = asked.year;
    const auto &group = asked.group;
    const auto &comparison = asked.comparison;
    json peers = json::array();
    for (const auto &p : group.peers)
        peers.push_back({{"name", data.councils()[p.council].name}, {"distance", p.distance},
                         {"measures_in_common", p.measures_in_common}, {"why", p.why}});
    json measures = json::array();
    for (const auto &m : comparison.measures) {
        const auto &measure = data.measures()[m.measure];
        json values = json::array(); // the council and each comparator this year, for the chart
        values.push_back({{"council", data.councils()[council].name}, {"value", value_json(data.value(council, m.measure, year))}, {"self", true}});
        for (const auto &p : group.peers)
            values.push_back({{"council", data.councils()[p.council].name}, {"value", value_json(data.value(p.council, m.measure, year))}, {"self", false}});
        measures.push_back({{"id", measure.id},
                            {"name", measure.name},
                            {"unit", measure.unit},
                            {"higher_is_better", measure.higher_is_better},
                            {"decimals", measure.decimals},
                            {"value", value_json(m.value)},
                            {"peer_mean", value_json(m.peer_mean)},
                            {"peer_median", value_json(m.peer_median)},
                            {"peers_with_value", m.peers_with_value},
                            {"rank", m.rank},
                            {"ranked", m.ranked},
                            {"quartile", m.quartile},
                            {"verdict", m.verdict},
                            {"trend", year_values_json(m.trend)},
                            {"peer_trend", year_values_json(m.peer_trend)},
                            {"values", values}});
    }
    return {{"council", data.councils()[council].name},
            {"year", benchmark::year_label(year)},
            {"group", group.description},
            {"peers", peers},
            {"value_scale", benchmark::k_value_scale},
            {"measures", measures}};
}

json trend_json(const benchmark::TrendModel &model) {
    const auto p = benchmark::project(model);
    json years = json::array();
    for (const int y : p.years) years.push_back(benchmark::year_label(y));
    json series = json::array();
    for (const auto &s : p.series)
        series.push_back({{"name", s.name}, {"clients_millionths", s.clients}, {"unit_cost_millionths", s.unit_cost}, {"annual_cost_pence", s.annual_cost}});
    json checks = json::array();
    for (const auto &c : p.checks) checks.push_back({{"what", c.what}, {"stated", c.stated}, {"computed", c.computed}, {"agrees", c.agrees}});
    return {{"name", model.name},
            {"method", model.method == benchmark::TrendMethod::compound ? "compound" : "straight_line"},
            {"weeks_per_year", std::string(model.weeks.name)},
            {"years", years},
            {"observed", p.observed},
            {"series", series},
            {"total_clients_millionths", p.total_clients},
            {"total_annual_cost_pence", p.total_annual_cost},
            {"checks", checks},
            {"rounding", k_rounding}};
}

benchmark::TrendModel trend_model_from_json(const json &body, const std::string &source) { return benchmark::read_trend(body.dump(), source); }

report::Document trend_report(const benchmark::TrendModel &model) { return trend_document(model, benchmark::project(model)); }

} // namespace ascent::app
