#include "charging/ledger_cases.hpp"

#include <algorithm>
#include <tuple>

#include "core/error.hpp"
#include "core/summary.hpp"

namespace ascent::charging {

namespace {

// State pension age, used when the extract does not say whether a person is at pension credit age.
constexpr int k_pension_age = 66;

enum class Gap { none, services, age };

Gap build(const Ledger &ledger, const PersonFacts &facts, const FinanceRecord &f, Date on, LedgerCase &out) {
    const uint32_t i = f.person;
    const auto setting = static_cast<Setting>(facts.setting[i]);
    if (setting == Setting::count) return Gap::services;
    if (facts.age[i] < 0) return Gap::age;
    const auto &p = ledger.people;
    FinancialCase &c = out.c;
    out.person = i;
    out.recorded_charge = f.current_charge;
    c.id = std::string(p.id.at(i + 1));
    c.date = on;
    c.age = facts.age[i];
    c.group = std::string(code_label(CodeField::support_reason, p.support_reason[i])) + " " +
              std::string(to_string(age_band_of(c.age)));
    const bool short_stay = (facts.services[i] & ((1u << codes::comp_st_residential) | (1u << codes::comp_st_nursing))) != 0;
    c.care = setting == Setting::residential || setting == Setting::nursing ? CareType::residential
             : short_stay                                                   ? CareType::short_term_resident
                                                                            : CareType::non_residential;
    c.pension_age = f.pension_age >= 0 ? f.pension_age == 1 : c.age >= k_pension_age;
    c.couple = f.couple;
    c.lone_parent = f.lone_parent;
    c.children = f.children;
    // The extract's premium flags, where it states them, override the derivation from the benefit.
    const auto stated = [](int8_t flag) { return flag < 0 ? std::optional<bool>() : std::optional<bool>(flag == 1); };
    c.disability_premium = stated(f.disability_premium);
    c.enhanced_disability_premium = stated(f.enhanced_disability_premium);
    c.carer_premium = stated(f.carer_premium);
    c.capital = f.capital;
    c.joint_capital = f.joint_capital;
    const std::tuple<const char *, int64_t, const char *> counted[] = {
        {"State pension", f.state_pension, "uprating.state_pension"},
        {"Pension credit", f.pension_credit, "uprating.pension_credit"},
        {"Other pensions", f.other_pension, ""},
        {"Benefits (ESA, UC, IS)", f.benefits, "uprating.benefits"},
        {"Other income", f.other_income, ""}};
    for (const auto &[name, weekly, uprated_by] : counted)
        if (weekly > 0) c.income.push_back({name, weekly, false, uprated_by});
    if (f.earnings > 0) c.income.push_back({"Earnings", f.earnings, true, ""});
    c.benefit = p.benefit[i] == Benefit::not_recorded ? Benefit::none : p.benefit[i];
    c.benefit_rate = p.benefit_rate[i];
    c.night_care = facts.night[i] == NightLevel::sleep_in || facts.night[i] == NightLevel::waking;
    c.mobility_weekly = f.mobility;
    if (f.dre_itemised != k_no_money)
        c.dre_items = std::vector<DreItem>{{"itemised in the financial assessment", "recorded", f.dre_itemised, true}};
    c.housing_costs = f.housing_costs;
    const auto s117_end = p.s117_end[i];
    c.s117 = p.s117[i] == S117Status::open && (s117_end == k_no_date || Date::from_serial(s117_end) >= on);
    c.light_touch = f.light_touch;
    c.weekly_cost = facts.weekly_cost[i];
    return Gap::none;
}

} // namespace

LedgerCaseload ledger_caseload(const Ledger &ledger, const PersonFacts &facts, Date on) {
    LedgerCaseload out;
    std::vector<uint8_t> has_finances(ledger.people.size(), 0);
    out.cases.reserve(ledger.finances.size());
    for (const auto &f : ledger.finances) {
        has_finances[f.person] = 1;
        LedgerCase c;
        switch (build(ledger, facts, f, on, c)) {
        case Gap::none: out.cases.push_back(std::move(c)); break;
        case Gap::services: ++out.without_services; break;
        case Gap::age: ++out.without_age; break;
        }
    }
    for (std::size_t i = 0; i < ledger.people.size(); ++i)
        out.without_finances += !has_finances[i] && facts.setting[i] != static_cast<uint8_t>(Setting::count);
    return out;
}

std::optional<LedgerCase> ledger_case(const Ledger &ledger, const PersonFacts &facts, uint32_t person, Date on) {
    const auto it = std::lower_bound(ledger.finances.begin(), ledger.finances.end(), person,
                                     [](const FinanceRecord &f, uint32_t p) { return f.person < p; });
    if (it == ledger.finances.end() || it->person != person) return std::nullopt;
    LedgerCase c;
    const auto id = std::string(ledger.people.id.at(person + 1));
    switch (build(ledger, facts, *it, on, c)) {
    case Gap::none: return c;
    case Gap::services: throw input_error(id + " has no open service on " + facts.as_at.uk() + ": nothing to charge for");
    case Gap::age: throw input_error(id + " has no date of birth: the minimum income guarantee depends on age");
    }
    return std::nullopt;
}

} // namespace ascent::charging
