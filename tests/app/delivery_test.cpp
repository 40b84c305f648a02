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
    EXPECT_EQ(d.realised[0].weekly, 200'00);
    EXPECT_EQ(d.realised[0].in_year, 6'040'55);
    EXPECT_EQ(d.realised[0].full_year, 10'400'00);
    // B: an increase of £100 a week counts against the case.
    EXPECT_EQ(d.realised[1].weekly, -100'00);
    // C: left care: the whole £700 a week.
    EXPECT_EQ(d.realised[2].before, 700'00);
    EXPECT_EQ(d.realised[2].after, 0);
    // D: back-dated to 1 March 2025: its in-year effect is in 2024/25 (31 of 365 days).
    EXPECT_EQ(d.realised[3].weekly, 100'00);
    EXPECT_EQ(d.realised[3].in_year, 441'64); // £100 × 52 × 31 ÷ 365 = £441.64
    ASSERT_EQ(d.by_case.size(), 1u);
    EXPECT_EQ(d.by_case[0].assigned, 5);
    EXPECT_EQ(d.by_case[0].decided, 4);
    EXPECT_EQ(d.by_case[0].weekly, (200 - 100 + 700 + 100) * 100);
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
    EXPECT_EQ(d.by_year[1].in_year, 441'64);
    EXPECT_EQ(d.by_year[2].key, "2025/26");
    EXPECT_EQ(d.by_year[2].decided, 3);
    EXPECT_NE(delivery::format_delivery(d, WeeksPerYear::fifty_two()).find("The team: £5,505.88 full-year saving per review hour over 8.50 hours"),
              std::string::npos);

    // What the reviews secured, by financial year: each change's in-year effect in its own year and
    // its full-year effect in every later one.
    const auto secured = council.secured({case_with_id("CASE-1"), case_with_id("NO-CASE")});
    ASSERT_EQ(secured.size(), 1u) << "a case with no decided review has no actuals";
    const auto &s = secured.at("CASE-1");
    EXPECT_EQ(s.current, FinancialYear(2025));
    EXPECT_EQ(s.in(FinancialYear(2024)), 441'64);
    EXPECT_EQ(s.in(FinancialYear(2025)), d.realised[0].in_year + d.realised[1].in_year + d.realised[2].in_year + 100'00 * 52);
    EXPECT_EQ(s.in(FinancialYear(2026)), (200 - 100 + 700 + 100) * 100 * 52);

    // The board pack carries the same figures: the case, its forecast outturn, the largest movement first.
    const auto html = report::to_html(app::board_pack(council, WeeksPerYear::fifty_two(), {}));
    for (const auto *expected : {"Savings delivery board pack, 31/03/2026", "CASE-1", "4 of 5 reviews decided", "£700.00", "Backlog: 1",
                                 "Delivery by service", "Progression plans", "0 active", "£5,505.88 full-year saving per review hour"})
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

TEST(Delivery, RagAgainstTheCaseTarget) {
    std::vector<delivery::Decision> decisions = {{"A", "lever", "CASE-1", "Sam", Date::ymd(2025, 4, 1), Date::ymd(2025, 4, 1),
                                                  Date::ymd(2025, 4, 1), "reduced", std::nullopt, ""}};
    const auto cost = [](const std::string &, Date on) { return on < Date::ymd(2025, 4, 1) ? int64_t{300'00} : int64_t{200'00}; };
    const auto run = [&](int64_t target) {
        return delivery::compute_delivery(decisions, cost, [&](const std::string &, FinancialYear) { return std::optional(target); },
                                          Date::ymd(2026, 3, 31), WeeksPerYear::fifty_two())
            .by_case[0]
            .rag;
    };
    // £100 a week for the whole of 2025/26: £5,200.
    EXPECT_EQ(run(5'200'00), "green");
    EXPECT_EQ(run(6'000'00), "amber"); // 86.7%
    EXPECT_EQ(run(8'000'00), "red");   // 65%
}

} // namespace ascent
