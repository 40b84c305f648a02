// The Care Act financial assessment: what a person pays a week towards their care, under the Care
// and Support (Charging and Assessment of Resources) Regulations 2014 and the statutory guidance
// (annexes B and C), with an itemised explanation a person could be sent.
//
// Parameters are resolved once per date into Rates, so a simulation can assess hundreds of
// thousands of cases quickly; a parameter that is missing on that date is an error only when an
// assessment needs it, and it names the parameter.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "charging/parameters.hpp"
#include "core/ledger.hpp"

namespace ascent::charging {

enum class CareType { non_residential, residential, short_term_resident };
std::string_view to_string(CareType care);

struct IncomeItem {
    std::string name;
    int64_t weekly = 0;       // pence
    bool disregarded = false; // e.g. earnings, PIP/DLA mobility (Schedule 1)
    std::string uprated_by;   // the percent parameter DWP uprates it by each April, if any
};

struct DreItem {
    std::string category, evidence;
    int64_t weekly = 0;       // pence
    bool allowed = true;      // the council's decision
};

struct FinancialCase {
    std::string id;
    std::string group;                      // client group for reporting, e.g. "Learning disability 18-64"
    Date date;                              // the date the charge takes effect
    CareType care = CareType::non_residential;
    int age = 0;
    bool pension_age = false;               // at pension credit age
    bool couple = false, lone_parent = false;
    int children = 0;
    // The premiums of reg. 7: derived from the facts below unless stated (the finances extract's
    // flags, or a case file's), which override the derivation both ways.
    std::optional<bool> disability_premium, enhanced_disability_premium, carer_premium, severe_disability_premium;
    std::string_view stated_by = "finances extract"; // where stated flags come from, for the explanation
    bool carers_allowance = false;          // receives Carer's Allowance (or has underlying entitlement): carer premium
    bool lives_alone = false;               // no non-dependant adult lives with them (severe disability premium)
    bool carer_gets_carers_allowance = false; // someone gets Carer's Allowance for caring for them (no SDP)
    int64_t capital = 0;                    // pence, the person's own
    int64_t joint_capital = 0;              // pence, held jointly with a partner: half is theirs
    std::vector<IncomeItem> income;
    Benefit benefit = Benefit::none;        // disability benefit (care / daily-living part)
    BenefitRate benefit_rate = BenefitRate::not_recorded;
    bool night_care = false;                // the care plan meets night-time needs
    int64_t mobility_weekly = 0;            // PIP/DLA mobility: always disregarded
    std::optional<std::vector<DreItem>> dre_items; // itemised DRE; otherwise the standard allowance
    int64_t housing_costs = 0;              // pence a week
    bool s117 = false;                      // the services meet S117 aftercare needs
    bool light_touch = false;               // agreed to pay the full cost without a full assessment
    int64_t weekly_cost = 0;                // cost of the care, pence a week: the most anyone pays
    // Couples (statutory guidance Annex C): income paid to the couple together, of which half is
    // theirs (reg. 11 rounds the half); an occupational or personal pension of which a resident
    // pays at least half to a spouse or civil partner living at home, half of it disregarded (Sch. 1).
    int64_t joint_income = 0;               // pence a week
    int64_t pension_to_partner = 0;         // pence a week (the pension is also among `income`)
    // The home (Sch. 2, reg. 20): the person's share of its market value and the debts secured on it.
    int64_t property_value = 0, property_debts = 0;
    std::optional<Date> permanent_from;     // first day as a permanent resident: 12 weeks disregarded
    std::optional<Date> disregard_ended;    // an earlier disregard of the home ended (a relative left): 12 weeks
    bool property_disregarded = false;      // a qualifying relative lives there (Sch. 2 para 4)
    bool dpa = false;                       // a deferred payment agreement is secured on the home
    int64_t deferred_balance = 0;           // pence deferred so far under the agreement
    int64_t notional_capital = 0;           // capital the council has decided was deprived (reg. 22, Annex E)
    int64_t top_up = 0;                     // pence a week above the council's rate for a chosen home
    bool top_up_first_party = false;        // the resident pays it (only where Annex A allows)
};

// Every parameter an assessment can use.
enum class P : uint8_t {
    lower, upper, step, nonres_lower, nonres_upper, pea, mig_18_24, mig_25, mig_pension, mig_lone_parent, mig_child,
    dp_single, edp_single, carer_premium, couple_18, couple_pension, couple_dp, couple_edp, sdp_single, care_higher,
    care_middle, care_lowest, dre_standard, dre_extra, night_pip, night_aa, night_dla, sdp_policy, respite_residential,
    minimum_charge, maximum_charge, mig_uplift, dpa_interest, dpa_equity_share, dpa_admin, count
};

static_assert(static_cast<unsigned>(P::count) <= 64, "parameter bit masks are 64 bits");

// The parameter's name in the parameter files.
std::string_view parameter_name(P p);
// The old single night-element switch, replaced by one per benefit (k_night_parameters). In an
// options file or a case's `set` it is shorthand for all three.
inline constexpr std::string_view k_old_night_parameter = "policy.count_night_element";
inline constexpr std::array<std::string_view, 3> k_night_parameters = {
    "policy.count_night_element.pip", "policy.count_night_element.aa", "policy.count_night_element.dla"};
// Sets one parameter from a date (an option, a case's change); the old night switch sets all
// three. An unknown parameter is an error naming it and `source`.
void set_parameter(ParameterSet &set, const std::string &name, Date from, const std::string &value, const std::string &source);
// The yearly figures an assessment on `on` used (bits of `used`) that have no value of their own
// in that financial year, each as "name (the 2025/26 value from 07/04/2025)": last year's carries forward.
std::vector<std::string> carried_forward(const ParameterSet &set, Date on, uint64_t used);

// The parameters in force on one date, resolved once.
class Rates {
public:
    Rates(const ParameterSet &set, Date on);
    Date on() const { return on_; }
    // The value (pence, basis points, 0/1); throws the stored input_error if it is missing.
    // Inline and checked against one bit mask: it runs a dozen times per assessment.
    int64_t get(P p) const {
        const auto i = static_cast<std::size_t>(p);
        if ((missing_ >> i) & 1u) [[unlikely]] throw_missing(i);
        return values_[i];
    }
    const UsedParameter &used(P p) const;
    const ParameterSet &set() const { return *set_; }
    // Bit p set where parameter p differs from `other`'s (in value, or in being missing). An
    // assessment that read none of those parameters comes out the same under both.
    uint64_t differs_from(const Rates &other) const;

private:
    const ParameterSet *set_;
    Date on_;
    std::array<int64_t, static_cast<std::size_t>(P::count)> values_{};
    std::array<std::string, static_cast<std::size_t>(P::count)> errors_;
    uint64_t missing_ = 0; // bit i set when errors_[i] holds why parameter i is missing
    [[noreturn]] void throw_missing(std::size_t i) const;
    std::array<UsedParameter, static_cast<std::size_t>(P::count)> used_;
};

struct ExplanationLine {
    std::string label;
    std::optional<int64_t> amount; // pence a week
    std::string reference;         // regulation, guidance or parameter
};

// Which rules an assessment applied (bits of Assessment::rules).
inline constexpr uint8_t k_rule_residential = 1, k_rule_short_term = 2, k_rule_light_touch = 4, k_rule_capital = 8,
                         k_rule_s117 = 16, k_rule_dpa = 32;

struct Assessment {
    int64_t charge = 0;            // pence a week
    uint8_t rules = 0;             // k_rule_* bits; rule_text() says them in words
    bool full_cost = false, nil = false;
    int64_t deferred = 0;          // pence a week deferred under a deferred payment agreement (with any own top-up)
    uint64_t used = 0;             // bit p set if parameter p was used
    std::vector<ExplanationLine> lines; // filled when asked for
};

// Throws input_error naming the case and field for negative or absurd inputs.
void check_case(const FinancialCase &c);
// Checks the case (unless the caller already has, e.g. once for many options) and assesses it.
Assessment assess(const FinancialCase &c, const Rates &rates, bool explain = false, bool checked = false);
// The weekly charge of a case already checked; an error names `context` (e.g. "option 'X'") and
// the case, for runs over many cases.
int64_t charge_of(const FinancialCase &c, const Rates &rates, std::string_view context, uint64_t *used = nullptr);
// The rules an assessment applied, in words.
std::string rule_text(const Assessment &a);
// The explanation as text, with the parameters used and their sources, and a warning naming
// every yearly figure carried forward from an earlier year.
std::string format_assessment(const FinancialCase &c, const Rates &rates, const Assessment &a);

} // namespace ascent::charging
