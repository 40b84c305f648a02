// Ceiling benchmark: every open line of a ledger against a rate card. Loads the ledger once
// (timed apart), then flags the lines above their ceilings five times and reports the best, with
// the count and excess for the SQL peer (ceilings_sqlite.py) to agree with.
//   commissioning_bench <ledger.db> <rate-card.yaml>
#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "app/council.hpp"
#include "commissioning/rate_card.hpp"

int main(int argc, char **argv) {
    using namespace ascent;
    using Clock = std::chrono::steady_clock;
    if (argc != 3) {
        std::fprintf(stderr, "usage: commissioning_bench <ledger.db> <rate-card.yaml>\n");
        return 2;
    }
    const auto card = commissioning::read_rate_card_file(argv[2]);
    auto start = Clock::now();
    const Ledger ledger = app::Council(argv[1]).load_ledger();
    const double load = std::chrono::duration<double>(Clock::now() - start).count();
    double best = 1e9;
    commissioning::CeilingCheck check;
    for (int run = 0; run < 5; ++run) {
        start = Clock::now();
        check = commissioning::check_ceilings(ledger, card, ledger.as_at);
        best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
    }
    std::printf("%s\n", fmt::format(R"({{"people": {}, "lines": {}, "lines_checked": {}, "flagged": {}, "weekly_excess_pence": {}, )"
                                    R"("as_at": "{}", "load_seconds": {:.3f}, "ascent_flag_seconds": {:.4f}}})",
                                    ledger.people.size(), ledger.lines.size(), check.lines_checked, check.flagged.size(),
                                    check.weekly_excess, ledger.as_at.iso(), load, best)
                            .c_str());
}
