#include "cli/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace ascent::cli {

ProgressBar::ProgressBar() : enabled_(::isatty(STDERR_FILENO) == 1) {}

void ProgressBar::update(std::string_view stage, uint64_t done, uint64_t total) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (stage != stage_) {
        stage_ = stage;
        stage_start_ = now;
    } else if (now - last_ < std::chrono::milliseconds(100) && done < total) {
        return;
    }
    last_ = now;
    constexpr int k_width = 30;
    const double fraction = total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
    const int filled = static_cast<int>(fraction * k_width);
    const double elapsed = std::chrono::duration<double>(now - stage_start_).count();
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(k_width - filled), '.');
    std::fprintf(stderr, "\r%-11.11s [%s] %5.1f%%  %6.1fs", stage_.c_str(), bar.c_str(), fraction * 100.0, elapsed);
    if (fraction > 0.02 && fraction < 1.0) std::fprintf(stderr, "  ~%.0fs left ", elapsed / fraction - elapsed);
    else std::fprintf(stderr, "             ");
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (drawn_) std::fprintf(stderr, "\r%80s\r", "");
    drawn_ = false;
}

} // namespace ascent::cli
