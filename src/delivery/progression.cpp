#include "delivery/progression.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/money.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::delivery {

namespace {

std::string pounds(int64_t pence) { return format_pence(Money::from_pence(pence)); }

} // namespace

void check_plan(const Plan &p) {
    const auto bad = [&](const std::string &what) { throw input_error("the plan for " + p.person_id + ": " + what); };
    if (p.person_id.empty()) throw input_error("a plan needs the person's id");
    if (p.goal.empty()) bad("it needs a goal");
    if (p.target < p.started) bad(fmt::format("its target date {} is before it started on {}", p.target.uk(), p.started.uk()));
    if (p.expected_saving < -100'000'00 || p.expected_saving > 100'000'00)
        bad("an expected saving of " + pounds(p.expected_saving) + " a week is not credible");
    if (p.steps.empty()) bad("it needs at least one step");
    for (const auto &s : p.steps) {
        if (s.what.empty()) bad("each step says what is to be done");
        if (s.due < p.started) bad(fmt::format("the step '{}' is due on {}, before the plan started", s.what, s.due.uk()));
    }
}

std::vector<Plan> read_plans(std::string_view text, const std::string &path) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) {
        const io::YamlFields f(path);
        if (!root.IsMap() || !root["plans"] || !root["plans"].IsSequence()) f.fail(root, "a plans file is a mapping with a list of 'plans'");
        std::vector<Plan> out;
        for (const auto &node : root["plans"]) {
            if (!node.IsMap() || !node["person"] || !node["goal"] || !node["started"] || !node["target"] || !node["steps"] || !node["steps"].IsSequence())
                f.fail(node, "each plan has 'person', 'goal', 'started', 'target' and a list of 'steps'");
            Plan p;
            p.person_id = node["person"].Scalar();
            p.goal = node["goal"].Scalar();
            p.expected_change = node["expected_change"].as<std::string>("");
            p.case_id = node["case"].as<std::string>("");
            p.started = f.date(node["started"], "'started'");
            p.target = f.date(node["target"], "'target'");
            if (node["expected_saving"]) p.expected_saving = f.pence(node["expected_saving"], "'expected_saving' (£ a week)", false);
            for (const auto &s : node["steps"]) {
                if (!s.IsMap() || !s["what"] || !s["due"]) f.fail(s, "each step has 'what' and 'due' (and 'supported_by')");
                p.steps.push_back({s["what"].Scalar(), f.date(s["due"], "a step's 'due'"), s["supported_by"].as<std::string>(""), std::nullopt, ""});
            }
            try {
                check_plan(p);
            } catch (const Error &e) {
                f.fail(node, e.what());
            }
            out.push_back(std::move(p));
        }
        return out;
    });
}

std::vector<Plan> read_plans_file(const std::string &path) { return read_plans(io::read_text_file(path, "plans file"), path); }

Sizing size_pathway(int64_t rate, int64_t people, WeeksPerYear weeks) {
    Sizing s;
    s.people = people;
    s.rate = rate;
    s.weekly = rate * people;
    s.weeks = weeks;
    s.annual = Money::from_pence(s.weekly).times(weeks.weeks).pence();
    return s;
}

Progression progression_view(const std::vector<Plan> &plans, const WeeklyCostOf &weekly_cost, Date as_at, WeeksPerYear weeks) {
    Progression out;
    out.as_at = as_at;
    int64_t active_expected = 0;
    for (const auto &p : plans) {
        PlanView v;
        v.plan = p;
        for (const auto &s : p.steps) {
            if (s.done) {
                ++v.done;
                continue;
            }
            if (!v.next_due || s.due < *v.next_due) v.next_due = s.due;
            if (p.status == "active" && s.due < as_at) ++v.overdue;
        }
        // The day before the plan started against now (or the day it closed).
        v.cost_at_start = weekly_cost(p.person_id, p.started.plus_days(-1));
        v.cost_now = weekly_cost(p.person_id, p.closed && *p.closed < as_at ? *p.closed : as_at);
        v.actual_change = v.cost_at_start - v.cost_now;
        out.actual_weekly += v.actual_change;
        out.overdue_steps += v.overdue;
        if (p.status == "active") {
            ++out.active;
            active_expected += p.expected_saving;
        } else if (p.status == "completed") {
            ++out.completed;
        } else {
            ++out.stopped;
        }
        out.plans.push_back(v);
    }
    std::stable_sort(out.plans.begin(), out.plans.end(), [](const PlanView &a, const PlanView &b) {
        const bool a_active = a.plan.status == "active", b_active = b.plan.status == "active";
        return a_active != b_active ? a_active : a.plan.person_id < b.plan.person_id;
    });
    out.expected_weekly = active_expected;
    // The pathway: the plans' exact total; its rate per person is the mean, rounded half-up.
    out.sizing = size_pathway(out.active ? divide_rounded(active_expected, out.active, RoundingMode::half_up) : 0, out.active, weeks);
    out.sizing.weekly = active_expected;
    out.sizing.annual = Money::from_pence(active_expected).times(weeks.weeks).pence();
    return out;
}

std::string pathway_line(const Sizing &s, const std::string &description) {
    return fmt::format("# {}: {} people × {} a week × {} weeks; the pathway's total is {} a year\n"
                       "- name: \"{}\"\n  kind: weekly\n  people: {}\n  rate: \"{}\"\n",
                       description, s.people, pounds(s.rate), s.weeks.name, pounds(s.annual), description, s.people,
                       fmt::format("{}{}.{:02}", s.rate < 0 ? "-" : "", std::abs(s.rate) / 100, std::abs(s.rate) % 100));
}

std::string format_sizing(const Sizing &s) {
    std::string out = fmt::format("Pathway: {} people, {} a week ({} each{}); × {} weeks = {} a year (rounded half-up once)\n", s.people,
                                  pounds(s.weekly), pounds(s.rate), s.rate * s.people == s.weekly ? "" : " on average", s.weeks.name,
                                  pounds(s.annual));
    if (s.rate * s.people != s.weekly)
        out += fmt::format("A weekly line of {} × {} gives {} a week: the mean is rounded to the penny.\n", s.people, pounds(s.rate),
                           pounds(s.rate * s.people));
    return out;
}

std::string format_progression(const Progression &p) {
    std::string out = fmt::format("Progression plans at {}: {} active, {} completed, {} stopped; {} steps overdue\n\n", p.as_at.uk(), p.active,
                                  p.completed, p.stopped, p.overdue_steps);
    out += fmt::format("{:>4}  {:<12} {:<34} {:<9} {:>7} {:>8} {:>11} {:>12} {:>12}\n", "plan", "person", "goal", "status", "steps",
                       "overdue", "next due", "expected/wk", "ledger/wk");
    for (const auto &v : p.plans) {
        const auto &plan = v.plan;
        out += fmt::format("{:>4}  {:<12} {:<34} {:<9} {:>7} {:>8} {:>11} {:>12} {:>12}\n", plan.id, plan.person_id, plan.goal.substr(0, 34),
                           plan.status, fmt::format("{}/{}", v.done, plan.steps.size()), v.overdue, v.next_due ? v.next_due->uk() : "",
                           pounds(plan.expected_saving), pounds(v.actual_change));
    }
    out += fmt::format("\nExpected from active plans: {} a week. The ledger shows {} a week less since the plans started.\n",
                       pounds(p.expected_weekly), pounds(p.actual_weekly));
    return out + format_sizing(p.sizing);
}

} // namespace ascent::delivery
