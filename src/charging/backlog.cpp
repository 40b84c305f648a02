#include "charging/backlog.hpp"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/money.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::charging {

using Reader = io::YamlFields;

BacklogOption read_backlog_option(const io::YamlFields &in, const YAML::Node &o, int64_t &backlog_left) {
    BacklogOption option{o["name"] ? o["name"].Scalar() : std::string(), {}, 0};
    if (o["officer_cost"]) option.officer_cost = in.scaled(o, "officer_cost", 2, "'officer_cost' (pounds a year per officer)");
    if (const auto years = o["years"]) {
        if (!years.IsSequence() || years.size() == 0) in.fail(years, "'years' must be a list");
        for (const auto &y : years) {
            in.keys(y, {"assessments", "increase", "likelihood"}, "a year of a backlog option");
            option.years.push_back({in.scaled(y, "assessments", 2, "'assessments'"), in.scaled(y, "increase", 4, "'increase' (pounds a week)"),
                                    in.scaled(y, "likelihood", 4, "'likelihood'", true), 0});
        }
        return option;
    }
    const auto officers = o["officers"];
    const auto likelihood = o["likelihood"];
    if (!officers || !officers.IsSequence() || !likelihood || !likelihood.IsSequence())
        in.fail(o, "option '" + option.name + "': give 'years', or 'officers' and 'likelihood' lists (with 'per_officer', 'increase' and 'decay')");
    if (likelihood.size() != officers.size())
        in.fail(likelihood, "option '" + option.name + "': 'likelihood' needs one value for each year of 'officers'");
    const int64_t per_officer = in.scaled(o, "per_officer", 2, "'per_officer' (reassessments a year per officer)");
    int64_t increase = in.scaled(o, "increase", 4, "'increase' (pounds a week)");
    const int64_t decay = o["decay"] ? in.scaled(o, "decay", 4, "'decay'", true) : 0; // parts per million
    for (std::size_t t = 0; t < officers.size(); ++t) {
        const int64_t fte = in.scaled(officers[t], 2, "'officers'");
        int64_t n = divide_rounded(static_cast<Int128>(fte) * per_officer, 100, RoundingMode::half_up);
        if (backlog_left >= 0) {
            n = std::min(n, backlog_left);
            backlog_left -= n;
        }
        option.years.push_back({n, increase, in.scaled(likelihood[t], 4, "'likelihood'", true), fte});
        increase = divide_rounded(static_cast<Int128>(increase) * (1'000'000 - decay), 1'000'000, RoundingMode::half_up);
    }
    return option;
}

BacklogFile parse_backlog(std::string_view text, const std::string &path, const CohortSource &cohort) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) {
        const Reader in(path);
        if (!root.IsMap() || !root["name"] || !root["first_year"] || !root["options"] || !root["options"].IsSequence())
            in.fail(root, "a backlog model is a mapping with 'name', 'first_year' and a list of 'options'");
        in.keys(root, {"name", "first_year", "weeks_per_year", "income_years", "backlog", "overdue_months", "options"}, "a backlog model");
        BacklogFile file;
        BacklogModel &m = file.model;
        m.name = root["name"].Scalar();
        const auto first = FinancialYear::parse(root["first_year"].Scalar());
        if (!first) in.fail(root["first_year"], "'first_year' must be a financial year such as 2017/18");
        m.first_year = *first;
        if (const auto weeks = root["weeks_per_year"]) {
            const auto w = WeeksPerYear::parse(weeks.Scalar());
            if (!w) in.fail(weeks, "'weeks_per_year' must be 52, 52.14, 52.143 or 365/7");
            m.weeks = *w;
        }
        if (const auto years = root["income_years"]) {
            m.income_years = years.as<int>(0);
            if (m.income_years < 1 || m.income_years > 10) in.fail(years, "'income_years' must be a whole number of years, 1 to 10");
        }
        const auto backlog = root["backlog"];
        const bool from_ledger = backlog && backlog.IsScalar() && backlog.Scalar() == "ledger";
        if (const auto months = root["overdue_months"]) {
            if (!from_ledger) in.fail(months, "'overdue_months' is for a backlog from the ledger ('backlog: ledger')");
            const int n = months.as<int>(0);
            if (n < 1 || n > 120) in.fail(months, "'overdue_months' must be a whole number of months, 1 to 120");
        }
        if (from_ledger) {
            if (!cohort) in.fail(backlog, "'backlog: ledger' needs the ledger: run it against a council database");
            file.cohort = cohort(root["overdue_months"] ? root["overdue_months"].as<int>() : 12);
            m.backlog = file.cohort->overdue * 100;
        } else if (backlog) {
            m.backlog = in.scaled(root, "backlog", 2, "'backlog' (reassessments overdue, or 'ledger')");
        }
        for (const auto &o : root["options"]) {
            in.keys(o, {"name", "officer_cost", "years", "officers", "likelihood", "per_officer", "increase", "decay"}, "a backlog option");
            if (!o["name"]) in.fail(o, "each option needs a 'name'");
            int64_t left = backlog ? m.backlog : -1; // each option clears the same backlog
            m.options.push_back(read_backlog_option(in, o, left));
        }
        return file;
    });
}

BacklogFile parse_backlog_file(const std::string &path, const CohortSource &cohort) {
    return parse_backlog(io::read_text_file(path, "the backlog model"), path, cohort);
}

BacklogModel read_backlog(std::string_view text, const std::string &path) { return parse_backlog(text, path, {}).model; }

BacklogModel read_backlog_file(const std::string &path) { return parse_backlog_file(path, {}).model; }

