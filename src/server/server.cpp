#include "server/server.hpp"

#include <httplib.h>

#include <fmt/format.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "core/error.hpp"
#include "server/api.hpp"
#include "server/connections.hpp"
#include "server/web_assets.hpp"

namespace ascent::server {

namespace {

constexpr std::string_view k_cookie = "ascent_session";

std::vector<Route> all_routes() {
    std::vector<Route> routes;
    add_session_routes(routes);
    add_ledger_routes(routes);
    add_case_routes(routes);
    add_admin_routes(routes);
    add_job_routes(routes);
    add_programme_routes(routes);
    add_charging_routes(routes);
    add_insight_routes(routes);
    add_commissioning_routes(routes);
    add_review_routes(routes);
    add_progression_routes(routes);
    return routes;
}

// "/api/v1/worklists/{lever}.{format}" → "/api/v1/worklists/([^/]+?)\.([^/]+?)": literal dots are
// escaped, and a parameter takes as little as it can, so an extension stays out of the id before it.
std::string path_regex(const std::string &path) {
    return std::regex_replace(std::regex_replace(path, std::regex(R"(\.)"), R"(\.)"), std::regex(R"(\{[^}]+\})"), "([^/]+?)");
}

std::string cookie_value(const httplib::Request &req, std::string_view name) {
    const auto cookies = req.get_header_value("Cookie");
    std::size_t at = 0;
    while (at < cookies.size()) {
        const auto end = std::min(cookies.find(';', at), cookies.size());
        auto pair = std::string_view(cookies).substr(at, end - at);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        if (pair.substr(0, name.size()) == name && pair.size() > name.size() && pair[name.size()] == '=')
            return std::string(pair.substr(name.size() + 1));
        at = end + 1;
    }
    return {};
}

void send_error(httplib::Response &res, const ApiError &e) {
    res.status = e.status;
    res.set_content(json{{"error", {{"code", e.code}, {"message", e.message}}}}.dump(), "application/json");
}

std::string_view content_type_of(std::string_view path) {
    const auto ends = [&](std::string_view ext) { return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext; };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".js")) return "text/javascript; charset=utf-8";
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".svg")) return "image/svg+xml";
    if (ends(".png")) return "image/png";
    if (ends(".ico")) return "image/x-icon";
    if (ends(".json")) return "application/json";
    return "application/octet-stream";
}

} // namespace

int64_t id_param(const Call &call, std::size_t index, std::string_view what) {
    const auto &text = call.params.at(index);
    int64_t id = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc() || end != text.data() + text.size() || id <= 0)
        throw ApiError{404, fmt::format("no_{}", what), fmt::format("no {} '{}'", what, text)};
    return id;
}

std::string text_field(const json &body, const char *name, bool required) {
    std::string text;
    if (body.is_object() && body.contains(name) && body[name].is_string()) text = body[name].get<std::string>();
    if (required && text.empty()) throw ApiError{400, "missing_field", fmt::format("the body needs a text field \"{}\"", name)};
    return text;
}

std::string on_of(const json &body) {
    const auto on = text_field(body, "on", false);
    if (on.empty()) return Date::today().iso();
    if (!parse_date(on)) throw ApiError{400, "bad_date", "'on' must be a date such as 2026-05-01"};
    return on;
}

std::string Call::query_or(const std::string &name, const std::string &fallback) const {
    const auto it = query.find(name);
    return it == query.end() ? fallback : it->second;
}

std::size_t Call::query_count(const std::string &name, std::size_t fallback, std::size_t most) const {
    const auto text = query_or(name, "");
    if (text.empty()) return fallback;
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size())
        throw ApiError{400, "bad_query", fmt::format("'{}' must be a whole number, not '{}'", name, text)};
    return std::min(value, most);
}

Engine::Engine(std::string database, std::string national_data)
    : database_(std::move(database)), national_data_(std::move(national_data)), council_(database_) {
    reload();
}

std::shared_ptr<const app::NationalLoad> Engine::national() {
    std::lock_guard lock(national_mutex_);
    if (national_data_.empty())
        throw ApiError{404, "no_national_data", "this server has no national data: start it with --national-data FOLDER"};
    if (!national_) national_ = std::make_shared<const app::NationalLoad>(app::load_national(app::sources_in(national_data_)));
    return national_;
}

