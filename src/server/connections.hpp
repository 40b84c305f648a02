// How `ascent serve` holds its connections (see docs/security.md).
//
// cpp-httplib gives each connection a thread from its pool for the connection's whole life, and
// reads a request's header with only a per-read time-out: fifty clients sending a header line
// every two seconds held every thread. Here httplib still parses requests and routes them, but a
// connection only reaches a worker thread once its whole header has arrived:
//   - one poll thread holds every open connection while it waits for a request; a request's header
//     must be complete within `header_deadline` of its first byte (408 and closed otherwise), and
//     an idle kept-alive connection is closed after `idle`;
//   - a complete request waits in a bounded queue (503 when full) for one of `workers` threads;
//   - one address may hold at most `per_client` connections, and the server `total` (503 beyond);
//   - a body must keep arriving at `body_min_rate` bytes a second after a `body_grace` start;
//   - GET and HEAD with a body, a request with both Content-Length and Transfer-Encoding, several
//     Content-Length headers or a Transfer-Encoding other than chunked are refused (400) and the
//     connection closed, so a body is never read as the next request (request smuggling).
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <memory>

namespace ascent::server {

struct ConnectionLimits {
    std::size_t workers = 16;
    std::size_t queue = 1024;
    std::size_t per_client = 32;
    std::size_t total = 4096;
    std::size_t keep_alive_requests = 1000;
    std::size_t max_header_bytes = 64 << 10;
    std::chrono::milliseconds header_deadline{5000}, idle{5000}, body_grace{10000}, write_timeout{10000};
    std::size_t body_min_rate = 1000;
};

class HardenedServer : public httplib::Server {
public:
    explicit HardenedServer(ConnectionLimits limits);
    ~HardenedServer() override;
    HardenedServer(const HardenedServer &) = delete;
    HardenedServer &operator=(const HardenedServer &) = delete;

    // Asks that the connection of the request being handled on this thread be closed after its
    // reply (a handler or pre-routing handler calls it).
    static void close_after_reply();

private:
    // Called by httplib on its accepting thread for each new socket: hands it to the poll thread.
    bool process_and_close_socket(socket_t sock) override;

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The smuggling rule above for one request: an empty string if it may be served, else why not.
std::string framing_problem(const httplib::Request &req);

} // namespace ascent::server