std::vector<BacklogProjection> project(const BacklogModel &model) {
    // Every cohort's annual income over one common denominator: assessments (1/100) × increase
    // (1/100 p) × likelihood (1/1e6) × weeks (num/den), and 2 for the half years.
    const Int128 denominator = static_cast<Int128>(100) * 100 * 1'000'000 * model.weeks.weeks.den * 2;
    std::vector<BacklogProjection> out;
    for (const auto &o : model.options) {
        const std::size_t span = o.years.size() + static_cast<std::size_t>(model.income_years);
        std::vector<Int128> exact(span, 0);
        BacklogProjection p{o.name, {}, {}, 0, 0, 0};
        for (std::size_t c = 0; c < o.years.size(); ++c) {
            const auto &y = o.years[c];
            const Int128 annual_twice = static_cast<Int128>(y.assessments) * y.increase * y.likelihood * model.weeks.weeks.num;
            // Half in the reassessment year, whole years after it, half in the last.
            exact[c] += annual_twice;
            for (int k = 1; k < model.income_years; ++k) exact[c + static_cast<std::size_t>(k)] += 2 * annual_twice;
            exact[c + static_cast<std::size_t>(model.income_years)] += annual_twice;
            p.assessments += y.assessments;
        }
        Int128 total = 0;
        for (const auto &e : exact) {
            p.income.push_back(divide_rounded(e, denominator, RoundingMode::half_up));
            total += e;
        }
        p.total_income = divide_rounded(total, denominator, RoundingMode::half_up);
        if (o.officer_cost > 0)
            for (const auto &y : o.years) {
                const int64_t fte = y.officers > 0 ? y.officers : 0;
                p.cost.push_back(divide_rounded(static_cast<Int128>(fte) * o.officer_cost, 100, RoundingMode::half_up));
                p.total_cost += p.cost.back();
            }
        out.push_back(std::move(p));
    }
    return out;
}

std::string format_backlog(const BacklogModel &model, const std::vector<BacklogProjection> &projections,
                           const std::optional<BacklogCohort> &cohort) {
    const auto decimal = [](int64_t scaled, int decimals) {
        const int64_t unit = io::power_of_ten(decimals);
        std::string s = fmt::format("{}.{:0{}}", scaled / unit, scaled % unit, decimals);
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
        return s;
    };
    const auto pounds = [](int64_t pence) { return format_pounds(Money::from_pence(pence)); };
    std::string out = fmt::format("{}\nIncome = reassessments × weekly increase × {} weeks × likelihood still in care; "
                                  "it lasts {} from each reassessment, spread evenly through the year, so half a year's falls in the year of the "
                                  "reassessment; rounded half-up once\n",
                                  model.name, model.weeks.name, count_of(static_cast<uint64_t>(model.income_years), "year", "years"));
    if (const auto &c = cohort)
        out += fmt::format("Backlog from the ledger on {}: {} of the {} people receiving care (not S117 aftercare) were last financially "
                           "assessed more than {} months before it ({} with no assessment date recorded are not counted)\n",
                           c->as_at.uk(), group_thousands(c->overdue), group_thousands(c->receiving), c->overdue_months,
                           group_thousands(c->never));
    for (std::size_t i = 0; i < model.options.size(); ++i) {
        const auto &o = model.options[i];
        const auto &p = projections[i];
        out += fmt::format("\n{}\n{:<36}", o.name, "");
        FinancialYear fy = model.first_year;
        for (std::size_t y = 0; y < p.income.size(); ++y, fy = fy.next()) out += fmt::format(" {:>11}", fy.label());
        const auto row = [&](const std::string &label, auto cell) {
            out += fmt::format("\n{:<36}", label);
            for (std::size_t y = 0; y < p.income.size(); ++y)
                out += fmt::format(" {:>11}", y < o.years.size() ? cell(o.years[y]) : std::string("NA"));
        };
        if (o.years.front().officers > 0) row("Officers (FTE)", [&](const BacklogYear &y) { return decimal(y.officers, 2); });
        row("Number of assessments", [&](const BacklogYear &y) { return decimal(y.assessments, 2); });
        row("Average weekly increase", [&](const BacklogYear &y) { return "£" + decimal(y.increase, 4); });
        row("Likelihood still in receipt of care", [&](const BacklogYear &y) { return decimal(y.likelihood, 4) + "%"; });
        out += fmt::format("\n{:<36}", "Income");
        for (auto v : p.income) out += fmt::format(" {:>11}", pounds(v));
        if (!p.cost.empty()) {
            out += fmt::format("\n{:<36}", "Officer cost");
            for (std::size_t y = 0; y < p.income.size(); ++y)
                out += fmt::format(" {:>11}", y < p.cost.size() ? pounds(p.cost[y]) : "");
        }
        out += fmt::format("\nTotal over the whole period: {} additional income{}\n", pounds(p.total_income),
                           p.cost.empty() ? " (officer costs not given)" : "; net of officer costs " + pounds(p.total_income - p.total_cost));
    }
    out += fmt::format("\n{:<48} {:>12} {:>14} {:>14} {:>14}\n", "Option", "assessments", "income", "officer cost", "net");
    for (const auto &p : projections)
        out += fmt::format("{:<48} {:>12} {:>14} {:>14} {:>14}\n", p.name.substr(0, 48), decimal(p.assessments, 2),
                           pounds(p.total_income), p.cost.empty() ? "not given" : pounds(p.total_cost),
                           pounds(p.total_income - p.total_cost));
    return out;
}

} // namespace ascent::charging
