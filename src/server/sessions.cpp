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

std::chrono::seconds SessionTable::sign_in_wait(const std::string &name) {
    std::lock_guard lock(mutex_);
    const auto it = failures_.find(name);
    if (it == failures_.end()) return {};
    const auto left = it->second.until - Clock::now();
    return left <= Clock::duration::zero() ? std::chrono::seconds(0) : std::chrono::ceil<std::chrono::seconds>(left);
}

void SessionTable::sign_in_failed(const std::string &name) {
    std::lock_guard lock(mutex_);
    auto &f = failures_[name];
    if (++f.count <= k_free_failures) return;
    auto wait = std::chrono::duration_cast<Clock::duration>(k_first_wait);
    for (int i = k_free_failures + 1; i < f.count && wait < k_longest_wait; ++i) wait *= 2;
    f.until = Clock::now() + std::min(wait, std::chrono::duration_cast<Clock::duration>(k_longest_wait));
}

void SessionTable::sign_in_succeeded(const std::string &name) {
    std::lock_guard lock(mutex_);
    failures_.erase(name);
}

} // namespace ascent::server
