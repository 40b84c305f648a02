// The cohort language: a small, safe expression language for analysts to define a cohort of
// people, e.g.
//     support reason is LD and age >= 65 and weekly cost > 1000
//     setting in (residential, nursing) and not out of area
//     waking night and (s117 is open or chc is "checklist positive")
// Fields are person-level facts at a date (see k_fields in cohort.cpp, or `cohort_fields()`);
// names ignore case, spaces and punctuation. Operators: is / = / ==, is not / !=, <, <=, >, >=
// (≤ ≥ too), in (…), and, or, not, parentheses. A yes/no field alone means "is yes". Money is in
// pounds. A comparison with a value that is not recorded is false, so unknowns never join a cohort
// by accident. Bad expressions throw input_error naming the character position and what was expected.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/ledger.hpp"
#include "core/person_facts.hpp"

namespace ascent {

struct CohortField {
    std::string_view name;        // as written in expressions, e.g. "weekly cost"
    std::string_view description;
};
const std::vector<CohortField> &cohort_fields();

inline constexpr int64_t k_unknown = std::numeric_limits<int64_t>::min();

// Every cohort field as a column over all people, built on first use from a ledger and its facts
// at one date. Expressions are evaluated a column at a time. Safe to share between threads: each
// column is built once, under its own once-flag (the server's worker threads share one table).
class FactTable {
public:
    FactTable(const Ledger &ledger, const PersonFacts &facts);
    ~FactTable();
    FactTable(const FactTable &) = delete;
    FactTable &operator=(const FactTable &) = delete;

    const Ledger &ledger() const { return ledger_; }
    const PersonFacts &facts() const { return facts_; }
    // One value per person (k_unknown if not recorded) for the field at `field_index` in cohort_fields().
    const std::vector<int64_t> &column(std::size_t field_index) const;

private:
    const Ledger &ledger_;
    const PersonFacts &facts_;
    struct Column;
    std::unique_ptr<Column[]> columns_;
};

class CohortExpression {
public:
    // Parses and checks the expression; throws input_error on any mistake.
    static CohortExpression parse(std::string_view text);
    CohortExpression(); // an empty expression: selects no one
    CohortExpression(CohortExpression &&) noexcept;
    CohortExpression &operator=(CohortExpression &&) noexcept;
    ~CohortExpression();

    // One byte per person: 1 if they are in the cohort.
    std::vector<uint8_t> select(const FactTable &table) const;
    // The field names the expression tests, in order of first use (for explanations).
    const std::vector<std::string> &fields_used() const;
    const std::string &text() const;
    // The same condition as SQL over a table with one column per field, named as the field with
    // spaces as underscores ("weekly cost" → weekly_cost), holding the values FactTable holds
    // (NULL if not recorded). Used to run the same rules in another engine (bench/). Text fields
    // are not supported (throws input_error).
    std::string to_sql() const;

    struct Node;

private:
    std::unique_ptr<Node> root_;
    std::vector<std::string> fields_used_;
    std::string text_;
};

// The value of a named field for one person, as text for explanations ("£1,234.00", "67", "open").
std::string cohort_value(const FactTable &table, uint32_t person, std::string_view field);

} // namespace ascent
