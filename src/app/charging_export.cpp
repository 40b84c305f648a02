// Charging results as XLSX: each with an "Income lines" sheet in the form business cases take
// (line, option, financial year, amount, basis), the detail behind it, and where it came from.
#include "app/council.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "io/xlsx_writer.hpp"

namespace ascent::app {

namespace {

using io::Cell;
using io::Pence;

const std::vector<std::string> k_income_headers = {"Line", "Option", "Financial year", "Income £", "Kind", "Basis"};

std::vector<Cell> income_line(const std::string &line, const std::string &option, FinancialYear year, Money amount,
                              const std::string &basis) {
    return {line, option, year.label(), Pence{amount.pence()}, std::string("income"), basis};
}

std::string joined(const std::vector<std::string> &parts) { return fmt::format("{}", fmt::join(parts, "; ")); }

} // namespace

void write_simulation_xlsx(const charging::Simulation &s, const std::string &path) {
    const auto &o = s.options;
    io::Sheet lines{"Income lines", k_income_headers, {}};
    io::Sheet options{"Options", {"Option", "Weekly income £", "Change a week £", "Paying", "Nil charge", "New payers",
                                  "No longer paying"}, {}};
    io::Sheet groups{"Client groups", {"Option", "Client group", "People", "Up", "Down", "Change a week £"}, {}};
    io::Sheet affected{"Most affected", {"Option", "Case", "Before £ a week", "After £ a week", "Change £"}, {}};
    const auto option_row = [&](const charging::OptionResult &r) {
        options.rows.push_back({r.name, Pence{r.weekly_income}, Pence{r.weekly_income - s.baseline.weekly_income}, r.payers,
                                r.nil, r.new_payers, r.no_longer_paying});
    };
    option_row(s.baseline);
    for (const auto &r : s.results) {
        option_row(r);
        const int64_t change = r.weekly_income - s.baseline.weekly_income;
        for (const auto &[year, amount] : charging::income_by_year(o, change))
            lines.rows.push_back(income_line(o.name, r.name, year, amount,
                                             format_pence(Money::from_pence(change)) + " a week × " +
                                                 std::string(o.weeks.name) + " weeks from " + o.effective.uk()));
        for (std::size_t g = 0; g < s.groups.size(); ++g) {
            const auto &t = r.by_group[g];
            groups.rows.push_back({r.name, s.groups[g], t.people, t.up, t.down, Pence{t.weekly_after - t.weekly_before}});
        }
        for (const auto &a : r.affected) affected.rows.push_back({r.name, a.id, Pence{a.before}, Pence{a.after}, Pence{a.after - a.before}});
    }
    std::vector<io::Sheet> sheets{lines, options, groups, affected};
    if (s.stays) {
        // The period's stays, each charged for its weeks (pence × days ÷ 7, rounded once).
        const auto &st = *s.stays;
        io::Sheet stays{"Short-term stays", {"Option", "Client group", "Stays", "Up", "Down", "Income £", "Change £"}, {}};
        const auto total = [&](const charging::OptionResult &r) {
            stays.rows.push_back({r.name, std::string("(all)"), r.payers + r.nil, int64_t{0}, int64_t{0},
                                  Pence{charging::stay_pence(r.weekly_income)},
                                  Pence{charging::stay_pence(r.weekly_income - st.baseline.weekly_income)}});
        };
        total(st.baseline);
        for (const auto &r : st.results) {
            total(r);
            for (std::size_t g = 0; g < st.groups.size(); ++g) {
                const auto &t = r.by_group[g];
                stays.rows.push_back({r.name, st.groups[g], t.people, t.up, t.down, Pence{charging::stay_pence(t.weekly_after)},
                                      Pence{charging::stay_pence(t.weekly_after - t.weekly_before)}});
            }
        }
        sheets.push_back(std::move(stays));
    }
    io::write_workbook(path, sheets,
                       {{"Simulation", o.name},
                        {"Assessed on", o.date.uk()},
                        {"Effective from", o.effective.uk()},
                        {"Weeks a year", std::string(o.weeks.name)},
                        {"Rounding", "half-up, once, to the penny"},
                        {"Caseload", std::to_string(s.cases) + " assessments"},
                        {"Short-term stays", s.stays ? std::to_string(s.stays->stays) + " stays, " + s.stays->from.uk() + " to " +
                                                           s.stays->to.uk() + ", each charged for its weeks"
                                                     : std::string("none (a case file)")},
                        {"Parameters", joined(s.parameter_sources)}});
}

void write_backlog_xlsx(const charging::BacklogModel &model, const std::vector<charging::BacklogProjection> &projections,
                        const std::string &path) {
    io::Sheet lines{"Income lines", k_income_headers, {}};
    io::Sheet years{"Reassessments", {"Option", "Financial year", "Officers (FTE)", "Assessments", "Weekly increase £",
                                      "Likelihood %", "Income £", "Officer cost £"}, {}};
    const auto hundredths = [](int64_t v) { return fmt::format("{}.{:02}", v / 100, v % 100); };
    for (std::size_t i = 0; i < projections.size(); ++i) {
        const auto &p = projections[i];
        const auto &o = model.options[i];
        FinancialYear year = model.first_year;
        for (std::size_t y = 0; y < p.income.size(); ++y, year = year.next()) {
            lines.rows.push_back(income_line(model.name, p.name, year, Money::from_pence(p.income[y]),
                                             "reassessment backlog model, " + std::string(model.weeks.name) + " weeks"));
            const bool reassessed = y < o.years.size();
            const charging::BacklogYear by = reassessed ? o.years[y] : charging::BacklogYear{};
            const auto shown = [&](std::string text) { return reassessed ? text : std::string(); };
            const Cell increase = reassessed ? Cell{Pence{divide_rounded(by.increase, 100, RoundingMode::half_up)}} : Cell{std::string()};
            const Cell cost = y < p.cost.size() ? Cell{Pence{p.cost[y]}} : Cell{std::string()};
            years.rows.push_back({p.name, year.label(), shown(hundredths(by.officers)), shown(hundredths(by.assessments)), increase,
                                  shown(fmt::format("{}.{:04}", by.likelihood / 10'000, by.likelihood % 10'000)),
                                  Pence{p.income[y]}, cost});
        }
    }
    io::write_workbook(path, {lines, years},
                       {{"Model", model.name},
                        {"First year", model.first_year.label()},
                        {"Weeks a year", std::string(model.weeks.name)},
                        {"Income lasts", std::to_string(model.income_years) + " year(s) from each reassessment"},
                        {"Rounding", "half-up, once, to the penny; weekly increases are shown to the penny"}});
}

void write_uprating_xlsx(const UprateOutcome &outcome, WeeksPerYear weeks, const std::string &path) {
    const auto &u = outcome.uprating;
    const int64_t change = u.total.weekly_after - u.total.weekly_before;
    io::Sheet lines{"Income lines", k_income_headers, {}};
    const std::string line = "Uprating to " + u.to.label();
    lines.rows.push_back(income_line(line, "uprate", u.to, in_year_from_weekly(Money::from_pence(change), weeks, u.to, u.effective),
                                     "weekly change × " + std::string(weeks.name) + " weeks from " + u.effective.uk()));
    lines.rows.push_back(income_line(line, "uprate", u.to.next(), annual_from_weekly(Money::from_pence(change), weeks),
                                     "full year, no further uprating"));
    io::Sheet people{"People", {"Case", "Client group", "Before £ a week", "After £ a week", "Change £"}, {}};
    for (const auto &p : u.people) {
        const auto &c = outcome.caseload[p.index];
        people.rows.push_back({c.id, c.group, Pence{p.before}, Pence{p.after}, Pence{p.after - p.before}});
    }
    io::write_workbook(path, {lines, people},
                       {{"Uprating", line},
                        {"Before", "parameters on " + u.before_on.uk()},
                        {"Effective", u.effective.uk()},
                        {"Carried forward", u.carried_forward.empty() ? "none" : joined(u.carried_forward)},
                        {"Parameters", joined(u.parameter_sources)}});
}

} // namespace ascent::app
