#include "opportunity/rules.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "core/error.hpp"
#include "io/digest.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::opportunity {

extern const std::vector<std::string_view> k_default_rules;

namespace {

struct MethodName {
    Method method;
    std::string_view name;
    bool percent;
};
constexpr std::array<MethodName, 11> k_methods = {{
    {Method::count_only, "count only", false},
    {Method::percent_of_cost, "percent of cost", true},
    {Method::percent_of_accommodation, "percent of accommodation", true},
    {Method::percent_of_lines, "percent of lines", true},
    {Method::percent_of_gap_to_rate, "percent of gap to rate", true},
    {Method::percent_of_health_gap, "percent of health gap", true},
    {Method::percent_of_increases, "percent of increases", true},
    {Method::percent_of_dp_surplus, "percent of dp surplus", true},
    {Method::weekly_amount, "weekly amount", false},
    {Method::annual_amount, "annual amount", false},
    {Method::per_respite_week, "per respite week", false},
}};

constexpr std::array<std::string_view, 5> k_top_level_keys = {"name", "version", "weeks_per_year", "max_combined_reduction",
                                                               "levers"};

const MethodName &method_entry(Method m) {
    return *std::find_if(k_methods.begin(), k_methods.end(), [m](const auto &e) { return e.method == m; });
}

// Reads one rules file, with errors that name the file, line, lever and field.
class Reader {
public:
    explicit Reader(const std::string &path) : path_(path) {}

    [[noreturn]] void fail(const YAML::Node &node, const std::string &message) const {
        throw input_error(path_ + io::line_of(node) + (lever_.empty() ? "" : ", lever '" + lever_ + "'") + ": " + message);
    }

    // Every key of `node` must be one of `allowed`.
    void keys(const YAML::Node &node, std::initializer_list<std::string_view> allowed, const std::string &what) const {
        if (!node.IsMap()) fail(node, what + " must be a mapping of fields");
        if (const auto unknown = io::find_unknown_key(node, allowed, what)) fail(unknown->key, unknown->message);
    }

    std::string text(const YAML::Node &parent, const char *key, bool required) const {
        const auto node = parent[key];
        if (!node) {
            if (required) fail(parent, std::string("'") + key + "' is missing");
            return {};
        }
        if (!node.IsScalar()) fail(node, std::string("'") + key + "' must be text");
        return node.as<std::string>();
    }

