#include "cases/profile.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/money.hpp"

namespace ascent::cases {

namespace {

Ratio first_year_share(const Line &line, Date start) {
    const FinancialYear fy = FinancialYear::containing(start);
    Ratio share{fy.days_from(start), fy.days()};
    if (line.part_year == PartYear::months) {
        const auto months = fy.months_from(start);
        share = {months.num, months.den * 12};
    }
    if (line.phasing == Phasing::even) share.den *= 2;
    return share;
}

int64_t likelihood(const Line &line, int offset) {
    if (line.attrition.empty()) return k_ppm;
    return line.attrition[std::min(static_cast<std::size_t>(offset), line.attrition.size() - 1)];
}

std::string pounds(int64_t pence) { return format_pence(Money::from_pence(pence)); }

std::string decimal(int64_t scaled, int64_t unit) {
    std::string s = fmt::format("{}", scaled / unit);
    if (scaled % unit != 0) {
        int digits = 0;
        for (int64_t u = unit; u > 1; u /= 10) ++digits;
        std::string fraction = fmt::format("{:0{}}", scaled % unit, digits);
        while (fraction.back() == '0') fraction.pop_back();
        s += "." + fraction;
    }
    return s;
}

std::string percent(int64_t ppm) { return decimal(ppm, 10'000) + "%"; }

// A line's people and weekly rate, from the case or the cohort it draws on.
struct Inputs {
    int64_t rate = 0;    // pence (a week per person, or a year)
    int64_t people = 100;
    std::string cohort_note;
    // The line's weekly total as total / scale pence: rate × people / 100, or a lever's exact saving.
    Int128 total = 0, scale = 100;
    std::optional<WeeksPerYear> weeks; // a lever's weeks a year
};

Inputs inputs_of(const Line &line, const CohortLookup &cohorts) {
    Inputs in{line.amount, line.people, {}, 0, 100, std::nullopt};
    if (!line.cohort) return in;
    if (!cohorts) throw input_error("line '" + line.name + "' draws on a cohort of the ledger; profile it against a ledger");
    const CohortFigures f = cohorts(*line.cohort);
    in.people = f.people;
    in.cohort_note = fmt::format("{} ({} people)", f.source, decimal(f.people, 100));
    if (f.people == 0) return in;
    if (line.amount == 0 && line.cohort->share > 0)
        // share × the cohort's weekly cost, per person
        in.rate = divide_rounded(static_cast<Int128>(f.weekly_cost) * line.cohort->share * 100, static_cast<Int128>(k_ppm) * f.people,
                                 RoundingMode::half_up);
    else if (line.amount == 0) {
        in.rate = divide_rounded(static_cast<Int128>(f.weekly_saving) * 100, f.people, RoundingMode::half_up);
        if (f.weekly_saving_exact && line.kind == LineKind::weekly) {
            in.total = *f.weekly_saving_exact;
            in.scale = 10'000;
            in.weeks = f.weeks;
        }
    }
    return in;
}

} // namespace

LineProfile profile_line(const BusinessCase &c, const Line &line, const CohortLookup &cohorts) {
    const std::size_t years = static_cast<std::size_t>(c.years);
    LineProfile p{line.name, line.kind, line.type, std::vector<int64_t>(years, 0), 0, std::nullopt, {}};
    const Date start = line.start.value_or(c.first_year.first_day());
    const int first = FinancialYear::containing(start).start_year() - c.first_year.start_year();
    const auto apply_confidence = [&](int64_t pence) {
        return divide_rounded(static_cast<Int128>(pence) * line.confidence, k_ppm, RoundingMode::half_up);
    };

    if (line.kind == LineKind::explicit_years) {
        for (std::size_t y = 0; y < years; ++y) p.in_year[y] = apply_confidence(line.years[y]);
        p.full_year = p.in_year.back();
        p.workings = "yearly amounts as given";
    } else if (line.kind == LineKind::capacity) {
        charging::BacklogModel model{line.name, FinancialYear::containing(start), c.weeks, line.capacity_income_years, 0, {line.capacity}};
        const auto projection = charging::project(model).front();
        for (std::size_t k = 0; k < projection.income.size(); ++k)
            if (const std::size_t y = static_cast<std::size_t>(first) + k; y < years) p.in_year[y] = projection.income[k];
        p.workings = fmt::format("{} reassessments × weekly increase × {} weeks × likelihood still in care, half in the year of "
                                 "each reassessment; total {}",
                                 decimal(projection.assessments, 100), c.weeks.name, pounds(projection.total_income));
    } else if (line.one_off) {
        if (static_cast<std::size_t>(first) < years) p.in_year[static_cast<std::size_t>(first)] = apply_confidence(line.amount);
        p.workings = fmt::format("{} once, in {}", pounds(line.amount), FinancialYear::containing(start).label());
    } else {
        Inputs in = inputs_of(line, cohorts);
        const bool weekly = line.kind == LineKind::weekly;
        const WeeksPerYear convention = in.weeks.value_or(c.weeks);
        const Ratio weeks = !weekly ? Ratio{1, 1} : line.weeks.value_or(convention.weeks);
        const Int128 people = weekly ? in.people : 100;
        const bool per_person = in.scale == 100; // else a lever's exact total
        if (per_person) in.total = static_cast<Int128>(in.rate) * people;
        int64_t rate = in.rate;
        Int128 total = in.total;
        for (int k = 0; first + k < c.years; ++k) {
            if (k > 0 && line.decay > 0) {
                rate = divide_rounded(static_cast<Int128>(rate) * (k_ppm - line.decay), k_ppm, RoundingMode::half_up);
                total = per_person ? static_cast<Int128>(rate) * people : divide_rounded(total * (k_ppm - line.decay), k_ppm, RoundingMode::half_up);
            }
            const Ratio share = year_share(line, start, k);
            const Int128 numerator = total * weeks.num * share.num * likelihood(line, k) * line.confidence;
            const Int128 denominator = in.scale * weeks.den * share.den * k_ppm * k_ppm;
            p.in_year[static_cast<std::size_t>(first + k)] = divide_rounded(numerator, denominator, RoundingMode::half_up);
        }
        const int64_t annual = divide_rounded(in.total * weeks.num, in.scale * weeks.den, RoundingMode::half_up);
        if (line.lasts == 0 && line.decay == 0) p.full_year = apply_confidence(annual);
        if (weekly) {
            p.weekly = divide_rounded(in.total, in.scale, RoundingMode::half_up);
            p.workings = fmt::format("{} a week × {} people = {} a week; × {} weeks{} = {} a year", pounds(in.rate), decimal(in.people, 100),
                                     pounds(*p.weekly), line.weeks ? decimal(weeks.num, weeks.den) : std::string(convention.name),
                                     in.weeks && !line.weeks ? " (the lever catalogue's)" : "", pounds(annual));
        } else {
            p.workings = fmt::format("{} a year at full effect", pounds(in.rate));
        }
        const FinancialYear fy = FinancialYear::containing(start);
        if (line.part_year == PartYear::days) {
            p.workings += fmt::format("; from {}: {} of {} days in {}", start.uk(), fy.days_from(start), fy.days(), fy.label());
        } else {
            const auto months = fy.months_from(start);
            p.workings += fmt::format("; from {}: {} of 12 months in {}", start.uk(),
                                      decimal(divide_rounded(static_cast<Int128>(months.num) * 100, months.den, RoundingMode::half_up), 100),
                                      fy.label());
        }
        if (line.phasing == Phasing::even) p.workings += ", spread evenly (half-year effect)";
        if (line.lasts > 0) p.workings += fmt::format("; lasts {}", count_of(static_cast<uint64_t>(line.lasts), "year", "years"));
        if (line.decay > 0) p.workings += fmt::format("; falls {} a year", percent(line.decay));
        if (!line.attrition.empty()) {
            std::string list;
            for (const auto a : line.attrition) list += (list.empty() ? "" : ", ") + percent(a);
            p.workings += "; still in care: " + list;
        }
        if (!in.cohort_note.empty()) p.workings += "; cohort: " + in.cohort_note;
    }
    if (line.confidence != k_ppm) p.workings += "; confidence " + percent(line.confidence);
    return p;
}

int sign_of(const Line &line) {
    switch (line.type) {
    case LineType::saving:
    case LineType::income: return 1;
    case LineType::reinvestment: return -1;
    case LineType::investment: return line.netted ? -1 : 0;
    }
    return 0;
}

std::vector<int64_t> aligned(const BusinessCase &c, const Line &line, const LineProfile &profile, FinancialYear first, int years) {
    const bool ongoing = line.lasts == 0 && !line.one_off && line.kind != LineKind::capacity;
    std::vector<int64_t> out(static_cast<std::size_t>(years), 0);
    for (int y = 0; y < years; ++y) {
        const int offset = first.start_year() + y - c.first_year.start_year();
        if (offset >= 0 && offset < c.years) out[static_cast<std::size_t>(y)] = profile.in_year[static_cast<std::size_t>(offset)];
        else if (offset >= c.years && ongoing) out[static_cast<std::size_t>(y)] = profile.in_year.back();
    }
    return out;
}

Ratio year_share(const Line &line, Date start, int offset) {
    if (offset < 0) return {0, 1};
    const Ratio first = first_year_share(line, start);
    if (offset == 0) return first;
    if (line.lasts == 0 || offset < line.lasts) return {1, 1};
    if (offset == line.lasts) return {first.den - first.num, first.den};
    return {0, 1};
}

std::vector<int64_t> Profile::incremental(const std::vector<int64_t> &in_year) {
    std::vector<int64_t> out(in_year.size());
    for (std::size_t y = 0; y < in_year.size(); ++y) out[y] = in_year[y] - (y > 0 ? in_year[y - 1] : 0);
    return out;
}

const std::vector<int64_t> &Profile::row(std::string_view of) const {
    if (of == "gross") return gross;
    if (of == "income") return income;
    if (of == "investment") return investment;
    return net;
}

Profile profile_option(const BusinessCase &c, const DeliveryOption &option, const CohortLookup &cohorts) {
    const std::size_t years = static_cast<std::size_t>(c.years);
    Profile p;
    p.option = option.name;
    p.first_year = c.first_year;
    for (auto *row : {&p.gross, &p.income, &p.reinvestment, &p.investment, &p.investment_elsewhere, &p.net}) row->assign(years, 0);
    for (const auto &line : option.lines) {
        LineProfile lp = profile_line(c, line, cohorts);
        for (std::size_t y = 0; y < years; ++y) {
            const int64_t v = lp.in_year[y];
            p.net[y] += sign_of(line) * v;
            switch (line.type) {
            case LineType::saving: p.gross[y] += v; break;
            case LineType::income: p.income[y] += v; break;
            case LineType::reinvestment: p.reinvestment[y] += v; break;
            case LineType::investment: (line.netted ? p.investment : p.investment_elsewhere)[y] += v; break;
            }
        }
        const bool adds = line.type == LineType::saving || line.type == LineType::income;
        if (line.type != LineType::investment) p.full_year_effect += adds ? lp.full_year : -lp.full_year;
        p.lines.push_back(std::move(lp));
    }
    p.conventions = {fmt::format("weeks per year: {}", c.weeks.name),
                     "each line's figure for a year is exact until one rounding, half-up, to the penny",
                     "in-year basis: what falls in each financial year (1 April to 31 March); incremental: the change on the year before"};
    return p;
}

std::vector<Profile> profile_case(const BusinessCase &c, const CohortLookup &cohorts) {
    std::vector<Profile> out;
    for (const auto &o : c.options) out.push_back(profile_option(c, o, cohorts));
    return out;
}

} // namespace ascent::cases
