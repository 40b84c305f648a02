// Named points where the crash-safety tests kill the process (ASCENT_CRASH_AT=<name>): the test
// then checks that the ledger is exactly as it was before the write, or exactly as after it.
// Unset, a crash point is one comparison with a cached empty name.
#pragma once

#include <csignal>
#include <cstdlib>
#include <string_view>

namespace ascent {

inline void crash_point(std::string_view name) {
    static const char *const chosen = std::getenv("ASCENT_CRASH_AT");
    if (chosen != nullptr && name == chosen) std::raise(SIGKILL);
}

} // namespace ascent
