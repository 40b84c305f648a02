// Business cases and the budget proposals table as report documents (HTML and PDF).
#include <fmt/format.h>

#include <fstream>

#include "app/case_reports.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "evidence/library.hpp"
#include "io/text_file.hpp"

namespace ascent::app {

namespace {

std::string pounds(int64_t pence) { return format_pounds(Money::from_pence(pence)); }
std::string thousands(int64_t pence) { return format_thousands(Money::from_pence(pence), 1); }

report::Table financial_table(const cases::Profile &p) {
    report::Table t;
    t.header = {"£ (to the nearest £1; exact figures in the profile)"};
    for (std::size_t y = 0; y < p.years(); ++y) t.header.push_back(p.year(y).label());
    t.header.push_back("Full year");
    t.numeric.assign(t.header.size(), true);
    t.numeric[0] = false;
    t.widths.assign(t.header.size(), 1.0);
    t.widths[0] = 3.0;
    const auto add = [&](std::string label, const std::vector<int64_t> &values, std::optional<int64_t> full_year, bool bold) {
        std::vector<std::string> cells{std::move(label)};
        for (const auto v : values) cells.push_back(pounds(v));
        cells.push_back(full_year ? pounds(*full_year) : "");
        t.rows.push_back(std::move(cells));
        t.bold_rows.push_back(bold);
    };
    for (const auto &l : p.lines) add(fmt::format("{} ({})", l.name, cases::to_string(l.type)), l.in_year, l.full_year, false);
    const auto any = [](const std::vector<int64_t> &v) { return std::any_of(v.begin(), v.end(), [](int64_t x) { return x != 0; }); };
    if (any(p.gross)) add("Gross savings", p.gross, std::nullopt, true);
    if (any(p.income)) add("Income", p.income, std::nullopt, true);
    if (any(p.reinvestment)) add("Less reinvestment", p.reinvestment, std::nullopt, false);
    if (any(p.investment)) add("Less investment (invest to save)", p.investment, std::nullopt, false);
    add("Net saving, in-year", p.net, p.full_year_effect, true);
    add("Net saving, incremental", cases::Profile::incremental(p.net), std::nullopt, false);
    if (any(p.investment_elsewhere)) add("Investment funded elsewhere", p.investment_elsewhere, std::nullopt, false);
    return t;
}

report::BarChart profile_chart(const cases::Profile &p) {
    report::BarChart chart{fmt::format("Net saving by financial year, £000 ({})", p.option), {}, {"In-year", "Incremental"}, {{}, {}}, {{}, {}}, {}};
    const auto incremental = cases::Profile::incremental(p.net);
    for (std::size_t y = 0; y < p.years(); ++y) {
        chart.categories.push_back(p.year(y).label());
        chart.values[0].push_back(static_cast<double>(p.net[y]) / 100'000.0);
        chart.values[1].push_back(static_cast<double>(incremental[y]) / 100'000.0);
        chart.labels[0].push_back(thousands(p.net[y]));
        chart.labels[1].push_back(thousands(incremental[y]));
    }
    return chart;
}

} // namespace

report::Document case_document(const cases::BusinessCase &c, const std::vector<cases::Profile> &profiles,
                               const std::vector<cases::Check> &checks) {
    report::Document doc;
    doc.title = c.id + " " + c.title;
    doc.footer = fmt::format("{} · {} · made by ascent from the case's inputs", c.id, cases::to_string(c.status));
    auto &b = doc.blocks;
    b.emplace_back(report::Heading{doc.title, 1});
    report::Table details{{"", ""}, {}, {false, false}, {}, {1, 3}};
    for (const auto &[label, value] : cases::details_of(c)) details.rows.push_back({label, value});
    details.rows.push_back({"Conventions", "financial years 1 April to 31 March; each figure exact until one rounding, half-up, to the penny"});
    b.emplace_back(std::move(details));
    for (const auto &[key, heading] : cases::k_sections)
        if (const auto *text = c.section(key)) {
            b.emplace_back(report::Heading{std::string(heading), 2});
            b.emplace_back(report::Paragraph{*text});
        }
    b.emplace_back(report::Heading{"Delivery options and financial tables", 2});
    for (std::size_t i = 0; i < profiles.size(); ++i) {
        b.emplace_back(report::Heading{c.options[i].name + (c.options[i].preferred ? " (preferred)" : ""), 3});
        if (!c.options[i].description.empty()) b.emplace_back(report::Paragraph{c.options[i].description});
        b.emplace_back(financial_table(profiles[i]));
        std::string workings;
        for (const auto &l : profiles[i].lines) workings += "- " + l.name + ": " + l.workings + "\n";
        b.emplace_back(report::Paragraph{workings});
    }
    const auto &preferred = c.preferred();
    const auto index = static_cast<std::size_t>(&preferred - c.options.data());
    b.emplace_back(profile_chart(profiles[index]));
    if (!checks.empty()) {
        b.emplace_back(report::Heading{"Stated figures checked", 2});
        report::Table t{{"", "Check"}, {}, {false, false}, {}, {1.6, 12}};
        for (const auto &k : checks) {
            t.rows.push_back({k.agrees ? "agrees" : "DIFFERS", cases::describe(k)});
            t.bold_rows.push_back(!k.agrees);
        }
        b.emplace_back(std::move(t));
    }
    // What other councils saved with the levers the case draws on (the evidence library).
    const auto library = evidence::built_in_library();
    report::Table found{{"Council", "Saved", "Lever", "What the annex says", "Line"}, {}, {false, true, false, false, true}, {}, {2, 1, 1.4, 7, 0.6}};
    for (const auto &lever : c.cohorts)
        for (const auto &m : evidence::search(library, {lever, "", "", "", "saving"}))
            found.rows.push_back({m.council->name, m.item->amount_text, lever, m.item->quote, std::to_string(m.item->line)});
    if (!found.rows.empty()) {
        b.emplace_back(report::Heading{"Evidence from other councils", 2});
        b.emplace_back(report::Paragraph{library.source + "; levers assigned by keyword, figures and words as printed."});
        b.emplace_back(std::move(found));
    }
    if (!c.risks.empty()) {
        b.emplace_back(report::Heading{"Risks", 2});
        report::Table t{{"Risk", "Likelihood", "Impact", "Mitigation"}, {}, {false, false, false, false}, {}, {4, 1, 1, 4}};
        for (const auto &r : c.risks)
            t.rows.push_back({r.title, r.likelihood ? std::string(cases::letter_of(*r.likelihood)) : "-",
                              r.impact ? std::string(cases::letter_of(*r.impact)) : "-", r.mitigation});
        b.emplace_back(std::move(t));
    }
    if (!c.milestones.empty()) {
        b.emplace_back(report::Heading{"Milestones", 2});
        report::Table t{{"Milestone", "When"}, {}, {false, false}, {}, {4, 1}};
        for (const auto &m : c.milestones) t.rows.push_back({m.what, m.when});
        b.emplace_back(std::move(t));
    }
    b.emplace_back(report::Heading{"Consultation and equality impact", 2});
    std::string consultation = fmt::format("Consultation required: {}\n", c.consultation_required ? "yes" : "no");
    for (const auto &w : c.consultation) consultation += fmt::format("- {} {} {}\n", w.with, w.start, w.end);
    b.emplace_back(report::Paragraph{consultation});
    report::Table equality{{"Possible disproportionate or adverse impact on", ""}, {}, {false, false}, {}, {6, 1}};
    for (std::size_t g = 0; g < cases::k_equality_groups.size(); ++g)
        equality.rows.push_back({std::string(cases::equality_title(g)), c.equality[g] ? "x" : ""});
    b.emplace_back(std::move(equality));
    if (c.eia_required) b.emplace_back(report::Paragraph{fmt::format("EIA required: {}", *c.eia_required ? "yes" : "no")});
    return doc;
}

report::Document budget_table_document(const cases::BudgetTable &table) {
    report::Document doc;
    doc.title = table.name;
    doc.footer = table.name + " · £000 · made by ascent";
    doc.landscape = true;
    doc.blocks.emplace_back(report::Heading{table.name, 1});
    report::Table t;
    t.header = {"Savings Title", "How to be achieved"};
    for (const auto &fy : table.years) t.header.push_back(fy.label().substr(2) + " Saving £000");
    t.header.push_back(fmt::format("{} year Savings Total", table.years.size()));
    for (const char *h : {"Risk (H/M/L)", "Impacts on staff", "Impacts on property / assets", "Impacts to service delivery"}) t.header.emplace_back(h);
    t.numeric.assign(t.header.size(), false);
    t.widths.assign(t.header.size(), 1.0);
    t.widths[0] = 2.2;
    t.widths[1] = 4.0;
    t.widths.back() = 4.0;
    for (std::size_t y = 0; y <= table.years.size(); ++y) t.numeric[2 + y] = true;
    const auto figures = [&](std::vector<std::string> &cells, const std::vector<int64_t> &years) {
        int64_t total = 0;
        for (const auto v : years) {
            cells.push_back(cases::thousands_figure(v));
            total += v;
        }
        cells.push_back(cases::thousands_figure(total));
    };
    cases::walk(table, {
        [&](cases::BudgetLevel, const std::string &name) {
            t.rows.push_back({name});
            t.rows.back().resize(t.header.size());
            t.bold_rows.push_back(true);
        },
        [&](const cases::BudgetRow &r) {
            std::vector<std::string> cells{r.title, r.how_achieved};
            figures(cells, r.years);
            for (const auto &s : {std::string(cases::letter_of(r.risk)), r.staff, r.property, r.service_delivery}) cells.push_back(s);
            t.rows.push_back(std::move(cells));
            t.bold_rows.push_back(false);
        },
        [&](cases::BudgetLevel level, const std::string &name, const std::vector<int64_t> &sums, std::size_t, std::size_t) {
            std::vector<std::string> cells{(level == cases::BudgetLevel::directorate ? "TOTAL " : "Sub Total - ") + name, ""};
            figures(cells, sums);
            cells.resize(t.header.size());
            t.rows.push_back(std::move(cells));
            t.bold_rows.push_back(true);
        },
    });
    doc.blocks.emplace_back(std::move(t));
    return doc;
}

report::Document programme_document(const cases::Programme &programme, const cases::BudgetTable &table) {
    report::Document doc;
    doc.title = programme.name;
    doc.footer = programme.name + " · net savings, incremental basis · made by ascent";
    doc.landscape = true;
    doc.blocks.emplace_back(report::Heading{programme.name, 1});
    doc.blocks.emplace_back(report::Paragraph{"Each case's preferred option, net of reinvestment and invest-to-save, on the incremental "
                                              "basis (the change on the year before), in £000."});
    report::Table t{{"Case", "Title", "Category"}, {}, {false, false, false}, {}, {1, 4, 1.4}};
    for (const auto &fy : table.years) {
        t.header.push_back(fy.label());
        t.numeric.push_back(true);
        t.widths.push_back(1);
    }
    t.header.push_back("Total");
    t.numeric.push_back(true);
    t.widths.push_back(1);
    const auto add = [&](std::vector<std::string> cells, const std::vector<int64_t> &years, bool bold) {
        int64_t total = 0;
        for (const auto v : years) {
            cells.push_back(thousands(v));
            total += v;
        }
        cells.push_back(thousands(total));
        t.rows.push_back(std::move(cells));
        t.bold_rows.push_back(bold);
    };
    for (const auto &r : table.rows) add({r.id, r.title, std::string(cases::title_of(r.category))}, r.years, false);
    const auto all = cases::total_by_year(table);
    add({"Programme", "", ""}, all, true);
    for (const auto &[category, sums] : cases::by_category(table)) add({"", std::string(cases::title_of(category)), ""}, sums, false);
    doc.blocks.emplace_back(std::move(t));
    report::BarChart chart{"Programme net saving by financial year, £000", {}, {"In-year", "Incremental"}, {{}, {}}, {{}, {}}, {}};
    int64_t in_year = 0;
    for (std::size_t y = 0; y < all.size(); ++y) {
        in_year += all[y];
        chart.categories.push_back(table.years[y].label());
        chart.values[0].push_back(static_cast<double>(in_year) / 100'000.0);
        chart.values[1].push_back(static_cast<double>(all[y]) / 100'000.0);
        chart.labels[0].push_back(thousands(in_year));
        chart.labels[1].push_back(thousands(all[y]));
    }
    doc.blocks.emplace_back(std::move(chart));
    if (!programme.targets.empty()) {
        doc.blocks.emplace_back(report::Heading{"Against the targets", 2});
        report::Table targets{{"Year", "Target", "Planned (in-year)", "Surplus or gap"}, {}, {false, true, true, true}, {}, {}};
        for (const auto &[fy, target] : programme.targets) {
            int64_t planned = 0;
            for (std::size_t y = 0; y < table.years.size() && table.years[y] <= fy; ++y) planned += all[y];
            targets.rows.push_back({fy.label(), pounds(target), pounds(planned), pounds(planned - target)});
        }
        doc.blocks.emplace_back(std::move(targets));
    }
    return doc;
}

void write_document(const report::Document &doc, const std::string &path) {
    if (path.ends_with(".pdf")) {
        report::write_pdf(doc, path);
        return;
    }
    if (!path.ends_with(".html")) throw input_error(path + ": write a .html or .pdf file");
    std::ofstream out(path, std::ios::binary);
    if (!(out << report::to_html(doc))) throw input_error(path + ": cannot write");
}

std::string document_html(const report::Document &doc) { return report::to_html(doc); }

std::string read_file(const std::string &path, std::string_view what) { return io::read_text_file(path, std::string(what)); }

} // namespace ascent::app
