// National benchmark data: the loading rules on a small extract (totals set aside, non-numbers
// missing, codes mapped across the 2023-24 renumbering, unmapped codes reported), the comparison
// arithmetic, reports, long-format files added through a mapping, and the real published files in
// ../shared/data checked by hand.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "app/case_reports.hpp"
#include "app/read_table.hpp"
#include "benchmark/compare.hpp"
#include "benchmark/long_format.hpp"
#include "core/error.hpp"
#include "report/document.hpp"
#include "test_support.hpp"

namespace ascent::benchmark {

namespace {

const std::string k_fixture = std::string(ASCENT_FIXTURES) + "/ascof";
const std::string k_real = std::string(ASCENT_TESTS) + "/../../shared/data/ascof";

std::size_t measure(const NationalData &d, const char *id) { return *d.find_measure(id); }

} // namespace

TEST(Ascof, LoadsCouncilRowsAndSetsTotalsAside) {
    const auto d = NationalData::load_ascof(k_fixture);
    const auto &r = d.load_report();
    EXPECT_EQ(r.rows, 13);
    EXPECT_EQ(r.other_rows, 2);         // the region and England rows are totals
    EXPECT_EQ(r.missing_values, 1);     // "x" is missing, not zero
    EXPECT_EQ(r.unmapped_rows, 1);      // 2C3 has no canonical measure
    EXPECT_EQ(r.unmapped, (std::vector<std::string>{"2019-20 2C3 (1 rows)"}));
    EXPECT_EQ(r.unknown_councils, 1);   // Cumberland: not in the lookup, kept under its own name
    const auto bury = *d.find_council("bury"), bolton = *d.find_council("E08000001");
    const auto dp = measure(d, "direct_payments_users");
    EXPECT_EQ(d.value(bury, dp, 2022), 28'5000);
    EXPECT_EQ(d.value(bury, dp, 2023), 27'6000); // 1C2A became 3D2A in 2023-24
    EXPECT_EQ(d.value(bolton, dp, 2023), std::nullopt);
    EXPECT_TRUE(d.find_council("Bournemouth, Christchurch and Poole"));
    EXPECT_TRUE(d.find_council("Cumberland"));
    EXPECT_EQ(d.measures()[measure(d, "admissions_18_64")].decimals, 2);
}

TEST(Ascof, ComparesWithTheDirectionOfEachMeasure) {
    const auto d = NationalData::load_ascof(k_fixture);
    const auto bury = *d.find_council("Bury");
    const auto group = peers_of(d, bury, PeerKind::region, 2023);
    ASSERT_EQ(group.peers.size(), 2u); // Bolton and Wigan
    const auto cmp = compare(d, bury, group, 2023);
    const auto find = [&](const char *id) {
        for (const auto &m : cmp.measures)
            if (d.measures()[m.measure].id == id) return m;
        return MeasureComparison{};
    };
    const auto admissions = find("admissions_18_64"); // lower is better: 15.6 against 20.25 and 10.0
    EXPECT_EQ(admissions.peer_mean, 15'1250);
    EXPECT_EQ(admissions.peer_median, 15'1250);
    EXPECT_EQ(admissions.rank, 2u);
    EXPECT_EQ(admissions.ranked, 3u);
    EXPECT_EQ(admissions.verdict, "worse");
    const auto dp = find("direct_payments_users"); // Bolton's is missing: one peer with a value
    EXPECT_EQ(dp.peers_with_value, 0u);
    EXPECT_EQ(dp.verdict, "no data");
    EXPECT_EQ(format_value(15'1250, 2), "15.13");
    EXPECT_EQ(format_value(1234'5000, 1), "1,234.5");
}

TEST(AscofRealData, BuryAgainstTheNorthWestCheckedByHand) {
    if (!std::filesystem::exists(k_real)) GTEST_SKIP() << "no ../shared/data";
    const auto start = std::chrono::steady_clock::now();
    const auto d = NationalData::load_ascof(k_real);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    RecordProperty("load_seconds", std::to_string(seconds));
    EXPECT_EQ(d.load_report().rows, 26'498);
    EXPECT_EQ(d.years(), (std::vector<int>{2017, 2018, 2019, 2020, 2021, 2022, 2023}));
    const auto bury = *d.find_council("Bury");
    const auto dp = measure(d, "direct_payments_users");
    // trend_data.csv: Bury 1C2A 31.1 (2017-18) … 28.5 (2022-23); 3D2A 27.6 (2023-24).
    EXPECT_EQ(d.value(bury, dp, 2017), 31'1000);
    EXPECT_EQ(d.value(bury, dp, 2022), 28'5000);
    EXPECT_EQ(d.value(bury, dp, 2023), 27'6000);
    // 2023-24's 1E is carers' satisfaction, not learning disability employment.
    EXPECT_EQ(d.value(bury, measure(d, "ld_paid_employment"), 2023), std::nullopt);
    const auto cmp = compare(d, bury, peers_of(d, bury, PeerKind::region, 2023), 2023);
    ASSERT_EQ(cmp.group.peers.size(), 23u);
    for (const auto &m : cmp.measures)
        if (m.measure == dp) {
            EXPECT_EQ(m.peer_mean, 24'5696);   // 565.1 / 23, by hand from the file
            EXPECT_EQ(m.peer_median, 23'3000);
            EXPECT_EQ(m.verdict, "better");
        }
}

TEST(AscofRealData, NearestNeighboursAreStable) {
    if (!std::filesystem::exists(k_real)) GTEST_SKIP() << "no ../shared/data";
    const auto d = NationalData::load_ascof(k_real);
    const auto bury = *d.find_council("Bury");
    const auto first = peers_of(d, bury, PeerKind::nearest, 2022);
    const auto again = peers_of(d, bury, PeerKind::nearest, 2022);
    ASSERT_EQ(first.peers.size(), 15u);
    for (std::size_t i = 0; i < first.peers.size(); ++i) EXPECT_EQ(first.peers[i].council, again.peers[i].council);
    EXPECT_EQ(d.councils()[first.peers[0].council].name, "Stockport");
    for (const auto &p : first.peers) EXPECT_NE(p.council, bury);
}

} // namespace ascent::benchmark

namespace ascent::benchmark {

TEST(BenchmarkReport, HighlightsTheCouncilAndWritesEveryValue) {
    const auto d = NationalData::load_ascof(k_fixture);
    const auto bury = *d.find_council("Bury");
    const auto cmp = compare(d, bury, peers_of(d, bury, PeerKind::region, 2023), 2023);
    const auto html = report::to_html(app::benchmark_document(d, cmp));
    // Admissions: 2nd of 3, not the bottom quartile; direct payments: no comparator has a value, so no rank.
    EXPECT_EQ(html.find("#c55a11"), std::string::npos) << "no measure is charted: none is in the bottom quartile";
    EXPECT_NE(html.find("Long-term needs of adults aged 18-64"), std::string::npos);
    const test::TempDir dir;
    app::write_benchmark_xlsx(d, cmp, dir.file("b.xlsx"));
    const auto rows = testing_support::read_table(dir.file("b.xlsx"), "Values");
    ASSERT_EQ(rows.size(), 5u); // header; Bury's direct payments (Bolton's is missing); admissions for all three
    EXPECT_EQ(rows[1][1], "Bury");
    EXPECT_EQ(rows[1][4], "27.6");
    EXPECT_EQ(rows[2][1], "Bury");
    EXPECT_EQ(rows[2][4], "15.6");
    EXPECT_EQ(rows[3][4], "20.25");
}

TEST(BenchmarkReport, ChartsAMeasureInTheBottomQuartileWithTheCouncilHighlighted) {
    auto d = NationalData::load_ascof(k_fixture);
    d.add_measure({"test_worst", "A measure Bury is last on", "percent", true, 1, {}}, 2023,
                  {{"E08000002", 100000}, {"E08000001", 200000}, {"E08000010", 300000}}, {});
    const auto bury = *d.find_council("Bury");
    const auto cmp = compare(d, bury, peers_of(d, bury, PeerKind::region, 2023), 2023);
    const auto &worst = cmp.measures.back();
    EXPECT_EQ(worst.rank, 3u);
    EXPECT_EQ(worst.quartile, 4);
    const auto html = report::to_html(app::benchmark_document(d, cmp));
    EXPECT_NE(html.find("#c55a11"), std::string::npos); // Bury's bar in the accent colour
}

} // namespace ascent::benchmark

namespace ascent::benchmark {

TEST(LongFormat, AMappedExportAddsMeasuresWithoutCode) {
    auto d = NationalData::load_ascof(k_fixture);
    const auto load = add_long_format(d, std::string(ASCENT_FIXTURES) + "/benchmark/lg-inform.mapping.yaml");
    EXPECT_EQ(load.rows, 7);
    EXPECT_EQ(load.loaded, 5);
    EXPECT_EQ(load.missing, 1);   // Wigan's "c": suppressed, not zero
    EXPECT_EQ(load.unmatched, 1);
    const auto bury = *d.find_council("Bury");
    const auto delayed = *d.find_measure("delayed_discharges");
    EXPECT_EQ(d.value(bury, delayed, 2022), 12'5000);
    EXPECT_FALSE(d.measures()[delayed].higher_is_better);
    const auto cmp = compare(d, bury, peers_of(d, bury, PeerKind::region, 2022), 2022);
    for (const auto &m : cmp.measures)
        if (m.measure == delayed) {
            EXPECT_EQ(m.peer_mean, 9'0000);
            EXPECT_EQ(m.verdict, "worse");
        }
}

TEST(LongFormat, BadMappingsAndFilesNameWhatIsWrong) {
    const test::TempDir dir;
    dir.write("data.csv", "code,year,value\nE08000002,2022/23,abc\n");
    const auto mapping = dir.write("m.yaml", "file: data.csv\ncolumns: {area_code: code, period: year, value: value}\n"
                                             "measures: [{id: x, name: X}]\n");
    auto d = NationalData::load_ascof(k_fixture);
    try {
        add_long_format(d, mapping);
        FAIL();
    } catch (const Error &e) {
        EXPECT_STREQ(e.what(), (dir.file("data.csv") + ", row 2, column 'value': 'abc' is not a number (list markers of missing values under 'missing')").c_str());
    }
    const auto no_column = dir.write("n.yaml", "file: data.csv\ncolumns: {area_code: area, period: year, value: value}\nmeasures: [{id: x, name: X}]\n");
    EXPECT_THROW(add_long_format(d, no_column), Error);
}

} // namespace ascent::benchmark
