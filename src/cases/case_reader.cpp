// Business cases from YAML (or JSON). Every field is checked; an error names the file, the line
// and what was expected, so a finance officer editing a case by hand can fix it.
#include <fmt/format.h>

#include "cases/business_case.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::cases {

namespace {

class CaseReader {
public:
    explicit CaseReader(const std::string &path) : in_(path) {}

    BusinessCase read(const YAML::Node &root) const;

private:
    std::string text(const YAML::Node &parent, const char *key, bool required = false) const {
        const auto node = parent[key];
        if (!node) {
            if (required) in_.fail(parent, fmt::format("'{}' is missing", key));
            return {};
        }
        if (!node.IsScalar()) in_.fail(node, fmt::format("'{}' must be text", key));
        return node.Scalar();
    }

    bool flag(const YAML::Node &parent, const char *key) const {
        const auto node = parent[key];
        if (!node) return false;
        bool value = false;
        if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value))
            in_.fail(node, fmt::format("'{}' must be true or false", key));
        return value;
    }

    YAML::Node sequence(const YAML::Node &parent, const char *key) const {
        const auto node = parent[key];
        if (!node) return YAML::Node(YAML::NodeType::Sequence);
        if (!node.IsSequence()) in_.fail(node, fmt::format("'{}' must be a list", key));
        return node;
    }

    template <typename Parse>
    auto named(const YAML::Node &node, Parse parse, const std::string &what, const std::string &allowed) const {
        const auto value = node.IsScalar() ? parse(node.Scalar()) : std::nullopt;
        if (!value)
            in_.fail(node, what + " must be " + allowed + ", not " + (node.IsScalar() ? "'" + node.Scalar() + "'" : "a list or a mapping"));
        return *value;
    }

    std::optional<Rating> optional_rating(const YAML::Node &parent, const char *key) const {
        if (!parent[key]) return std::nullopt;
        return named(parent[key], parse_rating, fmt::format("'{}'", key), "H, M or L");
    }

    FinancialYear year(const YAML::Node &node, const std::string &what) const {
        const auto fy = node && node.IsScalar() ? FinancialYear::parse(node.Scalar()) : std::nullopt;
        if (!fy) in_.fail(node, what + " must be a financial year such as 2018/19");
        return *fy;
    }

    int64_t money(const YAML::Node &node, const std::string &what) const {
        const auto m = node && node.IsScalar() ? parse_money(node.Scalar()) : std::nullopt;
        if (!m) in_.fail(node, what + " must be an amount in pounds such as 170,000 or 27.45");
        return m->pence();
    }

    int64_t signed_scaled(const YAML::Node &node, int decimals, const std::string &what) const {
        const auto r = node && node.IsScalar() ? parse_decimal(node.Scalar(), decimals) : std::nullopt;
        if (!r) in_.fail(node, what + " must be a number with at most " + std::to_string(decimals) + " decimal places");
        return r->num * (io::power_of_ten(decimals) / r->den);
    }

    int64_t percent(const YAML::Node &node, const std::string &what) const { return in_.scaled(node, 4, what, true); }

    std::pair<int64_t, int64_t> range(const YAML::Node &node, const std::string &what, auto read) const {
        if (!node.IsSequence() || node.size() != 2) in_.fail(node, what + " must be [low, high]");
        const auto low = read(node[0]), high = read(node[1]);
        if (low > high) in_.fail(node, what + ": low is above high");
        return {low, high};
    }

    StatedAmount stated_amount(const YAML::Node &node, const std::string &what) const {
        const auto amount = node && node.IsScalar() ? parse_stated(node.Scalar()) : std::nullopt;
        if (!amount) in_.fail(node, what + " must be an amount as the document prints it, such as £412K, 24,710 or £1.7m");
        return *amount;
    }

    StatedFigure stated_figure(const YAML::Node &node) const {
        if (!node.IsMap()) in_.fail(node, "a stated figure is a mapping with 'amount' and usually 'year' and 'basis'");
        in_.keys(node, {"amount", "to_nearest", "year", "basis", "of"}, "a stated figure");
        StatedFigure f;
        f.amount = stated_amount(node["amount"], "'amount'");
        if (node["to_nearest"]) f.amount.unit = stated_amount(node["to_nearest"], "'to_nearest'").pence;
        if (f.amount.unit <= 0) in_.fail(node["to_nearest"], "'to_nearest' must be above zero");
        if (node["year"]) f.year = year(node["year"], "'year'");
        if (node["basis"]) {
            const auto b = node["basis"].Scalar();
            if (b != "in_year" && b != "incremental") in_.fail(node["basis"], "'basis' must be in_year or incremental");
            f.basis = b == "in_year" ? Basis::in_year : Basis::incremental;
        }
        f.of = node["of"] ? node["of"].Scalar() : "net";
        if (f.of != "net" && f.of != "gross" && f.of != "income" && f.of != "investment")
            in_.fail(node["of"], "'of' must be net, gross, income or investment");
        return f;
    }

    void read_sections(const YAML::Node &sections, BusinessCase &c) const {
        if (!sections.IsMap()) in_.fail(sections, "'sections' maps section names to text");
        for (const auto &kv : sections) {
            const auto key = kv.first.Scalar();
            const bool known = std::any_of(k_sections.begin(), k_sections.end(), [&](const auto &s) { return s.first == key; });
            if (!known) {
                std::string names;
                for (const auto &s : k_sections) names += (names.empty() ? "" : ", ") + std::string(s.first);
                in_.fail(kv.first, "unknown section '" + key + "'; the sections are " + names);
            }
            std::string body;
            if (kv.second.IsSequence())
                for (const auto &item : kv.second) body += (body.empty() ? "- " : "\n- ") + item.Scalar();
            else
                body = kv.second.Scalar();
            c.sections.emplace_back(key, body);
        }
    }

    void read_equality(const YAML::Node &eq, BusinessCase &c) const {
        if (!eq.IsMap()) in_.fail(eq, "'equality' maps the nine groups to true or false");
        for (const auto &kv : eq) {
            const auto key = kv.first.Scalar();
            const auto it = std::find(k_equality_groups.begin(), k_equality_groups.end(), key);
            if (it == k_equality_groups.end())
                in_.fail(kv.first, "unknown equality group '" + key + "'; the groups are " + fmt::format("{}", fmt::join(k_equality_groups, ", ")));
            c.equality[static_cast<std::size_t>(it - k_equality_groups.begin())] = flag(eq, key.c_str());
        }
    }

    DeliveryOption option(const YAML::Node &o, const BusinessCase &c) const {
        in_.keys(o, {"name", "description", "preferred", "lines", "stated"}, "a delivery option");
        DeliveryOption option;
        option.name = text(o, "name", true);
        option.description = text(o, "description");
        option.preferred = flag(o, "preferred");
        const auto lines = o["lines"];
        if (!lines || !lines.IsSequence() || lines.size() == 0)
            in_.fail(o, "option '" + option.name + "' needs 'lines': the savings, income, reinvestment and investment it is made of");
        for (const auto &l : lines) option.lines.push_back(line(l, c));
        for (const auto &s : sequence(o, "stated")) option.stated.push_back(stated_figure(s));
        return option;
    }

    Line line(const YAML::Node &l, const BusinessCase &c) const {
        in_.keys(l,
                 {"name", "kind", "type", "start", "phasing", "part_year", "confidence", "attrition", "decay", "lasts", "one_off",
                  "funded_by", "stated_weekly", "stated_annual", "cohort", "risk", "amount", "rate", "people", "weeks", "capacity",
                  "years"},
                 "a line");
        Line line;
        line.name = text(l, "name", true);
        if (l["kind"]) line.kind = named(l["kind"], [](std::string_view s) { return parse_kind(s); }, "'kind'", "annual, weekly, capacity or explicit");
        if (l["type"]) line.type = named(l["type"], [](std::string_view s) { return parse_type(s); }, "'type'", "saving, income, reinvestment or investment");
        if (l["start"]) {
            const auto d = parse_date(l["start"].Scalar());
            if (!d) in_.fail(l["start"], "'start' must be a date such as 2017-11-01");
            line.start = *d;
        }
        if (l["phasing"]) line.phasing = named(l["phasing"], [](std::string_view s) {
            return s == "even" ? std::optional(Phasing::even) : s == "from_start" ? std::optional(Phasing::from_start) : std::nullopt; }, "'phasing'", "from_start or even");
        if (l["part_year"]) line.part_year = named(l["part_year"], [](std::string_view s) {
            return s == "days" ? std::optional(PartYear::days) : s == "months" ? std::optional(PartYear::months) : std::nullopt; }, "'part_year'", "months or days");
        if (l["confidence"]) line.confidence = percent(l["confidence"], "'confidence'");
        for (const auto &a : sequence(l, "attrition")) line.attrition.push_back(percent(a, "an 'attrition' likelihood"));
        if (l["decay"]) line.decay = percent(l["decay"], "'decay'");
        for (const auto *key : {"confidence", "decay"})
            if (l[key] && percent(l[key], key) > k_ppm) in_.fail(l[key], fmt::format("'{}' must be at most 100%", key));
        for (const auto a : line.attrition)
            if (a > k_ppm) in_.fail(l["attrition"], "an 'attrition' likelihood must be at most 100%");
        if (l["lasts"]) {
            line.lasts = l["lasts"].as<int>(0);
            if (line.lasts < 1 || line.lasts > 20) in_.fail(l["lasts"], "'lasts' must be a whole number of years, 1 to 20");
        }
        line.one_off = flag(l, "one_off");
        line.funded_by = text(l, "funded_by");
        line.netted = line.funded_by.empty();
        if (l["stated_weekly"]) line.stated_weekly = stated_amount(l["stated_weekly"], "'stated_weekly'");
        if (l["stated_annual"]) line.stated_annual = stated_amount(l["stated_annual"], "'stated_annual'");
        if (const auto cohort = l["cohort"]) line.cohort = cohort_link(cohort);
        if (const auto risk = l["risk"]) line.risk = risk_range(risk);
        switch (line.kind) {
        case LineKind::annual:
            line.amount = money(l["amount"], "'amount' (£ a year)");
            break;
        case LineKind::weekly:
            if (l["rate"]) line.amount = money(l["rate"], "'rate' (£ a week per person)");
            else if (!line.cohort || (line.cohort->lever.empty() && line.cohort->share == 0))
                in_.fail(l, "a weekly line needs a 'rate' (£ a week per person), or a cohort with a 'lever' or a 'share' of its cost");
            if (l["people"]) line.people = in_.scaled(l, "people", 2, "'people'");
            else if (!line.cohort) in_.fail(l, "a weekly line needs 'people' or a 'cohort'");
            if (l["weeks"]) line.weeks = Ratio{in_.scaled(l, "weeks", 3, "'weeks'"), 1000};
            break;
        case LineKind::capacity: {
            const auto cap = l["capacity"];
            if (!cap || !cap.IsMap()) in_.fail(l, "a capacity line needs a 'capacity' mapping: officers, per_officer, increase, decay and likelihood, or years");
            in_.keys(cap, {"name", "officer_cost", "years", "officers", "likelihood", "per_officer", "increase", "decay", "backlog",
                           "income_years"},
                     "a line's 'capacity'");
            int64_t left = cap["backlog"] ? in_.scaled(cap, "backlog", 2, "'backlog'") : -1;
            line.capacity = charging::read_backlog_option(in_, cap, left);
            line.capacity.name = line.name;
            if (cap["income_years"]) line.capacity_income_years = cap["income_years"].as<int>(1);
            if (line.confidence != k_ppm) in_.fail(l["confidence"], "a capacity line's likelihoods are its confidence; leave 'confidence' out");
            break;
        }
        case LineKind::explicit_years: {
            const auto years = l["years"];
            if (!years || !years.IsMap()) in_.fail(l, "an explicit line needs 'years' mapping financial years to amounts");
            line.years.assign(static_cast<std::size_t>(c.years), 0);
            for (const auto &kv : years) {
                const int offset = year(kv.first, "a year of 'years'").start_year() - c.first_year.start_year();
                if (offset < 0 || offset >= c.years)
                    in_.fail(kv.first, fmt::format("{} is outside the case's years {} to {}", kv.first.Scalar(), c.first_year.label(),
                                                   FinancialYear(c.first_year.start_year() + c.years - 1).label()));
                line.years[static_cast<std::size_t>(offset)] = money(kv.second, "a yearly amount");
            }
            break;
        }
        }
        if (line.start && FinancialYear::containing(*line.start) < c.first_year)
            in_.fail(l["start"], "'start' is before the case's first year " + c.first_year.label());
        const FinancialYear last(c.first_year.start_year() + c.years - 1);
        if (line.start && last < FinancialYear::containing(*line.start))
            in_.fail(l["start"], fmt::format("'start' {} is after the case's last year {}: the line would be £0 in every year of the case "
                                             "(add years, or start it earlier)", line.start->uk(), last.label()));
        refuse_impossible(l, line);
        return line;
    }

    // Values no document can mean: money that is netted off entered as negative (it would become a
    // saving), negative people or rates, no weeks.
    void refuse_impossible(const YAML::Node &l, const Line &line) const {
        const bool netted_off = line.type == LineType::investment || line.type == LineType::reinvestment;
        const char *key = line.kind == LineKind::weekly ? "rate" : "amount";
        if (line.amount < 0 && netted_off)
            in_.fail(l[key], fmt::format("'{}' of {} must be zero or more: it is netted off the savings already, so a negative amount "
                                         "would count as a saving (enter a saving as type: saving)", key, to_string(line.type)));
        if (line.amount < 0 && line.kind == LineKind::weekly)
            in_.fail(l[key], "'rate' must be zero or more (£ a week per person); a cost is a line of type reinvestment");
        if (line.people < 0) in_.fail(l["people"], "'people' must be zero or more");
        if (line.weeks && line.weeks->num <= 0) in_.fail(l["weeks"], "'weeks' must be more than zero");
        for (const auto y : line.years)
            if (y < 0 && netted_off)
                in_.fail(l["years"], fmt::format("a yearly amount of {} must be zero or more: it is netted off the savings already",
                                                 to_string(line.type)));
    }

    static std::optional<LineKind> parse_kind(std::string_view s) {
        for (auto k : {LineKind::annual, LineKind::weekly, LineKind::capacity, LineKind::explicit_years})
            if (to_string(k) == s) return k;
        return std::nullopt;
    }
    static std::optional<LineType> parse_type(std::string_view s) {
        for (auto t : {LineType::saving, LineType::income, LineType::reinvestment, LineType::investment})
            if (to_string(t) == s) return t;
        return std::nullopt;
    }

    CohortLink cohort_link(const YAML::Node &node) const {
        in_.keys(node, {"lever", "expression", "share"}, "a line's 'cohort'");
        CohortLink link;
        link.lever = text(node, "lever");
        link.expression = text(node, "expression");
        if (link.lever.empty() == link.expression.empty()) in_.fail(node, "a 'cohort' has either a 'lever' or an 'expression'");
        if (node["share"]) link.share = percent(node["share"], "'share'");
        return link;
    }

    RiskRange risk_range(const YAML::Node &node) const {
        if (!node.IsMap()) in_.fail(node, "'risk' maps inputs to [low, high] ranges");
        in_.keys(node, {"people", "rate", "confidence", "attrition", "slip_months"}, "a line's 'risk'");
        RiskRange r;
        const auto pct = [&](const YAML::Node &n) { return percent(n, "a percentage"); };
        if (node["people"]) r.people = range(node["people"], "'people'", [&](const YAML::Node &n) { return in_.scaled(n, 2, "a number of people"); });
        if (node["rate"]) r.rate = range(node["rate"], "'rate'", [&](const YAML::Node &n) { return money(n, "an amount"); });
        if (node["confidence"]) r.confidence = range(node["confidence"], "'confidence'", pct);
        if (node["attrition"]) r.attrition = range(node["attrition"], "'attrition'", pct);
        if (node["slip_months"]) {
            r.slip_months = node["slip_months"].as<int>(-1);
            if (r.slip_months < 0 || r.slip_months > 24) in_.fail(node["slip_months"], "'slip_months' must be 0 to 24");
        }
        return r;
    }

    io::YamlFields in_;
};

