// Realised savings from a ledger that changes over time: a package reduced part-way through the
// year, an increase counting against the case, a person who leaves care, and a change back-dated
// into the previous financial year; RAG against a case's target; the review team's productivity;
// the board pack.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/case_reports.hpp"
#include "app/council.hpp"
#include "cld_sample.hpp"
#include "core/error.hpp"
#include "report/document.hpp"
#include "test_support.hpp"

namespace ascent {

namespace {

// A line with its own start and end dates (cld_row starts every line on 01/04/2024).
std::string line(const std::string &person, const std::string &ref, const std::string &weekly, const std::string &start,
                 const std::string &end = "") {
    auto row = test::cld_row(person, "Service", ref, "Long term support: Residential care", "Long term residential care", weekly, "Weekly", "", end);
    row.replace(row.find("01/04/2024"), 10, start);
    return row;
}

store::Review decided(const std::string &person, const std::string &outcome, const std::string &effective,
                      std::optional<int64_t> hours = std::nullopt) {
    store::Review r;
    r.hours = hours;
    r.person_id = person;
    r.lever = "high_cost_1800";
    r.outcome = outcome;
    r.decided_on = "2026-01-15";
    r.effective_from = effective;
    r.recorded_by = "test";
    return r;
}

cases::BusinessCase case_with_id(const std::string &id) {
    cases::BusinessCase c;
    c.id = id;
    return c;
}

} // namespace

TEST(Delivery, RealisedSavingsComeFromTheLedger) {
    const test::TempDir dir;
    const auto cld = dir.write("cld.csv", test::k_cld_header +
                                              // A: £1,000 a week reduced to £800 from 1 September 2025
                                              line("A", "A1", "1000.00", "01/04/2024", "31/08/2025") + line("A", "A2", "800.00", "01/09/2025") +
                                              // B: £500 increased to £600 from 1 December 2025 (counts against the case)
                                              line("B", "B1", "500.00", "01/04/2024", "30/11/2025") + line("B", "B2", "600.00", "01/12/2025") +
                                              // C: left care on 31 January 2026
                                              line("C", "C1", "700.00", "01/04/2024", "31/01/2026") +
                                              // D: reduced from 1 March 2025, back-dated into 2024/25
                                              line("D", "D1", "400.00", "01/04/2024", "28/02/2025") + line("D", "D2", "300.00", "01/03/2025") +
                                              // E: assigned, not yet decided
                                              line("E", "E1", "900.00", "01/04/2024"));
    app::Council council(dir.file("ledger.db"));
    ASSERT_TRUE(council.import_cld(cld).written);
    std::vector<store::Review> assigned;
    for (const auto *p : {"A", "B", "C", "D", "E"}) {
        store::Review r;
        r.person_id = p;
        r.lever = "high_cost_1800";
        r.case_id = "CASE-1";
        r.reviewer = std::string(p) == "E" ? "Jo" : "Sam";
        r.assigned_on = "2025-12-01";
        r.due_on = "2026-01-31";
        assigned.push_back(r);
    }
    EXPECT_EQ(council.add_reviews(assigned), 5);
    EXPECT_EQ(council.add_reviews(assigned), 0); // already assigned: nothing added
    council.record_review(decided("A", "reduced", "2025-09-01", 6'00));
    council.record_review(decided("B", "increased", "2025-12-01"));
    council.record_review(decided("C", "ended", "2026-02-01", 2'50));
    EXPECT_THROW(council.record_review(decided("D", "reduced", "2025-03-01", 0)), Error) << "a review takes some time";
    council.record_review(decided("D", "reduced", "2025-03-01"));
    EXPECT_THROW(council.record_review(decided("A", "made up", "2025-09-01")), Error);
    EXPECT_THROW(council.record_review(decided("Z", "reduced", "2025-09-01")), Error);

    const auto d = council.delivery(WeeksPerYear::fifty_two());
    EXPECT_EQ(d.as_at, Date::ymd(2026, 3, 31));
    ASSERT_EQ(d.realised.size(), 4u);
    // A: £200 a week from 1 September 2025: 212 of 365 days of 2025/26 × 52 weeks; full year £10,400.
    EXPECT_EQ(d.realised[0].gross.weekly, 200'00);
    EXPECT_EQ(d.realised[0].gross.in_year, 6'040'55);
    EXPECT_EQ(d.realised[0].gross.full_year, 10'400'00);
    // B: an increase of £100 a week counts against the case.
    EXPECT_EQ(d.realised[1].gross.weekly, -100'00);
    // C: left care: the whole £700 a week.
    EXPECT_EQ(d.realised[2].gross.before, 700'00);
    EXPECT_EQ(d.realised[2].gross.after, 0);
    // D: back-dated to 1 March 2025: its in-year effect is in 2024/25 (31 of 365 days).
    EXPECT_EQ(d.realised[3].gross.weekly, 100'00);
    EXPECT_EQ(d.realised[3].gross.in_year, 441'64); // £100 × 52 × 31 ÷ 365 = £441.64
    ASSERT_EQ(d.by_case.size(), 1u);
    EXPECT_EQ(d.by_case[0].assigned, 5);
    EXPECT_EQ(d.by_case[0].decided, 4);
    EXPECT_EQ(d.by_case[0].gross.weekly, (200 - 100 + 700 + 100) * 100);
    EXPECT_EQ(d.backlog, 1);
    ASSERT_EQ(d.reviewers.size(), 2u);
    EXPECT_EQ(d.reviewers[1].reviewer, "Sam");
    EXPECT_EQ(d.reviewers[1].completed, 4);
    EXPECT_EQ(d.reviewers[1].mean_days_to_decision, 45); // 1 December to 15 January
    // Saving per review hour, over the reviews with hours: A's £10,400 and C's £36,400 a year in 8.5 hours.
    EXPECT_EQ(d.per_hour.hours, 8'50);
    EXPECT_EQ(d.per_hour.saving_per_hour, 5'505'88);
    EXPECT_EQ(d.reviewers[1].per_hour.saving_per_hour, 5'505'88);
    EXPECT_FALSE(d.reviewers[0].per_hour.saving_per_hour) << "Jo has recorded no hours";
    // By service (as each person's was when reviewed) and by the financial year each change took effect.
    ASSERT_EQ(d.by_service.size(), 1u);
    EXPECT_EQ(d.by_service[0].decided, 4);
    ASSERT_EQ(d.by_year.size(), 3u);
    EXPECT_EQ(d.by_year[0].key, "(no change yet)");
    EXPECT_EQ(d.by_year[1].key, "2024/25");
    EXPECT_EQ(d.by_year[1].gross.in_year, 441'64);
    EXPECT_EQ(d.by_year[2].key, "2025/26");
    EXPECT_EQ(d.by_year[2].decided, 3);
    EXPECT_NE(delivery::format_delivery(d, WeeksPerYear::fifty_two()).find("The team: £5,505.88 net full-year saving per review hour over 8.50 hours"),
              std::string::npos);

    // What the reviews secured, by financial year: each change's in-year effect in its own year and
    // its full-year effect in every later one.
    const auto secured = council.secured({case_with_id("CASE-1"), case_with_id("NO-CASE")});
    ASSERT_EQ(secured.size(), 1u) << "a case with no decided review has no actuals";
    const auto &s = secured.at("CASE-1");
    EXPECT_EQ(s.current, FinancialYear(2025));
    EXPECT_EQ(s.in(FinancialYear(2024)), 441'64);
    EXPECT_EQ(s.in(FinancialYear(2025)), d.realised[0].gross.in_year + d.realised[1].gross.in_year + d.realised[2].gross.in_year + 100'00 * 52);
    EXPECT_EQ(s.in(FinancialYear(2026)), (200 - 100 + 700 + 100) * 100 * 52);

    // The board pack carries the same figures: the case, its forecast outturn, the largest movement first.
    const auto html = report::to_html(app::board_pack(council, WeeksPerYear::fifty_two(), {}));
    for (const auto *expected : {"Savings delivery board pack, 31/03/2026", "CASE-1", "4 of 5 reviews decided", "£700.00", "Backlog: 1",
                                 "Delivery by service", "Progression plans", "0 active", "£5,505.88 net full-year saving per review hour"})
        EXPECT_NE(html.find(expected), std::string::npos) << expected;
    EXPECT_LT(html.find("£700.00"), html.find("£200.00"));
    // As PDF: read back, and its first page rendered.
    const auto pdf = dir.file("board-pack.pdf");
    app::write_document(app::board_pack(council, WeeksPerYear::fifty_two(), {}), pdf);
    const auto text = test::run_command("pdftotext -layout " + pdf + " -");
    for (const auto *expected : {"Savings delivery board pack", "CASE-1", "Backlog: 1"}) EXPECT_NE(text.find(expected), std::string::npos) << expected;
    test::run_command("pdftoppm -r 40 -png -f 1 -l 1 " + pdf + " " + dir.file("page"));
    EXPECT_GT(std::filesystem::file_size(dir.file("page-1.png")), 5'000u);
}

namespace {

// A person whose package is £300 a week until 31 March 2025 and £200 from 1 April 2025, all paid by
// the council; a £100 a week saving decided for CASE-1.
std::vector<delivery::Decision> one_saving(Date effective = Date::ymd(2025, 4, 1)) {
    return {{"A", "lever", "CASE-1", "Sam", Date::ymd(2025, 3, 1), effective, effective, "reduced", std::nullopt, "", std::nullopt, std::nullopt}};
}

WeeklyFunding council_pays(int64_t gross) { return {gross, gross * 10'000, 0}; }

delivery::Delivery run(const std::vector<delivery::Decision> &decisions, const delivery::WeeklyCost &cost,
                       std::vector<std::pair<FinancialYear, int64_t>> targets) {
    return delivery::compute_delivery(decisions, cost, [&](const std::string &) { return targets; }, Date::ymd(2026, 3, 31),
                                      WeeksPerYear::fifty_two());
}

// £300 a week before `from`, £200 from it.
delivery::WeeklyCost reduced_from(Date from) {
    return [from](const std::string &, Date on) { return council_pays(on < from ? int64_t{300'00} : int64_t{200'00}); };
}
const delivery::WeeklyCost k_reduced = reduced_from(Date::ymd(2025, 4, 1));

} // namespace

TEST(Delivery, RagAgainstTheCaseTarget) {
    const auto rag = [&](int64_t target) { return run(one_saving(), k_reduced, {{FinancialYear(2025), target}}).by_case[0].rag; };
    // £100 a week for the whole of 2025/26: £5,200.
    EXPECT_EQ(rag(5'200'00), "green");
    EXPECT_EQ(rag(6'000'00), "amber"); // 86.7%
    EXPECT_EQ(rag(8'000'00), "red");   // 65%
}

TEST(Delivery, EveryYearACaseSpansHasItsTargetWhateverTheLedgersYear) {
    // The ledger is in 2025/26; the case runs 2026/27 to 2028/29 (the demo's cases start a year after
    // their ledger): the full-year effect of the decided change counts in each, as a forecast.
    const auto october = reduced_from(Date::ymd(2025, 10, 1));
    const auto later = run(one_saving(Date::ymd(2025, 10, 1)), october,
                           {{FinancialYear(2026), 5'200'00}, {FinancialYear(2027), 10'400'00}, {FinancialYear(2028), 10'400'00}});
    const auto &g = later.by_case[0];
    ASSERT_EQ(g.years.size(), 3u);
    for (const auto &y : g.years) {
        EXPECT_EQ(y.status, "forecast");
        EXPECT_EQ(y.net, 5'200'00) << y.year.label();
    }
    EXPECT_EQ(g.rag_year, "2026/27") << "a case that starts later is judged on its first year";
    EXPECT_EQ(g.target, 5'200'00);
    EXPECT_EQ(g.rag, "green");
    EXPECT_NE(delivery::format_delivery(later, WeeksPerYear::fifty_two()).find("CASE-1               2027/28  forecast                 £10,400         £5,200"),
              std::string::npos)
        << delivery::format_delivery(later, WeeksPerYear::fifty_two());

    // A case that began the year before the ledger's: that year is an actual, the ledger's the
    // forecast outturn (the change from 1 October 2025: 182 of 365 days × £5,200 = £2,592.88).
    const auto earlier = run(one_saving(Date::ymd(2025, 10, 1)), october, {{FinancialYear(2024), 1'000'00}, {FinancialYear(2025), 2'000'00}});
    const auto &e = earlier.by_case[0];
    ASSERT_EQ(e.years.size(), 2u);
    EXPECT_EQ(e.years[0].status, "actual");
    EXPECT_EQ(e.years[0].net, 0);
    EXPECT_EQ(e.years[1].status, "forecast outturn");
    EXPECT_EQ(e.years[1].net, 2'592'88);
    EXPECT_EQ(e.rag_year, "2025/26");
    EXPECT_EQ(e.rag, "green");
}

TEST(Delivery, NetSavingUsesTheFundingSplitRecordedAtAssignment) {
    // Half paid by the NHS and £20 a week by the person when assigned; the package falls from £300 to
    // £200 a week. Net before: £300 × 50% − £20 = £130; now £200 × 50% − £20 = £80: £50 a week.
    auto decisions = one_saving();
    decisions[0].baseline = WeeklyFunding{300'00, 300'00 * 5'000, 20'00};
    const delivery::WeeklyCost half = [](const std::string &, Date on) {
        const int64_t gross = on < Date::ymd(2025, 4, 1) ? 300'00 : 200'00;
        return WeeklyFunding{gross, gross * 5'000, 20'00};
    };
    const auto d = run(decisions, half, {});
    EXPECT_EQ(d.realised[0].gross.weekly, 100'00);
    EXPECT_EQ(d.realised[0].net.before, 130'00);
    EXPECT_EQ(d.realised[0].net.after, 80'00);
    EXPECT_EQ(d.realised[0].net.weekly, 50'00);
    // Health funding agreed: the gross cost is unchanged, the council's falls by the NHS's new share.
    decisions[0].baseline = council_pays(300'00);
    const delivery::WeeklyCost chc = [](const std::string &, Date) { return WeeklyFunding{300'00, 300'00 * 4'000, 0}; };
    const auto health = run(decisions, chc, {});
    EXPECT_EQ(health.realised[0].gross.weekly, 0);
    EXPECT_EQ(health.realised[0].net.weekly, 180'00); // £300 − 40% of £300
    EXPECT_EQ(health.realised[0].net.full_year, 9'360'00);
}

TEST(Delivery, HealthFundingAndChargingDecisionsRealiseFromTheLedger) {
    const test::TempDir dir;
    const auto cld = dir.write("cld.csv", test::k_cld_header + line("H", "H1", "2000.00", "01/04/2024") + line("K", "K1", "1900.00", "01/04/2024") +
                                              line("L", "L1", "1850.00", "01/04/2024"));
    app::Council council(dir.file("ledger.db"));
    ASSERT_TRUE(council.import_cld(cld).written);
    // `--limit 1` three times: one more each time, the largest saving first, then nobody is left.
    auto first = council.assign_reviews("high_cost_1800", "Sam", std::nullopt, "CASE-9", 1);
    EXPECT_EQ(first.assigned, 1);
    EXPECT_EQ(first.flagged, 3);
    EXPECT_EQ(first.unassigned, 2);
    const auto second = council.assign_reviews("high_cost_1800", "Jo", std::nullopt, "CASE-9", 1);
    EXPECT_EQ(second.assigned, 1);
    EXPECT_EQ(second.already_assigned, 1);
    EXPECT_EQ(app::format_assignment(second, "high_cost_1800", "Jo", "CASE-9"),
              "Assigned 1 review to Jo for high_cost_1800 (case CASE-9): the lever flags 3; 1 had a review for it already (left as they "
              "were); 1 still without one.");
    council.assign_reviews("high_cost_1800", "Jo", std::nullopt, "CASE-9", 5);
    const auto none = council.assign_reviews("high_cost_1800", "Jo", std::nullopt, "CASE-9", 5);
    EXPECT_EQ(none.assigned, 0);
    EXPECT_NE(app::format_assignment(none, "high_cost_1800", "Jo", "").find("Everyone the lever flags has a review."), std::string::npos);
    const auto reviews = council.reviews();
    ASSERT_EQ(reviews.size(), 3u);
    EXPECT_EQ(reviews[0].person_id, "H");
    EXPECT_EQ(reviews[0].reviewer, "Sam");
    ASSERT_TRUE(reviews[0].baseline);
    EXPECT_EQ(reviews[0].baseline->gross, 2'000'00);
    EXPECT_EQ(reviews[0].baseline->net(), 2'000'00);

    // H: 50% continuing healthcare from 1 January 2026; K: a £150 a week contribution from 1 February.
    council.record_review(decided("H", "health_funding_agreed", "2026-01-01"));
    council.record_review(decided("K", "other", "2026-02-01"));
    const auto mapping = dir.write("services.yaml", "source: Test case system\nkind: services\ncolumns:\n  person_id: Client ID\n  line_ref: "
                                                    "Service Ref\n  chc_share: CHC %\n  client_contribution: Client Contribution\n");
    const auto extract = dir.write("services.csv", "Client ID,Service Ref,CHC %,Client Contribution\nH,H1,50,\nK,K1,,150.00\n");
    ASSERT_TRUE(council.import_extract(extract, mapping).written);
    const auto d = council.delivery(WeeksPerYear::fifty_two());
    ASSERT_EQ(d.realised.size(), 2u);
    EXPECT_EQ(d.realised[0].gross.weekly, 0) << "the package is the same";
    EXPECT_EQ(d.realised[0].net.weekly, 1'000'00);
    EXPECT_EQ(d.realised[0].net.in_year, 12'821'92); // £1,000 × 52 × 90 ÷ 365
    EXPECT_EQ(d.realised[1].net.weekly, 150'00);
    EXPECT_EQ(d.realised[1].net.in_year, 1'260'82); // £150 × 52 × 59 ÷ 365
    EXPECT_EQ(d.by_case[0].net.full_year, (1'000'00 + 150'00) * 52);
    EXPECT_EQ(d.by_case[0].gross.full_year, 0);
}

} // namespace ascent
