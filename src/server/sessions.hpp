// Signed-in sessions of the HTTP server: an unguessable token in an HttpOnly cookie, a separate
// CSRF token the page must send back in a header on every change, an idle and an absolute
// time-out. Held in memory: restarting the server signs everyone out.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/accounts.hpp"

namespace ascent::server {

struct Session {
    std::string token, csrf;
    app::SignedIn user;
    std::chrono::steady_clock::time_point started, last_seen;
};

class SessionTable {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr auto k_idle = std::chrono::minutes(30);
    static constexpr auto k_longest = std::chrono::hours(12);

    Session start(const app::SignedIn &user);
    // The live session with this token (and its time-outs renewed), or nothing.
    std::optional<Session> find(const std::string &token);
    void end(const std::string &token);
    // Ends every session of a user (disabled, or their role changed).
    void end_all_of(const std::string &user);

    // Password guessing is slowed per name and per client address. A name locks after its
    // k_free_failures-th failed sign-in in a row: it must wait k_first_wait, doubling with each
    // further failure up to k_longest_wait; a success clears it. An address locks the same way after
    // k_free_client_failures failures (any names) with no more than k_client_memory between them; a
    // success does not clear it, so one valid account does not buy more guesses at others.
    static constexpr int k_free_failures = 5;
    static constexpr int k_free_client_failures = 10;
    static constexpr auto k_first_wait = std::chrono::seconds(30);
    static constexpr auto k_longest_wait = std::chrono::minutes(15);
    static constexpr auto k_client_memory = std::chrono::minutes(15);
    // How long `name` from `client` must wait before either may try again (zero: they may try now).
    std::chrono::seconds sign_in_wait(const std::string &name, const std::string &client);
    void sign_in_failed(const std::string &name, const std::string &client);
    void sign_in_succeeded(const std::string &name);

private:
    struct Failures {
        int count = 0;
        Clock::time_point until, last;
    };
    static void count_failure(Failures &f, int free, Clock::time_point now);
    std::mutex mutex_;
    std::unordered_map<std::string, Session> sessions_;
    std::unordered_map<std::string, Failures> failures_, client_failures_;
};

} // namespace ascent::server
