// Progression plans: read and checked from a file, stored with their steps, steps done and plans
// closed (audited), the cohort view against the ledger, Kent's pathway sizing; and the housing
// options matrix tested for a person.
#include <gtest/gtest.h>

#include <set>

#include "app/council.hpp"
#include "cases/business_case.hpp"
#include "cld_sample.hpp"
#include "core/error.hpp"
#include "test_support.hpp"

namespace ascent {

namespace {

using test::error_of;

constexpr const char *k_plans = R"(plans:
  - person: A
    goal: Travel to college independently
    expected_change: 6 hours of escort a week
    expected_saving: "132.00"
    case: CASE-1
    started: 2025-06-01
    target: 2025-12-31
    steps:
      - {what: Travel training with a worker, due: 2025-07-15, supported_by: Pathways worker}
      - {what: Travel alone with a check-in, due: 2026-05-01, supported_by: Family}
  - person: B
    goal: Move to supported living
    expected_saving: "640.00"
    started: 2025-05-01
    target: 2026-06-30
    steps:
      - {what: Housing options review, due: 2025-06-30}
)";

// A: £500 a week, reduced to £368 from 1 November 2025; B: £1,400 a week throughout.
app::Council &ledger_with_plans(const test::TempDir &dir, std::optional<app::Council> &council) {
    auto line = [](const std::string &person, const std::string &ref, const std::string &weekly, const std::string &start,
                   const std::string &end) {
        auto row = test::cld_row(person, "Service", ref, "Long term support: Residential care", "Long term residential care", weekly, "Weekly", "", end);
        row.replace(row.find("01/04/2024"), 10, start);
        return row;
    };
    const auto cld = dir.write("cld.csv", test::k_cld_header + line("A", "A1", "500.00", "01/04/2024", "31/10/2025") +
                                              line("A", "A2", "368.00", "01/11/2025", "") + line("B", "B1", "1400.00", "01/04/2024", ""));
    council.emplace(dir.file("ledger.db"));
    EXPECT_TRUE(council->import_cld(cld).written);
    for (const auto &p : delivery::read_plans(k_plans, "plans.yaml")) council->add_plan(p);
    return *council;
}

} // namespace

