// Every file in tests/fixtures/bad must be refused with its exact expected message, and the
// ledger that was there before must be left exactly as it was.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/council.hpp"
#include "cld_sample.hpp"
#include "core/error.hpp"
#include "test_support.hpp"

namespace ascent {

namespace {

struct Snapshot {
    std::vector<std::pair<std::string, int64_t>> counts;
    std::size_t imports;
    int64_t weekly;
    bool operator==(const Snapshot &) const = default;
};

Snapshot snapshot(app::Council &council) {
    const Ledger l = council.load_ledger();
    int64_t weekly = 0;
    for (auto w : l.lines.weekly_cost) weekly += w;
    return {council.table_counts(), council.imports().size(), weekly};
}

std::string replace_all(std::string text, const std::string &from, const std::string &to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

class BadInput : public testing::TestWithParam<std::string> {};

TEST_P(BadInput, IsRefusedWithTheExpectedErrorAndTheStoreIsUnchanged) {
    const std::string dir = std::string(ASCENT_FIXTURES) + "/bad/";
    const std::string file = dir + GetParam();
    const std::string stem = GetParam().substr(0, GetParam().rfind('.'));
    std::string expected = test::read_file(dir + stem + ".expected");
    expected = replace_all(expected.substr(0, expected.find_last_not_of('\n') + 1), "{file}", file);
    const std::string mapping = dir + stem + ".mapping.yaml";
    const bool is_extract = std::filesystem::exists(mapping);

    test::TempDir tmp;
    app::Council council(tmp.file("l.db"));
    ASSERT_TRUE(council.import_cld(tmp.write("good.csv", test::valid_cld())).written);
    const Snapshot before = snapshot(council);

    std::string got;
    try {
        const auto outcome = is_extract ? council.import_extract(file, mapping) : council.import_cld(file);
        EXPECT_FALSE(outcome.written);
        ASSERT_GT(outcome.report.errors(), 0u);
        got = outcome.report.format_issue(*outcome.report.first_error());
        EXPECT_NE(outcome.message.find("Nothing was imported"), std::string::npos);
    } catch (const Error &e) {
        EXPECT_EQ(e.kind(), ErrorKind::input);
        got = e.what();
    }
    EXPECT_EQ(got, expected);
    EXPECT_EQ(snapshot(council), before) << "the store changed";
}

std::vector<std::string> fixture_files() {
    std::vector<std::string> files;
    for (const auto &entry : std::filesystem::directory_iterator(std::string(ASCENT_FIXTURES) + "/bad")) {
        const auto name = entry.path().filename().string();
        if (name.ends_with(".csv") || name.ends_with(".xlsx")) files.push_back(name);
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string test_name(const testing::TestParamInfo<std::string> &param) {
    std::string name = param.param;
    for (auto &c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadInput, testing::ValuesIn(fixture_files()), test_name);

TEST(BadInput, ThereAreAtLeastTwentyFiveFixtures) { EXPECT_GE(fixture_files().size(), 25u); }

TEST(BadInput, SkipInvalidRowsKeepsTheGoodRows) {
    test::TempDir tmp;
    app::Council council(tmp.file("l.db"));
    const std::string file = std::string(ASCENT_FIXTURES) + "/bad/unknown_component.csv";
    const auto outcome = council.import_cld(file, app::RowPolicy::skip_invalid_rows);
    ASSERT_TRUE(outcome.written);
    EXPECT_EQ(outcome.report.rows_rejected, 1u);
    EXPECT_EQ(council.load_ledger().lines.size(), 1u);
    EXPECT_NE(outcome.message.find("1 row with errors skipped."), std::string::npos);
    // Header errors cannot be skipped row by row.
    const auto header = council.import_cld(std::string(ASCENT_FIXTURES) + "/bad/missing_person_column.csv",
                                           app::RowPolicy::skip_invalid_rows);
    EXPECT_FALSE(header.written);
}

TEST(BadInput, WarningsDoNotBlockAnImport) {
    test::TempDir tmp;
    app::Council council(tmp.file("l.db"));
    std::string cld = test::valid_cld();
    cld.replace(0, 7, "Colour"); // an unknown column instead of LA Code
    const auto row = test::cld_row("P5", "Service", "P5-S1", "Long term support: Community", "Day support", "-40",
                                   "Per session", "2");
    const auto outcome = council.import_cld(tmp.write("w.csv", cld + row + row));
    ASSERT_TRUE(outcome.written) << app::format_outcome(outcome);
    const auto &counts = outcome.report.counts_by_code();
    EXPECT_EQ(counts.at("unknown-column"), 1u);
    EXPECT_EQ(counts.at("negative-amount"), 2u);
    EXPECT_EQ(counts.at("duplicate-row"), 1u);
    EXPECT_EQ(council.load_ledger().lines.size(), 4u);
}

} // namespace

} // namespace ascent
