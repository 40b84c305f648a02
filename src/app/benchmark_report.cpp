// A benchmark comparison as a report (HTML or PDF: the table, a chart of each measure where the
// council is in the bottom quartile with the council highlighted, and the trend against the
// comparators) and as XLSX (the comparison, every comparator's value, and the group).
#include <fmt/format.h>

#include "app/case_reports.hpp"
#include "core/money.hpp"
#include "io/xlsx_writer.hpp"

namespace ascent::app {

namespace {

std::string text_of(const benchmark::Measure &m, const std::optional<int64_t> &v) {
    return v ? benchmark::format_value(*v, m.decimals) : "-";
}

double plain(int64_t v) { return static_cast<double>(v) / static_cast<double>(benchmark::k_value_scale); }

} // namespace

report::Document benchmark_document(const benchmark::NationalData &data, const benchmark::Comparison &cmp) {
    const auto &self = data.councils()[cmp.council];
    report::Document doc;
    doc.title = fmt::format("{} against {}", self.name, cmp.group.description);
    doc.footer = fmt::format("{} · {} · published national data · made by ascent", self.name, benchmark::year_label(cmp.year));
    doc.landscape = true;
    auto &b = doc.blocks;
    b.emplace_back(report::Heading{doc.title, 1});
    b.emplace_back(report::Paragraph{fmt::format(
        "{}, {} ({}). Values for {}; rank 1 is best given the measure's direction; Q is the quartile among the council and its {}.",
        self.name, self.type, self.region, benchmark::year_label(cmp.year), count_of(cmp.group.peers.size(), "comparator", "comparators"))});
    report::Table t{{"Measure", "Council", "Mean", "Median", "Rank", "Q", "Verdict"}, {}, {false, true, true, true, true, true, false}, {},
                    {6, 1, 1, 1, 1, 0.6, 1}};
    for (const auto &r : cmp.measures) {
        const auto &m = data.measures()[r.measure];
        t.rows.push_back({m.name + (m.higher_is_better ? "" : " (lower is better)"), text_of(m, r.value), text_of(m, r.peer_mean),
                          text_of(m, r.peer_median), r.rank ? fmt::format("{}/{}", r.rank, r.ranked) : "-",
                          r.quartile ? std::to_string(r.quartile) : "-", r.verdict});
        t.bold_rows.push_back(r.quartile == 4);
    }
    b.emplace_back(std::move(t));
    for (const auto &r : cmp.measures) {
        if (r.quartile != 4) continue;
        const auto &m = data.measures()[r.measure];
        b.emplace_back(report::Heading{m.name, 2});
        report::BarChart council_chart{fmt::format("{} and its comparators, {}", m.name, benchmark::year_label(cmp.year)), {}, {m.unit}, {{}}, {{}}, {}};
        std::vector<std::pair<int64_t, std::size_t>> values;
        if (r.value) values.emplace_back(*r.value, cmp.council);
        for (const auto &p : cmp.group.peers)
            if (const auto v = data.value(p.council, r.measure, cmp.year)) values.emplace_back(*v, p.council);
        std::sort(values.begin(), values.end(), [&](const auto &a, const auto &c) { return m.higher_is_better ? a.first > c.first : a.first < c.first; });
        for (const auto &[v, council] : values) {
            if (council == cmp.council) council_chart.highlight = council_chart.categories.size();
            council_chart.categories.push_back(data.councils()[council].name);
            council_chart.values[0].push_back(plain(v));
            council_chart.labels[0].push_back(benchmark::format_value(v, m.decimals));
        }
        b.emplace_back(std::move(council_chart));
        report::BarChart trend{"Trend: the council and the comparators' mean", {}, {self.name, "Comparators' mean"}, {{}, {}}, {{}, {}}, {}};
        for (std::size_t i = 0; i < r.trend.size(); ++i) {
            if (!r.trend[i].second && !r.peer_trend[i].second) continue;
            trend.categories.push_back(benchmark::year_label(r.trend[i].first));
            trend.values[0].push_back(r.trend[i].second ? plain(*r.trend[i].second) : 0);
            trend.values[1].push_back(r.peer_trend[i].second ? plain(*r.peer_trend[i].second) : 0);
            trend.labels[0].push_back(text_of(m, r.trend[i].second));
            trend.labels[1].push_back(text_of(m, r.peer_trend[i].second));
        }
        if (trend.categories.size() > 1) b.emplace_back(std::move(trend));
    }
    return doc;
}

void write_benchmark_xlsx(const benchmark::NationalData &data, const benchmark::Comparison &cmp, const std::string &path) {
    const auto decimal = [](const std::optional<int64_t> &v) -> io::Cell {
        if (!v) return std::string();
        return io::Decimal{*v, 4}; // stored exactly; Excel shows the published decimals via its own format
    };
    io::Sheet comparison{"Comparison", {"Measure", "Direction", "Council", "Comparators' mean", "Median", "Rank", "Of", "Quartile", "Verdict"}, {}};
    io::Sheet values{"Values", {"Measure", "Council", "ONS code", "Year", "Value"}, {}};
    for (const auto &r : cmp.measures) {
        const auto &m = data.measures()[r.measure];
        comparison.rows.push_back({m.name, std::string(m.higher_is_better ? "higher is better" : "lower is better"), decimal(r.value),
                                   decimal(r.peer_mean), decimal(r.peer_median), static_cast<int64_t>(r.rank),
                                   static_cast<int64_t>(r.ranked), static_cast<int64_t>(r.quartile), r.verdict});
        std::vector<std::size_t> councils{cmp.council};
        for (const auto &p : cmp.group.peers) councils.push_back(p.council);
        for (const auto c : councils)
            if (const auto v = data.value(c, r.measure, cmp.year))
                values.rows.push_back({m.name, data.councils()[c].name, data.councils()[c].ons_code, benchmark::year_label(cmp.year),
                                       decimal(v)});
    }
    io::Sheet peers{"Comparators", {"Council", "Type", "Region", "Distance", "Measures in common", "Why"}, {}};
    for (const auto &p : cmp.group.peers) {
        const auto &c = data.councils()[p.council];
        peers.rows.push_back({c.name, c.type, c.region, io::Decimal{static_cast<int64_t>(p.distance * 1000 + 0.5), 3},
                              static_cast<int64_t>(p.measures_in_common), p.why});
    }
    io::write_workbook(path, {comparison, values, peers},
                       {{"Council", data.councils()[cmp.council].name},
                        {"Comparators", cmp.group.description},
                        {"Year", benchmark::year_label(cmp.year)},
                        {"Source", "published ASCOF (NHS England), ASC-FR (NHS Digital) and ONS mid-year estimates, as loaded by ascent"}});
}

} // namespace ascent::app
