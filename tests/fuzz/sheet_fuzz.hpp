// One workbook reader (XLSX or XLS) over the input: every row within Excel's sheet, every sheet
// name readable, and reading twice gives the same rows.
#pragma once

#include <vector>

#include "fuzz_support.hpp"
#include "io/table_reader.hpp"

namespace ascent::fuzz {

inline int read_workbook(const uint8_t *data, std::size_t size, const char *name) {
    const auto path = as_file(data, size, name);
    std::vector<std::vector<std::string>> first, second;
    const auto read = [&](std::vector<std::vector<std::string>> &rows) {
        return accepts([&] {
            io::sheet_names(path);
            auto reader = io::open_table(path);
            std::vector<std::string_view> cells;
            while (reader->next(cells)) {
                if (cells.size() > 16384) finding("a row of " + std::to_string(cells.size()) + " cells, more than Excel's 16,384");
                if (reader->row() > 1048576) finding("a row numbered past Excel's 1,048,576");
                rows.emplace_back(cells.begin(), cells.end());
            }
        });
    };
    if (read(first) != read(second) || first != second) finding("two reads of one workbook differ");
    return 0;
}

} // namespace ascent::fuzz
