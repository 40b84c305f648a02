#include "charging/parameters.hpp"

#include <string_view>
#include <vector>

namespace ascent::charging {

extern const std::vector<std::string_view> k_default_parameters;

ParameterSet default_parameters() {
    ParameterSet set;
    set.load(k_default_parameters.at(0), "built-in rules/charging/england.yaml");
    set.load(k_default_parameters.at(1), "built-in rules/charging/policy.yaml");
    return set;
}

} // namespace ascent::charging
