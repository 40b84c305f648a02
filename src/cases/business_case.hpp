// A savings business case as structured data: every section of Cambridgeshire's business-case
// template and of Bury's budget option (sections A to E), its delivery options each with the
// inputs of its financial table, and the figures it states (headline, yearly, weekly, totals)
// so ascent can check them against what it computes.
//
// Money is integer pence. Rates and shares are exact: percentages in parts per million.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "charging/backlog.hpp"
#include "core/annualise.hpp"
#include "core/date.hpp"

namespace ascent::cases {

inline constexpr int64_t k_ppm = 1'000'000; // 100% in parts per million

enum class Status { draft, submitted, in_review, agreed_in_principle, approved, rejected, withdrawn };
enum class Category { efficiency, growth_avoidance, service_redesign, income };
enum class Rating { low, medium, high };

std::string_view to_string(Status s);
std::string_view to_string(Category c);
std::string_view title_of(Category c);   // "Efficiency Savings", as the budget table heads its groups
std::string_view letter_of(Rating r);    // "H", "M", "L"
std::optional<Status> parse_status(std::string_view text);
std::optional<Category> parse_category(std::string_view text);
std::optional<Rating> parse_rating(std::string_view text);

// How a line's figures arise.
enum class LineKind {
    annual,    // a full-year effect in £ a year from a start date
    weekly,    // £ a week per person × people × weeks (the convention, or a stated number of weeks)
    capacity,  // reviews or reassessments: officers × cases a year, a per-case weekly amount (A/R.6.173)
    explicit_years, // yearly amounts as the service gives them
};
// What a line's money is. Savings and income add to the net; reinvestment and investment take from it.
enum class LineType { saving, income, reinvestment, investment };
enum class Phasing { from_start, even };   // even: work spread evenly from the start to 31 March
enum class PartYear { months, days };

std::string_view to_string(LineKind k);
std::string_view to_string(LineType t);

// A figure as a document states it, with the precision it is written to ("£412K" is to the £1K).
struct StatedAmount {
    int64_t pence = 0;
    int64_t unit = 1;      // pence; the figure is compared after rounding the computed one to this
    std::string text;      // as written
};
// "£412K", "412,680", "£1.7m", "4,364.55": pence and the precision the text implies.
std::optional<StatedAmount> parse_stated(std::string_view text);

// Where a line's people and rate come from when it draws on the ledger.
struct CohortLink {
    std::string lever;       // an opportunity-finder lever id: its people and central sized saving
    std::string expression;  // or a cohort expression: its people (and their weekly cost)
    int64_t share = 0;       // ppm of the cohort's weekly cost saved (expression cohorts); 0 = use `rate`
    // Set by the netting of a case's or a programme's levers (app/netting.hpp), never read from a
    // file: which of the netting's figures, net of overlap with the other lines, this line takes.
    std::optional<std::size_t> claim;
};

// Uncertain inputs for the risk ranges: each a triangular distribution (low, the line's value, high).
struct RiskRange {
    std::optional<std::pair<int64_t, int64_t>> people;      // hundredths of a person
    std::optional<std::pair<int64_t, int64_t>> rate;        // the amount (pence a week, or a year), low and high
    std::optional<std::pair<int64_t, int64_t>> confidence;  // ppm
    std::optional<std::pair<int64_t, int64_t>> attrition;   // ppm multiplier of the likelihoods after the first year
    int slip_months = 0;                                    // start slips 0 … this many months (mode 0)
    bool any() const { return people || rate || confidence || attrition || slip_months > 0; }
};

struct Line {
    std::string name;
    LineKind kind = LineKind::annual;
    LineType type = LineType::saving;
    int64_t amount = 0;             // pence: a year (annual, investment) or a week per person (weekly)
    int64_t people = 100;           // hundredths of a person (weekly)
    std::optional<Ratio> weeks;     // a stated number of weeks (e.g. 3 weeks' respite); else the case's convention
    std::optional<Date> start;      // default: the case's first day
    Phasing phasing = Phasing::from_start;
    PartYear part_year = PartYear::months;
    int64_t confidence = k_ppm;
    std::vector<int64_t> attrition; // ppm still receiving care in year 1, 2, … from the start; the last holds after
    int64_t decay = 0;              // ppm the amount falls each year, rounded to the penny each year
    int lasts = 0;                  // whole years the effect lasts from the start; 0 = ongoing
    bool one_off = false;           // investment: spent once, in the start year
    bool netted = true;             // investment: netted off the savings (invest-to-save); else funded elsewhere
    std::string funded_by;          // where investment not netted comes from
    std::vector<int64_t> years;     // explicit_years: pence by financial year from the case's first
    charging::BacklogOption capacity; // capacity lines
    int capacity_income_years = 1;
    std::optional<CohortLink> cohort;
    RiskRange risk;
    std::optional<StatedAmount> stated_weekly;  // the weekly figure as the document prints it
    std::optional<StatedAmount> stated_annual;  // the full-year figure as the document prints it
};

enum class Basis { in_year, incremental };
std::string_view to_string(Basis b);

// A figure a document states for one year (or, with no year, the whole period's total).
struct StatedFigure {
    std::optional<FinancialYear> year;
    Basis basis = Basis::in_year;
    std::string of = "net";         // net, gross, income, investment
    StatedAmount amount;
};

struct DeliveryOption {
    std::string name;
    std::string description;
    bool preferred = false;
    std::vector<Line> lines;
    std::vector<StatedFigure> stated;
};

struct Risk {
    std::string title;
    std::optional<Rating> likelihood, impact;
    std::string mitigation;
};

struct Milestone {
    std::string what;
    std::string when;               // as the council writes it ("December 2022", a date)
};

struct Consultation {
    std::string with;               // staff, trade unions, public, service users, other
    std::string start, end;
};

// Bury's equality checklist: nine groups, each marked if an adverse impact is possible.
inline constexpr std::array<std::string_view, 9> k_equality_groups = {
    "disabled_people", "ethnic_groups", "sex", "marriage_civil_partnership", "sexual_orientation",
    "gender_reassignment", "low_income", "age", "religion_belief"};
std::string_view equality_title(std::size_t group);

// Free-text sections, in template order: key and heading.
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 22> k_sections = {{
    {"overview", "Business planning brief description"},
    {"background", "Why do we need to undertake this project?"},
    {"if_not_done", "What would happen if we did not complete this project?"},
    {"aims", "Aims / objectives"},
    {"approach", "Project overview - what are we doing"},
    {"assumptions", "What assumptions have you made?"},
    {"constraints", "What constraints does the project face?"},
    {"options_appraisal", "Has an options and feasibility study been undertaken?"},
    {"scope_in", "What is within scope?"},
    {"scope_out", "What is outside of scope?"},
    {"dependencies", "Interdependencies"},
    {"non_financial_benefits", "Non-financial benefits"},
    {"who_affected", "Who will be affected by this proposal?"},
    {"positive_impacts", "What positive impacts are anticipated from this proposal?"},
    {"negative_impacts", "What negative impacts are anticipated from this proposal?"},
    {"neutral_impacts", "Are there other impacts which are more neutral?"},
    {"disproportionate_impacts", "Disproportionate impacts on protected characteristics and how they will be addressed"},
    {"impact_property", "Impact on property"},
    {"impact_service_delivery", "Impact on service delivery"},
    {"impact_organisation", "Impact on the organisation (including other directorates and services)"},
    {"impact_partners", "Impact on other partner organisations"},
    {"finance_comments", "Finance comments - will the proposal deliver the savings within the agreed timescales?"},
}};

struct BusinessCase {
    std::string id;                 // the business planning reference, e.g. "A/R.6.115"
    std::string title;
    Status status = Status::draft;
    Category category = Category::efficiency;
    std::string directorate, service;
    std::string senior_responsible_officer, executive_director, cabinet_member;
    std::string how_achieved;       // the budget table's "how to be achieved"
    Rating delivery_risk = Rating::medium;
    std::string staff_impact;       // the budget table's impacts on staff (incl. posts deleted)
    FinancialYear first_year{0};
    int years = 3;
    WeeksPerYear weeks = WeeksPerYear::fifty_two();
    std::optional<StatedFigure> headline; // "Saving £100K"
    std::vector<std::pair<std::string, std::string>> sections; // key → text, only those given
    std::vector<DeliveryOption> options;
    std::vector<Risk> risks;
    std::vector<Milestone> milestones;
    bool consultation_required = false;
    std::vector<Consultation> consultation;
    std::array<bool, 9> equality{};  // k_equality_groups
    std::optional<bool> eia_required;
    std::vector<std::pair<FinancialYear, int64_t>> staffing_fte; // hundredths of an FTE change by year
    std::vector<std::string> cohorts;       // cohort expressions or lever ids the case draws on (for reading)

    const DeliveryOption &preferred() const; // the option marked preferred, else the first
    const std::string *section(std::string_view key) const; // nothing if absent or empty
};

// The case's details as label and value, for a report's opening table (empty values left out).
std::vector<std::pair<std::string, std::string>> details_of(const BusinessCase &c);

// A new draft case to fill in: every section present and empty, one option with one line.
BusinessCase new_case(const std::string &id, const std::string &title, FinancialYear first_year);

// Reads a case from YAML (or JSON, a subset of YAML); errors name the file and line.
BusinessCase read_case(std::string_view text, const std::string &path);
BusinessCase read_case_file(const std::string &path);
// Writes a case back as YAML that read_case reads to the same case.
std::string write_case_yaml(const BusinessCase &c);
// The same as JSON (every value a string, as the reader accepts).
std::string write_case_json(const BusinessCase &c);

} // namespace ascent::cases
