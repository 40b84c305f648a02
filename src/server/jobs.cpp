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
    for (auto &t : threads_) t.join();
}

std::string JobTable::start(std::string kind, std::string user, Work work) {
    Job job;
    job.id = app::random_token().substr(0, 16);
    job.kind = std::move(kind);
    job.user = std::move(user);
    job.stage = "starting";
    job.started = std::chrono::system_clock::now();
    const auto id = job.id;
    std::lock_guard guard(mutex_);
    jobs_.emplace(id, job);
    threads_.emplace_back([this, id, kind = job.kind, work = std::move(work)] {
        const Report report = [this, &id](std::string_view stage, uint64_t done, uint64_t total) {
            std::lock_guard lock(mutex_);
            auto &j = jobs_.at(id);
            j.stage = stage;
            j.done = done;
            j.total = total;
        };
        const auto fail = [&](int status, std::string code, std::string message) {
            finish(id, [&](Job &j) {
                j.state = Job::State::failed;
                j.error_status = status;
                j.error_code = std::move(code);
                j.error_message = std::move(message);
            });
        };
        // The log names the job's kind only: a message could quote a person's data.
        const auto internal = [&] {
            std::cerr << fmt::format("ascent serve: a {} job failed with an internal error\n", kind);
            fail(500, "internal", "the job could not complete; the server log has its kind");
        };
        try {
            auto result = work(report);
            finish(id, [&](Job &j) {
                j.state = Job::State::succeeded;
                j.result = std::move(result);
            });
        } catch (const ApiError &e) {
            fail(e.status, e.code, e.message);
        } catch (const Error &e) {
            if (e.kind() == ErrorKind::input || e.kind() == ErrorKind::data) fail(422, "invalid_data", e.what());
            else internal();
        } catch (const std::exception &) {
            internal();
        }
    });
    return id;
}

void JobTable::finish(const std::string &id, const std::function<void(Job &)> &change) {
    std::lock_guard lock(mutex_);
    auto &j = jobs_.at(id);
    change(j);
    j.finished = std::chrono::system_clock::now();
}

std::optional<Job> JobTable::find(const std::string &id) const {
    std::lock_guard lock(mutex_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end()) return std::nullopt;
    return it->second;
}

} // namespace ascent::server
