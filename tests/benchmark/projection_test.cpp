// Trend projections: Cambridgeshire A/R.6.172's client and unit-cost tables reproduced, its
// "Total Clients" row found not to add up, the printed (rounded) actuals' differences shown, the
// least-squares line over more years, compound growth, and bad models.
#include <gtest/gtest.h>

#include "benchmark/projection.hpp"
#include "core/error.hpp"

namespace ascent::benchmark {

namespace {

const std::string k_model = std::string(ASCENT_TESTS) + "/cases/documents/cambs-ar-6-172-trend.yaml";

std::vector<std::string> differing(const Projection &p) {
    std::vector<std::string> out;
    for (const auto &c : p.checks)
        if (!c.agrees) out.push_back(c.what + ": " + c.stated + " vs " + c.computed);
    return out;
}

} // namespace

TEST(TrendProjection, ReproducesCambridgeshire6172AndFindsTheTotalRowWrong) {
    const auto p = project(read_trend_file(k_model));
    ASSERT_EQ(p.years, (std::vector<int>{2015, 2016, 2017, 2018}));
    EXPECT_EQ(p.checks.size(), 7u * 8u + 8u);
    // Every printed client number and unit cost agrees; only the printed totals do not.
    EXPECT_EQ(differing(p), (std::vector<std::string>{
                                "Total clients 2015-16 against the rows printed above it: 3,870 vs 3,844",
                                "Total clients 2015-16 against the projection: 3,870 vs 3,843",
                                "Total clients 2016-17 against the rows printed above it: 3,548 vs 3,472",
                                "Total clients 2016-17 against the projection: 3,548 vs 3,473",
                                "Total clients 2017-18 against the rows printed above it: 3,227 vs 3,105",
                                "Total clients 2017-18 against the projection: 3,227 vs 3,103",
                                "Total clients 2018-19 against the rows printed above it: 2,905 vs 2,735",
                                "Total clients 2018-19 against the projection: 2,905 vs 2,733"}));
    // Nursing: 320.9, 302.2 → 283.5, 264.8 (printed 284, 265); £587.477 → … £761.645 a week.
    EXPECT_EQ(p.series[0].clients[2], 283'500'000);
    EXPECT_EQ(p.series[0].unit_cost[3], 761'645'000);
    // A year's cost: 264.8 × £761.645 × 52 = £10,487,546.99 → £10,487,547 shown.
    EXPECT_EQ(p.series[0].annual_cost[3], 10'487'546'99);
}

TEST(TrendProjection, ThePrintedActualsAloneCannotRebuildThePrintedProjections) {
    auto model = read_trend_file(k_model);
    model.series[0].clients = {321'000'000, 302'000'000};
    const auto p = project(model);
    EXPECT_EQ(p.series[0].clients[2], 283'000'000);
    const auto d = differing(p);
    EXPECT_NE(std::find(d.begin(), d.end(), "Nursing clients 2017-18: 284 vs 283"), d.end());
    EXPECT_NE(std::find(d.begin(), d.end(), "Nursing clients 2018-19: 265 vs 264"), d.end());
}

TEST(TrendProjection, LeastSquaresOverThreeYearsAndCompoundGrowth) {
    const auto model = read_trend(R"(
observed: [2020-21, 2021-22, 2022-23]
project_to: 2024-25
series:
  - {name: Home care, clients: ["100", "110", "130"], unit_cost: ["200", "220", "242"]}
)", "t.yaml");
    const auto line = project(model);
    // Least squares through (0,100), (1,110), (2,130): slope 15 through the mean (1, 113.333…): t=3 → 143.333333, t=4 → 158.333333.
    EXPECT_EQ(line.series[0].clients[3], 143'333'333);
    EXPECT_EQ(line.series[0].clients[4], 158'333'333);
    auto compound = model;
    compound.method = TrendMethod::compound;
    const auto growth = project(compound);
    // Mean of the ratios 1.1 and 1.1 for unit cost: 242 → 266.2 → 292.82.
    EXPECT_EQ(growth.series[0].unit_cost[3], 266'200'000);
    EXPECT_EQ(growth.series[0].unit_cost[4], 292'820'000);
}

TEST(TrendProjection, BadModelsSayWhatIsWrong) {
    const auto error = [](const std::string &text) {
        try {
            read_trend(text, "t.yaml");
        } catch (const Error &e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(error("observed: [2020-21]\nproject_to: 2022-23\nseries: []\n"), "t.yaml, line 1: 'observed' needs at least two years");
    EXPECT_EQ(error("observed: [2020-21, 2021-22]\nproject_to: 2021-22\nseries: []\n"),
              "t.yaml, line 2: 'project_to' must be after the last observed year");
    EXPECT_EQ(error("observed: [2020-21, 2021-22]\nproject_to: 2022-23\nseries:\n  - {name: A, clients: [\"1\"], unit_cost: [\"1\", \"2\"]}\n"),
              "t.yaml, line 4: 'clients' needs one value for each of the 2 observed years");
}

} // namespace ascent::benchmark
