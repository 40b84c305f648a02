// Demographic projections: the SNPP layout read (persons rows of one area, single ages summed into
// bands, "All ages" and other areas left out), take-up and unit cost carried forward, inflation
// rounded to the penny each year, take-up change, bad files, and the reports of both projections.
#include <gtest/gtest.h>

#include "app/case_reports.hpp"
#include "app/read_table.hpp"
#include "benchmark/demographic.hpp"
#include "benchmark/projection.hpp"
#include "core/error.hpp"
#include "report/document.hpp"
#include "test_support.hpp"

namespace ascent::benchmark {

namespace {

const std::string k_snpp = std::string(ASCENT_FIXTURES) + "/snpp/testborough.csv";

} // namespace

TEST(Demographic, ReadsOneAreaIntoAgeBands) {
    const auto p = read_snpp(k_snpp, "E08000099");
    EXPECT_EQ(p.area_name, "Testborough");
    EXPECT_EQ(p.years, (std::vector<int>{2026, 2027, 2028, 2029, 2030, 2031}));
    EXPECT_EQ(p.by_band[0][0], 47 * 2450);            // ages 18-64
    EXPECT_EQ(p.by_band[1][0], 10 * 1800);            // 65-74
    EXPECT_EQ(p.by_band[3][0], 5 * 700 + 1500);       // 85-89 and "90 and over"
    EXPECT_THROW(read_snpp(k_snpp, "E09999999"), Error);
}

TEST(Demographic, TakeUpAndUnitCostCarriedForward) {
    PopulationProjection p{"X", "Test", "t.csv", {2026, 2027, 2028}, {}};
    p.by_band = {std::vector<int64_t>{100'000, 100'000, 100'000}, {10'000, 11'000, 12'000}, {5'000, 5'000, 5'000}, {2'000, 2'000, 2'000}};
    const std::array<BandBase, 4> base{BandBase{1'000, 500'000'00}, {500, 300'000'00}, {0, 0}, {0, 0}};
    const auto d = project_demography(p, 2026, base, {{"flat", 0, 0}, {"inflation", 30'000, -10'000}}, 2, WeeksPerYear::fifty_two());
    ASSERT_EQ(d.years, (std::vector<int>{2026, 2027, 2028}));
    // 65-74: 500 people, population up 10% then 20% → 550, 600; £600 a week each.
    EXPECT_EQ(d.scenarios[0].clients[1][1], 550 * k_micro);
    EXPECT_EQ(d.scenarios[0].clients[2][1], 600 * k_micro);
    // (1,000 × £500 + 600 × £600) × 52 in 2028.
    EXPECT_EQ(d.scenarios[0].annual_cost[2], (int64_t{1'000} * 500'00 + int64_t{600} * 600'00) * 52);
    // 3% inflation (£500 → £515 → £530.45) and take-up down 1% a year (1,000 → 990 → 980.1).
    EXPECT_EQ(d.scenarios[1].clients[2][0], 980'100'000);
    EXPECT_EQ(d.scenarios[1].annual_cost[1], (int64_t{990} * 515'00 + int64_t{544'50} * 618'00 / 100) * 52);
}

TEST(Demographic, BadFilesSayWhatIsWrong) {
    const test::TempDir dir;
    const auto bands = dir.write("bands.csv", "AREA_CODE,AREA_NAME,SEX,AGE_GROUP,2026\nE1,A,persons,15-19,100\n");
    try {
        read_snpp(bands, "E1");
        FAIL();
    } catch (const Error &e) {
        EXPECT_STREQ(e.what(), (bands + ", row 2: AGE_GROUP '15-19' spans two of the bands 18-64, 65-74, 75-84, 85+").c_str());
    }
    const auto no_years = dir.write("none.csv", "AREA_CODE,AREA_NAME,SEX,AGE_GROUP\nE1,A,persons,70\n");
    EXPECT_THROW(read_snpp(no_years, "E1"), Error);
    const auto p = read_snpp(k_snpp, "E08000099");
    EXPECT_THROW(project_demography(p, 2040, {}, {{"x", 0, 0}}, 3, WeeksPerYear::fifty_two()), Error);
}

} // namespace ascent::benchmark


namespace ascent::benchmark {

TEST(ProjectionReport, TrendAndDemographicReportsCarryTheirFigures) {
    const auto model = read_trend_file(std::string(ASCENT_TESTS) + "/cases/documents/cambs-ar-6-172-trend.yaml");
    const auto trend = report::to_html(app::trend_document(model, project(model)));
    for (const auto *expected : {"2018-19 (p)", "£10,487,547", "DIFFERS", "3,870", "56 of 64 printed figures agree", "<svg"})
        EXPECT_NE(trend.find(expected), std::string::npos) << expected;
    const auto population = read_snpp(k_snpp, "E08000099");
    const std::array<BandBase, 4> base{BandBase{100, 50'000'00}, {50, 30'000'00}, {40, 25'000'00}, {30, 20'000'00}};
    const auto d = project_demography(population, 2026, base, {{"central", 30'000, 0}, {"prevention", 30'000, -10'000}}, 3,
                                      WeeksPerYear::fifty_two());
    const auto html = report::to_html(app::demographic_document(population, d, WeeksPerYear::fifty_two()));
    EXPECT_NE(html.find("Scenario: prevention"), std::string::npos);
    EXPECT_NE(html.find("the fan of scenarios"), std::string::npos);
    const test::TempDir dir;
    app::write_demographic_xlsx(d, dir.file("d.xlsx"));
    const auto rows = testing_support::read_table(dir.file("d.xlsx"), "Projection");
    ASSERT_EQ(rows.size(), 1u + 2u * 4u); // header, two scenarios × four years
    EXPECT_EQ(rows[1][0], "central");
    EXPECT_EQ(rows[1][2], "100");
    EXPECT_EQ(rows[1][7], "0");
}

} // namespace ascent::benchmark
