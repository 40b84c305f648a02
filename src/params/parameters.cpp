#include "params/parameters.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "core/codes.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "io/digest.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::params {

namespace {

std::string_view unit_name(Unit unit) {
    switch (unit) {
    case Unit::money: return "money";
    case Unit::percent: return "percent";
    case Unit::flag: return "flag";
    case Unit::choice: return "choice";
    case Unit::number: return "number";
    }
    return "money";
}

[[noreturn]] void fail(const std::string &path, const YAML::Node &node, const std::string &what) {
    throw input_error(path + io::line_of(node) + ": " + what);
}

// Reads one value's text for a unit; nothing if it does not fit.
std::optional<ParameterValue> parse_value(const Parameter &p, const std::string &text) {
    ParameterValue v;
    v.text = text;
    if (normalise_key(text) == "unknown") {
        v.known = false;
        return v;
    }
    switch (p.unit) {
    case Unit::money: {
        const auto m = parse_money(text);
        if (!m || m->pence() < 0) return std::nullopt;
        v.number = m->pence();
        return v;
    }
    case Unit::percent: {
        if (text.empty() || text.back() != '%') return std::nullopt;
        const auto r = parse_decimal(std::string_view(text).substr(0, text.size() - 1), 2);
        if (!r || r->num < 0) return std::nullopt;
        v.number = r->num;
        return v;
    }
    case Unit::flag: {
        const auto key = normalise_key(text);
        if (key != "yes" && key != "no") return std::nullopt;
        v.number = key == "yes";
        return v;
    }
    case Unit::choice:
        if (std::find(p.choices.begin(), p.choices.end(), normalise_key(text)) == p.choices.end()) return std::nullopt;
        v.text = normalise_key(text);
        return v;
    case Unit::number: {
        const auto r = parse_decimal(text, 2);
        if (!r || r->num < 0) return std::nullopt;
        v.number = r->num;
        return v;
    }
    }
    return std::nullopt;
}

std::string expected(const Parameter &p) {
    switch (p.unit) {
    case Unit::money: return "an amount in pounds such as 20.00, or unknown";
    case Unit::percent: return "a percentage such as 2.5%, or unknown";
    case Unit::flag: return "yes or no";
    case Unit::number: return "a number such as 37.5 (at most two decimal places)";
    case Unit::choice: {
        std::string out;
        for (const auto &c : p.choices) out += (out.empty() ? "" : ", ") + c;
        return "one of: " + out;
    }
    }
    return "";
}

} // namespace

