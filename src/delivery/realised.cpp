#include "delivery/realised.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/money.hpp"

namespace ascent::delivery {

namespace {

std::string pounds(int64_t pence) { return format_pounds(Money::from_pence(pence)); }

void add(std::vector<Group> &groups, const std::string &key, const Realised *r) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group &g) { return g.key == key; });
    if (it == groups.end()) {
        groups.push_back({key, 0, 0, 0, 0, 0, std::nullopt, ""});
        it = groups.end() - 1;
    }
    ++it->assigned;
    if (r == nullptr) return;
    ++it->decided;
    it->weekly += r->weekly;
    it->in_year += r->in_year;
    it->full_year += r->full_year;
}

} // namespace

void PerHour::finish() {
    if (hours > 0) saving_per_hour = divide_rounded(static_cast<Int128>(full_year) * 100, hours, RoundingMode::half_up);
}

bool known_outcome(std::string_view outcome) { return std::find(k_outcomes.begin(), k_outcomes.end(), outcome) != k_outcomes.end(); }

Delivery compute_delivery(std::vector<Decision> decisions, const WeeklyCost &weekly_cost, const Target &target, Date as_at,
                          WeeksPerYear weeks, RagRule rule) {
    Delivery d{as_at, FinancialYear::containing(as_at), std::move(decisions), {}, {}, {}, {}, {}, {}, {}, 0, std::nullopt};
    std::vector<const Realised *> of(d.decisions.size(), nullptr);
    d.realised.reserve(d.decisions.size());
    for (std::size_t i = 0; i < d.decisions.size(); ++i) {
        const auto &x = d.decisions[i];
        if (!x.decided_on) {
            ++d.backlog;
            continue;
        }
        Realised r{i, 0, 0, 0, 0, 0};
        if (x.effective_from) {
            r.before = weekly_cost(x.person_id, x.effective_from->plus_days(-1));
            r.after = weekly_cost(x.person_id, as_at);
            r.weekly = r.before - r.after;
            const auto fy = FinancialYear::containing(*x.effective_from);
            r.in_year = in_year_from_weekly(Money::from_pence(r.weekly), weeks, fy, *x.effective_from).pence();
            r.full_year = annual_from_weekly(Money::from_pence(r.weekly), weeks).pence();
        }
        d.realised.push_back(r);
        of[i] = &d.realised.back();
    }
    for (std::size_t i = 0; i < d.decisions.size(); ++i) {
        const auto &x = d.decisions[i];
        add(d.by_case, x.case_id.empty() ? "(no case)" : x.case_id, of[i]);
        add(d.by_lever, x.lever, of[i]);
        add(d.by_service, x.service.empty() ? "(no open service)" : x.service, of[i]);
        add(d.by_year, x.effective_from ? FinancialYear::containing(*x.effective_from).label() : "(no change yet)", of[i]);
    }
    std::sort(d.by_year.begin(), d.by_year.end(), [](const Group &a, const Group &b) { return a.key < b.key; });
    for (auto &g : d.by_case) {
        g.target = g.key == "(no case)" ? std::nullopt : target(g.key, d.year);
        if (!g.target || *g.target <= 0) continue;
        const auto reached = divide_rounded(static_cast<Int128>(g.in_year) * 1'000'000, *g.target, RoundingMode::truncate);
        g.rag = reached >= rule.green ? "green" : reached >= rule.amber ? "amber" : "red";
    }
    // Productivity: per reviewer, and when the backlog clears at the team's current rate.
    std::map<std::string, std::vector<const Decision *>> by_reviewer;
    for (const auto &x : d.decisions) by_reviewer[x.reviewer].push_back(&x);
    int64_t team_hundredths = 0;
    for (const auto &[reviewer, list] : by_reviewer) {
        ReviewerRate rate{reviewer, 0, 0, 0, {}};
        Date first = as_at;
        int64_t days = 0;
        for (const auto *x : list) {
            first = std::min(first, x->assigned_on);
            if (!x->decided_on) continue;
            ++rate.completed;
            days += x->assigned_on.days_until(*x->decided_on);
            if (const auto *r = of[static_cast<std::size_t>(x - d.decisions.data())]; r && x->hours) {
                rate.per_hour.add(*x->hours, r->full_year);
                d.per_hour.add(*x->hours, r->full_year);
            }
        }
        rate.per_hour.finish();
        const int64_t weeks_working = std::max<int64_t>(1, first.days_until(as_at) / 7);
        rate.per_week_hundredths = divide_rounded(rate.completed * 100, weeks_working, RoundingMode::half_up);
        rate.mean_days_to_decision = rate.completed ? divide_rounded(days, rate.completed, RoundingMode::half_up) : 0;
        team_hundredths += rate.per_week_hundredths;
        d.reviewers.push_back(rate);
    }
    d.per_hour.finish();
    if (d.backlog > 0 && team_hundredths > 0)
        d.backlog_clears = as_at.plus_days(static_cast<int32_t>(divide_rounded(static_cast<Int128>(d.backlog) * 700, team_hundredths, RoundingMode::half_up)));
    return d;
}

