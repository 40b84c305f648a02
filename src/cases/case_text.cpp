#include "cases/case_text.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "core/money.hpp"

namespace ascent::cases {

namespace {

constexpr int k_label = 40;
constexpr int k_column = 15;

std::string money(int64_t pence) { return format_pence(Money::from_pence(pence)); }

std::string row(std::string label, const std::vector<int64_t> &values, std::optional<int64_t> full_year = std::nullopt) {
    if (label.size() > static_cast<std::size_t>(k_label)) label = label.substr(0, k_label - 1) + "…";
    std::string out = fmt::format("{:<{}}", label, k_label);
    for (const auto v : values) out += fmt::format(" {:>{}}", money(v), k_column);
    if (full_year) out += fmt::format(" {:>{}}", money(*full_year), k_column);
    return out + "\n";
}

bool any(const std::vector<int64_t> &values) {
    return std::any_of(values.begin(), values.end(), [](int64_t v) { return v != 0; });
}

} // namespace

std::string format_profiles(const BusinessCase &c, const std::vector<Profile> &profiles, const std::vector<Check> &checks) {
    std::string out = fmt::format("{} {}\nStatus: {} · {} · {}{}\n", c.id, c.title, to_string(c.status), title_of(c.category),
                                  c.service.empty() ? "no service given" : c.service,
                                  c.headline ? " · headline " + c.headline->amount.text : "");
    for (std::size_t i = 0; i < profiles.size(); ++i) {
        const auto &p = profiles[i];
        const auto &o = c.options[i];
        out += fmt::format("\nOption: {}{}\n{:<{}}", o.name, o.preferred ? " (preferred)" : "", "", k_label);
        for (std::size_t y = 0; y < p.years(); ++y) out += fmt::format(" {:>{}}", p.year(y).label(), k_column);
        out += fmt::format(" {:>{}}\n", "Full year", k_column);
        for (const auto &l : p.lines) {
            out += row(fmt::format("{} ({})", l.name, to_string(l.type)), l.in_year, l.full_year);
            out += fmt::format("    {}\n", l.workings);
        }
        out += "\n";
        if (any(p.gross) || !any(p.income)) out += row("Gross savings", p.gross);
        if (any(p.income)) out += row("Income", p.income);
        if (any(p.reinvestment)) out += row("Less reinvestment", p.reinvestment);
        if (any(p.investment)) out += row("Less investment (invest to save)", p.investment);
        out += row("Net, in-year", p.net, p.full_year_effect);
        out += row("Net, incremental", Profile::incremental(p.net));
        if (any(p.investment_elsewhere)) out += row("Investment funded elsewhere", p.investment_elsewhere);
        int64_t total = 0;
        for (const auto v : p.net) total += v;
        out += fmt::format("Net over {}: {}\n", count_of(p.years(), "year", "years"), money(total));
    }
    if (!profiles.empty()) {
        out += "\nConventions:\n";
        for (const auto &convention : profiles.front().conventions) out += "  " + convention + "\n";
    }
    if (!checks.empty()) {
        const auto differ = std::count_if(checks.begin(), checks.end(), [](const Check &k) { return !k.agrees; });
        out += fmt::format("\nStated figures checked: {}, {} differ\n", checks.size(), differ);
        for (const auto &k : checks) out += fmt::format("  {} {}\n", k.agrees ? "ok  " : "WARN", describe(k));
    }
    return out;
}

std::string format_case(const BusinessCase &c) {
    std::string out = fmt::format("{} {}\n", c.id, c.title);
    for (const auto &[label, value] : details_of(c)) out += fmt::format("{:<28} {}\n", label, value);
    for (const auto &[key, heading] : k_sections)
        if (const auto *text = c.section(key)) out += fmt::format("\n{}\n{}\n", heading, *text);
    out += "\nDelivery options\n";
    for (const auto &o : c.options) {
        out += fmt::format("- {}{}{}\n", o.name, o.preferred ? " (preferred)" : "", o.description.empty() ? "" : ": " + o.description);
        for (const auto &l : o.lines) out += fmt::format("    {} {} line: {}\n", to_string(l.kind), to_string(l.type), l.name);
    }
    if (!c.risks.empty()) {
        out += fmt::format("\nRisks\n{:<60} {:>10} {:>7}  {}\n", "Risk", "Likelihood", "Impact", "Mitigation");
        for (const auto &r : c.risks)
            out += fmt::format("{:<60} {:>10} {:>7}  {}\n", r.title, r.likelihood ? letter_of(*r.likelihood) : "-",
                               r.impact ? letter_of(*r.impact) : "-", r.mitigation);
    }
    if (!c.milestones.empty()) {
        out += "\nMilestones\n";
        for (const auto &m : c.milestones) out += fmt::format("- {}{}\n", m.what, m.when.empty() ? "" : " (" + m.when + ")");
    }
    out += fmt::format("\nConsultation required: {}\n", c.consultation_required ? "yes" : "no");
    for (const auto &w : c.consultation) out += fmt::format("- {} {} {}\n", w.with, w.start, w.end);
    out += "\nEquality impact: possible disproportionate or adverse impact on\n";
    for (std::size_t g = 0; g < k_equality_groups.size(); ++g)
        out += fmt::format("  [{}] {}\n", c.equality[g] ? "x" : " ", equality_title(g));
    if (c.eia_required) out += fmt::format("EIA required: {}\n", *c.eia_required ? "yes" : "no");
    if (!c.staffing_fte.empty()) {
        out += "\nStaffing change (FTE):";
        for (const auto &[fy, fte] : c.staffing_fte)
            out += fmt::format(" {} {}{}.{:02}", fy.label(), fte < 0 ? "-" : "", std::abs(fte) / 100, std::abs(fte) % 100);
        out += "\n";
    }
    return out;
}

} // namespace ascent::cases
