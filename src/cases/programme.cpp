#include "cases/programme.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/error.hpp"
#include "core/money.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::cases {

namespace {

class ProgrammeReader {
public:
    explicit ProgrammeReader(const std::string &path) : in_(path) {}

    Programme read(const YAML::Node &root) {
        if (!root.IsMap() || !root["name"] || !root["first_year"])
            in_.fail(root, "a programme is a mapping with 'name', 'first_year', and 'cases' (files) or budget 'lines'");
        in_.keys(root, {"name", "first_year", "years", "in_thousands", "cases", "lines", "stated", "targets"}, "a programme");
        Programme p;
        p.name = root["name"].Scalar();
        const auto first = FinancialYear::parse(root["first_year"].Scalar());
        if (!first) in_.fail(root["first_year"], "'first_year' must be a financial year such as 2017/18");
        p.first_year = *first;
        if (root["years"]) p.years = root["years"].as<int>(3);
        if (p.years < 1 || p.years > 10) in_.fail(root["years"], "'years' must be 1 to 10");
        scale_ = root["in_thousands"] && root["in_thousands"].as<bool>(false) ? 1'000 : 1;
        const auto directory = std::filesystem::path(in_.path()).parent_path();
        if (const auto files = root["cases"]) {
            if (!files.IsSequence()) in_.fail(files, "'cases' must list case files");
            for (const auto &f : files) {
                p.cases.push_back(read_case_file((directory / f.Scalar()).string()));
                p.stated_totals.emplace_back();
            }
        }
        if (const auto lines = root["lines"]) {
            if (!lines.IsSequence()) in_.fail(lines, "'lines' must list budget lines");
            for (const auto &l : lines) add_line(l, p);
        }
        if (p.cases.empty()) in_.fail(root, "the programme has no cases and no budget lines");
        if (const auto stated = root["stated"])
            for (const auto &s : stated) p.stated.push_back(subtotal_of(s, p.years));
        if (const auto targets = root["targets"])
            for (const auto &kv : targets) {
                const auto fy = FinancialYear::parse(kv.first.Scalar());
                if (!fy) in_.fail(kv.first, "a target's year must be a financial year such as 2018/19");
                p.targets.emplace_back(*fy, amount(kv.second, "a target").pence);
            }
        return p;
    }

private:
    StatedAmount amount(const YAML::Node &node, const std::string &what) const {
        auto a = node && node.IsScalar() ? parse_stated(node.Scalar()) : std::nullopt;
        if (!a) in_.fail(node, what + " must be an amount such as 62.5 or £1,234");
        // £000 tables: "62.5" is £62,500, written to the £100.
        if (a->text.find_first_of("Kkm") == std::string::npos) {
            a->pence *= scale_;
            a->unit *= scale_;
        }
        return *a;
    }

    std::string text(const YAML::Node &node, const char *key) const { return node[key] ? node[key].Scalar() : std::string(); }

    void add_line(const YAML::Node &l, Programme &p) const {
        in_.keys(l,
                 {"title", "id", "how_achieved", "directorate", "service", "category", "delivery_risk", "staff_impact",
                  "impact_property", "impact_service_delivery", "years", "stated_total"},
                 "a budget line");
        BusinessCase c;
        c.title = text(l, "title");
        if (c.title.empty()) in_.fail(l, "each budget line needs a 'title'");
        c.id = l["id"] ? l["id"].Scalar() : fmt::format("L{:02}", p.cases.size() + 1);
        c.how_achieved = text(l, "how_achieved");
        c.directorate = text(l, "directorate");
        c.service = text(l, "service");
        if (l["category"]) {
            const auto category = parse_category(l["category"].Scalar());
            if (!category) in_.fail(l["category"], "'category' must be efficiency, growth_avoidance, service_redesign or income");
            c.category = *category;
        }
        if (l["delivery_risk"]) {
            const auto risk = parse_rating(l["delivery_risk"].Scalar());
            if (!risk) in_.fail(l["delivery_risk"], "'delivery_risk' must be H, M or L");
            c.delivery_risk = *risk;
        }
        c.staff_impact = text(l, "staff_impact");
        for (const char *key : {"impact_property", "impact_service_delivery"})
            if (l[key]) c.sections.emplace_back(key, l[key].Scalar());
        c.first_year = p.first_year;
        c.years = p.years;
        c.status = Status::submitted;
        const auto years = l["years"];
        if (!years || !years.IsSequence() || static_cast<int>(years.size()) != p.years)
            in_.fail(l, fmt::format("budget line '{}' needs 'years': one saving for each of the programme's {} years", c.title, p.years));
        // Savings by year are incremental; the profile holds what falls in each year.
        Line line;
        line.name = c.title;
        line.kind = LineKind::explicit_years;
        int64_t cumulative = 0;
        for (const auto &y : years) line.years.push_back(cumulative += amount(y, "a year's saving").pence);
        c.options.push_back({"As proposed", "", true, {line}, {}});
        p.cases.push_back(std::move(c));
        p.stated_totals.push_back(l["stated_total"] ? std::optional(amount(l["stated_total"], "'stated_total'")) : std::nullopt);
    }

