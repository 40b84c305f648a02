#include "benchmark/ascof.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "core/error.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "io/table_reader.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::benchmark {

extern const std::vector<std::string_view> k_ascof_measures; // rules/benchmark/ascof-measures.yaml

namespace {

std::string trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

// Reads a CSV with a header row; calls `row` with a lookup of cells by header name.
template <typename Row> void read_csv(const std::string &path, const std::vector<std::string> &needed, Row row) {
    if (!std::filesystem::exists(path)) throw input_error(path + ": no such file");
    auto reader = io::open_table(path);
    std::vector<std::string_view> cells;
    if (!reader->next(cells)) throw input_error(path + ": the file is empty");
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < cells.size(); ++i) column[trimmed(cells[i])] = i;
    std::vector<std::size_t> at;
    for (const auto &name : needed) {
        const auto it = column.find(name);
        if (it == column.end()) throw input_error(fmt::format("{}: no column '{}' in the header row", path, name));
        at.push_back(it->second);
    }
    while (reader->next(cells)) {
        const auto cell = [&](std::size_t i) { return at[i] < cells.size() ? trimmed(cells[at[i]]) : std::string(); };
        row(cell);
    }
}

std::vector<Measure> read_measures(std::string_view text, const std::string &path) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) {
        const io::YamlFields in(path);
        if (!root["measures"] || !root["measures"].IsSequence()) in.fail(root, "a measure list has 'measures'");
        std::vector<Measure> out;
        for (const auto &m : root["measures"]) {
            Measure measure;
            for (const char *key : {"id", "name", "codes"})
                if (!m[key]) in.fail(m, fmt::format("each measure needs '{}'", key));
            measure.id = m["id"].Scalar();
            measure.name = m["name"].Scalar();
            measure.unit = m["unit"] ? m["unit"].Scalar() : "";
            if (m["direction"]) {
                const auto d = m["direction"].Scalar();
                if (d != "higher" && d != "lower") in.fail(m["direction"], "'direction' must be higher or lower (which is better)");
                measure.higher_is_better = d == "higher";
            }
            for (const auto &c : m["codes"]) {
                if (!c["code"] || !c["from"] || !c["to"]) in.fail(c, "each code needs 'code', 'from' and 'to' (start years)");
                measure.sources.push_back({c["code"].Scalar(), c["from"].as<int>(0), c["to"].as<int>(0)});
            }
            out.push_back(std::move(measure));
        }
        return out;
    });
}

} // namespace

NationalData NationalData::load_ascof(const std::string &directory, const std::string &measures_file) {
    NationalData d;
    d.measures_ = measures_file.empty() ? read_measures(k_ascof_measures.front(), "the built-in ASCOF measure list")
                                        : read_measures(io::read_text_file(measures_file, "the measure list"), measures_file);
    // (code, year) → canonical measure
    std::map<std::pair<std::string, int>, std::size_t> canonical;
    for (std::size_t m = 0; m < d.measures_.size(); ++m)
        for (const auto &s : d.measures_[m].sources)
            for (int y = s.from; y <= s.to; ++y) canonical[{s.code, y}] = m;

    std::map<std::string, std::size_t> by_ons;
    read_csv(directory + "/ons_codes.csv", {"Geography", "Council type", "Council region", "LA Code", "ONS Area Code"}, [&](auto cell) {
        if (cell(1).empty()) return; // England and the regions
        by_ons[cell(4)] = d.councils_.size();
        d.councils_.push_back({cell(0), cell(1), cell(2), cell(3), cell(4)});
    });
    std::map<std::string, int64_t> unmapped;
    read_csv(directory + "/trend_data.csv", {"Year", "Geographical Description", "ONS Code", "Measure Group", "Measure_Value", "Geographical Level"},
             [&](auto cell) {
                 ++d.load_.rows;
                 if (ascii_lower(cell(5)) != "council") {
                     ++d.load_.other_rows;
                     return;
                 }
                 ++d.load_.council_rows;
                 const std::string year_text = cell(0);
                 const int year = year_text.size() >= 4 ? std::atoi(year_text.substr(0, 4).c_str()) : 0;
                 const auto m = canonical.find({cell(3), year});
                 if (m == canonical.end()) {
                     ++d.load_.unmapped_rows;
                     ++unmapped[year_text + " " + cell(3)];
                     return;
                 }
                 auto council = by_ons.find(cell(2));
                 if (council == by_ons.end()) {
                     // A council missing from the lookup (e.g. after a boundary change): kept, with what the file says.
                     ++d.load_.unknown_councils;
                     council = by_ons.emplace(cell(2), d.councils_.size()).first;
                     d.councils_.push_back({cell(1), "", "", "", cell(2)});
                 }
                 const auto value = parse_decimal(cell(4), 4);
                 if (!value) {
                     ++d.load_.missing_values;
                     return;
                 }
                 d.values_[{council->second, m->second, year}] = value->num * (k_value_scale / value->den);
                 const auto point = cell(4).find('.');
                 if (point != std::string::npos)
                     d.measures_[m->second].decimals = std::max(d.measures_[m->second].decimals, static_cast<int>(cell(4).size() - point - 1));
             });
    for (const auto &[what, n] : unmapped) d.load_.unmapped.push_back(fmt::format("{} ({} rows)", what, n));
    return d;
}

std::vector<int> NationalData::years() const {
    std::set<int> years;
    for (const auto &[key, v] : values_) years.insert(std::get<2>(key));
    return {years.begin(), years.end()};
}

std::optional<std::size_t> NationalData::find_council(std::string_view key) const {
    const auto wanted = ascii_lower(trimmed(key));
    for (std::size_t i = 0; i < councils_.size(); ++i) {
        const auto &c = councils_[i];
        if (ascii_lower(c.name) == wanted || ascii_lower(c.ons_code) == wanted || (!c.la_code.empty() && c.la_code == wanted)) return i;
    }
    return std::nullopt;
}

std::optional<std::size_t> NationalData::find_measure(std::string_view id) const {
    for (std::size_t i = 0; i < measures_.size(); ++i)
        if (measures_[i].id == id) return i;
    return std::nullopt;
}

std::optional<int64_t> NationalData::value(std::size_t council, std::size_t measure, int year) const {
    const auto it = values_.find({council, measure, year});
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

void NationalData::add_measure(const Measure &measure, int year, const std::map<std::string, int64_t> &by_code,
                               const std::map<std::string, std::string> &names) {
    auto m = find_measure(measure.id);
    if (!m) {
        measures_.push_back(measure);
        m = measures_.size() - 1;
    }
    for (const auto &[code, value] : by_code) {
        auto council = find_council(code);
        if (!council) {
            const auto name = names.find(code);
            councils_.push_back({name != names.end() ? name->second : code, "", "", "", code});
            council = councils_.size() - 1;
        }
        values_[{*council, *m, year}] = value;
    }
}

std::string format_value(int64_t value, int decimals) {
    int64_t unit = 1;
    for (int i = decimals; i < 4; ++i) unit *= 10;
    const int64_t rounded = divide_rounded(value, unit, RoundingMode::half_up); // in 10^-decimals
    const int64_t magnitude = rounded < 0 ? -rounded : rounded;
    int64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    std::string s = (rounded < 0 ? "-" : "") + group_thousands(magnitude / scale);
    if (decimals > 0) s += fmt::format(".{:0{}}", magnitude % scale, decimals);
    return s;
}

} // namespace ascent::benchmark
