#include "core/cohort_fields.hpp"

#include "core/cohort.hpp"
#include "core/summary.hpp"

namespace ascent::cohort_detail {

namespace {

// Copies a source column, with k_unknown where `known` says the value is not recorded.
template <typename T, typename Known> void column_of(Column &out, const std::vector<T> &source, Known known) {
    out.resize(source.size());
    for (std::size_t i = 0; i < source.size(); ++i) out[i] = known(source[i]) ? static_cast<int64_t>(source[i]) : k_unknown;
}
constexpr auto always = [](auto) { return true; };
constexpr auto non_negative = [](auto v) { return v >= 0; };
constexpr auto non_zero = [](auto v) { return v != decltype(v){}; };
constexpr auto recorded_money = [](int64_t v) { return v != k_no_money; };

} // namespace

const std::vector<Field> &cohort_field_table() {
    static const std::vector<Field> k_fields = {
        {"age", {}, Kind::number, "age in whole years on the date", [](L, F f, Column &c) { column_of(c, f.age, non_negative); }},
        {"weekly cost", {"package cost", "cost"}, Kind::money, "weekly cost of the open service lines, £",
         [](L, F f, Column &c) { column_of(c, f.weekly_cost, always); }},
        {"health funded", {"nhs funded"}, Kind::money, "£ a week of the open lines paid by the NHS (CHC and S117 shares)",
         [](L, F f, Column &c) { column_of(c, f.health_funded, always); }},
        {"health share", {"nhs share"}, Kind::number, "% of the weekly cost paid by the NHS (whole %, rounded down)",
         [](L, F f, Column &c) {
             c.resize(f.weekly_cost.size());
             for (std::size_t p = 0; p < c.size(); ++p)
                 c[p] = f.weekly_cost[p] > 0 ? f.health_funded[p] * 100 / f.weekly_cost[p] : k_unknown;
         }},
        {"accommodation cost", {}, Kind::money, "£ a week of the fee that pays for accommodation",
         [](L, F f, Column &c) { column_of(c, f.accommodation_cost, recorded_money); }},
        {"support reason", {"psr", "primary support reason"}, Kind::code, "primary support reason (LD, MH or a CLD value)",
         [](L l, F, Column &c) { column_of(c, l.people.support_reason, non_zero); }, CodeField::support_reason},
        {"gender", {}, Kind::code, "gender (CLD values)", [](L l, F, Column &c) { column_of(c, l.people.gender, non_zero); },
         CodeField::gender},
        {"employment", {"employment status"}, Kind::code, "employment status (CLD values)",
         [](L l, F, Column &c) { column_of(c, l.people.employment, non_zero); }, CodeField::employment},
        {"employed", {"in paid work"}, Kind::yes_no, "in paid employment (from the CLD employment status)",
         [](L l, F, Column &c) {
             const auto &e = l.people.employment;
             c.resize(e.size());
             for (std::size_t p = 0; p < e.size(); ++p)
                 c[p] = e[p] == 0 || e[p] == codes::emp_unknown ? k_unknown : e[p] <= codes::emp_paid_unknown ? 1 : 0;
         }},
        {"setting", {}, Kind::setting, "nursing, residential, community, prison, short term, carer support",
         [](L, F f, Column &c) { column_of(c, f.setting, [](uint8_t s) { return s < static_cast<uint8_t>(Setting::count); }); }},
        {"service", {"services"}, Kind::services, "a service component of an open line, e.g. home support, day support",
         [](L, F f, Column &c) { column_of(c, f.services, always); }},
        {"open lines", {"lines"}, Kind::number, "number of open service lines",
         [](L, F f, Column &c) { column_of(c, f.open_lines, always); }},
        {"direct payment", {"dp"}, Kind::yes_no, "has a direct payment",
         [](L, F f, Column &c) { column_of(c, f.direct_payment, always); }},
        {"night support", {"night"}, Kind::night, "highest night support on open lines: none, sleep in, waking",
         [](L, F f, Column &c) { column_of(c, f.night, non_zero); }},
        {"waking night", {"waking nights"}, Kind::yes_no, "has waking-night support",
         [](L, F f, Column &c) {
             column_of(c, f.night, always);
             for (auto &v : c) v = v == static_cast<int64_t>(NightLevel::waking);
         }},
        {"sleep in", {"sleep ins"}, Kind::yes_no, "sleep-in is the highest night support",
         [](L, F f, Column &c) {
             column_of(c, f.night, always);
             for (auto &v : c) v = v == static_cast<int64_t>(NightLevel::sleep_in);
         }},
        {"staff ratio", {}, Kind::number, "highest staffing ratio (2 for 2:1)",
         [](L, F f, Column &c) { column_of(c, f.staff_ratio, non_zero); }},
        {"home care hours", {}, Kind::hundredths, "planned hours a week of open hourly home support",
         [](L, F f, Column &c) { column_of(c, f.home_care_hours, always); }},
        {"had reablement", {"reablement"}, Kind::yes_no, "has had reablement or ST-Max",
         [](L, F f, Column &c) { column_of(c, f.had_reablement, always); }},
        {"respite days", {}, Kind::number, "days of short-term residential stays in the last 12 months",
         [](L, F f, Column &c) { column_of(c, f.respite_days, always); }},
        {"out of area", {"ooa"}, Kind::yes_no, "placed outside the council's area",
         [](L l, F, Column &c) { column_of(c, l.people.out_of_area, non_negative); }},
        {"distance km", {"distance"}, Kind::number, "distance of the placement, km",
         [](L l, F, Column &c) { column_of(c, l.people.distance_km, [](int32_t v) { return v != k_no_quantity; }); }},
        {"other council", {"ordinary residence"}, Kind::yes_no, "another council is recorded as responsible",
         [](L l, F, Column &c) {
             column_of(c, l.people.placing_authority, always);
             for (auto &v : c) v = v != 0;
         }},
        {"s117", {"section 117"}, Kind::s117, "section 117 aftercare: none, open, ended",
         [](L l, F, Column &c) { column_of(c, l.people.s117, non_zero); }},
        {"chc", {"continuing healthcare"}, Kind::chc, "NHS CHC status", [](L l, F, Column &c) { column_of(c, l.people.chc, non_zero); }},
        {"benefit", {}, Kind::benefit, "disability benefit: none, AA, PIP daily living, DLA care",
         [](L l, F, Column &c) { column_of(c, l.people.benefit, non_zero); }},
        {"benefit rate", {}, Kind::benefit_rate, "lowest, lower/standard/middle, higher/enhanced/highest",
         [](L l, F, Column &c) { column_of(c, l.people.benefit_rate, non_zero); }},
        {"days since start", {"package days"}, Kind::number, "days since the earliest open service line started",
         [](L, F f, Column &c) { column_of(c, f.days_since_start, non_negative); }},
        {"days since review", {}, Kind::number, "days since the last care review",
         [](L, F f, Column &c) { column_of(c, f.days_since_review, non_negative); }},
        {"days since financial assessment", {"days since fa"}, Kind::number, "days since the last financial assessment",
         [](L, F f, Column &c) { column_of(c, f.days_since_financial_assessment, non_negative); }},
        {"dp balance", {"direct payment balance"}, Kind::money, "balance held at the latest direct-payment audit, £",
         [](L, F f, Column &c) { column_of(c, f.dp_balance, recorded_money); }},
        {"dp weeks held", {}, Kind::number, "whole weeks of the weekly direct payment held in the account",
         [](L, F f, Column &c) { column_of(c, f.dp_weeks_held, non_negative); }},
        {"increases", {"package increases"}, Kind::number, "package increases in the last 12 months",
         [](L, F f, Column &c) { column_of(c, f.increases, always); }},
        {"increase weekly", {"increase amount"}, Kind::money, "£ a week added by package increases in the last 12 months",
         [](L, F f, Column &c) { column_of(c, f.increase_weekly, always); }},
        {"team", {}, Kind::text, "team (as recorded)", [](L l, F, Column &c) { column_of(c, l.people.team, non_zero); }},
        {"placing authority", {}, Kind::text, "council responsible, if another",
         [](L l, F, Column &c) { column_of(c, l.people.placing_authority, non_zero); }},
    };
    return k_fields;
}

} // namespace ascent::cohort_detail