void Engine::reload() {
    std::shared_ptr<const app::Analysis> analysis;
    std::shared_ptr<const LedgerSummary> summary;
    {
        std::lock_guard lock(mutex_);
        // The council's settings: the lever catalogue in force and its weeks a year, for every figure.
        analysis = council_.analyse(std::nullopt, {{}, true, {}});
        summary = std::make_shared<LedgerSummary>(analysis->summary());
    }
    std::lock_guard lock(snapshot_mutex_);
    analysis_ = std::move(analysis);
    summary_ = std::move(summary);
    trend_.reset(); // worked out again when first asked for
    cohorts_.clear();
    cohort_order_.clear();
}

std::shared_ptr<const app::CohortResult> Engine::cohort(const std::string &expression, app::CohortPage page) {
    const auto key = std::tuple(expression, page.offset, page.limit);
    std::shared_ptr<const app::Analysis> snapshot;
    {
        std::lock_guard lock(snapshot_mutex_);
        if (const auto it = cohorts_.find(key); it != cohorts_.end()) return it->second;
        snapshot = analysis_;
    }
    auto result = std::make_shared<const app::CohortResult>(snapshot->cohort(expression, page));
    std::lock_guard lock(snapshot_mutex_);
    if (snapshot != analysis_) return result; // the ledger changed meanwhile: answer, but keep nothing
    if (cohorts_.emplace(key, result).second) cohort_order_.push_back(key);
    if (cohort_order_.size() > k_cohort_cache) {
        cohorts_.erase(cohort_order_.front());
        cohort_order_.erase(cohort_order_.begin());
    }
    return result;
}

std::shared_ptr<const app::Analysis> Engine::analysis() {
    std::lock_guard lock(snapshot_mutex_);
    return analysis_;
}

std::shared_ptr<const LedgerSummary> Engine::summary() {
    std::lock_guard lock(snapshot_mutex_);
    return summary_;
}

std::shared_ptr<const std::vector<TrendPoint>> Engine::trend() {
    std::shared_ptr<const app::Analysis> snapshot;
    {
        std::lock_guard lock(snapshot_mutex_);
        if (trend_) return trend_;
        snapshot = analysis_;
    }
    // 13 passes over the lines: outside the lock, and kept only if the ledger has not changed meanwhile.
    auto trend = std::make_shared<const std::vector<TrendPoint>>(snapshot->trend(13));
    std::lock_guard lock(snapshot_mutex_);
    if (snapshot == analysis_) trend_ = trend;
    return trend;
}

struct ApiServer::State {
    ServeOptions options;
    Engine engine;
    SessionTable sessions;
    JobTable jobs;
    std::vector<Route> routes = all_routes(); // before `http`: its workers, which use the routes, stop first
    HardenedServer http;

    explicit State(ServeOptions o)
        : options(std::move(o)), engine(options.database, options.national_data), http(limits_of(options)) {}

    static ConnectionLimits limits_of(const ServeOptions &o) {
        ConnectionLimits limits;
        limits.workers = o.threads;
        limits.per_client = o.connections_per_client;
        return limits;
    }

    // The address sign-in limits count against: the peer's, or behind the trusted proxy the last
    // address it added to X-Forwarded-For.
    std::string client_of(const httplib::Request &req) const {
        if (options.trusted_proxy.empty() || req.remote_addr != options.trusted_proxy) return req.remote_addr;
        const auto forwarded = req.get_header_value("X-Forwarded-For");
        auto last = std::string_view(forwarded).substr(std::min(forwarded.size(), forwarded.rfind(',') + 1));
        while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
        while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
        return last.empty() ? req.remote_addr : std::string(last);
    }

    std::vector<std::regex> patterns; // routes[i]'s path as a regular expression

    // The route for a request, matched on its raw path (the target before any '?'), with each path
    // parameter percent-decoded after the match: a parameter may hold any character sent encoded,
    // so a case id "A/R.7.108" is /api/v1/cases/A%2FR.7.108. Null when no route matches.
    const Route *route_of(const httplib::Request &req, std::vector<std::string> &params) const {
        const auto raw = req.target.substr(0, req.target.find('?'));
        std::smatch m;
        for (std::size_t i = 0; i < routes.size(); ++i) {
            if (routes[i].info.method != req.method || !std::regex_match(raw, m, patterns[i])) continue;
            for (std::size_t p = 1; p < m.size(); ++p) params.push_back(httplib::detail::decode_url(m[p].str(), false));
            return &routes[i];
        }
        return nullptr;
    }

