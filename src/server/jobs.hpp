// Long work started by a request (an import, a risk simulation, a charging simulation) runs on its
// own thread; the request returns the job's id at once, and the UI polls the job for its stage and
// progress, then reads its result. Jobs are held in memory, with the user who started them; a
// finished job's thread is joined at the next start, and a finished job is kept (for its user to
// read) for k_kept_for, and only the k_kept most recent.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace ascent::server {

struct Job {
    enum class State { running, succeeded, failed };
    std::string id, kind, user;
    State state = State::running;
    std::string stage;
    uint64_t done = 0, total = 0;     // total 0: the stage's size is not known
    nlohmann::json result;            // once succeeded
    int error_status = 0;             // once failed: an ApiError's status, code and message
    std::string error_code, error_message;
    std::chrono::system_clock::time_point started, finished;
};

std::string_view to_string(Job::State state);

class JobTable {
public:
    using Report = std::function<void(std::string_view stage, uint64_t done, uint64_t total)>;
    using Work = std::function<nlohmann::json(const Report &report)>;

    JobTable() = default;
    JobTable(const JobTable &) = delete;
    JobTable &operator=(const JobTable &) = delete;
    ~JobTable(); // waits for running jobs

    // Starts `work` on a new thread; an ApiError or ascent::Error it throws fails the job with a
    // message for the user. Returns the job's id.
    std::string start(std::string kind, std::string user, Work work);
    std::optional<Job> find(const std::string &id) const;

    static constexpr std::size_t k_kept = 64;
    static constexpr auto k_kept_for = std::chrono::hours(1);
    // Jobs held (running and kept) and threads not yet joined: for tests that they stay bounded.
    std::pair<std::size_t, std::size_t> held() const;

private:
    struct Worker {
        std::string id;
        std::thread thread;
    };
    void finish(const std::string &id, const std::function<void(Job &)> &change);
    void forget_old(); // with the mutex held

    mutable std::mutex mutex_;
    std::map<std::string, Job> jobs_;
    std::list<Worker> threads_;
    std::list<std::string> finished_; // oldest first
};

} // namespace ascent::server
