// Business cases back to YAML or JSON, field for field what case_reader reads, so a case built or
// changed by ascent can be saved, edited by hand and read again.
#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include "cases/business_case.hpp"
#include "core/money.hpp"

namespace ascent::cases {

namespace {

// A scaled whole number as a decimal with trailing zeros dropped: (766104, 4) → "76.6104".
std::string decimal(int64_t scaled, int decimals) {
    const bool negative = scaled < 0;
    const int64_t magnitude = negative ? -scaled : scaled;
    int64_t unit = 1;
    for (int i = 0; i < decimals; ++i) unit *= 10;
    std::string s = fmt::format("{}{}", negative ? "-" : "", magnitude / unit);
    if (decimals > 0 && magnitude % unit != 0) {
        std::string fraction = fmt::format("{:0{}}", magnitude % unit, decimals);
        while (fraction.back() == '0') fraction.pop_back();
        s += "." + fraction;
    }
    return s;
}

std::string pounds(int64_t pence) { return decimal(pence, 2); }
std::string percent(int64_t ppm) { return decimal(ppm, 4) + "%"; }

YAML::Node stated(const StatedFigure &f) {
    YAML::Node n;
    n["amount"] = f.amount.text;
    if (const auto implied = parse_stated(f.amount.text); !implied || implied->unit != f.amount.unit)
        n["to_nearest"] = pounds(f.amount.unit);
    if (f.year) n["year"] = f.year->label();
    n["basis"] = std::string(to_string(f.basis));
    if (f.of != "net") n["of"] = f.of;
    return n;
}

YAML::Node pair_of(const std::pair<int64_t, int64_t> &range, auto format) {
    YAML::Node n;
    n.push_back(format(range.first));
    n.push_back(format(range.second));
    return n;
}

YAML::Node line_node(const Line &l, const BusinessCase &c) {
    YAML::Node n;
    n["name"] = l.name;
    n["kind"] = std::string(to_string(l.kind));
    if (l.type != LineType::saving) n["type"] = std::string(to_string(l.type));
    switch (l.kind) {
    case LineKind::annual: n["amount"] = pounds(l.amount); break;
    case LineKind::weekly:
        if (l.amount != 0 || !l.cohort) n["rate"] = pounds(l.amount);
        if (!l.cohort || l.people != 100) n["people"] = decimal(l.people, 2);
        if (l.weeks) n["weeks"] = decimal(l.weeks->num, 3);
        break;
    case LineKind::capacity: {
        YAML::Node cap, years;
        for (const auto &y : l.capacity.years) {
            YAML::Node row;
            row["assessments"] = decimal(y.assessments, 2);
            row["increase"] = decimal(y.increase, 4);
            row["likelihood"] = decimal(y.likelihood, 4) + "%";
            years.push_back(row);
        }
        cap["years"] = years;
        if (l.capacity.officer_cost > 0) cap["officer_cost"] = pounds(l.capacity.officer_cost);
        if (l.capacity_income_years != 1) cap["income_years"] = l.capacity_income_years;
        n["capacity"] = cap;
        break;
    }
    case LineKind::explicit_years: {
        YAML::Node years;
        FinancialYear fy = c.first_year;
        for (const auto pence : l.years) {
            years[fy.label()] = pounds(pence);
            fy = fy.next();
        }
        n["years"] = years;
        break;
    }
    }
    if (l.start) n["start"] = l.start->iso();
    if (l.phasing == Phasing::even) n["phasing"] = "even";
    if (l.part_year == PartYear::days) n["part_year"] = "days";
    if (l.confidence != k_ppm) n["confidence"] = percent(l.confidence);
    for (const auto a : l.attrition) n["attrition"].push_back(percent(a));
    if (l.decay != 0) n["decay"] = percent(l.decay);
    if (l.lasts != 0) n["lasts"] = l.lasts;
    if (l.one_off) n["one_off"] = true;
    if (!l.funded_by.empty()) n["funded_by"] = l.funded_by;
    if (l.cohort) {
        YAML::Node cohort;
        if (!l.cohort->lever.empty()) cohort["lever"] = l.cohort->lever;
        if (!l.cohort->expression.empty()) cohort["expression"] = l.cohort->expression;
        if (l.cohort->share != 0) cohort["share"] = percent(l.cohort->share);
        n["cohort"] = cohort;
    }
    if (l.risk.any()) {
        YAML::Node r;
        if (l.risk.people) r["people"] = pair_of(*l.risk.people, [](int64_t v) { return decimal(v, 2); });
        if (l.risk.rate) r["rate"] = pair_of(*l.risk.rate, pounds);
        if (l.risk.confidence) r["confidence"] = pair_of(*l.risk.confidence, percent);
        if (l.risk.attrition) r["attrition"] = pair_of(*l.risk.attrition, percent);
        if (l.risk.slip_months > 0) r["slip_months"] = l.risk.slip_months;
        n["risk"] = r;
    }
    if (l.stated_weekly) n["stated_weekly"] = l.stated_weekly->text;
    if (l.stated_annual) n["stated_annual"] = l.stated_annual->text;
    return n;
}

YAML::Node case_node(const BusinessCase &c) {
    YAML::Node n;
    const auto put = [&](const char *key, const std::string &value) {
        if (!value.empty()) n[key] = value;
    };
    n["id"] = c.id;
    n["title"] = c.title;
    n["status"] = std::string(to_string(c.status));
    n["category"] = std::string(to_string(c.category));
    put("directorate", c.directorate);
    put("service", c.service);
    put("senior_responsible_officer", c.senior_responsible_officer);
    put("executive_director", c.executive_director);
    put("cabinet_member", c.cabinet_member);
    put("how_achieved", c.how_achieved);
    n["delivery_risk"] = std::string(letter_of(c.delivery_risk));
    put("staff_impact", c.staff_impact);
    n["first_year"] = c.first_year.label();
    n["years"] = c.years;
    n["weeks_per_year"] = std::string(c.weeks.name);
    if (c.headline) n["headline"] = stated(*c.headline);
    for (const auto &cohort : c.cohorts) n["cohorts"].push_back(cohort);
    for (const auto &[key, text] : c.sections) n["sections"][key] = text;
    for (const auto &o : c.options) {
        YAML::Node option;
        option["name"] = o.name;
        if (!o.description.empty()) option["description"] = o.description;
        if (o.preferred) option["preferred"] = true;
        for (const auto &l : o.lines) option["lines"].push_back(line_node(l, c));
        for (const auto &s : o.stated) option["stated"].push_back(stated(s));
        n["options"].push_back(option);
    }
    for (const auto &r : c.risks) {
        YAML::Node risk;
        risk["title"] = r.title;
        if (r.likelihood) risk["likelihood"] = std::string(letter_of(*r.likelihood));
        if (r.impact) risk["impact"] = std::string(letter_of(*r.impact));
        if (!r.mitigation.empty()) risk["mitigation"] = r.mitigation;
        n["risks"].push_back(risk);
    }
    for (const auto &m : c.milestones) {
        YAML::Node milestone;
        milestone["what"] = m.what;
        if (!m.when.empty()) milestone["when"] = m.when;
        n["milestones"].push_back(milestone);
    }
    if (c.consultation_required || !c.consultation.empty()) {
        n["consultation"]["required"] = c.consultation_required;
        for (const auto &w : c.consultation) {
            YAML::Node with;
            with["with"] = w.with;
            if (!w.start.empty()) with["start"] = w.start;
            if (!w.end.empty()) with["end"] = w.end;
            n["consultation"]["with"].push_back(with);
        }
    }
    for (std::size_t g = 0; g < k_equality_groups.size(); ++g)
        if (c.equality[g]) n["equality"][std::string(k_equality_groups[g])] = true;
    if (c.eia_required) n["eia_required"] = *c.eia_required;
    for (const auto &[fy, fte] : c.staffing_fte) n["staffing_fte"][fy.label()] = decimal(fte, 2);
    return n;
}

std::string emit(const BusinessCase &c, bool json) {
    YAML::Emitter out;
    if (json) {
        out.SetMapFormat(YAML::Flow);
        out.SetSeqFormat(YAML::Flow);
        out.SetStringFormat(YAML::DoubleQuoted);
    }
    out << case_node(c);
    return std::string(out.c_str()) + "\n";
}

} // namespace

std::string write_case_yaml(const BusinessCase &c) { return emit(c, false); }
std::string write_case_json(const BusinessCase &c) { return emit(c, true); }

} // namespace ascent::cases