    StatedSubtotal subtotal_of(const YAML::Node &s, int years) const {
        in_.keys(s, {"directorate", "service", "category", "years", "total"}, "a stated subtotal");
        StatedSubtotal out{text(s, "directorate"), text(s, "service"), std::nullopt, {}, std::nullopt};
        if (s["category"]) out.category = parse_category(s["category"].Scalar());
        if (s["category"] && !out.category) in_.fail(s["category"], "unknown 'category'");
        if (s["years"]) {
            if (static_cast<int>(s["years"].size()) != years) in_.fail(s["years"], fmt::format("a subtotal needs {} years", years));
            for (const auto &y : s["years"]) out.years.push_back(amount(y, "a subtotal"));
        }
        if (s["total"]) out.total = amount(s["total"], "'total'");
        return out;
    }

    io::YamlFields in_;
    int64_t scale_ = 1;
};

std::string group_name(const StatedSubtotal &s) {
    std::string name = s.directorate;
    if (!s.service.empty()) name += " / " + s.service;
    if (s.category) name += " / " + std::string(title_of(*s.category));
    return name;
}

} // namespace

Programme read_programme(std::string_view text, const std::string &path) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) { return ProgrammeReader(path).read(root); });
}

Programme read_programme_file(const std::string &path) {
    return read_programme(io::read_text_file(path, "the programme"), path);
}

Programme programme_of(std::vector<BusinessCase> cases, int years) {
    Programme p;
    p.name = "Savings programme";
    p.years = years;
    p.first_year = cases.front().first_year;
    for (const auto &c : cases) p.first_year = std::min(p.first_year, c.first_year);
    p.stated_totals.resize(cases.size());
    p.cases = std::move(cases);
    return p;
}

BudgetTable budget_table(const Programme &programme, const CohortLookup &cohorts) {
    BudgetTable t;
    t.name = programme.name;
    for (int y = 0; y < programme.years; ++y) t.years.emplace_back(programme.first_year.start_year() + y);
    for (const auto &c : programme.cases) {
        BudgetRow row{c.id, c.title, c.how_achieved, c.directorate, c.service, c.category, {}, 0, c.delivery_risk, c.staff_impact, {}, {}};
        if (const auto *s = c.section("impact_property")) row.property = *s;
        if (const auto *s = c.section("impact_service_delivery")) row.service_delivery = *s;
        // In-year net from the year before the programme (so its first year's change is known).
        const FinancialYear before_first(programme.first_year.start_year() - 1);
        std::vector<int64_t> in_year(t.years.size() + 1, 0);
        for (const auto &line : c.preferred().lines) {
            const auto figures = aligned(c, line, profile_line(c, line, cohorts), before_first, programme.years + 1);
            for (std::size_t y = 0; y < in_year.size(); ++y) in_year[y] += sign_of(line) * figures[y];
        }
        for (std::size_t y = 1; y < in_year.size(); ++y) {
            row.years.push_back(in_year[y] - in_year[y - 1]);
            row.total += row.years.back();
        }
        t.rows.push_back(std::move(row));
    }
    // Group by directorate, then service, in order of first appearance; categories in their order.
    std::vector<std::string> order;
    for (const auto &r : t.rows)
        for (const auto &key : {r.directorate, r.directorate + "\x1f" + r.service})
            if (std::find(order.begin(), order.end(), key) == order.end()) order.push_back(key);
    const auto rank = [&](const std::string &key) { return std::find(order.begin(), order.end(), key) - order.begin(); };
    std::stable_sort(t.rows.begin(), t.rows.end(), [&](const BudgetRow &a, const BudgetRow &b) {
        return std::tuple(rank(a.directorate), rank(a.directorate + "\x1f" + a.service), a.category) <
               std::tuple(rank(b.directorate), rank(b.directorate + "\x1f" + b.service), b.category);
    });
    return t;
}

