#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "core/error.hpp"
#include "io/table_reader.hpp"
#include "io/xlsx_reader.hpp"
#include "test_support.hpp"

namespace ascent::io {

TEST(Xlsx, ReadsStringsNumbersDatesAndGaps) {
    test::TempDir dir;
    const auto path = dir.file("book.xlsx");
    lxw_workbook *book = workbook_new(path.c_str());
    workbook_add_worksheet(book, "Notes");
    lxw_worksheet *sheet = workbook_add_worksheet(book, "Packages");
    lxw_format *date = workbook_add_format(book);
    format_set_num_format(date, "dd/mm/yyyy");
    worksheet_write_string(sheet, 0, 0, "Client ID", nullptr);
    worksheet_write_string(sheet, 0, 1, "Cost", nullptr);
    worksheet_write_string(sheet, 0, 3, "Start", nullptr);
    worksheet_write_string(sheet, 1, 0, "P0001", nullptr);
    worksheet_write_number(sheet, 1, 1, 16.22, nullptr);
    lxw_datetime when = {2025, 4, 1, 0, 0, 0};
    worksheet_write_datetime(sheet, 1, 3, &when, date);
    worksheet_write_number(sheet, 3, 1, 0.1 + 0.2, nullptr); // float noise shows as Excel does
    ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);

    EXPECT_EQ(xlsx_sheet_names(path), (std::vector<std::string>{"Notes", "Packages"}));
    TableOptions options;
    options.sheet = "Packages";
    auto reader = open_table(path, options);
    std::vector<std::string_view> cells;
    ASSERT_TRUE(reader->next(cells));
    EXPECT_EQ(cells.size(), 4u);
    EXPECT_EQ(cells[2], "");
    ASSERT_TRUE(reader->next(cells));
    EXPECT_EQ(reader->row(), 2u);
    EXPECT_EQ(cells[0], "P0001");
    EXPECT_EQ(cells[1], "16.22");
    EXPECT_EQ(cells[3], "2025-04-01");
    ASSERT_TRUE(reader->next(cells));
    EXPECT_EQ(reader->row(), 4u); // row 3 is absent in the sheet; numbering stays true
    EXPECT_EQ(cells[1], "0.3");
    EXPECT_FALSE(reader->next(cells));

    options.sheet = "Nope";
    EXPECT_THROW(open_table(path, options), Error);
}

TEST(Xlsx, RefusesAnOversizedPart) {
    test::TempDir dir;
    const auto path = dir.file("big.xlsx");
    lxw_workbook *book = workbook_new(path.c_str());
    lxw_worksheet *sheet = workbook_add_worksheet(book, nullptr);
    for (lxw_row_t r = 0; r < 200; ++r) worksheet_write_string(sheet, r, 0, "some text to make the sheet larger", nullptr);
    workbook_close(book);
    TableOptions options;
    options.max_uncompressed_bytes = 1000;
    try {
        open_table(path, options);
        FAIL();
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("refusing to decompress"), std::string::npos) << e.what();
    }
}

} // namespace ascent::io

namespace ascent::io {

TEST(Xlsx, ParsesOnlyAsFarAsTheRowsRead) {
    test::TempDir dir;
    const auto path = dir.file("long.xlsx");
    lxw_workbook *book = workbook_new(path.c_str());
    lxw_worksheet *sheet = workbook_add_worksheet(book, nullptr);
    for (lxw_row_t r = 0; r < 20000; ++r) {
        worksheet_write_string(sheet, r, 0, "P0000001", nullptr);
        worksheet_write_number(sheet, r, 1, r, nullptr);
    }
    ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);
    auto reader = open_table(path);
    std::vector<std::string_view> cells;
    ASSERT_TRUE(reader->next(cells));
    EXPECT_LT(reader->progress_done() * 4, reader->progress_total()); // well under a quarter parsed
    uint64_t rows = 1;
    while (reader->next(cells)) ++rows;
    EXPECT_EQ(rows, 20000u);
    EXPECT_EQ(cells[1], "19999");
    EXPECT_EQ(reader->progress_done(), reader->progress_total());
}

} // namespace ascent::io
