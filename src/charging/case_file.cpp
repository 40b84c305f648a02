#include "charging/case_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "core/codes.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::charging {

namespace {

class Reader {
public:
    Reader(std::string path, std::vector<std::string> extra) : path_(std::move(path)), extra_(std::move(extra)) {}

    [[noreturn]] void fail(const YAML::Node &node, const std::string &what) const {
        throw input_error(path_ + io::line_of(node) + (id_.empty() ? "" : ", case '" + id_ + "'") + ": " + what);
    }

    int64_t money(const YAML::Node &node, const std::string &field) const {
        const auto m = node.IsScalar() ? parse_money(node.Scalar()) : std::nullopt;
        if (!m) fail(node, "'" + field + "' must be an amount in pounds such as 150.00");
        return m->pence();
    }
    bool yes_no(const YAML::Node &node, const std::string &field) const {
        const auto key = node.IsScalar() ? normalise_key(node.Scalar()) : "";
        if (key != "true" && key != "false" && key != "yes" && key != "no") fail(node, "'" + field + "' must be true or false");
        return key == "true" || key == "yes";
    }
    // A premium flag: yes or no states it, derived leaves it to the benefits.
    std::optional<bool> premium(const YAML::Node &node, const std::string &field) const {
        if (node.IsScalar() && normalise_key(node.Scalar()) == "derived") return std::nullopt;
        const auto key = node.IsScalar() ? normalise_key(node.Scalar()) : "";
        if (key != "true" && key != "false" && key != "yes" && key != "no") fail(node, "'" + field + "' must be yes, no or derived");
        return key == "true" || key == "yes";
    }
    Date date(const YAML::Node &node, const std::string &field) const {
        const auto d = node.IsScalar() ? parse_date(node.Scalar()) : std::nullopt;
        if (!d) fail(node, "'" + field + "' must be a date such as 2025-06-01");
        return *d;
    }
    int whole(const YAML::Node &node, const std::string &field) const {
        const auto r = node.IsScalar() ? parse_decimal(node.Scalar(), 0) : std::nullopt;
        if (!r) fail(node, "'" + field + "' must be a whole number");
        return static_cast<int>(r->num);
    }

