// Charging's dated parameters: the statutory figures for England and ascent's default council policy
// (rules/charging/england.yaml and policy.yaml, built in), then any council file.
#pragma once

#include "params/parameters.hpp"

namespace ascent::charging {

using params::Parameter;
using params::ParameterSet;
using params::ParameterValue;
using params::Unit;
using params::UsedParameter;

// The built-in England figures and ascent's default council policy.
ParameterSet default_parameters();

} // namespace ascent::charging
