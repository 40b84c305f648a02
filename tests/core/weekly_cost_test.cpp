#include <gtest/gtest.h>

#include "core/ledger.hpp"
#include "core/weekly_cost.hpp"

namespace ascent {

namespace {
int64_t weekly(int64_t unit_pence, Code frequency, int32_t units = k_no_quantity) {
    auto w = weekly_cost(Money::from_pence(unit_pence), frequency, units);
    return w ? w->pence() : -1;
}
} // namespace

TEST(WeeklyCost, FollowsTheCldRule) {
    using namespace codes;
    EXPECT_EQ(weekly(1622, freq_hourly, 1050), 17031); // £16.22 × 10.5 h = £170.31
    EXPECT_EQ(weekly(1622, freq_hourly, 1033), 16755); // £167.5526 → £167.55
    EXPECT_EQ(weekly(80000, freq_weekly), 80000);
    EXPECT_EQ(weekly(80000, freq_weekly, 300), 80000); // frequency trusted over units
    EXPECT_EQ(weekly(100000, freq_fortnightly), 50000);
    EXPECT_EQ(weekly(100001, freq_four_weekly), 25000); // 250.0025 → 250.00
    EXPECT_EQ(weekly(100002, freq_four_weekly), 25001); // 250.005 → half-up
    EXPECT_EQ(weekly(520000, freq_monthly), 120000);    // × 12/52
    EXPECT_EQ(weekly(520000, freq_quarterly), 40000);   // × 4/52
    EXPECT_EQ(weekly(5200000, freq_annually), 100000);
    EXPECT_EQ(weekly(4000, freq_per_session, 300), 12000);
    EXPECT_EQ(weekly(9000, freq_daily, 700), 63000);
    EXPECT_EQ(weekly(-1622, freq_hourly, 1000), 16220); // DHSC takes ABS
}

TEST(WeeklyCost, LinesThatCannotBeCosted) {
    using namespace codes;
    EXPECT_EQ(weekly(50000, freq_one_off), -1);
    EXPECT_EQ(weekly(0, freq_weekly), -1);
    EXPECT_EQ(weekly(1622, freq_hourly), -1); // no planned units
    EXPECT_EQ(weekly(1622, freq_hourly, 0), -1);
    EXPECT_EQ(weekly(1622, 0, 1000), -1);     // no frequency
}

} // namespace ascent
