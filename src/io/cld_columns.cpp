#include "io/cld_columns.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/codes.hpp"

namespace ascent::io::cld {

namespace {

struct ColumnName {
    Col col;
    std::string_view canonical;        // CLD normalised name
    std::array<std::string_view, 3> other_keys; // extra normalised header keys
};

// normalise_key("LA Person Unique Identifier") = "lapersonuniqueidentifier", and so on.
constexpr std::array<ColumnName, k_cols> k_columns = {{
    {Col::la_code, "LA_Code", {"lacode", "", ""}},
    {Col::period_start, "Reporting_Period_Start_Date", {"", "", ""}},
    {Col::period_end, "Reporting_Period_End_Date", {"", "", ""}},
    {Col::nhs_number, "NHS_Number", {"", "", ""}},
    {Col::person_id, "LA_Person_Unique_Identifier", {"personid", "lapersonid", ""}},
    {Col::gender, "Gender", {"", "", ""}},
    {Col::ethnicity, "Ethnicity", {"", "", ""}},
    {Col::birth, "Date_of_Birth", {"dob", "birthdate", ""}},
    {Col::death, "Date_of_Death", {"dod", "", ""}},
    {Col::client_type, "Client_Type", {"", "", ""}},
    {Col::support_reason, "Primary_Support_Reason", {"psr", "", ""}},
    {Col::postcode, "Postcode", {"", "", ""}},
    {Col::accommodation, "Accommodation_Status", {"", "", ""}},
    {Col::employment, "Employment_Status", {"", "", ""}},
    {Col::has_carer, "Has_Unpaid_Carer", {"", "", ""}},
    {Col::funding_status, "Client_Funding_Status", {"", "", ""}},
    {Col::event_type, "Event_Type", {"", "", ""}},
    {Col::event_reference, "Event_Reference", {"", "", ""}},
    {Col::event_start, "Event_Start_Date", {"", "", ""}},
    {Col::event_end, "Event_End_Date", {"", "", ""}},
    {Col::assessment_type, "Assessment_Type", {"", "", ""}},
    {Col::service_type, "Service_Type", {"", "", ""}},
    {Col::component, "Service_Component", {"", "", ""}},
    {Col::delivery, "Delivery_Mechanism", {"", "", ""}},
    {Col::provider_name, "Provider_CQC_Location_Name", {"providername", "", ""}},
    {Col::provider_cqc_id, "Provider_CQC_Location_ID", {"cqclocationid", "", ""}},
    {Col::unit_cost, "Unit_Cost", {"", "", ""}},
    {Col::frequency, "Cost_Frequency_Unit_Type", {"costfrequency", "costfrequencyunittype", ""}},
    {Col::planned_units, "Planned_units_per_week", {"plannedunits", "", ""}},
}};

// CLD fields ascent reads but does not keep (personal details it does not need, or event detail
// outside the ledger's scope). Recognised so they are not reported as unknown columns.
constexpr std::array<std::string_view, 24> k_known_unused = {
    "firstname", "lastname", "gppracticename", "gppracticecode", "autismspectrumdisorderasd", "autismspectrumdisorder",
    "visualimpairment", "hearingimpairment", "dementia", "eventdescription", "eventoutcome", "requestrouteofaccess",
    "eligibleneedsidentified", "methodofassessment", "totalhrscaringperweek", "noofadultsbeingcaredfor",
    "adult1linkedpersonid", "adult2linkedpersonid", "adult3linkedpersonid", "reviewreason",
    "reviewoutcomesachieved", "methodofreview", "serviceuserid", "givenname"};

// Columns a CLD file cannot be read without.
// Without a unit cost every weekly cost would be £0, and a ledger of £0 packages is worse than none.
constexpr std::array<Col, 3> k_required_columns = {Col::person_id, Col::event_type, Col::unit_cost};

} // namespace

Columns map_header(const std::vector<std::string_view> &header, ImportReport &report) {
    Columns cols;
    cols.index.fill(-1);
    std::unordered_map<std::string, Col> by_key;
    for (const auto &c : k_columns) {
        by_key.emplace(normalise_key(c.canonical), c.col);
        for (auto key : c.other_keys)
            if (!key.empty()) by_key.emplace(std::string(key), c.col);
    }
    for (std::size_t i = 0; i < header.size(); ++i) {
        std::string_view name = header[i];
        cols.header.emplace_back(name);
        const auto key = normalise_key(name);
        if (auto it = by_key.find(key); it != by_key.end()) {
            auto &slot = cols.index[static_cast<std::size_t>(it->second)];
            if (slot >= 0) {
                report.error("duplicate-column", 1, std::string(name), "",
                             "the column appears twice (also column " + std::to_string(slot + 1) + ")");
            } else {
                slot = static_cast<int>(i);
            }
            continue;
        }
        bool known = false;
        for (auto unused : k_known_unused) known = known || key == unused;
        if (!known)
            report.warning("unknown-column", 1, std::string(name), "", "not a CLD field; the column is ignored");
    }
    for (Col required : k_required_columns)
        if (cols.index[static_cast<std::size_t>(required)] < 0)
            report.error("missing-column", 1, std::string(k_columns[static_cast<std::size_t>(required)].canonical), "",
                         "the file has no such column; it is required to read a CLD file");
    for (const auto &c : k_columns)
        if (cols.index[static_cast<std::size_t>(c.col)] < 0 &&
            std::find(k_required_columns.begin(), k_required_columns.end(), c.col) == k_required_columns.end())
            report.warning("missing-column", 1, std::string(c.canonical), "",
                           "the file has no such column; the field is treated as blank");
    return cols;
}

} // namespace ascent::io::cld
