// The risk simulation from the assumptions: a line drawing on a lever varies by the lever's low /
// central / high (net of overlap) and confidence, a case's delivery risk adds its documented chance of
// slipping and of a shortfall, and a result with no uncertainty says so instead of a percentage.
#include <gtest/gtest.h>

#include "app/case_figures.hpp"
#include "app/ledger_analysis.hpp"
#include "cases/risk.hpp"

namespace ascent {

namespace {

using namespace opportunity;

cases::BusinessCase read(const std::string &text) { return cases::read_case(text, "case.yaml"); }

// One £100,000-a-year saving from 1 April with no ranges of its own, at the given delivery risk.
cases::Programme one_line(const std::string &risk, int64_t target_pence) {
    auto p = cases::programme_of({read("id: R\ntitle: R\nfirst_year: 2026/27\nyears: 1\ndelivery_risk: " + risk +
                                       "\noptions:\n  - name: O\n    lines:\n      - {name: S, amount: '100,000'}\n")},
                                 1);
    p.targets = {{FinancialYear(2026), target_pence}};
    return p;
}

} // namespace

TEST(RiskFromAssumptions, ALeverLineVariesByItsLeversRangeAndConfidence) {
    // 20 people at £1,000 a week; the lever saves 10% / 20% / 30% (central £200 each), confidence 60%.
    test::LedgerBook book;
    for (int i = 0; i < 20; ++i) book.line(book.person("P" + std::to_string(i), 40), 1000'00);
    const auto rules = parse_rules("name: r\nversion: '1'\nweeks_per_year: '52'\nlevers:\n"
                                   "  - {id: review, name: Review, cohort: open lines > 0, confidence: 60, saving: {method: percent of cost, "
                                   "low: 10%, central: 20%, high: 30%}}\n",
                                   "r.yaml");
    const auto a = test::analysis_of(book, rules);
    auto p = cases::programme_of({read("id: L\ntitle: L\nfirst_year: 2026/27\nyears: 1\ndelivery_risk: L\noptions:\n  - name: O\n"
                                       "    lines:\n      - {name: Reviews, kind: weekly, cohort: {lever: review}}\n")},
                                 1);
    const int64_t planned = 20 * 200'00 * 52; // £208,000
    p.targets = {{FinancialYear(2026), planned}};
    const auto f = app::programme_figures(p, [&]() -> const app::Analysis & { return *a; }, {});
    const auto r = cases::simulate_risk(f.programme, {20'000, 3, 1}, f.cohorts);
    ASSERT_EQ(r.cases.size(), 1u);
    EXPECT_EQ(r.cases[0].lever_lines, 1);
    EXPECT_TRUE(r.cases[0].uncertain);
    EXPECT_EQ(r.planned[0], planned);
    // The saving ranges £104,000 to £312,000 around £208,000, and the confidence from 60% of plan to
    // the plan: so the P90 stays below £312,000 and the P10 above 60% of £104,000.
    const auto &y = r.by_year[0];
    EXPECT_LT(y.p10, y.p50);
    EXPECT_LT(y.p50, y.p90);
    EXPECT_LT(y.p90, 312'000'00);
    EXPECT_GT(y.p10, 62'400'00);
    EXPECT_FALSE(r.certain[0]);
    EXPECT_GT(r.chance[0], 0.0);
    EXPECT_LT(r.chance[0], 1.0);
    EXPECT_NE(cases::format_risk(r).find("Chance of meeting the 2026/27 target of £208,000: "), std::string::npos);
}

TEST(RiskFromAssumptions, DeliveryRiskGivesItsDocumentedChanceOfFallingShort) {
    // No ranges: only the delivery risk moves the line, and never above the plan. A trial meets the
    // plan only with no slip and no shortfall: H 50% × 70% = 35%, M 75% × 85% = 63.75%, L 90% × 95% = 85.5%.
    for (const auto &[risk, met] : {std::pair{"H", 0.35}, std::pair{"M", 0.6375}, std::pair{"L", 0.855}}) {
        const auto r = cases::simulate_risk(one_line(risk, 100'000'00), {40'000, 11, 1});
        EXPECT_EQ(r.by_year[0].p90, 100'000'00) << risk;
        EXPECT_LT(r.by_year[0].p10, 100'000'00) << risk;
        EXPECT_NEAR(r.chance[0], met, 0.01) << risk;
        EXPECT_FALSE(r.cases[0].uncertain) << risk; // no range of its own
        EXPECT_TRUE(r.cases[0].varies) << risk;
    }
    // A target above every trial is met in none of them, and says by how much, not "0.0%".
    const auto none = cases::simulate_risk(one_line("L", 200'000'00), {40'000, 11, 1});
    EXPECT_NE(cases::format_risk(none).find("Chance of meeting the 2026/27 target of £200,000: met in none of the 40,000 trials (the most "
                                            "any trial saves that year is £100,000)"),
              std::string::npos)
        << cases::format_risk(none);
    // A high risk: a shortfall is up to 50% and a slip up to 9 months, so a trial can fall below half the plan.
    const auto h = cases::simulate_risk(one_line("H", 0), {40'000, 11, 1});
    EXPECT_LT(h.by_year[0].p10, 75'000'00);
    EXPECT_EQ(cases::describe(cases::delivery_risk(cases::Rating::high)),
              "50% chance of a start 1 to 9 months late; 30% chance of a shortfall of up to 50%");
}

TEST(RiskFromAssumptions, NoUncertaintySaysSoInsteadOfAPercentage) {
    // A case whose only line is an investment: nothing can vary.
    auto p = cases::programme_of({read("id: I\ntitle: I\nfirst_year: 2026/27\nyears: 1\noptions:\n  - name: O\n    lines:\n"
                                       "      - {name: Staff, type: investment, amount: '50,000'}\n")},
                                 1);
    p.targets = {{FinancialYear(2026), 1'00}};
    const auto r = cases::simulate_risk(p, {1'000, 1, 1});
    EXPECT_FALSE(r.uncertain);
    ASSERT_EQ(r.certain.size(), 1u);
    EXPECT_TRUE(r.certain[0]);
    const auto text = cases::format_risk(r);
    EXPECT_NE(text.find("No uncertainty about the 2026/27 target of £1: no line of this programme has a range, so every trial misses it"),
              std::string::npos)
        << text;
    EXPECT_EQ(text.find("0.0%"), std::string::npos);
}

TEST(RiskFromAssumptions, SeededAndTheSameWhateverTheThreads) {
    auto p = one_line("M", 90'000'00);
    p.cases.push_back(one_line("H", 0).cases[0]);
    p.cases.back().id = "R2";
    const auto one = cases::simulate_risk(p, {10'000, 5, 1});
    const auto two = cases::simulate_risk(p, {10'000, 5, 2});
    EXPECT_EQ(cases::format_risk(one), cases::format_risk(two));
    EXPECT_EQ(one.by_year[0].p10, two.by_year[0].p10);
}

} // namespace ascent
