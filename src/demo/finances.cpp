#include "demo/finances.hpp"

#include <fmt/format.h>

#include <vector>

#include "core/rng.hpp"

namespace ascent::demo {

extern const std::vector<std::string_view> k_demo_parameters; // charging-parameters.yaml

namespace {

std::string pounds_or_blank(int64_t pence) {
    return pence == 0 ? std::string{} : fmt::format("{}.{:02}", pence / 100, pence % 100);
}

} // namespace

void write_finances_header(io::CsvWriter &out) {
    out.fields({"Client ID", "Assessed", "Couple", "Capital", "Joint Capital", "State Pension", "Pension Credit",
                "Occupational Pension", "ESA/UC", "Other Income", "Earnings", "Total Income", "Mobility", "Rent",
                "DRE Itemised", "Light Touch"});
    out.end_row();
}

void write_finances(io::CsvWriter &out, uint64_t seed, const FinancePerson &p, Date period_end) {
    Rng rng(seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(p.number));
    if (rng.chance(12)) return; // no financial assessment on record
    const bool pension_age = p.age >= 66;
    const bool couple = pension_age && rng.chance(12);
    int64_t state_pension = 0, pension_credit = 0, other_pension = 0, benefits = 0, other_income = 0, earnings = 0;
    if (pension_age) {
        state_pension = rng.between(160'00, 235'00);
        if (state_pension < 218'00 && rng.chance(45)) pension_credit = 218'00 - state_pension + rng.between(0, 10'00);
        if (rng.chance(40)) other_pension = rng.between(15'00, 220'00);
    } else {
        if (rng.chance(85)) benefits = rng.between(90'00, 195'00);
        if (p.employed) earnings = rng.between(40'00, 160'00);
        if (rng.chance(10)) other_income = rng.between(5'00, 40'00);
    }
    // Capital: most have little; about one in five pays the full cost.
    const auto band = rng.between(1, 100);
    const int64_t capital = band <= 60 ? rng.between(0, 6'000'00)
                            : band <= 70 ? rng.between(6'000'00, 14'250'00)
                            : band <= 82 ? rng.between(14'250'01, 23'250'00)
                                         : rng.between(23'250'01, 150'000'00);
    const int64_t joint_capital = couple && rng.chance(50) ? rng.between(2'000'00, 40'000'00) : 0;
    const int64_t mobility = !pension_age && p.disability_benefit && rng.chance(55) ? (rng.chance(50) ? 77'05 : 29'20) : 0;
    const int64_t rent = !p.residential && rng.chance(35) ? rng.between(40'00, 150'00) : 0;
    const int64_t dre = !p.residential && rng.chance(20) ? rng.between(15'00, 60'00) : 0;
    const bool light_touch = band > 82 && rng.chance(20);
    int64_t total = state_pension + pension_credit + other_pension + benefits + other_income + earnings;
    if (rng.chance(1)) total += rng.between(1, 2'000); // a case system total that does not add up
    const Date assessed = period_end.plus_days(-static_cast<int32_t>(rng.between(0, 3 * 365)));
    out.fields({p.id, assessed.uk(), couple ? "Yes" : "No", pounds_or_blank(capital), pounds_or_blank(joint_capital),
                pounds_or_blank(state_pension), pounds_or_blank(pension_credit), pounds_or_blank(other_pension),
                pounds_or_blank(benefits), pounds_or_blank(other_income), pounds_or_blank(earnings),
                pounds_or_blank(total), pounds_or_blank(mobility), pounds_or_blank(rent), pounds_or_blank(dre),
                light_touch ? "Yes" : "No"});
    out.end_row();
}

std::string finances_mapping() {
    return "# Column mapping for the demo council's case system.\nsource: Demo case system\nkind: finances\n"
           "columns:\n  person_id: Client ID\n  assessed_on: Assessed\n  couple: Couple\n  capital: Capital\n"
           "  joint_capital: Joint Capital\n  state_pension: State Pension\n  pension_credit: Pension Credit\n"
           "  other_pension: Occupational Pension\n  benefits: ESA/UC\n  other_income: Other Income\n"
           "  earnings: Earnings\n  total_income: Total Income\n  mobility: Mobility\n  housing_costs: Rent\n"
           "  dre_itemised: DRE Itemised\n  light_touch: Light Touch\n";
}

std::string_view demo_charging_parameters() { return k_demo_parameters.front(); }

} // namespace ascent::demo
