#include <fmt/format.h>

#include "app/council.hpp"

namespace ascent::app {

namespace {

std::string row(std::string_view label, int64_t people, Money weekly) {
    return fmt::format("  {:<58} {:>9} {:>16}\n", label, group_thousands(people), format_pence(weekly));
}

} // namespace

std::string format_summary(const LedgerSummary &s, const std::vector<store::ImportRecord> &imports,
                           const Conventions &conventions) {
    std::string out;
    out += fmt::format("Care ledger as at {}\n", s.as_at.uk());
    out += fmt::format("  Conventions: {}\n", format_conventions(conventions));
    out += fmt::format("  People in the ledger {}; supported on {} (an open service line) {}\n",
                       group_thousands(s.people_in_ledger), s.as_at.uk(), group_thousands(s.people_supported));
    out += fmt::format("  Service lines {}; open {}\n", group_thousands(s.lines_in_ledger), group_thousands(s.lines_open));
    out += fmt::format("  Gross weekly cost of open lines {}\n", format_pence(s.weekly_gross));
    out += fmt::format("  Gross annual cost {} ({} × {} weeks, rounded half-up once)\n", format_pence(s.annual_gross),
                       format_pence(s.weekly_gross), s.weeks.name);
    if (s.people_supported > 0)
        out += fmt::format("  People with a direct payment {} ({:.1f}% of people supported)\n",
                           group_thousands(s.people_with_direct_payment),
                           100.0 * static_cast<double>(s.people_with_direct_payment) /
                               static_cast<double>(s.people_supported));
    if (s.people_without_cost > 0)
        out += fmt::format("  Supported with no cost recorded on any open line {}\n", group_thousands(s.people_without_cost));

    out += fmt::format("\nPeople supported by primary support reason and age   {:>9} {:>16}\n", "people", "weekly cost");
    static constexpr std::array<std::string_view, 4> k_ages = {"18-64", "65-79", "80+", "age not known / under 18"};
    for (std::size_t reason = 0; reason < s.by_reason_and_age.size(); ++reason) {
        const auto &ages = s.by_reason_and_age[reason];
        for (std::size_t a = 0; a < ages.size(); ++a) {
            if (ages[a].people == 0) continue;
            const auto name = reason == 0 ? std::string_view("Not recorded") : code_label(CodeField::support_reason, static_cast<Code>(reason));
            out += row(fmt::format("{}, {}", name, k_ages[a]), ages[a].people, ages[a].weekly);
        }
    }
    Tally working_age, older;
    for (const auto &ages : s.by_reason_and_age) {
        working_age.people += ages[0].people;
        working_age.weekly += ages[0].weekly;
        for (std::size_t a : {1u, 2u}) {
            older.people += ages[a].people;
            older.weekly += ages[a].weekly;
        }
    }
    out += row("All aged 18-64", working_age.people, working_age.weekly);
    out += row("All aged 65+", older.people, older.weekly);

    out += fmt::format("\nPeople supported by setting (SALT hierarchy)        {:>9} {:>16}\n", "people", "weekly cost");
    for (std::size_t i = 0; i < s.by_setting.size(); ++i)
        if (s.by_setting[i].people > 0)
            out += row(to_string(static_cast<Setting>(i)), s.by_setting[i].people, s.by_setting[i].weekly);

    out += fmt::format("\nPackages by weekly cost band                          {:>9} {:>16}\n", "people", "weekly cost");
    for (std::size_t b = 0; b < s.by_cost_band.size(); ++b)
        out += row(cost_band_label(b), s.by_cost_band[b].people, s.by_cost_band[b].weekly);

    if (!s.top_providers.empty()) {
        out += fmt::format("\nTop providers by weekly cost                         {:>9} {:>16}\n", "people", "weekly cost");
        for (const auto &p : s.top_providers) out += row(p.name, p.people, p.weekly);
    }
    if (!imports.empty()) {
        out += "\nImports\n";
        for (const auto &i : imports)
            out += fmt::format("  #{} {} {} ({}): {} rows, {} rejected, {} warnings\n", i.id, i.kind, i.file_name,
                               i.kind == "cld" ? "CLD " + i.release : i.source, group_thousands(static_cast<int64_t>(i.rows_read)),
                               i.rows_rejected, i.warnings);
    }
    return out;
}

std::string format_cohort(const CohortResult &c, std::size_t limit) {
    std::string out = fmt::format("Cohort: {}\nAs at {}: {} of {} people; weekly cost in scope {}\n", c.expression,
                                  c.as_at.uk(), group_thousands(c.people),
                                  group_thousands(c.people_tested), format_pence(c.weekly_cost));
    std::size_t shown = 0;
    for (const auto &m : c.members) {
        if (shown++ >= limit) break;
        out += fmt::format("  {:<12} {:>14}", m.person_id, format_pence(m.weekly_cost));
        for (const auto &[field, value] : m.values) out += fmt::format("  {}: {}", field, value);
        out += "\n";
    }
    const auto listed = static_cast<int64_t>(std::min(c.members.size(), limit));
    if (c.people > listed) out += fmt::format("  … and {} more\n", c.people - listed);
    return out;
}

std::string format_report(const io::ImportReport &report, std::size_t max_issues) {
    std::string out = report.to_text(max_issues);
    for (const auto &note : report.notes) out += "  " + note + "\n";
    if (!report.format.empty()) out += "  read as " + report.format + "\n";
    if (!report.release.empty()) out += "  CLD release: " + report.release + "\n";
    return out;
}

std::string format_outcome(const ImportOutcome &outcome, std::size_t max_issues) {
    std::string out = outcome.already_imported || outcome.restored ? "" : format_report(outcome.report, max_issues);
    return out + outcome.message + "\n";
}

} // namespace ascent::app
