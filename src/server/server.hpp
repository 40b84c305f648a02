// `ascent serve`: the JSON API and the browser UI over one council's ledger.
//
// Everything a request can do goes through app::Council, as the CLI does. The ledger is loaded and
// the opportunity finder run once at start (and again after a change), so read routes answer from
// memory; database work is serialised on one connection. Every /api route but sign-in, health and
// the OpenAPI document needs a session, and each has a least role (app/accounts.hpp).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts.hpp"

namespace ascent::server {

struct ServeOptions {
    std::string database;
    std::string host = "127.0.0.1";
    int port = 8080;             // 0: any free port (tests)
    bool secure_cookies = false; // mark the session cookie Secure: set when served over HTTPS
    std::string web_dir;         // serve the UI from this folder instead of the embedded copy (development)
    std::string national_data;   // a folder of national data (ascof/, ascfr/, ons_mye/) for benchmarks
    std::string council;         // the council's name or code in that data: the benchmarks' default
    std::string programme;       // a programme file (cases, lines, targets); without it, every stored case
    std::size_t threads = 16;    // requests worked on at once (connections wait in one poll thread)
    std::size_t connections_per_client = 32; // open connections from one address (more: 503)
    std::string trusted_proxy;   // the reverse proxy's address: sign-in limits count X-Forwarded-For's last address
};

// One route, as the OpenAPI document must describe it.
struct RouteInfo {
    std::string method;            // GET, POST, PUT, PATCH, DELETE
    std::string path;              // OpenAPI form: /api/v1/people/{id}
    std::optional<app::Role> role; // least role; nothing: no session needed
    std::string summary;
};

class ApiServer {
public:
    explicit ApiServer(ServeOptions options);
    ~ApiServer();
    ApiServer(const ApiServer &) = delete;
    ApiServer &operator=(const ApiServer &) = delete;

    int bind(); // listens; returns the port
    void run(); // serves until stop(), from another thread or a signal handler
    void stop();

    static std::vector<RouteInfo> routes();

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace ascent::server
