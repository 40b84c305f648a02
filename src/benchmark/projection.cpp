#include "benchmark/projection.hpp"

#include <fmt/format.h>

#include <functional>

#include "core/error.hpp"
#include "core/money.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::benchmark {

namespace {

std::string year_text(int y) { return fmt::format("{}-{:02}", y, (y + 1) % 100); }

std::optional<int> parse_year(std::string_view text) {
    const auto fy = FinancialYear::parse(text);
    if (!fy) return std::nullopt;
    return fy->start_year();
}

// One series projected to `years` values from its observed ones.
std::vector<int64_t> extend(const std::vector<int64_t> &observed, std::size_t years, TrendMethod method) {
    std::vector<int64_t> out = observed;
    const auto n = static_cast<int64_t>(observed.size());
    if (method == TrendMethod::straight_line) {
        // Least squares over t = 0 … n-1 (through both points when n = 2): x(t) = mean + slope (t - mean t).
        Int128 sum_x = 0, sum_tx = 0;
        for (int64_t t = 0; t < n; ++t) {
            sum_x += observed[static_cast<std::size_t>(t)];
            sum_tx += static_cast<Int128>(t) * observed[static_cast<std::size_t>(t)];
        }
        const Int128 sum_t = n * (n - 1) / 2, sum_tt = (n - 1) * n * (2 * n - 1) / 6;
        const Int128 slope_num = n * sum_tx - sum_t * sum_x, den = n * sum_tt - sum_t * sum_t; // slope = num / den
        for (auto t = static_cast<int64_t>(observed.size()); t < static_cast<int64_t>(years); ++t)
            // x(t) = (sum_x × den + slope_num × (n t − sum_t)) / (n × den)
            out.push_back(divide_rounded(sum_x * den + slope_num * (n * t - sum_t), n * den, RoundingMode::half_up));
        return out;
    }
    // Compound: the mean of the year-on-year ratios (each to a billionth), applied to the last observed value.
    constexpr int64_t k_nano = 1'000'000'000;
    Int128 ratio_sum = 0;
    for (std::size_t t = 1; t < observed.size(); ++t) {
        if (observed[t - 1] == 0) throw input_error("compound growth needs no zero in the observed years");
        ratio_sum += divide_rounded(static_cast<Int128>(observed[t]) * k_nano, observed[t - 1], RoundingMode::half_up);
    }
    const int64_t ratio = divide_rounded(ratio_sum, n - 1, RoundingMode::half_up);
    int64_t value = observed.back();
    for (std::size_t t = observed.size(); t < years; ++t) {
        value = divide_rounded(static_cast<Int128>(value) * ratio, k_nano, RoundingMode::half_up);
        out.push_back(value);
    }
    return out;
}

std::string decimal_text(int64_t micro, int64_t unit_micro) {
    // The value rounded to `unit_micro` and written with that many decimals.
    const int64_t rounded = divide_rounded(micro, unit_micro, RoundingMode::half_up);
    int decimals = 0;
    for (int64_t u = unit_micro; u < k_micro; u *= 10) ++decimals;
    int64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const int64_t magnitude = rounded < 0 ? -rounded : rounded;
    std::string s = (rounded < 0 ? "-" : "") + group_thousands(magnitude / scale);
    if (decimals > 0) s += fmt::format(".{:0{}}", magnitude % scale, decimals);
    return s;
}

class TrendReader {
public:
    explicit TrendReader(const std::string &path) : in_(path) {}

