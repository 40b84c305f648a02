// Charging simulation benchmark: 10 policy options (and the baseline) over 200,000 generated
// financial assessments on 1 June 2025. Writes the caseload and options for the pandas peer
// (charging_pandas.py), which must reach the same totals.
//   charging_bench <dir> [cases]     one JSON line: best of 5 runs, and each option's weekly income
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include <fmt/format.h>

#include "charging/simulation.hpp"
#include "io/csv_writer.hpp"

namespace {

using namespace ascent;
using namespace ascent::charging;

std::vector<FinancialCase> caseload(std::size_t n) {
    std::mt19937_64 rng(20261123);
    const auto between = [&](int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); };
    std::vector<FinancialCase> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto &c = out[i];
        c.id = std::to_string(i);
        c.date = Date::ymd(2025, 6, 1);
        c.care = between(1, 100) <= 80 ? CareType::non_residential : CareType::residential;
        c.age = static_cast<int>(between(25, 64));
        c.disability_premium = between(1, 100) <= 40; // stated, both ways, as the pandas peer assumes
        c.enhanced_disability_premium = false;
        c.capital = between(1, 100) <= 70 ? between(0, 14'000'00) : between(14'000'00, 30'000'00);
        c.income = {{"income", between(0, 400'00), false, ""}};
        c.benefit = Benefit::pip_daily_living;
        c.benefit_rate = between(1, 100) <= 50 ? BenefitRate::middle : BenefitRate::highest;
        c.night_care = between(1, 100) <= 20;
        c.housing_costs = c.care == CareType::non_residential && between(1, 100) <= 30 ? between(0, 80'00) : 0;
        c.weekly_cost = between(50'00, 1500'00);
    }
    return out;
}

OptionsFile options() {
    const auto d = Date::ymd(2025, 6, 1);
    return {"benchmark options", d, d, 3, WeeksPerYear::fifty_two_point_one_four_three(),
            {{"count the higher rate", {{"policy.count_night_element", "yes"}}},
             {"higher rate, +£5 DRE", {{"policy.count_night_element", "yes"}, {"policy.dre_higher_rate_extra", "5.00"}}},
             {"higher rate, +£10 DRE", {{"policy.count_night_element", "yes"}, {"policy.dre_higher_rate_extra", "10.00"}}},
             {"higher rate, +£15 DRE", {{"policy.count_night_element", "yes"}, {"policy.dre_higher_rate_extra", "15.00"}}},
             {"DRE £17", {{"policy.dre_standard", "17.00"}}},
             {"DRE £25", {{"policy.dre_standard", "25.00"}}},
             {"MIG +5%", {{"policy.mig_uplift", "5%"}}},
             {"minimum charge £2", {{"policy.minimum_charge", "2.00"}}},
             {"maximum charge £250", {{"policy.maximum_weekly_charge", "250.00"}}},
             {"non-residential upper limit £30,000", {{"policy.nonres_upper_capital_limit", "30000.00"}}}}};
}

void write_csv(const std::vector<FinancialCase> &cases, const std::string &path) {
    io::CsvWriter out(path);
    out.fields({"residential", "dp", "capital", "income", "higher", "night", "housing", "cost"});
    out.end_row();
    for (const auto &c : cases) {
        out.fields({c.care == CareType::residential ? "1" : "0", c.disability_premium.value_or(false) ? "1" : "0", std::to_string(c.capital),
                    std::to_string(c.income[0].weekly), c.benefit_rate == BenefitRate::highest ? "1" : "0", c.night_care ? "1" : "0",
                    std::to_string(c.housing_costs), std::to_string(c.weekly_cost)});
        out.end_row();
    }
    out.close();
}

} // namespace

int main(int argc, char **argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: charging_bench <dir> [cases]\n");
        return 2;
    }
    const std::string dir = argv[1];
    const std::size_t n = argc > 2 ? std::stoul(argv[2]) : 200'000;
    std::filesystem::create_directories(dir);
    const auto cases = caseload(n);
    write_csv(cases, dir + "/caseload.csv");
    const auto parameters = default_parameters();
    const auto opts = options();
    double best = 1e9;
    Simulation s;
    for (int run = 0; run < 5; ++run) {
        const auto start = std::chrono::steady_clock::now();
        s = simulate(cases, parameters, opts);
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::string incomes = fmt::format("\"baseline\": {}", s.baseline.weekly_income);
    for (const auto &r : s.results) incomes += fmt::format(", \"{}\": {}", r.name, r.weekly_income);
    std::printf("{\"engine\": \"ascent\", \"cases\": %zu, \"options\": %zu, \"seconds\": %.4f, \"weekly_income\": {%s}}\n", n,
                opts.options.size(), best, incomes.c_str());
    return 0;
}
