// YAML for ascent's own files (rules, parameters, options, cases, backlog models): parsing with a
// syntax error that names the file and line, and the ", line N" every later error points to.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

namespace ascent::io {

// The document; throws input_error "PATH, line N: not valid YAML: …".
YAML::Node parse_yaml(std::string_view text, const std::string &path);
// ", line N" for a node from the file; empty for a node with no position (e.g. a missing key).
std::string line_of(const YAML::Node &node);

} // namespace ascent::io