    int64_t whole(const YAML::Node &parent, const char *key, int64_t fallback, int64_t low, int64_t high) const {
        const auto node = parent[key];
        if (!node) return fallback;
        const auto r = parse_decimal(node.Scalar(), 0);
        if (!node.IsScalar() || !r || r->num < low || r->num > high)
            fail(node, std::string("'") + key + "' must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
        return r->num;
    }

    // "10%" or "0.58%" → basis points.
    int64_t percent(const YAML::Node &node, const char *what) const {
        std::string s = node.IsScalar() ? node.Scalar() : "";
        const bool has_sign = !s.empty() && s.back() == '%';
        if (has_sign) s.pop_back();
        const auto r = parse_decimal(s, 2);
        if (!has_sign || !r || r->num < 0) fail(node, std::string(what) + " must be a percentage such as 10% or 0.58%");
        return r->num;
    }

    int64_t money(const YAML::Node &node, const char *what) const {
        const auto m = node.IsScalar() ? parse_money(node.Scalar()) : std::nullopt;
        if (!m || m->pence() < 0) fail(node, std::string(what) + " must be an amount in pounds such as 124.80 or £10,000");
        return m->pence();
    }

    CohortExpression cohort(const YAML::Node &parent, const char *key) const {
        const auto expression = text(parent, key, true);
        try {
            return CohortExpression::parse(expression);
        } catch (const Error &e) {
            fail(parent[key], e.what());
        }
    }

    Lever lever(const YAML::Node &node, const RuleSet &so_far) {
        if (!node.IsMap()) fail(node, "each lever must be a mapping of fields");
        lever_.clear();
        Lever l;
        l.id = text(node, "id", true);
        lever_ = l.id;
        keys(node, {"id", "name", "category", "description", "enabled", "cohort", "top", "same_setting_as", "group",
                    "confidence", "review_hours", "basis", "source", "strata", "saving"},
             "a lever");
        if (so_far.find(l.id) != nullptr) fail(node["id"], "the id is used twice");
        l.name = text(node, "name", true);
        l.category = text(node, "category", false);
        l.description = text(node, "description", false);
        if (const auto enabled = node["enabled"]) {
            // yes or no only (as<bool>(true) took a list, or "maybe", as yes): a value that is
            // not a flag gives each fallback back, so the two reads differ.
            if (!enabled.IsScalar() || enabled.as<bool>(true) != enabled.as<bool>(false)) fail(enabled, "'enabled' must be yes or no");
            l.enabled = enabled.as<bool>(true);
        }
        l.cohort = cohort(node, "cohort");
        if (node["top"]) l.top = static_cast<int>(whole(node, "top", 0, 1, 10'000'000));
        l.same_setting_as = text(node, "same_setting_as", false);
        if (!l.same_setting_as.empty() && so_far.find(l.same_setting_as) == nullptr)
            fail(node["same_setting_as"], "'" + l.same_setting_as + "' must be the id of a lever listed before this one");
        l.group = text(node, "group", false);
        l.confidence_percent = static_cast<int>(whole(node, "confidence", 100, 0, 100));
        if (const auto hours = node["review_hours"]) {
            const auto r = hours.IsScalar() ? parse_decimal(hours.Scalar(), 2) : std::nullopt;
            if (!r || r->num < 0) fail(hours, "'review_hours' must be a number of hours such as 6 or 1.5");
            l.review_hours = r->num;
        }
        l.basis = text(node, "basis", false);
        if (const auto source = node["source"]) {
            keys(source, {"council", "document", "reference"}, "'source'");
            l.source = {text(source, "council", false), text(source, "document", false), text(source, "reference", false)};
        }
        if (const auto strata = node["strata"]) {
            if (!strata.IsSequence()) fail(strata, "'strata' must be a list");
            for (const auto &s : strata) {
                keys(s, {"name", "cohort", "confidence"}, "a stratum");
                Stratum stratum{text(s, "name", true), cohort(s, "cohort"), std::nullopt};
                if (s["confidence"]) stratum.confidence_percent = static_cast<int>(whole(s, "confidence", 0, 0, 100));
                l.strata.push_back(std::move(stratum));
            }
        }
        saving(node, l);
        return l;
    }

    void saving(const YAML::Node &node, Lever &l) const {
        const auto s = node["saving"];
        if (!s) return; // count only
        keys(s, {"method", "effect", "low", "central", "high", "components", "frequency", "ceiling", "rate", "target_share",
                 "keep_weeks"},
             "'saving'");
        const auto method = text(s, "method", true);
        const auto entry = std::find_if(k_methods.begin(), k_methods.end(),
                                        [&](const auto &e) { return normalise_key(e.name) == normalise_key(method); });
        if (entry == k_methods.end()) {
            std::string names;
            for (const auto &e : k_methods) names += (names.empty() ? "" : ", ") + std::string(e.name);
            fail(s["method"], "unknown method '" + method + "'; expected one of: " + names);
        }
        l.method = entry->method;
        const auto effect = normalise_key(text(s, "effect", false));
        if (effect == "income") l.effect = Effect::income;
        else if (effect == "oneoff") l.effect = Effect::one_off;
        else if (!effect.empty() && effect != "reduction") fail(s["effect"], "'effect' must be reduction, income or one-off");
        if (l.method == Method::percent_of_dp_surplus) l.effect = Effect::one_off;
        if (l.method == Method::count_only) return;
        const char *names[3] = {"low", "central", "high"};
        for (std::size_t i = 0; i < 3; ++i) {
            const auto v = s[names[i]];
            if (!v) fail(s, std::string("'") + names[i] + "' is missing");
            l.factors[i] = entry->percent ? percent(v, names[i]) : money(v, names[i]);
        }
        if (l.factors[0] > l.factors[1] || l.factors[1] > l.factors[2]) fail(s, "low, central and high must be in increasing order");
        if (entry->percent && l.factors[2] > 10000) fail(s["high"], "a share cannot be more than 100%");
        if (const auto components = s["components"]) {
            for (const auto &c : components) {
                const auto m = match_code(CodeField::service_component, c.Scalar());
                if (!m) fail(c, "'" + c.Scalar() + "' is not a service component; expected one of: " +
                                    expected_values(CodeField::service_component, 30));
                l.components.push_back(m->code);
            }
        }
        if (const auto f = s["frequency"]) {
            const auto m = match_code(CodeField::cost_frequency, f.Scalar());
            if (!m) fail(f, "'" + f.Scalar() + "' is not a cost frequency; expected one of: " + expected_values(CodeField::cost_frequency, 12));
            l.frequency = m->code;
        }
        if (s["ceiling"]) l.ceiling = money(s["ceiling"], "'ceiling'");
        if (s["rate"]) l.rate = money(s["rate"], "'rate'");
        if (s["target_share"]) l.target_share = percent(s["target_share"], "'target_share'");
        l.keep_weeks = whole(s, "keep_weeks", 0, 0, 520);
        if (l.method == Method::percent_of_lines && l.components.empty()) fail(s, "'components' is missing: which lines count?");
        if (l.method == Method::percent_of_gap_to_rate && l.rate == 0) fail(s, "'rate' is missing: the weekly cost to compare with");
        if (l.method == Method::percent_of_health_gap && l.target_share == 0) fail(s, "'target_share' is missing");
    }

private:
    std::string path_;
    std::string lever_;
};

} // namespace

std::string_view to_string(Method method) { return method_entry(method).name; }

std::string_view to_string(Effect effect) {
    switch (effect) {
    case Effect::reduction: return "reduction";
    case Effect::income: return "income";
    case Effect::one_off: return "one-off";
    }
    return "reduction";
}

bool Lever::is_percent() const { return method_entry(method).percent; }

const Lever *RuleSet::find(std::string_view id) const {
    const auto it = std::find_if(levers.begin(), levers.end(), [&](const Lever &l) { return l.id == id; });
    return it == levers.end() ? nullptr : &*it;
}

RuleSet parse_rules(std::string_view text, const std::string &path) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) {
        Reader reader(path);
        if (!root.IsMap()) reader.fail(root, "a rules file is a mapping with 'name', 'version' and 'levers'");
        RuleSet rules;
        rules.path = path;
        rules.name = reader.text(root, "name", true);
        rules.version = reader.text(root, "version", true);
        rules.sha256 = io::sha256_text(text);
        for (const auto &entry : root) {
            const auto key = entry.first.as<std::string>();
            if (std::find(k_top_level_keys.begin(), k_top_level_keys.end(), key) == k_top_level_keys.end()) {
                std::string keys;
                for (const auto k : k_top_level_keys) keys += (keys.empty() ? "" : ", ") + std::string(k);
                reader.fail(entry.first, "unknown key '" + key + "'; a rules file has: " + keys);
            }
        }
        if (const auto cap = root["max_combined_reduction"]) {
            rules.max_combined_reduction = reader.percent(cap, "'max_combined_reduction'");
            if (rules.max_combined_reduction == 0 || rules.max_combined_reduction > 10'000)
                reader.fail(cap, "'max_combined_reduction' must be a percentage above 0% and at most 100%");
        }
        if (const auto weeks = root["weeks_per_year"]) {
            const auto w = WeeksPerYear::parse(weeks.Scalar());
            if (!w) reader.fail(weeks, "'weeks_per_year' must be 52, 52.14, 52.143 or 365/7");
            rules.weeks = *w;
        }
        const auto levers = root["levers"];
        if (!levers || !levers.IsSequence() || levers.size() == 0) reader.fail(root, "'levers' must be a non-empty list");
        for (const auto &node : levers) rules.levers.push_back(reader.lever(node, rules));
        return rules;
    });
}

RuleSet load_rules(const std::string &path) {
    return parse_rules(io::read_text_file(path, "the rules file"), path);
}

std::string_view default_rules_text() { return k_default_rules.front(); }

const RuleSet &default_rules() {
    static const RuleSet k_rules = parse_rules(default_rules_text(), "built-in rules/levers.yaml");
    return k_rules;
}

} // namespace ascent::opportunity