    // Applies one field of a case (or of the defaults) to the entry.
    void field(const std::string &key, const YAML::Node &v, CaseEntry &e) const {
        auto &c = e.c;
        if (key == "id") c.id = v.Scalar();
        else if (key == "group") c.group = v.Scalar();
        else if (key == "count") {
            e.count = whole(v, key);
            if (e.count < 1 || e.count > 10'000'000) fail(v, "'count' must be from 1 to 10,000,000");
        }
        else if (key == "date") c.date = date(v, key);
        else if (key == "care") {
            const auto k = normalise_key(v.Scalar());
            if (k == "nonresidential") c.care = CareType::non_residential;
            else if (k == "residential") c.care = CareType::residential;
            else if (k == "shorttermresident") c.care = CareType::short_term_resident;
            else fail(v, "'care' must be non residential, residential or short term resident");
        } else if (key == "age") c.age = whole(v, key);
        else if (key == "children") c.children = whole(v, key);
        else if (key == "pension_age") c.pension_age = yes_no(v, key);
        else if (key == "couple") c.couple = yes_no(v, key);
        else if (key == "lone_parent") c.lone_parent = yes_no(v, key);
        else if (key == "disability_premium") c.disability_premium = premium(v, key);
        else if (key == "enhanced_disability_premium") c.enhanced_disability_premium = premium(v, key);
        else if (key == "carer_premium") c.carer_premium = premium(v, key);
        else if (key == "severe_disability_premium") c.severe_disability_premium = premium(v, key);
        else if (key == "carers_allowance") c.carers_allowance = yes_no(v, key);
        else if (key == "lives_alone") c.lives_alone = yes_no(v, key);
        else if (key == "carer_gets_carers_allowance") c.carer_gets_carers_allowance = yes_no(v, key);
        else if (key == "night_care") c.night_care = yes_no(v, key);
        else if (key == "s117") c.s117 = yes_no(v, key);
        else if (key == "light_touch") c.light_touch = yes_no(v, key);
        else if (key == "capital") c.capital = money(v, key);
        else if (key == "joint_capital") c.joint_capital = money(v, key);
        else if (key == "housing_costs") c.housing_costs = money(v, key);
        else if (key == "weekly_cost") c.weekly_cost = money(v, key);
        else if (key == "mobility") c.mobility_weekly = money(v, key);
        else if (key == "joint_income") c.joint_income = money(v, key);
        else if (key == "pension_to_partner") c.pension_to_partner = money(v, key);
        else if (key == "property_value") c.property_value = money(v, key);
        else if (key == "property_debts") c.property_debts = money(v, key);
        else if (key == "permanent_from") c.permanent_from = date(v, key);
        else if (key == "disregard_ended") c.disregard_ended = date(v, key);
        else if (key == "property_disregarded") c.property_disregarded = yes_no(v, key);
        else if (key == "dpa") c.dpa = yes_no(v, key);
        else if (key == "deferred_balance") c.deferred_balance = money(v, key);
        else if (key == "notional_capital") c.notional_capital = money(v, key);
        else if (key == "top_up") c.top_up = money(v, key);
        else if (key == "top_up_by") {
            const auto k = normalise_key(v.Scalar());
            if (k != "thirdparty" && k != "resident") fail(v, "'top_up_by' must be third party or resident");
            c.top_up_first_party = k == "resident";
        }
        else if (key == "benefit") {
            const auto b = parse_benefit(v.Scalar());
            if (!b) fail(v, "'benefit' must be none, AA, PIP daily living or DLA care");
            c.benefit = *b;
        } else if (key == "rate") {
            if (normalise_key(v.Scalar()) == "notrecorded") c.benefit_rate = BenefitRate::not_recorded;
            else if (const auto r = parse_benefit_rate(v.Scalar())) c.benefit_rate = *r;
            else fail(v, "'rate' must be lowest, middle (standard, lower) or highest (enhanced, higher)");
        } else if (key == "income") {
            c.income.clear();
            for (const auto &i : v) {
                io::check_keys(i, {"name", "weekly", "disregarded", "uprated_by"}, "an income item", path_);
                if (!i["name"] || !i["weekly"]) fail(i, "each income item needs 'name' and 'weekly'");
                c.income.push_back({i["name"].Scalar(), money(i["weekly"], "weekly"), i["disregarded"] && yes_no(i["disregarded"], "disregarded"),
                                    i["uprated_by"] ? i["uprated_by"].Scalar() : std::string()});
            }
        } else if (key == "dre") {
            std::vector<DreItem> items;
            for (const auto &d : v) {
                io::check_keys(d, {"category", "evidence", "weekly", "allowed"}, "a DRE item", path_);
                if (!d["category"] || !d["weekly"]) fail(d, "each DRE item needs 'category' and 'weekly'");
                items.push_back({d["category"].Scalar(), d["evidence"] ? d["evidence"].Scalar() : "", money(d["weekly"], "weekly"),
                                 !d["allowed"] || yes_no(d["allowed"], "allowed")});
            }
            c.dre_items = std::move(items);
        } else if (key == "set") {
            for (const auto &s : v) e.set[s.first.Scalar()] = s.second.Scalar();
        } else if (std::find(extra_.begin(), extra_.end(), key) != extra_.end()) {
            e.extra[key] = v.IsScalar() ? v.Scalar() : "";
        } else {
            fail(v, "unknown field '" + key + "'");
        }
    }

    std::vector<CaseEntry> read(std::string_view text) {
        return io::read_yaml(text, path_, [&](const YAML::Node &root) {
            if (!root.IsMap() || !root["cases"] || !root["cases"].IsSequence()) fail(root, "a case file is a mapping with a list of 'cases'");
            io::check_keys(root, {"defaults", "cases"}, "a case file", path_);
            CaseEntry defaults;
            if (const auto d = root["defaults"])
                for (const auto &f : d) field(f.first.Scalar(), f.second, defaults);
            std::vector<CaseEntry> out;
            std::set<std::string> ids;
            for (const auto &node : root["cases"]) {
                id_.clear();
                if (!node.IsMap() || !node["id"]) fail(node, "each case needs an 'id'");
                id_ = node["id"].Scalar();
                if (!ids.insert(id_).second) fail(node["id"], "the id is used twice");
                CaseEntry e = defaults;
                e.c.stated_by = "the case file";
                for (const auto &f : node) field(f.first.Scalar(), f.second, e);
                out.push_back(std::move(e));
            }
            return out;
        });
    }

private:
    std::string path_;
    std::vector<std::string> extra_;
    std::string id_;
};

} // namespace

std::vector<CaseEntry> read_cases(std::string_view text, const std::string &path, const std::vector<std::string> &extra_fields) {
    return Reader(path, extra_fields).read(text);
}

std::vector<CaseEntry> read_case_file(const std::string &path, const std::vector<std::string> &extra_fields) {
    return read_cases(io::read_text_file(path, "the case file"), path, extra_fields);
}

} // namespace ascent::charging
