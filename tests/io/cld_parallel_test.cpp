// Reading a CLD file in two parts on two threads gives exactly what reading it whole gives:
// the same people and lines in the same order, the same issues with the same row numbers,
// including duplicates and conflicting details across the cut.
#include <gtest/gtest.h>

#include "demo/generator.hpp"
#include "io/cld_import.hpp"
#include "test_support.hpp"

namespace ascent::io {

namespace {

struct Read {
    CldBatch batch;
    std::string report;
};

Read read(const std::string &path, std::size_t split_min_bytes) {
    TableOptions options;
    options.split_min_bytes = split_min_bytes;
    ImportReport report(path);
    Read r{read_cld(path, report, {}, options), {}};
    r.report = report.to_text(100000);
    for (const auto &note : report.notes) r.report += note + "\n";
    r.report += report.release + "\n";
    return r;
}

} // namespace

TEST(CldParallel, TwoPartsReadLikeOne) {
    test::TempDir dir;
    demo::DemoOptions options;
    options.people = 1500;
    const auto files = demo::generate(dir.file("demo"), options);
    // Append rows that repeat earlier rows (duplicate services, a conflicting date of birth and an
    // unknown code) so the second part meets people and services of the first.
    std::string text = test::read_file(files.cld);
    const auto second_line = text.find('\n') + 1;
    const std::string first_row = text.substr(second_line, text.find('\n', second_line) + 1 - second_line);
    std::string conflicting = first_row;
    const auto dob = conflicting.find("/19");
    conflicting.replace(dob - 5, 5, "01/01");
    std::string bad = first_row;
    bad.replace(bad.find("Service,"), 8, "Visit,");
    // A service row near the end, in the second part, repeated: a duplicate found within that part.
    const auto service = text.rfind(",Service,");
    const auto line_start = text.rfind('\n', service) + 1;
    const std::string late_row = text.substr(line_start, text.find('\n', service) + 1 - line_start);
    // The first row twice more: duplicates, within the second part, of a row in the first.
    text += first_row + conflicting + bad + late_row + first_row;
    const auto path = dir.write("cld.csv", text);

    const Read whole = read(path, std::size_t{1} << 40);
    const Read parts = read(path, 0);
    const Ledger &a = whole.batch.ledger, &b = parts.batch.ledger;
    ASSERT_EQ(a.people.size(), b.people.size());
    ASSERT_EQ(a.lines.size(), b.lines.size());
    for (uint32_t i = 1; i <= a.people.size(); ++i) ASSERT_EQ(a.people.id.at(i), b.people.id.at(i));
    EXPECT_EQ(a.people.birth, b.people.birth);
    EXPECT_EQ(a.people.support_reason, b.people.support_reason);
    EXPECT_EQ(a.people.last_review, b.people.last_review);
    EXPECT_EQ(a.people.last_financial_assessment, b.people.last_financial_assessment);
    EXPECT_EQ(a.lines.person, b.lines.person);
    EXPECT_EQ(a.lines.weekly_cost, b.lines.weekly_cost);
    EXPECT_EQ(a.lines.component, b.lines.component);
    EXPECT_EQ(a.lines.start, b.lines.start);
    for (std::size_t i = 0; i < a.lines.size(); ++i) {
        ASSERT_EQ(a.lines.ref.at(i), b.lines.ref.at(i));
        ASSERT_EQ(a.text.at(a.lines.provider[i]), b.text.at(b.lines.provider[i]));
    }
    EXPECT_EQ(whole.report, parts.report);
    EXPECT_NE(whole.report.find("duplicate-row"), std::string::npos);
    EXPECT_NE(whole.report.find("4 duplicate service rows skipped"), std::string::npos) << whole.report;
    EXPECT_NE(whole.report.find("conflicting-person"), std::string::npos);
    EXPECT_NE(whole.report.find("unknown-code"), std::string::npos);
}

// Found by fuzzing, and only in files of 32 MiB or more before the split size was a parameter:
// a '"' inside an unquoted field moved the cut into a quoted multi-line field (a valid file
// refused), a second part that starts with another council's code was warned about at row 0,
// and a person's conflicting date of birth after a blank one in the second part was missed.
TEST(CldParallel, QuotesCouncilsAndBlankDetailsAcrossTheCut) {
    test::TempDir dir;
    demo::DemoOptions options;
    options.people = 1500;
    const auto files = demo::generate(dir.file("demo"), options);
    std::string text = test::read_file(files.cld);
    const auto second_line = text.find('\n') + 1;
    const std::string first_row = text.substr(second_line, text.find('\n', second_line) + 1 - second_line);
    // One literal quote early on: quote parity is odd from there to the end.
    text.replace(text.find("St Anne's"), 9, "St Anne\"s");
    // Every row from 60% of the way on is for council 351.
    for (auto at = text.find("\n999,", text.size() * 6 / 10); at != std::string::npos; at = text.find("\n999,", at))
        text.replace(at + 1, 3, "351");
    // A quoted provider name over two lines near the end.
    const auto late = text.rfind(",Lakeside Supported Living,");
    ASSERT_NE(late, std::string::npos);
    text.replace(late + 1, 25, "\"Lakeside\nSupported Living\"");
    // The first person again: date of birth blank, then a different one.
    std::string blank_birth = first_row, other_birth = first_row;
    blank_birth.replace(blank_birth.find("19/05/1955"), 10, "");
    other_birth.replace(other_birth.find("19/05/1955"), 10, "01/01/1950");
    text += blank_birth + other_birth;
    const auto path = dir.write("cld.csv", text);

    const Read whole = read(path, std::size_t{1} << 40);
    const Read parts = read(path, 0);
    EXPECT_EQ(whole.report, parts.report);
    EXPECT_EQ(whole.batch.ledger.people.size(), parts.batch.ledger.people.size());
    EXPECT_EQ(whole.batch.ledger.lines.size(), parts.batch.ledger.lines.size());
    EXPECT_EQ(parts.batch.la_code, "999");
    const auto mixed = parts.report.find("[mixed-la-code]");
    ASSERT_NE(mixed, std::string::npos) << parts.report;
    EXPECT_EQ(parts.report.find("[mixed-la-code]", mixed + 1), std::string::npos); // once
    EXPECT_EQ(parts.report.find(":0: warning"), std::string::npos);
    EXPECT_NE(parts.report.find("'01/01/1950'"), std::string::npos) << parts.report; // the conflicting date of birth
}

} // namespace ascent::io
