// A housing options matrix (Darlington's, in the LGA efficiency project): levels of need × housing
// and support options with a typical weekly cost where an option can meet that level. Testing a
// person against it lists the options at their level beside what their package costs now.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ascent::delivery {

struct HousingOption {
    std::string id, name;
    std::map<int, int64_t> weekly; // level → pence a week; a level missing: not suitable
};

struct HousingMatrix {
    std::string name, source;
    std::vector<std::pair<int, std::string>> levels; // id, description, in order
    std::vector<HousingOption> options;
};

HousingMatrix read_housing_matrix(std::string_view text, const std::string &path);
HousingMatrix read_housing_matrix_file(const std::string &path);
// The matrix in rules/delivery/housing-options.yaml.
const HousingMatrix &default_housing_matrix();

struct HousingFit {
    std::string option;
    int64_t weekly = 0;      // pence a week, typical
    int64_t difference = 0;  // current − typical: positive where the option costs less
};

struct HousingTest {
    std::string person_id;
    int level = 0;
    std::string level_name;
    int64_t current = 0;           // pence a week on the ledger
    std::vector<HousingFit> fits;  // the options suitable at the level, cheapest first
};

// Throws input_error if the level is not in the matrix.
HousingTest test_housing(const HousingMatrix &matrix, const std::string &person_id, int level, int64_t current_weekly);

std::string format_matrix(const HousingMatrix &matrix);
std::string format_housing_test(const HousingMatrix &matrix, const HousingTest &test);

} // namespace ascent::delivery
