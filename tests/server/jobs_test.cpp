// Background jobs: a failed job is logged with the class of its cause and nothing of its message,
// and finished jobs give back their threads and memory.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "core/error.hpp"
#include "server/api.hpp"

namespace ascent {

namespace {

using server::Job;
using server::JobTable;

// The process's thread count, from the kernel.
int threads_now() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
    return -1;
}

Job wait_for(const JobTable &jobs, const std::string &id) {
    for (int i = 0; i < 2000; ++i) {
        auto job = jobs.find(id);
        if (!job) return {}; // finished long enough ago to be forgotten
        if (job->state != Job::State::running) return *job;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ADD_FAILURE() << "job " << id << " still running";
    return {};
}

} // namespace

TEST(Jobs, AFailedJobIsLoggedWithItsCauseClassAndNoMessage) {
    std::stringstream log;
    auto *saved = std::cerr.rdbuf(log.rdbuf());
    {
        JobTable jobs;
        const auto fails = [&](std::string kind, std::function<void()> error) {
            return wait_for(jobs, jobs.start(std::move(kind), "tester", [error](const JobTable::Report &) -> nlohmann::json {
                error();
                return {};
            }));
        };
        const auto refused = fails("import", [] { throw server::ApiError{409, "busy", "P0000123 is being imported"}; });
        const auto bad = fails("import", [] { throw input_error("row 7: person P0000123 has no date of birth"); });
        const auto data = fails("risk", [] { throw Error(ErrorKind::data, "P0000123's costs do not add up"); });
        const auto storage = fails("charging simulation", [] { throw storage_error("database is locked"); });
        const auto memory = fails("risk", [] { throw std::bad_alloc(); });
        const auto other = fails("review assignment", [] { throw std::runtime_error("P0000123"); });
        EXPECT_EQ(refused.error_code, "busy");
        EXPECT_EQ(bad.error_status, 422);
        EXPECT_EQ(bad.error_message, "row 7: person P0000123 has no date of birth");
        EXPECT_EQ(data.error_code, "invalid_data");
        EXPECT_EQ(storage.error_status, 500);
        EXPECT_EQ(memory.error_code, "internal");
        EXPECT_EQ(other.error_code, "internal");
    }
    std::cerr.rdbuf(saved);
    EXPECT_EQ(log.str(), "ascent serve: import job failed: busy (refused, 409)\n"
                         "ascent serve: import job failed: invalid_data (bad input)\n"
                         "ascent serve: risk job failed: invalid_data (invalid data)\n"
                         "ascent serve: charging simulation job failed: internal (storage error)\n"
                         "ascent serve: risk job failed: internal (out of memory)\n"
                         "ascent serve: review assignment job failed: internal (internal error)\n");
    EXPECT_EQ(log.str().find("P0000123"), std::string::npos) << "no person data in the log";
}

TEST(Jobs, FinishedJobsGiveBackTheirThreadsAndMemory) {
    JobTable jobs;
    const int before = threads_now();
    std::vector<std::string> ids;
    for (int i = 0; i < 500; ++i) {
        ids.push_back(jobs.start("risk", "tester", [i](const JobTable::Report &report) {
            report("working", 1, 1);
            return nlohmann::json{{"trial", i}, {"payload", std::string(100000, 'x')}};
        }));
        if (i % 50 == 49) wait_for(jobs, ids.back());
        // At most the 50 started since the last wait, and on a loaded machine the 49 before it that
        // had not finished when the 50th did: bounded, never a thread for each of the 500.
        EXPECT_LE(threads_now() - before, 100) << "at job " << i;
    }
    for (const auto &id : ids) wait_for(jobs, id);
    jobs.start("risk", "tester", [](const JobTable::Report &) { return nlohmann::json(); }); // reaps the finished
    const auto [held, threads] = jobs.held();
    EXPECT_LE(held, JobTable::k_kept + 1);
    EXPECT_LE(threads, 1u);
    EXPECT_LE(threads_now() - before, 1);
    EXPECT_FALSE(jobs.find(ids.front())) << "the oldest finished jobs are forgotten";
    EXPECT_EQ(jobs.find(ids.back())->result.at("trial"), 499);
}

} // namespace ascent
