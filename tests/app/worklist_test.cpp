// Worklists: what a review team receives. Read back through ascent's own CSV/XLSX reader.
#include <gtest/gtest.h>

#include "app/read_table.hpp"

#include "app/council.hpp"
#include "core/error.hpp"
#include "io/table_reader.hpp"
#include "test_support.hpp"

namespace ascent {

namespace {

using testing_support::read_table;

struct Demo {
    test::TempDir dir;
    app::Council council{dir.file("l.db")};
    std::unique_ptr<app::Analysis> analysis;
    Demo() {
        demo::DemoOptions options;
        options.profile = "bury";
        options.people = 600;
        app::build_demo(council, dir.file("files"), options);
        analysis = council.analyse(opportunity::default_rules(), std::nullopt);
    }
};

} // namespace

TEST(Worklist, XlsxAndCsvHoldTheSameRowsSortedBySavingPerReviewHour) {
    Demo d;
    const auto people = d.analysis->lever_result("waking_nights")->people;
    ASSERT_GT(people, 1);
    EXPECT_EQ(app::write_worklist(*d.analysis, "waking_nights", d.dir.file("w.xlsx"), {}), static_cast<std::size_t>(people));
    app::write_worklist(*d.analysis, "waking_nights", d.dir.file("w.csv"), {});
    const auto xlsx = read_table(d.dir.file("w.xlsx"));
    const auto csv = read_table(d.dir.file("w.csv"));
    ASSERT_EQ(xlsx.size(), static_cast<std::size_t>(people) + 1);
    ASSERT_EQ(csv.size(), xlsx.size());
    EXPECT_EQ(xlsx[0][1], "Person");
    EXPECT_EQ(xlsx[0][12], "Saving per review hour £");
    for (std::size_t r = 1; r < csv.size(); ++r) {
        EXPECT_EQ(xlsx[r][1], csv[r][1]); // same people in the same order
        EXPECT_EQ(xlsx[r][14], csv[r][14]);
        if (r > 1) {
            EXPECT_GE(std::stod(csv[r - 1][12]), std::stod(csv[r][12]));
        }
        EXPECT_TRUE(d.analysis->ledger->find_person(csv[r][1]).has_value());
    }
    const auto about = read_table(d.dir.file("w.xlsx"), "About");
    EXPECT_EQ(about[0][1], "Waking-night cover [waking_nights]");
    EXPECT_EQ(about[10][1], "no: contains person ids");
}

TEST(Worklist, PseudonymsAreKeyedStableAndHideIdsAndAges) {
    Demo d;
    app::WorklistOptions a{"first-key-0123456789"}, b{"other-key-0123456789"};
    app::write_worklist(*d.analysis, "waking_nights", d.dir.file("a1.csv"), a);
    app::write_worklist(*d.analysis, "waking_nights", d.dir.file("a2.csv"), a);
    app::write_worklist(*d.analysis, "waking_nights", d.dir.file("b.csv"), b);
    const auto text = test::read_file(d.dir.file("a1.csv"));
    EXPECT_EQ(text, test::read_file(d.dir.file("a2.csv"))); // the same key gives the same pseudonyms
    EXPECT_EQ(text.find(",P0"), std::string::npos);         // no person id anywhere
    const auto rows = read_table(d.dir.file("a1.csv"));
    const auto other = read_table(d.dir.file("b.csv"));
    for (std::size_t r = 1; r < rows.size(); ++r) {
        EXPECT_EQ(rows[r][1].substr(0, 3), "PS-");
        EXPECT_NE(rows[r][1], other[r][1]);
        EXPECT_TRUE(rows[r][2] == "18-64" || rows[r][2] == "65-79" || rows[r][2] == "80+") << rows[r][2];
        EXPECT_EQ(rows[r][13].find("age:"), std::string::npos);
    }
}

TEST(Worklist, UnknownLeverAndBadExtensionAreClearErrors) {
    Demo d;
    EXPECT_THROW(app::write_worklist(*d.analysis, "no_such_lever", d.dir.file("w.csv"), {}), Error);
    try {
        app::write_worklist(*d.analysis, "waking_nights", d.dir.file("w.pdf"), {});
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(std::string(e.what()), d.dir.file("w.pdf") + ": a worklist is written as .csv or .xlsx");
    }
}

} // namespace ascent
