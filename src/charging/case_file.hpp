// Financial assessment cases as YAML: a `defaults` mapping and a list of `cases`, each a person's
// means and circumstances (amounts in pounds), any parameter a case changes (`set`), and other
// fields a caller reads (e.g. the expected charge in golden tests). Used by `ascent assess --case`
// and by the tests.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "charging/assessment.hpp"

namespace ascent::charging {

struct CaseEntry {
    FinancialCase c;
    int count = 1;                            // the case stands for this many identical people
    std::map<std::string, std::string> set;   // parameter → value, in force for this case
    std::map<std::string, std::string> extra; // fields the case file carries for its reader
};

// Parses a case file; errors name the file, line, case and field.
std::vector<CaseEntry> read_cases(std::string_view text, const std::string &path,
                                  const std::vector<std::string> &extra_fields = {});
std::vector<CaseEntry> read_case_file(const std::string &path, const std::vector<std::string> &extra_fields = {});

} // namespace ascent::charging
