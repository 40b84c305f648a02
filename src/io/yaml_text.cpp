#include "io/yaml_text.hpp"

#include "core/error.hpp"

namespace ascent::io {

YAML::Node parse_yaml(std::string_view text, const std::string &path) {
    try {
        return YAML::Load(std::string(text));
    } catch (const YAML::Exception &e) {
        throw input_error(path + ", line " + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
    }
}

std::string line_of(const YAML::Node &node) {
    // A missing key yields an invalid node, whose Mark() throws: it has no line to give.
    if (!node.IsDefined() || node.Mark().line < 0) return {};
    return ", line " + std::to_string(node.Mark().line + 1);
}

} // namespace ascent::io
