#include "cases/risk.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

#include "core/money.hpp"
#include "core/rng.hpp"

namespace ascent::cases {

namespace {

constexpr int k_fixed_bits = 32;
constexpr double k_one = static_cast<double>(int64_t{1} << k_fixed_bits);

// A triangular draw between `low` and `high` with its peak at `mode`, as a multiple of `mode`.
double triangular_factor(Rng &rng, double low, double mode, double high) {
    const double u = rng.uniform();
    if (high <= low || mode <= 0) return 1.0;
    const double c = (mode - low) / (high - low);
    const double x = u < c ? low + std::sqrt(u * (high - low) * (mode - low)) : high - std::sqrt((1 - u) * (high - low) * (high - mode));
    return x / mode;
}

Date plus_months(Date d, int months) {
    const int total = d.year() * 12 + static_cast<int>(d.month()) - 1 + months;
    const int year = total / 12;
    const auto month = static_cast<unsigned>(total % 12 + 1);
    const auto last = static_cast<unsigned>(
        std::chrono::year_month_day_last(std::chrono::year(year), std::chrono::month_day_last(std::chrono::month(month))).day());
    return Date::ymd(year, month, std::min(d.day(), last));
}

struct UncertainLine {
    int sign = 1;
    std::vector<std::vector<int64_t>> by_slip; // programme-year figures for each month of slippage
    std::vector<int> first_by_slip;            // programme year the line starts in (-1 before the programme)
    RiskRange risk;
    int64_t people = 0, rate = 0, confidence = 0;
};

struct CaseModel {
    std::vector<int64_t> fixed;                // lines without ranges
    std::vector<UncertainLine> lines;
};

CaseModel model_of(const BusinessCase &c, const Programme &p, const CohortLookup &cohorts, std::vector<int64_t> &planned) {
    CaseModel m{std::vector<int64_t>(static_cast<std::size_t>(p.years), 0), {}};
    planned.assign(static_cast<std::size_t>(p.years), 0);
    for (const auto &line : c.preferred().lines) {
        const auto base = aligned(c, line, profile_line(c, line, cohorts), p.first_year, p.years);
        for (std::size_t y = 0; y < base.size(); ++y) planned[y] += sign_of(line) * base[y];
        if (!line.risk.any() || sign_of(line) == 0) {
            for (std::size_t y = 0; y < base.size(); ++y) m.fixed[y] += sign_of(line) * base[y];
            continue;
        }
        UncertainLine u{sign_of(line), {}, {}, line.risk, line.people, line.amount, line.confidence};
        const Date start = line.start.value_or(c.first_year.first_day());
        for (int s = 0; s <= line.risk.slip_months; ++s) {
            Line slipped = line;
            slipped.start = plus_months(start, s);
            BusinessCase longer = c; // a slipped start may run past the case's years
            const int start_offset = FinancialYear::containing(*slipped.start).start_year() - c.first_year.start_year();
            longer.years = std::max(c.years, start_offset + 1);
            u.by_slip.push_back(aligned(longer, slipped, profile_line(longer, slipped, cohorts), p.first_year, p.years));
            u.first_by_slip.push_back(FinancialYear::containing(*slipped.start).start_year() - p.first_year.start_year());
        }
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
    for (int64_t t = 0; t < trials; ++t) {
        for (std::size_t y = 0; y < years; ++y) out[y][static_cast<std::size_t>(t)] = m.fixed[y];
        for (const auto &l : m.lines) {
            double factor = 1.0;
            const auto &r = l.risk;
            if (r.people) factor *= triangular_factor(rng, static_cast<double>(r.people->first), static_cast<double>(l.people), static_cast<double>(r.people->second));
            if (r.rate) factor *= triangular_factor(rng, static_cast<double>(r.rate->first), static_cast<double>(l.rate), static_cast<double>(r.rate->second));
            if (r.confidence)
                factor *= triangular_factor(rng, static_cast<double>(r.confidence->first), static_cast<double>(l.confidence),
                                            static_cast<double>(r.confidence->second));
            const double attrition = r.attrition ? triangular_factor(rng, static_cast<double>(r.attrition->first), static_cast<double>(k_ppm),
                                                                     static_cast<double>(r.attrition->second))
                                                 : 1.0;
            // Slippage: triangular from 0 to the most, most likely none; whole months.
            const auto slip = r.slip_months > 0 ? static_cast<std::size_t>(std::floor(
                                                      r.slip_months * (1.0 - std::sqrt(1.0 - rng.uniform())) + 0.5))
                                                : 0;
            const auto &figures = l.by_slip[std::min(slip, l.by_slip.size() - 1)];
            const int first = l.first_by_slip[std::min(slip, l.first_by_slip.size() - 1)];
            const auto f = static_cast<int64_t>(std::llround(factor * k_one));
            const auto a = static_cast<int64_t>(std::llround(attrition * k_one));
            for (std::size_t y = 0; y < years; ++y) {
                int64_t v = scaled(figures[y], f);
                if (static_cast<int>(y) > first) v = scaled(v, a);
                out[y][static_cast<std::size_t>(t)] += l.sign * v;
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
    for (const auto &c : changes) total += c.year == year ? c.in_year : c.year < year ? c.full_year : 0;
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
        CaseRisk r{c.id, c.title, {}, {}, false, {}};
        models.push_back(model_of(c, programme, cohorts, r.planned));
        r.uncertain = !models.back().lines.empty();
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
            continue;
        }
        const auto &year = totals[0][static_cast<std::size_t>(offset)];
        // By value: clang 14 cannot capture a structured binding.
        const auto met = std::count_if(year.begin(), year.end(), [target = target](int64_t v) { return v >= target; });
        result.chance.push_back(static_cast<double>(met) / static_cast<double>(trials));
    }
    for (std::size_t y = 0; y < years; ++y) result.by_year.push_back(percentiles(totals[0][y]));
    return result;
}

std::string format_risk(const RiskResult &r) {
    std::string out = fmt::format("Risk ranges: {} trials, seed {}; in-year net saving by financial year (P10 / P50 / P90)\n\n",
                                  group_thousands(r.trials), r.seed);
    const auto k = [](int64_t pence) { return format_thousands(Money::from_pence(pence), 1); };
    std::string header = fmt::format("{:<40}", "Case");
    for (const auto &fy : r.years) header += fmt::format(" {:>32}", fy.label() + " planned | P10 P50 P90");
    out += header + "\n";
    const auto row = [&](const std::string &name, const std::vector<int64_t> &planned, const std::vector<Percentiles> &p) {
        std::string s = fmt::format("{:<40}", name.substr(0, 40));
        for (std::size_t y = 0; y < p.size(); ++y)
            s += fmt::format(" {:>8} | {:>7} {:>7} {:>7}", k(planned[y]), k(p[y].p10), k(p[y].p50), k(p[y].p90));
        return s + "\n";
    };
    for (const auto &c : r.cases) {
        out += row(c.id + (c.uncertain ? " " : " (no ranges) ") + c.title, c.planned, c.by_year);
        if (c.secured.empty()) continue;
        std::string s = fmt::format("{:<40}", "  secured by decided reviews");
        for (const auto pence : c.secured) s += fmt::format(" {:>8}   {:>23}", k(pence), "");
        out += s + "\n";
    }
    out += row("Programme", r.planned, r.by_year);
    for (std::size_t i = 0; i < r.targets.size(); ++i)
        out += fmt::format("\nChance of meeting the {} target of {}: {:.1f}%", r.targets[i].first.label(),
                           format_pounds(Money::from_pence(r.targets[i].second)), 100.0 * r.chance[i]);
    if (!r.targets.empty()) out += "\n";
    return out;
}

} // namespace ascent::cases
