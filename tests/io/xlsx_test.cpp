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

#include <zip.h>

namespace ascent::io {

namespace {
// A minimal workbook with one sheet, "Data", whose sheetData is `rows` (written by hand, as a
// hostile or unusual producer would).
std::string write_xlsx(const test::TempDir &dir, const std::string &name, const std::string &rows) {
    const auto path = dir.file(name);
    int error = 0;
    zip_t *zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    const auto add = [&](const char *part, std::string text) {
        auto *copy = new std::string(std::move(text));
        zip_source_t *source = zip_source_buffer(zip, copy->data(), copy->size(), 0);
        zip_file_add(zip, part, source, ZIP_FL_OVERWRITE);
        return copy;
    };
    std::vector<std::unique_ptr<std::string>> keep;
    keep.emplace_back(add("xl/workbook.xml",
                          R"(<workbook xmlns:r="r"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>)"));
    keep.emplace_back(add("xl/_rels/workbook.xml.rels",
                          R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)"));
    keep.emplace_back(add("xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + rows + "</sheetData></worksheet>"));
    zip_close(zip);
    return path;
}
std::vector<std::vector<std::string>> all_rows(const std::string &path) {
    auto reader = open_table(path);
    std::vector<std::vector<std::string>> out;
    std::vector<std::string_view> cells;
    while (reader->next(cells)) out.emplace_back(cells.begin(), cells.end());
    return out;
}
std::string inline_cell(const std::string &ref, const std::string &text) {
    return R"(<c r=")" + ref + R"(" t="inlineStr"><is><t>)" + text + "</t></is></c>";
}
} // namespace

// Found by fuzzing: a 3 KB file with a cell at column AAAAAA sized each row at 12 million cells
// (3.2 GB), and ZZZZZZZZ2 ended in std::bad_alloc ("internal error", exit 4). A reference outside
// Excel's sheet is now an input error naming the file, sheet and cell.
TEST(Xlsx, CellReferencesOutsideExcelsSheetAreRefused) {
    test::TempDir dir;
    const auto cases = std::vector<std::pair<std::string, std::string>>{
        {"<row r=\"1\">" + inline_cell("AAAAAA1", "x") + "</row>",
         ", sheet 'Data', cell 'AAAAAA1': not a cell of an Excel sheet; expected a cell reference from A1 to XFD1048576"},
        {"<row r=\"2\">" + inline_cell("ZZZZZZZZ2", "x") + "</row>",
         ", sheet 'Data', cell 'ZZZZZZZZ2': not a cell of an Excel sheet; expected a cell reference from A1 to XFD1048576"},
        {"<row r=\"1\">" + inline_cell("XFE1", "x") + "</row>",
         ", sheet 'Data', cell 'XFE1': not a cell of an Excel sheet; expected a cell reference from A1 to XFD1048576"},
        {"<row r=\"1\">" + inline_cell("A0", "x") + "</row>",
         ", sheet 'Data', cell 'A0': not a cell of an Excel sheet; expected a cell reference from A1 to XFD1048576"},
        {"<row r=\"1048577\">" + inline_cell("A1048577", "x") + "</row>",
         ", sheet 'Data', row '1048577': not a cell of an Excel sheet; expected a row number from 1 to 1,048,576"},
        {"<row r=\"99999999999999999999999\"></row>",
         ", sheet 'Data', row '99999999999999999999999': not a cell of an Excel sheet; expected a row number from 1 to 1,048,576"},
    };
    for (const auto &[rows, message] : cases) {
        const auto path = write_xlsx(dir, "bad.xlsx", rows);
        EXPECT_EQ(test::error_of([&] { all_rows(path); }), path + message);
    }
    // The last cell of Excel's sheet is still a cell.
    const auto path = write_xlsx(dir, "edge.xlsx", "<row r=\"1048576\">" + inline_cell("XFD1048576", "last") + "</row>");
    const auto rows = all_rows(path);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].size(), 16384u);
    EXPECT_EQ(rows[0].back(), "last");
}

// Issue 19: Excel leaves out a row's blank cells at its end; they are blank fields, not a short
// row (a real CLD workbook warned `column-count` on nearly every row).
TEST(Xlsx, BlankCellsLeftOutAtARowsEndAreBlankFields) {
    test::TempDir dir;
    const auto path = write_xlsx(dir, "blanks.xlsx",
                                 "<row r=\"1\">" + inline_cell("A1", "id") + inline_cell("B1", "name") + inline_cell("C1", "note") +
                                     "</row><row r=\"2\">" + inline_cell("A2", "P1") + "</row><row r=\"3\"></row>" +
                                     "<row r=\"4\">" + inline_cell("A4", "P2") + inline_cell("B4", "Ann") +
                                     inline_cell("C4", "n") + inline_cell("D4", "extra") + "</row>");
    EXPECT_EQ(all_rows(path), (std::vector<std::vector<std::string>>{
                                  {"id", "name", "note"}, {"P1", "", ""}, {}, {"P2", "Ann", "n", "extra"}}));
}

} // namespace ascent::io
