// Reads a CLD file (Release 1 or Release 2, CSV or XLSX) into a batch ready for the store.
//
// Header names are matched ignoring case, spaces and punctuation, so "Cost Frequency (Unit Type)",
// "Cost_Frequency_(Unit_Type)" and "Cost_Frequency_Unit_Type" are one column. Coded values are
// matched the same way against codes.hpp. Each row is checked; a row with an error is rejected
// and reported, a warning is reported and the row kept. Service rows become service lines with
// a weekly cost by the CLD rule; review and financial-assessment rows set each person's last
// review and last financial assessment dates.
#pragma once

#include <functional>
#include <string>

#include "core/ledger.hpp"
#include "io/import_report.hpp"
#include "io/table_reader.hpp"

namespace ascent::io {

struct CldBatch {
    Ledger ledger;            // people and service lines from this file only
    std::string la_code;
    std::optional<Date> period_start, period_end;
};

using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

// Parses the whole file. Never throws for bad values (they go in the report); throws input_error
// for a file that cannot be read at all.
CldBatch read_cld(const std::string &path, ImportReport &report, const ProgressFn &progress = {},
                  const TableOptions &options = {});

} // namespace ascent::io
