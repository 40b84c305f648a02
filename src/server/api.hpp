// Inside the server: the route table, a request as handlers see it, and the shared engine.
// JSON stays in this layer; handlers turn it into domain types at once (see json_views.hpp).
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "app/case_reports.hpp"
#include "app/council.hpp"
#include "app/json_views.hpp"
#include "app/national.hpp"
#include "server/jobs.hpp"
#include "server/server.hpp"
#include "server/sessions.hpp"

namespace httplib {
struct Request;
class ContentReader;
} // namespace httplib

namespace ascent::server {

using nlohmann::json;
using app::audit_json, app::check_json, app::delivery_json, app::k_rounding, app::merged, app::profile_json, app::trend_json;

// An error a client can act on: an HTTP status, a stable code and a sentence.
struct ApiError {
    int status;
    std::string code, message;
};

// The ledger in memory: analysed once, shared by every request until something changes it.
class Engine {
public:
    // `national_data`: a folder laid out as ascof/, ascfr/, ons_mye/ (empty: no benchmarks).
    Engine(std::string database, std::string national_data);
    const std::string &database() const { return database_; }
    // Runs `work` with the council, one request at a time, acting as `user`.
    template <typename Work> auto with_council(const std::string &user, Work &&work) {
        std::lock_guard lock(mutex_);
        council_.act_as(user);
        return work(council_);
    }
    std::shared_ptr<const app::Analysis> analysis();
    std::shared_ptr<const LedgerSummary> summary();
    // The weekly spend at each of the last 13 month ends (the last is the ledger's date).
    std::shared_ptr<const std::vector<TrendPoint>> trend();
    // Re-reads the ledger after a change (an import, a review).
    void reload();
    // The national benchmark data, loaded at the first request that needs it.
    std::shared_ptr<const app::NationalLoad> national();
    // A cohort of the current snapshot; the same question is answered once per snapshot (the last
    // k_cohort_cache answers are kept), as dashboards ask the same cohorts again and again.
    std::shared_ptr<const app::CohortResult> cohort(const std::string &expression, app::CohortPage page);
    static constexpr std::size_t k_cohort_cache = 256;

private:
    std::string database_, national_data_;
    std::mutex national_mutex_;
    std::shared_ptr<const app::NationalLoad> national_;
    std::mutex mutex_;
    app::Council council_;
    std::mutex snapshot_mutex_;
    std::shared_ptr<const app::Analysis> analysis_;
    std::shared_ptr<const LedgerSummary> summary_;
    std::shared_ptr<const std::vector<TrendPoint>> trend_;
    std::map<std::tuple<std::string, std::size_t, std::size_t>, std::shared_ptr<const app::CohortResult>> cohorts_;
    std::vector<std::tuple<std::string, std::size_t, std::size_t>> cohort_order_; // oldest first
};

// The largest upload (a CLD file or extract) and the largest other request body the server reads.
inline constexpr std::size_t k_upload_limit = std::size_t{512} << 20;
inline constexpr std::size_t k_body_limit = std::size_t{16} << 20;

// A part of a multipart/form-data request: a file (streamed to `path` in the call's upload
// folder) or a plain field (its `content`).
struct Upload {
    std::string file_name, content;
    std::filesystem::path path;
    std::size_t size = 0;
};

class TempFolder;

struct Call {
    Engine &engine;
    SessionTable &sessions;
    JobTable &jobs;
    const ServeOptions &options;
    std::optional<Session> session; // set on every route that needs one
    std::vector<std::string> params; // path parameters, in order
    std::map<std::string, std::string> query;
    json body;                       // parsed request body (null when none)
    std::string raw_body;
    std::map<std::string, Upload> uploads;  // multipart form fields by name (files and plain fields)
    std::shared_ptr<const TempFolder> upload_folder; // holds the uploaded files; a job keeps it while it runs
    std::string client;              // the client's address (sign-in limits)

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

// Path parameter `index` as a positive whole number; anything else is a 404 "no <what> '…'".
int64_t id_param(const Call &call, std::size_t index, std::string_view what);
// A text field of a JSON body; a required one missing or empty is a 400 naming it, an optional one is "".
std::string text_field(const json &body, const char *name, bool required = true);
// The date in the body's "on" (ISO), or today's; a bad date is a 400.
std::string on_of(const json &body);

void add_session_routes(std::vector<Route> &routes);
void add_ledger_routes(std::vector<Route> &routes);
void add_case_routes(std::vector<Route> &routes);
void add_admin_routes(std::vector<Route> &routes);
void add_job_routes(std::vector<Route> &routes);
void add_programme_routes(std::vector<Route> &routes);
void add_charging_routes(std::vector<Route> &routes);
void add_insight_routes(std::vector<Route> &routes);
void add_commissioning_routes(std::vector<Route> &routes);
void add_review_routes(std::vector<Route> &routes);
void add_progression_routes(std::vector<Route> &routes);


inline constexpr std::string_view k_xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A report document as an HTML or PDF download (404 for another format).
Reply document_reply(const report::Document &doc, const std::string &name, const std::string &format);
// A private temporary folder (owner only) for files written or received, removed with what is in
// it when it goes. A background job keeps it alive by holding a shared_ptr.
class TempFolder {
public:
    explicit TempFolder(std::string_view purpose);
    ~TempFolder();
    TempFolder(const TempFolder &) = delete;
    TempFolder &operator=(const TempFolder &) = delete;
    const std::filesystem::path &path() const { return path_; }

private:
    std::filesystem::path path_;
};
// A base name safe to write in a temporary folder: letters, digits, and . - _ kept.
std::string safe_file_name(const std::string &name);
// Reads the request's body into `call` (request_body.cpp): a 413 naming the limit when it is too large.
void read_body(const httplib::Request &req, const httplib::ContentReader &reader, Call &call);

// Runs `write` on a temporary file with `extension` and returns its bytes as a download.
Reply file_reply(const std::string &file_name, std::string_view content_type, const std::function<void(const std::string &path)> &write);

} // namespace ascent::server
