#include "server/jobs.hpp"

#include <fmt/format.h>

#include <iostream>

#include "app/accounts.hpp"
#include "core/error.hpp"
#include "server/api.hpp"

namespace ascent::server {

std::string_view to_string(Job::State state) {
    switch (state) {
    case Job::State::running: return "running";
    case Job::State::succeeded: return "succeeded";
    case Job::State::failed: return "failed";
    }
    return "?";
}

JobTable::~JobTable() {
    for (auto &w : threads_) w.thread.join();
}

std::string JobTable::start(std::string kind, std::string user, Work work) {
    Job job;
    job.id = app::random_token().substr(0, 16);
    job.kind = std::move(kind);
    job.user = std::move(user);
    job.stage = "starting";
    job.started = std::chrono::system_clock::now();
    const auto id = job.id;
    std::list<Worker> ended;
    std::lock_guard guard(mutex_);
    // Threads whose jobs have finished are joined here (they have ended, or are about to).
    for (auto it = threads_.begin(); it != threads_.end();) {
        const auto next = std::next(it);
        if (const auto j = jobs_.find(it->id); j == jobs_.end() || j->second.state != Job::State::running)
            ended.splice(ended.end(), threads_, it);
        it = next;
    }
    for (auto &w : ended) w.thread.join();
    forget_old();
    jobs_.emplace(id, job);
    threads_.push_back({id, std::thread([this, id, kind = job.kind, work = std::move(work)] {
        const Report report = [this, &id](std::string_view stage, uint64_t done, uint64_t total) {
            std::lock_guard lock(mutex_);
            auto &j = jobs_.at(id);
            j.stage = stage;
            j.done = done;
            j.total = total;
        };
        // The log names the job's kind and the class of its failure, never its message: a message
        // could quote a person's data.
        const auto fail = [&](int status, std::string code, std::string message, std::string_view cause) {
            std::cerr << fmt::format("ascent serve: {} job failed: {} ({})\n", kind, code, cause);
            finish(id, [&](Job &j) {
                j.state = Job::State::failed;
                j.error_status = status;
                j.error_code = std::move(code);
                j.error_message = std::move(message);
            });
        };
        const auto internal = [&](std::string_view cause) {
            fail(500, "internal", "the job could not complete; the server log has its kind", cause);
        };
        try {
            auto result = work(report);
            finish(id, [&](Job &j) {
                j.state = Job::State::succeeded;
                j.result = std::move(result);
            });
        } catch (const ApiError &e) {
            fail(e.status, e.code, e.message, fmt::format("refused, {}", e.status));
        } catch (const Error &e) {
            if (e.kind() == ErrorKind::input || e.kind() == ErrorKind::data)
                fail(422, "invalid_data", e.what(), e.kind() == ErrorKind::input ? "bad input" : "invalid data");
            else internal(e.kind() == ErrorKind::storage ? "storage error" : "internal error");
        } catch (const std::bad_alloc &) {
            internal("out of memory");
        } catch (const std::exception &) {
            internal("internal error");
        }
    })});
    return id;
}

void JobTable::finish(const std::string &id, const std::function<void(Job &)> &change) {
    std::lock_guard lock(mutex_);
    auto &j = jobs_.at(id);
    change(j);
    j.finished = std::chrono::system_clock::now();
    finished_.push_back(id);
}

void JobTable::forget_old() {
    const auto now = std::chrono::system_clock::now();
    while (!finished_.empty() && (finished_.size() > k_kept || now - jobs_.at(finished_.front()).finished > k_kept_for)) {
        jobs_.erase(finished_.front());
        finished_.pop_front();
    }
}

std::optional<Job> JobTable::find(const std::string &id) const {
    std::lock_guard lock(mutex_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end()) return std::nullopt;
    return it->second;
}

std::pair<std::size_t, std::size_t> JobTable::held() const {
    std::lock_guard lock(mutex_);
    return {jobs_.size(), threads_.size()};
}

} // namespace ascent::server