void ParameterSet::load(std::string_view text, const std::string &path) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) {
        const auto params = root["parameters"];
        if (!root.IsMap() || !root["name"] || !root["version"] || !params || !params.IsMap())
            fail(path, root, "a parameters file is a mapping with 'name', 'version' and 'parameters'");
        io::check_keys(root, {"name", "version", "parameters"}, "a parameters file", path);
        std::map<std::string, Parameter> read;
        for (const auto &entry : params) {
            Parameter p;
            p.name = entry.first.as<std::string>();
            p.file = path;
            const auto &node = entry.second;
            io::check_keys(node, {"description", "unit", "uprated", "choices", "values"}, "parameter '" + p.name + "'", path);
            p.description = node["description"] ? node["description"].as<std::string>() : "";
            const auto unit = node["unit"] ? normalise_key(node["unit"].as<std::string>()) : "money";
            if (unit == "money") p.unit = Unit::money;
            else if (unit == "percent") p.unit = Unit::percent;
            else if (unit == "flag") p.unit = Unit::flag;
            else if (unit == "choice") p.unit = Unit::choice;
            else if (unit == "number") p.unit = Unit::number;
            else fail(path, node["unit"], "parameter '" + p.name + "': unit must be money, percent, flag, choice or number");
            if (const auto uprated = node["uprated"]) {
                if (normalise_key(uprated.as<std::string>()) != "yearly")
                    fail(path, uprated, "parameter '" + p.name + "': 'uprated' can only be 'yearly'");
                p.uprated_yearly = true;
            }
            if (const auto choices = node["choices"])
                for (const auto &c : choices) p.choices.push_back(normalise_key(c.as<std::string>()));
            const auto values = node["values"];
            if (!values || !values.IsSequence() || values.size() == 0) fail(path, node, "parameter '" + p.name + "': 'values' must be a non-empty list");
            for (const auto &v : values) {
                io::check_keys(v, {"from", "value", "tag", "source"}, "a value of parameter '" + p.name + "'", path);
                const auto from = v["from"] ? parse_date(v["from"].as<std::string>()) : std::nullopt;
                if (!from) fail(path, v, "parameter '" + p.name + "': each value needs 'from', a date such as 2025-04-01");
                if (!v["value"]) fail(path, v, "parameter '" + p.name + "': each value needs 'value'");
                auto value = parse_value(p, v["value"].as<std::string>());
                if (!value) fail(path, v["value"], "parameter '" + p.name + "': '" + v["value"].as<std::string>() + "' is not " + expected(p));
                value->from = *from;
                value->tag = v["tag"] ? v["tag"].as<std::string>() : "";
                value->source = v["source"] ? v["source"].as<std::string>() : "";
                if (value->known && value->source.empty()) fail(path, v, "parameter '" + p.name + "': every value needs a 'source'");
                if (!p.values.empty() && !(p.values.back().from < *from))
                    fail(path, v, "parameter '" + p.name + "': values must be in date order, each from a later date");
                p.values.push_back(std::move(*value));
            }
            read[p.name] = std::move(p);
        }
        for (auto &[name, p] : read) parameters_[name] = std::move(p);
        sources_.push_back(root["name"].as<std::string>() + " " + root["version"].as<std::string>() + " (" + path + ", SHA-256 " +
                           io::sha256_text(text).substr(0, 12) + ")");
    });
}

void ParameterSet::load_file(const std::string &path) {
    load(io::read_text_file(path, "the parameters file"), path);
}

void ParameterSet::set(const std::string &name, Date from, const std::string &text, const std::string &source) {
    const auto it = parameters_.find(name);
    if (it == parameters_.end()) throw input_error("no parameter '" + name + "' to change");
    auto &p = it->second;
    auto value = parse_value(p, text);
    if (!value) throw input_error("parameter '" + name + "': '" + text + "' is not " + expected(p));
    value->from = from;
    value->source = source;
    value->tag = "option";
    // The new value replaces every value from its date on.
    std::erase_if(p.values, [&](const ParameterValue &v) { return !(v.from < from); });
    p.values.push_back(std::move(*value));
}

const ParameterValue &ParameterSet::value(const std::string &name, Date on, Unit unit) const {
    const auto it = parameters_.find(name);
    if (it == parameters_.end()) throw input_error("missing parameter '" + name + "': no parameters file defines it");
    const auto &p = it->second;
    if (p.unit != unit)
        throw Error(ErrorKind::internal, "parameter '" + name + "' is " + std::string(unit_name(p.unit)) + ", not " + std::string(unit_name(unit)));
    const ParameterValue *found = nullptr;
    for (const auto &v : p.values)
        if (!(on < v.from)) found = &v;
    if (found == nullptr)
        throw input_error("missing parameter '" + name + "' on " + on.uk() + ": its first value is from " + p.values.front().from.uk() + " (" + p.file + ")");
    if (!found->known)
        throw input_error("missing parameter '" + name + "' on " + on.uk() + ": the value from " + found->from.uk() +
                          " is unknown (" + found->source + "); set it in your council's parameters file");
    return *found;
}

UsedParameter ParameterSet::used(const std::string &name, Date on) const {
    const auto &p = parameters_.at(name);
    const auto &v = value(name, on, p.unit);
    return {name, v.text, v.tag, v.source, p.file, v.from};
}

} // namespace ascent::params
