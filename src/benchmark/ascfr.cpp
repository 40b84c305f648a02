#include "benchmark/ascfr.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "core/error.hpp"
#include "core/money.hpp"
#include "io/table_reader.hpp"

namespace ascent::benchmark {

namespace {

// £000 as published (up to 5 decimals, sometimes in exponent form such as 5.87E-09) to pence.
std::optional<int64_t> pence_of_thousands(std::string_view text) {
    if (text.empty() || text == ":") return std::nullopt;
    if (const auto exact = parse_decimal(text, 5)) return exact->num * (100'000 / exact->den);
    const std::string s(text);
    char *end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
    return std::llround(v * 100'000); // a tiny exponent-form value: nearest penny
}

} // namespace

AscfrYear load_ascfr_totals(const std::string &path) {
    auto reader = io::open_table(path);
    std::vector<std::string_view> cells;
    if (!reader->next(cells)) throw input_error(path + ": the file is empty");
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < cells.size(); ++i) column[std::string(cells[i])] = i;
    const auto at = [&](const char *name) {
        const auto it = column.find(name);
        if (it == column.end()) throw input_error(fmt::format("{}: no column '{}'; expected the ASC-FR key-coded totals file", path, name));
        return it->second;
    };
    const std::size_t fy = at("FY_Ending"), cassr = at("CASSR_CODE"), geography = at("GEOGRAPHY_CODE"), region = at("REGION_GO_CODE"),
                      age = at("AgeBand_KEY"), psr = at("PrimarySupportReason_KEY"), gross = at("GROSSCURRENTEXPENDITURE"),
                      care_type = at("CareType_KEY"), setting = at("SupportSetting_KEY");
    AscfrYear out;
    while (reader->next(cells)) {
        const auto cell = [&](std::size_t i) { return i < cells.size() ? cells[i] : std::string_view(); };
        ++out.rows;
        if (out.year == 0 && !cell(fy).empty()) out.year = std::atoi(std::string(cell(fy)).c_str()) - 1; // FY ending 2017 → 2016-17
        const auto band = cell(age);
        if (band == "3" || band == "4" || band == "5") continue; // a partial split of 65+
        const auto value = pence_of_thousands(cell(gross));
        if (!value) {
            ++out.missing_values;
            continue;
        }
        if (cell(cassr).empty()) {
            if (cell(region) == "E92000001") out.england_total += *value;
            continue;
        }
        ++out.council_rows;
        out.ons_of_cassr[std::string(cell(cassr))] = std::string(cell(geography));
        auto &s = out.by_code[std::string(cell(geography))];
        s.total += *value;
        out.council_total += *value;
        const bool long_term = cell(care_type) == "2", care_home = cell(setting) == "6" || cell(setting) == "7";
        if (band == "1") {
            s.aged_18_64 += *value;
            if (cell(psr) == "4") s.ld_18_64 += *value;
            if (cell(psr) == "4" && long_term) s.ld_18_64_long_term += *value;
            if (cell(psr) == "4" && long_term && care_home) s.ld_18_64_in_care_homes += *value;
            if (cell(psr) == "5") s.mh_18_64 += *value;
            if (cell(psr) == "6") s.physical_18_64 += *value;
        } else if (band == "2") {
            s.aged_65_plus += *value;
            if (long_term) s.long_term_65_plus += *value;
            if (long_term && care_home) s.long_term_65_plus_in_care_homes += *value;
        }
    }
    return out;
}

void add_care_home_shares(NationalData &data, const AscfrYear &spend) {
    const struct {
        const char *id, *name;
        int64_t CouncilSpend::*part, CouncilSpend::*whole;
    } shares[] = {
        {"ld_spend_in_care_homes", "Learning disability 18-64 long-term spend in residential and nursing care (%)",
         &CouncilSpend::ld_18_64_in_care_homes, &CouncilSpend::ld_18_64_long_term},
        {"older_spend_in_care_homes", "Long-term spend on people aged 65+ in residential and nursing care (%)",
         &CouncilSpend::long_term_65_plus_in_care_homes, &CouncilSpend::long_term_65_plus},
    };
    for (const auto &m : shares) {
        std::map<std::string, int64_t> values;
        for (const auto &[code, s] : spend.by_code)
            if (s.*m.whole > 0) values[code] = divide_rounded(static_cast<Int128>(s.*m.part) * 100 * k_value_scale, s.*m.whole, RoundingMode::half_up);
        data.add_measure(Measure{m.id, m.name, "percent", false, 1, {}}, spend.year, values, {});
    }
}

AscfrYear load_ascfr_described_2014(const std::string &path, const std::map<std::string, std::string> &ons_of_cassr) {
    auto reader = io::open_table(path);
    std::vector<std::string_view> cells;
    reader->next(cells); // region letters
    if (!reader->next(cells) || cells.size() < 6 || cells[0] != "Support type")
        throw input_error(path + ": expected the 2014-15 ASC-FR expenditure file with descriptions ('Support type' heading on line 2)");
    AscfrYear out;
    out.year = 2014;
    std::vector<std::string> codes(cells.size()); // ONS code of each council column
    for (std::size_t i = 5; i < cells.size(); ++i) {
        const std::string heading(cells[i]);
        const auto cassr = heading.substr(0, heading.find(' '));
        const auto it = ons_of_cassr.find(cassr);
        if (it != ons_of_cassr.end()) codes[i] = it->second;
    }
    while (reader->next(cells)) {
        ++out.rows;
        if (cells.size() < 6 || cells[0] != "Long term" || cells[4] != "Gross current expenditure") continue;
        const std::string age(cells[1]), reason(cells[2]), setting(cells[3]);
        const bool ld = reason == "Learning disability support" && age == "Age 18 to 64";
        const bool older = reason == "Total" && age == "Age 65 and over";
        if (!ld && !older) continue;
        const bool total = setting == "Total", care_home = setting == "Nursing" || setting == "Residential";
        for (std::size_t i = 5; i < cells.size() && i < codes.size(); ++i) {
            if (codes[i].empty()) continue;
            const auto value = pence_of_thousands(cells[i]);
            if (!value) {
                ++out.missing_values;
                continue;
            }
            auto &s = out.by_code[codes[i]];
            if (ld && total) s.ld_18_64_long_term += *value;
            if (ld && care_home) s.ld_18_64_in_care_homes += *value;
            if (older && total) s.long_term_65_plus += *value;
            if (older && care_home) s.long_term_65_plus_in_care_homes += *value;
        }
        ++out.council_rows;
    }
    return out;
}

void add_spend_per_head(NationalData &data, const AscfrYear &spend, const PopulationYear &population) {
    struct PerHead {
        const char *id, *name;
        int64_t CouncilSpend::*amount;
        int who; // 1: 18-64, 2: 65+, 3: both
    };
    const PerHead measures[] = {
        {"spend_ld_per_head_18_64", "Learning disability spend per resident aged 18-64 (£, ASC-FR gross current)", &CouncilSpend::ld_18_64, 1},
        {"spend_mh_per_head_18_64", "Mental health spend per resident aged 18-64 (£)", &CouncilSpend::mh_18_64, 1},
        {"spend_physical_per_head_18_64", "Physical support spend per resident aged 18-64 (£)", &CouncilSpend::physical_18_64, 1},
        {"spend_per_head_18_64", "Adult social care spend on people aged 18-64 per resident aged 18-64 (£)", &CouncilSpend::aged_18_64, 1},
        {"spend_per_head_65_plus", "Adult social care spend on people aged 65+ per resident aged 65+ (£)", &CouncilSpend::aged_65_plus, 2},
        {"spend_per_adult", "Adult social care spend per adult resident (£)", &CouncilSpend::total, 3},
    };
    std::map<std::string, std::string> names;
    for (const auto &[code, p] : population.by_code) names[code] = p.name;
    for (const auto &m : measures) {
        std::map<std::string, int64_t> values;
        for (const auto &[code, s] : spend.by_code) {
            const auto p = population.by_code.find(code);
            if (p == population.by_code.end()) continue;
            const int64_t people = m.who == 1 ? p->second.aged_18_64 : m.who == 2 ? p->second.aged_65_plus
                                                                                  : p->second.aged_18_64 + p->second.aged_65_plus;
            if (people <= 0) continue;
            // pence / people → £ per head in ten-thousandths: × 100.
            values[code] = divide_rounded(static_cast<Int128>(s.*m.amount) * 100, people, RoundingMode::half_up);
        }
        data.add_measure(Measure{m.id, m.name, "£ per head", false, 2, {}}, spend.year, values, names);
    }
}

} // namespace ascent::benchmark