std::string format_delivery(const Delivery &d, WeeksPerYear weeks) {
    std::string out = fmt::format("Delivery as at {} ({}): savings from the ledger, weekly cost before each change against now; "
                                  "in-year to 31 March, full year at {} weeks\n",
                                  d.as_at.uk(), d.year.label(), weeks.name);
    const auto table = [&](const char *title, const std::vector<Group> &groups) {
        out += fmt::format("\n{:<32} {:>8} {:>8} {:>12} {:>14} {:>14} {:>14} {:>6}\n", title, "Assigned", "Decided", "Weekly", "In-year",
                           "Full year", "Target", "RAG");
        for (const auto &g : groups)
            out += fmt::format("{:<32} {:>8} {:>8} {:>12} {:>14} {:>14} {:>14} {:>6}\n", g.key.substr(0, 32), g.assigned, g.decided,
                               format_pence(Money::from_pence(g.weekly)), pounds(g.in_year), pounds(g.full_year),
                               g.target ? pounds(*g.target) : "-", g.rag.empty() ? "-" : g.rag);
    };
    table("Case", d.by_case);
    table("Lever", d.by_lever);
    table("Service", d.by_service);
    table("Year of the change", d.by_year);
    out += fmt::format("\nDecided reviews\n{:<12} {:<24} {:<22} {:>11} {:>12} {:>12} {:>12}\n", "Person", "Lever", "Outcome", "Effective",
                       "Before", "Now", "Weekly");
    for (const auto &r : d.realised) {
        const auto &x = d.decisions[r.decision];
        out += fmt::format("{:<12} {:<24} {:<22} {:>11} {:>12} {:>12} {:>12}\n", x.person_id, x.lever.substr(0, 24), x.outcome,
                           x.effective_from ? x.effective_from->uk() : "-", format_pence(Money::from_pence(r.before)),
                           format_pence(Money::from_pence(r.after)), format_pence(Money::from_pence(r.weekly)));
    }
    const auto per_hour = [](const PerHour &p) {
        return p.saving_per_hour ? fmt::format("; {} full-year saving per review hour over {}.{:02} hours recorded",
                                               format_pence(Money::from_pence(*p.saving_per_hour)), p.hours / 100, p.hours % 100)
                                 : std::string();
    };
    out += "\nReview team\n";
    for (const auto &r : d.reviewers)
        out += fmt::format("  {:<20} {} completed, {}.{:02} a week, {} days from assignment to decision on average{}\n", r.reviewer, r.completed,
                           r.per_week_hundredths / 100, r.per_week_hundredths % 100, r.mean_days_to_decision, per_hour(r.per_hour));
    if (d.per_hour.saving_per_hour) out += "  The team: " + per_hour(d.per_hour).substr(2) + "\n";
    out += fmt::format("Backlog: {} not yet decided{}\n", d.backlog,
                       d.backlog_clears ? ", clearing by " + d.backlog_clears->uk() + " at the current rate" : "");
    return out;
}

} // namespace ascent::delivery
