#include "cases/risk.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

#include "core/money.hpp"
#include "core/rng.hpp"
#include "core/year_effect.hpp"

namespace ascent::cases {

namespace {

constexpr int k_fixed_bits = 32;
constexpr double k_one = static_cast<double>(int64_t{1} << k_fixed_bits);

// A triangular distribution between `low` and `high` with its peak at `mode`, drawn as a multiple of
// `mode`; the constants of the inverse CDF are worked once. Inactive (always 1) when it has no width.
struct Triangle {
    bool active = false;
    double c = 0, low = 1, high = 1, a = 0, b = 0;
    static Triangle of(double low, double mode, double high) {
        Triangle t;
        if (high <= low || mode <= 0) return t;
        t.active = true;
        t.c = (mode - low) / (high - low);
        t.low = low / mode;
        t.high = high / mode;
        t.a = std::sqrt((high - low) * (mode - low)) / mode;
        t.b = std::sqrt((high - low) * (high - mode)) / mode;
        return t;
    }
    double draw(Rng &rng) const {
        if (!active) return 1.0;
        const double u = rng.uniform();
        return u < c ? low + std::sqrt(u) * a : high - std::sqrt(1 - u) * b;
    }
};

Date plus_months(Date d, int months) {
    const int total = d.year() * 12 + static_cast<int>(d.month()) - 1 + months;
    const int year = total / 12;
    const auto month = static_cast<unsigned>(total % 12 + 1);
    const auto last = static_cast<unsigned>(
        std::chrono::year_month_day_last(std::chrono::year(year), std::chrono::month_day_last(std::chrono::month(month))).day());
    return Date::ymd(year, month, std::min(d.day(), last));
}

// A savings or income line: its figures for each month of slippage (its own and its case's) and the
// triangular ranges of its inputs.
struct UncertainLine {
    std::vector<std::vector<int64_t>> by_slip; // programme-year figures for each month of slippage
    std::vector<int> first_by_slip;            // programme year the line starts in (-1 before the programme)
    Triangle people, rate, confidence, attrition;
    int slip_months = 0;                       // the line's own most
    bool own_range = false;                    // a range written in the case or taken from its lever
};

struct CaseModel {
    std::vector<int64_t> fixed;                // what is netted off (investment, reinvestment): as planned
    std::vector<UncertainLine> lines;
    DeliveryRisk delivery;
};

// The lever a line draws on gives its saving's range (low, central, high, net of overlap where netted)
// and its confidence, unless the case writes its own range for them.
void lever_ranges(const Line &line, const CohortFigures &f, UncertainLine &u) {
    if (!line.risk.rate && f.saving_range && f.weekly_saving_exact && *f.weekly_saving_exact > 0) {
        u.rate = Triangle::of(static_cast<double>(f.saving_range->first), static_cast<double>(*f.weekly_saving_exact),
                              static_cast<double>(f.saving_range->second));
    }
    if (!line.risk.confidence && f.lever_confidence > 0 && f.lever_confidence < k_ppm) {
        const auto own = static_cast<double>(line.confidence);
        u.confidence = Triangle::of(own * static_cast<double>(f.lever_confidence) / static_cast<double>(k_ppm), own, own);
    }
}

CaseModel model_of(const BusinessCase &c, const Programme &p, const CohortLookup &cohorts, CaseRisk &r) {
    CaseModel m{std::vector<int64_t>(static_cast<std::size_t>(p.years), 0), {}, delivery_risk(c.delivery_risk)};
    r.planned.assign(static_cast<std::size_t>(p.years), 0);
    for (const auto &line : c.preferred().lines) {
        const auto base = aligned(c, line, profile_line(c, line, cohorts), p.first_year, p.years);
        for (std::size_t y = 0; y < base.size(); ++y) r.planned[y] += sign_of(line) * base[y];
        if (sign_of(line) <= 0) {
            for (std::size_t y = 0; y < base.size(); ++y) m.fixed[y] += sign_of(line) * base[y];
            continue;
        }
        UncertainLine u;
        const auto &risk = line.risk;
        if (risk.people) u.people = Triangle::of(static_cast<double>(risk.people->first), static_cast<double>(line.people), static_cast<double>(risk.people->second));
        if (risk.rate) u.rate = Triangle::of(static_cast<double>(risk.rate->first), static_cast<double>(line.amount), static_cast<double>(risk.rate->second));
        if (risk.confidence)
            u.confidence = Triangle::of(static_cast<double>(risk.confidence->first), static_cast<double>(line.confidence),
                                        static_cast<double>(risk.confidence->second));
        if (risk.attrition)
            u.attrition = Triangle::of(static_cast<double>(risk.attrition->first), static_cast<double>(k_ppm), static_cast<double>(risk.attrition->second));
        if (line.cohort && !line.cohort->lever.empty() && cohorts) {
            lever_ranges(line, cohorts(*line.cohort), u);
            if (u.rate.active || u.confidence.active) ++r.lever_lines;
        }
        u.slip_months = risk.slip_months;
        u.own_range = u.people.active || u.rate.active || u.confidence.active || u.attrition.active || u.slip_months > 0;
        r.uncertain = r.uncertain || u.own_range;
        const Date start = line.start.value_or(c.first_year.first_day());
        for (int s = 0; s <= risk.slip_months + m.delivery.slip_months; ++s) {
            Line slipped = line;
            slipped.start = plus_months(start, s);
            BusinessCase longer = c; // a slipped start may run past the case's years
            const int start_offset = FinancialYear::containing(*slipped.start).start_year() - c.first_year.start_year();
            longer.years = std::max(c.years, start_offset + 1);
            u.by_slip.push_back(aligned(longer, slipped, profile_line(longer, slipped, cohorts), p.first_year, p.years));
            u.first_by_slip.push_back(FinancialYear::containing(*slipped.start).start_year() - p.first_year.start_year());
        }
        for (const auto v : base) r.varies = r.varies || v != 0 || u.own_range;
        m.lines.push_back(std::move(u));
    }
    return m;
}

int64_t scaled(int64_t pence, int64_t factor) {
    return static_cast<int64_t>((static_cast<Int128>(pence) * factor) >> k_fixed_bits);
}

// One case's trials: each year's net, trial by trial, into `out[year][trial]`.
void run_case(const CaseModel &m, int64_t trials, uint64_t seed, std::vector<std::vector<int64_t>> &out) {
    Rng rng(seed);
    const std::size_t years = m.fixed.size();
    const auto &d = m.delivery;
    for (int64_t t = 0; t < trials; ++t) {
        for (std::size_t y = 0; y < years; ++y) out[y][static_cast<std::size_t>(t)] = m.fixed[y];
        // The case's delivery risk: one draw, its two halves deciding slippage and shortfall.
        const uint64_t bits = rng.next();
        const double u_slip = static_cast<double>(bits >> 32) * 0x1.0p-32, u_short = static_cast<double>(bits & 0xFFFFFFFFu) * 0x1.0p-32;
        const int case_slip = u_slip < d.slip_chance ? std::max(1, static_cast<int>(std::ceil(u_slip / d.slip_chance * d.slip_months))) : 0;
        const double keep = u_short < d.shortfall_chance ? 1.0 - u_short / d.shortfall_chance * d.shortfall : 1.0;
        for (const auto &l : m.lines) {
            const double factor = keep * l.people.draw(rng) * l.rate.draw(rng) * l.confidence.draw(rng);
            const double attrition = l.attrition.draw(rng);
            // Slippage: triangular from 0 to the most, most likely none; whole months.
            const int own_slip = l.slip_months > 0 ? static_cast<int>(std::floor(l.slip_months * (1.0 - std::sqrt(1.0 - rng.uniform())) + 0.5)) : 0;
            const auto slip = std::min(static_cast<std::size_t>(own_slip + case_slip), l.by_slip.size() - 1);
            const auto &figures = l.by_slip[slip];
            const int first = l.first_by_slip[slip];
            const auto f = static_cast<int64_t>(std::llround(factor * k_one));
            const auto a = static_cast<int64_t>(std::llround(attrition * k_one));
            for (std::size_t y = 0; y < years; ++y) {
                int64_t v = scaled(figures[y], f);
                if (static_cast<int>(y) > first) v = scaled(v, a);
                out[y][static_cast<std::size_t>(t)] += v;
            }
        }
    }
}

// Nearest-rank percentiles; reorders `values`.
Percentiles percentiles(std::vector<int64_t> &values) {
    const auto rank = [&](int percent) {
        const auto n = values.size();
        const auto k = (n * static_cast<std::size_t>(percent) + 99) / 100; // ceil(p × n)
        const auto it = values.begin() + static_cast<std::ptrdiff_t>(k == 0 ? 0 : k - 1);
        std::nth_element(values.begin(), it, values.end());
        return *it;
    };
    Percentiles p;
    p.p50 = rank(50);
    p.p10 = rank(10);
    p.p90 = rank(90);
    return p;
}

// A year over counts what was secured in it; a current or later year cannot fall below it.
void apply_secured(const Secured &secured, const std::vector<FinancialYear> &years, std::vector<int64_t> &by_year,
                   std::vector<std::vector<int64_t>> &trials) {
    for (std::size_t y = 0; y < years.size(); ++y) {
        const int64_t floor = by_year[y] = secured.in(years[y]);
        for (auto &v : trials[y]) v = years[y] < secured.current ? floor : std::max(v, floor);
    }
}

uint64_t case_seed(uint64_t seed, std::size_t index) {
    Rng mix(seed ^ (0x9E3779B97F4A7C15ULL * (index + 1)));
    return mix.next();
}

} // namespace

int64_t Secured::in(FinancialYear year) const {
    int64_t total = 0;
    for (const auto &c : changes) total += effect_in_year(year, c.year, c.in_year, c.full_year);
    return total;
}

RiskResult simulate_risk(const Programme &programme, const RiskOptions &options, const CohortLookup &cohorts, const SecuredByCase &secured) {
    RiskResult result;
    for (int y = 0; y < programme.years; ++y) result.years.emplace_back(programme.first_year.start_year() + y);
    result.trials = options.trials;
    result.seed = options.seed;
    result.targets = programme.targets;
    const std::size_t years = result.years.size(), trials = static_cast<std::size_t>(options.trials);
    std::vector<CaseModel> models;
    for (const auto &c : programme.cases) {
        CaseRisk r;
        r.id = c.id;
        r.title = c.title;
        r.delivery_risk = c.delivery_risk;
        models.push_back(model_of(c, programme, cohorts, r));
        result.uncertain = result.uncertain || r.varies;
        result.cases.push_back(std::move(r));
    }
    const unsigned threads = std::max(1u, std::min<unsigned>(options.threads ? options.threads : std::thread::hardware_concurrency(),
                                                             static_cast<unsigned>(models.size())));
    std::vector<std::vector<std::vector<int64_t>>> totals(threads, std::vector<std::vector<int64_t>>(years, std::vector<int64_t>(trials, 0)));
    std::atomic<std::size_t> next{0};
    const auto worker = [&](unsigned w) {
        std::vector<std::vector<int64_t>> values(years, std::vector<int64_t>(trials));
        for (std::size_t i; (i = next++) < models.size();) {
            run_case(models[i], options.trials, case_seed(options.seed, i), values);
            if (const auto s = secured.find(programme.cases[i].id); s != secured.end()) {
                result.cases[i].secured.assign(years, 0);
                apply_secured(s->second, result.years, result.cases[i].secured, values);
            }
            for (std::size_t y = 0; y < years; ++y) {
                auto &sum = totals[w][y];
                for (std::size_t t = 0; t < trials; ++t) sum[t] += values[y][t];
                result.cases[i].by_year.push_back(percentiles(values[y]));
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned w = 1; w < threads; ++w) pool.emplace_back(worker, w);
    worker(0);
    for (auto &t : pool) t.join();
    for (unsigned w = 1; w < threads; ++w)
        for (std::size_t y = 0; y < years; ++y)
            for (std::size_t t = 0; t < trials; ++t) totals[0][y][t] += totals[w][y][t];
    result.planned.assign(years, 0);
    for (const auto &c : result.cases)
        for (std::size_t y = 0; y < years; ++y) result.planned[y] += c.planned[y];
    for (const auto &[fy, target] : programme.targets) {
        const int offset = fy.start_year() - programme.first_year.start_year();
        if (offset < 0 || offset >= programme.years) {
            result.chance.push_back(0.0);
            result.certain.push_back(true);
            result.extremes.emplace_back(0, 0);
            continue;
        }
        const auto &year = totals[0][static_cast<std::size_t>(offset)];
        // By value: clang 14 cannot capture a structured binding.
        const auto met = std::count_if(year.begin(), year.end(), [target = target](int64_t v) { return v >= target; });
        result.chance.push_back(static_cast<double>(met) / static_cast<double>(trials));
        const auto [low, high] = std::minmax_element(year.begin(), year.end());
        result.certain.push_back(*low == *high);
        result.extremes.emplace_back(*low, *high);
    }
    for (std::size_t y = 0; y < years; ++y) result.by_year.push_back(percentiles(totals[0][y]));
    return result;
}

DeliveryRisk delivery_risk(Rating rating) {
    switch (rating) {
    case Rating::low: return {0.10, 3, 0.05, 0.10};
    case Rating::medium: return {0.25, 6, 0.15, 0.25};
    case Rating::high: return {0.50, 9, 0.30, 0.50};
    }
    return {};
}

std::string describe(const DeliveryRisk &d) {
    return fmt::format("{:.0f}% chance of a start 1 to {} months late; {:.0f}% chance of a shortfall of up to {:.0f}%", 100 * d.slip_chance,
                       d.slip_months, 100 * d.shortfall_chance, 100 * d.shortfall);
}

std::string format_risk(const RiskResult &r) {
    std::string out = fmt::format("Risk ranges: {} trials, seed {}; in-year net saving by financial year (P10 / P50 / P90)\n\n",
                                  group_thousands(r.trials), r.seed);
    const auto k = [](int64_t pence) { return format_thousands(Money::from_pence(pence), 1); };
    std::string header = fmt::format("{:<40}", "Case (delivery risk)");
    for (const auto &fy : r.years) header += fmt::format(" {:>32}", fy.label() + " planned | P10 P50 P90");
    out += header + "\n";
    const auto row = [&](const std::string &name, const std::vector<int64_t> &planned, const std::vector<Percentiles> &p) {
        std::string s = fmt::format("{:<40}", name.substr(0, 40));
        for (std::size_t y = 0; y < p.size(); ++y)
            s += fmt::format(" {:>8} | {:>7} {:>7} {:>7}", k(planned[y]), k(p[y].p10), k(p[y].p50), k(p[y].p90));
        return s + "\n";
    };
    int lever_lines = 0;
    for (const auto &c : r.cases) {
        lever_lines += c.lever_lines;
        out += row(fmt::format("{} ({}){} {}", c.id, letter_of(c.delivery_risk), c.uncertain ? "" : " no ranges", c.title), c.planned, c.by_year);
        if (c.secured.empty()) continue;
        std::string s = fmt::format("{:<40}", "  secured by decided reviews");
        for (const auto pence : c.secured) s += fmt::format(" {:>8}   {:>23}", k(pence), "");
        out += s + "\n";
    }
    out += row("Programme", r.planned, r.by_year);
    out += "\nWhat varies: the ranges a case writes; a line drawing on a lever, unless it writes its own, by the lever's low / "
           "central / high saving (net of overlap) and its confidence (" + count_of(static_cast<uint64_t>(lever_lines), "line", "lines") +
           "); and each case's delivery risk (ascent's assumption, docs/business-cases.md):\n";
    for (const auto rating : {Rating::high, Rating::medium, Rating::low})
        out += fmt::format("  {}: {}\n", letter_of(rating), describe(delivery_risk(rating)));
    for (std::size_t i = 0; i < r.targets.size(); ++i) {
        const auto target = fmt::format("the {} target of {}", r.targets[i].first.label(), format_pounds(Money::from_pence(r.targets[i].second)));
        const auto [least, most] = r.extremes[i];
        if (!r.certain[i] && r.chance[i] == 0.0) {
            out += fmt::format("\nChance of meeting {}: met in none of the {} trials (the most any trial saves that year is {})", target,
                               group_thousands(r.trials), format_pounds(Money::from_pence(most)));
            continue;
        }
        if (!r.certain[i] && r.chance[i] == 1.0) {
            out += fmt::format("\nChance of meeting {}: met in every one of the {} trials (the least any trial saves that year is {})", target,
                               group_thousands(r.trials), format_pounds(Money::from_pence(least)));
            continue;
        }
        if (!r.certain[i]) {
            out += fmt::format("\nChance of meeting {}: {:.1f}%", target, 100.0 * r.chance[i]);
            continue;
        }
        out += fmt::format("\nNo uncertainty about {}: {}, so every trial {} it", target,
                           r.uncertain ? "every trial gives the same figure in that year" : "no line of this programme has a range",
                           r.chance[i] > 0 ? "meets" : "misses");
    }
    if (!r.targets.empty()) out += "\n";
    return out;
}

} // namespace ascent::cases
