// Charging on the ledger: the demo council's finances extract, assessing a ledger person, the
// council's parameter files kept in the ledger, and an applied uprating with its audit record.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "app/council.hpp"
#include "charging/backlog.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "app/read_table.hpp"

namespace ascent {

namespace {

struct DemoLedger : ::testing::Test {
    static void SetUpTestSuite() {
        // One ledger per test process: ctest runs the tests in parallel.
        dir = (std::filesystem::temp_directory_path() / ("ascent-charging-ledger-" + std::to_string(::getpid()))).string();
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        council = std::make_unique<app::Council>(dir + "/ledger.db");
        demo::DemoOptions options;
        options.profile = "bury";
        options.people = 600;
        app::build_demo(*council, dir + "/files", options);
    }
    static void TearDownTestSuite() {
        council.reset();
        std::filesystem::remove_all(dir);
    }
    static inline std::string dir;
    static inline std::unique_ptr<app::Council> council;
};

using testing_support::read_table;

} // namespace

TEST_F(DemoLedger, CaseloadFromTheFinancesExtract) {
    const auto caseload = council->charging_caseload(Date::ymd(2026, 9, 30));
    const auto finances = council->load_ledger().finances.size();
    EXPECT_GT(finances, 450u); // about 88% of 600 people have financial circumstances
    EXPECT_EQ(caseload.cases.size() + static_cast<std::size_t>(caseload.without_services + caseload.without_age), finances);
    EXPECT_EQ(static_cast<std::size_t>(caseload.without_finances), 600u - finances);
    bool residential = false, pension_age = false;
    for (const auto &c : caseload.cases) {
        residential = residential || c.c.care == charging::CareType::residential;
        pension_age = pension_age || c.c.pension_age;
        EXPECT_FALSE(c.c.group.empty());
        EXPECT_GT(c.c.weekly_cost, 0);
    }
    EXPECT_TRUE(residential);
    EXPECT_TRUE(pension_age);
}

TEST_F(DemoLedger, AssessALedgerPersonExplained) {
    const auto caseload = council->charging_caseload(Date::ymd(2026, 9, 30));
    const auto &first = caseload.cases.front().c;
    const auto text = council->assess_person(first.id, std::nullopt);
    EXPECT_NE(text.find("Financial assessment: " + first.id), std::string::npos) << text;
    EXPECT_NE(text.find("Demo council charging parameters 2026.2 (ledger file charging-parameters.yaml"), std::string::npos) << text;
    EXPECT_THROW(council->assess_person("NOBODY", std::nullopt), Error);
}

TEST_F(DemoLedger, ABadParameterFileIsRefusedAndNothingStored) {
    const auto before = council->parameter_files().size();
    const std::string bad = dir + "/bad-parameters.yaml";
    std::ofstream(bad) << "name: bad\nversion: \"1\"\nparameters:\n  pea:\n    values:\n      - {from: 2026-04-01, value: \"lots\", source: x}\n";
    try {
        council->load_parameter_file(bad);
        FAIL();
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("bad-parameters.yaml, line 6"), std::string::npos) << e.what();
    }
    EXPECT_EQ(council->parameter_files().size(), before);
    // A file with the old single night-time switch is refused, naming the three that replace it.
    const std::string old = dir + "/old-night.yaml";
    std::ofstream(old) << "name: old\nversion: \"1\"\nparameters:\n  policy.count_night_element:\n    unit: flag\n"
                          "    values:\n      - {from: 2015-04-01, value: \"yes\", source: council}\n";
    try {
        council->load_parameter_file(old);
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(std::string(e.what()), old + ": parameter 'policy.count_night_element' is replaced by one per benefit: set "
                                               "policy.count_night_element.pip, .aa and .dla instead");
    }
    EXPECT_EQ(council->parameter_files().size(), before);
}

TEST_F(DemoLedger, UpratingPreviewStoresNothingAndApplyIsAudited) {
    const auto preview = council->uprate(FinancialYear(2026), std::nullopt, false, "tester");
    EXPECT_EQ(preview.run_id, 0);
    EXPECT_TRUE(council->charging_runs().empty());
    EXPECT_TRUE(preview.uprating.carried_forward.empty()) << preview.uprating.carried_forward.front();
    EXPECT_EQ(preview.uprating.effective, Date::ymd(2026, 4, 6));
    EXPECT_GT(preview.uprating.total.up, preview.uprating.total.down); // incomes and benefits rise faster than the MIG

    // 2027/28 has no figures: applying is refused and nothing is written.
    EXPECT_THROW(council->uprate(FinancialYear(2027), std::nullopt, true, "tester"), Error);
    EXPECT_TRUE(council->charging_runs().empty());

    const auto applied = council->uprate(FinancialYear(2026), std::nullopt, true, "tester");
    ASSERT_GT(applied.run_id, 0);
    const auto runs = council->charging_runs();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].run_by, "tester");
    EXPECT_EQ(runs[0].description, "uprate to 2026/27");
    EXPECT_EQ(runs[0].weekly_after, applied.uprating.total.weekly_after);
    EXPECT_NE(runs[0].parameters.find("Demo council charging parameters"), std::string::npos);
    // Each person's new charge is now the charge being collected, from the effective date.
    const auto ledger = council->load_ledger();
    const auto &largest = applied.uprating.people.front();
    const auto person = ledger.find_person(applied.caseload[largest.index].id);
    ASSERT_TRUE(person);
    for (const auto &f : ledger.finances)
        if (f.person == *person) {
            EXPECT_EQ(f.current_charge, largest.after);
            EXPECT_EQ(f.charge_from, Date::ymd(2026, 4, 6).serial());
        }
}

TEST_F(DemoLedger, ResultsExportIncomeLinesForBusinessCases) {
    const std::string options = dir + "/options.yaml";
    std::ofstream(options) << "name: night-time rate\ndate: 2026-09-30\neffective: 2026-11-02\nyears: 2\n"
                              "options:\n  - {name: count it, set: {policy.count_night_element: \"yes\"}}\n";
    const auto s = council->simulate_charging(options);
    const std::string xlsx = dir + "/simulation.xlsx";
    app::write_simulation_xlsx(s, xlsx);
    const auto lines = read_table(xlsx, "Income lines");
    ASSERT_EQ(lines.size(), 3u); // header, 2026/27 (part year), 2027/28
    EXPECT_EQ(lines[0][3], "Income £");
    EXPECT_EQ(lines[1][2], "2026/27");
    const auto years = charging::income_by_year(s.options, s.results[0].weekly_income - s.baseline.weekly_income);
    const auto cell = parse_money(lines[2][3]); // exact: a double of the pounds times 100 need not be
    ASSERT_TRUE(cell) << lines[2][3];
    EXPECT_EQ(cell->pence(), years[1].second.pence());

    const auto model = charging::read_backlog_file(std::string(ASCENT_TESTS) + "/charging/backlog_cambs.yaml");
    const std::string backlog = dir + "/backlog.xlsx";
    app::write_backlog_xlsx(model, charging::project(model), backlog);
    const auto income = read_table(backlog, "Income lines");
    ASSERT_EQ(income.size(), 1u + 5 + 3);
    EXPECT_EQ(income[2][2], "2018/19");
    EXPECT_NEAR(std::stod(income[2][3]), 267'579, 0.5);
}

} // namespace ascent
