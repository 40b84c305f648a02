#include "delivery/realised.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/money.hpp"
#include "core/year_effect.hpp"

namespace ascent::delivery {

namespace {

std::string pounds(int64_t pence) { return format_pounds(Money::from_pence(pence)); }

Group &group(std::vector<Group> &groups, const std::string &key) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group &g) { return g.key == key; });
    if (it != groups.end()) return *it;
    groups.push_back({});
    groups.back().key = key;
    return groups.back();
}

void add(std::vector<Group> &groups, const std::string &key, const Realised *r) {
    auto &g = group(groups, key);
    ++g.assigned;
    if (r == nullptr) return;
    ++g.decided;
    g.gross.add(r->gross);
    g.net.add(r->net);
}

Change change(int64_t before, int64_t after, WeeksPerYear weeks, Date effective) {
    Change c{before, after, before - after, 0, 0};
    c.in_year = in_year_from_weekly(Money::from_pence(c.weekly), weeks, FinancialYear::containing(effective), effective).pence();
    c.full_year = annual_from_weekly(Money::from_pence(c.weekly), weeks).pence();
    return c;
}

// The council's net cost before a change: the lines open the day before, paid in the split recorded
// when the review was assigned (exact, one rounding), or in today's split without a baseline.
int64_t net_before(const WeeklyFunding &before, const std::optional<WeeklyFunding> &baseline) {
    if (!baseline) return before.net();
    if (baseline->gross == 0) return before.gross - baseline->contribution;
    return divide_rounded(static_cast<Int128>(before.gross) * baseline->council_bp, static_cast<Int128>(baseline->gross) * 10'000,
                          RoundingMode::half_up) -
           baseline->contribution;
}

void case_years(Delivery &d, Group &g, const std::vector<std::pair<FinancialYear, int64_t>> &targets, RagRule rule) {
    for (const auto &[year, target] : targets) {
        CaseYear y{year, year.start_year() < d.year.start_year() ? "actual" : year == d.year ? "forecast outturn" : "forecast", target, 0, 0};
        for (const auto &r : d.realised) {
            const auto &x = d.decisions[r.decision];
            if (x.case_id != g.key || !x.effective_from) continue;
            const auto effective = FinancialYear::containing(*x.effective_from);
            y.net += effect_in_year(year, effective, r.net.in_year, r.net.full_year);
            y.gross += effect_in_year(year, effective, r.gross.in_year, r.gross.full_year);
        }
        g.years.push_back(std::move(y));
    }
    if (g.years.empty()) return;
    // The year that is due now: the ledger's, or the case's first if it starts later, or its last if it has ended.
    const auto due = std::find_if(g.years.begin(), g.years.end(), [&](const CaseYear &y) { return y.year.start_year() >= d.year.start_year(); });
    const auto &rag_year = due == g.years.end() ? g.years.back() : *due;
    g.target = rag_year.target;
    g.rag_year = rag_year.year.label();
    if (!g.target || *g.target <= 0) return;
    const auto reached = divide_rounded(static_cast<Int128>(rag_year.net) * 1'000'000, *g.target, RoundingMode::truncate);
    g.rag = reached >= rule.green ? "green" : reached >= rule.amber ? "amber" : "red";
}

} // namespace

void Totals::add(const Change &c) {
    weekly += c.weekly;
    in_year += c.in_year;
    full_year += c.full_year;
}

void PerHour::finish() {
    if (hours > 0) saving_per_hour = divide_rounded(static_cast<Int128>(full_year) * 100, hours, RoundingMode::half_up);
}

bool known_outcome(std::string_view outcome) { return std::find(k_outcomes.begin(), k_outcomes.end(), outcome) != k_outcomes.end(); }

