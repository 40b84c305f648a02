// Streaming XLSX sheet reader (libzip + expat).
//
// Reads workbook.xml and its relationships to find the sheet, the shared strings, and the cell
// styles (to tell dates from numbers), then parses the sheet's XML in 64 KiB chunks as it
// decompresses (no DOM), only as far as the rows asked for, so memory stays small for any sheet
// size. Date cells come out as ISO text (yyyy-mm-dd), numbers as Excel
// shows them (15 significant digits), booleans as TRUE/FALSE. Zip entries whose declared size
// exceeds the limit are refused before anything is decompressed.
#pragma once

#include <string>
#include <vector>

#include "io/table_reader.hpp"

namespace ascent::io {

std::unique_ptr<TableReader> open_xlsx(const std::string &path, const TableOptions &options);
// Sheet names in workbook order.
std::vector<std::string> xlsx_sheet_names(const std::string &path);

} // namespace ascent::io
