#include "benchmark/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/money.hpp"

namespace ascent::benchmark {

namespace {

std::optional<int64_t> mean_of(const std::vector<int64_t> &values) {
    if (values.empty()) return std::nullopt;
    Int128 sum = 0;
    for (const auto v : values) sum += v;
    return divide_rounded(sum, static_cast<Int128>(values.size()), RoundingMode::half_up);
}

std::optional<int64_t> median_of(std::vector<int64_t> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    const auto n = values.size();
    if (n % 2 == 1) return values[n / 2];
    return divide_rounded(static_cast<Int128>(values[n / 2 - 1]) + values[n / 2], 2, RoundingMode::half_up);
}

std::vector<int64_t> peer_values(const NationalData &data, const PeerGroup &group, std::size_t measure, int year) {
    std::vector<int64_t> out;
    for (const auto &p : group.peers)
        if (const auto v = data.value(p.council, measure, year)) out.push_back(*v);
    return out;
}

} // namespace

std::optional<PeerKind> parse_peer_kind(std::string_view text) {
    if (text == "region") return PeerKind::region;
    if (text == "type") return PeerKind::type;
    if (text == "nearest") return PeerKind::nearest;
    return std::nullopt;
}

std::string year_label(int year) { return fmt::format("{}-{:02}", year, (year + 1) % 100); }

PeerGroup peers_of(const NationalData &data, std::size_t council, PeerKind kind, int year, const std::vector<std::string> &list,
                   std::size_t nearest) {
    const auto &self = data.councils()[council];
    PeerGroup g;
    if (kind == PeerKind::list) {
        g.description = "the councils listed";
        for (const auto &name : list) {
            const auto c = data.find_council(name);
            if (!c) throw input_error("no council '" + name + "' in the national data");
            if (*c != council) g.peers.push_back({*c, 0, 0, "listed"});
        }
        return g;
    }
    if (kind != PeerKind::nearest) {
        const bool region = kind == PeerKind::region;
        g.description = region ? "councils in " + self.region : self.type + " councils";
        for (std::size_t c = 0; c < data.councils().size(); ++c) {
            const auto &other = data.councils()[c];
            if (c != council && (region ? other.region == self.region : other.type == self.type) && !other.type.empty())
                g.peers.push_back({c, 0, 0, region ? "same region" : "same council type"});
        }
        return g;
    }
    // Nearest neighbours: standardise each measure across every council in the year.
    const auto &measures = data.measures();
    std::vector<double> mean(measures.size(), 0), sd(measures.size(), 0);
    for (std::size_t m = 0; m < measures.size(); ++m) {
        std::vector<double> values;
        for (std::size_t c = 0; c < data.councils().size(); ++c)
            if (const auto v = data.value(c, m, year)) values.push_back(static_cast<double>(*v));
        if (values.size() < 2) continue;
        for (const double v : values) mean[m] += v / static_cast<double>(values.size());
        for (const double v : values) sd[m] += (v - mean[m]) * (v - mean[m]) / static_cast<double>(values.size() - 1);
        sd[m] = std::sqrt(sd[m]);
    }
    std::size_t own = 0;
    for (std::size_t m = 0; m < measures.size(); ++m) own += data.value(council, m, year) && sd[m] > 0 ? 1 : 0;
    if (own == 0) throw input_error(fmt::format("{} has no ASCOF values for {}", self.name, year_label(year)));
    std::vector<Peer> candidates;
    for (std::size_t c = 0; c < data.councils().size(); ++c) {
        if (c == council) continue;
        double sum = 0;
        std::size_t common = 0;
        std::vector<std::pair<double, std::size_t>> closest;
        for (std::size_t m = 0; m < measures.size(); ++m) {
            const auto a = data.value(council, m, year), b = data.value(c, m, year);
            if (!a || !b || sd[m] <= 0) continue;
            const double z = (static_cast<double>(*a) - static_cast<double>(*b)) / sd[m];
            sum += z * z;
            ++common;
            closest.emplace_back(std::abs(z), m);
        }
        if (common * 10 < own * 6) continue;
        std::sort(closest.begin(), closest.end());
        std::string why = fmt::format("closest on {}", measures[closest[0].second].id);
        for (std::size_t i = 1; i < std::min<std::size_t>(3, closest.size()); ++i) why += ", " + measures[closest[i].second].id;
        if (data.councils()[c].region == self.region) why += "; same region";
        if (data.councils()[c].type == self.type) why += "; same type";
        candidates.push_back({c, std::sqrt(sum / static_cast<double>(common)), common, why});
    }
    std::sort(candidates.begin(), candidates.end(), [&](const Peer &a, const Peer &b) {
        return a.distance != b.distance ? a.distance < b.distance : data.councils()[a.council].name < data.councils()[b.council].name;
    });
    candidates.resize(std::min(candidates.size(), nearest));
    g.description = fmt::format("the {} nearest neighbours on {} measures", candidates.size(), own);
    g.peers = std::move(candidates);
    return g;
}

Comparison compare(const NationalData &data, std::size_t council, const PeerGroup &group, int year) {
    Comparison out{council, year, group, {}};
    const auto years = data.years();
    for (std::size_t m = 0; m < data.measures().size(); ++m) {
        const auto &measure = data.measures()[m];
        MeasureComparison r;
        r.measure = m;
        r.value = data.value(council, m, year);
        const auto peers = peer_values(data, group, m, year);
        r.peers_with_value = peers.size();
        r.peer_mean = mean_of(peers);
        r.peer_median = median_of(peers);
        if (r.value && !peers.empty()) { // a rank among no comparators says nothing
            std::size_t better = 0;
            for (const auto v : peers) better += measure.higher_is_better ? (v > *r.value) : (v < *r.value);
            r.rank = better + 1;
            r.ranked = peers.size() + 1;
            r.quartile = static_cast<int>((r.rank * 4 + r.ranked - 1) / r.ranked);
        }
        if (!r.value || !r.peer_mean) r.verdict = "no data";
        else if (*r.value == *r.peer_mean) r.verdict = "same";
        else r.verdict = (*r.value > *r.peer_mean) == measure.higher_is_better ? "better" : "worse";
        for (const int y : years) {
            r.trend.emplace_back(y, data.value(council, m, y));
            r.peer_trend.emplace_back(y, mean_of(peer_values(data, group, m, y)));
        }
        if (r.value || r.peer_mean) out.measures.push_back(std::move(r));
    }
    return out;
}

std::string format_peers(const NationalData &data, std::size_t council, const PeerGroup &group) {
    const auto &self = data.councils()[council];
    std::string out = fmt::format("{} ({}, {}): {}\n", self.name, self.type, self.region, group.description);
    for (const auto &p : group.peers) {
        const auto &c = data.councils()[p.council];
        out += p.measures_in_common > 0 ? fmt::format("  {:<32} distance {:.3f} over {:>2} measures: {}\n", c.name, p.distance, p.measures_in_common, p.why)
                                        : fmt::format("  {:<32} {}, {}\n", c.name, c.type, c.region);
    }
    return out + fmt::format("{}\n", count_of(group.peers.size(), "comparator", "comparators"));
}

std::string format_comparison(const NationalData &data, const Comparison &cmp) {
    const auto &self = data.councils()[cmp.council];
    std::string out = fmt::format("{} against {} ({}), {}\n\n", self.name, cmp.group.description,
                                  count_of(cmp.group.peers.size(), "council", "councils"), year_label(cmp.year));
    out += fmt::format("{:<52} {:>9} {:>9} {:>9} {:>8} {:>3}  {:<8} {}\n", "Measure", "Council", "Mean", "Median", "Rank", "Q", "Verdict",
                       "Trend (council / peers)");
    for (const auto &r : cmp.measures) {
        const auto &m = data.measures()[r.measure];
        const auto text = [&](const std::optional<int64_t> &v) { return v ? format_value(*v, m.decimals) : std::string("-"); };
        std::string trend;
        for (std::size_t i = 0; i < r.trend.size(); ++i)
            if (r.trend[i].second || r.peer_trend[i].second)
                trend += fmt::format("{}{} {}/{}", trend.empty() ? "" : ", ", year_label(r.trend[i].first).substr(2), text(r.trend[i].second),
                                     text(r.peer_trend[i].second));
        std::string name = m.name + (m.higher_is_better ? "" : " (lower is better)");
        if (name.size() > 52) {
            std::size_t cut = 49;
            while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut; // not inside a UTF-8 character
            name = name.substr(0, cut) + "...";
        }
        out += fmt::format("{:<52} {:>9} {:>9} {:>9} {:>8} {:>3}  {:<8} {}\n", name, text(r.value), text(r.peer_mean), text(r.peer_median),
                           r.rank ? fmt::format("{}/{}", r.rank, r.ranked) : "-", r.quartile ? std::to_string(r.quartile) : "-",
                           r.verdict, trend);
    }
    const auto count = [&](std::string_view verdict) {
        return std::count_if(cmp.measures.begin(), cmp.measures.end(), [&](const MeasureComparison &r) { return r.verdict == verdict; });
    };
    out += fmt::format("\nBetter than the comparator average on {}, worse on {}, no data on {}.\n", count("better"), count("worse"),
                       count("no data"));
    out += "Rank 1 is best given the measure's direction; Q is the quartile among the council and its comparators.\n";
    return out;
}

} // namespace ascent::benchmark
