#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/csv_reader.hpp"
#include "test_support.hpp"

namespace ascent::io {

namespace {
std::vector<std::vector<std::string>> read_all(const std::string &path, std::vector<uint64_t> *rows = nullptr) {
    auto reader = open_table(path);
    std::vector<std::vector<std::string>> out;
    std::vector<std::string_view> cells;
    while (reader->next(cells)) {
        out.emplace_back(cells.begin(), cells.end());
        if (rows) rows->push_back(reader->row());
    }
    return out;
}
} // namespace

TEST(Csv, QuotedFieldsWithDelimitersQuotesAndNewlines) {
    test::TempDir dir;
    const auto path = dir.write("a.csv", "id,name,note\r\n1,\"Smith, J\",\"said \"\"hi\"\"\"\r\n2,\"two\nlines\",x\r\n3,,\r\n");
    std::vector<uint64_t> rows;
    const auto got = read_all(path, &rows);
    ASSERT_EQ(got.size(), 4u);
    EXPECT_EQ(got[1], (std::vector<std::string>{"1", "Smith, J", "said \"hi\""}));
    EXPECT_EQ(got[2], (std::vector<std::string>{"2", "two\nlines", "x"}));
    EXPECT_EQ(got[3], (std::vector<std::string>{"3", "", ""}));
    EXPECT_EQ(rows, (std::vector<uint64_t>{1, 2, 3, 5})); // row 3 spans two lines
}

TEST(Csv, ByteOrderMarkAndDelimiterSniffing) {
    test::TempDir dir;
    const auto path = dir.write("b.csv", "\xEF\xBB\xBF" "a;b;c\n1;2,5;3\n");
    auto reader = open_table(path);
    std::vector<std::string_view> cells;
    ASSERT_TRUE(reader->next(cells));
    EXPECT_EQ(cells.front(), "a");
    ASSERT_TRUE(reader->next(cells));
    EXPECT_EQ(cells[1], "2,5");
    EXPECT_EQ(reader->describe(), "CSV, UTF-8 with byte-order mark, delimiter ';'");
}

TEST(Csv, Windows1252IsConverted) {
    test::TempDir dir;
    const auto path = dir.write("c.csv", "name,cost\nCaf\xE9,\xA3" "5\n");
    auto reader = open_table(path);
    std::vector<std::string_view> cells;
    reader->next(cells);
    reader->next(cells);
    EXPECT_EQ(cells[0], "Caf\xC3\xA9");
    EXPECT_EQ(cells[1], "\xC2\xA3" "5");
    EXPECT_NE(reader->describe().find("Windows-1252"), std::string::npos);
    EXPECT_EQ(windows_1252_to_utf8("\x80"), "\xE2\x82\xAC");
    EXPECT_TRUE(scan_text("plain \xC2\xA3").utf8);
    EXPECT_FALSE(scan_text("\xC0\xAF").utf8);
    EXPECT_EQ(scan_text(std::string("\xC0\xAF plain text\0", 14)).nul, 13u);
}

TEST(Csv, FileProblemsAreClearErrors) {
    test::TempDir dir;
    EXPECT_THROW(open_table(dir.file("missing.csv")), Error);
    const auto utf16 = dir.write("u.csv", std::string("\xFF\xFE" "a\0,\0", 6));
    try {
        open_table(utf16);
        FAIL();
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("UTF-16"), std::string::npos);
    }
    const auto truncated = dir.write("t.csv", "a,b\n1,\"unfinished\n");
    auto reader = open_table(truncated);
    std::vector<std::string_view> cells;
    reader->next(cells);
    EXPECT_THROW(reader->next(cells), Error);
}

} // namespace ascent::io
