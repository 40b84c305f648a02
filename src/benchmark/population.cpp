#include "benchmark/population.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "core/error.hpp"
#include "core/money.hpp"
#include "io/table_reader.hpp"
#include "io/yaml_text.hpp"

namespace ascent::benchmark {

extern const std::vector<std::string_view> k_code_changes; // rules/benchmark/code-changes.yaml

namespace {

struct Successor {
    std::string code, name;
    std::vector<std::string> made_of;
};

const std::vector<Successor> &successors() {
    static const std::vector<Successor> list = [] {
        std::vector<Successor> out;
        const auto root = io::parse_yaml(k_code_changes.front(), "the built-in code changes");
        for (const auto &s : root["successors"]) {
            Successor successor{s["code"].Scalar(), s["name"].Scalar(), {}};
            for (const auto &c : s["made_of"]) successor.made_of.push_back(c.Scalar());
            out.push_back(std::move(successor));
        }
        return out;
    }();
    return list;
}

std::string persons_sheet(const std::string &path) {
    for (const auto &name : io::sheet_names(path))
        if (name.rfind("MYE2", 0) == 0 && (name.find("All") != std::string::npos || name.find("Persons") != std::string::npos)) return name;
    throw input_error(path + ": no persons sheet (MYE2 - All or MYE2 - Persons); is this an ONS mid-year estimates workbook?");
}

bool council_code(std::string_view code) {
    return code.size() == 9 && (code.starts_with("E06") || code.starts_with("E08") || code.starts_with("E09") || code.starts_with("E10"));
}

int64_t count(std::string_view text, const std::string &where) {
    const auto value = parse_decimal(text, 0);
    if (!value) throw input_error(fmt::format("{}: expected a population count, found '{}'", where, text));
    return value->num;
}

} // namespace

PopulationYear load_mid_year_estimates(const std::string &path) {
    PopulationYear out;
    out.file = std::filesystem::path(path).filename().string();
    out.sheet = persons_sheet(path);
    io::TableOptions options;
    options.sheet = out.sheet;
    auto reader = io::open_table(path, options);
    std::vector<std::string_view> cells;
    const std::regex mid_year(R"([Mm]id-(\d{4}))");
    std::vector<std::size_t> adult, older; // columns of ages 18-64 and 65+
    std::size_t name_column = 1;
    bool header = false;
    std::map<std::string, AdultPopulation> districts; // E07: not councils with social services, but parts of successors
    while (reader->next(cells)) {
        if (cells.empty()) continue;
        const std::string first(cells[0]);
        if (!header) {
            for (const auto &c : cells) {
                std::smatch m;
                const std::string text(c);
                if (out.mid_year == 0 && std::regex_search(text, m, mid_year)) out.mid_year = std::stoi(m[1]);
            }
            if (first != "Code") continue;
            header = true;
            for (std::size_t i = 1; i < cells.size(); ++i) {
                std::string h(cells[i]);
                if (h == "Name") name_column = i;
                const bool plus = !h.empty() && h.back() == '+';
                if (plus) h.pop_back();
                const auto age = parse_decimal(h, 0);
                if (!age || h.empty()) continue;
                if (age->num >= 18 && age->num <= 64 && !plus) adult.push_back(i);
                else if (age->num >= 65) older.push_back(i);
            }
            if (adult.size() != 47 || older.empty())
                throw input_error(fmt::format("{}, sheet '{}', row {}: expected age columns 0 to 90+ after 'Code'", path, out.sheet, reader->row()));
            continue;
        }
        const bool district = first.size() == 9 && first.starts_with("E07");
        if (first != "E92000001" && !council_code(first) && !district) continue; // regions, other nations, footnotes
        const std::string where = fmt::format("{}, sheet '{}', row {}", path, out.sheet, reader->row());
        AdultPopulation p{name_column < cells.size() ? std::string(cells[name_column]) : first, 0, 0};
        for (const auto c : adult) p.aged_18_64 += c < cells.size() ? count(cells[c], where) : 0;
        for (const auto c : older) p.aged_65_plus += c < cells.size() ? count(cells[c], where) : 0;
        if (first == "E92000001") out.england = p;
        else if (district) districts[first] = p;
        else out.by_code[first] = p;
    }
    for (const auto &s : successors()) {
        if (out.by_code.contains(s.code)) continue;
        AdultPopulation sum{s.name, 0, 0};
        bool complete = true;
        for (const auto &part : s.made_of) {
            const auto *p = out.by_code.contains(part) ? &out.by_code.at(part) : districts.contains(part) ? &districts.at(part) : nullptr;
            if (p == nullptr) {
                complete = false;
                break;
            }
            sum.aged_18_64 += p->aged_18_64;
            sum.aged_65_plus += p->aged_65_plus;
        }
        if (!complete) continue;
        out.by_code[s.code] = sum;
        out.rebuilt.push_back(s.code);
    }
    if (!header) throw input_error(path + ", sheet '" + out.sheet + "': no header row with 'Code' in the first column");
    if (out.mid_year == 0) throw input_error(path + ": cannot tell which mid-year the estimates are for (no 'Mid-YYYY' in the sheet's title)");
    return out;
}

std::vector<PopulationYear> load_mid_year_folder(const std::string &directory) {
    std::vector<PopulationYear> out;
    std::vector<std::filesystem::path> files;
    for (const auto &entry : std::filesystem::directory_iterator(directory)) {
        const auto ext = entry.path().extension().string();
        if (ext == ".xls" || ext == ".xlsx") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto &f : files) out.push_back(load_mid_year_estimates(f.string()));
    std::sort(out.begin(), out.end(), [](const PopulationYear &a, const PopulationYear &b) { return a.mid_year < b.mid_year; });
    return out;
}

} // namespace ascent::benchmark
