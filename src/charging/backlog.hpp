// The reassessment backlog model: overdue financial reassessments cleared by a team of officers,
// each reassessment raising the charge by an average weekly amount, projected as income by
// financial year (Cambridgeshire A/R.6.173).
//
// Each year's reassessments are spread evenly through that year, so on average half a year of
// their extra income falls in it; the extra income lasts `income_years` whole years from the
// reassessment (the document: one), so the rest falls in the following years. A year's income is
//   assessments × weekly increase × weeks a year × likelihood still in care, × the year's share,
// summed over the years' reassessments exactly and rounded half-up once, to the penny.
//
// A year is given explicitly (assessments, increase, likelihood) or derived from officers ×
// reassessments per officer (capped by what is left of the backlog) and an increase that decays
// by a fixed rate each year.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/annualise.hpp"
#include "core/date.hpp"
#include "io/yaml_text.hpp"

namespace ascent::charging {

struct BacklogYear {
    int64_t assessments = 0;     // hundredths of a reassessment (333.5 → 33350)
    int64_t increase = 0;        // hundredths of a penny a week (£11.9833 → 119833)
    int64_t likelihood = 0;      // parts per million still receiving care (76.611% → 766110)
    int64_t officers = 0;        // hundredths of an FTE, when derived from officers (0 if not)
};

struct BacklogOption {
    std::string name;
    std::vector<BacklogYear> years;  // from the first financial year
    int64_t officer_cost = 0;        // pence a year per FTE; 0 if not given
};

// The overdue cohort taken from the ledger (`backlog: ledger`): people receiving care on the
// ledger's date, not under S117 aftercare, whose last financial assessment (the finances extract's
// assessment date, else the people extract's) is more than `overdue_months` before that date.
struct BacklogCohort {
    Date as_at;
    int overdue_months = 12;
    int64_t receiving = 0;           // receiving care (not S117) on the date
    int64_t overdue = 0;             // of them, last assessed more than overdue_months before it
    int64_t never = 0;               // of them, no assessment date recorded (not counted as overdue)
};

struct BacklogModel {
    std::string name;
    FinancialYear first_year{0};
    WeeksPerYear weeks = WeeksPerYear::fifty_two_point_one_four();
    int income_years = 1;
    int64_t backlog = 0;             // reassessments overdue at the start (hundredths); 0 if not given
    std::vector<BacklogOption> options;
};

// A model file as read: the model, and the cohort its backlog came from when `backlog: ledger`.
struct BacklogFile {
    BacklogModel model;
    std::optional<BacklogCohort> cohort;
};

// The model file (docs/charging.md, "Reassessment backlog"): every key is checked and an unknown
// key is an error naming the file, line and key. `backlog: ledger` takes the backlog from
// `cohort(overdue_months)`; without one (a model read on its own) it is an error.
using CohortSource = std::function<BacklogCohort(int overdue_months)>;
BacklogFile parse_backlog(std::string_view text, const std::string &path, const CohortSource &cohort);
BacklogFile parse_backlog_file(const std::string &path, const CohortSource &cohort);
// A model on its own (no ledger): `backlog: ledger` is an error.
BacklogModel read_backlog(std::string_view text, const std::string &path);
// One option from its YAML mapping (business cases embed them). `backlog_left` is what is left of
// the backlog to clear (hundredths; below 0 for no cap) and is reduced by the option's years.
BacklogOption read_backlog_option(const io::YamlFields &in, const YAML::Node &node, int64_t &backlog_left);
BacklogModel read_backlog_file(const std::string &path);

struct BacklogProjection {
    std::string name;
    std::vector<int64_t> income;     // pence, by financial year from the first (reassessment years + income years)
    std::vector<int64_t> cost;       // pence, officer cost by year (empty if no cost given)
    int64_t total_income = 0, total_cost = 0;
    int64_t assessments = 0;         // hundredths
};

std::vector<BacklogProjection> project(const BacklogModel &model);

// The document's table for each option (assessments, increase, likelihood, income by year), then
// the options compared: income, officer cost and net over the whole period.
// With `cohort`, it first says where the backlog came from.
std::string format_backlog(const BacklogModel &model, const std::vector<BacklogProjection> &projections,
                           const std::optional<BacklogCohort> &cohort = std::nullopt);

} // namespace ascent::charging
