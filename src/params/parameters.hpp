// Dated parameters: every rate, threshold, allowance and policy choice, each value with the date it
// takes effect, its source and a confidence tag. Loaded from YAML files (built-in ones, then any
// council file, which replaces whole parameters by name). Asking for a parameter with no value on
// a date is an error naming it. Charging (rules/charging/) and commissioning (rules/commissioning/)
// each have their own set.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace ascent::params {

enum class Unit { money, percent, flag, choice, number };

struct ParameterValue {
    Date from;
    bool known = true;   // false: a recorded gap ("unknown")
    int64_t number = 0;  // money: pence; percent: basis points; flag: 0/1; number: hundredths
    std::string text;    // as written in the file
    std::string tag, source;
};

struct Parameter {
    std::string name, description, file;
    Unit unit = Unit::money;
    bool uprated_yearly = false;        // a new value is expected every April
    std::vector<std::string> choices;   // for Unit::choice, normalised
    std::vector<ParameterValue> values; // by date, earliest first
};

// A parameter value as an assessment used it, for its record.
struct UsedParameter {
    std::string name, value, tag, source, file;
    Date from;
};

class ParameterSet {
public:
    // Adds the parameters of one YAML file; a parameter already present is replaced whole.
    void load(std::string_view text, const std::string &path);
    void load_file(const std::string &path);
    // Sets one parameter's value from a date onwards (an option in a simulation); `text` is as in a file.
    void set(const std::string &name, Date from, const std::string &text, const std::string &source);

    int64_t money(const std::string &name, Date on) const { return value(name, on, Unit::money).number; }
    int64_t percent(const std::string &name, Date on) const { return value(name, on, Unit::percent).number; }
    bool flag(const std::string &name, Date on) const { return value(name, on, Unit::flag).number != 0; }
    std::string choice(const std::string &name, Date on) const { return value(name, on, Unit::choice).text; }
    int64_t hundredths(const std::string &name, Date on) const { return value(name, on, Unit::number).number; }
    // The value in force on a date. Throws input_error naming the parameter when it is missing, a
    // recorded gap, not yet in force, or of another unit.
    const ParameterValue &value(const std::string &name, Date on, Unit unit) const;
    // The same, as a record for a result.
    UsedParameter used(const std::string &name, Date on) const;

    // Files loaded: "name version (sha256 prefix)" each, for a result's record.
    const std::vector<std::string> &sources() const { return sources_; }
    const std::map<std::string, Parameter> &all() const { return parameters_; }

private:
    std::map<std::string, Parameter> parameters_;
    std::vector<std::string> sources_;
};

} // namespace ascent::params
