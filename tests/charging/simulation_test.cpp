// Policy simulation over a caseload: Cambridgeshire's PIP enhanced-rate options reproduced on a
// matching caseload (A/R.7.109: 311 people on the enhanced rate assessed at the standard rate,
// 159 of them contributing).
#include <gtest/gtest.h>

#include "charging/simulation.hpp"
#include "core/error.hpp"

namespace ascent {

namespace {

using namespace charging;

// 159 people who contribute (ESA £120) and 152 whose charge stays nil (ESA £10), all receiving
// the enhanced rate of PIP daily living with no night-time care, on 1 June 2018.
std::vector<FinancialCase> cambridgeshire_caseload() {
    std::vector<FinancialCase> out;
    for (int i = 0; i < 311; ++i) {
        FinancialCase c;
        c.id = "C" + std::to_string(i);
        c.date = Date::ymd(2018, 6, 1);
        c.age = 40;
        c.income = {{"ESA", i < 159 ? 120'00 : 10'00, false, ""}};
        c.benefit = Benefit::pip_daily_living;
        c.benefit_rate = BenefitRate::highest;
        c.weekly_cost = 500'00;
        out.push_back(c);
    }
    return out;
}

} // namespace

TEST(ChargingSimulation, ReproducesCambridgeshirePipOptions) {
    const auto options = read_options_file(std::string(ASCENT_TESTS) + "/charging/pip_options.yaml");
    const auto s = simulate(cambridgeshire_caseload(), ParameterSet::defaults(), options);
    EXPECT_EQ(s.baseline.payers, 159);
    EXPECT_EQ(s.baseline.nil, 152);
    // £27.45 × 159 = £4,364.55 a week; then £22.45, £17.45 and £12.45 × 159.
    const std::vector<int64_t> weekly = {4364'55, 3569'55, 2774'55, 1979'55};
    for (std::size_t i = 0; i < weekly.size(); ++i) {
        EXPECT_EQ(s.results[i].weekly_income - s.baseline.weekly_income, weekly[i]) << s.results[i].name;
        EXPECT_EQ(s.results[i].new_payers, 0);
    }
    EXPECT_EQ(s.results[0].by_change[5], 159); // £20 to £30 a week more
    EXPECT_EQ(s.results[0].by_change[1], 152); // no change
    const auto text = format_simulation(s);
    // The business case's annual figures: £226,957, £185,617, £144,277 and £102,937 (× 52 weeks).
    for (const char *annual : {"£226,957", "£185,617", "£144,277", "£102,937"}) EXPECT_NE(text.find(annual), std::string::npos) << text;
}

TEST(ChargingSimulation, NilChargePeopleCanBecomePayers) {
    auto caseload = cambridgeshire_caseload();
    caseload.back().income[0].weekly = 40'00; // £40 + £83.10 − £111.40 = £11.70 once the enhanced rate counts
    OptionsFile options{"one option", Date::ymd(2018, 6, 1), Date::ymd(2018, 6, 1), 3, WeeksPerYear::fifty_two(), {{"count", {{"policy.count_night_element", "yes"}}}}};
    const auto s = simulate(caseload, ParameterSet::defaults(), options);
    EXPECT_EQ(s.results[0].new_payers, 1);
    EXPECT_EQ(s.results[0].weekly_income - s.baseline.weekly_income, 4364'55 + 11'70);
}

TEST(ChargingSimulation, AMissingParameterNamesTheOptionAndCase) {
    auto caseload = cambridgeshire_caseload();
    caseload[3].carer_premium = true;
    OptionsFile options{"x", Date::ymd(2025, 6, 1), Date::ymd(2025, 6, 1), 3, WeeksPerYear::fifty_two(), {}};
    for (auto &c : caseload) c.date = options.date;
    try {
        simulate(caseload, ParameterSet::defaults(), options);
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(std::string(e.what()), "option 'Baseline', case 'C3': missing parameter 'mig.carer_premium' on 01/06/2025: the value "
                                         "from 01/04/2025 is unknown (2025/26 figure not held); set it in your council's parameters file");
    }
}

} // namespace ascent
