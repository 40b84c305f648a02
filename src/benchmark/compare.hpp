// Comparator groups and the comparison of a council with them.
//
// Groups: the council's region, its council type, a list the user gives, or its nearest
// neighbours computed from open data: each other council's distance over the ASCOF measures both
// publish in the year — the root mean square of the differences in standard deviations across all
// councils — needing at least 60% of the council's measures in common; the 15 nearest are taken.
// Each neighbour carries its distance and the measures it is closest on, so the choice can be
// explained and reproduced.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "benchmark/ascof.hpp"

namespace ascent::benchmark {

enum class PeerKind { region, type, nearest, list };
std::optional<PeerKind> parse_peer_kind(std::string_view text);

struct Peer {
    std::size_t council = 0;
    double distance = 0;   // nearest neighbours only
    std::size_t measures_in_common = 0;
    std::string why;
};

struct PeerGroup {
    std::string description;
    std::vector<Peer> peers;
};

PeerGroup peers_of(const NationalData &data, std::size_t council, PeerKind kind, int year,
                   const std::vector<std::string> &list = {}, std::size_t nearest = 15);

struct MeasureComparison {
    std::size_t measure = 0;
    std::optional<int64_t> value, peer_mean, peer_median; // ten-thousandths
    std::size_t peers_with_value = 0;
    std::size_t rank = 0, ranked = 0;                     // 1 = best of the council and its peers with a value
    int quartile = 0;                                     // 1 best … 4 worst; 0 without a value
    std::string verdict;                                  // better, worse, same as the peer average; no data
    std::vector<std::pair<int, std::optional<int64_t>>> trend, peer_trend; // by year: the council, the peers' mean
};

struct Comparison {
    std::size_t council = 0;
    int year = 0;
    PeerGroup group;
    std::vector<MeasureComparison> measures;
};

Comparison compare(const NationalData &data, std::size_t council, const PeerGroup &group, int year);

std::string format_peers(const NationalData &data, std::size_t council, const PeerGroup &group);
std::string format_comparison(const NationalData &data, const Comparison &comparison);

// "2022-23" for 2022.
std::string year_label(int year);

} // namespace ascent::benchmark
