#include "benchmark/long_format.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "io/table_reader.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::benchmark {

LongFormatLoad add_long_format(NationalData &data, const std::string &mapping_path) {
    return io::read_yaml(io::read_text_file(mapping_path, "the benchmark mapping"), mapping_path, [&](const YAML::Node &root) {
        const io::YamlFields in(mapping_path);
        if (!root["file"] || !root["columns"] || !root["measures"] || !root["measures"].IsSequence())
            in.fail(root, "a benchmark mapping needs 'file', 'columns' (area_code, period, value, and measure if the file has several) and 'measures'");
        const auto columns = root["columns"];
        for (const char *key : {"area_code", "period", "value"})
            if (!columns[key]) in.fail(columns, fmt::format("'columns' needs '{}': the heading of that column in the file", key));
        struct Mapped {
            std::string match;
            Measure measure;
        };
        std::vector<Mapped> measures;
        for (const auto &m : root["measures"]) {
            for (const char *key : {"id", "name"})
                if (!m[key]) in.fail(m, fmt::format("each measure needs '{}'", key));
            Measure measure{m["id"].Scalar(), m["name"].Scalar(), m["unit"] ? m["unit"].Scalar() : "", true, 0, {}};
            if (m["direction"]) {
                const auto d = m["direction"].Scalar();
                if (d != "higher" && d != "lower") in.fail(m["direction"], "'direction' must be higher or lower (which is better)");
                measure.higher_is_better = d == "higher";
            }
            measures.push_back({m["match"] ? m["match"].Scalar() : "", std::move(measure)});
        }
        const bool by_column = static_cast<bool>(columns["measure"]);
        if (!by_column && measures.size() != 1) in.fail(root["measures"], "without a 'measure' column the file holds one measure: give one entry");
        std::vector<std::string> missing = {"", ":", "-", ".."};
        if (const auto m = root["missing"])
            for (const auto &marker : m) missing.push_back(marker.Scalar());

        LongFormatLoad load;
        const auto file = (std::filesystem::path(mapping_path).parent_path() / root["file"].Scalar()).string();
        load.file = file;
        auto reader = io::open_table(file);
        std::vector<std::string_view> cells;
        if (!reader->next(cells)) throw input_error(file + ": the file is empty");
        std::map<std::string, std::size_t> heading;
        for (std::size_t i = 0; i < cells.size(); ++i) heading[std::string(cells[i])] = i;
        const auto column = [&](const char *key) {
            const auto name = columns[key].Scalar();
            const auto it = heading.find(name);
            if (it == heading.end()) throw input_error(fmt::format("{}: no column '{}' (the mapping's '{}')", file, name, key));
            return it->second;
        };
        const std::size_t code = column("area_code"), period = column("period"), value = column("value");
        const std::size_t measure_column = by_column ? column("measure") : 0;
        // measure index → year → code → value
        std::map<std::size_t, std::map<int, std::map<std::string, int64_t>>> values;
        while (reader->next(cells)) {
            ++load.rows;
            const auto cell = [&](std::size_t i) { return i < cells.size() ? std::string(cells[i]) : std::string(); };
            std::size_t m = 0;
            if (by_column) {
                const auto name = cell(measure_column);
                const auto it = std::find_if(measures.begin(), measures.end(), [&](const Mapped &x) { return x.match == name; });
                if (it == measures.end()) {
                    ++load.unmatched;
                    continue;
                }
                m = static_cast<std::size_t>(it - measures.begin());
            }
            const auto year_text = cell(period);
            const auto year = FinancialYear::parse(year_text);
            const int start = year ? year->start_year() : std::atoi(year_text.substr(0, 4).c_str());
            if (start < 1990 || start > 2100)
                throw input_error(fmt::format("{}, row {}, column '{}': '{}' is not a year such as 2022/23 or 2022", file, reader->row(),
                                              columns["period"].Scalar(), year_text));
            const auto text = cell(value);
            if (std::find(missing.begin(), missing.end(), text) != missing.end()) {
                ++load.missing;
                continue;
            }
            const auto v = parse_decimal(text, 4);
            if (!v)
                throw input_error(fmt::format("{}, row {}, column '{}': '{}' is not a number (list markers of missing values under 'missing')",
                                              file, reader->row(), columns["value"].Scalar(), text));
            values[m][start][cell(code)] = v->num * (k_value_scale / v->den);
            const auto point = text.find('.');
            if (point != std::string::npos) measures[m].measure.decimals = std::max(measures[m].measure.decimals, static_cast<int>(text.size() - point - 1));
            ++load.loaded;
        }
        for (const auto &[m, by_year] : values)
            for (const auto &[year, by_code] : by_year) data.add_measure(measures[m].measure, year, by_code, {});
        return load;
    });
}

} // namespace ascent::benchmark