Delivery compute_delivery(std::vector<Decision> decisions, const WeeklyCost &weekly_cost, const Target &target, Date as_at,
                          WeeksPerYear weeks, RagRule rule) {
    Delivery d{as_at, FinancialYear::containing(as_at), std::move(decisions), {}, {}, {}, {}, {}, {}, {}, {}, 0, std::nullopt};
    std::vector<const Realised *> of(d.decisions.size(), nullptr);
    d.realised.reserve(d.decisions.size());
    for (std::size_t i = 0; i < d.decisions.size(); ++i) {
        const auto &x = d.decisions[i];
        if (!x.decided_on) {
            ++d.backlog;
            continue;
        }
        Realised r{i, {}, {}};
        if (x.effective_from) {
            const auto before = weekly_cost(x.person_id, x.effective_from->plus_days(-1));
            const auto now = weekly_cost(x.person_id, as_at);
            r.gross = change(before.gross, now.gross, weeks, *x.effective_from);
            r.net = change(net_before(before, x.baseline), now.net(), weeks, *x.effective_from);
            if (x.expected_weekly && *x.expected_weekly != now.gross) d.awaiting.push_back({i, *x.expected_weekly, now.gross});
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
    for (auto &g : d.by_case)
        if (g.key != "(no case)") case_years(d, g, target(g.key), rule);
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
                rate.per_hour.add(*x->hours, r->net.full_year);
                d.per_hour.add(*x->hours, r->net.full_year);
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
    std::string out = fmt::format("Delivery as at {} ({}): savings from the ledger, each decided review's weekly cost the day before the "
                                  "change against now. Net is the council's cost after NHS and other councils' shares and the person's "
                                  "contribution; gross is the whole package. In-year to 31 March, full year at {} weeks; pounds rounded "
                                  "half-up.\n",
                                  d.as_at.uk(), d.year.label(), weeks.name);
    const auto table = [&](const char *title, const std::vector<Group> &groups) {
        out += fmt::format("\n{:<28} {:>8} {:>8} {:>12} {:>14} {:>14} {:>12} {:>14}\n", title, "Assigned", "Decided", "Net weekly",
                           "Net in-year", "Net full year", "Gross weekly", "Gross full yr");
        for (const auto &g : groups)
            out += fmt::format("{:<28} {:>8} {:>8} {:>12} {:>14} {:>14} {:>12} {:>14}\n", g.key.substr(0, 28), g.assigned, g.decided,
                               format_pence(Money::from_pence(g.net.weekly)), pounds(g.net.in_year), pounds(g.net.full_year),
                               format_pence(Money::from_pence(g.gross.weekly)), pounds(g.gross.full_year));
    };
    table("Case", d.by_case);
    out += fmt::format("\nCases against their net targets, every year they span (actual before {}, forecast outturn for it, "
                       "forecast after: the full-year effect of the changes decided so far)\n{:<20} {:<8} {:<17} {:>14} {:>14} {:>14} {:>6}\n",
                       d.year.label(), "Case", "Year", "Status", "Target", "Net realised", "Gross", "RAG");
    bool any_year = false;
    for (const auto &g : d.by_case)
        for (const auto &y : g.years) {
            any_year = true;
            const bool rag_year = y.year.label() == g.rag_year;
            out += fmt::format("{:<20} {:<8} {:<17} {:>14} {:>14} {:>14} {:>6}\n", g.key.substr(0, 20), y.year.label(), y.status,
                               y.target ? pounds(*y.target) : "-", pounds(y.net), pounds(y.gross), rag_year && !g.rag.empty() ? g.rag : "");
        }
    if (!any_year) out += "  (no review belongs to a stored business case)\n";
    table("Lever", d.by_lever);
    table("Service", d.by_service);
    table("Year of the change", d.by_year);
    out += fmt::format("\nDecided reviews (weekly: before → now)\n{:<12} {:<22} {:<22} {:>11} {:>25} {:>12} {:>25} {:>12}\n", "Person", "Lever",
                       "Outcome", "Effective", "Gross", "Gross change", "Net", "Net change");
    for (const auto &r : d.realised) {
        const auto &x = d.decisions[r.decision];
        const auto pair = [](const Change &c) {
            return format_pence(Money::from_pence(c.before)) + " → " + format_pence(Money::from_pence(c.after));
        };
        out += fmt::format("{:<12} {:<22} {:<22} {:>11} {:>25} {:>12} {:>25} {:>12}\n", x.person_id, x.lever.substr(0, 22), x.outcome,
                           x.effective_from ? x.effective_from->uk() : "-", pair(r.gross), format_pence(Money::from_pence(r.gross.weekly)),
                           pair(r.net), format_pence(Money::from_pence(r.net.weekly)));
    }
    if (!d.awaiting.empty()) {
        out += "\nAwaiting the ledger: decisions that expect a price the ledger does not show yet (realised once a CLD or extract shows it)\n";
        for (const auto &a : d.awaiting) {
            const auto &x = d.decisions[a.decision];
            out += fmt::format("  {:<12} {:<28} {:<12} expected {} a week from {}; the ledger shows {}\n", x.person_id, x.lever.substr(0, 28),
                               x.case_id.empty() ? "(no case)" : x.case_id.substr(0, 12), format_pence(Money::from_pence(a.expected)),
                               x.effective_from ? x.effective_from->uk() : "-", format_pence(Money::from_pence(a.ledger)));
        }
    }
    const auto per_hour = [](const PerHour &p) {
        return p.saving_per_hour ? fmt::format("; {} net full-year saving per review hour over {}.{:02} hours recorded",
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
