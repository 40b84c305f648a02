#include "core/codes.hpp"

#include <array>
#include <cctype>
#include <unordered_map>
#include <vector>

namespace ascent {

namespace {

struct Spelling {
    std::string_view text;
    Release release;
};

struct Value {
    std::string_view canonical;
    std::vector<Spelling> spellings; // canonical itself is always accepted, as Release::any
};

using R = Release;

struct FieldTable {
    std::string_view name;
    std::vector<Value> values; // index 0 is blank
};

// The tables. Order fixes the numeric codes in codes.hpp; the canonical spelling is R2's where
// known. Values that only differ in case or punctuation between releases need no alias.
const std::array<FieldTable, k_code_field_count> &tables() {
    static const std::array<FieldTable, k_code_field_count> k_tables = {{
        {"Gender",
         {{"", {}},
          {"Male", {{"M", R::other}}},
          {"Female", {{"F", R::other}}},
          {"Other", {{"Indeterminate", R::other}}},
          {"Unknown", {{"Not known", R::other}, {"U", R::other}, {"Not stated", R::other}}}}},
        {"Ethnicity",
         {{"", {}},
          {"White: English, Welsh, Scottish, Northern Irish or British", {}},
          {"White: Irish", {}},
          {"White: Gypsy or Irish Traveller", {}},
          {"White: Roma", {}},
          {"White: Any other White background", {}},
          {"Mixed or multiple ethnic groups: White and Black Caribbean", {}},
          {"Mixed or multiple ethnic groups: White and Black African", {}},
          {"Mixed or multiple ethnic groups: White and Asian", {}},
          {"Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background", {}},
          {"Asian or Asian British: Indian", {}},
          {"Asian or Asian British: Pakistani", {}},
          {"Asian or Asian British: Bangladeshi", {}},
          {"Asian or Asian British: Chinese", {}},
          {"Asian or Asian British: Any other Asian background", {}},
          {"Black, Black British, Caribbean or African: African", {}},
          {"Black, Black British, Caribbean or African: Caribbean", {}},
          {"Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background", {}},
          {"Other ethnic group: Arab", {}},
          {"Other ethnic group: Any other ethnic group", {}},
          {"No data: Refused", {}},
          {"No data: Undeclared or not known", {}}}},
        {"Client_Type",
         {{"", {}},
          {"Service user", {}},
          {"Unpaid carer", {{"Carer", R::r1}}},
          {"Unpaid carer known by association", {{"Carer known by association", R::r1}}}}},
        {"Primary_Support_Reason",
         {{"", {}},
          {"Physical support: Access and mobility only", {{"Physical Support: Access & mobility only", R::r1}}},
          {"Physical support: Personal care support", {}},
          {"Sensory support: Support for visual impairment", {}},
          {"Sensory support: Support for hearing impairment", {}},
          {"Sensory support: Support for dual impairment", {}},
          {"Support with memory and cognition", {{"Support with Memory & Cognition", R::r1}}},
          {"Learning disability support", {}},
          {"Mental health support", {}},
          {"Social support: Substance misuse support", {}},
          {"Social support: Asylum seeker support", {}},
          {"Social support: Support for social isolation or other reason",
           {{"Social Support: Support for Social Isolation/Other", R::r1}}},
          {"Social support: Support to unpaid carer", {{"Social Support: Support to Carer", R::r1}}},
          {"Unknown", {{"PSR Not Known", R::other}}}}},
        {"Accommodation_Status",
         {{"", {}},
          {"Owner occupier or shared ownership scheme", {}},
          {"Tenant: Local authority or other social housing provider", {{"Tenant", R::r1}}},
          {"Tenant: Private landlord", {}},
          {"Settled mainstream housing with family or friends",
           {{"Settled mainstream housing with family / friends", R::r1}}},
          {"Supported accommodation, supported lodgings or supported group home",
           {{"Supported accommodation / supported lodgings / supported group home", R::r1}}},
          {"Shared Lives scheme", {}},
          {"Approved premises for offenders released from prison or under probation supervision", {}},
          {"Sheltered housing, extra care housing or other sheltered housing",
           {{"Sheltered housing / extra care housing / other sheltered housing", R::r1}}},
          {"Mobile accommodation for Gypsy, Roma and Traveller communities",
           {{"Mobile accommodation for Gypsy / Roma and Traveller communities", R::r1}}},
          {"Rough sleeper or squatting", {{"Rough sleeper / squatting", R::r1}}},
          {"Night shelter, emergency hostel or direct access hostel",
           {{"Night shelter / emergency hostel / direct access hostel", R::r1}}},
          {"Refuge", {}},
          {"Placed in temporary accommodation by the council (inc. homelessness resettlement)", {}},
          {"Staying with family or friends as a short term guest",
           {{"Staying with family / friends as a short-term guest", R::r1}}},
          {"Acute hospital or long term healthcare residential facility",
           {{"Acute / long-term healthcare residential facility or hospital", R::r1}}},
          {"Registered care home", {}},
          {"Registered nursing home", {}},
          {"Prison, young offenders institution or detention centre",
           {{"Prison / Young offenders institution / detention centre", R::r1}}},
          {"Other temporary accommodation", {}},
          {"Unknown", {}}}},
        {"Employment_Status",
         {{"", {}},
          {"Paid: Less than 16 hours a week", {}},
          {"Paid: 16 or more hours a week", {}},
          {"Paid: Hours per week unknown", {}},
          {"Not in paid employment: Seeking work", {}},
          {"Not in paid employment: Not actively seeking work or retired",
           {{"Not in Paid Employment (not actively seeking work / retired)", R::r1}}},
          {"Not in paid employment: Voluntary work only", {}},
          {"Unknown", {}}}},
        {"Client_Funding_Status",
         {{"", {}},
          {"Fully client funded", {{"18(3) (full cost client)", R::r1}, {"Full cost client", R::other}}},
          {"Joint client and social care funded", {}},
          {"Fully social care funded", {}},
          {"Unknown", {{"Unknown - Individual Level", R::r1}}},
          {"Self-funder - Metering Only", {}},
          {"Joint Health and Social Care Funded", {}},
          {"Fully Health Funded", {}}}},
        {"Yes/No",
         {{"", {}}, {"Yes", {{"Y", R::other}}}, {"No", {{"N", R::other}}}, {"Unknown", {{"Not known", R::other}}}}},
        {"Event_Type",
         {{"", {}}, {"Request", {{"Referral", R::other}}}, {"Assessment", {}}, {"Service", {}}, {"Review", {}}}},
        {"Service_Type",
         {{"", {}},
          {"Long term support: Nursing care", {}},
          {"Long term support: Residential care", {}},
          {"Long term support: Community", {}},
          {"Long term support: Prison", {}},
          {"Short term support: ST-Max", {}},
          {"Short term support: Ongoing low level", {}},
          {"Short term support: Other short term", {}},
          {"Unpaid carer support: Direct to unpaid carer", {{"Carer Support: Direct to Carer", R::r1}}},
          {"Unpaid carer support: Support involving the person cared-for",
           {{"Carer Support: Support involving the person cared-for", R::r1}}}}},
        {"Service_Component",
         {{"", {}},
          {"Reablement", {}},
          {"Short term nursing care", {}},
          {"Short term residential care", {}},
          {"Long term nursing care", {}},
          {"Long term residential care", {}},
          {"Home support or domiciliary care",
           {{"Home Support", R::r1}, {"Home Care", R::other}, {"Domiciliary Care", R::other}}},
          {"Day support", {{"Day Care", R::other}}},
          {"Meals", {}},
          {"Transport", {}},
          {"Equipment", {{"Telecare", R::other}}},
          {"Direct payment", {}},
          {"Shared Lives", {}},
          {"Community supported living", {{"Supported Living", R::other}}},
          {"Extra care housing", {}},
          {"Professional support: Social worker", {{"Professional Support- Social Worker", R::r1}}},
          {"Professional support: Other", {{"Professional Support", R::r1}}},
          {"Learning, education or employment support", {{"Learning/Education/Employment Support", R::r1}}},
          {"End of life care", {}},
          {"Emergency support", {}},
          {"Other short term support", {}},
          {"Other long term support", {}},
          {"Unpaid carer respite", {{"Carer Respite", R::r1}, {"Respite", R::other}}},
          {"Unpaid carer sitting service", {{"Carer Sitting Service", R::r1}}},
          {"Unpaid carer universal services", {{"Carer Universal Services", R::r1}}},
          {"Other unpaid carer support", {{"Other Carer Support", R::r1}}}}},
        {"Delivery_Mechanism",
         {{"", {}},
          {"Direct payment", {{"Community: Direct Payment", R::other}}},
          {"CASSR managed personal budget",
           {{"Community: CASSR Managed Personal Budget", R::other}, {"Prison: CASSR Managed Personal Budget", R::other}}},
          {"CASSR commissioned support",
           {{"Community: CASSR Commissioned Support", R::other}, {"Prison: CASSR Commissioned Support", R::other}}},
          {"Self-funder metering only", {}}}},
        {"Cost_Frequency_Unit_Type",
         {{"", {}},
          {"Per session", {{"Session", R::other}, {"Per Visit", R::other}}},
          {"Hourly", {{"Per Hour", R::other}, {"Hour", R::other}, {"Hours", R::other}}},
          {"Daily", {{"Per Day", R::other}, {"Day", R::other}, {"Nightly", R::other}}},
          {"Weekly", {{"Per Week", R::other}, {"Week", R::other}}},
          {"Fortnightly", {{"Per Fortnight", R::other}}},
          {"4-weekly", {{"Four weekly", R::other}, {"Every 4 weeks", R::other}}},
          {"Monthly", {{"Per Month", R::other}, {"Calendar monthly", R::other}}},
          {"Quarterly", {{"Per Quarter", R::other}}},
          {"Annually", {{"Annual", R::other}, {"Yearly", R::other}, {"Per Annum", R::other}}},
          {"One-off", {{"One off", R::other}, {"Once", R::other}}}}},
        {"Assessment_Type",
         {{"", {}},
          {"Long term assessment", {}},
          {"Short term assessment", {}},
          {"Financial assessment", {}}}},
    }};
    return k_tables;
}

using Index = std::unordered_map<std::string, CodeMatch>;

const std::array<Index, k_code_field_count> &indexes() {
    static const std::array<Index, k_code_field_count> k_indexes = [] {
        std::array<Index, k_code_field_count> built;
        for (std::size_t f = 0; f < k_code_field_count; ++f) {
            const auto &values = tables()[f].values;
            for (std::size_t c = 1; c < values.size(); ++c) {
                const auto code = static_cast<Code>(c);
                built[f].emplace(normalise_key(values[c].canonical), CodeMatch{code, Release::any});
                for (const auto &spelling : values[c].spellings)
                    built[f].emplace(normalise_key(spelling.text), CodeMatch{code, spelling.release});
            }
        }
        return built;
    }();
    return k_indexes;
}

const FieldTable &table(CodeField field) { return tables()[static_cast<std::size_t>(field)]; }

} // namespace

std::string normalise_key(std::string_view text) {
    std::string key;
    key.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) key.push_back(static_cast<char>(std::tolower(u)));
    }
    return key;
}

