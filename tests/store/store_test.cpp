#include <gtest/gtest.h>

#include <xlsxwriter.h>

#include <thread>

#include "app/council.hpp"
#include "io/digest.hpp"
#include "cld_sample.hpp"
#include "test_support.hpp"

namespace ascent {

namespace {
int64_t count(app::Council &c, const std::string &table) {
    for (const auto &[name, n] : c.table_counts())
        if (name == table) return n;
    return -1;
}
} // namespace

TEST(Store, ImportsCldIntoTheLedger) {
    test::TempDir dir;
    app::Council council(dir.file("l.db"));
    EXPECT_EQ(council.schema_version(), 10);
    const auto outcome = council.import_cld(dir.write("cld.csv", test::valid_cld()));
    ASSERT_TRUE(outcome.written) << app::format_outcome(outcome);
    EXPECT_EQ(outcome.report.release, "R1"); // "Home Support" is R1 wording; nothing is R2-only
    const Ledger ledger = council.load_ledger();
    EXPECT_EQ(ledger.as_at, Date::ymd(2026, 3, 31));
    ASSERT_EQ(ledger.people.size(), 3u);
    ASSERT_EQ(ledger.lines.size(), 3u);
    EXPECT_EQ(ledger.lines.weekly_cost[0], 185000);
    EXPECT_EQ(ledger.lines.weekly_cost[1], 17031);
    EXPECT_EQ(ledger.lines.weekly_cost[2], 8000);
    EXPECT_EQ(ledger.lines.component[1], codes::comp_home_support);
    const auto p3 = ledger.find_person("P3");
    ASSERT_TRUE(p3);
    EXPECT_EQ(ledger.people.last_review[*p3], Date::ymd(2026, 1, 15).serial());
}

// Two people (or two CLI runs) opening a ledger that does not exist yet: the schema is created
// once, and neither run fails on a table the other has just made.
TEST(Store, ConcurrentFirstOpensMigrateOnce) {
    test::TempDir dir;
    const std::string path = dir.file("shared.db");
    std::vector<std::thread> runs;
    for (int i = 0; i < 6; ++i)
        runs.emplace_back([&path] {
            try {
                app::Council council(path);
                EXPECT_EQ(council.schema_version(), 10);
            } catch (const std::exception &e) {
                ADD_FAILURE() << e.what();
            }
        });
    for (auto &run : runs) run.join();
}

TEST(Store, SameFileTwiceChangesNothing) {
    test::TempDir dir;
    app::Council council(dir.file("l.db"));
    const auto file = dir.write("cld.csv", test::valid_cld());
    ASSERT_TRUE(council.import_cld(file).written);
    const auto again = council.import_cld(file);
    EXPECT_FALSE(again.written);
    EXPECT_TRUE(again.already_imported);
    EXPECT_EQ(council.imports().size(), 1u);
    EXPECT_EQ(count(council, "service_line"), 3);
}

TEST(Store, ExtractDataSurvivesANewerCldFile) {
    test::TempDir dir;
    app::Council council(dir.file("l.db"));
    ASSERT_TRUE(council.import_cld(dir.write("cld1.csv", test::valid_cld())).written);
    const auto mapping = dir.write("s.yaml", "source: Test\nkind: services\ncolumns:\n  person_id: ID\n  line_ref: Ref\n"
                                             "  night_support: Nights\n  chc_share: CHC\n");
    auto extract = council.import_extract(dir.write("s.csv", "ID,Ref,Nights,CHC\nP1,P1-S1,Waking,25\n"
                                                             "P9,P9-S1,Sleep-in,\n"), mapping);
    ASSERT_TRUE(extract.written) << app::format_outcome(extract);
    // P9 has no CLD line: a warning naming its row, and no line of its own.
    ASSERT_EQ(extract.report.warnings(), 1u);
    EXPECT_EQ(extract.report.format_issue(extract.report.issues().front()),
              dir.file("s.csv") + ":3: warning [no-line] column 'line_ref' value 'P9-S1': person P9 has no line in the "
                                  "current CLD snapshot with this reference, nor one with the same service type and "
                                  "start date; the row is kept for a later snapshot and adds no line");
    // A newer CLD file (one more person, past the change guard with a reason) is the new
    // snapshot; the extract still applies.
    app::ImportOptions accept;
    accept.accept_change = "a new placement";
    ASSERT_TRUE(council
                    .import_cld(dir.write("cld2.csv", test::valid_cld() + test::cld_row("P4", "Service", "P4-S1",
                                                                                        "Long term support: Nursing care",
                                                                                        "Long term nursing care", "900", "Weekly", "")),
                                accept)
                    .written);
    const Ledger ledger = council.load_ledger();
    ASSERT_EQ(ledger.lines.size(), 4u);
    EXPECT_EQ(ledger.lines.night[0], NightSupport::waking);
    EXPECT_EQ(ledger.lines.chc_share[0], 2500);
    EXPECT_EQ(ledger.extract_join.by_reference, 1u);
    EXPECT_EQ(ledger.extract_join.unmatched.size(), 1u);
    EXPECT_FALSE(ledger.find_person("P9"));
    EXPECT_EQ(council.imports().size(), 3u);
}

TEST(Store, PeopleExtractMergesOnlyItsFields) {
    test::TempDir dir;
    app::Council council(dir.file("l.db"));
    ASSERT_TRUE(council.import_cld(dir.write("cld.csv", test::valid_cld())).written);
    const auto mapping = dir.write("p.yaml", "kind: people\ncolumns:\n  person_id: ID\n  s117_status: S117\n"
                                             "  out_of_area: OOA\n  benefit: Benefit\n  benefit_rate: Rate\n");
    ASSERT_TRUE(council.import_extract(dir.write("p.csv", "ID,S117,OOA,Benefit,Rate\nP1,Open,Yes,PIP,Enhanced\n"), mapping)
                    .written);
    const Ledger ledger = council.load_ledger();
    const auto p1 = *ledger.find_person("P1");
    EXPECT_EQ(ledger.people.s117[p1], S117Status::open);
    EXPECT_EQ(ledger.people.out_of_area[p1], 1);
    EXPECT_EQ(ledger.people.benefit[p1], Benefit::pip_daily_living);
    EXPECT_EQ(ledger.people.benefit_rate[p1], BenefitRate::highest);
    EXPECT_EQ(ledger.people.support_reason[p1], codes::psr_learning_disability); // CLD field kept
}

} // namespace ascent

