// The finder's mechanisms on small rule sets: overlap, groups, rounding once, effects, and the
// rules file's errors; plus properties that hold for any ledger and any assumptions.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "core/error.hpp"
#include "opportunity/explain.hpp"
#include "opportunity/ledger_book.hpp"

namespace ascent {

namespace {

using test::LedgerBook;
using namespace opportunity;

RuleSet rules_of(const std::string &levers) {
    return parse_rules("name: test\nversion: '1'\nweeks_per_year: '52'\nlevers:\n" + levers, "test.yaml");
}

std::string error_of(const std::string &text) {
    try {
        parse_rules(text, "council.yaml");
    } catch (const Error &e) {
        return e.what();
    }
    return "no error";
}

const std::string k_half = "  - {id: half, name: Half, cohort: open lines > 0, saving: {method: percent of cost, low: 50%, central: 50%, high: 50%}}\n";
const std::string k_600 = "  - {id: fixed, name: Fixed, cohort: open lines > 0, saving: {method: weekly amount, low: '600', central: '600', high: '600'}}\n";

} // namespace

TEST(Finder, ReductionsCombineOnWhatIsLeftAndNeverExceedThePackage) {
    LedgerBook b;
    b.line(b.person("A", 40), 1000'00);
    const auto rules = rules_of(k_half + k_600);
    const auto found = b.run(rules);
    ASSERT_EQ(found.flag_count(), 2u);
    EXPECT_EQ(to_money(found.levers[0].flags[0].net[1]), Money::from_pence(500'00));
    EXPECT_EQ(to_money(found.levers[1].flags[0].standalone[1]), Money::from_pence(600'00));
    EXPECT_EQ(to_money(found.levers[1].flags[0].net[1]), Money::from_pence(500'00)); // only £500 was left
    EXPECT_EQ(to_money(found.net_by_effect[0][1]), Money::from_pence(1000'00));
    const auto e = explain(b.table(), rules, found, found.levers[1].flags[0]);
    EXPECT_EQ(e.overlap, "earlier levers left £500.00 a week of the package, so this lever adds £500.00 a week, not £600.00");
}

TEST(Finder, AGroupCountsAPersonOnce) {
    LedgerBook b;
    b.line(b.person("A", 40), 1000'00);
    const auto rules = rules_of(
        "  - {id: first, name: First review, group: review, cohort: open lines > 0, saving: {method: percent of cost, low: 10%, central: 10%, high: 10%}}\n"
        "  - {id: second, name: Second review, group: review, cohort: open lines > 0, saving: {method: percent of cost, low: 20%, central: 20%, high: 20%}}\n");
    const auto found = b.run(rules);
    EXPECT_EQ(found.levers[1].counted_elsewhere, 1);
    EXPECT_EQ(found.levers[1].flags[0].net[1], 0);
    EXPECT_EQ(to_money(found.levers[1].flags[0].standalone[1]), Money::from_pence(200'00));
    EXPECT_EQ(explain(b.table(), rules, found, found.levers[1].flags[0]).overlap,
              "already counted under 'First review' (same 'review' group): no further saving here");
}

TEST(Finder, IncomeAndOneOffDoNotReduceThePackage) {
    LedgerBook b;
    b.line(b.person("A", 40), 100'00);
    const auto rules = rules_of(
        "  - {id: income, name: Income, cohort: open lines > 0, saving: {method: weekly amount, effect: income, low: '150', central: '150', high: '150'}}\n" +
        k_half);
    const auto found = b.run(rules);
    EXPECT_EQ(to_money(found.levers[0].flags[0].net[1]), Money::from_pence(150'00)); // income is not capped by the package
    EXPECT_EQ(to_money(found.levers[1].flags[0].net[1]), Money::from_pence(50'00));
    EXPECT_EQ(to_money(found.net_by_effect[1][1]), Money::from_pence(150'00));
}

TEST(Finder, RoundsOnceAtTheEnd) {
    // Three people at 10% of £1.05 = £0.105 each. Rounded once: £0.315 a week → £16.38 a year (× 52).
    // Rounding each person first would give 3 × £0.11 × 52 = £17.16.
    LedgerBook b;
    for (const char *id : {"A", "B", "C"}) b.line(b.person(id, 40), 1'05);
    const auto found = b.run(rules_of(
        "  - {id: ten, name: Ten, cohort: open lines > 0, saving: {method: percent of cost, low: 10%, central: 10%, high: 10%}}\n"));
    EXPECT_EQ(to_money(found.levers[0].net[1]), Money::from_pence(32));
    EXPECT_EQ(full_year(found.levers[0].net[1], found.weeks), Money::from_pence(16'38));
}

TEST(Finder, ConfidenceComesFromTheStratumElseTheLever) {
    LedgerBook b;
    b.line(b.person("old", 70), 100'00);
    b.line(b.person("young", 30), 100'00);
    const auto rules = rules_of(
        "  - id: s\n    name: S\n    cohort: open lines > 0\n    confidence: 50\n"
        "    strata: [{name: older, cohort: age >= 65, confidence: 20}]\n"
        "    saving: {method: weekly amount, low: '10', central: '10', high: '10'}\n");
    const auto found = b.run(rules);
    EXPECT_EQ(confidence_of(rules.levers[0], found.levers[0].flags[0]), 20);
    EXPECT_EQ(confidence_of(rules.levers[0], found.levers[0].flags[1]), 50);
    EXPECT_EQ(to_money(found.weighted_central_by_effect[0]), Money::from_pence(7'00)); // £10 × 20% + £10 × 50%
}

TEST(Finder, UnknownLeverIsAClearError) {
    LedgerBook b;
    b.person("A", 40);
    try {
        b.run(rules_of(k_half), {{"halve"}, false, {}});
        FAIL();
    } catch (const Error &e) {
        EXPECT_STREQ(e.what(), "no lever 'halve' in test.yaml; levers are: half");
    }
}

TEST(Rules, BadFilesNameTheLineTheLeverAndTheField) {
    const std::string head = "name: x\nversion: '1'\nlevers:\n";
    EXPECT_EQ(error_of("name: x\nversion: [\n"), "council.yaml, line 3: not valid YAML: end of sequence flow not found");
    EXPECT_EQ(error_of("version: '1'\nlevers: []\n"), "council.yaml, line 1: 'name' is missing");
    EXPECT_EQ(error_of(head + "  - {id: a, name: A, cohort: agee > 3}\n"),
              "council.yaml, line 4, lever 'a': cohort: character 1: unknown field 'agee'; fields are: " +
                  [] {
                      std::string list;
                      for (const auto &f : cohort_fields()) list += (list.empty() ? "" : ", ") + std::string(f.name);
                      return list;
                  }());
    const std::string lever = "  - {id: a, name: A, cohort: age > 3";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {", saving: {method: halve}}",
         "unknown method 'halve'; expected one of: count only, percent of cost, percent of accommodation, percent of lines, "
         "percent of gap to rate, percent of health gap, percent of increases, percent of dp surplus, weekly amount, "
         "annual amount, per respite week"},
        {", saving: {method: percent of cost, low: 10, central: 10%, high: 10%}}", "low must be a percentage such as 10% or 0.58%"},
        {", saving: {method: percent of cost, low: 20%, central: 10%, high: 30%}}", "low, central and high must be in increasing order"},
        {", saving: {method: weekly amount, low: ten, central: '1', high: '1'}}",
         "low must be an amount in pounds such as 124.80 or £10,000"},
        {", same_setting_as: b}", "'b' must be the id of a lever listed before this one"},
        {", confidence: 120}", "'confidence' must be a whole number from 0 to 100"},
        {", saving: {method: percent of lines, low: 1%, central: 1%, high: 1%}}", "'components' is missing: which lines count?"},
    };
    for (const auto &[fields, message] : cases)
        EXPECT_EQ(error_of(head + lever + fields + "\n"), "council.yaml, line 4, lever 'a': " + message);
    EXPECT_EQ(error_of(head + lever + "}\n" + lever + "}\n"), "council.yaml, line 5, lever 'a': the id is used twice");
    EXPECT_EQ(error_of("name: x\nversion: '1'\nweeks_per_year: '53'\nlevers: []\n"),
              "council.yaml, line 3: 'weeks_per_year' must be 52, 52.14, 52.143 or 365/7");
}

// For any ledger and any assumptions: net reductions never exceed a package, lever totals are
// the sums of their flags, net is never more than standalone, and low ≤ central ≤ high.
RC_GTEST_PROP(Finder, OverlapNeverExceedsThePackage, ()) {
    LedgerBook b;
    const auto people = *rc::gen::inRange(1, 40);
    for (int p = 0; p < people; ++p) {
        const auto who = b.person("P" + std::to_string(p), *rc::gen::inRange(18, 100),
                                  *rc::gen::element(codes::psr_learning_disability, codes::psr_mental_health));
        const auto lines = *rc::gen::inRange(0, 4);
        for (int l = 0; l < lines; ++l) {
            const auto i = b.line(who, *rc::gen::inRange<int64_t>(0, 400000), *rc::gen::element(codes::comp_supported_living, codes::comp_day_support));
            b.ledger.lines.night[i] = *rc::gen::element(NightSupport::none, NightSupport::waking);
        }
    }
    std::string levers;
    const auto count = *rc::gen::inRange(1, 6);
    for (int i = 0; i < count; ++i) {
        const auto low = *rc::gen::inRange(0, 100), mid = *rc::gen::inRange(low, 101), high = *rc::gen::inRange(mid, 101);
        const bool amount = *rc::gen::arbitrary<bool>();
        levers += "  - {id: l" + std::to_string(i) + ", name: L, cohort: " +
                  *rc::gen::element<std::string>("open lines > 0", "waking night", "age >= 65", "weekly cost > 1000") +
                  (*rc::gen::arbitrary<bool>() ? ", group: g" : "") + ", saving: {method: " +
                  (amount ? "weekly amount, low: '" + std::to_string(low * 10) + "', central: '" + std::to_string(mid * 10) +
                                "', high: '" + std::to_string(high * 10) + "'"
                          : "percent of cost, low: " + std::to_string(low) + "%, central: " + std::to_string(mid) +
                                "%, high: " + std::to_string(high) + "%") +
                  "}}\n";
    }
    const auto rules = rules_of(levers);
    const auto found = b.run(rules);
    std::vector<Amounts> per_person(static_cast<std::size_t>(people), Amounts{});
    std::vector<Amounts> per_lever(found.levers.size(), Amounts{});
    for (const auto &r : found.levers)
      for (const auto &f : r.flags)
        for (std::size_t s = 0; s < 3; ++s) {
            per_person[f.person][s] += f.net[s];
            RC_ASSERT(f.net[s] <= f.standalone[s]);
            if (s > 0) RC_ASSERT(f.standalone[s - 1] <= f.standalone[s]);
        }
    for (std::size_t p = 0; p < per_person.size(); ++p)
        for (std::size_t s = 0; s < 3; ++s) RC_ASSERT(per_person[p][s] <= b.table().facts().weekly_cost[p] * k_sub_pence);
    Amounts total{};
    for (const auto &r : found.levers)
        for (std::size_t s = 0; s < 3; ++s) total[s] += r.net[s];
    RC_ASSERT(total == found.net_by_effect[0]);
}

} // namespace ascent
