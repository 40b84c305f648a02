// YAML for ascent's own files (rules, parameters, options, cases, backlog models): parsing with a
// syntax error that names the file and line, and the ", line N" every later error points to.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <string_view>

#include "core/date.hpp"

namespace ascent::io {

[[noreturn]] void throw_input_error(const std::string &message);

// The document; throws input_error "PATH, line N: not valid YAML: …", and for a key given twice in
// one mapping (YAML forbids it; yaml-cpp would silently keep one).
YAML::Node parse_yaml(std::string_view text, const std::string &path);

// The message read_yaml gives for `e`, raised while reading the document `root` of `path`.
std::string explain_yaml_error(const YAML::Exception &e, const YAML::Node &root, const std::string &path);
// read_yaml for a document already parsed.
template <typename Read>
auto read_yaml_node(const YAML::Node &root, const std::string &path, Read &&read) {
    try {
        return read(root);
    } catch (const YAML::Exception &e) {
        throw_input_error(explain_yaml_error(e, root, path));
    }
}
// Runs `read` over the document of `text`, turning yaml-cpp's type errors (a list where one value
// was expected, a key looked up in a single value, "bad conversion") into input errors naming the
// file, line, key and what was expected, so no YAML mistake is an "internal error".
template <typename Read>
auto read_yaml(std::string_view text, const std::string &path, Read &&read) {
    return read_yaml_node(parse_yaml(text, path), path, std::forward<Read>(read));
}

// The first key of the mapping `node` that is not in `keys`, and the message saying so.
struct UnknownKey {
    YAML::Node key;
    std::string message; // "unknown key 'x' in WHAT; expected one of: a, b, c"
};
std::optional<UnknownKey> find_unknown_key(const YAML::Node &node, std::initializer_list<std::string_view> keys,
                                           const std::string &what);
// Checks `node` is a mapping whose keys are all in `keys`; otherwise an input error
// "PATH, line N: unknown key 'x' in WHAT; expected one of: a, b, c".
void check_keys(const YAML::Node &node, std::initializer_list<std::string_view> keys, const std::string &what,
                const std::string &path);
// ", line N" for a node from the file; empty for a node with no position (e.g. a missing key).
std::string line_of(const YAML::Node &node);

// Reads fields of one file, every error naming the file and the node's line.
class YamlFields {
public:
    explicit YamlFields(std::string path) : path_(std::move(path)) {}
    const std::string &path() const { return path_; }
    [[noreturn]] void fail(const YAML::Node &node, const std::string &what) const;
    // check_keys for this file.
    void keys(const YAML::Node &node, std::initializer_list<std::string_view> allowed, const std::string &what) const {
        check_keys(node, allowed, what, path_);
    }
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
