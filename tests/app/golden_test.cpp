// Golden files: the summary and an import report, compared byte for byte. Set ASCENT_UPDATE_GOLDEN=1
// to rewrite them after a deliberate change, then review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "app/council.hpp"
#include "cld_sample.hpp"
#include "test_support.hpp"

namespace ascent {

namespace {

void expect_golden(const std::string &name, const std::string &actual) {
    const std::string path = std::string(ASCENT_GOLDEN) + "/" + name;
    if (std::getenv("ASCENT_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    EXPECT_EQ(actual, test::read_file(path)) << "golden file " << path << " differs";
}

} // namespace

TEST(Golden, DemoCountySummary) {
    test::TempDir dir;
    app::Council council(dir.file("l.db"));
    demo::DemoOptions options;
    options.people = 1000;
    app::build_demo(council, dir.file("files"), options);
    const auto conventions = council.conventions();
    std::string text = app::format_summary(council.summary(std::nullopt, conventions), {}, conventions);
    expect_golden("summary_county_1000.txt", text);
}

TEST(Golden, ImportReportWithWarnings) {
    test::TempDir dir;
    app::Council council(dir.file("l.db"));
    std::string cld = test::valid_cld();
    cld += test::cld_row("P6", "Service", "P6-S1", "Long term support: Community", "Home support or domiciliary care",
                         "16.22", "Hourly", "");
    cld += test::cld_row("P7", "Service", "P7-S1", "Long term support: Residential care", "Long term residential care",
                         "900", "Weekly", "3");
    const auto outcome = council.import_cld(dir.write("report.csv", cld));
    std::string text = app::format_outcome(outcome);
    const std::string prefix = dir.file("");
    for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix)) text.replace(at, prefix.size(), "");
    expect_golden("import_report_warnings.txt", text);
}

} // namespace ascent
