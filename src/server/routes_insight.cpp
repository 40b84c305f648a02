// Benchmarks and projections: the council against its comparators on the national measures (from
// the folder of national data the server was started with), and trend projections of clients and
// unit costs sent as a model in the layout of a trend file.
#include <fmt/format.h>

#include "app/case_reports.hpp"
#include "app/insight_json.hpp"
#include "server/api.hpp"

namespace ascent::server {

namespace {

using app::Role;

Reply councils(Call &call) {
    const auto national = call.engine.national();
    json out = json::array();
    for (const auto &c : national->data.councils())
        out.push_back({{"name", c.name}, {"ons_code", c.ons_code}, {"la_code", c.la_code}, {"region", c.region}, {"type", c.type}});
    return {200, {{"default", call.options.council}, {"councils", out}, {"notes", national->notes}}};
}

// The comparison a query asks for: council (default: the server's), peers (region, type, nearest),
// nearest, year (2022-23).
app::ComparisonAsked comparison_asked(const Call &call) {
    const auto key = call.query_or("council", call.options.council);
    if (key.empty()) throw ApiError{400, "missing_council", "name the council: ?council=Bury (or start the server with --council)"};
    const auto peers = call.query_or("peers", "nearest");
    if (!app::is_peer_kind(peers)) throw ApiError{400, "bad_peers", "peers must be region, type or nearest"};
    return app::ask_comparison(call.engine.national(), key, call.query_or("year", ""), peers, call.query_count("nearest", 15, 50));
}

Reply compare(Call &call) { return {200, app::comparison_json(comparison_asked(call))}; }

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
    return app::trend_model_from_json(call.body, "the request's model");
}

Reply trend(Call &call) { return {200, app::trend_json(model_in(call))}; }

Reply trend_report(Call &call) { return document_reply(app::trend_report(model_in(call)), "projection", call.params.at(0)); }

} // namespace

void add_insight_routes(std::vector<Route> &routes) {
    routes.push_back({{"GET", "/api/v1/benchmark/councils", Role::viewer, "The councils in the national data, and the server's own"}, councils});
    routes.push_back({{"GET", "/api/v1/benchmark", Role::viewer, "The council against its comparators on every national measure"}, compare});
    routes.push_back({{"GET", "/api/v1/benchmark/report.{format}", Role::viewer, "The comparison as XLSX, HTML or PDF"}, compare_download});
    routes.push_back({{"POST", "/api/v1/projections/trend", Role::viewer, "Project clients and unit costs from observed years, and cost them"}, trend});
    routes.push_back({{"POST", "/api/v1/projections/trend/report.{format}", Role::viewer, "A trend projection as HTML or PDF"}, trend_report});
}

} // namespace ascent::server
