#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/extract_import.hpp"
#include "test_support.hpp"

namespace ascent::io {

TEST(Extract, MappingFileErrorsNameTheProblem) {
    test::TempDir dir;
    auto expect_error = [&](const std::string &yaml, const std::string &fragment) {
        const auto path = dir.write("m.yaml", yaml);
        try {
            load_mapping(path);
            FAIL() << yaml;
        } catch (const Error &e) {
            EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
        }
    };
    expect_error("kind: services\ncolumns:\n  line_ref: Ref\n", "the key field 'person_id' has no column");
    expect_error("kind: packages\ncolumns:\n  person_id: ID\n", "kind 'packages' is not one of");
    expect_error("kind: people\ncolumns:\n  person_id: ID\n  shoe_size: Shoes\n", "'shoe_size' is not a field");
    expect_error("kind: people\ncolumns: [\n", "not valid YAML");
    expect_error("columns:\n  person_id: ID\n", "'kind' is missing");
}

TEST(Extract, StatedTotalsAreCheckedNotFixed) {
    test::TempDir dir;
    const auto mapping = dir.write("dp.yaml", "kind: direct_payments\ncolumns:\n  person_id: ID\n  audit_date: Date\n"
                                              "  paid: Paid\n  spent: Spent\n  balance: Balance\n");
    const auto file = dir.write("dp.csv", "ID,Date,Paid,Spent,Balance\nP1,01/03/2026,1000.00,600.00,400.00\n"
                                          "P2,01/03/2026,1000.00,600.00,450.00\n");
    ImportReport report(file);
    const auto batch = read_extract(file, load_mapping(mapping), report);
    ASSERT_EQ(batch.records.size(), 2u);
    ASSERT_EQ(report.warnings(), 1u);
    EXPECT_EQ(report.issues()[0].row, 3u);
    EXPECT_EQ(report.issues()[0].message,
              "the balance is not paid − spent (£400.00); difference £50.00; the stated balance is kept");
    // The stated balance is stored as given.
    EXPECT_EQ(std::get<int64_t>(batch.records[1].values.back().second), 45000);
}

TEST(Extract, FundingSharesAndWeeklyCostChecks) {
    test::TempDir dir;
    const auto mapping = dir.write("s.yaml", "kind: services\ncolumns:\n  person_id: ID\n  line_ref: Ref\n"
                                             "  unit_cost: Rate\n  cost_frequency: Per\n  planned_units: Hours\n"
                                             "  weekly_cost: Weekly\n  chc_share: CHC\n  s117_share: S117\n");
    const auto file = dir.write("s.csv", "ID,Ref,Rate,Per,Hours,Weekly,CHC,S117\n"
                                         "P1,L1,16.22,Hourly,10.5,170.31,50,50\n"
                                         "P2,L2,16.22,Hourly,10.5,170.00,60%,50\n");
    ImportReport report(file);
    read_extract(file, load_mapping(mapping), report);
    ASSERT_EQ(report.warnings(), 2u) << report.to_text();
    EXPECT_EQ(report.issues()[0].message, "the funding shares add up to 110.00%, not 100%");
    EXPECT_EQ(report.issues()[1].message,
              "the stated weekly cost differs from unit cost × units (£170.31) by -£0.31; the stated figure is kept");
}

TEST(Extract, SharesOverOneHundredWithoutCouncilOrChcColumns) {
    test::TempDir dir;
    const auto mapping = dir.write("s.yaml", "kind: services\ncolumns:\n  person_id: ID\n  line_ref: Ref\n"
                                             "  s117_share: S117\n  other_council_share: Other\n");
    const auto file = dir.write("s.csv", "ID,Ref,S117,Other\nP1,L1,60,50\n");
    ImportReport report(file);
    read_extract(file, load_mapping(mapping), report);
    ASSERT_EQ(report.warnings(), 1u);
    EXPECT_EQ(report.issues()[0].column, "S117");
    EXPECT_EQ(report.issues()[0].message, "the funding shares add up to 110.00%, not 100%");
}

} // namespace ascent::io
