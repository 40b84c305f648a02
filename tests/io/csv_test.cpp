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

namespace ascent::io {

namespace {
// Every row, with its number, of a reader and (after splitting it into `parts`) of its parts in order.
std::vector<std::pair<uint64_t, std::vector<std::string>>> rows_of(TableReader &reader) {
    std::vector<std::pair<uint64_t, std::vector<std::string>>> out;
    std::vector<std::string_view> cells;
    while (reader.next(cells)) out.emplace_back(reader.row(), std::vector<std::string>(cells.begin(), cells.end()));
    return out;
}
std::vector<std::pair<uint64_t, std::vector<std::string>>> split_rows(const std::string &path, std::size_t parts) {
    TableOptions options;
    options.split_min_bytes = 0;
    auto reader = open_table(path, options);
    std::vector<std::string_view> header;
    reader->next(header);
    auto out = rows_of(*reader); // nothing: the reader is at the end after split
    auto readers = reader->split(parts);
    EXPECT_TRUE(out.empty() || readers.empty());
    for (auto &part : readers)
        for (auto &row : rows_of(*part)) out.push_back(std::move(row));
    return out;
}
} // namespace

// Found by fuzzing: the parallel read cut by quote parity, but a '"' inside an unquoted field
// (St Anne"s) is a character, so the cut fell inside a later quoted multi-line field and a valid
// file was refused ("the file ends inside a quoted field"). Every cut now reads like the whole.
TEST(Csv, SplitReadsLikeTheWholeFileWhereverItCuts) {
    test::TempDir dir;
    std::string text = "id,home,note\n";
    for (int i = 0; i < 40; ++i) {
        text += std::to_string(i) + ",St Anne\"s," + (i % 3 == 0 ? "\"two\nlines, \"\"quoted\"\"\"" : "plain") + "\n";
        if (i % 7 == 0) text += std::to_string(i) + ",\"a\"b\"c\",x\"y\r\n"; // a quoted field's tail, CRLF
    }
    const auto path = dir.write("a.csv", text);
    auto whole_reader = open_table(path);
    std::vector<std::string_view> header;
    whole_reader->next(header);
    const auto whole = rows_of(*whole_reader);
    ASSERT_EQ(whole.size(), 46u);
    EXPECT_EQ(whole[1].second, (std::vector<std::string>{"0", "ab\"c\"", "x\"y"}));
    EXPECT_EQ(whole[2].second, (std::vector<std::string>{"1", "St Anne\"s", "plain"}));
    EXPECT_EQ(whole[2].first, 5u); // row 1 spans lines 2–3
    EXPECT_EQ(whole[0].second, (std::vector<std::string>{"0", "St Anne\"s", "two\nlines, \"quoted\""}));
    for (std::size_t parts = 2; parts <= 60; ++parts) EXPECT_EQ(split_rows(path, parts), whole) << parts << " parts";
}

} // namespace ascent::io
