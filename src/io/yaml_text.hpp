// YAML for ascent's own files (rules, parameters, options, cases, backlog models): parsing with a
// syntax error that names the file and line, and the ", line N" every later error points to.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <utility>
#include <string_view>

#include "core/date.hpp"

namespace ascent::io {

// The document; throws input_error "PATH, line N: not valid YAML: …".
YAML::Node parse_yaml(std::string_view text, const std::string &path);
// ", line N" for a node from the file; empty for a node with no position (e.g. a missing key).
std::string line_of(const YAML::Node &node);

// Reads fields of one file, every error naming the file and the node's line.
class YamlFields {
public:
    explicit YamlFields(std::string path) : path_(std::move(path)) {}
    const std::string &path() const { return path_; }
    [[noreturn]] void fail(const YAML::Node &node, const std::string &what) const;
    // A decimal of 0 or more as a whole number of 1/10^decimals, e.g. "333.5" with 2 → 33350;
    // with `percent`, "76.6%" → 766 with 1 decimal.
    int64_t scaled(const YAML::Node &node, int decimals, const std::string &what, bool percent = false) const;
    // The same for `parent`'s `key`; a missing key is an error at the parent's line.
    int64_t scaled(const YAML::Node &parent, const char *key, int decimals, const std::string &what,
                   bool percent = false) const;

    // A date such as 2026-06-01 ("… must be a date such as 2026-06-01" otherwise).
    Date date(const YAML::Node &node, const std::string &what) const;
    // An amount in pounds such as 1,950.00, as pence; more than zero with `positive`, else zero or more.
    int64_t pence(const YAML::Node &node, const std::string &what, bool positive) const;

private:
    std::string path_;
};

// 10^n for small n.
int64_t power_of_ten(int n);

} // namespace ascent::io
