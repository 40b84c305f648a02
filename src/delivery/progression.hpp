// Progression plans (the progression model in the Bury and Darlington documents): for a person, a
// goal, small steps with dates and who supports each, and the change in support expected once the
// goal is met. The cohort view sets each plan's expected saving beside the change the ledger shows
// since the plan started, and sizes the pathway as Kent did: saving per person per week × people ×
// weeks a year, ready to become a business case's weekly line.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/annualise.hpp"
#include "core/date.hpp"

namespace ascent::delivery {

struct Step {
    std::string what;
    Date due;
    std::string supported_by;
    std::optional<Date> done;
    std::string note;
};

struct Plan {
    int64_t id = 0;                  // given by the store
    std::string person_id, goal, expected_change, case_id;
    int64_t expected_saving = 0;     // pence a week less support once the goal is met
    Date started, target;
    std::string status = "active";   // active | completed | stopped
    std::optional<Date> closed;
    std::vector<Step> steps;
};

// Plans in a file (YAML or JSON): a list under 'plans', each with person, goal, started, target,
// expected_saving (£ a week), expected_change, case and steps [{what, due, supported_by}].
std::vector<Plan> read_plans(std::string_view text, const std::string &path);
std::vector<Plan> read_plans_file(const std::string &path);
// Throws input_error naming the plan's person and the field.
void check_plan(const Plan &plan);

struct PlanView {
    Plan plan;
    int done = 0, overdue = 0;            // steps done; steps past due and not done
    std::optional<Date> next_due;         // the first step not done
    int64_t cost_at_start = 0, cost_now = 0; // pence a week on the ledger
    int64_t actual_change = 0;            // cost at start − cost now: a reduction is positive
};

struct Sizing {
    int64_t people = 0;
    int64_t weekly = 0;                   // pence a week: rate × people, or the plans' exact total
    int64_t rate = 0;                     // per person per week (for plans, their mean rounded half-up)
    int64_t annual = 0;                   // weekly × weeks a year, rounded half-up once
    WeeksPerYear weeks = WeeksPerYear::fifty_two();
};

struct Progression {
    Date as_at;
    std::vector<PlanView> plans;          // active first, by person
    int64_t active = 0, completed = 0, stopped = 0, overdue_steps = 0;
    int64_t expected_weekly = 0;          // active plans, pence a week
    int64_t actual_weekly = 0;            // all plans, as the ledger shows
    Sizing sizing;                        // the active plans as a pathway
};

using WeeklyCostOf = std::function<int64_t(const std::string &person_id, Date on)>;

Progression progression_view(const std::vector<Plan> &plans, const WeeklyCostOf &weekly_cost, Date as_at, WeeksPerYear weeks);

// Kent's pathway sizing: a saving per person per week across a number of people for a year.
Sizing size_pathway(int64_t rate, int64_t people, WeeksPerYear weeks);
// A business case's weekly line for the sizing (docs/business-cases.md), as YAML.
std::string pathway_line(const Sizing &sizing, const std::string &description);

std::string format_progression(const Progression &progression);
std::string format_sizing(const Sizing &sizing);

} // namespace ascent::delivery
