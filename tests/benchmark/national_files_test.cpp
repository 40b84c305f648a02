// The published population and finance files in ../shared/data, checked against the figures the
// data README gives and the published England total (skipped where the folder is absent).
#include <gtest/gtest.h>

#include <filesystem>

#include "benchmark/ascfr.hpp"
#include "benchmark/compare.hpp"
#include "io/table_reader.hpp"

namespace ascent::benchmark {

namespace {

const std::string k_shared = std::string(ASCENT_TESTS) + "/../../shared/data";

} // namespace

TEST(NationalFiles, MidYearPopulationFromXlsAndXlsxWorkbooks) {
    if (!std::filesystem::exists(k_shared)) GTEST_SKIP() << "no ../shared/data";
    const auto years = load_mid_year_folder(k_shared + "/ons_mye");
    ASSERT_EQ(years.size(), 7u);
    const auto bury = [&](std::size_t i) { return years[i].by_code.at("E08000002"); };
    EXPECT_EQ(years[0].mid_year, 2016);
    EXPECT_EQ(years[0].sheet, "MYE2 - All");
    EXPECT_EQ(bury(0).aged_18_64, 112'078);
    EXPECT_EQ(bury(0).aged_65_plus, 33'712);
    EXPECT_EQ(years[4].mid_year, 2020);
    EXPECT_EQ(bury(4).aged_18_64, 112'474);
    EXPECT_EQ(bury(4).aged_65_plus, 35'054);
    EXPECT_EQ(years[6].mid_year, 2022); // the .xlsx one
    EXPECT_EQ(bury(6).aged_18_64, 114'942);
    EXPECT_EQ(bury(6).aged_65_plus, 35'758);
    EXPECT_EQ(years[0].england.aged_18_64, 33'599'949);
    EXPECT_EQ(years[6].england.aged_65_plus, 10'629'867);
    EXPECT_TRUE(years[6].by_code.contains("E06000063")); // Cumberland, new in the April 2023 geography
    // Earlier years rebuild it from Allerdale, Carlisle and Copeland; Somerset from its county.
    EXPECT_EQ(years[0].by_code.at("E06000063").aged_18_64, 161'490);
    EXPECT_EQ(years[0].by_code.at("E06000063").aged_65_plus, 60'736);
    EXPECT_EQ(years[0].by_code.at("E06000066").aged_18_64, years[0].by_code.at("E10000027").aged_18_64);
    EXPECT_TRUE(years[6].rebuilt.empty());
    EXPECT_EQ(years[5].rebuilt, (std::vector<std::string>{"E06000063", "E06000064", "E06000065", "E06000066"}));
    EXPECT_FALSE(years[0].by_code.contains("E07000117")); // districts are not councils with social services
}

TEST(NationalFiles, AscfrCouncilRowsAddUpToTheEnglandTotal) {
    if (!std::filesystem::exists(k_shared)) GTEST_SKIP() << "no ../shared/data";
    const auto spend = load_ascfr_totals(k_shared + "/ascfr/CSV ASCFR Totals.csv");
    EXPECT_EQ(spend.year, 2016);
    EXPECT_EQ(spend.by_code.size(), 151u);
    // £17.53bn, the published 2016-17 gross current expenditure; the England rows agree to the pound.
    EXPECT_EQ(spend.council_total / 1'000'000'00, 17'526);
    EXPECT_LT(std::abs(spend.council_total - spend.england_total), 100);
    // Bury: learning disability, 18-64, £20,501K; per resident aged 18-64 (112,078) £182.92.
    EXPECT_EQ(spend.by_code.at("E08000002").ld_18_64, 20'501'000'00);
    auto data = NationalData::load_ascof(k_shared + "/ascof");
    add_spend_per_head(data, spend, load_mid_year_estimates(k_shared + "/ons_mye/ukmidyearestimates2016.xls"));
    const auto bury = *data.find_council("Bury");
    EXPECT_EQ(data.value(bury, *data.find_measure("spend_ld_per_head_18_64"), 2016), 182'9173);
    // Bury's learning disability long-term spend in residential and nursing care: 23.2%, by the file's settings 6 and 7.
    const auto &b = spend.by_code.at("E08000002");
    EXPECT_GT(b.ld_18_64_long_term, b.ld_18_64_in_care_homes);
    add_care_home_shares(data, spend);
    EXPECT_EQ(*data.value(bury, *data.find_measure("ld_spend_in_care_homes"), 2016) / 10'000, 23); // 23.2%
    // 2014-15, from the file with descriptions: Bury (305) learning disability 18-64 long-term £18,258K, of which
    // residential £3,409K and nursing £0 (read by hand from the file): 18.67%.
    const auto earlier = load_ascfr_described_2014(k_shared + "/ascfr/pss-exp-eng-14-15-fin-coun-lev-exp-data.csv", spend.ons_of_cassr);
    EXPECT_EQ(earlier.by_code.at("E08000002").ld_18_64_long_term, 18'258'000'00);
    EXPECT_EQ(earlier.by_code.at("E08000002").ld_18_64_in_care_homes, 3'409'000'00);
    add_care_home_shares(data, earlier);
    EXPECT_EQ(data.value(bury, *data.find_measure("ld_spend_in_care_homes"), 2014), 18'6713);
}

} // namespace ascent::benchmark
