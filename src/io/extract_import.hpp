// Supplementary package extracts: the fields CLD lacks (provider, health funding split, night
// support, staffing ratio, S117/CHC status, benefits, package changes, direct-payment accounts,
// people's financial circumstances for charging),
// read from a council's own CSV or XLSX export through a saved column mapping.
//
// A mapping file (YAML) names the source system, the kind of extract and, for each ascent field,
// the council's column header, so a council's own file imports without editing:
//
//   source: Mosaic
//   kind: services            # people | services | changes | direct_payments | finances
//   sheet: Packages           # XLSX only; first sheet if omitted
//   columns:
//     person_id: Person ID
//     line_ref: Service Ref
//     chc_share: CHC %
//
// Stated totals in an extract (a weekly cost, a DP balance, a funding split) are checked against
// their parts and a difference is reported as a warning; the value given is kept, never "fixed".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "io/cld_import.hpp"

namespace ascent::io {

enum class ExtractKind { people, services, changes, direct_payments, finances };
std::string_view to_string(ExtractKind kind);

// What the store can write for a field: text (codes and enums as their canonical names), a
// whole number (pence, basis points, days since 1970 for dates, 0/1 for flags), or nothing.
using FieldValue = std::variant<std::monostate, std::string, int64_t>;

enum class FieldType { text, date, money, quantity, percent, flag, whole_number, code, named };

struct FieldSpec {
    std::string_view name;        // ascent field name used in mapping files
    FieldType type;
    std::string_view description; // for docs and `ascent import extract --fields`
    CodeField code = CodeField::gender; // for FieldType::code
    bool key = false;             // identifies the record
};

const std::vector<FieldSpec> &extract_fields(ExtractKind kind);

struct ColumnMapping {
    std::string source;  // source system name
    ExtractKind kind = ExtractKind::services;
    std::string sheet;
    std::map<std::string, std::string> columns; // ascent field → header in the council's file
};

// Reads and checks a mapping file; throws input_error naming the file and the problem.
ColumnMapping load_mapping(const std::string &path);

struct ExtractRecord {
    uint64_t row = 0;
    std::vector<std::pair<std::size_t, FieldValue>> values; // index into extract_fields(kind)
};

struct ExtractBatch {
    ExtractKind kind = ExtractKind::services;
    std::vector<ExtractRecord> records;
};

ExtractBatch read_extract(const std::string &path, const ColumnMapping &mapping, ImportReport &report,
                          const ProgressFn &progress = {});

} // namespace ascent::io