TEST(Progression, PlansAreStoredAndTheLedgerShowsTheirEffect) {
    const test::TempDir dir;
    std::optional<app::Council> holder;
    auto &council = ledger_with_plans(dir, holder);
    council.mark_step(1, 1, Date::ymd(2025, 7, 10), "went well");
    const auto view = council.progression(WeeksPerYear::fifty_two());
    EXPECT_EQ(view.as_at, Date::ymd(2026, 3, 31));
    ASSERT_EQ(view.plans.size(), 2u);
    const auto &a = view.plans[0];
    EXPECT_EQ(a.plan.person_id, "A");
    EXPECT_EQ(a.plan.steps.size(), 2u);
    EXPECT_EQ(a.plan.steps[0].note, "went well");
    EXPECT_EQ(a.done, 1);
    EXPECT_EQ(a.overdue, 0) << "the second step is not due until May";
    EXPECT_EQ(a.next_due, Date::ymd(2026, 5, 1));
    EXPECT_EQ(a.cost_at_start, 500'00);
    EXPECT_EQ(a.actual_change, 132'00) << "the ledger shows the escort hours gone";
    EXPECT_EQ(view.plans[1].overdue, 1);
    EXPECT_EQ(view.plans[1].actual_change, 0);
    EXPECT_EQ(view.expected_weekly, 772'00);
    EXPECT_EQ(view.actual_weekly, 132'00);
    // The pathway: £772 a week across 2 people, £386 each; a year of 52 weeks.
    EXPECT_EQ(view.sizing.people, 2);
    EXPECT_EQ(view.sizing.rate, 386'00);
    EXPECT_EQ(view.sizing.annual, 772'00 * 52);

    council.close_plan(2, "stopped", Date::ymd(2026, 2, 1));
    const auto after = council.progression(WeeksPerYear::fifty_two());
    EXPECT_EQ(after.active, 1);
    EXPECT_EQ(after.stopped, 1);
    EXPECT_EQ(after.plans.back().overdue, 0) << "a closed plan has no overdue steps";
    EXPECT_NE(error_of([&] { council.mark_step(2, 1, Date::ymd(2026, 2, 2), ""); }).find("plan 2 has no step 1 (or the plan is closed)"),
              std::string::npos);
    EXPECT_NE(error_of([&] { council.close_plan(1, "finished", Date::ymd(2026, 2, 2)); }).find("completed or stopped"), std::string::npos);
    EXPECT_NE(error_of([&] { council.mark_step(1, 9, Date::ymd(2026, 2, 2), ""); }).find("no step 9"), std::string::npos);

    std::set<std::string> actions;
    for (const auto &event : council.audit_events()) actions.insert(event.action);
    for (const char *action : {"plan_added", "plan_step_done", "plan_closed"}) EXPECT_TRUE(actions.count(action)) << action;
}

TEST(Progression, BadPlansAreRefusedWithTheLineAndNothingIsStored) {
    const test::TempDir dir;
    std::optional<app::Council> holder;
    auto &council = ledger_with_plans(dir, holder);
    const std::string head = "plans:\n  - person: A\n    goal: g\n    started: 2025-06-01\n";
    EXPECT_NE(error_of([&] { delivery::read_plans(head + "    target: 2025-01-01\n    steps: [{what: s, due: 2025-07-01}]\n", "p.yaml"); })
                  .find("p.yaml, line 2: the plan for A: its target date 01/01/2025 is before it started on 01/06/2025"),
              std::string::npos);
    EXPECT_NE(error_of([&] { delivery::read_plans(head + "    target: 2026-01-01\n    steps: []\n", "p.yaml"); }).find("at least one step"),
              std::string::npos);
    EXPECT_NE(error_of([&] { delivery::read_plans(head + "    target: 2026-01-01\n    steps: [{what: s, due: 2025-05-01}]\n", "p.yaml"); })
                  .find("due on 01/05/2025, before the plan started"),
              std::string::npos);
    EXPECT_NE(error_of([&] { delivery::read_plans(head + "    target: 2026-01-01\n    expected_saving: lots\n    steps: [{what: s, due: 2025-07-01}]\n", "p.yaml"); })
                  .find("expected_saving"),
              std::string::npos);
    auto stranger = delivery::read_plans(k_plans, "plans.yaml").front();
    stranger.person_id = "NOBODY";
    EXPECT_NE(error_of([&] { council.add_plan(stranger); }).find("NOBODY is not in the ledger"), std::string::npos);
    EXPECT_EQ(council.progression(WeeksPerYear::fifty_two()).plans.size(), 2u);
}

TEST(Progression, KentPathwaySizing) {
    // Kent Pathways: £26.08 a person a week for 507 people, which the document calls "around £500,000" a year.
    const auto s = delivery::size_pathway(26'08, 507, WeeksPerYear::fifty_two());
    EXPECT_EQ(s.weekly, 13'222'56);
    EXPECT_EQ(s.annual, 687'573'12);
    const auto line = delivery::pathway_line(s, "Kent Pathways");
    for (const auto *expected : {"kind: weekly", "people: 507", "rate: \"26.08\"", "£687,573.12 a year"})
        EXPECT_NE(line.find(expected), std::string::npos) << expected;
    // The line is a valid case line: pasted under an option's `lines:`, the case reader takes it.
    std::string indented;
    for (std::size_t at = 0; at < line.size();) {
        const auto end = line.find('\n', at);
        indented += "      " + line.substr(at, end - at + 1);
        at = end + 1;
    }
    const auto c = cases::read_case("id: P-1\ntitle: Pathways\nfirst_year: 2026/27\nyears: 1\noptions:\n  - name: Pathways\n    lines:\n" + indented,
                                    "pathway.yaml");
    ASSERT_EQ(c.options.at(0).lines.size(), 1u);
    const auto &read = c.options[0].lines[0];
    EXPECT_EQ(read.name, "Kent Pathways");
    EXPECT_EQ(read.kind, cases::LineKind::weekly);
    EXPECT_EQ(read.people, 507'00);
    EXPECT_EQ(read.amount, 26'08);
}

TEST(Housing, APersonsOptionsAtTheirLevelAgainstTheirCostNow) {
    const test::TempDir dir;
    std::optional<app::Council> holder;
    auto &council = ledger_with_plans(dir, holder);
    const auto &matrix = delivery::default_housing_matrix();
    ASSERT_EQ(matrix.levels.size(), 5u);
    const auto t = council.housing_test(matrix, "B", 3);
    EXPECT_EQ(t.current, 1400'00);
    ASSERT_EQ(t.fits.size(), 5u) << "own tenancy is not suitable at level 3";
    EXPECT_EQ(t.fits.front().option, "Family home with day opportunities");
    EXPECT_EQ(t.fits.front().difference, 1400'00 - 480'00);
    EXPECT_EQ(t.fits.back().option, "Residential care");
    EXPECT_NE(delivery::format_housing_test(matrix, t).find("£920.00 a week less"), std::string::npos);
    EXPECT_NE(error_of([&] { council.housing_test(matrix, "B", 9); }).find("level 9 is not in the matrix"), std::string::npos);
    EXPECT_NE(error_of([&] { council.housing_test(matrix, "NOBODY", 3); }).find("not in the ledger"), std::string::npos);
    EXPECT_NE(error_of([] { delivery::read_housing_matrix("name: m\nlevels: [{id: 1, name: a}]\noptions: [{id: x, name: X, weekly: {2: \"1.00\"}}]\n", "m.yaml"); })
                  .find("level 2 is not one of the matrix's levels"),
              std::string::npos);
}

} // namespace ascent
