#include "io/table_reader.hpp"

#include <cstring>
#include <fstream>

#include "core/error.hpp"
#include "io/csv_reader.hpp"
#include "io/text_file.hpp"
#include "io/xls_reader.hpp"
#include "io/xlsx_reader.hpp"

namespace ascent::io {

std::unique_ptr<TableReader> open_table(const std::string &path, const TableOptions &options) {
    require_regular_file(path, "a CSV, XLSX or XLS file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error(path + ": cannot open: " + std::strerror(errno));
    char magic[4] = {};
    in.read(magic, 4);
    if (in.gcount() == 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0) return open_xlsx(path, options);
    if (in.gcount() == 4 && std::memcmp(magic, "\xD0\xCF\x11\xE0", 4) == 0) return open_xls(path, options);
    return open_csv(path, options);
}

std::vector<std::string> sheet_names(const std::string &path) {
    require_regular_file(path, "a CSV, XLSX or XLS file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error(path + ": cannot open: " + std::strerror(errno));
    char magic[4] = {};
    in.read(magic, 4);
    if (in.gcount() == 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0) return xlsx_sheet_names(path);
    if (in.gcount() == 4 && std::memcmp(magic, "\xD0\xCF\x11\xE0", 4) == 0) return xls_sheet_names(path);
    return {};
}

} // namespace ascent::io
