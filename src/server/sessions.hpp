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

    // Password guessing is slowed per name: after k_free_failures failed sign-ins in a row, the
    // name must wait k_first_wait, doubling with each further failure up to k_longest_wait.
    static constexpr int k_free_failures = 5;
    static constexpr auto k_first_wait = std::chrono::seconds(30);
    static constexpr auto k_longest_wait = std::chrono::minutes(15);
    // How long `name` must wait before it may try again (zero: it may try now).
    std::chrono::seconds sign_in_wait(const std::string &name);
    void sign_in_failed(const std::string &name);
    void sign_in_succeeded(const std::string &name);

private:
    struct Failures {
        int count = 0;
        Clock::time_point until;
    };
    std::mutex mutex_;
    std::unordered_map<std::string, Session> sessions_;
    std::unordered_map<std::string, Failures> failures_;
};

} // namespace ascent::server