namespace ascent {

TEST(Store, XlsxExtractThroughAMappingWithASheet) {
    test::TempDir dir;
    app::Council council(dir.file("l.db"));
    ASSERT_TRUE(council.import_cld(dir.write("cld.csv", test::valid_cld())).written);
    const auto path = dir.file("packages.xlsx");
    lxw_workbook *book = workbook_new(path.c_str());
    workbook_add_worksheet(book, "Read me");
    lxw_worksheet *sheet = workbook_add_worksheet(book, "Packages");
    const char *header[] = {"Client ID", "Service Ref", "Night Cover", "Staff Ratio", "Client Contribution"};
    for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(sheet, 0, c, header[c], nullptr);
    worksheet_write_string(sheet, 1, 0, "P2", nullptr);
    worksheet_write_string(sheet, 1, 1, "P2-S1", nullptr);
    worksheet_write_string(sheet, 1, 2, "Waking night", nullptr);
    worksheet_write_number(sheet, 1, 3, 2, nullptr);
    worksheet_write_number(sheet, 1, 4, 54.94, nullptr);
    ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);
    const auto mapping = dir.write("m.yaml", "source: LAS\nkind: services\nsheet: Packages\ncolumns:\n"
                                             "  person_id: Client ID\n  line_ref: Service Ref\n"
                                             "  night_support: Night Cover\n  staff_ratio: Staff Ratio\n"
                                             "  client_contribution: Client Contribution\n");
    const auto outcome = council.import_extract(path, mapping);
    ASSERT_TRUE(outcome.written) << app::format_outcome(outcome);
    EXPECT_EQ(outcome.report.format, "XLSX, sheet 'Packages'");
    const Ledger ledger = council.load_ledger();
    EXPECT_EQ(ledger.lines.night[1], NightSupport::waking);
    EXPECT_EQ(ledger.lines.staff_ratio[1], 2);
    EXPECT_EQ(ledger.lines.client_contribution[1], 5494);
}

} // namespace ascent

namespace ascent {

TEST(Store, ContentHashIsStandardSha256) {
    test::TempDir dir;
    EXPECT_EQ(io::sha256_file(dir.write("abc.txt", "abc")),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); // FIPS 180-2 test vector
    EXPECT_EQ(io::sha256_file(dir.write("empty.txt", "")),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

} // namespace ascent