    TrendModel read(const YAML::Node &root) const {
        if (!root.IsMap() || !root["observed"] || !root["project_to"] || !root["series"])
            in_.fail(root, "a trend model is a mapping with 'observed' (years), 'project_to' and 'series'");
        in_.keys(root, {"name", "observed", "project_to", "method", "weeks_per_year", "series", "stated_total_clients"},
                 "a trend model");
        TrendModel m;
        m.name = root["name"] ? root["name"].Scalar() : "Trend projection";
        for (const auto &y : root["observed"]) m.observed.push_back(year(y, "an observed year"));
        if (m.observed.size() < 2) in_.fail(root["observed"], "'observed' needs at least two years");
        for (std::size_t i = 1; i < m.observed.size(); ++i)
            if (m.observed[i] != m.observed[i - 1] + 1) in_.fail(root["observed"], "the observed years must follow one another");
        m.project_to = year(root["project_to"], "'project_to'");
        if (m.project_to <= m.observed.back()) in_.fail(root["project_to"], "'project_to' must be after the last observed year");
        if (root["method"]) {
            const auto method = root["method"].Scalar();
            if (method != "straight_line" && method != "compound") in_.fail(root["method"], "'method' must be straight_line or compound");
            m.method = method == "compound" ? TrendMethod::compound : TrendMethod::straight_line;
        }
        if (const auto w = root["weeks_per_year"]) {
            const auto weeks = WeeksPerYear::parse(w.Scalar());
            if (!weeks) in_.fail(w, "'weeks_per_year' must be 52, 52.14, 52.143 or 365/7");
            m.weeks = *weeks;
        }
        const std::size_t all = static_cast<std::size_t>(m.project_to - m.observed.front() + 1);
        for (const auto &s : root["series"]) {
            Series series;
            in_.keys(s, {"name", "clients", "unit_cost", "stated_clients", "stated_unit_cost"}, "a series");
            if (!s["name"]) in_.fail(s, "each series needs a 'name'");
            series.name = s["name"].Scalar();
            series.clients = values(s, "clients", m.observed.size());
            series.unit_cost = values(s, "unit_cost", m.observed.size());
            series.stated_clients = stated(s["stated_clients"], all);
            series.stated_unit_cost = stated(s["stated_unit_cost"], all);
            m.series.push_back(std::move(series));
        }
        m.stated_total_clients = stated(root["stated_total_clients"], all);
        return m;
    }

private:
    int year(const YAML::Node &node, const std::string &what) const {
        const auto y = node && node.IsScalar() ? parse_year(node.Scalar()) : std::nullopt;
        if (!y) in_.fail(node, what + " must be a financial year such as 2016-17");
        return *y;
    }

    std::vector<int64_t> values(const YAML::Node &s, const char *key, std::size_t n) const {
        const auto list = s[key];
        if (!list || !list.IsSequence() || list.size() != n)
            in_.fail(list ? list : s, fmt::format("'{}' needs one value for each of the {} observed years", key, n));
        std::vector<int64_t> out;
        for (const auto &v : list) {
            if (v.Scalar().empty() || v.Scalar() == "-") in_.fail(v, fmt::format("'{}' has a missing value; a trend needs every observed year", key));
            out.push_back(in_.scaled(v, 6, fmt::format("a value of '{}'", key)));
        }
        return out;
    }

    std::vector<cases::StatedAmount> stated(const YAML::Node &list, std::size_t n) const {
        std::vector<cases::StatedAmount> out;
        if (!list) return out;
        if (!list.IsSequence() || list.size() != n) in_.fail(list, fmt::format("a stated row needs {} values, one for each year", n));
        for (const auto &v : list) {
            const auto a = cases::parse_stated(v.Scalar());
            if (!a) in_.fail(v, "a stated value must be a number as printed, such as 3,870 or 587.48");
            out.push_back(*a);
        }
        return out;
    }

    io::YamlFields in_;
};

} // namespace

TrendModel read_trend(std::string_view text, const std::string &path) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) { return TrendReader(path).read(root); });
}

TrendModel read_trend_file(const std::string &path) { return read_trend(io::read_text_file(path, "the trend model"), path); }

