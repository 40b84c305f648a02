// How a case-system extract's service lines enrich the CLD lines of a snapshot.
//
// An extract row says more about a line than the CLD can (night support, staffing ratio, the
// funding split, a provider's CQC location). It is joined to one line of the ledger's CLD
// snapshot by the first rule that finds exactly one line not yet joined:
//   1. the same person and line reference;
//   2. the same person, service type and start date (a line the case system re-referenced in a
//      later CLD file keeps its enrichment).
// A row that neither rule joins is not a line of its own: it is counted and listed, so that the
// import report can name it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/ledger.hpp"

namespace ascent {

struct ExtractLine {
    std::string person_id, line_ref;
    uint64_t row = 0;                     // the extract file's row it came from (0 if not known)
    // For rule 2: as the extract states them, or else as the line it last joined by reference had them.
    Code service_type = 0;
    int32_t start = k_no_date;
    std::string provider, cqc_location;
    NightSupport night = NightSupport::not_recorded;
    int64_t staff_ratio = -1, chc_share = -1, s117_share = -1, other_council_share = -1; // -1: not stated
    int64_t client_contribution = k_no_money, accommodation_cost = k_no_money;
};

struct ExtractMatch {
    ExtractJoin counts;
    std::vector<std::size_t> line_of;  // each extract row's line, SIZE_MAX if none
    std::vector<bool> by_reference;    // each extract row: joined by rule 1
};

// Joins `extract` to the CLD lines of `ledger` by the rules above.
ExtractMatch match_extract_lines(const Ledger &ledger, const std::vector<ExtractLine> &extract);
// Each joined row sets the fields it states on its line (a provider or CQC location only where
// the CLD has none); the counts go in ledger.extract_join.
void apply_extract_lines(Ledger &ledger, const std::vector<ExtractLine> &extract, const ExtractMatch &match);

// "3,120 extract rows joined their CLD line (3,100 by line reference, 20 by person, service type
// and start date); 4 joined no line." — for import reports.
std::string describe(const ExtractJoin &join);

} // namespace ascent
