#include "cases/reconcile.hpp"

#include <fmt/format.h>

#include "core/money.hpp"

namespace ascent::cases {

Check check_stated(std::string what, const StatedAmount &stated, int64_t computed) {
    const int64_t shown = Money::from_pence(computed).rounded_to(stated.unit).pence();
    return {std::move(what), stated.text, stated.unit, computed, computed - stated.pence, shown == stated.pence};
}

namespace {

std::string figure_name(const StatedFigure &f) {
    if (!f.year) return f.of + " total over the period";
    return fmt::format("{} {} {}", f.of, f.year->label(), f.basis == Basis::in_year ? "in-year" : "incremental");
}

} // namespace

int64_t computed_for(const StatedFigure &f, const Profile &p) {
    const auto &row = p.row(f.of);
    if (!f.year) {
        int64_t total = 0;
        for (const auto v : row) total += v;
        return total;
    }
    const int offset = f.year->start_year() - p.first_year.start_year();
    if (offset < 0 || offset >= static_cast<int>(row.size())) return 0;
    const auto y = static_cast<std::size_t>(offset);
    return f.basis == Basis::in_year ? row[y] : Profile::incremental(row)[y];
}

std::vector<Check> reconcile(const BusinessCase &c, const std::vector<Profile> &profiles) {
    std::vector<Check> out;
    const auto &preferred = c.preferred();
    for (std::size_t i = 0; i < c.options.size(); ++i) {
        const auto &o = c.options[i];
        const auto &p = profiles[i];
        if (c.headline && &o == &preferred)
            out.push_back(check_stated(fmt::format("headline saving: {} of option '{}'", figure_name(*c.headline), o.name), c.headline->amount,
                                computed_for(*c.headline, p)));
        for (const auto &s : o.stated)
            out.push_back(check_stated(fmt::format("option '{}': {}", o.name, figure_name(s)), s.amount, computed_for(s, p)));
        for (std::size_t l = 0; l < o.lines.size(); ++l) {
            const auto &line = o.lines[l];
            const auto &lp = p.lines[l];
            if (line.stated_weekly && lp.weekly)
                out.push_back(check_stated(fmt::format("option '{}', line '{}': weekly", o.name, line.name), *line.stated_weekly, *lp.weekly));
            if (line.stated_annual) {
                // The full-year figure before confidence: what the document multiplies out.
                const int64_t annual = lp.full_year != 0 ? lp.full_year : lp.in_year.empty() ? 0 : lp.in_year.front();
                out.push_back(check_stated(fmt::format("option '{}', line '{}': a year", o.name, line.name), *line.stated_annual, annual));
            }
        }
    }
    return out;
}

std::string describe(const Check &c) {
    // The computed figure written the way the stated one is, e.g. "£413K" beside "£412K".
    const int64_t unit = c.unit;
    const Money shown = Money::from_pence(c.computed).rounded_to(unit);
    const auto decimals = [&](int64_t scale) {
        int d = 0;
        for (int64_t u = unit; u < scale; u *= 10) ++d;
        return d;
    };
    std::string rounded;
    if (c.stated.ends_with('m')) rounded = format_millions(shown, decimals(100'000'000));
    else if (c.stated.ends_with('K') || c.stated.ends_with('k')) rounded = format_thousands(shown, decimals(100'000));
    else if (unit >= 100) rounded = format_pounds(shown);
    const std::string exact = format_pence(Money::from_pence(c.computed));
    const std::string computed = rounded.empty() || rounded == exact ? exact : fmt::format("{} (rounds to {})", exact, rounded);
    if (c.agrees) return fmt::format("{}: stated {}, computed {}: agrees", c.what, c.stated, computed);
    return fmt::format("{}: stated {}, computed {}: differs by {}", c.what, c.stated, computed,
                       format_pence(Money::from_pence(c.difference)));
}

} // namespace ascent::cases
