// API latency under concurrent clients: one sign-in (Argon2 is slow on purpose, and measured by
// nobody here), then each client sends the given routes in turn over its own kept-alive
// connection, with no pause, for a fixed time. Prints one JSON line per route with
// requests, errors, requests a second and latency percentiles (ms), then one for all routes.
//   api_load <port> <user> <password> <clients> <seconds> <route>...     (127.0.0.1 only)
#include <httplib.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Tally {
    std::vector<double> ms;
    int64_t errors = 0;
};

double percentile(std::vector<double> &sorted, double p) {
    if (sorted.empty()) return 0;
    const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(rank, sorted.size() - 1)];
}

void print(const std::string &route, Tally &t, double seconds, int clients) {
    std::sort(t.ms.begin(), t.ms.end());
    std::printf("%s\n", fmt::format(R"({{"route": "{}", "clients": {}, "requests": {}, "errors": {}, "per_second": {:.0f}, )"
                                    R"("p50_ms": {:.2f}, "p90_ms": {:.2f}, "p99_ms": {:.2f}, "max_ms": {:.2f}}})",
                                    route, clients, t.ms.size(), t.errors, static_cast<double>(t.ms.size()) / seconds,
                                    percentile(t.ms, 50), percentile(t.ms, 90), percentile(t.ms, 99), t.ms.empty() ? 0.0 : t.ms.back())
                            .c_str());
}

} // namespace

int main(int argc, char **argv) {
    if (argc < 7) {
        std::fprintf(stderr, "usage: api_load <port> <user> <password> <clients> <seconds> <route>...\n");
        return 2;
    }
    const int port = std::atoi(argv[1]);
    const std::string user = argv[2], password = argv[3];
    const int clients = std::atoi(argv[4]);
    const double seconds = std::atof(argv[5]);
    const std::vector<std::string> routes(argv + 6, argv + argc);

    std::string cookie;
    {
        httplib::Client client("127.0.0.1", port);
        const auto res = client.Post("/api/v1/session", fmt::format(R"({{"name": "{}", "password": "{}"}})", user, password), "application/json");
        if (!res || res->status != 200) {
            std::fprintf(stderr, "could not sign in as %s\n", user.c_str());
            return 1;
        }
        cookie = res->get_header_value("Set-Cookie").substr(0, res->get_header_value("Set-Cookie").find(';'));
    }
    std::vector<std::vector<Tally>> tallies(static_cast<std::size_t>(clients), std::vector<Tally>(routes.size()));
    const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back([&, c] {
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);
            client.set_read_timeout(60);
            auto &mine = tallies[static_cast<std::size_t>(c)];
            // Each client starts at a different route, so every route is under load all the time.
            for (std::size_t i = static_cast<std::size_t>(c); Clock::now() < end; ++i) {
                const auto r = i % routes.size();
                const auto start = Clock::now();
                const auto reply = client.Get(routes[r], {{"Cookie", cookie}});
                const auto took = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
                if (!reply || reply->status != 200) ++mine[r].errors;
                else mine[r].ms.push_back(took);
            }
        });
    for (auto &t : threads) t.join();
    Tally all;
    for (std::size_t r = 0; r < routes.size(); ++r) {
        Tally route;
        for (auto &c : tallies) {
            route.ms.insert(route.ms.end(), c[r].ms.begin(), c[r].ms.end());
            route.errors += c[r].errors;
        }
        all.ms.insert(all.ms.end(), route.ms.begin(), route.ms.end());
        all.errors += route.errors;
        if (routes.size() <= 10) print(routes[r], route, seconds, clients); // many routes: only their total

    }
    print("all", all, seconds, clients);
    return all.errors > 0 ? 1 : 0;
}
