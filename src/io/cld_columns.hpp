// The CLD file's columns: the fields ascent reads, the names they go by, and matching a file's
// header row to them (ignoring case, spaces and punctuation). Internal to the CLD importer.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/import_report.hpp"

namespace ascent::io::cld {

enum class Col : uint8_t {
    la_code, period_start, period_end, nhs_number, person_id, gender, ethnicity, birth, death, client_type,
    support_reason, postcode, accommodation, employment, has_carer, funding_status, event_type, event_reference,
    event_start, event_end, assessment_type, service_type, component, delivery, provider_name, provider_cqc_id,
    unit_cost, frequency, planned_units, count
};
constexpr std::size_t k_cols = static_cast<std::size_t>(Col::count);

struct Columns {
    std::array<int, k_cols> index;   // file column of each field, -1 if absent
    std::vector<std::string> header; // as written in the file
};

// Maps the header to fields, reporting duplicate, unknown and missing columns.
Columns map_header(const std::vector<std::string_view> &header, ImportReport &report);

} // namespace ascent::io::cld
