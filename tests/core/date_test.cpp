#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "core/date.hpp"

namespace ascent {

TEST(Date, ParsesTheAcceptedFormats) {
    const Date expected = Date::ymd(2025, 4, 1);
    EXPECT_EQ(parse_date("2025-04-01"), expected);
    EXPECT_EQ(parse_date("01/04/2025"), expected);
    EXPECT_EQ(parse_date("1/4/2025"), expected);
    EXPECT_EQ(parse_date("01/04/25"), expected);
    EXPECT_EQ(parse_date("01-Apr-2025"), expected);
    EXPECT_EQ(parse_date("1-apr-25"), expected);
    EXPECT_EQ(parse_date("2025-04-01 00:00:00"), expected);
    EXPECT_EQ(parse_date("45748"), expected); // Excel serial
    EXPECT_EQ(parse_date("61"), Date::ymd(1900, 3, 1)); // after Excel's phantom 29 Feb 1900
    EXPECT_EQ(parse_date("59"), Date::ymd(1900, 2, 28));
}

TEST(Date, RejectsImpossibleAndAmbiguousText) {
    for (const char *bad : {"31/02/2025", "2025-13-01", "04/01", "2025/04/01", "1st April", "", "0", "01-Foo-2025",
                            "2025-04-01T10:00", "32/01/2025"})
        EXPECT_FALSE(parse_date(bad)) << bad;
}

TEST(Date, AgeOnADate) {
    EXPECT_EQ(age_on(Date::ymd(1960, 4, 1), Date::ymd(2025, 3, 31)), 64);
    EXPECT_EQ(age_on(Date::ymd(1960, 4, 1), Date::ymd(2025, 4, 1)), 65);
    EXPECT_EQ(age_on(Date::ymd(2000, 2, 29), Date::ymd(2025, 2, 28)), 24);
}

TEST(FinancialYear, RunsAprilToMarch) {
    const FinancialYear fy(2025);
    EXPECT_EQ(fy.label(), "2025/26");
    EXPECT_EQ(FinancialYear(1999).label(), "1999/00");
    EXPECT_EQ(fy.first_day(), Date::ymd(2025, 4, 1));
    EXPECT_EQ(fy.last_day(), Date::ymd(2026, 3, 31));
    EXPECT_EQ(fy.days(), 365);
    EXPECT_EQ(FinancialYear(2023).days(), 366); // includes 29 Feb 2024
    EXPECT_EQ(FinancialYear::containing(Date::ymd(2026, 3, 31)), fy);
    EXPECT_EQ(FinancialYear::containing(Date::ymd(2026, 4, 1)), fy.next());
    EXPECT_EQ(FinancialYear::parse("2025/26"), fy);
    EXPECT_EQ(FinancialYear::parse("2025-26"), fy);
    EXPECT_FALSE(FinancialYear::parse("2025/27"));
    EXPECT_EQ(FinancialYear::period_of(Date::ymd(2025, 4, 15)), 1u);
    EXPECT_EQ(FinancialYear::period_of(Date::ymd(2026, 3, 15)), 12u);
}

TEST(FinancialYear, PartYearFromAnEffectiveDate) {
    const FinancialYear fy(2017);
    // Cambridgeshire's home-care ceiling took effect on 1 November 2017: five months of 2017/18.
    const auto months = fy.months_from(Date::ymd(2017, 11, 1));
    EXPECT_EQ(months.num * 1, 5 * months.den);
    EXPECT_EQ(fy.days_from(Date::ymd(2017, 11, 1)), 151);
    EXPECT_EQ(fy.days_from(Date::ymd(2016, 1, 1)), 365);
    EXPECT_EQ(fy.days_from(Date::ymd(2018, 4, 1)), 0);
    // Mid-month: 16 of November's 30 days left plus December–March.
    const auto mid = fy.months_from(Date::ymd(2017, 11, 15));
    EXPECT_EQ(mid.num, 4 * 30 + 16);
    EXPECT_EQ(mid.den, 30);
}

RC_GTEST_PROP(FinancialYearProperties, EveryDateBelongsToExactlyOneYear, (uint16_t offset)) {
    const Date d = Date::ymd(2000, 1, 1).plus_days(offset);
    const auto fy = FinancialYear::containing(d);
    RC_ASSERT(fy.contains(d));
    RC_ASSERT(!fy.next().contains(d));
    RC_ASSERT(!FinancialYear(fy.start_year() - 1).contains(d));
    RC_ASSERT(parse_date(d.iso()) == d);
    RC_ASSERT(parse_date(d.uk()) == d);
}

} // namespace ascent
