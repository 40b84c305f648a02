// The budget proposals table as XLSX, laid out as the appendix: the directorate, each service and
// category with its rows, and subtotals that are real formulas — SUM over a category's rows, a
// service's subtotal the sum of its categories', the directorate total the sum of its services' —
// so finance can audit the sheet in Excel. Each formula carries its computed value too, so a
// reader that does not recalculate shows the same figure. Figures are £000 to 1 dp.
#include <xlsxwriter.h>

#include <fmt/format.h>

#include "app/case_reports.hpp"
#include "core/error.hpp"
#include "io/csv_writer.hpp"

namespace ascent::app {

namespace {

std::string cell(lxw_row_t row, lxw_col_t col) {
    char buffer[16];
    lxw_rowcol_to_cell(buffer, row, col);
    return buffer;
}

double thousands(int64_t pence) { return static_cast<double>(pence) / 100'000.0; }

} // namespace

void write_budget_table_xlsx(const cases::BudgetTable &table, const std::vector<cases::Check> &checks, const std::string &path) {
    lxw_workbook *book = workbook_new(path.c_str());
    if (book == nullptr) throw input_error(path + ": cannot write");
    lxw_worksheet *sheet = workbook_add_worksheet(book, "Budget proposals");
    lxw_format *bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_format *header = workbook_add_format(book);
    format_set_bold(header);
    format_set_text_wrap(header);
    format_set_bg_color(header, 0xD9E1F2);
    lxw_format *wrap = workbook_add_format(book);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    lxw_format *number = workbook_add_format(book);
    format_set_num_format(number, "#,##0.0");
    format_set_align(number, LXW_ALIGN_VERTICAL_TOP);
    lxw_format *subtotal = workbook_add_format(book);
    format_set_num_format(subtotal, "#,##0.0");
    format_set_bold(subtotal);
    format_set_top(subtotal, LXW_BORDER_THIN);

    const auto years = static_cast<lxw_col_t>(table.years.size());
    const lxw_col_t first_year_col = 2, total_col = first_year_col + years;
    std::vector<std::string> headings = {"Savings Title", "How to be achieved"};
    for (const auto &fy : table.years) headings.push_back(fy.label().substr(2) + " Saving £000");
    headings.push_back(fmt::format("{} year Savings Total", table.years.size()));
    for (const char *h : {"Risk to delivery of saving (H/M/L)", "Impacts on staff - (incl no of posts deleted)",
                          "Impacts on property / assets etc", "Impacts to service delivery"})
        headings.emplace_back(h);

    lxw_row_t row = 0;
    worksheet_write_string(sheet, row++, 0, table.name.c_str(), bold);
    // A subtotal row: per year a formula over `ranges` (e.g. "C5:C19" or "C20+C30"), and the total.
    const auto write_total = [&](const std::string &label, const std::vector<int64_t> &sums, auto formula_for) {
        worksheet_write_string(sheet, row, 0, label.c_str(), bold);
        int64_t total = 0;
        for (lxw_col_t y = 0; y < years; ++y) {
            total += sums[y];
            worksheet_write_formula_num(sheet, row, first_year_col + y, formula_for(first_year_col + y).c_str(), subtotal, thousands(sums[y]));
        }
        const std::string sum = fmt::format("=SUM({}:{})", cell(row, first_year_col), cell(row, total_col - 1));
        worksheet_write_formula_num(sheet, row, total_col, sum.c_str(), subtotal, thousands(total));
        return row++;
    };
    std::vector<lxw_row_t> category_totals, service_totals;
    lxw_row_t rows_start = 0;
    cases::walk(table, {
        [&](cases::BudgetLevel level, const std::string &name) {
            if (level == cases::BudgetLevel::directorate) {
                ++row;
                worksheet_write_string(sheet, row++, 0, io::safe_cell(name).c_str(), bold);
                for (std::size_t c = 0; c < headings.size(); ++c)
                    worksheet_write_string(sheet, row, static_cast<lxw_col_t>(c), headings[c].c_str(), header);
                ++row;
                service_totals.clear();
            } else if (level == cases::BudgetLevel::service) {
                worksheet_write_string(sheet, row++, 0, io::safe_cell(name).c_str(), bold);
                category_totals.clear();
            } else {
                worksheet_write_string(sheet, row++, 0, io::safe_cell(name).c_str(), bold);
                rows_start = row;
            }
        },
        [&](const cases::BudgetRow &r) {
            worksheet_write_string(sheet, row, 0, io::safe_cell(r.title).c_str(), wrap);
            worksheet_write_string(sheet, row, 1, io::safe_cell(r.how_achieved).c_str(), wrap);
            for (lxw_col_t y = 0; y < years; ++y) worksheet_write_number(sheet, row, first_year_col + y, thousands(r.years[y]), number);
            const std::string sum = fmt::format("=SUM({}:{})", cell(row, first_year_col), cell(row, total_col - 1));
            worksheet_write_formula_num(sheet, row, total_col, sum.c_str(), number, thousands(r.total));
            const std::string risk(cases::letter_of(r.risk));
            worksheet_write_string(sheet, row, total_col + 1, io::safe_cell(risk).c_str(), wrap);
            worksheet_write_string(sheet, row, total_col + 2, io::safe_cell(r.staff).c_str(), wrap);
            worksheet_write_string(sheet, row, total_col + 3, io::safe_cell(r.property).c_str(), wrap);
            worksheet_write_string(sheet, row, total_col + 4, io::safe_cell(r.service_delivery).c_str(), wrap);
            ++row;
        },
        [&](cases::BudgetLevel level, const std::string &name, const std::vector<int64_t> &sums, std::size_t, std::size_t) {
            if (level == cases::BudgetLevel::category) {
                const lxw_row_t first = rows_start, last = row - 1;
                category_totals.push_back(write_total("Sub Total - " + name, sums, [&](lxw_col_t col) {
                    return fmt::format("=SUM({}:{})", cell(first, col), cell(last, col));
                }));
                ++row;
                return;
            }
            const auto &parts = level == cases::BudgetLevel::service ? category_totals : service_totals;
            const auto formula = [&](lxw_col_t col) {
                std::string f = "=";
                for (std::size_t i = 0; i < parts.size(); ++i) f += (i > 0 ? "+" : "") + cell(parts[i], col);
                return f;
            };
            if (level == cases::BudgetLevel::service) {
                service_totals.push_back(write_total("Sub Total - " + name, sums, formula));
                ++row;
            } else {
                write_total("TOTAL " + name, sums, formula);
            }
        },
    });
    worksheet_set_column(sheet, 0, 0, 36, nullptr);
    worksheet_set_column(sheet, 1, 1, 60, nullptr);
    worksheet_set_column(sheet, first_year_col, total_col, 11, nullptr);
    worksheet_set_column(sheet, total_col + 1, total_col + 1, 10, nullptr);
    worksheet_set_column(sheet, total_col + 2, total_col + 4, 40, nullptr);

    lxw_worksheet *about = workbook_add_worksheet(book, "Checks");
    worksheet_write_string(about, 0, 0, "Figures are each case's preferred option's net saving, incremental basis, £000; "
                                        "subtotals and totals are formulas over the rows.", bold);
    lxw_row_t r = 2;
    for (const auto &k : checks) {
        worksheet_write_string(about, r, 0, k.agrees ? "ok" : "DIFFERS", k.agrees ? nullptr : bold);
        worksheet_write_string(about, r++, 1, cases::describe(k).c_str(), nullptr);
    }
    worksheet_set_column(about, 1, 1, 140, nullptr);
    const lxw_error error = workbook_close(book);
    if (error != LXW_NO_ERROR) throw input_error(path + ": cannot write the workbook: " + lxw_strerror(error));
}

} // namespace ascent::app
