#include "io/yaml_text.hpp"

#include "core/error.hpp"
#include "core/money.hpp"

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

int64_t power_of_ten(int n) {
    int64_t v = 1;
    while (n-- > 0) v *= 10;
    return v;
}

void YamlFields::fail(const YAML::Node &node, const std::string &what) const {
    throw input_error(path_ + line_of(node) + ": " + what);
}

Date YamlFields::date(const YAML::Node &node, const std::string &what) const {
    const auto d = node && node.IsScalar() ? parse_date(node.Scalar()) : std::nullopt;
    if (!d) fail(node, what + " must be a date such as 2026-06-01");
    return *d;
}

int64_t YamlFields::pence(const YAML::Node &node, const std::string &what, bool positive) const {
    const auto m = node && node.IsScalar() ? parse_money(node.Scalar()) : std::nullopt;
    if (!m || m->pence() < 0 || (positive && m->pence() == 0))
        fail(node, what + " must be an amount in pounds such as 1,950.00" + (positive ? ", more than zero" : ""));
    return m->pence();
}

int64_t YamlFields::scaled(const YAML::Node &node, int decimals, const std::string &what, bool percent) const {
    if (!node || !node.IsScalar()) fail(node, what + " is missing");
    std::string text = node.Scalar();
    if (percent) {
        if (text.empty() || text.back() != '%') fail(node, what + " must be a percentage such as 77%, not '" + text + "'");
        text.pop_back();
    }
    const auto r = parse_decimal(text, decimals);
    if (!r || r->num < 0)
        fail(node, what + " must be a number of 0 or more with at most " + std::to_string(decimals) +
                       " decimal places, not '" + node.Scalar() + "'");
    return r->num * (power_of_ten(decimals) / r->den);
}

int64_t YamlFields::scaled(const YAML::Node &parent, const char *key, int decimals, const std::string &what,
                           bool percent) const {
    if (!parent[key]) fail(parent, what + " is missing");
    return scaled(parent[key], decimals, what, percent);
}

} // namespace ascent::io
