// The cohort language's fields: each field's name, kind and how to build its column of values
// from a ledger and its person facts. Internal to core (cohort.cpp reads it).
#pragma once

#include <string_view>
#include <vector>

#include "core/codes.hpp"
#include "core/person_facts.hpp"

namespace ascent::cohort_detail {

enum class Kind { number, hundredths, money, yes_no, code, setting, night, services, s117, chc, benefit, benefit_rate, text };

using L = const Ledger &; // shorthand for the field table
using F = const PersonFacts &;
using Column = std::vector<int64_t>;

struct Field {
    std::string_view name;
    std::vector<std::string_view> aliases;
    Kind kind;
    std::string_view description;
    void (*build)(L, F, Column &); // the field's value for every person
    CodeField code = CodeField::gender;
};

// Every field, in the order cohort_fields() lists them.
const std::vector<Field> &cohort_field_table();

} // namespace ascent::cohort_detail
