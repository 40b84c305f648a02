#include "io/yaml_text.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/money.hpp"

namespace ascent::io {

namespace {

std::string line_text(const YAML::Mark &mark) { return mark.line >= 0 ? ", line " + std::to_string(mark.line + 1) : ""; }

// The first control character in UTF-8 text (tab and line ends apart), if any: C0, DEL or C1.
std::optional<uint32_t> control_character(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return c;
        if (c == 0xC2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F) return next;
        }
    }
    return std::nullopt;
}

std::string control_message(uint32_t c) { return fmt::format("a control character (U+{:04X}) is not allowed; expected text", c); }

// Aliases can make a small file a huge tree ("billion laughs"): walks stop at a budget.
constexpr std::size_t k_max_yaml_values = 1'000'000;

// Checks the parsed document: a key given twice in one mapping is an error (yaml-cpp keeps both
// pairs, and a lookup finds only one, so the other would be silently ignored), and so is a
// control character that an escape such as "\a" put in a value.

void check_document(const YAML::Node &node, const std::string &path, std::size_t &budget) {
    if (budget-- == 0)
        throw input_error(path + ": the document expands to more than " + std::to_string(k_max_yaml_values) +
                          " values (through aliases?); expected a plain file");
    if (node.IsScalar()) {
        if (const auto c = control_character(node.Scalar())) throw input_error(path + line_of(node) + ": " + control_message(*c));
    } else if (node.IsMap()) {
        std::map<std::string, int> seen; // key → line
        for (const auto &pair : node) {
            check_document(pair.first, path, budget);
            if (pair.first.IsScalar()) {
                const auto [it, added] = seen.try_emplace(pair.first.Scalar(), pair.first.Mark().line + 1);
                if (!added)
                    throw input_error(path + line_of(pair.first) + ": the key '" + pair.first.Scalar() +
                                      "' is given twice in this mapping (first on line " + std::to_string(it->second) +
                                      "); expected each key once");
            }
            check_document(pair.second, path, budget);
        }
    } else if (node.IsSequence()) {
        for (const auto &item : node) check_document(item, path, budget);
    }
}

// YAML files are UTF-8 text without control characters (tab and line ends apart): a file saved
// from a Windows-1252 editor (£ as byte 0xA3), or with a stray control character, would otherwise
// be stored and come back changed through JSON (bytes that are not UTF-8 become U+FFFD).
void refuse_bad_text(std::string_view text, const std::string &path) {
    int line = 1;
    const auto fail = [&](const std::string &what) {
        throw input_error(path + ", line " + std::to_string(line) + ": " + what);
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') ++line;
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
                fail(control_message(c));
            ++i;
            continue;
        }
        const std::size_t extra = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : 0;
        uint32_t cp = c & (0x3F >> extra);
        bool valid = extra > 0;
        for (std::size_t k = 1; valid && k <= extra; ++k) {
            const auto next = i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
            valid = (next & 0xC0) == 0x80;
            cp = (cp << 6) | (next & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 either.
        valid = valid && !(extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) &&
                !(extra == 3 && (cp < 0x10000 || cp > 0x10FFFF));
        if (!valid)
            fail(fmt::format("byte 0x{:02X} is not UTF-8 text; save the file as UTF-8 (in Excel or Notepad: 'UTF-8')", c));
        if (cp >= 0x80 && cp <= 0x9F) fail(control_message(cp));
        i += extra + 1;
    }
}

bool same_place(const YAML::Mark &a, const YAML::Mark &b) { return a.pos == b.pos && a.line == b.line && a.column == b.column; }

// The key path ("levers[2].saving.method") of the node at `mark` under `node`, and that node.
bool find_node(const YAML::Node &node, const YAML::Mark &mark, std::string &key, YAML::Node &found, std::size_t &budget) {
    if (budget-- == 0) return false;
    if (node.IsMap()) {
        for (const auto &pair : node) {
            const std::string name = pair.first.IsScalar() ? pair.first.Scalar() : "?";
            std::string inner;
            if (same_place(pair.second.Mark(), mark) || same_place(pair.first.Mark(), mark) ||
                find_node(pair.second, mark, inner, found, budget)) {
                if (inner.empty()) found = pair.second;
                key = name + (inner.empty() || inner.front() == '[' ? "" : ".") + inner;
                return true;
            }
        }
    } else if (node.IsSequence()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            std::string inner;
            if (same_place(node[i].Mark(), mark) || find_node(node[i], mark, inner, found, budget)) {
                if (inner.empty()) found = node[i];
                key = "[" + std::to_string(i + 1) + "]" + (inner.empty() || inner.front() == '[' ? "" : ".") + inner;
                return true;
            }
        }
    }
    return false;
}

