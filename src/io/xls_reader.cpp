#include "io/xls_reader.hpp"

#include <freexl.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace ascent::io {

namespace {

// An open workbook, closed when it goes.
class Workbook {
public:
    explicit Workbook(const std::string &path) : path_(path) {
        if (freexl_open(path.c_str(), &handle_) != FREEXL_OK)
            throw input_error(path + ": not a readable legacy Excel (.xls) workbook");
    }
    ~Workbook() { freexl_close(handle_); }
    Workbook(const Workbook &) = delete;
    Workbook &operator=(const Workbook &) = delete;

    std::vector<std::string> sheet_names() const {
        unsigned int count = 0;
        freexl_get_info(handle_, FREEXL_BIFF_SHEET_COUNT, &count);
        std::vector<std::string> names;
        for (unsigned short i = 0; i < count; ++i) {
            const char *name = nullptr;
            if (freexl_get_worksheet_name(handle_, i, &name) == FREEXL_OK && name != nullptr) names.emplace_back(name);
        }
        return names;
    }

    // Every row of a sheet as text.
    std::vector<std::vector<std::string>> rows(unsigned short sheet) const {
        if (freexl_select_active_worksheet(handle_, sheet) != FREEXL_OK) throw input_error(path_ + ": cannot read the sheet");
        unsigned int rows = 0;
        unsigned short columns = 0;
        freexl_worksheet_dimensions(handle_, &rows, &columns);
        std::vector<std::vector<std::string>> out(rows, std::vector<std::string>(columns));
        for (unsigned int r = 0; r < rows; ++r)
            for (unsigned short c = 0; c < columns; ++c) {
                FreeXL_CellValue cell;
                if (freexl_get_cell_value(handle_, r, c, &cell) != FREEXL_OK) continue;
                out[r][c] = text_of(cell);
            }
        return out;
    }

private:
    static std::string text_of(const FreeXL_CellValue &cell) {
        switch (cell.type) {
        case FREEXL_CELL_INT: return std::to_string(cell.value.int_value);
        case FREEXL_CELL_DOUBLE: {
            const double v = cell.value.double_value;
            if (std::floor(v) == v && std::abs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
            return fmt::format("{:.15g}", v);
        }
        case FREEXL_CELL_TEXT:
        case FREEXL_CELL_SST_TEXT:
        case FREEXL_CELL_DATE:
        case FREEXL_CELL_DATETIME:
        case FREEXL_CELL_TIME: return cell.value.text_value != nullptr ? cell.value.text_value : "";
        default: return {};
        }
    }

    std::string path_;
    const void *handle_ = nullptr;
};

class XlsReader final : public TableReader {
public:
    XlsReader(const std::string &path, const TableOptions &options) {
        const Workbook book(path);
        const auto names = book.sheet_names();
        if (names.empty()) throw input_error(path + ": the workbook has no sheets");
        std::size_t index = 0;
        if (!options.sheet.empty()) {
            const auto it = std::find(names.begin(), names.end(), options.sheet);
            if (it == names.end()) throw input_error(path + ": the workbook has no sheet named '" + options.sheet + "'");
            index = static_cast<std::size_t>(it - names.begin());
        }
        sheet_ = names[index];
        rows_ = book.rows(static_cast<unsigned short>(index));
    }

    bool next(std::vector<std::string_view> &cells) override {
        if (next_ >= rows_.size()) return false;
        const auto &row = rows_[next_++];
        std::size_t used = row.size();
        while (used > 0 && row[used - 1].empty()) --used; // as a CSV export would, without trailing empty cells
        cells.assign(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(used));
        return true;
    }
    uint64_t row() const override { return next_; }
    uint64_t progress_done() const override { return next_; }
    uint64_t progress_total() const override { return rows_.size(); }
    std::string describe() const override { return "XLS, sheet '" + sheet_ + "'"; }

private:
    std::string sheet_;
    std::vector<std::vector<std::string>> rows_;
    std::size_t next_ = 0;
};

} // namespace

std::unique_ptr<TableReader> open_xls(const std::string &path, const TableOptions &options) {
    return std::make_unique<XlsReader>(path, options);
}

std::vector<std::string> xls_sheet_names(const std::string &path) { return Workbook(path).sheet_names(); }

} // namespace ascent::io