    void dispatch(const httplib::Request &req, httplib::Response &res, const httplib::ContentReader *reader) {
        std::vector<std::string> params;
        if (const auto *route = route_of(req, params)) return handle(*route, std::move(params), req, res, reader);
        if (reader != nullptr) return refuse_unread(res);
        send_error(res, {404, "not_found", "no such API route (see /api/v1/openapi.yaml)"});
    }

    static void drop_body(const httplib::Request &req, const httplib::ContentReader &reader) {
        const auto drop = [](const char *, std::size_t) { return true; };
        if (req.is_multipart_form_data()) reader([](const httplib::MultipartFormData &) { return true; }, drop);
        else reader(drop);
    }

    // A body sent to no route: refused without reading it, and the connection closed after the reply.
    static void refuse_unread(httplib::Response &res) {
        HardenedServer::close_after_reply();
        res.set_header("Connection", "close");
        send_error(res, {404, "not_found", "no such API route (see /api/v1/openapi.yaml)"});
    }

    // `reader` reads the body of a POST, PUT, PATCH or DELETE, once the caller may send one.
    void handle(const Route &route, std::vector<std::string> params, const httplib::Request &req, httplib::Response &res,
                const httplib::ContentReader *reader) {
        res.set_header("Cache-Control", "no-store");
        Call call{engine, sessions, jobs, options, std::nullopt, std::move(params), {}, json(), {}, {}, {}, client_of(req)};
        bool body_read = reader == nullptr;
        try {
            for (const auto &[k, v] : req.params) call.query[k] = v;
            if (route.info.role) {
                call.session = sessions.find(cookie_value(req, k_cookie));
                if (!call.session) throw ApiError{401, "unauthorised", "sign in first (your session may have timed out)"};
                if (route.info.method != "GET" && req.get_header_value("X-CSRF-Token") != call.session->csrf)
                    throw ApiError{403, "csrf", "the request's X-CSRF-Token header is missing or wrong; reload the page"};
                if (call.session->user.role < *route.info.role)
                    throw ApiError{403, "forbidden", fmt::format("this needs the {} role or higher; you are {}",
                                                                 app::to_string(*route.info.role), app::to_string(call.role()))};
            }
            if (reader != nullptr) {
                body_read = true;
                read_body(req, *reader, call);
            }
            if (!call.raw_body.empty() && req.get_header_value("Content-Type").rfind("application/json", 0) == 0) {
                call.body = json::parse(call.raw_body, nullptr, false);
                if (call.body.is_discarded()) throw ApiError{400, "bad_json", "the request body is not valid JSON"};
            }
            Reply reply = route.handle(call);
            res.status = reply.status;
            for (const auto &[k, v] : reply.headers) res.set_header(k, v);
            if (!reply.content_type.empty()) {
                if (!reply.file_name.empty())
                    res.set_header("Content-Disposition", "attachment; filename=\"" + reply.file_name + "\"");
                res.set_content(reply.content, reply.content_type);
            } else if (reply.status != 204) {
                res.set_content(reply.body.dump(), "application/json");
            }
        } catch (const ApiError &e) {
            send_error(res, e);
        } catch (const json::exception &e) {
            send_error(res, {400, "bad_request", std::string("the request's JSON has the wrong shape: ") + e.what()});
        } catch (const Error &e) {
            if (e.kind() == ErrorKind::input || e.kind() == ErrorKind::data)
                send_error(res, {e.kind() == ErrorKind::input ? 400 : 422, e.kind() == ErrorKind::input ? "bad_request" : "invalid_data", e.what()});
            else
                fail(route, res, e.kind() == ErrorKind::storage ? e.what() : "");
        } catch (const std::exception &) {
            fail(route, res, "");
        }
        // A refused request's body is still read (and dropped), so the connection's next request
        // starts where it should.
        if (!body_read) drop_body(req, *reader);
    }

    // The log names the route, and for a database failure SQLite's message (it names tables and
    // columns, never values); any other message could quote a person's data.
    static void fail(const Route &route, httplib::Response &res, const std::string &storage_message) {
        std::cerr << fmt::format("ascent serve: {} {} failed with an internal error{}\n", route.info.method, route.info.path,
                                 storage_message.empty() ? "" : ": " + storage_message);
        send_error(res, {500, "internal", "ascent could not complete this request; the server log has the route"});
    }

