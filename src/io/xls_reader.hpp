// Legacy Excel (.xls, BIFF) workbooks through libfreexl: one sheet as rows of text cells, the
// same TableReader every importer uses. Numbers come as text the way Excel shows them unformatted
// (whole numbers without decimals, others to 15 significant digits); dates as yyyy-mm-dd.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/table_reader.hpp"

namespace ascent::io {

std::unique_ptr<TableReader> open_xls(const std::string &path, const TableOptions &options);
std::vector<std::string> xls_sheet_names(const std::string &path);

} // namespace ascent::io
