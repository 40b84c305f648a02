#include "charging/ledger_cases.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <tuple>

#include "core/error.hpp"
#include "core/summary.hpp"

namespace ascent::charging {

namespace {

// State pension age, used when the extract does not say whether a person is at pension credit age.
constexpr int k_pension_age = 66;

enum class Gap { none, services, age };

// The person's circumstances from their finances record and the people extract: everything but
// what their services say (care type, night-time care, cost of care).
void person_case(const Ledger &ledger, const PersonFacts &facts, const FinanceRecord &f, Date on, LedgerCase &out) {
    const uint32_t i = f.person;
    const auto &p = ledger.people;
    FinancialCase &c = out.c;
    out.person = i;
    out.recorded_charge = f.current_charge;
    c.id = std::string(p.id.at(i + 1));
    c.date = on;
    c.age = facts.age[i];
    c.group = std::string(code_label(CodeField::support_reason, p.support_reason[i])) + " " +
              std::string(to_string(age_band_of(c.age)));
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
    c.mobility_weekly = f.mobility;
    if (f.dre_itemised != k_no_money)
        c.dre_items = std::vector<DreItem>{{"itemised in the financial assessment", "recorded", f.dre_itemised, true}};
    c.housing_costs = f.housing_costs;
    const auto s117_end = p.s117_end[i];
    c.s117 = p.s117[i] == S117Status::open && (s117_end == k_no_date || Date::from_serial(s117_end) >= on);
    c.light_touch = f.light_touch;
}

Gap build(const Ledger &ledger, const PersonFacts &facts, const FinanceRecord &f, Date on, bool stays_apart, LedgerCase &out) {
    const uint32_t i = f.person;
    const auto setting = static_cast<Setting>(facts.setting[i]);
    if (setting == Setting::count) return Gap::services;
    if (facts.age[i] < 0) return Gap::age;
    person_case(ledger, facts, f, on, out);
    FinancialCase &c = out.c;
    const bool short_stay =
        !stays_apart && (facts.services[i] & ((1u << codes::comp_st_residential) | (1u << codes::comp_st_nursing))) != 0;
    c.care = setting == Setting::residential || setting == Setting::nursing ? CareType::residential
             : short_stay                                                   ? CareType::short_term_resident
                                                                            : CareType::non_residential;
    c.night_care = facts.night[i] == NightLevel::sleep_in || facts.night[i] == NightLevel::waking;
    c.weekly_cost = facts.weekly_cost[i];
    return Gap::none;
}

const FinanceRecord *finances_of(const Ledger &ledger, uint32_t person) {
    const auto it = std::lower_bound(ledger.finances.begin(), ledger.finances.end(), person,
                                     [](const FinanceRecord &f, uint32_t p) { return f.person < p; });
    return it == ledger.finances.end() || it->person != person ? nullptr : &*it;
}

struct Span {
    uint32_t person;
    int32_t start, end; // serial days, inclusive
    int64_t weekly_cost;
};

// Each person's short-term residential and nursing lines that start by `to`, merged into stays.
std::vector<Span> stays_of(const Ledger &ledger, int32_t to) {
    const auto &l = ledger.lines;
    std::vector<Span> spans;
    for (std::size_t i = 0; i < l.size(); ++i) {
        if ((l.component[i] != codes::comp_st_residential && l.component[i] != codes::comp_st_nursing) || l.start[i] == k_no_date ||
            l.start[i] > to)
            continue;
        const int32_t end = l.end[i] == k_no_date ? ledger.as_at.serial() : l.end[i];
        if (end >= l.start[i]) spans.push_back({l.person[i], l.start[i], end, l.weekly_cost[i]});
    }
    std::sort(spans.begin(), spans.end(),
              [](const Span &a, const Span &b) { return std::tie(a.person, a.start, a.end) < std::tie(b.person, b.start, b.end); });
    std::vector<Span> stays;
    for (const auto &s : spans) {
        if (!stays.empty() && stays.back().person == s.person && s.start <= stays.back().end + 1) {
            stays.back().end = std::max(stays.back().end, s.end);
            stays.back().weekly_cost = std::max(stays.back().weekly_cost, s.weekly_cost);
        } else {
            stays.push_back(s);
        }
    }
    return stays;
}

} // namespace

LedgerCaseload ledger_caseload(const Ledger &ledger, const PersonFacts &facts, Date on, bool stays_apart) {
    LedgerCaseload out;
    std::vector<uint8_t> has_finances(ledger.people.size(), 0);
    out.cases.reserve(ledger.finances.size());
    for (const auto &f : ledger.finances) {
        has_finances[f.person] = 1;
        LedgerCase c;
        switch (build(ledger, facts, f, on, stays_apart, c)) {
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
    const FinanceRecord *f = finances_of(ledger, person);
    if (f == nullptr) return std::nullopt;
    LedgerCase c;
    const auto id = std::string(ledger.people.id.at(person + 1));
    switch (build(ledger, facts, *f, on, false, c)) {
    case Gap::none: return c;
    case Gap::services: throw input_error(id + " has no open service on " + facts.as_at.uk() + ": nothing to charge for");
    case Gap::age: throw input_error(id + " has no date of birth: the minimum income guarantee depends on age");
    }
    return std::nullopt;
}

LedgerStays ledger_stays(const Ledger &ledger, const PersonFacts &facts, Date from, Date to, Date on) {
    LedgerStays out;
    out.from = from;
    out.to = to;
    uint32_t last_person = UINT32_MAX;
    for (const auto &s : stays_of(ledger, to.serial())) {
        const int32_t days = std::min(s.end, to.serial()) - std::max(s.start, from.serial()) + 1;
        if (days <= 0) continue;
        if (s.end - s.start + 1 > k_short_stay_days) {
            ++out.longer;
            continue;
        }
        const FinanceRecord *f = finances_of(ledger, s.person);
        if (f == nullptr) {
            ++out.without_finances;
            continue;
        }
        if (facts.age[s.person] < 0) {
            ++out.without_age;
            continue;
        }
        LedgerCase c;
        person_case(ledger, facts, *f, on, c);
        c.c.id += ", stay from " + Date::from_serial(s.start).uk(); // the stay, for the most affected
        c.c.care = CareType::short_term_resident;
        c.c.night_care = true; // a care home meets night-time needs during the stay
        c.c.weekly_cost = s.weekly_cost;
        out.cases.push_back(std::move(c));
        out.days.push_back(days);
        out.people += s.person != last_person;
        last_person = s.person;
    }
    return out;
}

namespace {

// The same day `months` calendar months earlier (the month's last day when it has no such day).
Date months_before(Date d, int months) {
    const int total = d.year() * 12 + static_cast<int>(d.month()) - 1 - months;
    const std::chrono::year y{total / 12};
    const std::chrono::month m{static_cast<unsigned>(total % 12 + 1)};
    const unsigned last = static_cast<unsigned>(std::chrono::year_month_day_last{y / m / std::chrono::last}.day());
    return Date::ymd(total / 12, static_cast<unsigned>(total % 12 + 1), std::min(static_cast<unsigned>(d.day()), last));
}

} // namespace

BacklogCohort overdue_cohort(const Ledger &ledger, const PersonFacts &facts, int overdue_months) {
    BacklogCohort out;
    out.as_at = facts.as_at;
    out.overdue_months = overdue_months;
    const int32_t due = months_before(facts.as_at, overdue_months).serial();
    const auto &p = ledger.people;
    for (uint32_t i = 0; i < p.size(); ++i) {
        if (facts.setting[i] == static_cast<uint8_t>(Setting::count)) continue;
        const auto s117_end = p.s117_end[i];
        if (p.s117[i] == S117Status::open && (s117_end == k_no_date || s117_end >= facts.as_at.serial())) continue;
        ++out.receiving;
        const FinanceRecord *f = finances_of(ledger, i);
        const int32_t assessed = f != nullptr && f->assessed_on != k_no_date ? f->assessed_on : p.last_financial_assessment[i];
        if (assessed == k_no_date) ++out.never;
        else if (assessed < due) ++out.overdue;
    }
    return out;
}

} // namespace ascent::charging
