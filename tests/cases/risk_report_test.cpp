// Risk ranges (reproducible by seed whatever the threads; ranges around the plan; targets) and
// the reports read back: HTML with its chart, PDF text through pdftotext, a page rendered to PNG.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "app/case_reports.hpp"
#include "cases/risk.hpp"
#include "test_support.hpp"

namespace ascent::cases {

namespace {

const std::string k_documents = std::string(ASCENT_TESTS) + "/cases/documents/";

Programme respite_and_retender() {
    std::vector<BusinessCase> cases;
    for (const auto *name : {"cambs-ar-7-108", "cambs-ar-6-115"}) cases.push_back(read_case_file(k_documents + name + ".yaml"));
    auto p = programme_of(cases, 2);
    p.targets = {{FinancialYear(2017), 95'000'00}};
    return p;
}

using test::run_command;

} // namespace

TEST(Risk, TheSameSeedGivesTheSameFiguresWhateverTheThreads) {
    const auto p = respite_and_retender();
    const auto one = simulate_risk(p, {20'000, 7, 1});
    const auto two = simulate_risk(p, {20'000, 7, 2});
    ASSERT_EQ(one.by_year.size(), 2u);
    for (std::size_t y = 0; y < 2; ++y) {
        EXPECT_EQ(one.by_year[y].p10, two.by_year[y].p10);
        EXPECT_EQ(one.by_year[y].p50, two.by_year[y].p50);
        EXPECT_EQ(one.by_year[y].p90, two.by_year[y].p90);
    }
    EXPECT_EQ(format_risk(one), format_risk(two));
    EXPECT_NE(simulate_risk(p, {20'000, 8, 1}).by_year[0].p50, one.by_year[0].p50);
}

TEST(Risk, RangesSitAroundThePlanAndACaseWithoutRangesMovesOnlyByItsDeliveryRisk) {
    const auto r = simulate_risk(respite_and_retender(), {20'000, 1, 0});
    // 7.108: people 50–80 around 66, £100–£130 around £124.80: its P10 < P50 < P90, all below the top.
    const auto &respite = r.cases[0].by_year[0];
    EXPECT_LT(respite.p10, respite.p50);
    EXPECT_LT(respite.p50, respite.p90);
    EXPECT_LT(respite.p90, 80 * 130'00 * 3);
    EXPECT_GT(respite.p10, 50 * 100'00 * 3 * 3 / 4); // the lows less a medium delivery risk's shortfall of at most 25%
    // 6.115 has no ranges: only its delivery risk (M, the default) moves it, and never above its plan. It
    // meets the plan in 75% × 85% of trials, so its P50 and P90 are the plan and its P10 is below.
    const auto &retender = r.cases[1].by_year[0];
    EXPECT_FALSE(r.cases[1].uncertain);
    EXPECT_TRUE(r.cases[1].varies);
    EXPECT_LT(retender.p10, 70'833'33);
    EXPECT_EQ(retender.p50, 70'833'33);
    EXPECT_EQ(retender.p90, 70'833'33);
    // The plan is £95,543.73 in 2017/18; the respite ranges lean low, so a £95,000 target is met in under half the trials.
    EXPECT_EQ(r.planned[0], 24'710'40 + 70'833'33);
    ASSERT_EQ(r.chance.size(), 1u);
    EXPECT_GT(r.chance[0], 0.05);
    EXPECT_LT(r.chance[0], 0.5);
}

TEST(Risk, SecuredSavingsNarrowTheRange) {
    const auto p = respite_and_retender();
    const auto plain = simulate_risk(p, {20'000, 1, 0});
    const auto &respite = plain.cases[0];
    // Reviews have secured £25,000 for the respite case in 2017/18 (the current year) and changes
    // worth £20,000 a year from 2016/17: the year is at least £45,000 (its P90 was below that), and
    // 2018/19 at least the full-year effects.
    SecuredByCase secured;
    secured["A/R.7.108"] = {FinancialYear(2017), {{FinancialYear(2017), 25'000'00, 40'000'00}, {FinancialYear(2016), 15'000'00, 20'000'00}}};
    ASSERT_LT(respite.by_year[0].p90, 45'000'00);
    const auto r = simulate_risk(p, {20'000, 1, 0}, {}, secured);
    EXPECT_EQ(r.cases[0].secured, (std::vector<int64_t>{45'000'00, 60'000'00}));
    EXPECT_EQ(r.cases[0].by_year[0].p10, 45'000'00);
    EXPECT_EQ(r.cases[0].by_year[0].p90, 45'000'00);
    EXPECT_GE(r.cases[0].by_year[1].p10, 60'000'00);
    EXPECT_EQ(r.cases[1].by_year[0].p50, plain.cases[1].by_year[0].p50) << "a case without actuals is unchanged";
    EXPECT_TRUE(r.cases[1].secured.empty());
    EXPECT_NE(format_risk(r).find("secured by decided reviews"), std::string::npos);

    // A year already over counts exactly what was secured, even below its plan.
    secured["A/R.7.108"].current = FinancialYear(2018);
    const auto closed = simulate_risk(p, {20'000, 1, 0}, {}, secured);
    EXPECT_EQ(closed.cases[0].by_year[0].p10, 45'000'00);
    EXPECT_EQ(closed.cases[0].by_year[0].p90, 45'000'00);
    secured["A/R.7.108"].changes = {{FinancialYear(2017), 1'000'00, 2'000'00}};
    const auto shortfall = simulate_risk(p, {20'000, 1, 0}, {}, secured);
    EXPECT_EQ(shortfall.cases[0].by_year[0].p90, 1'000'00);
    EXPECT_LT(shortfall.by_year[0].p90, plain.by_year[0].p10) << "the programme's range falls with it";
}

TEST(CaseReport, HtmlHasEverySectionTheTablesAndAChart) {
    const auto c = read_case_file(k_documents + "cambs-ar-6-127.yaml");
    const auto profiles = profile_case(c);
    const auto html = report::to_html(app::case_document(c, profiles, reconcile(c, profiles)));
    for (const auto *expected : {"<h1>A/R.6.127 Care in Cambridgeshire", "£373,000", "£313,000", "Transformation Fund", "<svg",
                                 "DIFFERS", "stated £315k, computed £313,000.00", "People on low incomes", "Court of Protection"})
        EXPECT_NE(html.find(expected), std::string::npos) << expected;
}

TEST(CaseReport, PdfReadsBackAndRendersToAPage) {
    const test::TempDir dir;
    const auto c = read_case_file(k_documents + "cambs-ar-6-173.yaml");
    const auto profiles = profile_case(c);
    const auto pdf = dir.file("case.pdf");
    app::write_document(app::case_document(c, profiles, reconcile(c, profiles)), pdf);
    const auto text = run_command("pdftotext -layout " + pdf + " -");
    for (const auto *expected : {"A/R.6.173", "£412,680", "£267,579", "£791,486.97", "£412,679.98 (rounds to £413K)", "page 2"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    run_command("pdftoppm -r 40 -png -f 1 -l 1 " + pdf + " " + dir.file("page"));
    EXPECT_GT(std::filesystem::file_size(dir.file("page-1.png")), 5'000u);
}

TEST(BudgetTable, PdfHasTheRowsAndTotals) {
    const test::TempDir dir;
    const auto programme = read_programme_file(k_documents + "appendix4-budget-proposals.yaml");
    const auto pdf = dir.file("budget.pdf");
    app::write_document(app::budget_table_document(budget_table(programme)), pdf);
    const auto text = run_command("pdftotext -layout " + pdf + " -");
    for (const auto *expected : {"Sub Total -", "1,125.5", "TOTAL People", "7,342.0", "Music Service"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
}

} // namespace ascent::cases

namespace ascent::cases {

TEST(CaseFile, ANewDraftHasEverySectionAndReadsBack) {
    const auto c = new_case("A/R.9.001", "A new case", FinancialYear(2027));
    const auto yaml = write_case_yaml(c);
    for (const auto &[key, heading] : k_sections) EXPECT_NE(yaml.find(std::string(key) + ": \"\""), std::string::npos) << key;
    const auto again = read_case(yaml, "new.yaml");
    EXPECT_EQ(again.sections.size(), k_sections.size());
    EXPECT_EQ(again.section("overview"), nullptr); // empty sections are not shown
    EXPECT_EQ(profile_case(again).front().net, (std::vector<int64_t>{0, 0, 0}));
}

TEST(ProgrammeReport, HasTheCasesTotalsChartAndTargets) {
    std::vector<BusinessCase> cases;
    for (const auto *name : {"cambs-ar-6-115", "cambs-ar-6-127"})
        cases.push_back(read_case_file(std::string(ASCENT_TESTS) + "/cases/documents/" + name + ".yaml"));
    auto programme = programme_of(cases, 2);
    programme.targets = {{FinancialYear(2018), 500'000'00}};
    const auto html = report::to_html(app::programme_document(programme, budget_table(programme)));
    for (const auto *expected : {"A/R.6.115", "£70.8K", "£412.2K", "Programme", "<svg", "£500,000", "£483,000", "-£17,000"})
        EXPECT_NE(html.find(expected), std::string::npos) << expected;
}

} // namespace ascent::cases
