// Test helper: every row of a CSV file or one sheet of an XLSX workbook, as text.
#pragma once

#include <string>
#include <vector>

#include "io/table_reader.hpp"

namespace ascent::testing_support {

inline std::vector<std::vector<std::string>> read_table(const std::string &path, const std::string &sheet = {}) {
    io::TableOptions options;
    options.sheet = sheet;
    auto reader = io::open_table(path, options);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string_view> cells;
    while (reader->next(cells)) rows.emplace_back(cells.begin(), cells.end());
    return rows;
}

} // namespace ascent::testing_support
