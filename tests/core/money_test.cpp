#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "core/annualise.hpp"
#include "core/money.hpp"

namespace ascent {

TEST(Money, RoundingModesAtHalf) {
    // 2.5p, 3.5p, -2.5p by each mode.
    EXPECT_EQ(divide_rounded(5, 2, RoundingMode::half_up), 3);
    EXPECT_EQ(divide_rounded(7, 2, RoundingMode::half_up), 4);
    EXPECT_EQ(divide_rounded(-5, 2, RoundingMode::half_up), -3);
    EXPECT_EQ(divide_rounded(5, 2, RoundingMode::half_even), 2);
    EXPECT_EQ(divide_rounded(7, 2, RoundingMode::half_even), 4);
    EXPECT_EQ(divide_rounded(-5, 2, RoundingMode::half_even), -2);
    EXPECT_EQ(divide_rounded(5, 2, RoundingMode::truncate), 2);
    EXPECT_EQ(divide_rounded(-5, 2, RoundingMode::truncate), -2);
    EXPECT_EQ(divide_rounded(4, 3, RoundingMode::half_up), 1);
}

TEST(Money, ParsesPoundsExactly) {
    EXPECT_EQ(parse_money("1234.56")->pence(), 123456);
    EXPECT_EQ(parse_money("£1,234.5")->pence(), 123450);
    EXPECT_EQ(parse_money(" -3 ")->pence(), -300);
    EXPECT_EQ(parse_money("(12.00)")->pence(), -1200);
    EXPECT_EQ(parse_money("0.1")->pence(), 10);
    EXPECT_FALSE(parse_money("1.234"));
    EXPECT_FALSE(parse_money("abc"));
    EXPECT_FALSE(parse_money(""));
    EXPECT_FALSE(parse_money("1.2.3"));
    EXPECT_FALSE(parse_money("99999999999999999999"));
}

TEST(Money, DisplayRules) {
    const Money m = Money::from_pence(123456789); // £1,234,567.89
    EXPECT_EQ(format_pence(m), "£1,234,567.89");
    EXPECT_EQ(format_pounds(m), "£1,234,568");
    EXPECT_EQ(format_thousands(m), "£1,235K");
    EXPECT_EQ(format_thousands(m, 1), "£1,234.6K");
    EXPECT_EQ(format_millions(m), "£1.2m");
    EXPECT_EQ(format_millions(m, 3), "£1.235m");
    EXPECT_EQ(format_pence(Money::from_pence(-5)), "-£0.05");
    EXPECT_EQ(format_pounds(Money::from_pence(150)), "£2");
    EXPECT_EQ(format_pounds(Money::from_pence(150), RoundingMode::half_even), "£2");
    EXPECT_EQ(format_pounds(Money::from_pence(250), RoundingMode::half_even), "£2");
    EXPECT_EQ(format_pounds(Money::from_pence(250), RoundingMode::truncate), "£2");
    EXPECT_EQ(group_thousands(-1234567), "-1,234,567");
}

TEST(Money, WeeklyToAnnualByConvention) {
    const Money weekly = Money::from_pence(100'00);
    EXPECT_EQ(annual_from_weekly(weekly, WeeksPerYear::fifty_two()).pence(), 5200'00);
    EXPECT_EQ(annual_from_weekly(weekly, WeeksPerYear::fifty_two_point_one_four()).pence(), 5214'00);
    EXPECT_EQ(annual_from_weekly(weekly, WeeksPerYear::fifty_two_point_one_four_three()).pence(), 5214'30);
    EXPECT_EQ(annual_from_weekly(weekly, WeeksPerYear::days_over_seven()).pence(), 5214'29); // 5214.2857 → .29
    EXPECT_EQ(weekly_from_annual(Money::from_pence(5200'00), WeeksPerYear::fifty_two()).pence(), 100'00);
    EXPECT_FALSE(WeeksPerYear::parse("53"));
    EXPECT_EQ(WeeksPerYear::parse("365/7")->weeks, (Ratio{365, 7}));
}

RC_GTEST_PROP(MoneyProperties, SumIsExactAndOrderFree, (std::vector<int32_t> pence)) {
    Money forward, backward;
    int64_t reference = 0;
    for (auto p : pence) {
        forward += Money::from_pence(p);
        reference += p;
    }
    for (auto it = pence.rbegin(); it != pence.rend(); ++it) backward += Money::from_pence(*it);
    RC_ASSERT(forward.pence() == reference);
    RC_ASSERT(backward == forward);
}

RC_GTEST_PROP(MoneyProperties, HalfUpIsNearestWithTiesAwayFromZero, (int32_t numerator, uint16_t denominator)) {
    const int64_t den = denominator % 1000 + 1;
    const int64_t got = divide_rounded(numerator, den, RoundingMode::half_up);
    // |numerator - got*den| <= den/2, and on an exact tie the magnitude rounds up.
    const int64_t error = numerator - got * den;
    RC_ASSERT(2 * std::abs(error) <= den);
    if (2 * std::abs(error) == den) RC_ASSERT(std::abs(got * den) > std::abs(static_cast<int64_t>(numerator)));
}

RC_GTEST_PROP(MoneyProperties, DisplayRoundingNeverChangesTheValue, (int64_t pence)) {
    const Money m = Money::from_pence(pence / 1000);
    const Money copy = m;
    (void)format_thousands(m, 1);
    (void)format_millions(m, 3);
    (void)format_pounds(m);
    RC_ASSERT(m == copy);
    RC_ASSERT(parse_money(format_pence(m))->pence() == m.pence());
}

RC_GTEST_PROP(MoneyProperties, ParseFormatRoundTrip, (int32_t pence)) {
    const Money m = Money::from_pence(pence);
    RC_ASSERT(*parse_money(format_pence(m)) == m);
}

} // namespace ascent