std::string shape_of(const YAML::Node &node) {
    if (node.IsSequence()) return "a list";
    if (node.IsMap()) return "a mapping (key: value)";
    if (node.IsNull()) return "nothing";
    return "'" + node.Scalar() + "'";
}

template <typename T>
bool converts_to(const YAML::Exception &e) {
    return dynamic_cast<const YAML::TypedBadConversion<T> *>(&e) != nullptr;
}

std::string expected_of(const YAML::Exception &e) {
    if (dynamic_cast<const YAML::BadSubscript *>(&e) != nullptr) return "a mapping (key: value)";
    if (converts_to<bool>(e)) return "yes or no (true or false)";
    if (converts_to<int>(e) || converts_to<long>(e) || converts_to<long long>(e) || converts_to<unsigned>(e) ||
        converts_to<unsigned long>(e))
        return "a whole number";
    if (converts_to<double>(e) || converts_to<float>(e)) return "a number";
    return "a single value (text or a number)";
}

} // namespace

void throw_input_error(const std::string &message) { throw input_error(message); }

YAML::Node parse_yaml(std::string_view text, const std::string &path) {
    refuse_bad_text(text, path);
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception &e) {
        throw input_error(path + line_text(e.mark) + ": not valid YAML: " + e.msg);
    }
    std::size_t budget = k_max_yaml_values;
    check_document(root, path, budget);
    return root;
}

std::string explain_yaml_error(const YAML::Exception &e, const YAML::Node &root, const std::string &path) {
    if (const auto *invalid = dynamic_cast<const YAML::InvalidNode *>(&e)) {
        // "invalid node; first invalid key: \"x\"": a value looked up under a key that is absent.
        const std::string msg = invalid->msg;
        const auto quote = msg.find('"');
        const std::string key = quote == std::string::npos ? "" : msg.substr(quote + 1, msg.rfind('"') - quote - 1);
        return path + ": " + (key.empty() ? "a required key is missing" : "the key '" + key + "' is missing or is not a mapping");
    }
    std::string key;
    YAML::Node found;
    std::size_t budget = k_max_yaml_values;
    if (e.mark.line < 0 || !find_node(root, e.mark, key, found, budget)) return path + line_text(e.mark) + ": " + e.msg;
    const bool bad_value = dynamic_cast<const YAML::BadConversion *>(&e) != nullptr ||
                           dynamic_cast<const YAML::BadSubscript *>(&e) != nullptr;
    if (!bad_value) return path + line_text(e.mark) + ", key '" + key + "': " + e.msg;
    return path + line_text(e.mark) + ", key '" + key + "': " + shape_of(found) + " where " + expected_of(e) + " was expected";
}

std::optional<UnknownKey> find_unknown_key(const YAML::Node &node, std::initializer_list<std::string_view> keys,
                                           const std::string &what) {
    for (const auto &pair : node) {
        const std::string key = pair.first.IsScalar() ? pair.first.Scalar() : "";
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
        std::string list;
        for (const auto k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
        return UnknownKey{pair.first, "unknown key '" + key + "' in " + what + "; expected one of: " + list};
    }
    return std::nullopt;
}

void check_keys(const YAML::Node &node, std::initializer_list<std::string_view> keys, const std::string &what,
                const std::string &path) {
    if (!node.IsMap()) throw input_error(path + line_of(node) + ": " + what + " must be a mapping (key: value)");
    if (const auto unknown = find_unknown_key(node, keys, what)) throw input_error(path + line_of(unknown->key) + ": " + unknown->message);
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
