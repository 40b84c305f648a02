#include "benchmark/demographic.hpp"

#include "benchmark/projection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/error.hpp"
#include "core/money.hpp"
#include "io/table_reader.hpp"

namespace ascent::benchmark {

namespace {

// The band (0-3) of an SNPP age group, or -1 for ages under 18 and "All ages".
int band_of(std::string_view age_group, const std::string &where) {
    std::string s(age_group);
    for (const char *suffix : {" and over", "+"})
        if (s.ends_with(suffix)) s = s.substr(0, s.size() - std::string_view(suffix).size()); // "90 and over", "90+"
    const auto dash = s.find('-');
    const std::string first = dash == std::string::npos ? s : s.substr(0, dash);
    if (s == "All ages" || first.empty()) return -1;
    const auto from = parse_decimal(first, 0);
    if (!from) throw input_error(fmt::format("{}: AGE_GROUP '{}' is not an age or a band such as 65-69", where, age_group));
    const int64_t to = dash == std::string::npos ? from->num : parse_decimal(s.substr(dash + 1), 0).value_or(Ratio{from->num, 1}).num;
    const auto band = [](int64_t age) { return age < 18 ? -1 : age < 65 ? 0 : age < 75 ? 1 : age < 85 ? 2 : 3; };
    if (band(from->num) != band(to))
        throw input_error(fmt::format("{}: AGE_GROUP '{}' spans two of the bands 18-64, 65-74, 75-84, 85+", where, age_group));
    return band(from->num);
}

// People per 1,000 of the population, to 2 decimals.
std::string per_thousand(int64_t people, int64_t population) {
    if (population <= 0) return "-";
    const int64_t hundredths = divide_rounded(static_cast<Int128>(people) * 100'000, population, RoundingMode::half_up);
    return fmt::format("{}.{:02}", hundredths / 100, hundredths % 100);
}

} // namespace

PopulationProjection read_snpp(const std::string &path, const std::string &area_code) {
    auto reader = io::open_table(path);
    std::vector<std::string_view> cells;
    if (!reader->next(cells)) throw input_error(path + ": the file is empty");
    std::map<std::string, std::size_t> column;
    PopulationProjection p;
    p.area_code = area_code;
    p.file = path;
    std::vector<std::size_t> year_columns;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string name(cells[i]);
        column[name] = i;
        if (name.size() == 4 && std::all_of(name.begin(), name.end(), ::isdigit)) {
            p.years.push_back(std::stoi(name));
            year_columns.push_back(i);
        }
    }
    for (const char *needed : {"AREA_CODE", "AREA_NAME", "SEX", "AGE_GROUP"})
        if (!column.contains(needed)) throw input_error(fmt::format("{}: no column '{}'; expected the ONS SNPP layout", path, needed));
    if (p.years.empty()) throw input_error(path + ": no year columns (2018, 2019, …); expected the ONS SNPP layout");
    for (auto &band : p.by_band) band.assign(p.years.size(), 0);
    bool persons = false, found = false;
    std::vector<std::array<std::vector<int64_t>, 4>> by_sex(2, p.by_band); // male, female, when there are no persons rows
    while (reader->next(cells)) {
        const auto cell = [&](const char *name) { return column[name] < cells.size() ? cells[column[name]] : std::string_view(); };
        if (cell("AREA_CODE") != area_code) continue;
        if (column.contains("COMPONENT") && !cell("COMPONENT").empty() && cell("COMPONENT") != "Population") continue;
        found = true;
        p.area_name = std::string(cell("AREA_NAME"));
        const std::string where = fmt::format("{}, row {}", path, reader->row());
        const int band = band_of(cell("AGE_GROUP"), where);
        if (band < 0) continue;
        std::string sex(cell("SEX"));
        std::transform(sex.begin(), sex.end(), sex.begin(), ::tolower);
        auto &target = sex == "persons" ? p.by_band : sex == "male" || sex == "1" ? by_sex[0] : by_sex[1];
        persons = persons || sex == "persons";
        for (std::size_t y = 0; y < year_columns.size(); ++y) {
            const auto v = parse_decimal(year_columns[y] < cells.size() ? cells[year_columns[y]] : "", 3);
            if (!v) throw input_error(fmt::format("{}, column {}: expected a number of people", where, p.years[y]));
            target[static_cast<std::size_t>(band)][y] += divide_rounded(v->num, v->den, RoundingMode::half_up);
        }
    }
    if (!found) throw input_error(fmt::format("{}: no rows for area {}", path, area_code));
    if (!persons)
        for (std::size_t b = 0; b < 4; ++b)
            for (std::size_t y = 0; y < p.years.size(); ++y) p.by_band[b][y] = by_sex[0][b][y] + by_sex[1][b][y];
    return p;
}

DemographicProjection project_demography(const PopulationProjection &population, int base_year, const std::array<BandBase, 4> &base,
                                         const std::vector<DemographicScenario> &scenarios, int years, WeeksPerYear weeks) {
    const auto at = std::find(population.years.begin(), population.years.end(), base_year);
    if (at == population.years.end())
        throw input_error(fmt::format("{}: no population for the base year {} (the file covers {} to {})", population.file, base_year,
                                      population.years.front(), population.years.back()));
    const auto first = static_cast<std::size_t>(at - population.years.begin());
    DemographicProjection out;
    out.base_year = base_year;
    out.base = base;
    for (int y = 0; y <= years && first + static_cast<std::size_t>(y) < population.years.size(); ++y)
        out.years.push_back(base_year + y);
    for (const auto &s : scenarios) {
        ScenarioProjection sp{s.name, {}, {}};
        std::array<int64_t, 4> unit{}; // pence a week per client, this year
        for (std::size_t b = 0; b < 4; ++b)
            unit[b] = base[b].people > 0 ? divide_rounded(base[b].weekly_cost, base[b].people, RoundingMode::half_up) : 0;
        Int128 take_up_factor = k_micro; // millionths
        for (std::size_t y = 0; y < out.years.size(); ++y) {
            if (y > 0) {
                for (auto &u : unit) u = divide_rounded(static_cast<Int128>(u) * (k_micro + s.inflation), k_micro, RoundingMode::half_up);
                take_up_factor = divide_rounded(take_up_factor * (k_micro + s.take_up), k_micro, RoundingMode::half_up);
            }
            std::array<int64_t, 4> clients{};
            Int128 weekly = 0; // pence × millionths
            for (std::size_t b = 0; b < 4; ++b) {
                const int64_t pop_base = population.by_band[b][first], pop_now = population.by_band[b][first + y];
                if (pop_base <= 0) continue;
                // people × (population now ÷ population in the base year) × take-up change, in millionths
                clients[b] = divide_rounded(static_cast<Int128>(base[b].people) * pop_now * take_up_factor, pop_base, RoundingMode::half_up);
                weekly += static_cast<Int128>(clients[b]) * unit[b];
            }
            sp.clients.push_back(clients);
            sp.annual_cost.push_back(divide_rounded(weekly * weeks.weeks.num, static_cast<Int128>(k_micro) * weeks.weeks.den, RoundingMode::half_up));
        }
        out.scenarios.push_back(std::move(sp));
    }
    return out;
}

std::string format_demography(const PopulationProjection &population, const DemographicProjection &p, WeeksPerYear weeks) {
    std::string out = fmt::format("Demographic projection for {} ({}), base year {}, {} weeks a year\nPopulation: {}\n\n", population.area_name,
                                  population.area_code, p.base_year, weeks.name,
                                  std::filesystem::path(population.file).filename().string());
    out += fmt::format("{:<10} {:>10} {:>16} {:>16}\n", "Band", "Supported", "Weekly cost", "Take-up per 1,000");
    const auto first = static_cast<std::size_t>(std::find(population.years.begin(), population.years.end(), p.base_year) - population.years.begin());
    for (std::size_t b = 0; b < 4; ++b) {
        const int64_t pop = population.by_band[b][first];
        out += fmt::format("{:<10} {:>10} {:>16} {:>16}\n", k_age_bands[b], group_thousands(p.base[b].people),
                           format_pence(Money::from_pence(p.base[b].weekly_cost)),
                           per_thousand(p.base[b].people, pop));
    }
    for (const auto &s : p.scenarios) {
        out += fmt::format("\nScenario: {}\n{:<8}", s.name, "Year");
        for (const auto *band : k_age_bands) out += fmt::format(" {:>10}", band);
        out += fmt::format(" {:>16} {:>16}\n", "Cost a year", "Growth on base");
        for (std::size_t y = 0; y < p.years.size(); ++y) {
            out += fmt::format("{:<8}", p.years[y]);
            for (const auto c : s.clients[y]) out += fmt::format(" {:>10}", group_thousands(divide_rounded(c, k_micro, RoundingMode::half_up)));
            out += fmt::format(" {:>16} {:>16}\n", format_pounds(Money::from_pence(s.annual_cost[y])),
                               format_pounds(Money::from_pence(s.annual_cost[y] - s.annual_cost.front())));
        }
    }
    return out;
}

} // namespace ascent::benchmark