Projection project(const TrendModel &model) {
    Projection p;
    for (int y = model.observed.front(); y <= model.project_to; ++y) p.years.push_back(y);
    p.observed = model.observed.size();
    const std::size_t years = p.years.size();
    p.total_clients.assign(years, 0);
    p.total_annual_cost.assign(years, 0);
    // A stated figure (printed in units, so 1 unit = 100 "pence" in parse_stated) against a value in millionths.
    const auto check = [&](std::string what, const cases::StatedAmount &stated, int64_t micro) {
        const int64_t unit_micro = stated.unit * (k_micro / 100);
        const int64_t shown = divide_rounded(micro, unit_micro, RoundingMode::half_up) * unit_micro;
        p.checks.push_back({std::move(what), stated.text, decimal_text(micro, unit_micro), shown == stated.pence * (k_micro / 100)});
    };
    for (const auto &s : model.series) {
        SeriesProjection sp{s.name, extend(s.clients, years, model.method), extend(s.unit_cost, years, model.method), {}};
        for (std::size_t y = 0; y < years; ++y) {
            // clients (1e-6) × £ a week (1e-6) × weeks → pence: divide by 1e12 / 100.
            const Int128 weekly = static_cast<Int128>(sp.clients[y]) * sp.unit_cost[y];
            sp.annual_cost.push_back(divide_rounded(weekly * model.weeks.weeks.num, Int128{10'000'000'000} * model.weeks.weeks.den,
                                                    RoundingMode::half_up));
            p.total_clients[y] += sp.clients[y];
            p.total_annual_cost[y] += sp.annual_cost.back();
            if (y < s.stated_clients.size()) check(fmt::format("{} clients {}", s.name, year_text(p.years[y])), s.stated_clients[y], sp.clients[y]);
            if (y < s.stated_unit_cost.size())
                check(fmt::format("{} unit cost {}", s.name, year_text(p.years[y])), s.stated_unit_cost[y], sp.unit_cost[y]);
        }
        p.series.push_back(std::move(sp));
    }
    for (std::size_t y = 0; y < model.stated_total_clients.size(); ++y) {
        // The printed total against the printed rows above it, and against ascent's total.
        int64_t printed_rows = 0;
        bool all_printed = true;
        for (const auto &s : model.series) {
            if (y >= s.stated_clients.size()) all_printed = false;
            else printed_rows += s.stated_clients[y].pence * (k_micro / 100);
        }
        if (all_printed)
            check(fmt::format("Total clients {} against the rows printed above it", year_text(p.years[y])), model.stated_total_clients[y],
                  printed_rows);
        check(fmt::format("Total clients {} against the projection", year_text(p.years[y])), model.stated_total_clients[y],
              p.total_clients[y]);
    }
    return p;
}

std::string format_projection(const TrendModel &model, const Projection &p) {
    std::string out = fmt::format("{}\n{} from {} observed years; costs at {} weeks a year\n", model.name,
                                  model.method == TrendMethod::straight_line ? "Straight-line trend" : "Compound growth",
                                  p.observed, model.weeks.name);
    const auto table = [&](const std::string &title, auto cell, auto total) {
        out += fmt::format("\n{:<28}", title);
        for (std::size_t y = 0; y < p.years.size(); ++y)
            out += fmt::format(" {:>14}", year_text(p.years[y]) + (y < p.observed ? "" : " (p)"));
        out += "\n";
        for (const auto &s : p.series) {
            out += fmt::format("{:<28}", s.name);
            for (std::size_t y = 0; y < p.years.size(); ++y) out += fmt::format(" {:>14}", cell(s, y));
            out += "\n";
        }
        if (total) {
            out += fmt::format("{:<28}", "Total");
            for (std::size_t y = 0; y < p.years.size(); ++y) out += fmt::format(" {:>14}", total(y));
            out += "\n";
        }
    };
    table("Clients", [](const SeriesProjection &s, std::size_t y) { return decimal_text(s.clients[y], k_micro); },
          std::function<std::string(std::size_t)>([&](std::size_t y) { return decimal_text(p.total_clients[y], k_micro); }));
    table("Unit cost (£ a week)", [](const SeriesProjection &s, std::size_t y) { return decimal_text(s.unit_cost[y], k_micro / 100); },
          std::function<std::string(std::size_t)>());
    table("Cost a year", [](const SeriesProjection &s, std::size_t y) { return format_pounds(Money::from_pence(s.annual_cost[y])); },
          std::function<std::string(std::size_t)>([&](std::size_t y) { return format_pounds(Money::from_pence(p.total_annual_cost[y])); }));
    const auto last = p.years.size() - 1, base = p.observed - 1;
    out += fmt::format("\nCost change from {} to {}: {}\n", year_text(p.years[base]), year_text(p.years[last]),
                       format_pounds(Money::from_pence(p.total_annual_cost[last] - p.total_annual_cost[base])));
    if (!p.checks.empty()) {
        const auto differ = std::count_if(p.checks.begin(), p.checks.end(), [](const TrendCheck &c) { return !c.agrees; });
        out += fmt::format("\nPrinted figures checked: {}, {} differ\n", p.checks.size(), differ);
        for (const auto &c : p.checks)
            if (!c.agrees) out += fmt::format("  WARN {}: printed {}, computed {}\n", c.what, c.stated, c.computed);
    }
    return out;
}

} // namespace ascent::benchmark
