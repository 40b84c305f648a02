// CLD coded fields: one canonical list per field, with every known spelling mapped onto it.
//
// Councils send Release 1 (April 2023) and Release 2 (October 2025) wording, older V5 values and
// local variants. Each value here has one canonical spelling (the Release 2 wording where it is
// known) plus aliases, each tagged with the release it comes from. Matching ignores case, spaces
// and punctuation, as DHSC's own matcher does. Code 0 always means "blank".
// Source: ../shared/domain/CLD-SPEC.md section 2.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ascent {

enum class CodeField : uint8_t {
    gender,
    ethnicity,
    client_type,
    support_reason,
    accommodation,
    employment,
    funding_status,
    yes_no,
    event_type,
    service_type,
    service_component,
    delivery_mechanism,
    cost_frequency,
    assessment_type,
};
inline constexpr int k_code_field_count = 14;

enum class Release : uint8_t { any, r1, r2, other };

using Code = uint8_t; // index into a field's canonical list; 0 = blank

struct CodeMatch {
    Code code;
    Release release; // which release's spelling matched
};

std::string_view code_field_name(CodeField field);
// Canonical spelling of a code; "" for 0.
std::string_view code_label(CodeField field, Code code);
// Number of codes including the blank 0.
std::size_t code_count(CodeField field);
// Match raw text (any known spelling). Nothing if the text is not a known value.
std::optional<CodeMatch> match_code(CodeField field, std::string_view raw);
// Canonical spellings, for error messages ("expected one of …").
std::string expected_values(CodeField field, std::size_t max_listed = 8);

// Lower-case letters and digits only: "Cost_Frequency_(Unit_Type)" → "costfrequencyunittype".
std::string normalise_key(std::string_view text);

// Named codes that the rest of the program tests against. Their values are checked against the
// tables in codes.cpp by a unit test, so a reordering cannot silently change meaning.
namespace codes {
inline constexpr Code event_request = 1, event_assessment = 2, event_service = 3, event_review = 4;
inline constexpr Code client_service_user = 1, client_carer = 2, client_carer_by_association = 3;
inline constexpr Code psr_access_mobility = 1, psr_personal_care = 2, psr_visual = 3, psr_hearing = 4,
                      psr_dual_sensory = 5, psr_memory_cognition = 6, psr_learning_disability = 7,
                      psr_mental_health = 8, psr_substance_misuse = 9, psr_asylum = 10, psr_social_isolation = 11,
                      psr_support_to_carer = 12, psr_unknown = 13;
inline constexpr Code st_nursing = 1, st_residential = 2, st_community = 3, st_prison = 4, st_st_max = 5,
                      st_ongoing_low_level = 6, st_other_short_term = 7, st_carer_direct = 8,
                      st_carer_cared_for = 9;
inline constexpr Code freq_per_session = 1, freq_hourly = 2, freq_daily = 3, freq_weekly = 4, freq_fortnightly = 5,
                      freq_four_weekly = 6, freq_monthly = 7, freq_quarterly = 8, freq_annually = 9,
                      freq_one_off = 10;
inline constexpr Code dm_direct_payment = 1, dm_managed_budget = 2, dm_commissioned = 3, dm_metering = 4;
inline constexpr Code comp_reablement = 1, comp_st_nursing = 2, comp_st_residential = 3, comp_lt_nursing = 4,
                      comp_lt_residential = 5, comp_home_support = 6, comp_day_support = 7, comp_meals = 8,
                      comp_transport = 9, comp_equipment = 10, comp_direct_payment = 11, comp_shared_lives = 12,
                      comp_supported_living = 13, comp_extra_care = 14, comp_carer_respite = 22;
inline constexpr Code assess_long_term = 1, assess_short_term = 2, assess_financial = 3;
inline constexpr Code yes = 1, no = 2, unknown_yes_no = 3;
inline constexpr Code gender_male = 1, gender_female = 2, gender_other = 3, gender_unknown = 4;
inline constexpr Code emp_paid_under_16 = 1, emp_paid_16_plus = 2, emp_paid_unknown = 3, emp_seeking = 4,
                      emp_not_seeking = 5, emp_voluntary = 6, emp_unknown = 7;
} // namespace codes

} // namespace ascent
