// Every file in tests/fixtures/bad must be refused with its exact expected message, and the
// ledger that was there before must be left exactly as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "app/council.hpp"
#include "benchmark/projection.hpp"
#include "cases/programme.hpp"
#include "charging/backlog.hpp"
#include "charging/case_file.hpp"
#include "charging/simulation.hpp"
#include "cld_sample.hpp"
#include "commissioning/fair_price.hpp"
#include "commissioning/rate_card.hpp"
#include "commissioning/tender.hpp"
#include "commissioning/uplift.hpp"
#include "core/cohort.hpp"
#include "core/error.hpp"
#include "io/extract_import.hpp"
#include "io/text_file.hpp"
#include "opportunity/rules.hpp"
#include "params/parameters.hpp"
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

// Files of every other kind, named KIND-NAME: each read by its reader (cases are imported into
// the ledger); each refused with an input error whose exact text is in NAME.expected (written with
// ASCENT_UPDATE_GOLDEN=1, then read before committing), and the ledger left as it was.
void read_as_kind(app::Council &council, const std::string &kind, const std::string &file) {
    const auto text = [&] { return io::read_text_file(file, "the file"); };
    if (kind == "case") council.import_case(file);
    else if (kind == "programme") cases::read_programme_file(file);
    else if (kind == "rules") opportunity::load_rules(file);
    else if (kind == "params") params::ParameterSet().load_file(file);
    else if (kind == "options") charging::read_options_file(file);
    else if (kind == "chargecases") charging::read_case_file(file);
    else if (kind == "backlog") charging::read_backlog_file(file);
    else if (kind == "trend") benchmark::read_trend_file(file);
    else if (kind == "placement") commissioning::read_placement(text(), file);
    else if (kind == "request") commissioning::read_tender(text(), file);
    else if (kind == "ratecard") commissioning::read_rate_card(text(), file);
    else if (kind == "uplift") commissioning::read_uplift_options(text(), file);
    else if (kind == "mapping") io::load_mapping(file);
    else if (kind == "cohort") CohortExpression::parse(text());
    else FAIL() << "no reader for kind '" << kind << "'";
}

class BadFile : public testing::TestWithParam<std::string> {};

TEST_P(BadFile, IsRefusedWithTheExpectedErrorAndTheStoreIsUnchanged) {
    const std::string dir = std::string(ASCENT_FIXTURES) + "/bad/";
    const std::string file = dir + GetParam();
    const std::string stem = GetParam().substr(0, GetParam().rfind('.'));
    const std::string kind = stem.substr(0, stem.find('-'));
    test::TempDir tmp;
    app::Council council(tmp.file("l.db"));
    ASSERT_TRUE(council.import_cld(tmp.write("good.csv", test::valid_cld())).written);
    const Snapshot before = snapshot(council);
    const std::size_t cases_before = council.stored_cases().size();
    std::string got = "no error";
    try {
        read_as_kind(council, kind, file);
    } catch (const Error &e) {
        EXPECT_EQ(e.kind(), ErrorKind::input) << e.what();
        got = replace_all(e.what(), file, "{file}");
    }
    if (std::getenv("ASCENT_UPDATE_GOLDEN") != nullptr) std::ofstream(dir + stem + ".expected") << got << "\n";
    std::string expected = test::read_file(dir + stem + ".expected");
    EXPECT_EQ(got, expected.substr(0, expected.find_last_not_of('\n') + 1));
    EXPECT_EQ(snapshot(council), before) << "the store changed";
    EXPECT_EQ(council.stored_cases().size(), cases_before) << "a case was stored";
}

std::vector<std::string> other_files() {
    std::vector<std::string> files;
    for (const auto &entry : std::filesystem::directory_iterator(std::string(ASCENT_FIXTURES) + "/bad")) {
        const auto name = entry.path().filename().string();
        if (name.find('-') != std::string::npos && !name.ends_with(".expected")) files.push_back(name);
    }
    std::sort(files.begin(), files.end());
    return files;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadFile, testing::ValuesIn(other_files()), test_name);

TEST(BadInput, AtLeastOneHundredAndFiftyCasesAcrossEveryKind) {
    EXPECT_GE(fixture_files().size() + other_files().size(), 150u);
    std::set<std::string> kinds;
    for (const auto &f : other_files()) kinds.insert(f.substr(0, f.find('-')));
    EXPECT_EQ(kinds, (std::set<std::string>{"backlog", "case", "chargecases", "cohort", "mapping", "options", "params", "placement",
                                            "programme", "ratecard", "request", "rules", "trend", "uplift"}));
}

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