    void serve_ui(const httplib::Request &req, httplib::Response &res) const {
        const std::string path = req.path == "/" ? "/index.html" : req.path;
        const auto send = [&](std::string_view asset_path, std::string_view bytes) {
            res.set_content(std::string(bytes), std::string(content_type_of(asset_path)));
            if (asset_path.find("/assets/") == 0) res.set_header("Cache-Control", "public, max-age=31536000, immutable");
        };
        if (!options.web_dir.empty()) {
            const auto root = std::filesystem::weakly_canonical(options.web_dir);
            auto file = std::filesystem::weakly_canonical(root / path.substr(1));
            // Inside the folder by whole path components: "dist-old/x" is not inside "dist".
            const auto inside = file.lexically_relative(root);
            if (inside.empty() || *inside.begin() == ".." || !std::filesystem::is_regular_file(file)) file = root / "index.html";
            std::ifstream in(file, std::ios::binary);
            std::stringstream bytes;
            bytes << in.rdbuf();
            send(file.string(), bytes.str());
            return;
        }
        const WebAsset *index = nullptr;
        for (const auto &asset : k_web_assets) {
            if (asset.path == path) return send(asset.path, asset.bytes);
            if (asset.path == "/index.html") index = &asset;
        }
        if (index != nullptr) return send(index->path, index->bytes); // the UI's own routes
        res.set_content("<!doctype html><title>ascent</title><p>This ascent was built without its browser UI "
                        "(Node.js was missing). The API is at <a href=\"/api/v1/openapi.yaml\">/api/v1</a>.",
                        "text/html; charset=utf-8");
    }

    void install() {
        // Each route's own limit (request_body.cpp) answers first, in JSON; this only bounds what
        // httplib itself would read.
        http.set_payload_max_length(k_upload_limit + (std::size_t{2} << 20));
        // A body on a request ascent reads none for, or framing two parsers could read differently,
        // could be read as the next request on the connection (request smuggling): refused, and the
        // connection closed.
        http.set_pre_routing_handler([](const httplib::Request &req, httplib::Response &res) {
            const auto problem = framing_problem(req);
            if (problem.empty()) return httplib::Server::HandlerResponse::Unhandled;
            HardenedServer::close_after_reply();
            res.set_header("Connection", "close");
            send_error(res, {400, "bad_framing", problem});
            return httplib::Server::HandlerResponse::Handled;
        });
        // Replies are often written in two parts (headers, body): without this, Nagle's algorithm
        // and delayed acknowledgements hold the second part back ~40 ms.
        http.set_tcp_nodelay(true);
        http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                                  {"X-Frame-Options", "DENY"},
                                  {"Referrer-Policy", "no-referrer"},
                                  {"Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"}});
        for (const auto &route : routes) patterns.emplace_back(path_regex(route.info.path));
        // One handler a method: routes are matched on the raw path (see route_of). The body is read
        // by the handler, after the session and role checks: a large upload is streamed to disk,
        // and nobody signed out can make the server read one.
        http.Get(R"(/api/.*)", [this](const httplib::Request &req, httplib::Response &res) { dispatch(req, res, nullptr); });
        const httplib::Server::HandlerWithContentReader handler =
            [this](const httplib::Request &req, httplib::Response &res, const httplib::ContentReader &reader) { dispatch(req, res, &reader); };
        http.Post(R"(/api/.*)", handler);
        http.Put(R"(/api/.*)", handler);
        http.Patch(R"(/api/.*)", handler);
        http.Delete(R"(/api/.*)", handler);
        // Any other request with a body: refused unread (httplib would read it into memory first).
        const httplib::Server::HandlerWithContentReader unknown = [](const httplib::Request &, httplib::Response &res,
                                                                    const httplib::ContentReader &) { refuse_unread(res); };
        http.Post(R"(/.*)", unknown).Put(R"(/.*)", unknown).Patch(R"(/.*)", unknown).Delete(R"(/.*)", unknown);
        http.Get(R"(/.*)", [this](const httplib::Request &req, httplib::Response &res) { serve_ui(req, res); });
    }
};

ApiServer::ApiServer(ServeOptions options) : state_(std::make_unique<State>(std::move(options))) { state_->install(); }

ApiServer::~ApiServer() = default;

int ApiServer::bind() {
    const auto &o = state_->options;
    const int port = o.port == 0 ? state_->http.bind_to_any_port(o.host) : (state_->http.bind_to_port(o.host, o.port) ? o.port : -1);
    if (port < 0) throw input_error(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", o.host, o.port));
    return port;
}

void ApiServer::run() { state_->http.listen_after_bind(); }

void ApiServer::stop() { state_->http.stop(); }

std::vector<RouteInfo> ApiServer::routes() {
    std::vector<RouteInfo> out;
    for (const auto &r : all_routes()) out.push_back(r.info);
    return out;
}

} // namespace ascent::server
