// A source of rows of text cells: a CSV file or one sheet of an XLSX workbook.
//
// Importers read every file through this interface, so CSV and XLSX extracts go through the
// same mapping and validation. Rows are numbered as a spreadsheet user sees them: the header is
// row 1. Problems with the file itself (not its values) are thrown as input errors naming the
// file and, where there is one, the row.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ascent::io {

struct TableOptions {
    std::string sheet;                       // XLSX sheet name; first sheet if empty
    std::size_t max_field_bytes = 1 << 20;   // a field longer than this is an error (1 MiB)
    std::size_t split_min_bytes = 32 << 20;  // files smaller than this are read on one thread
    uint64_t max_uncompressed_bytes = 1ULL << 30; // XLSX parts claiming more are refused (1 GiB)
};

class TableReader {
public:
    virtual ~TableReader() = default;
    // Reads the next row; false at the end. The views stay valid until the next call.
    virtual bool next(std::vector<std::string_view> &cells) = 0;
    // Spreadsheet row number of the row last returned (header = 1).
    virtual uint64_t row() const = 0;
    // For progress: how far through the input we are, in the reader's own units.
    virtual uint64_t progress_done() const = 0;
    virtual uint64_t progress_total() const = 0;
    // What the reader found out about the file ("UTF-8", "Windows-1252", "XLSX sheet 'Packages'").
    virtual std::string describe() const = 0;
    // Splits the rows not yet read into up to `parts` readers over consecutive ranges, cut at row
    // boundaries, each numbering its rows as the whole file does; this reader is then at the end.
    // Empty if the reader cannot split (XLSX) or the rest is smaller than split_min_bytes.
    virtual std::vector<std::unique_ptr<TableReader>> split(std::size_t parts) { (void)parts; return {}; }
};

// Opens a CSV, XLSX or legacy XLS file by its content (an XLSX file is a zip archive, an XLS file
// an OLE2 compound document).
std::unique_ptr<TableReader> open_table(const std::string &path, const TableOptions &options = {});
// The sheets of an XLSX or XLS workbook, in order; none for a CSV file.
std::vector<std::string> sheet_names(const std::string &path);

} // namespace ascent::io
