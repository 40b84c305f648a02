// Worklists: one lever's people for a review team, as CSV or XLSX, highest saving per review hour
// first, with the explanation of every figure. Optionally pseudonymised: person ids become keyed
// HMAC-SHA-256 pseudonyms and exact ages become age bands.
#include <xlsxwriter.h>

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "app/council.hpp"
#include "core/error.hpp"
#include "io/csv_writer.hpp"
#include "io/digest.hpp"

namespace ascent::app {

namespace {

using namespace opportunity;

// One worklist row; money as pence so each format can write it its own way.
struct Row {
    std::string person, age, support_reason, setting, stratum, values, estimate, overlap;
    int64_t weekly_cost = 0;
    std::array<int64_t, 3> saving_weekly{}; // pence (one-off levers: the one-off amount)
    int64_t saving_annual = 0;              // pence, central, full-year (one-off: the amount)
    int64_t per_review_hour = 0;            // pence of central annual saving per review hour
    int confidence = 0;
};

const std::vector<std::string> k_headers = {
    "Rank", "Person", "Age", "Support reason", "Setting", "Weekly cost £", "Group", "Saving low £ a week (one-off: total)", "Saving central £ a week",
    "Saving high £ a week", "Full-year central £", "Confidence %", "Saving per review hour £", "Why flagged", "Estimate", "Overlap"};

std::vector<Row> rows_for(const Analysis &a, const Lever &lever, const LeverResult &result, const WorklistOptions &options) {
    std::vector<Row> rows;
    const bool pseudonymise = !options.pseudonym_key.empty();
    for (const auto &flag : result.flags) {
        const auto e = explain(*a.table, *a.rules, a.found, flag);
        Row r;
        const auto id = a.person_id(flag.person);
        r.person = pseudonymise ? "PS-" + io::hmac_sha256(options.pseudonym_key, id).substr(0, 16) : std::string(id);
        const int age = a.facts->age[flag.person];
        r.age = age < 0 ? "not recorded" : pseudonymise ? std::string(to_string(age_band_of(age))) : std::to_string(age);
        r.support_reason = cohort_value(*a.table, flag.person, "support reason");
        r.setting = cohort_value(*a.table, flag.person, "setting");
        r.stratum = e.stratum;
        for (const auto &[field, value] : e.values)
            if (!(pseudonymise && field == "age")) r.values += (r.values.empty() ? "" : "; ") + field + ": " + value;
        r.estimate = e.arithmetic;
        r.overlap = e.overlap;
        r.weekly_cost = a.facts->weekly_cost[flag.person];
        for (std::size_t s = 0; s < 3; ++s) r.saving_weekly[s] = e.weekly[s].pence();
        r.saving_annual = e.annual[1].pence();
        r.per_review_hour = lever.review_hours > 0 ? divide_rounded(Int128{r.saving_annual} * 100, lever.review_hours, RoundingMode::half_up) : 0;
        r.confidence = e.confidence_percent;
        rows.push_back(std::move(r));
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row &x, const Row &y) {
        return x.per_review_hour != y.per_review_hour ? x.per_review_hour > y.per_review_hour : x.saving_annual > y.saving_annual;
    });
    return rows;
}

std::string pounds(int64_t pence) { return fmt::format("{}{}.{:02}", pence < 0 ? "-" : "", std::abs(pence) / 100, std::abs(pence) % 100); }

void write_csv(const std::vector<Row> &rows, const std::string &path) {
    io::CsvWriter out(path);
    for (const auto &h : k_headers) out.field(h);
    out.end_row();
    std::size_t rank = 0;
    for (const auto &r : rows) {
        out.fields({std::to_string(++rank), r.person, r.age, r.support_reason, r.setting, pounds(r.weekly_cost), r.stratum,
                    pounds(r.saving_weekly[0]), pounds(r.saving_weekly[1]), pounds(r.saving_weekly[2]), pounds(r.saving_annual),
                    std::to_string(r.confidence), pounds(r.per_review_hour), r.values, r.estimate, r.overlap});
        out.end_row();
    }
    out.close();
}

void check(lxw_error error, const std::string &path) {
    if (error != LXW_NO_ERROR) throw input_error(path + ": cannot write the workbook: " + lxw_strerror(error));
}

void write_xlsx(const Analysis &a, const Lever &lever, const std::vector<Row> &rows, const std::string &path, bool pseudonymised) {
    lxw_workbook *book = workbook_new(path.c_str());
    if (book == nullptr) throw input_error(path + ": cannot write");
    lxw_worksheet *sheet = workbook_add_worksheet(book, "Worklist");
    lxw_format *bold = workbook_add_format(book);
    format_set_bold(bold);
    format_set_text_wrap(bold);
    lxw_format *money = workbook_add_format(book);
    format_set_num_format(money, "£#,##0.00");
    // Money is exact pence in ascent; a spreadsheet cell holds a number, so each is written as pence / 100.
    const auto cell_money = [&](lxw_row_t row, lxw_col_t col, int64_t pence) {
        worksheet_write_number(sheet, row, col, static_cast<double>(pence) / 100.0, money);
    };
    for (std::size_t c = 0; c < k_headers.size(); ++c)
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), k_headers[c].c_str(), bold);
    lxw_row_t row = 0;
    for (const auto &r : rows) {
        ++row;
        worksheet_write_number(sheet, row, 0, row, nullptr);
        worksheet_write_string(sheet, row, 1, io::safe_cell(r.person).c_str(), nullptr);
        worksheet_write_string(sheet, row, 2, io::safe_cell(r.age).c_str(), nullptr);
        worksheet_write_string(sheet, row, 3, io::safe_cell(r.support_reason).c_str(), nullptr);
        worksheet_write_string(sheet, row, 4, io::safe_cell(r.setting).c_str(), nullptr);
        cell_money(row, 5, r.weekly_cost);
        worksheet_write_string(sheet, row, 6, io::safe_cell(r.stratum).c_str(), nullptr);
        for (lxw_col_t s = 0; s < 3; ++s) cell_money(row, static_cast<lxw_col_t>(7 + s), r.saving_weekly[s]);
        cell_money(row, 10, r.saving_annual);
        worksheet_write_number(sheet, row, 11, r.confidence, nullptr);
        cell_money(row, 12, r.per_review_hour);
        worksheet_write_string(sheet, row, 13, io::safe_cell(r.values).c_str(), nullptr);
        worksheet_write_string(sheet, row, 14, io::safe_cell(r.estimate).c_str(), nullptr);
        worksheet_write_string(sheet, row, 15, io::safe_cell(r.overlap).c_str(), nullptr);
    }
    worksheet_freeze_panes(sheet, 1, 2);
    worksheet_autofilter(sheet, 0, 0, row, static_cast<lxw_col_t>(k_headers.size() - 1));
    worksheet_set_column(sheet, 1, 4, 18, nullptr);
    worksheet_set_column(sheet, 5, 12, 13, nullptr);
    worksheet_set_column(sheet, 13, 15, 60, nullptr);

    lxw_worksheet *about = workbook_add_worksheet(book, "About");
    const auto &o = a.found;
    const std::vector<std::pair<std::string, std::string>> facts = {
        {"Lever", lever.name + " [" + lever.id + "]"},
        {"Cohort", lever.cohort.text()},
        {"Saving method", std::string(to_string(lever.method))},
        {"Basis", lever.basis},
        {"Source", lever.source.council + ", document " + lever.source.document + ", " + lever.source.reference},
        {"As at", o.as_at.uk()},
        {"Rules", o.rules_name + " version " + o.rules_version + " (SHA-256 " + o.rules_sha256 + "; " + a.conventions.levers_source + ")"},
        {"Weeks per year", std::string(o.weeks.name) + " (" + a.conventions.weeks_source + ")"},
        {"Rounding", "half-up, once, to the penny"},
        {"Sorted by", "central full-year saving per review hour (" + fmt::format("{}.{:02}", lever.review_hours / 100, lever.review_hours % 100) + " hours a case)"},
        {"Pseudonymised", pseudonymised ? "yes: person ids are keyed HMAC-SHA-256 pseudonyms; ages are bands" : "no: contains person ids"},
        {"People", std::to_string(rows.size())}};
    for (std::size_t i = 0; i < facts.size(); ++i) {
        worksheet_write_string(about, static_cast<lxw_row_t>(i), 0, facts[i].first.c_str(), bold);
        worksheet_write_string(about, static_cast<lxw_row_t>(i), 1, facts[i].second.c_str(), nullptr);
    }
    worksheet_set_column(about, 0, 0, 18, nullptr);
    worksheet_set_column(about, 1, 1, 100, nullptr);
    check(workbook_close(book), path);
}

} // namespace

std::size_t write_worklist(const Analysis &analysis, std::string_view lever_id, const std::string &path,
                           const WorklistOptions &options) {
    const Lever *lever = analysis.rules->find(lever_id);
    const LeverResult *result = analysis.lever_result(lever_id);
    if (lever == nullptr || result == nullptr) throw input_error("no lever '" + std::string(lever_id) + "' in this run");
    const auto rows = rows_for(analysis, *lever, *result, options);
    if (path.ends_with(".xlsx")) write_xlsx(analysis, *lever, rows, path, !options.pseudonym_key.empty());
    else if (path.ends_with(".csv")) write_csv(rows, path);
    else throw input_error(path + ": a worklist is written as .csv or .xlsx");
    return rows.size();
}

} // namespace ascent::app
