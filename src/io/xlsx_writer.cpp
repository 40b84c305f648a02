#include "io/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.hpp"
#include "io/csv_writer.hpp"

namespace ascent::io {

void write_workbook(const std::string &path, const std::vector<Sheet> &sheets,
                    const std::vector<std::pair<std::string, std::string>> &about) {
    lxw_workbook *book = workbook_new(path.c_str());
    if (book == nullptr) throw input_error(path + ": cannot write");
    lxw_format *bold = workbook_add_format(book);
    format_set_bold(bold);
    format_set_text_wrap(bold);
    lxw_format *money = workbook_add_format(book);
    format_set_num_format(money, "£#,##0.00");
    std::map<int, lxw_format *> decimal_formats;
    const auto decimal_format = [&](int decimals) {
        auto &f = decimal_formats[decimals];
        if (f == nullptr) {
            f = workbook_add_format(book);
            format_set_num_format(f, decimals > 0 ? ("#,##0." + std::string(static_cast<std::size_t>(decimals), '0')).c_str() : "#,##0");
        }
        return f;
    };
    for (const auto &s : sheets) {
        lxw_worksheet *sheet = workbook_add_worksheet(book, s.name.c_str());
        for (std::size_t c = 0; c < s.headers.size(); ++c)
            worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), s.headers[c].c_str(), bold);
        lxw_row_t row = 0;
        for (const auto &cells : s.rows) {
            ++row;
            for (std::size_t c = 0; c < cells.size(); ++c) {
                const auto col = static_cast<lxw_col_t>(c);
                if (const auto *text = std::get_if<std::string>(&cells[c]))
                    worksheet_write_string(sheet, row, col, safe_cell(*text).c_str(), nullptr);
                else if (const auto *pence = std::get_if<Pence>(&cells[c]))
                    worksheet_write_number(sheet, row, col, static_cast<double>(pence->value) / 100.0, money);
                else if (const auto *d = std::get_if<Decimal>(&cells[c]))
                    worksheet_write_number(sheet, row, col, static_cast<double>(d->scaled) / std::pow(10.0, d->decimals),
                                           decimal_format(d->decimals));
                else
                    worksheet_write_number(sheet, row, col, static_cast<double>(std::get<int64_t>(cells[c])), nullptr);
            }
        }
        worksheet_freeze_panes(sheet, 1, 0);
        if (!s.headers.empty()) worksheet_autofilter(sheet, 0, 0, row, static_cast<lxw_col_t>(s.headers.size() - 1));
        worksheet_set_column(sheet, 0, static_cast<lxw_col_t>(std::max<std::size_t>(1, s.headers.size()) - 1), 18, nullptr);
    }
    lxw_worksheet *sheet = workbook_add_worksheet(book, "About");
    for (std::size_t i = 0; i < about.size(); ++i) {
        worksheet_write_string(sheet, static_cast<lxw_row_t>(i), 0, about[i].first.c_str(), bold);
        worksheet_write_string(sheet, static_cast<lxw_row_t>(i), 1, about[i].second.c_str(), nullptr);
    }
    worksheet_set_column(sheet, 0, 0, 22, nullptr);
    worksheet_set_column(sheet, 1, 1, 100, nullptr);
    const lxw_error error = workbook_close(book);
    if (error != LXW_NO_ERROR) throw input_error(path + ": cannot write the workbook: " + lxw_strerror(error));
}

} // namespace ascent::io
