// The programme and the budget proposals table: the council document's appendix 4 rebuilt from
// its rows with every printed subtotal checked, a wrong subtotal reported, the XLSX read back
// (values and SUM formulas), and cases rolled up.
#include <gtest/gtest.h>
#include <zip.h>

#include <regex>

#include "app/case_reports.hpp"
#include "app/read_table.hpp"
#include "test_support.hpp"

namespace ascent::cases {

namespace {

const std::string k_documents = std::string(ASCENT_TESTS) + "/cases/documents/";

// Cell → formula of the first sheet of an XLSX file.
std::map<std::string, std::string> formulas(const std::string &path) {
    int error = 0;
    zip_t *archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
    EXPECT_NE(archive, nullptr);
    zip_stat_t stat;
    zip_stat(archive, "xl/worksheets/sheet1.xml", 0, &stat);
    std::string xml(stat.size, '\0');
    zip_file_t *file = zip_fopen(archive, "xl/worksheets/sheet1.xml", 0);
    zip_fread(file, xml.data(), stat.size);
    zip_fclose(file);
    zip_close(archive);
    std::map<std::string, std::string> out;
    const std::regex cell(R"re(<c r="([A-Z]+[0-9]+)"[^>]*><f>([^<]*)</f>)re");
    for (std::sregex_iterator it(xml.begin(), xml.end(), cell), end; it != end; ++it) out[(*it)[1]] = (*it)[2];
    return out;
}

} // namespace

TEST(BudgetTable, RebuildsAppendix4AndAgreesWithEveryPrintedTotal) {
    const auto programme = read_programme_file(k_documents + "appendix4-budget-proposals.yaml");
    ASSERT_EQ(programme.cases.size(), 35u);
    const auto table = budget_table(programme);
    const auto checks = reconcile(programme, table);
    EXPECT_EQ(checks.size(), 35u + 28u); // every row's total; 7 subtotals × (3 years + total)
    for (const auto &k : checks) EXPECT_TRUE(k.agrees) << describe(k);
    EXPECT_EQ(subtotal(table, "People & Communities", "", std::nullopt),
              (std::vector<int64_t>{2'581'000'00, 3'148'000'00, 1'613'000'00}));
    EXPECT_EQ(subtotal(table, "People & Communities", "Adult Social Care & Health", Category::efficiency),
              (std::vector<int64_t>{1'125'500'00, 962'500'00, 50'000'00}));
}

TEST(BudgetTable, AWrongPrintedSubtotalIsReportedWithTheDifference) {
    auto programme = read_programme_file(k_documents + "appendix4-budget-proposals.yaml");
    programme.stated.front().years[1] = *parse_stated("£972.5K"); // printed 962.5; the rows add to 962.5
    const auto checks = reconcile(programme, budget_table(programme));
    std::vector<std::string> differ;
    for (const auto &k : checks)
        if (!k.agrees) differ.push_back(describe(k));
    ASSERT_EQ(differ.size(), 1u);
    EXPECT_EQ(differ[0], "subtotal People & Communities / Adult Social Care & Health / Efficiency Savings: 2018/19: "
                         "stated £972.5K, computed £962,500.00 (rounds to £962.5K): differs by -£10,000.00");
}

TEST(BudgetTable, XlsxHasTheFiguresAndSumFormulasForEverySubtotal) {
    const test::TempDir dir;
    const auto programme = read_programme_file(k_documents + "appendix4-budget-proposals.yaml");
    const auto table = budget_table(programme);
    const auto path = dir.file("budget.xlsx");
    app::write_budget_table_xlsx(table, reconcile(programme, table), path);
    const auto rows = testing_support::read_table(path, "Budget proposals");
    const auto find = [&](const std::string &title) {
        for (std::size_t r = 0; r < rows.size(); ++r)
            if (!rows[r].empty() && rows[r][0] == title) return r;
        return rows.size();
    };
    const auto efficiency = find("Sub Total - Efficiency Savings");
    ASSERT_LT(efficiency, rows.size());
    EXPECT_EQ(std::vector<std::string>(rows[efficiency].begin() + 2, rows[efficiency].begin() + 6),
              (std::vector<std::string>{"1125.5", "962.5", "50", "2138"}));
    const auto total = find("TOTAL People & Communities");
    EXPECT_EQ(rows[total][5], "7342");
    // The sheet's rows 1-6 are the title, the directorate, the headings and the group names; the
    // first proposal is on row 7 and the adult efficiency subtotal on row 22.
    const auto f = formulas(path);
    EXPECT_EQ(f.at("C22"), "SUM(C7:C21)");
    EXPECT_EQ(f.at("F22"), "SUM(C22:E22)");
    EXPECT_EQ(f.at("C35"), "C22+C33");   // a service: the sum of its categories' subtotals
    EXPECT_EQ(f.at("D58"), "D35+D56");   // the directorate: the sum of its services'
    EXPECT_EQ(f.at("F7"), "SUM(C7:E7)"); // each row's three-year total
    EXPECT_EQ(f.size(), 35u + 7u * 4u);
}

TEST(Programme, CasesRollUpByYearOnTheIncrementalBasis) {
    std::vector<BusinessCase> cases;
    for (const auto *name : {"cambs-ar-6-115", "cambs-ar-6-127", "cambs-ar-7-108"})
        cases.push_back(read_case_file(k_documents + name + ".yaml"));
    const auto programme = programme_of(cases, 3);
    EXPECT_EQ(programme.first_year, FinancialYear(2017));
    const auto table = budget_table(programme);
    // 6.115: £70,833.33 then £99,166.67; 6.127: £313,000 from 2018/19; 7.108: £24,710.40 in 2017/18 only
    // (a one-year case: its last year holds, so nothing changes after it).
    int64_t first = 0, second = 0;
    for (const auto &r : table.rows) {
        first += r.years[0];
        second += r.years[1];
    }
    EXPECT_EQ(first, 70'833'33 + 24'710'40);
    EXPECT_EQ(second, 99'166'67 + 313'000'00);
    const auto text = format_programme(programme, table);
    EXPECT_NE(text.find("Income Generation"), std::string::npos) << text;
}

} // namespace ascent::cases
