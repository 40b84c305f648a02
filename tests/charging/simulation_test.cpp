// Policy simulation over a caseload: Cambridgeshire's PIP enhanced-rate options reproduced on a
// matching caseload (A/R.7.109: 311 people on the enhanced rate assessed at the standard rate,
// 159 of them contributing).
#include <gtest/gtest.h>

#include "charging/simulation.hpp"
#include "charging/case_file.hpp"
#include "core/error.hpp"

namespace ascent {

namespace {

using namespace charging;

// 159 people who contribute (ESA £120) and 152 whose charge stays nil (ESA £10), all receiving
// the enhanced rate of PIP daily living with no night-time care, on 1 June 2017 (the papers quote
// the 2017/18 rates, £83.10 and £55.65). Their disability and enhanced disability premiums are
// derived from the enhanced rate: ESA £120 + £55.65 − £91.40 − £40.35 − £19.70 − £20 = £4.20.
std::vector<FinancialCase> cambridgeshire_caseload() {
    std::vector<FinancialCase> out;
    for (int i = 0; i < 311; ++i) {
        FinancialCase c;
        c.id = "C" + std::to_string(i);
        c.date = Date::ymd(2017, 6, 1);
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
    const auto s = simulate(cambridgeshire_caseload(), default_parameters(), options);
    EXPECT_EQ(s.baseline.payers, 159);
    EXPECT_EQ(s.baseline.nil, 152);
    EXPECT_EQ(s.baseline.weekly_income, 159 * 4'20);
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
    // £110 + £83.10 − £151.45 (MIG with DP and EDP) − £20 = £21.65 once the enhanced rate counts; nil before.
    caseload.back().income[0].weekly = 110'00;
    OptionsFile options{"one option", Date::ymd(2017, 6, 1), Date::ymd(2017, 6, 1), 3, WeeksPerYear::fifty_two(), {{"count", {{"policy.count_night_element", "yes"}}}}};
    const auto s = simulate(caseload, default_parameters(), options);
    EXPECT_EQ(s.results[0].new_payers, 1);
    EXPECT_EQ(s.results[0].weekly_income - s.baseline.weekly_income, 4364'55 + 21'65);
}

TEST(ChargingSimulation, AMissingParameterNamesTheOptionAndCase) {
    auto caseload = cambridgeshire_caseload();
    caseload[3].carers_allowance = true; // the carer premium, derived
    OptionsFile options{"x", Date::ymd(2025, 6, 1), Date::ymd(2025, 6, 1), 3, WeeksPerYear::fifty_two(), {}};
    for (auto &c : caseload) c.date = options.date;
    try {
        simulate(caseload, default_parameters(), options);
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(std::string(e.what()), "option 'Baseline', case 'C3': missing parameter 'mig.carer_premium' on 01/06/2025: the value "
                                         "from 06/04/2025 is unknown (2025/26 figure not found); set it in your council's parameters file");
    }
}

namespace {

std::vector<FinancialCase> expanded(const std::string &file, Date on) {
    std::vector<FinancialCase> out;
    for (const auto &e : read_case_file(file)) {
        for (int i = 0; i < e.count; ++i) {
            out.push_back(e.c);
            out.back().id += "#" + std::to_string(i + 1);
            out.back().date = on;
        }
    }
    return out;
}

} // namespace

// Cambridgeshire A/R.7.108: 66 people with short respite stays pay £54.94 a week on average under
// non-residential rules and £179.74 under residential rules, £124.80 more; over three weeks' stay
// a year that is £24,710.
TEST(ChargingSimulation, ReproducesCambridgeshireRespiteChange) {
    const std::string dir = std::string(ASCENT_TESTS) + "/charging/";
    const auto options = read_options_file(dir + "respite_options.yaml");
    const auto caseload = expanded(dir + "respite_caseload.yaml", options.date);
    ASSERT_EQ(caseload.size(), 66u);
    const auto s = simulate(caseload, default_parameters(), options);
    EXPECT_EQ(s.baseline.weekly_income, 66 * 54'94);
    EXPECT_EQ(s.results[0].weekly_income, 66 * 179'74);
    const int64_t change = s.results[0].weekly_income - s.baseline.weekly_income;
    EXPECT_EQ(change, 66 * 124'80);
    EXPECT_EQ(format_pounds(Money::from_pence(change * 3)), "£24,710");
    EXPECT_EQ(s.results[0].by_change[6], 66); // everyone pays over £30 a week more
}

TEST(ChargingSimulation, GroupsAndMostAffectedPeople) {
    auto caseload = cambridgeshire_caseload();
    for (std::size_t i = 0; i < caseload.size(); ++i) caseload[i].group = i % 2 == 0 ? "LD 18-64" : "MH 18-64";
    const auto options = read_options_file(std::string(ASCENT_TESTS) + "/charging/pip_options.yaml");
    const auto s = simulate(caseload, default_parameters(), options);
    ASSERT_EQ(s.groups, (std::vector<std::string>{"LD 18-64", "MH 18-64"}));
    const auto &r = s.results[0];
    // 159 contributors alternate between the groups: 80 even, 79 odd.
    EXPECT_EQ(r.by_group[0].up, 80);
    EXPECT_EQ(r.by_group[1].up, 79);
    EXPECT_EQ(r.by_group[0].people + r.by_group[1].people, 311);
    EXPECT_EQ(r.by_group[0].weekly_after - r.by_group[0].weekly_before + r.by_group[1].weekly_after -
                  r.by_group[1].weekly_before,
              r.weekly_income - s.baseline.weekly_income);
    ASSERT_EQ(r.affected.size(), k_affected);
    for (const auto &a : r.affected) {
        EXPECT_EQ(a.after - a.before, 27'45);
        EXPECT_EQ(a.id, caseload[a.index].id);
    }
    // Equal changes are listed in caseload order: deterministic whatever the threads did.
    EXPECT_EQ(r.affected.front().id, "C0");
    EXPECT_EQ(r.affected.back().id, "C19");
}

namespace {

// Cambridgeshire's 159 PIP contributors with 100 people on the higher rate of Attendance Allowance
// at pension age (2017/18: state pension £200, AA counted at the lower rate £55.65, MIG £189, DRE
// £20: £46.65 a week; at the higher rate £83.10, £74.10).
std::vector<FinancialCase> pip_and_aa_caseload() {
    auto out = cambridgeshire_caseload();
    out.resize(159);
    for (auto &c : out) c.group = "PIP 18-64";
    for (int i = 0; i < 100; ++i) {
        FinancialCase c;
        c.id = "AA" + std::to_string(i);
        c.group = "AA 65+";
        c.date = Date::ymd(2017, 6, 1);
        c.age = 80;
        c.pension_age = true;
        c.income = {{"State pension", 200'00, false, ""}};
        c.benefit = Benefit::attendance_allowance;
        c.benefit_rate = BenefitRate::highest;
        c.weekly_cost = 400'00;
        out.push_back(c);
    }
    return out;
}

} // namespace

// The night-time rate per benefit: Cambridgeshire's PIP-only option leaves AA recipients as they
// were; options combine parameters; every table is kept for each option.
TEST(ChargingSimulation, NightTimeRatePerBenefitAndCombinedOptions) {
    const auto d = Date::ymd(2017, 6, 1);
    const OptionsFile options{"per benefit", d, d, 1, WeeksPerYear::fifty_two(),
                              {{"PIP only", {{"policy.count_night_element.pip", "yes"}}},
                               {"AA only", {{"policy.count_night_element.aa", "yes"}}},
                               {"all three (old switch)", {{"policy.count_night_element", "yes"}}},
                               {"PIP only, DRE £17", {{"policy.count_night_element.pip", "yes"}, {"policy.dre_standard", "17.00"}}}}};
    const auto caseload = pip_and_aa_caseload();
    const auto s = simulate(caseload, default_parameters(), options);
    EXPECT_EQ(s.baseline.weekly_income, 159 * 4'20 + 100 * 46'65);
    ASSERT_EQ(s.groups, (std::vector<std::string>{"AA 65+", "PIP 18-64"}));
    const auto change = [&](std::size_t o) { return s.results[o].weekly_income - s.baseline.weekly_income; };
    // PIP only: 159 × £27.45, and not one AA recipient changes.
    EXPECT_EQ(change(0), 159 * 27'45);
    EXPECT_EQ(s.results[0].by_group[0].up + s.results[0].by_group[0].down, 0);
    EXPECT_EQ(s.results[0].by_group[1].up, 159);
    EXPECT_EQ(s.results[0].by_change[1], 100); // the AA recipients: no change
    // AA only: 100 × £27.45, no PIP recipient changes.
    EXPECT_EQ(change(1), 100 * 27'45);
    EXPECT_EQ(s.results[1].by_group[1].up, 0);
    EXPECT_EQ(s.results[1].by_group[0].weekly_after - s.results[1].by_group[0].weekly_before, 100 * 27'45);
    for (const auto &a : s.results[1].affected) EXPECT_EQ(a.id.substr(0, 2), "AA");
    // The old switch is all three.
    EXPECT_EQ(change(2), 259 * 27'45);
    // Combined: the PIP change and £3 less DRE for everyone (AA recipients included).
    EXPECT_EQ(change(3), 159 * (27'45 + 3'00) + 100 * 3'00);
    EXPECT_EQ(s.results[3].by_group[0].up, 100);
    const auto text = format_simulation(s);
    EXPECT_NE(text.find("PIP only: by client group"), std::string::npos) << text;
    EXPECT_NE(text.find("AA only: by client group"), std::string::npos) << text;
}

TEST(ChargingSimulation, ACarriedForwardFigureIsNamed) {
    auto parameters = default_parameters();
    parameters.load("name: old\nversion: \"1\"\nparameters:\n  benefit.care_middle:\n    unit: money\n    uprated: yearly\n"
                    "    values:\n      - {from: 2016-04-11, value: \"55.10\", source: 2016/17}\n",
                    "old.yaml");
    const auto d = Date::ymd(2017, 6, 1);
    const auto s = simulate(cambridgeshire_caseload(), parameters, {"x", d, d, 1, WeeksPerYear::fifty_two(), {}});
    EXPECT_EQ(s.carried_forward, std::vector<std::string>{"benefit.care_middle (the 2016/17 value from 11/04/2016)"});
    EXPECT_NE(format_simulation(s).find("WARNING: 1 yearly figure(s) have no 2017/18 value of their own"), std::string::npos);
    EXPECT_TRUE(simulate(cambridgeshire_caseload(), default_parameters(), {"x", d, d, 1, WeeksPerYear::fifty_two(), {}}).carried_forward.empty());
}

TEST(ChargingSimulation, AnUnknownParameterInAnOptionIsNamed) {
    const auto d = Date::ymd(2017, 6, 1);
    const OptionsFile options{"typo", d, d, 1, WeeksPerYear::fifty_two(), {{"PIP", {{"policy.count_night_element.pipp", "yes"}}}}};
    try {
        simulate(cambridgeshire_caseload(), default_parameters(), options);
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(std::string(e.what()), "option 'PIP': no parameter 'policy.count_night_element.pipp' to change");
    }
}

TEST(ChargingSimulation, IncomeByFinancialYearFromTheEffectiveDate) {
    OptionsFile o{"x", Date::ymd(2025, 6, 1), Date::ymd(2025, 10, 1), 3, WeeksPerYear::fifty_two(), {}};
    const auto years = income_by_year(o, 100'00); // £100 a week
    ASSERT_EQ(years.size(), 3u);
    EXPECT_EQ(years[0].first.label(), "2025/26");
    // 182 of the year's 365 days fall from 1 October to 31 March.
    EXPECT_EQ(years[0].second.pence(), divide_rounded(Int128{100'00} * 52 * 182, 365, RoundingMode::half_up));
    EXPECT_EQ(years[1].second.pence(), 5200'00);
    EXPECT_EQ(years[2].first.label(), "2027/28");
}

TEST(ChargingSimulation, OptionsFileErrorsNameTheLine) {
    EXPECT_THROW(read_options("name: x\ndate: 2025-06-01\neffective: soon\noptions: []\n", "o.yaml"), Error);
    try {
        read_options("name: x\ndate: 2025-06-01\nyears: 40\noptions: []\n", "o.yaml");
        FAIL();
    } catch (const Error &e) {
        EXPECT_STREQ(e.what(), "o.yaml, line 3: 'years' must be 1 to 10");
    }
}

} // namespace ascent
