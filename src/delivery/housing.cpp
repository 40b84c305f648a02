#include "delivery/housing.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/money.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::delivery {

extern const std::vector<std::string_view> k_housing_options; // rules/delivery/housing-options.yaml

namespace {

std::string pounds(int64_t pence) { return format_pence(Money::from_pence(pence)); }

} // namespace

HousingMatrix read_housing_matrix(std::string_view text, const std::string &path) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) {
        const io::YamlFields f(path);
        if (!root.IsMap() || !root["name"] || !root["levels"] || !root["levels"].IsSequence() || !root["options"] || !root["options"].IsSequence())
            f.fail(root, "a housing matrix is a mapping with 'name', 'source', a list of 'levels' and a list of 'options'");
        HousingMatrix m;
        m.name = root["name"].Scalar();
        if (root["source"]) m.source = root["source"].Scalar();
        for (const auto &l : root["levels"]) {
            if (!l["id"] || !l["name"]) f.fail(l, "each level has an 'id' (1, 2, …) and a 'name'");
            const auto id = static_cast<int>(f.scaled(l["id"], 0, "a level's 'id'"));
            if (std::any_of(m.levels.begin(), m.levels.end(), [&](const auto &x) { return x.first == id; }))
                f.fail(l["id"], fmt::format("level {} is listed twice", id));
            m.levels.emplace_back(id, l["name"].Scalar());
        }
        for (const auto &o : root["options"]) {
            if (!o["id"] || !o["name"] || !o["weekly"] || !o["weekly"].IsMap())
                f.fail(o, "each option has an 'id', a 'name' and 'weekly' costs by level, e.g. {1: \"120.00\"}");
            HousingOption option{o["id"].Scalar(), o["name"].Scalar(), {}};
            for (const auto &kv : o["weekly"]) {
                const auto level = static_cast<int>(f.scaled(kv.first, 0, "a level"));
                if (std::none_of(m.levels.begin(), m.levels.end(), [&](const auto &x) { return x.first == level; }))
                    f.fail(kv.first, fmt::format("level {} is not one of the matrix's levels", level));
                option.weekly[level] = f.pence(kv.second, "a weekly cost", true);
            }
            m.options.push_back(std::move(option));
        }
        return m;
    });
}

HousingMatrix read_housing_matrix_file(const std::string &path) {
    return read_housing_matrix(io::read_text_file(path, "housing matrix"), path);
}

const HousingMatrix &default_housing_matrix() {
    static const HousingMatrix matrix = read_housing_matrix(k_housing_options.at(0), "built-in rules/delivery/housing-options.yaml");
    return matrix;
}

HousingTest test_housing(const HousingMatrix &m, const std::string &person_id, int level, int64_t current_weekly) {
    const auto l = std::find_if(m.levels.begin(), m.levels.end(), [&](const auto &x) { return x.first == level; });
    if (l == m.levels.end()) {
        std::string ids;
        for (const auto &x : m.levels) ids += (ids.empty() ? "" : ", ") + std::to_string(x.first);
        throw input_error(fmt::format("level {} is not in the matrix '{}': its levels are {}", level, m.name, ids));
    }
    HousingTest t{person_id, level, l->second, current_weekly, {}};
    for (const auto &o : m.options)
        if (const auto cost = o.weekly.find(level); cost != o.weekly.end()) t.fits.push_back({o.name, cost->second, current_weekly - cost->second});
    std::stable_sort(t.fits.begin(), t.fits.end(), [](const HousingFit &a, const HousingFit &b) { return a.weekly < b.weekly; });
    return t;
}

std::string format_matrix(const HousingMatrix &m) {
    std::string out = fmt::format("{}\n{}\n\n{:<46}", m.name, m.source, "£ a week, typical");
    for (const auto &[id, name] : m.levels) out += fmt::format(" {:>10}", fmt::format("level {}", id));
    out += "\n";
    for (const auto &o : m.options) {
        out += fmt::format("{:<46}", o.name.substr(0, 46));
        for (const auto &[id, name] : m.levels) {
            const auto cost = o.weekly.find(id);
            out += fmt::format(" {:>10}", cost == o.weekly.end() ? "-" : pounds(cost->second));
        }
        out += "\n";
    }
    out += "\nLevels:\n";
    for (const auto &[id, name] : m.levels) out += fmt::format("  {}  {}\n", id, name);
    return out;
}

std::string format_housing_test(const HousingMatrix &m, const HousingTest &t) {
    std::string out = fmt::format("{} at level {} ({}); their support costs {} a week now\nOptions at that level ({}):\n", t.person_id, t.level,
                                  t.level_name, pounds(t.current), m.name);
    for (const auto &f : t.fits)
        out += fmt::format("  {:<46} {:>10}  {}\n", f.option, pounds(f.weekly),
                           f.difference > 0 ? pounds(f.difference) + " a week less" : f.difference < 0 ? pounds(-f.difference) + " a week more" : "the same");
    if (t.fits.empty()) out += "  none in the matrix\n";
    return out;
}

} // namespace ascent::delivery
