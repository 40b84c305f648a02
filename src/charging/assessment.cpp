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
    "benefit.care_higher", "benefit.care_middle", "benefit.care_lowest", "policy.dre_standard",
    "policy.dre_higher_rate_extra", "policy.count_night_element", "policy.respite_rule", "policy.minimum_charge",
    "policy.maximum_weekly_charge", "policy.mig_uplift"};

std::string pounds(int64_t pence) { return format_pence(Money::from_pence(pence)); }

// Collects the explanation when Explain is set, and which parameters were used always. The rules
// below are templates on it, so the plain charge (a simulation runs millions) compiles with no
// explanation code at all.
template <bool Explain> class Work {
public:
    Work(const Rates &rates, Assessment &out) : rates_(rates), out_(out) {}
    int64_t get(P p) {
        out_.used |= 1u << static_cast<unsigned>(p);
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
    for (const auto &i : c.income) amount(i.weekly, [&] { return "income '" + i.name + "'"; });
    if (c.dre_items)
        for (const auto &d : *c.dre_items) amount(d.weekly, [&] { return "DRE item '" + d.category + "'"; });
    if (c.benefit != Benefit::none && c.benefit != Benefit::not_recorded && c.benefit_rate == BenefitRate::not_recorded)
        bad("the disability benefit's rate is missing (lowest, middle or highest)");
}

namespace {

// Capital counted: the person's own plus half of what is held jointly (Annex B).
template <class W> int64_t capital_of(const FinancialCase &c, W &w) {
    const int64_t capital = c.capital + c.joint_capital / 2;
    if (!w.explaining()) return capital;
    if (c.joint_capital > 0)
        w.line("Capital: own " + pounds(c.capital) + " + half of " + pounds(c.joint_capital) + " held jointly", capital,
               "statutory guidance Annex B (jointly held capital)");
    else
        w.line("Capital", capital, "statutory guidance Annex B");
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
    if (c.night_care || w.get(P::count_night) != 0) {
        const auto v = w.get(P::care_higher);
        if (w.explaining()) w.line(std::string(name) + " (higher / enhanced / highest rate, counted in full)", v,
               c.night_care ? "benefit.care_higher; night-time care is provided" : "benefit.care_higher; policy.count_night_element = yes");
        return {v, true};
    }
    const auto v = w.get(P::care_middle);
    if (w.explaining()) w.line(std::string(name) + ": the higher rate is paid, but with no night-time care only the middle rate is counted", v,
           "benefit.care_middle; policy.count_night_element = no");
    return {v, false};
}

template <class W> int64_t counted_income(const FinancialCase &c, W &w, int64_t tariff, bool &higher_rate) {
    int64_t total = tariff;
    for (const auto &i : c.income) {
        if (i.disregarded) {
            if (w.explaining()) w.line(i.name + " (disregarded)", i.weekly, "Schedule 1 (sums disregarded)");
            continue;
        }
        if (w.explaining()) w.line(i.name, i.weekly, "Annex C (income taken into account)");
        total += i.weekly;
    }
    const auto [benefit, higher] = benefit_counted(c, w);
    total += benefit;
    higher_rate = higher;
    if (w.explaining() && c.mobility_weekly > 0) w.line("Mobility component (always disregarded)", c.mobility_weekly, "Schedule 1 (mobility component)");
    if (w.explaining()) w.line("Income taken into account", total, "");
    return total;
}

// Minimum income guarantee by age and household, with premiums (reg. 7), and any council uplift.
template <class W> int64_t minimum_income_guarantee(const FinancialCase &c, W &w) {
    int64_t mig = 0;
    if (c.couple) {
        mig = w.get(c.pension_age ? P::couple_pension : P::couple_18);
        if (w.explaining()) w.line(c.pension_age ? "MIG: member of a couple at pension credit age" : "MIG: member of a couple aged 18 or over", mig,
               c.pension_age ? "reg. 7; mig.couple_pension_each" : "reg. 7; mig.couple_18_each");
        if (c.disability_premium) {
            const auto dp = w.get(P::couple_dp);
            if (w.explaining()) w.line("MIG: disability premium (couple, each)", dp, "reg. 7; mig.couple_disability_premium_each");
            mig += dp;
        }
    } else {
        const P base = c.pension_age ? P::mig_pension : c.lone_parent ? P::mig_lone_parent : c.age < 25 ? P::mig_18_24 : P::mig_25;
        mig = w.get(base);
        if (w.explaining()) w.line(c.pension_age ? "MIG: single, at pension credit age"
               : c.lone_parent ? "MIG: lone parent"
               : c.age < 25    ? "MIG: single, aged 18 to 24"
                               : "MIG: single, aged 25 to pension credit age",
               mig, std::string("reg. 7; ") + k_names[static_cast<std::size_t>(base)]);
        if (!c.pension_age) {
            for (auto [wanted, p, label] : {std::tuple{c.disability_premium, P::dp_single, "disability premium"},
                                            std::tuple{c.enhanced_disability_premium, P::edp_single, "enhanced disability premium"},
                                            std::tuple{c.carer_premium, P::carer_premium, "carer premium"}}) {
                if (!wanted) continue;
                const auto v = w.get(p);
                if (w.explaining()) w.line(std::string("MIG: ") + label, v, std::string("reg. 7; ") + k_names[static_cast<std::size_t>(p)]);
                mig += v;
            }
        }
    }
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
    const int64_t income = counted_income(c, w, tariff, higher_rate);
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
    for (std::size_t i = 0; i < values_.size(); ++i) {
        const auto p = static_cast<P>(i);
        try {
            used_[i] = set.used(k_names[i], on);
            if (p == P::respite_residential) values_[i] = set.choice(k_names[i], on) == "residential";
            else values_[i] = set.value(k_names[i], on, set.all().at(k_names[i]).unit).number;
        } catch (const Error &e) {
            errors_[i] = e.what();
            missing_ |= 1u << i;
        }
    }
}

void Rates::throw_missing(std::size_t i) const { throw input_error(errors_[i]); }

uint32_t Rates::differs_from(const Rates &other) const {
    uint32_t out = missing_ ^ other.missing_;
    for (std::size_t i = 0; i < values_.size(); ++i)
        if (values_[i] != other.values_[i]) out |= 1u << i;
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

int64_t charge_of(const FinancialCase &c, const Rates &rates, std::string_view context, uint32_t *used) {
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
    return out;
}

std::string format_assessment(const FinancialCase &c, const Rates &rates, const Assessment &a) {
    std::string out = fmt::format("Financial assessment: {} ({}), from {}\nRules: {}\n", c.id, to_string(c.care), c.date.uk(), rule_text(a));
    for (const auto &l : a.lines)
        out += fmt::format("  {:<78} {:>12}  {}\n", l.label, l.amount ? pounds(*l.amount) : "", l.reference);
    out += fmt::format("Charge: {} a week{}\nParameters used:\n", pounds(a.charge), a.nil ? " (nil charge)" : a.full_cost ? " (full cost)" : "");
    for (std::size_t i = 0; i < k_names.size(); ++i) {
        if (!((a.used >> i) & 1)) continue;
        const auto &u = rates.used(static_cast<P>(i));
        out += fmt::format("  {:<40} {:>10} from {} [{}] {}\n", u.name, u.value, u.from.uk(), u.tag, u.source);
    }
    for (const auto &s : rates.set().sources()) out += "  from " + s + "\n";
    return out;
}

} // namespace ascent::charging
