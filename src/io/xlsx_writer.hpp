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
// An exact decimal: `scaled` / 10^decimals, shown to that many places (e.g. 1829173 with 4 → 182.9173).
struct Decimal {
    int64_t scaled = 0;
    int decimals = 0;
};
using Cell = std::variant<std::string, Pence, int64_t, Decimal>;

struct Sheet {
    std::string name;
    std::vector<std::string> headers;
    std::vector<std::vector<Cell>> rows;
};

// Throws input_error naming the file if it cannot be written.
void write_workbook(const std::string &path, const std::vector<Sheet> &sheets,
                    const std::vector<std::pair<std::string, std::string>> &about);

} // namespace ascent::io
