#include "server/sessions.hpp"

namespace ascent::server {

Session SessionTable::start(const app::SignedIn &user) {
    const auto now = Clock::now();
    Session s{app::random_token(), app::random_token(), user, now, now};
    std::lock_guard lock(mutex_);
    sessions_[s.token] = s;
    return s;
}

std::optional<Session> SessionTable::find(const std::string &token) {
    std::lock_guard lock(mutex_);
    const auto it = sessions_.find(token);
    if (it == sessions_.end()) return std::nullopt;
    const auto now = Clock::now();
    if (now - it->second.last_seen > k_idle || now - it->second.started > k_longest) {
        sessions_.erase(it);
        return std::nullopt;
    }
    it->second.last_seen = now;
    return it->second;
}

void SessionTable::end(const std::string &token) {
    std::lock_guard lock(mutex_);
    sessions_.erase(token);
}

void SessionTable::end_all_of(const std::string &user) {
    std::lock_guard lock(mutex_);
    std::erase_if(sessions_, [&](const auto &entry) { return entry.second.user.name == user; });
}

std::chrono::seconds SessionTable::sign_in_wait(const std::string &name, const std::string &client) {
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    auto until = now;
    if (const auto it = failures_.find(name); it != failures_.end()) until = std::max(until, it->second.until);
    if (const auto it = client_failures_.find(client); it != client_failures_.end()) until = std::max(until, it->second.until);
    return std::chrono::ceil<std::chrono::seconds>(until - now);
}

// The `free`-th failure in a row locks for k_first_wait; each one after doubles it, up to k_longest_wait.
void SessionTable::count_failure(Failures &f, int free, Clock::time_point now) {
    f.last = now;
    if (++f.count < free) return;
    auto wait = std::chrono::duration_cast<Clock::duration>(k_first_wait);
    for (int i = free; i < f.count && wait < k_longest_wait; ++i) wait *= 2;
    f.until = now + std::min(wait, std::chrono::duration_cast<Clock::duration>(k_longest_wait));
}

void SessionTable::sign_in_failed(const std::string &name, const std::string &client) {
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    count_failure(failures_[name], k_free_failures, now);
    auto &by_client = client_failures_[client];
    if (by_client.count > 0 && now - by_client.last > k_client_memory) by_client = {};
    count_failure(by_client, k_free_client_failures, now);
    // Forget addresses and names long quiet, so the tables stay small.
    std::erase_if(client_failures_, [&](const auto &e) { return now - e.second.last > k_client_memory && now > e.second.until; });
}

void SessionTable::sign_in_succeeded(const std::string &name) {
    std::lock_guard lock(mutex_);
    failures_.erase(name);
}

} // namespace ascent::server
