// The council's own ledger beside the national measures: local metrics with their definitions,
// and national gaps turned into people and money with stated assumptions.
#include <fmt/format.h>

#include "app/case_reports.hpp"
#include "app/council.hpp"
#include "core/money.hpp"

namespace ascent::app {

namespace {

struct Count {
    int64_t people = 0;
    Money weekly;
};

Count count(Council &council, const std::string &expression) {
    const auto c = council.cohort(expression, std::nullopt, {0, 0});
    return {c.people, c.weekly_cost};
}

std::string share(int64_t part, int64_t whole) {
    if (whole == 0) return "-";
    const int64_t tenths = divide_rounded(static_cast<Int128>(part) * 1000, whole, RoundingMode::half_up);
    return fmt::format("{}.{}%", tenths / 10, tenths % 10);
}

} // namespace

std::string ledger_beside_national(Council &council, const benchmark::NationalData &data, const benchmark::Comparison &cmp,
                                   const benchmark::PopulationYear *population) {
    const auto supported = count(council, "weekly cost > 0");
    const auto dp = count(council, "direct payment and weekly cost > 0");
    const auto ld = count(council, "support reason is LD and age >= 18 and age <= 64 and weekly cost > 0");
    const auto ld_in_care = count(council, "support reason is LD and age >= 18 and age <= 64 and setting in (residential, nursing)");
    const auto working_age = count(council, "age >= 18 and age <= 64 and weekly cost > 0");
    const auto high_cost = count(council, "weekly cost > 1800");
    std::string out = fmt::format("\nThe council's own ledger\n{:<58} {:>12}  {}\n", "Local measure", "Value", "Definition");
    const auto row = [&](const std::string &name, const std::string &value, const std::string &definition) {
        out += fmt::format("{:<58} {:>12}  {}\n", name, value, definition);
    };
    row("People supported", group_thousands(supported.people), "people with an open service line");
    row("People supported who have a direct payment", share(dp.people, supported.people),
        "direct payment ÷ people supported (ASCOF's measure counts community clients only)");
    row("LD, 18-64: not in residential or nursing care", share(ld.people - ld_in_care.people, ld.people),
        "not the same as ASCOF's 'own home or with family', which the ledger does not record");
    row("Cost per person supported aged 18-64, a year",
        working_age.people ? format_pounds(Money::from_pence(divide_rounded(static_cast<Int128>(working_age.weekly.pence()) * 52, working_age.people,
                                                                               RoundingMode::half_up)))
                           : "-",
        "their weekly cost × 52 ÷ people");
    row("Packages over £1,800 a week", group_thousands(high_cost.people), "people whose open lines cost more than £1,800 a week");

    // Gaps to the comparators' mean on the admissions measures, as people and money.
    const auto &self = data.councils()[cmp.council];
    const struct {
        const char *measure, *placements;
        bool older;
    } gaps[] = {{"admissions_18_64", "setting in (residential, nursing) and age >= 18 and age <= 64", false},
                {"admissions_65_plus", "setting in (residential, nursing) and age >= 65", true}};
    for (const auto &g : gaps) {
        const auto m = data.find_measure(g.measure);
        if (!m || !population) continue;
        const auto it = std::find_if(cmp.measures.begin(), cmp.measures.end(), [&](const auto &r) { return r.measure == *m; });
        const auto pop = population->by_code.find(self.ons_code);
        if (it == cmp.measures.end() || !it->value || !it->peer_mean || pop == population->by_code.end()) continue;
        const int64_t residents = g.older ? pop->second.aged_65_plus : pop->second.aged_18_64;
        // (value − mean) per 100,000 (ten-thousandths) × residents ÷ 100,000 → admissions a year, in tenths
        const int64_t tenths = divide_rounded(static_cast<Int128>(*it->value - *it->peer_mean) * residents, Int128{100'000} * 1'000, RoundingMode::half_up);
        const auto placements = count(council, g.placements);
        if (placements.people == 0) continue;
        const int64_t average = divide_rounded(placements.weekly.pence(), placements.people, RoundingMode::half_up);
        const int64_t year = divide_rounded(static_cast<Int128>(tenths) * average * 52, 10, RoundingMode::half_up);
        out += fmt::format("\n{}: {} against the comparators' {} per 100,000; with {} residents that is {}{}.{} admissions a year {}.\n"
                           "  At the ledger's average placement ({} a week, {} people) for a full year each: {} a year. Assumes every "
                           "admission stays a year at the average cost; a simple first size, not a saving.\n",
                           data.measures()[*m].name, benchmark::format_value(*it->value, 1), benchmark::format_value(*it->peer_mean, 1),
                           group_thousands(residents), tenths < 0 ? "-" : "", std::abs(tenths) / 10, std::abs(tenths) % 10,
                           tenths > 0 ? "more than at the comparators' rate" : "fewer than at the comparators' rate",
                           format_pence(Money::from_pence(average)), group_thousands(placements.people), format_pounds(Money::from_pence(year)));
    }
    return out;
}

} // namespace ascent::app