BusinessCase CaseReader::read(const YAML::Node &root) const {
    if (!root.IsMap()) in_.fail(root, "a business case is a mapping with 'id', 'title', 'first_year' and 'options'");
    in_.keys(root,
             {"id", "title", "status", "category", "delivery_risk", "directorate", "service", "senior_responsible_officer",
              "executive_director", "cabinet_member", "how_achieved", "staff_impact", "first_year", "years", "weeks_per_year",
              "headline", "cohorts", "sections", "options", "risks", "milestones", "consultation", "equality", "eia_required",
              "staffing_fte"},
             "a business case");
    BusinessCase c;
    c.id = text(root, "id", true);
    c.title = text(root, "title", true);
    if (root["status"]) c.status = named(root["status"], parse_status, "'status'", "draft, submitted, in_review, agreed_in_principle, approved, rejected or withdrawn");
    if (root["category"]) c.category = named(root["category"], parse_category, "'category'", "efficiency, growth_avoidance, service_redesign or income");
    if (root["delivery_risk"]) c.delivery_risk = named(root["delivery_risk"], parse_rating, "'delivery_risk'", "H, M or L");
    c.directorate = text(root, "directorate");
    c.service = text(root, "service");
    c.senior_responsible_officer = text(root, "senior_responsible_officer");
    c.executive_director = text(root, "executive_director");
    c.cabinet_member = text(root, "cabinet_member");
    c.how_achieved = text(root, "how_achieved");
    c.staff_impact = text(root, "staff_impact");
    c.first_year = year(root["first_year"], "'first_year'");
    if (root["years"]) {
        c.years = root["years"].as<int>(0);
        if (c.years < 1 || c.years > 10) in_.fail(root["years"], "'years' must be a whole number of financial years, 1 to 10");
    }
    if (const auto w = root["weeks_per_year"]) {
        const auto weeks = WeeksPerYear::parse(w.Scalar());
        if (!weeks) in_.fail(w, "'weeks_per_year' must be 52, 52.14, 52.143 or 365/7");
        c.weeks = *weeks;
    }
    if (root["headline"]) c.headline = stated_figure(root["headline"]);
    for (const auto &item : sequence(root, "cohorts")) c.cohorts.push_back(item.Scalar());
    if (const auto sections = root["sections"]) read_sections(sections, c);
    const auto options = root["options"];
    if (!options || !options.IsSequence() || options.size() == 0)
        in_.fail(root, "'options' must list at least one delivery option, each with its financial 'lines'");
    for (const auto &o : options) c.options.push_back(option(o, c));
    for (const auto &r : sequence(root, "risks")) {
        in_.keys(r, {"title", "likelihood", "impact", "mitigation"}, "a risk");
        c.risks.push_back({text(r, "title", true), optional_rating(r, "likelihood"), optional_rating(r, "impact"), text(r, "mitigation")});
    }
    for (const auto &m : sequence(root, "milestones")) {
        in_.keys(m, {"what", "when"}, "a milestone");
        c.milestones.push_back({text(m, "what", true), text(m, "when")});
    }
    if (const auto consult = root["consultation"]) {
        in_.keys(consult, {"required", "with"}, "'consultation'");
        c.consultation_required = flag(consult, "required");
        for (const auto &w : sequence(consult, "with")) {
            in_.keys(w, {"with", "start", "end"}, "a consultation");
            c.consultation.push_back({text(w, "with", true), text(w, "start"), text(w, "end")});
        }
    }
    if (const auto eq = root["equality"]) read_equality(eq, c);
    if (root["eia_required"]) c.eia_required = flag(root, "eia_required");
    if (const auto fte = root["staffing_fte"]) {
        if (!fte.IsMap()) in_.fail(fte, "'staffing_fte' maps financial years to the change in FTE, e.g. {2023/24: -2}");
        for (const auto &kv : fte)
            c.staffing_fte.emplace_back(year(kv.first, "a 'staffing_fte' year"), signed_scaled(kv.second, 2, "an FTE change"));
    }
    return c;
}

} // namespace

BusinessCase read_case(std::string_view text, const std::string &path) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) { return CaseReader(path).read(root); });
}

BusinessCase read_case_file(const std::string &path) {
    return read_case(io::read_text_file(path, "the business case"), path);
}

} // namespace ascent::cases