std::string_view code_field_name(CodeField field) { return table(field).name; }

std::string_view code_label(CodeField field, Code code) {
    const auto &values = table(field).values;
    return code < values.size() ? values[code].canonical : std::string_view{};
}

std::size_t code_count(CodeField field) { return table(field).values.size(); }

std::optional<CodeMatch> match_code(CodeField field, std::string_view raw) {
    const auto key = normalise_key(raw);
    const auto &index = indexes()[static_cast<std::size_t>(field)];
    if (auto it = index.find(key); it != index.end()) return it->second;
    // DHSC tests financial assessments with LIKE 'Financial Assessment%': several R1 values exist.
    if (field == CodeField::assessment_type && key.starts_with("financialassessment"))
        return CodeMatch{codes::assess_financial, Release::r1};
    return std::nullopt;
}

std::string expected_values(CodeField field, std::size_t max_listed) {
    const auto &values = table(field).values;
    std::string out;
    std::size_t listed = 0;
    for (std::size_t c = 1; c < values.size() && listed < max_listed; ++c, ++listed) {
        if (!out.empty()) out += "; ";
        out += values[c].canonical;
    }
    if (values.size() - 1 > max_listed) out += "; … (" + std::to_string(values.size() - 1) + " values)";
    return out;
}

} // namespace ascent
