#include "app/national.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "benchmark/ascfr.hpp"
#include "benchmark/long_format.hpp"
#include "core/error.hpp"
#include "core/money.hpp"

namespace ascent::app {

NationalSources sources_in(const std::string &folder) {
    namespace fs = std::filesystem;
    const fs::path root(folder);
    if (!fs::is_regular_file(root / "ascof" / "trend_data.csv"))
        throw input_error(fmt::format("{}: no ascof/trend_data.csv in this folder (lay it out as ascof/, ascfr/, ons_mye/)", folder));
    NationalSources s;
    s.ascof = (root / "ascof").string();
    if (fs::is_regular_file(root / "ascfr" / "CSV ASCFR Totals.csv") && fs::is_directory(root / "ons_mye")) {
        s.ascfr = (root / "ascfr" / "CSV ASCFR Totals.csv").string();
        s.population = (root / "ons_mye").string();
        if (const auto older = root / "ascfr" / "pss-exp-eng-14-15-fin-coun-lev-exp-data.csv"; fs::is_regular_file(older))
            s.ascfr_2014 = older.string();
    }
    return s;
}

NationalLoad load_national(const NationalSources &sources) {
    NationalLoad out{benchmark::NationalData::load_ascof(sources.ascof, sources.measures), {}, {}};
    auto &data = out.data;
    for (const auto &mapping : sources.added) {
        const auto load = benchmark::add_long_format(data, mapping);
        out.notes.push_back(fmt::format("{}: {} rows, {} values added, {} missing, {} of measures the mapping does not name", load.file,
                                        load.rows, load.loaded, load.missing, load.unmatched));
    }
    if (!sources.population.empty()) out.population_years = benchmark::load_mid_year_folder(sources.population);
    if (sources.ascfr.empty()) return out;
    if (sources.population.empty()) throw input_error("--ascfr needs --population: spend per head divides by the ONS population");
    const auto spend = benchmark::load_ascfr_totals(sources.ascfr);
    const auto &years = out.population_years;
    const auto match = std::find_if(years.begin(), years.end(), [&](const auto &y) { return y.mid_year == spend.year; });
    if (match == years.end())
        throw input_error(fmt::format("no mid-{} population estimates in {} for the {} ASC-FR", spend.year, sources.population,
                                      benchmark::year_label(spend.year)));
    benchmark::add_spend_per_head(data, spend, *match);
    benchmark::add_care_home_shares(data, spend);
    if (!sources.ascfr_2014.empty())
        benchmark::add_care_home_shares(data, benchmark::load_ascfr_described_2014(sources.ascfr_2014, spend.ons_of_cassr));
    out.notes.push_back(fmt::format("ASC-FR {}: councils' gross current expenditure {} against the England rows' {} "
                                    "(difference {}); population mid-{}",
                                    benchmark::year_label(spend.year), format_millions(Money::from_pence(spend.council_total), 1),
                                    format_millions(Money::from_pence(spend.england_total), 1),
                                    format_pence(Money::from_pence(spend.council_total - spend.england_total)), match->mid_year));
    return out;
}

int comparison_year(const benchmark::NationalData &data, std::size_t council, const std::string &requested) {
    if (!requested.empty()) {
        const int year = std::atoi(requested.substr(0, 4).c_str());
        if (year < 2000 || year > 2100) throw input_error("a year is written like 2022-23, not '" + requested + "'");
        return year;
    }
    int year = 0;
    for (const int y : data.years())
        for (std::size_t m = 0; m < data.measures().size(); ++m)
            if (data.value(council, m, y)) year = std::max(year, y);
    return year;
}

std::size_t council_in(const benchmark::NationalData &data, const std::string &key, const std::string &ascof_folder) {
    const auto council = data.find_council(key);
    if (!council) throw input_error("no council '" + key + "' in " + ascof_folder + "/ons_codes.csv or trend_data.csv");
    return *council;
}

} // namespace ascent::app
