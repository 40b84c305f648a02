// Benchmarks and projections: the council against its comparators on the national measures (from
// the folder of national data the server was started with), and trend projections of clients and
// unit costs sent as a model in the layout of a trend file.
#include <fmt/format.h>

#include "app/case_reports.hpp"
#include "benchmark/projection.hpp"
#include "server/api.hpp"
#include "server/json_views.hpp"

namespace ascent::server {

namespace {

using app::Role;

json value_json(std::optional<int64_t> v) { return v ? json(*v) : json(nullptr); }

json trend_json(const std::vector<std::pair<int, std::optional<int64_t>>> &trend) {
    json out = json::array();
    for (const auto &[year, v] : trend) out.push_back({{"year", benchmark::year_label(year)}, {"value", value_json(v)}});
    return out;
}

Reply councils(Call &call) {
    const auto national = call.engine.national();
    json out = json::array();
    for (const auto &c : national->data.councils())
        out.push_back({{"name", c.name}, {"ons_code", c.ons_code}, {"la_code", c.la_code}, {"region", c.region}, {"type", c.type}});
    return {200, {{"default", call.options.council}, {"councils", out}, {"notes", national->notes}}};
}

// The comparison a query asks for: council (default: the server's), peers (region, type, nearest),
// nearest, year (2022-23).
struct Asked {
    std::shared_ptr<const app::NationalLoad> national;
    std::size_t council = 0;
    int year = 0;
    benchmark::PeerGroup group;
    benchmark::Comparison comparison;
};

Asked comparison_asked(const Call &call) {
    Asked a{call.engine.national(), 0, 0, {}, {}};
    const auto &data = a.national->data;
    const auto key = call.query_or("council", call.options.council);
    if (key.empty()) throw ApiError{400, "missing_council", "name the council: ?council=Bury (or start the server with --council)"};
    a.council = app::council_in(data, key, "the national data's ascof");
    a.year = app::comparison_year(data, a.council, call.query_or("year", ""));
    const auto kind = benchmark::parse_peer_kind(call.query_or("peers", "nearest"));
    if (!kind || *kind == benchmark::PeerKind::list) throw ApiError{400, "bad_peers", "peers must be region, type or nearest"};
    a.group = benchmark::peers_of(data, a.council, *kind, a.year, {}, call.query_count("nearest", 15, 50));
    a.comparison = benchmark::compare(data, a.council, a.group, a.year);
    return a;
}

Reply compare(Call &call) {
    const auto asked = comparison_asked(call);
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
                            {"trend", trend_json(m.trend)},
                            {"peer_trend", trend_json(m.peer_trend)},
                            {"values", values}});
    }
    return {200, {{"council", data.councils()[council].name},
                  {"year", benchmark::year_label(year)},
                  {"group", group.description},
                  {"peers", peers},
                  {"value_scale", benchmark::k_value_scale},
                  {"measures", measures}}};
}

Reply compare_download(Call &call) {
    const auto asked = comparison_asked(call);
    const auto &data = asked.national->data;
    const auto &comparison = asked.comparison;
    if (call.params.at(0) == "xlsx")
        return file_reply("benchmark.xlsx", k_xlsx_type, [&](const std::string &path) { app::write_benchmark_xlsx(data, comparison, path); });
    return document_reply(app::benchmark_document(data, comparison), "benchmark", call.params.at(0));
}

benchmark::TrendModel model_in(const Call &call) {
    if (!call.body.is_object()) throw ApiError{400, "bad_request", "send the trend model as a JSON object, as a trend file lays it out"};
    return benchmark::read_trend(call.body.dump(), "the request's model");
}

Reply trend(Call &call) {
    const auto model = model_in(call);
    const auto p = benchmark::project(model);
    json years = json::array();
    for (const int y : p.years) years.push_back(benchmark::year_label(y));
    json series = json::array();
    for (const auto &s : p.series)
        series.push_back({{"name", s.name}, {"clients_millionths", s.clients}, {"unit_cost_millionths", s.unit_cost}, {"annual_cost_pence", s.annual_cost}});
    json checks = json::array();
    for (const auto &c : p.checks) checks.push_back({{"what", c.what}, {"stated", c.stated}, {"computed", c.computed}, {"agrees", c.agrees}});
    return {200, {{"name", model.name},
                  {"method", model.method == benchmark::TrendMethod::compound ? "compound" : "straight_line"},
                  {"weeks_per_year", std::string(model.weeks.name)},
                  {"years", years},
                  {"observed", p.observed},
                  {"series", series},
                  {"total_clients_millionths", p.total_clients},
                  {"total_annual_cost_pence", p.total_annual_cost},
                  {"checks", checks},
                  {"rounding", k_rounding}}};
}

Reply trend_report(Call &call) {
    const auto model = model_in(call);
    return document_reply(app::trend_document(model, benchmark::project(model)), "projection", call.params.at(0));
}

} // namespace

void add_insight_routes(std::vector<Route> &routes) {
    routes.push_back({{"GET", "/api/v1/benchmark/councils", Role::viewer, "The councils in the national data, and the server's own"}, councils});
    routes.push_back({{"GET", "/api/v1/benchmark", Role::viewer, "The council against its comparators on every national measure"}, compare});
    routes.push_back({{"GET", "/api/v1/benchmark/report.{format}", Role::viewer, "The comparison as XLSX, HTML or PDF"}, compare_download});
    routes.push_back({{"POST", "/api/v1/projections/trend", Role::viewer, "Project clients and unit costs from observed years, and cost them"}, trend});
    routes.push_back({{"POST", "/api/v1/projections/trend/report.{format}", Role::viewer, "A trend projection as HTML or PDF"}, trend_report});
}

} // namespace ascent::server
