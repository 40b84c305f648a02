#include "charging/assessment.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/money.hpp"

namespace ascent::charging {

namespace {

constexpr std::array<const char *, static_cast<std::size_t>(P::count)> k_names = {
    "capital.lower_limit", "capital.upper_limit", "capital.tariff_step", "policy.nonres_lower_capital_limit",
    "policy.nonres_upper_capital_limit", "pea", "mig.single_18_24", "mig.single_25_to_pension", "mig.single_pension",
    "mig.lone_parent", "mig.child", "mig.disability_premium_single", "mig.enhanced_disability_premium_single",
    "mig.carer_premium", "mig.couple_18_each", "mig.couple_pension_each", "mig.couple_disability_premium_each",
    "mig.couple_enhanced_disability_premium_each", "mig.severe_disability_premium_single", "benefit.care_higher",
    "benefit.care_middle", "benefit.care_lowest", "policy.dre_standard", "policy.dre_higher_rate_extra",
    "policy.count_night_element.pip", "policy.count_night_element.aa", "policy.count_night_element.dla",
    "policy.severe_disability_premium", "policy.respite_rule", "policy.minimum_charge", "policy.maximum_weekly_charge",
    "policy.mig_uplift", "dpa.max_interest_rate", "dpa.equity_share", "policy.dpa_admin_charge"};

constexpr uint64_t bit(P p) { return uint64_t{1} << static_cast<unsigned>(p); }

std::string pounds(int64_t pence) { return format_pence(Money::from_pence(pence)); }

// Collects the explanation when Explain is set, and which parameters were used always. The rules
// below are templates on it, so the plain charge (a simulation runs millions) compiles with no
// explanation code at all.
template <bool Explain> class Work {
public:
    Work(const Rates &rates, Assessment &out) : rates_(rates), out_(out) {}
    int64_t get(P p) {
        out_.used |= bit(p);
        return rates_.get(p);
    }
    // Callers test explaining() first, so the text is only built when it is wanted.
    void line(const std::string &label, std::optional<int64_t> amount, const std::string &reference) {
        if constexpr (Explain) out_.lines.push_back({label, amount, reference});
    }
    static constexpr bool explaining() { return Explain; }

private:
    const Rates &rates_;
    Assessment &out_;
};

// The days of the 12-week property disregard (Sch. 2 para 2: "a period of 12 weeks beginning with the day").
constexpr int32_t k_twelve_weeks = 84;

bool in_twelve_weeks(const std::optional<Date> &from, Date on) {
    return from && !(on < *from) && on < from->plus_days(k_twelve_weeks);
}

// A resident may top up their own care home fee only in these cases (statutory guidance Annex A).
bool own_top_up_allowed(const FinancialCase &c) {
    return c.s117 || c.dpa || in_twelve_weeks(c.permanent_from, c.date) || in_twelve_weeks(c.disregard_ended, c.date);
}

} // namespace

void check_case(const FinancialCase &c) {
    const auto bad = [&](const std::string &what) { throw input_error("case '" + c.id + "': " + what); };
    const auto amount = [&](int64_t v, const auto &what) {
        if (v >= 0 && v <= 100'000'000'00) return;
        if (v < 0) bad(what() + " is negative (" + pounds(v) + "); expected £0 or more");
        bad(what() + " of " + pounds(v) + " is not credible; expected under £100,000,000");
    };
    if (c.age < 18 || c.age > 130) bad("age " + std::to_string(c.age) + " is outside 18 to 130; adult social care charging is for adults");
    if (c.children < 0 || c.children > 20) bad("children must be 0 to 20, not " + std::to_string(c.children));
    const auto named = [](const char *what) { return [what] { return std::string(what); }; };
    amount(c.capital, named("capital"));
    amount(c.joint_capital, named("joint capital"));
    amount(c.housing_costs, named("housing costs"));
    amount(c.weekly_cost, named("the weekly cost of care"));
    amount(c.mobility_weekly, named("the mobility component"));
    amount(c.joint_income, named("joint income"));
    amount(c.pension_to_partner, named("the pension paid to a partner"));
    amount(c.property_value, named("the home's value"));
    amount(c.property_debts, named("the debts secured on the home"));
    amount(c.deferred_balance, named("the amount deferred"));
    amount(c.notional_capital, named("notional capital"));
    amount(c.top_up, named("the top-up"));
    if (c.top_up > 0 && c.care != CareType::residential)
        bad("a top-up is paid for a chosen care home: 'care' must be residential (statutory guidance Annex A)");
    if (c.pension_to_partner > 0 && !c.couple) bad("a pension paid to a partner needs 'couple: yes'");
    if (c.dpa && c.property_value == 0) bad("a deferred payment agreement is secured on the home: give 'property_value'");
    if (c.top_up > 0 && c.top_up_first_party && !own_top_up_allowed(c))
        bad("a resident may pay their own top-up only during a 12-week property disregard, under a deferred payment agreement or "
            "for S117 aftercare (Choice of Accommodation Regulations 2014; statutory guidance Annex A); otherwise a third party pays it");
    for (const auto &i : c.income) amount(i.weekly, [&] { return "income '" + i.name + "'"; });
    if (c.dre_items)
        for (const auto &d : *c.dre_items) amount(d.weekly, [&] { return "DRE item '" + d.category + "'"; });
    if (c.benefit != Benefit::none && c.benefit != Benefit::not_recorded && c.benefit_rate == BenefitRate::not_recorded)
        bad("the disability benefit's rate is missing (lowest, middle or highest)");
}

namespace {

// Which disregard of the home applies on the case's date, if any: its words and reference.
std::optional<std::pair<std::string, std::string>> home_disregard(const FinancialCase &c) {
    using Why = std::pair<std::string, std::string>;
    if (c.care != CareType::residential)
        return c.care == CareType::short_term_resident
                   ? Why{"a temporary resident's home", "Sch. 2 para 1; statutory guidance Annex B (the main or only home)"}
                   : Why{"the home of a person not living in a care home", "statutory guidance Annex B (the main or only home)"};
    if (c.property_disregarded) return Why{"a qualifying relative lives there", "Sch. 2 para 4; statutory guidance Annex B"};
    if (in_twelve_weeks(c.permanent_from, c.date))
        return Why{"the first 12 weeks of permanent residence, from " + c.permanent_from->uk() + " to " +
                       c.permanent_from->plus_days(k_twelve_weeks - 1).uk(),
                   "Sch. 2 para 2(1); statutory guidance Annex B (12-week property disregard)"};
    if (in_twelve_weeks(c.disregard_ended, c.date))
        return Why{"12 weeks from the end of its earlier disregard on " + c.disregard_ended->uk() + ", to " +
                       c.disregard_ended->plus_days(k_twelve_weeks - 1).uk(),
                   "Sch. 2 para 2; statutory guidance Annex B (12-week property disregard)"};
    if (c.dpa) return Why{"a deferred payment agreement is secured on it", "Care Act 2014 s.34; statutory guidance chapter 9"};
    return std::nullopt;
}

// The home counted as capital: its value less 10% for the expenses of sale and the debts secured on it.
template <class W> int64_t home_counted(const FinancialCase &c, W &w) {
    if (c.property_value == 0) return 0;
    if (const auto why = home_disregard(c)) {
        if (w.explaining()) w.line("Home worth " + pounds(c.property_value) + ": disregarded, " + why->first, 0, why->second);
        return 0;
    }
    const int64_t sale = divide_rounded(Int128{c.property_value}, 10, RoundingMode::half_up);
    const int64_t counted = std::max<int64_t>(0, c.property_value - sale - c.property_debts);
    if (w.explaining())
        w.line("Home: " + pounds(c.property_value) + " − 10% for the expenses of sale (" + pounds(sale) + ") − debts secured on it (" +
                   pounds(c.property_debts) + ")",
               counted, "reg. 20; statutory guidance Annex B");
    return counted;
}

// Capital counted: the person's own plus half of what is held jointly (Annex B), any notional
// capital the council has decided on (reg. 22), and the home where no disregard applies.
template <class W> int64_t capital_of(const FinancialCase &c, W &w) {
    int64_t capital = c.capital + c.joint_capital / 2;
    if (w.explaining()) {
        if (c.joint_capital > 0)
            w.line("Capital: own " + pounds(c.capital) + " + half of " + pounds(c.joint_capital) + " held jointly", capital,
                   "statutory guidance Annex B (jointly held capital)");
        else
            w.line("Capital", capital, "statutory guidance Annex B");
    }
    if (c.notional_capital == 0 && c.property_value == 0) return capital;
    if (c.notional_capital > 0) {
        if (w.explaining())
            w.line("Notional capital: assets the council has decided were deprived of to avoid charges", c.notional_capital,
                   "reg. 22; statutory guidance Annex E (deprivation of assets)");
        capital += c.notional_capital;
    }
    capital += home_counted(c, w);
    if (w.explaining()) w.line("Capital counted", capital, "");
    return capital;
}

// £1 a week for every £250, or part of £250, above the lower limit (reg. 25).
template <class W> int64_t tariff_income(int64_t capital, int64_t lower, int64_t step, W &w) {
    if (capital <= lower) {
        if (w.explaining()) w.line("Tariff income: capital is not above the lower limit of " + pounds(lower), 0, "reg. 12, reg. 25");
        return 0;
    }
    const int64_t steps = (capital - lower + step - 1) / step;
    if (w.explaining()) w.line(fmt::format("Tariff income: ({} − {}) ÷ {} = {} steps, each part step counted, × £1", pounds(capital), pounds(lower),
                       pounds(step), steps),
           steps * 100, "reg. 25");
    return steps * 100;
}

// The disability benefit counted, and whether its higher (night-time) rate was counted.
template <class W> std::pair<int64_t, bool> benefit_counted(const FinancialCase &c, W &w) {
    if (c.benefit == Benefit::none || c.benefit == Benefit::not_recorded) return {0, false};
    const std::string_view name = to_string(c.benefit);
    if (c.benefit_rate == BenefitRate::lowest) {
        const auto v = w.get(P::care_lowest);
        if (w.explaining()) w.line(std::string(name) + " (lowest rate)", v, "benefit.care_lowest");
        return {v, false};
    }
    if (c.benefit_rate == BenefitRate::middle) {
        const auto v = w.get(P::care_middle);
        if (w.explaining()) w.line(std::string(name) + " (middle / standard / lower rate)", v, "benefit.care_middle");
        return {v, false};
    }
    // Whether the night-time part counts is the council's choice for each benefit.
    const P night = c.benefit == Benefit::attendance_allowance ? P::night_aa
                    : c.benefit == Benefit::dla_care           ? P::night_dla
                                                               : P::night_pip;
    if (c.night_care || w.get(night) != 0) {
        const auto v = w.get(P::care_higher);
        if (w.explaining()) w.line(std::string(name) + " (higher / enhanced / highest rate, counted in full)", v,
               c.night_care ? std::string("benefit.care_higher; night-time care is provided")
                            : "benefit.care_higher; " + std::string(k_names[static_cast<std::size_t>(night)]) + " = yes");
        return {v, true};
    }
    const auto v = w.get(P::care_middle);
    if (w.explaining()) w.line(std::string(name) + ": the higher rate is paid, but with no night-time care only the middle rate is counted", v,
           "benefit.care_middle; " + std::string(k_names[static_cast<std::size_t>(night)]) + " = no");
    return {v, false};
}

template <class W> int64_t counted_income(const FinancialCase &c, W &w, int64_t tariff, bool &higher_rate, bool resident = false) {
    int64_t total = tariff;
    for (const auto &i : c.income) {
        if (i.disregarded) {
            if (w.explaining()) w.line(i.name + " (disregarded)", i.weekly, "Schedule 1 (sums disregarded)");
            continue;
        }
        if (w.explaining()) w.line(i.name, i.weekly, "Annex C (income taken into account)");
        total += i.weekly;
    }
    if (c.joint_income > 0) {
        const int64_t half = divide_rounded(Int128{c.joint_income}, 2, RoundingMode::half_up);
        if (w.explaining()) w.line("Half of " + pounds(c.joint_income) + " paid to the couple together", half,
                                   "statutory guidance Annex C (income of couples: an equal share); reg. 11 (rounding)");
        total += half;
    }
    if (resident && c.pension_to_partner > 0) {
        const int64_t half = divide_rounded(Int128{c.pension_to_partner}, 2, RoundingMode::half_up);
        if (w.explaining()) w.line("Half of the " + pounds(c.pension_to_partner) + " pension paid to a spouse or civil partner at home (disregarded)",
                                   -half, "Schedule 1 (pension paid to a partner); statutory guidance Annex C");
        total -= half;
    }
    const auto [benefit, higher] = benefit_counted(c, w);
    total += benefit;
    higher_rate = higher;
    if (w.explaining() && c.mobility_weekly > 0) w.line("Mobility component (always disregarded)", c.mobility_weekly, "Schedule 1 (mobility component)");
    if (w.explaining()) w.line("Income taken into account", total, "");
    return total;
}

// The benefit and rate in words, as the DWP names them ("PIP daily living enhanced rate").
std::string benefit_words(const FinancialCase &c) {
    switch (c.benefit) {
    case Benefit::attendance_allowance: return c.benefit_rate == BenefitRate::highest ? "AA higher rate" : "AA lower rate";
    case Benefit::pip_daily_living:
        return c.benefit_rate == BenefitRate::highest ? "PIP daily living enhanced rate" : "PIP daily living standard rate";
    case Benefit::dla_care:
        return c.benefit_rate == BenefitRate::highest  ? "DLA care highest rate"
               : c.benefit_rate == BenefitRate::middle ? "DLA care middle rate"
                                                       : "DLA care lowest rate";
    default: return "";
    }
}

bool has_benefit(const FinancialCase &c) { return c.benefit != Benefit::none && c.benefit != Benefit::not_recorded; }

// The premiums of reg. 7(5) to (7), which a person has if they get, or the council considers
// they would get if on income support, the income support premium (Income Support (General)
// Regulations 1987, Schedule 2). Each is the stated flag if there is one, otherwise derived:
//   disability premium (Sch. 2 para 11): AA, DLA (either component) or PIP (either component);
//   enhanced disability premium (para 13A): DLA care highest rate or PIP daily living enhanced rate;
//   severe disability premium (para 13), where the council's policy adds it: AA, DLA care middle or
//     highest, or PIP daily living, living alone, and nobody gets Carer's Allowance for caring for them;
//   carer premium (para 14ZA): the person gets Carer's Allowance.
enum class Premium : uint8_t { disability, enhanced, severe, carer };

bool derived(const FinancialCase &c, Premium p) {
    switch (p) {
    case Premium::disability: return has_benefit(c) || c.mobility_weekly > 0;
    case Premium::enhanced:
        return (c.benefit == Benefit::pip_daily_living || c.benefit == Benefit::dla_care) && c.benefit_rate == BenefitRate::highest;
    case Premium::severe:
        return (c.benefit == Benefit::attendance_allowance || c.benefit == Benefit::pip_daily_living ||
                (c.benefit == Benefit::dla_care && c.benefit_rate != BenefitRate::lowest)) &&
               c.lives_alone && !c.carer_gets_carers_allowance;
    case Premium::carer: return c.carers_allowance;
    }
    return false;
}

const std::optional<bool> &stated(const FinancialCase &c, Premium p) {
    switch (p) {
    case Premium::disability: return c.disability_premium;
    case Premium::enhanced: return c.enhanced_disability_premium;
    case Premium::severe: return c.severe_disability_premium;
    case Premium::carer: return c.carer_premium;
    }
    return c.carer_premium;
}

bool applies(const FinancialCase &c, Premium p) {
    const auto &s = stated(c, p);
    return s ? *s : derived(c, p);
}

// Why the premium applies, or does not, for the explanation.
std::string basis(const FinancialCase &c, Premium p) {
    if (const auto &s = stated(c, p)) return std::string(*s ? "stated in " : "not applied: stated in ") + std::string(c.stated_by);
    switch (p) {
    case Premium::disability:
        if (has_benefit(c)) return "derived from " + benefit_words(c);
        return "derived from the mobility component";
    case Premium::enhanced: return "derived from " + benefit_words(c);
    case Premium::severe: return "derived from " + benefit_words(c) + ", living alone, no carer paid Carer's Allowance";
    case Premium::carer: return "derived from Carer's Allowance";
    }
    return "";
}

// Minimum income guarantee by age and household, with premiums (reg. 7), and any council uplift.
template <class W> int64_t minimum_income_guarantee(const FinancialCase &c, W &w) {
    int64_t mig = 0;
    const auto premium = [&](Premium which, P p, const char *label, const char *reference) {
        if (!applies(c, which)) {
            if (w.explaining() && stated(c, which) && !*stated(c, which) && derived(c, which))
                w.line(std::string("MIG: no ") + label + " (stated in " + std::string(c.stated_by) + ")", 0,
                       std::string(reference) + ": the benefits recorded would give it");
            return;
        }
        const auto v = w.get(p);
        if (w.explaining()) w.line(std::string("MIG: ") + label + " (" + basis(c, which) + ")", v,
                                   std::string(reference) + "; " + k_names[static_cast<std::size_t>(p)]);
        mig += v;
    };
    if (c.couple) {
        mig = w.get(c.pension_age ? P::couple_pension : P::couple_18);
        if (w.explaining()) w.line(c.pension_age ? "MIG: member of a couple at pension credit age" : "MIG: member of a couple aged 18 or over", mig,
               c.pension_age ? "reg. 7(4)(b); mig.couple_pension_each" : "reg. 7(4)(a); mig.couple_18_each");
        if (!c.pension_age) {
            premium(Premium::disability, P::couple_dp, "disability premium (couple, each)", "reg. 7(6)(a); Income Support Regs 1987 Sch. 2 para 11");
            premium(Premium::enhanced, P::couple_edp, "enhanced disability premium (couple, each)", "reg. 7(6)(b); Income Support Regs 1987 Sch. 2 para 13A");
        }
    } else {
        const P base = c.pension_age ? P::mig_pension : c.lone_parent ? P::mig_lone_parent : c.age < 25 ? P::mig_18_24 : P::mig_25;
        mig = w.get(base);
        if (w.explaining()) w.line(c.pension_age ? "MIG: single, at pension credit age"
               : c.lone_parent ? "MIG: lone parent"
               : c.age < 25    ? "MIG: single, aged 18 to 24"
                               : "MIG: single, aged 25 to pension credit age",
               mig, std::string(c.pension_age ? "reg. 7(2)(c); " : c.lone_parent ? "reg. 7(3); " : c.age < 25 ? "reg. 7(2)(a); " : "reg. 7(2)(b); ") +
                        k_names[static_cast<std::size_t>(base)]);
        if (!c.pension_age) {
            premium(Premium::disability, P::dp_single, "disability premium", "reg. 7(5)(a); Income Support Regs 1987 Sch. 2 para 11");
            premium(Premium::enhanced, P::edp_single, "enhanced disability premium", "reg. 7(5)(b); Income Support Regs 1987 Sch. 2 para 13A");
            // Not in reg. 7: a council may add it to the MIG (statutory guidance Annex C: the MIG is a minimum).
            // The council's choice is read only for someone who would have the premium.
            if (applies(c, Premium::severe) && w.get(P::sdp_policy) != 0)
                premium(Premium::severe, P::sdp_single, "severe disability premium, added by the council's policy",
                        "policy.severe_disability_premium; Income Support Regs 1987 Sch. 2 para 13");
        }
    }
    premium(Premium::carer, P::carer_premium, "carer premium", "reg. 7(7); Income Support Regs 1987 Sch. 2 para 14ZA");
    if (c.children > 0) {
        const auto child = w.get(P::mig_child);
        if (w.explaining()) w.line(fmt::format("MIG: {} dependent child{} × {}", c.children, c.children == 1 ? "" : "ren", pounds(child)), child * c.children,
               "reg. 7; mig.child");
        mig += child * c.children;
    }
    const auto uplift = w.get(P::mig_uplift);
    if (uplift > 0) {
        const auto raised = divide_rounded(Int128{mig} * (10'000 + uplift), 10'000, RoundingMode::half_up);
        if (w.explaining()) w.line(fmt::format("MIG uplift of {}.{:02}% set by the council", uplift / 100, uplift % 100), raised - mig, "policy.mig_uplift");
        mig = raised;
    }
    return mig;
}

template <class W> int64_t dre_allowance(const FinancialCase &c, W &w, bool higher_rate) {
    if (c.dre_items) {
        int64_t total = 0;
        for (const auto &d : *c.dre_items) {
            if (w.explaining()) w.line("DRE: " + d.category + " (" + (d.allowed ? "allowed" : "not allowed") + "; evidence: " + d.evidence + ")", d.weekly,
                   "Annex C (disability-related expenditure)");
            if (d.allowed) total += d.weekly;
        }
        return total;
    }
    int64_t dre = w.get(P::dre_standard);
    if (w.explaining()) w.line("DRE: the council's standard allowance", dre, "policy.dre_standard");
    if (higher_rate) {
        const auto extra = w.get(P::dre_extra);
        if (extra > 0) {
            if (w.explaining()) w.line("DRE: extra allowance where the higher rate is counted", extra, "policy.dre_higher_rate_extra");
            dre += extra;
        }
    }
    return dre;
}

// The charge before the cost-of-care cap: non-residential rules (reg. 7 and Annex C).
template <class W> int64_t non_residential(const FinancialCase &c, W &w, int64_t capital) {
    const int64_t tariff = tariff_income(capital, w.get(P::nonres_lower), w.get(P::step), w);
    bool higher_rate = false;
    const int64_t income = counted_income(c, w, tariff, higher_rate);
    const int64_t mig = minimum_income_guarantee(c, w);
    const int64_t dre = dre_allowance(c, w, higher_rate);
    if (w.explaining() && c.housing_costs > 0) w.line("Housing costs", c.housing_costs, "Annex C (housing costs)");
    const int64_t left = income - mig - dre - c.housing_costs;
    if (w.explaining()) w.line("Income − MIG − DRE − housing costs", left, "");
    return std::max<int64_t>(0, left);
}

// Residential rules: income and tariff income less the personal expenses allowance (reg. 6).
template <class W> int64_t residential(const FinancialCase &c, W &w, int64_t capital, bool short_term) {
    const int64_t tariff = tariff_income(capital, w.get(P::lower), w.get(P::step), w);
    bool higher_rate = false;
    const int64_t income = counted_income(c, w, tariff, higher_rate, c.care == CareType::residential);
    const int64_t pea = w.get(P::pea);
    if (w.explaining()) w.line("Personal expenses allowance", pea, "reg. 6; pea");
    int64_t left = income - pea;
    if (short_term && c.housing_costs > 0) {
        if (w.explaining()) w.line("Housing costs of the home kept while a short-term resident", c.housing_costs, "statutory guidance 8.34; Annex C");
        left -= c.housing_costs;
    }
    if (w.explaining()) w.line("Income − allowances", left, "");
    return std::max<int64_t>(0, left);
}

// Under a deferred payment agreement (once no other disregard of the home applies) the cost of
// care beyond the weekly charge, and any top-up the resident pays, is deferred against the home,
// up to the equity limit; interest and an administration charge are added to what is deferred.
bool dpa_in_force(const FinancialCase &c) {
    return c.dpa && c.care == CareType::residential && !c.property_disregarded && !in_twelve_weeks(c.permanent_from, c.date) &&
           !in_twelve_weeks(c.disregard_ended, c.date);
}

template <class W> void deferred_payment(const FinancialCase &c, W &w, Assessment &a) {
    a.rules |= k_rule_dpa;
    const int64_t own_top_up = c.top_up_first_party ? c.top_up : 0;
    a.deferred = std::max<int64_t>(0, c.weekly_cost - a.charge) + own_top_up;
    if (!w.explaining()) return; // the figures below explain the agreement; the charge does not depend on them
    w.line(own_top_up > 0 ? "Deferred a week: the cost of care less the weekly charge, and the resident's own top-up"
                          : "Deferred a week: the cost of care less the weekly charge",
           a.deferred, "Care Act 2014 s.34; statutory guidance chapter 9");
    const int64_t share = w.get(P::dpa_equity_share);
    const int64_t lower = w.get(P::lower);
    const int64_t equity = divide_rounded(Int128{c.property_value} * share, 10'000, RoundingMode::half_up) - lower - c.property_debts;
    w.line(fmt::format("Equity limit: {}.{:02}% of {} − the lower capital limit {} − debts secured on it {}", share / 100, share % 100,
                       pounds(c.property_value), pounds(lower), pounds(c.property_debts)),
           equity, "statutory guidance chapter 9 (equity limit); dpa.equity_share");
    const int64_t admin = w.get(P::dpa_admin);
    w.line("Administration charge, added to the amount deferred", admin, "statutory guidance chapter 9 (administration charges); policy.dpa_admin_charge");
    const int64_t rate = w.get(P::dpa_interest);
    const int64_t interest = divide_rounded(Int128{c.deferred_balance} * rate, 10'000, RoundingMode::half_up);
    w.line(fmt::format("Interest for a year on the {} deferred so far at the national maximum of {}.{:02}% (not compounded)",
                       pounds(c.deferred_balance), rate / 100, rate % 100),
           interest, "Deferred Payment Regulations 2014 reg. 9; statutory guidance 9.67; dpa.max_interest_rate");
    const int64_t headroom = equity - c.deferred_balance - admin;
    if (headroom <= 0)
        w.line("The equity limit is reached: the council may stop deferring", headroom, "statutory guidance chapter 9 (equity limit)");
    else if (a.deferred > 0)
        w.line(fmt::format("Equity left {}: {} whole weeks at {} a week, before interest", pounds(headroom), headroom / a.deferred,
                           pounds(a.deferred)),
               std::nullopt, "statutory guidance chapter 9 (equity limit)");
}

template <class W> void top_up(const FinancialCase &c, W &w) {
    if (c.top_up == 0 || !w.explaining()) return;
    const std::string reference = "Care and Support and Aftercare (Choice of Accommodation) Regulations 2014; statutory guidance Annex A";
    if (!c.top_up_first_party) {
        w.line("Top-up for a chosen home paid by a third party: not the resident's income, not in the cost of care", c.top_up, reference);
        return;
    }
    w.line(std::string("Top-up for a chosen home paid by the resident (allowed: ") +
               (c.s117 ? "S117 aftercare" : dpa_in_force(c) ? "added to the deferred payment agreement" : "during the 12-week property disregard") + ")",
           c.top_up, reference);
}

} // namespace

std::string_view to_string(CareType care) {
    switch (care) {
    case CareType::non_residential: return "non-residential";
    case CareType::residential: return "residential";
    case CareType::short_term_resident: return "short-term resident";
    }
    return "non-residential";
}

Rates::Rates(const ParameterSet &set, Date on) : set_(&set), on_(on) {
    // A council file written before the night-time switch was split per benefit: its choice is not
    // guessed, and an assessment that needs it says what to set instead.
    const auto old = set.all().find(std::string(k_old_night_parameter));
    const std::string old_file = old == set.all().end() ? "" : old->second.file;
    for (std::size_t i = 0; i < values_.size(); ++i) {
        const auto p = static_cast<P>(i);
        if (!old_file.empty() && (p == P::night_pip || p == P::night_aa || p == P::night_dla)) {
            errors_[i] = std::string("parameter '") + std::string(k_old_night_parameter) + "' (" + old_file + ") is replaced by '" +
                         k_names[i] + "': set policy.count_night_element.pip, .aa and .dla instead";
            missing_ |= uint64_t{1} << i;
            continue;
        }
        try {
            used_[i] = set.used(k_names[i], on);
            if (p == P::respite_residential) values_[i] = set.choice(k_names[i], on) == "residential";
            else values_[i] = set.value(k_names[i], on, set.all().at(k_names[i]).unit).number;
        } catch (const Error &e) {
            errors_[i] = e.what();
            missing_ |= uint64_t{1} << i;
        }
    }
}

void Rates::throw_missing(std::size_t i) const { throw input_error(errors_[i]); }

uint64_t Rates::differs_from(const Rates &other) const {
    uint64_t out = missing_ ^ other.missing_;
    for (std::size_t i = 0; i < values_.size(); ++i)
        if (values_[i] != other.values_[i]) out |= uint64_t{1} << i;
    return out;
}

const UsedParameter &Rates::used(P p) const { return used_[static_cast<std::size_t>(p)]; }

namespace {

// The rules of an assessment, into `a`; Explain adds the explanation.
template <bool Explain> void assess_into(const FinancialCase &c, const Rates &rates, Assessment &a) {
    Work<Explain> w(rates, a);
    if (c.s117) {
        a.rules = k_rule_s117;
        a.nil = true;
        if (w.explaining()) w.line("Section 117 aftercare cannot be charged for", 0, "Mental Health Act 1983 s.117");
        if (w.explaining()) w.line("Weekly charge", 0, "");
        return;
    }
    const bool residential_rules = c.care == CareType::residential ||
                                   (c.care == CareType::short_term_resident && w.get(P::respite_residential) != 0);
    if (residential_rules) a.rules |= k_rule_residential;
    if (c.care == CareType::short_term_resident) a.rules |= k_rule_short_term;
    if (c.light_touch) {
        a.rules |= k_rule_light_touch;
        a.full_cost = true;
        a.charge = c.weekly_cost;
        if (w.explaining()) w.line("Light-touch assessment: the person pays the full cost of care", c.weekly_cost, "statutory guidance chapter 8 (light-touch financial assessment)");
    } else {
        const int64_t capital = capital_of(c, w);
        const int64_t upper = w.get(residential_rules ? P::upper : P::nonres_upper);
        if (capital > upper) {
            a.rules |= k_rule_capital;
            a.full_cost = true;
            a.charge = c.weekly_cost;
            if (w.explaining()) w.line("Capital is above the upper limit of " + pounds(upper) + ": the person pays the full cost", c.weekly_cost, "reg. 12");
        } else {
            a.charge = residential_rules ? residential(c, w, capital, c.care == CareType::short_term_resident)
                                         : non_residential(c, w, capital);
        }
    }
    if (a.charge > c.weekly_cost) {
        if (w.explaining()) w.line("Capped at the cost of care", c.weekly_cost, "reg. 7 (a charge cannot exceed the cost of meeting needs)");
        a.charge = c.weekly_cost;
    }
    if (!residential_rules) {
        const auto maximum = w.get(P::maximum_charge);
        if (maximum > 0 && a.charge > maximum) {
            if (w.explaining()) w.line("Capped at the council's maximum weekly charge", maximum, "policy.maximum_weekly_charge");
            a.charge = maximum;
        }
    }
    const auto minimum = w.get(P::minimum_charge);
    if (a.charge > 0 && a.charge < minimum) {
        if (w.explaining()) w.line("Below the council's minimum charge of " + pounds(minimum) + ": not collected", 0, "policy.minimum_charge");
        a.charge = 0;
    }
    a.nil = a.charge == 0;
    if (w.explaining() && c.notional_capital > 0 && !c.light_touch) {
        FinancialCase without = c;
        without.notional_capital = 0;
        Assessment plain;
        assess_into<false>(without, rates, plain);
        w.line("Notional capital diminishes each week by the charge it adds", a.charge - plain.charge, "reg. 23 (diminishing notional capital)");
    }
    if (residential_rules && dpa_in_force(c)) deferred_payment(c, w, a);
    top_up(c, w);
    if (w.explaining()) w.line("Weekly charge", a.charge, "");
}

} // namespace

Assessment assess(const FinancialCase &c, const Rates &rates, bool explain, bool checked) {
    if (!checked) check_case(c);
    Assessment a;
    if (explain) assess_into<true>(c, rates, a);
    else assess_into<false>(c, rates, a);
    return a;
}

int64_t charge_of(const FinancialCase &c, const Rates &rates, std::string_view context, uint64_t *used) {
    try {
        Assessment a;
        assess_into<false>(c, rates, a);
        if (used) *used = a.used;
        return a.charge;
    } catch (const Error &e) {
        throw Error(e.kind(), std::string(context) + ", case '" + c.id + "': " + e.what());
    }
}

std::string rule_text(const Assessment &a) {
    if (a.rules & k_rule_s117) return "S117 aftercare: free";
    std::string out = (a.rules & k_rule_residential) ? "residential rules" : "non-residential rules";
    if (a.rules & k_rule_short_term) out += " for a short-term resident (policy.respite_rule)";
    if (a.rules & k_rule_light_touch) out += "; light-touch: full cost";
    if (a.rules & k_rule_capital) out += "; capital above the upper limit: full cost";
    if (a.rules & k_rule_dpa) out += "; deferred payment agreement";
    return out;
}

std::string format_assessment(const FinancialCase &c, const Rates &rates, const Assessment &a) {
    std::string out = fmt::format("Financial assessment: {} ({}), from {}\nRules: {}\n", c.id, to_string(c.care), c.date.uk(), rule_text(a));
    for (const auto &l : a.lines)
        out += fmt::format("  {:<78} {:>12}  {}\n", l.label, l.amount ? pounds(*l.amount) : "", l.reference);
    out += fmt::format("Charge: {} a week{}\n", pounds(a.charge), a.nil ? " (nil charge)" : a.full_cost ? " (full cost)" : "");
    if (a.rules & k_rule_dpa) out += fmt::format("Deferred: {} a week, against the home\n", pounds(a.deferred));
    out += "Parameters used:\n";
    for (std::size_t i = 0; i < k_names.size(); ++i) {
        if (!((a.used >> i) & 1)) continue;
        const auto &u = rates.used(static_cast<P>(i));
        out += fmt::format("  {:<40} {:>10} from {} [{}] {}\n", u.name, u.value, u.from.uk(), u.tag, u.source);
    }
    for (const auto &s : rates.set().sources()) out += "  from " + s + "\n";
    const auto carried = carried_forward(rates.set(), c.date, a.used);
    if (!carried.empty()) {
        out += fmt::format("WARNING: {} yearly figure(s) have no {} value of their own, so an earlier year's carries forward: ",
                           carried.size(), FinancialYear::containing(c.date).label());
        for (std::size_t i = 0; i < carried.size(); ++i) out += (i ? "; " : "") + carried[i];
        out += ".\nEnter this year's figures (ascent charging parameters load FILE) before relying on the charge.\n";
    }
    return out;
}

std::string_view parameter_name(P p) { return k_names[static_cast<std::size_t>(p)]; }

void set_parameter(ParameterSet &set, const std::string &name, Date from, const std::string &value, const std::string &source) {
    try {
        if (name == k_old_night_parameter) {
            for (const auto night : k_night_parameters) set.set(std::string(night), from, value, source);
            return;
        }
        set.set(name, from, value, source);
    } catch (const Error &e) {
        throw Error(e.kind(), source + ": " + e.what());
    }
}

std::vector<std::string> carried_forward(const ParameterSet &set, Date on, uint64_t used) {
    std::vector<std::string> out;
    const auto year = FinancialYear::containing(on);
    for (std::size_t i = 0; i < k_names.size(); ++i) {
        if (!((used >> i) & 1)) continue;
        const auto it = set.all().find(k_names[i]);
        if (it == set.all().end() || !it->second.uprated_yearly) continue;
        const auto &values = it->second.values;
        if (std::any_of(values.begin(), values.end(), [&](const ParameterValue &v) { return year.contains(v.from); })) continue;
        const ParameterValue *in_force = nullptr;
        for (const auto &v : values)
            if (!(on < v.from)) in_force = &v;
        if (in_force == nullptr) continue;
        out.push_back(fmt::format("{} (the {} value from {})", k_names[i], FinancialYear::containing(in_force->from).label(),
                                  in_force->from.uk()));
    }
    return out;
}

} // namespace ascent::charging
