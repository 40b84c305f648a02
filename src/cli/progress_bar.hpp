// Terminal progress for long work: a bar on stderr, redrawn at most ten times a second, only
// when stderr is a terminal (so logs and golden tests stay clean).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace ascent::cli {

class ProgressBar {
public:
    ProgressBar();
    ProgressBar(const ProgressBar &) = delete;
    ProgressBar &operator=(const ProgressBar &) = delete;
    ~ProgressBar() { finish(); }
    void update(std::string_view stage, uint64_t done, uint64_t total);
    void finish();

private:
    bool enabled_;
    bool drawn_ = false;
    std::string stage_;
    std::chrono::steady_clock::time_point last_{};
    std::chrono::steady_clock::time_point stage_start_{};
};

} // namespace ascent::cli
