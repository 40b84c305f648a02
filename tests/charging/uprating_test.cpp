// Annual uprating: next year's parameters against this year's, from the date all of next year's
// figures are in force, with each person's DWP-uprated income; and the warning when a yearly
// figure has no value of its own in the new year.
#include <gtest/gtest.h>

#include "charging/uprating.hpp"
#include "core/error.hpp"

namespace ascent {

namespace {

using namespace charging;

// 2026/27 figures for the parameters these cases use: MIG 25+ £116.80 from 1 April and PIP daily
// living standard £76.70 from 6 April (DWP's uprating week), benefits +3.8%.
constexpr const char *k_next_year = R"(
name: test 2026/27
version: "1"
parameters:
  mig.single_25_to_pension:
    unit: money
    uprated: yearly
    values:
      - {from: 2025-04-01, value: "112.50", source: test}
      - {from: 2026-04-01, value: "116.80", source: test}
  benefit.care_middle:
    unit: money
    uprated: yearly
    values:
      - {from: 2025-04-07, value: "73.90", source: test}
      - {from: 2026-04-06, value: "76.70", source: test}
  uprating.benefits:
    unit: percent
    uprated: yearly
    values:
      - {from: 2025-04-07, value: "1.7%", source: test}
      - {from: 2026-04-06, value: "3.8%", source: test}
)";

FinancialCase base_case() {
    FinancialCase c;
    c.id = "A";
    c.age = 40;
    c.group = "LD 18-64";
    c.income = {{"Universal Credit", 150'00, false, "uprating.benefits"}};
    c.benefit = Benefit::pip_daily_living;
    c.benefit_rate = BenefitRate::middle;
    c.disability_premium = false; // stated, so the test turns on the MIG and PIP alone
    c.enhanced_disability_premium = false;
    c.weekly_cost = 500'00;
    return c;
}

} // namespace

TEST(Uprating, NextYearFromTheBenefitUpratingWeek) {
    auto parameters = default_parameters();
    parameters.load(k_next_year, "next.yaml");
    auto unchanged = base_case();
    unchanged.id = "B";
    unchanged.capital = 30'000'00; // full cost either side
    const std::vector<FinancialCase> caseload = {base_case(), unchanged};
    const auto u = uprate(caseload, parameters, FinancialYear(2026));
    EXPECT_EQ(u.effective, Date::ymd(2026, 4, 6));
    EXPECT_EQ(u.before_on, Date::ymd(2026, 3, 31));
    // Before: 150 + 73.90 − 112.50 − 20 = £91.40. After: 155.70 (150 × 1.038) + 76.70 − 116.80 − 20 = £95.60.
    EXPECT_EQ(u.people.front().before, 91'40);
    EXPECT_EQ(u.people.front().after, 95'60);
    EXPECT_EQ(u.changed(), 1);
    EXPECT_EQ(u.total.up, 1);
    EXPECT_EQ(u.by_change[2], 1); // up to £5
    EXPECT_EQ(u.total.weekly_after - u.total.weekly_before, 4'20);
    EXPECT_EQ(u.by_group.at("LD 18-64").people, 2);
    // Every built-in yearly figure has a 2026/27 entry of its own (a value or a recorded gap).
    EXPECT_TRUE(u.carried_forward.empty()) << u.carried_forward.front();
    const auto text = format_uprating(u, caseload, WeeksPerYear::fifty_two(), 10);
    EXPECT_NE(text.find("effective 06/04/2026"), std::string::npos) << text;
    EXPECT_EQ(text.find("WARNING"), std::string::npos) << text;
    // £4.20 a week × 52 × 360/365 of 2026/27 from 6 April = £215.41.
    EXPECT_NE(text.find("in 2026/27 from 06/04/2026: £215"), std::string::npos) << text;
}

TEST(Uprating, AYearWithNoValueOfItsOwnIsCarriedForwardAndNamed) {
    auto parameters = default_parameters();
    parameters.load(k_next_year, "next.yaml");
    const auto u = uprate({base_case()}, parameters, FinancialYear(2027));
    // The test file's three figures stop in 2026/27; the built-in ones have no 2027/28 entries at all.
    for (const char *name : {"mig.single_25_to_pension", "benefit.care_middle", "uprating.benefits", "pea"})
        EXPECT_EQ(std::count(u.carried_forward.begin(), u.carried_forward.end(), name), 1) << name;
    const auto text = format_uprating(u, {base_case()}, WeeksPerYear::fifty_two(), 10);
    EXPECT_NE(text.find("WARNING"), std::string::npos) << text;
    EXPECT_NE(text.find("mig.single_25_to_pension"), std::string::npos) << text;
}

TEST(Uprating, AnEarlierEffectiveDateUsesLastYearsBenefitRate) {
    auto parameters = default_parameters();
    parameters.load(k_next_year, "next.yaml");
    const auto u = uprate({base_case()}, parameters, FinancialYear(2026), Date::ymd(2026, 4, 1));
    // On 1 April the new MIG is in force but PIP and Universal Credit have not risen yet.
    EXPECT_EQ(u.people.front().after, 150'00 + 73'90 - 116'80 - 20'00);
    EXPECT_THROW(uprate({base_case()}, parameters, FinancialYear(2026), Date::ymd(2027, 4, 1)), Error);
}

TEST(Uprating, AMissingFigureNamesItAndTheCase) {
    auto c = base_case();
    c.pension_age = true;
    c.age = 70;
    try {
        uprate({c}, default_parameters(), FinancialYear(2026));
        FAIL();
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("case 'A'"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("mig.single_pension"), std::string::npos) << e.what();
    }
}

} // namespace ascent