std::vector<int64_t> subtotal(const BudgetTable &table, const std::string &directorate, const std::string &service,
                              std::optional<Category> category) {
    std::vector<int64_t> sums(table.years.size(), 0);
    for (const auto &r : table.rows)
        if (r.directorate == directorate && (service.empty() || r.service == service) && (!category || r.category == *category))
            for (std::size_t y = 0; y < sums.size(); ++y) sums[y] += r.years[y];
    return sums;
}

std::vector<int64_t> total_by_year(const BudgetTable &table) {
    std::vector<int64_t> sums(table.years.size(), 0);
    for (const auto &r : table.rows)
        for (std::size_t y = 0; y < sums.size(); ++y) sums[y] += r.years[y];
    return sums;
}

std::vector<std::pair<Category, std::vector<int64_t>>> by_category(const BudgetTable &table) {
    std::vector<std::pair<Category, std::vector<int64_t>>> out;
    for (const auto category : {Category::efficiency, Category::growth_avoidance, Category::service_redesign, Category::income}) {
        std::vector<int64_t> sums(table.years.size(), 0);
        bool any = false;
        for (const auto &r : table.rows)
            if (r.category == category) {
                any = true;
                for (std::size_t y = 0; y < sums.size(); ++y) sums[y] += r.years[y];
            }
        if (any) out.emplace_back(category, std::move(sums));
    }
    return out;
}

std::vector<Check> reconcile(const Programme &programme, const BudgetTable &table) {
    std::vector<Check> out;
    const auto check = [&](std::string what, const StatedAmount &stated, int64_t computed) {
        out.push_back(check_stated(std::move(what), stated, computed));
    };
    for (std::size_t i = 0; i < programme.cases.size(); ++i)
        if (programme.stated_totals[i]) {
            const auto &c = programme.cases[i];
            const auto it = std::find_if(table.rows.begin(), table.rows.end(), [&](const BudgetRow &r) { return r.id == c.id; });
            check(fmt::format("'{}': total over the years", c.title), *programme.stated_totals[i], it->total);
        }
    for (const auto &s : programme.stated) {
        const auto sums = subtotal(table, s.directorate, s.service, s.category);
        for (std::size_t y = 0; y < s.years.size(); ++y)
            check(fmt::format("subtotal {}: {}", group_name(s), table.years[y].label()), s.years[y], sums[y]);
        if (s.total) {
            int64_t total = 0;
            for (const auto v : sums) total += v;
            check(fmt::format("subtotal {}: total", group_name(s)), *s.total, total);
        }
    }
    return out;
}

void walk(const BudgetTable &table, const BudgetWalker &walker) {
    const auto &rows = table.rows;
    std::size_t i = 0;
    while (i < rows.size()) {
        const std::string &directorate = rows[i].directorate;
        walker.open(BudgetLevel::directorate, directorate);
        while (i < rows.size() && rows[i].directorate == directorate) {
            const std::string &service = rows[i].service;
            walker.open(BudgetLevel::service, service);
            while (i < rows.size() && rows[i].directorate == directorate && rows[i].service == service) {
                const Category category = rows[i].category;
                walker.open(BudgetLevel::category, std::string(title_of(category)));
                const std::size_t first = i;
                while (i < rows.size() && rows[i].directorate == directorate && rows[i].service == service && rows[i].category == category)
                    walker.row(rows[i++]);
                walker.close(BudgetLevel::category, std::string(title_of(category)), subtotal(table, directorate, service, category), first, i);
            }
            walker.close(BudgetLevel::service, service, subtotal(table, directorate, service, std::nullopt), 0, 0);
        }
        walker.close(BudgetLevel::directorate, directorate, subtotal(table, directorate, "", std::nullopt), 0, 0);
    }
}

} // namespace ascent::cases
