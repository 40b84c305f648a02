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

} // namespace ascent::server
