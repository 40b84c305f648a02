// National benchmark data: the published ASCOF outcome measures for every English council
// (NHS England, 2017-18 on), loaded into one canonical measure list across the years' codes.
//
// The files are read as published: council rows are kept and region, council-type and England
// rows are set aside (they are totals, not councils); values that are not numbers are missing,
// never zero; a code with no canonical measure for its year is counted and reported, not guessed.
// Values are exact decimals held in ten-thousandths.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ascent::benchmark {

inline constexpr int64_t k_value_scale = 10'000; // values in 1/10,000

struct Council {
    std::string name, type, region, la_code, ons_code;
};

struct Measure {
    std::string id, name, unit;
    bool higher_is_better = true;
    int decimals = 0;     // the most decimal places it is published with: averages are shown to these
    struct Source {
        std::string code;
        int from = 0, to = 0; // the years (start years: 2017 is 2017-18) it was published under this code
    };
    std::vector<Source> sources;
};

struct AscofLoad {
    int64_t rows = 0, council_rows = 0, other_rows = 0, unmapped_rows = 0, missing_values = 0, unknown_councils = 0;
    std::vector<std::string> unmapped; // "2017-18 2A1 (12 rows)": codes with no canonical measure that year
};

class NationalData {
public:
    // Loads ascof/trend_data.csv and ons_codes.csv from `directory`, with the built-in measure list
    // (or `measures_file`).
    static NationalData load_ascof(const std::string &directory, const std::string &measures_file = {});

    const std::vector<Council> &councils() const { return councils_; }
    const std::vector<Measure> &measures() const { return measures_; }
    std::vector<int> years() const;             // start years with any value
    const AscofLoad &load_report() const { return load_; }

    // A council by name, LA code or ONS code (case-insensitive name); nothing if unknown.
    std::optional<std::size_t> find_council(std::string_view key) const;
    std::optional<std::size_t> find_measure(std::string_view id) const;
    // A value in ten-thousandths; nothing if not published or not a number.
    std::optional<int64_t> value(std::size_t council, std::size_t measure, int year) const;
    // Adds a measure from another source (values in ten-thousandths by ONS code, for one year).
    // Councils not yet known are added with the name given for their code.
    void add_measure(const Measure &measure, int year, const std::map<std::string, int64_t> &by_code,
                     const std::map<std::string, std::string> &names);

private:
    std::vector<Council> councils_;
    std::vector<Measure> measures_;
    std::map<std::tuple<std::size_t, std::size_t, int>, int64_t> values_;
    AscofLoad load_;
};

// A value to `decimals` places, rounded half-up for display: "38.4", "1,234.5", "0.401".
std::string format_value(int64_t value, int decimals);

} // namespace ascent::benchmark
