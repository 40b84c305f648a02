#include "core/extract_join.hpp"

#include <cstring>
#include <unordered_map>

#include "core/money.hpp"

namespace ascent {

namespace {

std::string person_key(uint32_t person) {
    std::string key(sizeof person, '\0');
    std::memcpy(key.data(), &person, sizeof person);
    return key;
}

std::string service_start_key(uint32_t person, Code service_type, int32_t start) {
    std::string key = person_key(person);
    key.push_back(static_cast<char>(service_type));
    key.append(reinterpret_cast<const char *>(&start), sizeof start);
    return key;
}

void enrich(Ledger &ledger, std::size_t i, const ExtractLine &e) {
    auto &l = ledger.lines;
    if (!e.provider.empty() && l.provider[i] == 0) l.provider[i] = ledger.text.intern(e.provider);
    if (!e.cqc_location.empty() && l.cqc_location[i] == 0) l.cqc_location[i] = ledger.text.intern(e.cqc_location);
    if (e.night != NightSupport::not_recorded) l.night[i] = e.night;
    if (e.staff_ratio >= 0) l.staff_ratio[i] = static_cast<uint8_t>(e.staff_ratio);
    if (e.chc_share >= 0) l.chc_share[i] = static_cast<uint16_t>(e.chc_share);
    if (e.s117_share >= 0) l.s117_share[i] = static_cast<uint16_t>(e.s117_share);
    if (e.other_council_share >= 0) l.other_council_share[i] = static_cast<uint16_t>(e.other_council_share);
    if (e.client_contribution != k_no_money) l.client_contribution[i] = e.client_contribution;
    if (e.accommodation_cost != k_no_money) l.accommodation_cost[i] = e.accommodation_cost;
}

} // namespace

ExtractMatch match_extract_lines(const Ledger &ledger, const std::vector<ExtractLine> &extract) {
    ExtractMatch match;
    match.line_of.assign(extract.size(), SIZE_MAX);
    match.by_reference.assign(extract.size(), false);
    auto &join = match.counts;
    if (extract.empty()) return match;
    const auto &l = ledger.lines;
    std::unordered_map<std::string, std::size_t> by_reference;
    std::unordered_map<std::string, std::vector<std::size_t>> by_service_start;
    by_reference.reserve(l.size());
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (l.source[i] != LineSource::cld) continue;
        if (const auto ref = l.ref.at(i); !ref.empty()) by_reference.emplace(person_key(l.person[i]).append(ref), i);
        if (l.start[i] != k_no_date) by_service_start[service_start_key(l.person[i], l.service_type[i], l.start[i])].push_back(i);
    }
    std::vector<bool> line_joined(l.size(), false);
    std::vector<std::size_t> left; // rows rule 1 did not join
    for (std::size_t r = 0; r < extract.size(); ++r) {
        const auto person = ledger.people.id.find(extract[r].person_id);
        const auto it = person == 0 ? by_reference.end() : by_reference.find(person_key(person - 1).append(extract[r].line_ref));
        if (it == by_reference.end()) {
            left.push_back(r);
            continue;
        }
        match.line_of[r] = it->second;
        match.by_reference[r] = true;
        line_joined[it->second] = true;
        ++join.by_reference;
    }
    for (std::size_t r : left) {
        const auto &e = extract[r];
        const auto person = ledger.people.id.find(e.person_id);
        const auto it = person == 0 || e.start == k_no_date
                            ? by_service_start.end()
                            : by_service_start.find(service_start_key(person - 1, e.service_type, e.start));
        std::size_t candidate = SIZE_MAX, candidates = 0;
        if (it != by_service_start.end())
            for (std::size_t i : it->second)
                if (!line_joined[i]) candidate = i, ++candidates;
        if (candidates != 1) {
            join.unmatched.push_back(r);
            continue;
        }
        match.line_of[r] = candidate;
        line_joined[candidate] = true;
        ++join.by_service_and_start;
    }
    return match;
}

void apply_extract_lines(Ledger &ledger, const std::vector<ExtractLine> &extract, const ExtractMatch &match) {
    for (std::size_t r = 0; r < extract.size(); ++r)
        if (match.line_of[r] != SIZE_MAX) enrich(ledger, match.line_of[r], extract[r]);
    ledger.extract_join = match.counts;
}

std::string describe(const ExtractJoin &join) {
    if (join.joined() == 0 && join.unmatched.empty()) return {};
    return count_of(join.joined(), "extract service row", "extract service rows") + " joined a CLD line (" +
           group_thousands(static_cast<int64_t>(join.by_reference)) + " by line reference, " +
           group_thousands(static_cast<int64_t>(join.by_service_and_start)) +
           " by person, service type and start date); " + group_thousands(static_cast<int64_t>(join.unmatched.size())) +
           " joined no line.";
}

} // namespace ascent
