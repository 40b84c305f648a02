// Tables to an XLSX workbook: one sheet per table, a bold header row, money cells formatted
// £#,##0.00, frozen headers and filters, and an "About" sheet saying where the figures came from.
// Money is exact pence in ascent; a cell holds a number, so each is written as pence / 100.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ascent::io {

struct Pence {
    int64_t value = 0;
};
using Cell = std::variant<std::string, Pence, int64_t>;

struct Sheet {
    std::string name;
    std::vector<std::string> headers;
    std::vector<std::vector<Cell>> rows;
};

// Throws input_error naming the file if it cannot be written.
void write_workbook(const std::string &path, const std::vector<Sheet> &sheets,
                    const std::vector<std::pair<std::string, std::string>> &about);

} // namespace ascent::io
