// The monthly board pack for a transformation board: delivery against target by case with RAG and
// a chart, the forecast outturn, delivery by service, the largest movements, the high risks of the
// cases, progression plans, and the review team's productivity and backlog. HTML or PDF, from the
// same figures as `ascent delivery` and `ascent progression list`.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/case_reports.hpp"
#include "app/cases.hpp"
#include "core/money.hpp"

namespace ascent::app {

report::Document board_pack(Council &council, WeeksPerYear weeks, delivery::RagRule rule) {
    const auto [d, p] = council.delivery_and_progression(weeks, rule);
    report::Document doc;
    doc.title = fmt::format("Savings delivery board pack, {}", d.as_at.uk());
    doc.footer = doc.title + " · figures from the ledger · made by ascent";
    doc.landscape = true;
    auto &b = doc.blocks;
    b.emplace_back(report::Heading{doc.title, 1});
    int64_t decided = 0, assigned = 0;
    std::map<FinancialYear, std::pair<int64_t, int64_t>> by_year; // net realised, target
    for (const auto &g : d.by_case) {
        decided += g.decided;
        assigned += g.assigned;
        for (const auto &y : g.years) {
            by_year[y.year].first += y.net;
            by_year[y.year].second += y.target.value_or(0);
        }
    }
    std::string years;
    for (const auto &[year, figures] : by_year)
        years += fmt::format("{}{} ({}): {} net against targets of {}", years.empty() ? "" : "; ", year.label(),
                             year < d.year ? "actual" : year == d.year ? "forecast outturn" : "forecast",
                             format_pounds(Money::from_pence(figures.first)), format_pounds(Money::from_pence(figures.second)));
    b.emplace_back(report::Paragraph{fmt::format(
        "The ledger is at {} ({}). Realised savings are read from it: each decided review's weekly cost the day before the change "
        "against now, net of NHS and other councils' shares and the person's contribution (the council's own cost; gross is the whole "
        "package), in-year to 31 March and then the full-year effect at {} weeks in every later year. {} of {} reviews decided. {}. "
        "RAG, for the year each case is due now: green at {}% of target or more, amber at {}% or more.",
        d.as_at.uk(), d.year.label(), weeks.name, decided, assigned,
        years.empty() ? "No decided review belongs to a stored business case yet" : "By year: " + years, rule.green / 10'000,
        rule.amber / 10'000)});
    b.emplace_back(report::Heading{"Delivery against target by case and year", 2});
    report::Table cases_table{{"Case", "Year", "Status", "Target (net)", "Net realised", "Gross", "RAG"},
                              {}, {false, false, false, true, true, true, false}, {}, {2, 1, 1.5, 1.5, 1.5, 1.5, 0.8}};
    report::BarChart chart{"Net realised against target, £000", {}, {"Net realised", "Target"}, {{}, {}}, {{}, {}}, {}};
    for (const auto &g : d.by_case)
        for (const auto &y : g.years) {
            const bool due = y.year.label() == g.rag_year;
            cases_table.rows.push_back({g.key, y.year.label(), y.status, y.target ? format_pounds(Money::from_pence(*y.target)) : "-",
                                        format_pounds(Money::from_pence(y.net)), format_pounds(Money::from_pence(y.gross)),
                                        due && !g.rag.empty() ? g.rag : ""});
            cases_table.bold_rows.push_back(due && g.rag == "red");
            chart.categories.push_back(g.key + " " + y.year.label());
            chart.values[0].push_back(static_cast<double>(y.net) / 100'000.0);
            chart.values[1].push_back(static_cast<double>(y.target.value_or(0)) / 100'000.0);
            chart.labels[0].push_back(format_thousands(Money::from_pence(y.net), 1));
            chart.labels[1].push_back(y.target ? format_thousands(Money::from_pence(*y.target), 1) : "-");
        }
    if (cases_table.rows.empty()) b.emplace_back(report::Paragraph{"No review belongs to a stored business case yet."});
    else b.emplace_back(std::move(cases_table));
    if (!chart.categories.empty()) b.emplace_back(std::move(chart));
    b.emplace_back(report::Heading{"Delivery by service", 2});
    report::Table services{{"Service", "Assigned", "Decided", "Net weekly", "Net in-year", "Net full year", "Gross full year"},
                           {}, {false, true, true, true, true, true, true}, {}, {3, 1, 1, 1.2, 1.5, 1.5, 1.5}};
    for (const auto &g : d.by_service)
        services.rows.push_back({g.key, std::to_string(g.assigned), std::to_string(g.decided), format_pence(Money::from_pence(g.net.weekly)),
                                 format_pounds(Money::from_pence(g.net.in_year)), format_pounds(Money::from_pence(g.net.full_year)),
                                 format_pounds(Money::from_pence(g.gross.full_year))});
    if (services.rows.empty()) b.emplace_back(report::Paragraph{"No reviews assigned yet."});
    else b.emplace_back(std::move(services));
    b.emplace_back(report::Heading{"Largest movements", 2});
    std::vector<const delivery::Realised *> moves;
    for (const auto &r : d.realised) moves.push_back(&r);
    std::sort(moves.begin(), moves.end(), [](const auto *a, const auto *c) { return std::abs(a->net.weekly) > std::abs(c->net.weekly); });
    report::Table movements{{"Person", "Lever", "Case", "Outcome", "Effective", "Net weekly change", "Net full year", "Gross weekly change"}, {},
                            {false, false, false, false, false, true, true, true}, {}, {1.2, 2, 1.2, 1.5, 1, 1.2, 1.2, 1.2}};
    for (std::size_t i = 0; i < std::min<std::size_t>(10, moves.size()); ++i) {
        const auto &x = d.decisions[moves[i]->decision];
        movements.rows.push_back({x.person_id, x.lever, x.case_id, x.outcome, x.effective_from ? x.effective_from->uk() : "-",
                                  format_pence(Money::from_pence(moves[i]->net.weekly)), format_pounds(Money::from_pence(moves[i]->net.full_year)),
                                  format_pence(Money::from_pence(moves[i]->gross.weekly))});
    }
    if (movements.rows.empty()) b.emplace_back(report::Paragraph{"No decided reviews yet."});
    else b.emplace_back(std::move(movements));
    report::Table risks{{"Case", "Risk", "Likelihood", "Impact", "Mitigation"}, {}, {false, false, false, false, false}, {}, {1.2, 4, 1, 1, 4}};
    for (const auto &stored : council.stored_cases()) {
        const auto c = read_stored_case(stored);
        for (const auto &r : c.risks)
            if (r.likelihood == cases::Rating::high || r.impact == cases::Rating::high)
                risks.rows.push_back({c.id, r.title, r.likelihood ? std::string(cases::letter_of(*r.likelihood)) : "-",
                                      r.impact ? std::string(cases::letter_of(*r.impact)) : "-", r.mitigation});
    }
    b.emplace_back(report::Heading{"High risks", 2});
    if (risks.rows.empty()) b.emplace_back(report::Paragraph{"No case has a risk rated high."});
    else b.emplace_back(std::move(risks));
    b.emplace_back(report::Heading{"Progression plans", 2});
    b.emplace_back(report::Paragraph{fmt::format(
        "{} active, {} completed, {} stopped; {} steps overdue. Active plans expect {} a week less support ({} a year at {} weeks); "
        "the ledger shows {} a week less since the plans started.",
        p.active, p.completed, p.stopped, p.overdue_steps, format_pence(Money::from_pence(p.expected_weekly)),
        format_pounds(Money::from_pence(p.sizing.annual)), weeks.name, format_pence(Money::from_pence(p.actual_weekly)))});
    const auto per_hour = [](const delivery::PerHour &h) {
        return h.saving_per_hour ? fmt::format(", {} net full-year saving per review hour", format_pence(Money::from_pence(*h.saving_per_hour))) : "";
    };
    b.emplace_back(report::Heading{"Review team", 2});
    std::string team;
    for (const auto &r : d.reviewers)
        team += fmt::format("- {}: {} completed, {}.{:02} a week, {} days from assignment to decision on average{}\n", r.reviewer, r.completed,
                            r.per_week_hundredths / 100, r.per_week_hundredths % 100, r.mean_days_to_decision, per_hour(r.per_hour));
    team += fmt::format("Backlog: {} not yet decided{}.", d.backlog,
                        d.backlog_clears ? ", clearing by " + d.backlog_clears->uk() + " at the current rate" : "");
    b.emplace_back(report::Paragraph{team});
    return doc;
}

} // namespace ascent::app
