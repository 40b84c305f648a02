// Inside the server: the route table, a request as handlers see it, and the shared engine.
// JSON stays in this layer; handlers turn it into domain types at once (see json_views.hpp).
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/council.hpp"
#include "server/server.hpp"
#include "server/sessions.hpp"

namespace ascent::server {

using nlohmann::json;

// An error a client can act on: an HTTP status, a stable code and a sentence.
struct ApiError {
    int status;
    std::string code, message;
};

// The ledger in memory: analysed once, shared by every request until something changes it.
class Engine {
public:
    explicit Engine(const std::string &database);
    // Runs `work` with the council, one request at a time, acting as `user`.
    template <typename Work> auto with_council(const std::string &user, Work &&work) {
        std::lock_guard lock(mutex_);
        council_.act_as(user);
        return work(council_);
    }
    std::shared_ptr<const app::Analysis> analysis();
    std::shared_ptr<const LedgerSummary> summary();
    // Re-reads the ledger after a change (an import, a review).
    void reload();

private:
    std::mutex mutex_;
    app::Council council_;
    std::mutex snapshot_mutex_;
    std::shared_ptr<const app::Analysis> analysis_;
    std::shared_ptr<const LedgerSummary> summary_;
};

struct Call {
    Engine &engine;
    SessionTable &sessions;
    const ServeOptions &options;
    std::optional<Session> session; // set on every route that needs one
    std::vector<std::string> params; // path parameters, in order
    std::map<std::string, std::string> query;
    json body;                       // parsed request body (null when none)
    std::string raw_body;

    const std::string &user() const { return session->user.name; }
    app::Role role() const { return session->user.role; }
    std::string query_or(const std::string &name, const std::string &fallback) const;
    std::size_t query_count(const std::string &name, std::size_t fallback, std::size_t most) const;
};

struct Reply {
    Reply() = default;
    Reply(int status_code, json json_body) : status(status_code), body(std::move(json_body)) {}

    int status = 200;
    json body;                // sent as JSON unless `content_type` is set
    std::string content, content_type, file_name; // a download
    std::vector<std::pair<std::string, std::string>> headers;
};

struct Route {
    RouteInfo info;
    std::function<Reply(Call &)> handle;
};

void add_session_routes(std::vector<Route> &routes);
void add_ledger_routes(std::vector<Route> &routes);
void add_case_routes(std::vector<Route> &routes);
void add_admin_routes(std::vector<Route> &routes);

} // namespace ascent::server
