// Other benchmark data a council has — an LG Inform export, a newer ASC-FR year, its own survey —
// added without code: a long-format file (one value per row) and a saved mapping that says which
// columns hold the area code, the period and the value, and what each measure is.
//
//   file: lg-inform-export.csv        # relative to the mapping
//   columns: {area_code: area_code, period: period, value: value, measure: metric}
//   measures:
//     - {match: "Delayed transfers per 100,000", id: dtoc, name: Delayed transfers of care per 100,000,
//        unit: per 100,000, direction: lower}
//   missing: [":", "-", "x", "c"]      # markers of suppressed or missing values (never zero)
//
// With no `measure` column, the file holds one measure: the single entry of `measures`.
#pragma once

#include <string>

#include "benchmark/ascof.hpp"

namespace ascent::benchmark {

struct LongFormatLoad {
    std::string file;
    int64_t rows = 0, loaded = 0, missing = 0, unmatched = 0; // unmatched: a measure the mapping does not name
};

// Adds the mapped file's values to `data`; errors name the mapping or the file, the row and column.
LongFormatLoad add_long_format(NationalData &data, const std::string &mapping_path);

} // namespace ascent::benchmark
