// Golden financial assessments written as data (tests/charging/cases.yaml), each citing what it
// checks; and properties that hold for any case.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "charging/case_file.hpp"
#include "charging/simulation.hpp"
#include "core/error.hpp"

namespace ascent {

namespace {

using namespace charging;

const std::string k_cases = std::string(ASCENT_TESTS) + "/charging/cases.yaml";

// Assesses a case under the default parameters with the case's own changes.
Assessment run(const CaseEntry &e, bool explain = false) {
    ParameterSet set = default_parameters();
    for (const auto &[name, value] : e.set) set_parameter(set, name, Date::ymd(2010, 4, 1), value, "case '" + e.c.id + "'");
    const Rates rates(set, e.c.date);
    return assess(e.c, rates, explain);
}

const std::vector<std::string> k_notes = {"cites", "note", "charge", "rule", "error", "nil"};

// Residential completeness: couples, the home, deferred payments, deprivation, top-ups.
const std::string k_residential_cases = std::string(ASCENT_TESTS) + "/charging/residential_cases.yaml";

// A case of a case file assessed with its explanation, and the explanation as text.
struct Explained {
    Assessment a;
    std::string text;
    // The amount of the first explanation line whose label starts with `label`, as "£1.00", or "no line".
    std::string amount(std::string_view label) const {
        for (const auto &l : a.lines)
            if (l.label.rfind(label, 0) == 0) return l.amount ? format_pence(Money::from_pence(*l.amount)) : "no amount";
        return "no line";
    }
};

Explained explained(const std::string &file, const std::string &id) {
    for (const auto &e : read_case_file(file, k_notes)) {
        if (e.c.id != id) continue;
        ParameterSet set = default_parameters();
        for (const auto &[name, value] : e.set) set_parameter(set, name, Date::ymd(2010, 4, 1), value, "case '" + e.c.id + "'");
        const Rates rates(set, e.c.date);
        Explained out{assess(e.c, rates, true), ""};
        out.text = format_assessment(e.c, rates, out.a);
        return out;
    }
    throw std::runtime_error("no case " + id);
}

} // namespace

TEST(Charging, GoldenCases) {
    auto cases = read_case_file(k_cases, k_notes);
    EXPECT_GE(cases.size(), 60u);
    const auto residential = read_case_file(k_residential_cases, k_notes);
    EXPECT_EQ(residential.size(), 21u);
    cases.insert(cases.end(), residential.begin(), residential.end());
    for (const auto &e : cases) {
        SCOPED_TRACE(e.c.id);
        EXPECT_FALSE(e.extra.count("cites") == 0 || e.extra.at("cites").empty()) << "every case cites what it checks";
        if (e.extra.count("error")) {
            try {
                run(e);
                ADD_FAILURE() << "expected the error: " << e.extra.at("error");
            } catch (const Error &error) {
                EXPECT_EQ(std::string(error.what()), e.extra.at("error"));
            }
            continue;
        }
        const auto a = run(e, true);
        EXPECT_EQ(format_pence(Money::from_pence(a.charge)), format_pence(*parse_money(e.extra.at("charge"))));
        if (e.extra.count("rule")) {
            EXPECT_NE(rule_text(a).find(e.extra.at("rule")), std::string::npos) << rule_text(a);
        }
        if (e.extra.count("nil")) {
            EXPECT_TRUE(a.nil);
        }
        ASSERT_FALSE(a.lines.empty());
        EXPECT_EQ(a.lines.back().label, "Weekly charge");
        EXPECT_EQ(a.lines.back().amount, a.charge);
    }
}

// A deferred payment agreement worked by hand (residential_cases.yaml, dpa-pays-from-income, on
// 01/03/2024): the resident pays £171.75 from income; the rest of the £900 is deferred.
TEST(Charging, DeferredPaymentAgreementFigures) {
    const auto x = explained(k_residential_cases, "dpa-pays-from-income");
    EXPECT_EQ(x.a.charge, 171'75);
    EXPECT_EQ(x.a.deferred, 900'00 - 171'75);
    EXPECT_EQ(x.amount("Home worth £200,000.00: disregarded, a deferred payment agreement is secured on it"), "£0.00");
    EXPECT_EQ(x.amount("Deferred a week: the cost of care less the weekly charge"), "£728.25");
    // 90% of 200,000 − 14,250 − 0
    EXPECT_EQ(x.amount("Equity limit: 90.00% of £200,000.00 − the lower capital limit £14,250.00 − debts secured on it £0.00"), "£165,750.00");
    EXPECT_EQ(x.amount("Administration charge, added to the amount deferred"), "£775.20");
    // 30,000 × 4.65%, the national maximum from 1 January 2024
    EXPECT_EQ(x.amount("Interest for a year on the £30,000.00 deferred so far at the national maximum of 4.65% (not compounded)"), "£1,395.00");
    // (165,750 − 30,000 − 775.20) ÷ 728.25 = 185.3
    EXPECT_EQ(x.amount("Equity left £134,974.80: 185 whole weeks at £728.25 a week, before interest"), "no amount");
    EXPECT_NE(x.text.find("Charge: £171.75 a week\nDeferred: £728.25 a week, against the home"), std::string::npos) << x.text;
    EXPECT_NE(x.text.find("4.65% from 01/01/2024 [C] West Sussex County Council"), std::string::npos) << x.text;
}

TEST(Charging, DeferredPaymentInterestNotHeldIsAnErrorNamingIt) {
    auto cases = read_case_file(k_residential_cases, k_notes);
    auto c = std::find_if(cases.begin(), cases.end(), [](const CaseEntry &e) { return e.c.id == "dpa-pays-from-income"; })->c;
    c.date = Date::ymd(2025, 6, 1);
    ParameterSet set = default_parameters();
    set_parameter(set, "policy.dpa_admin_charge", Date::ymd(2010, 4, 1), "775.20", "test");
    const Rates rates(set, c.date);
    EXPECT_EQ(assess(c, rates).charge, 200'00 - 30'65); // the charge does not need the interest rate
    try {
        assess(c, rates, true);
        ADD_FAILURE() << "expected an error naming dpa.max_interest_rate";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("dpa.max_interest_rate"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("rates from July 2024 not found"), std::string::npos) << e.what();
    }
}

TEST(Charging, HomeDeprivationTopUpsAndCouplesAreExplained) {
    EXPECT_EQ(explained(k_residential_cases, "home-counted-after-twelve-weeks")
                  .amount("Home: £200,000.00 − 10% for the expenses of sale (£20,000.00) − debts secured on it (£0.00)"),
              "£180,000.00");
    EXPECT_EQ(explained(k_residential_cases, "home-last-day-of-twelve-weeks")
                  .amount("Home worth £200,000.00: disregarded, the first 12 weeks of permanent residence, from 01/04/2025 to 23/06/2025"),
              "£0.00");
    const auto notional = explained(k_residential_cases, "notional-capital-counted");
    EXPECT_EQ(notional.amount("Notional capital: assets the council has decided were deprived of"), "£9,000.00");
    EXPECT_EQ(notional.amount("Capital counted"), "£19,000.00");
    EXPECT_EQ(notional.amount("Notional capital diminishes each week by the charge it adds"), "£19.00");
    EXPECT_EQ(explained(k_residential_cases, "top-up-third-party")
                  .amount("Top-up for a chosen home paid by a third party: not the resident's income"),
              "£50.00");
    EXPECT_EQ(explained(k_residential_cases, "top-up-own-in-twelve-weeks")
                  .amount("Top-up for a chosen home paid by the resident (allowed: during the 12-week property disregard)"),
              "£50.00");
    EXPECT_EQ(explained(k_residential_cases, "couple-joint-income-half").amount("Half of £90.01 paid to the couple together"), "£45.01");
    EXPECT_EQ(explained(k_residential_cases, "resident-pension-half-to-partner")
                  .amount("Half of the £120.00 pension paid to a spouse or civil partner at home (disregarded)"),
              "-£60.00");
}

TEST(Charging, ExplanationNamesEveryParameterUsedWithItsSource) {
    const auto cases = read_case_file(k_cases, k_notes);
    const auto &e = cases.front();
    const ParameterSet set = default_parameters();
    const Rates rates(set, e.c.date);
    const auto text = format_assessment(e.c, rates, assess(e.c, rates, true));
    EXPECT_NE(text.find("Charge: £91.40 a week"), std::string::npos) << text;
    EXPECT_NE(text.find("mig.single_25_to_pension"), std::string::npos);
    EXPECT_NE(text.find("112.50 from 06/04/2025 [S] LAC(DHSC)(2025)1 as quoted by ruils.co.uk"), std::string::npos) << text;
    EXPECT_NE(text.find("from England statutory charging parameters 2026.1"), std::string::npos);
    EXPECT_EQ(text.find("WARNING"), std::string::npos) << text;
}

TEST(Charging, BadCaseFilesNameTheLineAndTheCase) {
    const auto error_of = [](const std::string &text) {
        try {
            read_cases(text, "cases.yaml");
        } catch (const Error &e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(error_of("cases:\n  - {id: a, capital: lots}\n"), "cases.yaml, line 2, case 'a': 'capital' must be an amount in pounds such as 150.00");
    EXPECT_EQ(error_of("cases:\n  - {id: a, wages: '1'}\n"), "cases.yaml, line 2, case 'a': unknown field 'wages'");
    EXPECT_EQ(error_of("cases:\n  - {id: a}\n  - {id: a}\n"), "cases.yaml, line 3, case 'a': the id is used twice");
}

namespace {

// A random case on 1 June 2025, below pension age (the 2025/26 pension-age MIG is not held), its
// premiums stated or derived.
FinancialCase random_case(const std::string &id, int min_age, int64_t max_capital) {
    FinancialCase c;
    c.id = id;
    c.date = Date::ymd(2025, 6, 1);
    c.care = *rc::gen::element(CareType::non_residential, CareType::residential, CareType::short_term_resident);
    c.age = *rc::gen::inRange(min_age, 66);
    c.capital = *rc::gen::inRange<int64_t>(0, max_capital);
    c.weekly_cost = *rc::gen::inRange<int64_t>(0, 200'000);
    c.housing_costs = *rc::gen::inRange<int64_t>(0, 20'000);
    c.benefit = *rc::gen::element(Benefit::none, Benefit::pip_daily_living, Benefit::attendance_allowance);
    c.benefit_rate = *rc::gen::element(BenefitRate::lowest, BenefitRate::middle, BenefitRate::highest);
    c.night_care = *rc::gen::arbitrary<bool>();
    // Stated either way, or left to be derived from the benefit.
    if (*rc::gen::arbitrary<bool>()) c.disability_premium = *rc::gen::arbitrary<bool>();
    if (*rc::gen::arbitrary<bool>()) c.enhanced_disability_premium = *rc::gen::arbitrary<bool>();
    c.income = {{"income", *rc::gen::inRange<int64_t>(0, 100'000), false, ""}};
    return c;
}

} // namespace

// For any case: the charge is never negative, never above the cost of care, and never rises when
// income falls.
RC_GTEST_PROP(Charging, ChargeIsBoundedAndMonotoneInIncome, ()) {
    FinancialCase c = random_case("p", 25, 3'000'000);
    const int64_t income = c.income[0].weekly;
    const ParameterSet set = default_parameters();
    const Rates rates(set, c.date);
    const auto a = assess(c, rates);
    RC_ASSERT(a.charge >= 0);
    RC_ASSERT(a.charge <= c.weekly_cost);
    FinancialCase poorer = c;
    poorer.income[0].weekly = *rc::gen::inRange<int64_t>(0, income + 1);
    RC_ASSERT(assess(poorer, rates).charge <= a.charge);
}

// The simulation skips an option for a case when it changes no parameter the baseline assessment
// read; for any case and option, its income is what assessing every case in full gives.
RC_GTEST_PROP(Charging, SimulationEqualsAssessingEveryOptionInFull, ()) {
    std::vector<FinancialCase> caseload;
    const auto people = *rc::gen::inRange(1, 20);
    for (int i = 0; i < people; ++i) caseload.push_back(random_case("p" + std::to_string(i), 18, 4'000'000));
    const std::vector<std::pair<std::string, std::string>> changes = {
        {"policy.count_night_element.pip", "yes"}, {"policy.count_night_element.aa", "yes"}, {"policy.dre_standard", "25.00"}, {"policy.mig_uplift", "5%"},
        {"policy.minimum_charge", "2.00"}, {"policy.maximum_weekly_charge", "150.00"}, {"policy.nonres_upper_capital_limit", "30000.00"},
        {"policy.respite_rule", "residential"}, {"pea", "40.00"}, {"capital.lower_limit", "10000.00"}};
    const auto [name, value] = *rc::gen::elementOf(changes);
    const auto date = Date::ymd(2025, 6, 1);
    const OptionsFile options{"property", date, date, 1, WeeksPerYear::fifty_two(), {{"option", {{name, value}}}}};
    const ParameterSet set = default_parameters();
    const auto s = simulate(caseload, set, options);
    ParameterSet changed = set;
    set_parameter(changed, name, date, value, "option");
    const Rates before(set, date), after(changed, date);
    int64_t baseline = 0, option = 0;
    for (const auto &c : caseload) {
        baseline += assess(c, before).charge;
        option += assess(c, after).charge;
    }
    RC_ASSERT(s.baseline.weekly_income == baseline);
    RC_ASSERT(s.results.at(0).weekly_income == option);
}

// The explanation says where each premium came from: derived from the benefit, or stated.
TEST(Charging, PremiumsDerivedFromTheBenefitAreExplained) {
    const auto cases = read_case_file(k_cases, {"cites", "charge", "rule", "error", "nil"});
    const auto find = [&](const std::string &id) {
        for (const auto &e : cases)
            if (e.c.id == id) return e;
        throw std::runtime_error("no case " + id);
    };
    const auto derived = find("pip-enhanced-derives-dp-and-edp");
    const ParameterSet set = default_parameters();
    const Rates rates(set, derived.c.date);
    auto text = format_assessment(derived.c, rates, assess(derived.c, rates, true));
    EXPECT_NE(text.find("MIG: disability premium (derived from PIP daily living enhanced rate)"), std::string::npos) << text;
    EXPECT_NE(text.find("MIG: enhanced disability premium (derived from PIP daily living enhanced rate)"), std::string::npos) << text;
    EXPECT_NE(text.find("reg. 7(5)(b); Income Support Regs 1987 Sch. 2 para 13A"), std::string::npos) << text;
    EXPECT_NE(text.find("Charge: £17.50 a week"), std::string::npos) << text;
    // The same person with the flags stated No pays £73.90 a week more, and the explanation says why.
    const auto stated = find("stated-no-overrides-derivation");
    text = format_assessment(stated.c, rates, assess(stated.c, rates, true));
    EXPECT_NE(text.find("MIG: no disability premium (stated in the case file)"), std::string::npos) << text;
    EXPECT_NE(text.find("reg. 7(5)(a); Income Support Regs 1987 Sch. 2 para 11: the benefits recorded would give it"), std::string::npos) << text;
    EXPECT_NE(text.find("Charge: £91.40 a week"), std::string::npos) << text;
    // From the ledger the flags come from the finances extract.
    FinancialCase ledger = derived.c;
    ledger.stated_by = "finances extract";
    ledger.disability_premium = true;
    text = format_assessment(ledger, rates, assess(ledger, rates, true));
    EXPECT_NE(text.find("MIG: disability premium (stated in finances extract)"), std::string::npos) << text;
}

// An assessment that uses a yearly figure with no value of its own in the year warns, naming it.
TEST(Charging, ACarriedForwardFigureIsNamedInTheAssessment) {
    ParameterSet set = default_parameters();
    set.load("name: old\nversion: \"1\"\nparameters:\n  mig.single_25_to_pension:\n    unit: money\n    uprated: yearly\n"
             "    values:\n      - {from: 2024-04-01, value: \"110.60\", tag: D, source: last year's}\n",
             "old.yaml");
    FinancialCase c;
    c.id = "A";
    c.date = Date::ymd(2025, 6, 1);
    c.age = 40;
    c.income = {{"Universal Credit", 150'00, false, ""}};
    c.benefit = Benefit::none;
    c.weekly_cost = 500'00;
    const Rates rates(set, c.date);
    const auto a = assess(c, rates, true);
    EXPECT_EQ(a.charge, 150'00 - 110'60 - 20'00);
    const auto text = format_assessment(c, rates, a);
    EXPECT_NE(text.find("WARNING: 1 yearly figure(s) have no 2025/26 value of their own, so an earlier year's carries forward: "
                        "mig.single_25_to_pension (the 2024/25 value from 01/04/2024)"),
              std::string::npos) << text;
    EXPECT_EQ(carried_forward(set, c.date, a.used), std::vector<std::string>{"mig.single_25_to_pension (the 2024/25 value from 01/04/2024)"});
}

// The old single night-time switch: shorthand for all three in an option, refused in a council file.
TEST(Charging, TheOldNightSwitchInACouncilFileIsNamed) {
    ParameterSet set = default_parameters();
    set.load("name: old policy\nversion: \"1\"\nparameters:\n  policy.count_night_element:\n    unit: flag\n"
             "    values:\n      - {from: 2015-04-01, value: \"yes\", source: council}\n",
             "old-policy.yaml");
    FinancialCase c;
    c.id = "A";
    c.date = Date::ymd(2025, 6, 1);
    c.age = 40;
    c.benefit = Benefit::pip_daily_living;
    c.benefit_rate = BenefitRate::highest;
    c.disability_premium = c.enhanced_disability_premium = false;
    c.weekly_cost = 500'00;
    const Rates rates(set, c.date);
    try {
        assess(c, rates);
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(std::string(e.what()), "parameter 'policy.count_night_element' (old-policy.yaml) is replaced by "
                                         "'policy.count_night_element.pip': set policy.count_night_element.pip, .aa and .dla instead");
    }
    ParameterSet options = default_parameters();
    set_parameter(options, "policy.count_night_element", c.date, "yes", "option 'all'");
    for (const auto name : k_night_parameters) EXPECT_TRUE(options.flag(std::string(name), c.date)) << name;
    try {
        set_parameter(options, "policy.no_such", c.date, "yes", "option 'typo'");
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(std::string(e.what()), "option 'typo': no parameter 'policy.no_such' to change");
    }
}

} // namespace ascent
