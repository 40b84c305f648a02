// A programme as text: the budget proposals table (the appendix's columns, £000 to 1 dp) and the
// programme summary (net savings by year, by category and directorate, against the targets).
#include <fmt/format.h>

#include "cases/programme.hpp"
#include "core/money.hpp"

namespace ascent::cases {

std::string thousands_figure(int64_t pence) {
    const int64_t hundreds = divide_rounded(pence, 10'000, RoundingMode::half_up); // £100s
    const int64_t magnitude = hundreds < 0 ? -hundreds : hundreds;
    return fmt::format("{}{}.{}", hundreds < 0 ? "-" : "", group_thousands(magnitude / 10), magnitude % 10);
}

namespace {

std::string cut(const std::string &text, std::size_t width) {
    return text.size() <= width ? text : text.substr(0, width - 3) + "...";
}

} // namespace

std::string format_budget_table(const BudgetTable &table, const std::vector<Check> &checks) {
    std::string out = table.name + "\n\n";
    std::string header = fmt::format("{:<52}", "Savings title");
    for (const auto &fy : table.years) header += fmt::format(" {:>10}", fy.label().substr(2) + " £000");
    header += fmt::format(" {:>10}  {}\n", "Total £000", "Risk  Staff");
    const auto figures = [&](const std::vector<int64_t> &years) {
        std::string s;
        int64_t total = 0;
        for (const auto v : years) {
            s += fmt::format(" {:>10}", thousands_figure(v));
            total += v;
        }
        return s + fmt::format(" {:>10}", thousands_figure(total));
    };
    walk(table, {
        [&](BudgetLevel level, const std::string &name) {
            if (level == BudgetLevel::directorate) out += name + "\n" + header;
            else out += (level == BudgetLevel::service ? "\n" : "") + name + "\n";
        },
        [&](const BudgetRow &r) {
            out += fmt::format("  {:<50}{}  {:<5} {}\n", cut(r.title, 50), figures(r.years), letter_of(r.risk), cut(r.staff, 24));
        },
        [&](BudgetLevel level, const std::string &name, const std::vector<int64_t> &sums, std::size_t, std::size_t) {
            const std::string label = level == BudgetLevel::directorate ? "TOTAL " + name : "Sub Total - " + name;
            out += fmt::format("{:<52}{}\n", cut(label, 52), figures(sums));
        },
    });
    if (!checks.empty()) {
        const auto differ = std::count_if(checks.begin(), checks.end(), [](const Check &k) { return !k.agrees; });
        out += fmt::format("\nPrinted totals checked: {}, {} differ\n", checks.size(), differ);
        for (const auto &k : checks)
            if (!k.agrees) out += "  WARN " + describe(k) + "\n";
    }
    return out;
}

std::string format_programme(const Programme &programme, const BudgetTable &table) {
    std::string out = fmt::format("{}: {} from {}\nNet savings on the incremental basis (the change on the year before), preferred options\n\n",
                                  programme.name, count_of(table.rows.size(), "case", "cases"), programme.first_year.label());
    std::string header = fmt::format("{:<12} {:<40}", "Case", "Title");
    for (const auto &fy : table.years) header += fmt::format(" {:>14}", fy.label());
    out += header + fmt::format(" {:>14}\n", "Total");
    const auto money_row = [&](const std::vector<int64_t> &years) {
        std::string s;
        int64_t total = 0;
        for (const auto v : years) {
            s += fmt::format(" {:>14}", format_pounds(Money::from_pence(v)));
            total += v;
        }
        return s + fmt::format(" {:>14}\n", format_pounds(Money::from_pence(total)));
    };
    for (const auto &r : table.rows) out += fmt::format("{:<12} {:<40}", cut(r.id, 12), cut(r.title, 40)) + money_row(r.years);
    const auto all = total_by_year(table);
    out += fmt::format("{:<53}", "Programme") + money_row(all);
    out += "\nBy category\n";
    for (const auto &[category, sums] : by_category(table)) out += fmt::format("  {:<51}", title_of(category)) + money_row(sums);
    out += "\nBy directorate\n";
    std::vector<std::string> seen;
    for (const auto &r : table.rows)
        if (std::find(seen.begin(), seen.end(), r.directorate) == seen.end()) {
            seen.push_back(r.directorate);
            out += fmt::format("  {:<51}", cut(r.directorate.empty() ? "(no directorate)" : r.directorate, 51)) +
                   money_row(subtotal(table, r.directorate, "", std::nullopt));
        }
    if (!programme.targets.empty()) {
        out += "\nAgainst the targets (cumulative net saving by the year)\n";
        for (const auto &[fy, target] : programme.targets) {
            int64_t delivered = 0;
            for (std::size_t y = 0; y < table.years.size() && table.years[y] <= fy; ++y) delivered += all[y];
            out += fmt::format("  {}: target {}, planned {}, {} {}\n", fy.label(), format_pounds(Money::from_pence(target)),
                               format_pounds(Money::from_pence(delivered)), delivered >= target ? "surplus" : "gap",
                               format_pounds(Money::from_pence(delivered >= target ? delivered - target : target - delivered)));
        }
    }
    return out;
}

} // namespace ascent::cases
