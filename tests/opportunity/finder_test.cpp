// The finder's mechanisms on small rule sets: overlap, groups, rounding once, effects, and the
// rules file's errors; plus properties that hold for any ledger and any assumptions.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "core/error.hpp"
#include "opportunity/explain.hpp"
#include "opportunity/ledger_book.hpp"

namespace ascent {

namespace {

using test::LedgerBook;
using namespace opportunity;

RuleSet rules_of(const std::string &levers, const std::string &cap = "100%") {
    return parse_rules("name: test\nversion: '1'\nweeks_per_year: '52'\nmax_combined_reduction: " + cap + "\nlevers:\n" + levers,
                       "test.yaml");
}

// A percent-of-cost lever flagging everyone with a package.
std::string percent_lever(const std::string &id, const std::string &group, const std::string &percent, bool enabled = true) {
    return "  - {id: " + id + ", name: " + id + ", cohort: open lines > 0" + (group.empty() ? "" : ", group: " + group) +
           (enabled ? "" : ", enabled: false") + ", saving: {method: percent of cost, low: " + percent + ", central: " + percent +
           ", high: " + percent + "}}\n";
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

TEST(Finder, InAGroupTheLargestSavingCountsWhicheverLeverIsListedFirst) {
    // The case: a 5% review listed before a 25% one. On £1,000 a week the 25% lever's £250
    // counts; the 5% lever's £50 is netted off (before, the first lever won and £200 a week was lost).
    LedgerBook b;
    b.line(b.person("A", 40), 1000'00);
    const auto rules = rules_of(percent_lever("five", "review", "5%") + percent_lever("quarter", "review", "25%"));
    const auto found = b.run(rules);
    const auto &five = found.levers[0].flags[0], &quarter = found.levers[1].flags[0];
    EXPECT_EQ(five.net[1], 0);
    EXPECT_EQ(five.counted_in, 1);
    EXPECT_EQ(found.levers[0].counted_elsewhere, 1);
    EXPECT_EQ(found.levers[1].counted_elsewhere, 0);
    EXPECT_EQ(to_money(five.standalone[1]), Money::from_pence(50'00));
    EXPECT_EQ(to_money(quarter.net[1]), Money::from_pence(250'00));
    EXPECT_EQ(to_money(found.net_by_effect[0][1]), Money::from_pence(250'00));
    EXPECT_EQ(found.people_flagged, 1);
    EXPECT_EQ(explain(b.table(), rules, found, five).overlap,
              "in the 'review' group only the largest saving counts: 'quarter' counted this person (£250.00 a week on its own); "
              "this lever would save £50.00 a week on its own, netted off: no further saving here");
    const auto counted = explain(b.table(), rules, found, quarter);
    EXPECT_EQ(counted.overlap, "the largest saving in the 'review' group, so it counts; netted off (on their own): 'five' £50.00 a week");
    ASSERT_EQ(counted.group.size(), 1u);
    EXPECT_EQ(counted.group[0].lever_id, "five");
    EXPECT_EQ(counted.group[0].weekly, Money::from_pence(50'00));
    EXPECT_EQ(counted.group[0].annual, Money::from_pence(2600'00)); // × 52
    EXPECT_FALSE(counted.group[0].counted);
}

TEST(Finder, ATieInAGroupGoesToTheLeverListedFirst) {
    LedgerBook b;
    b.line(b.person("A", 40), 1000'00);
    b.line(b.person("B", 40), 400'00);
    // For A both save £100 a week: the first counts. For B the £100 amount beats 10% (£40).
    const auto rules = rules_of(percent_lever("ten", "review", "10%") +
                                "  - {id: amount, name: amount, group: review, cohort: open lines > 0, saving: {method: weekly amount, "
                                "low: '100', central: '100', high: '100'}}\n");
    const auto found = b.run(rules);
    EXPECT_EQ(to_money(found.levers[0].flags[0].net[1]), Money::from_pence(100'00));
    EXPECT_EQ(found.levers[1].flags[0].counted_in, 0);
    EXPECT_EQ(found.levers[0].flags[1].counted_in, 1);
    EXPECT_EQ(to_money(found.levers[1].flags[1].net[1]), Money::from_pence(100'00));
    EXPECT_EQ(to_money(found.net_by_effect[0][1]), Money::from_pence(200'00));
}

TEST(Finder, ACapBoundsAPersonsCombinedReductionsAndCutsTheLaterLevers) {
    // £1,000 a week, cap 25% = £250: 10% → £100; then 20% of the £900 left = £180, but only £150 is
    // left under the cap; then £50 a week → nothing. Income is not a reduction and is not cut.
    LedgerBook b;
    b.line(b.person("A", 40), 1000'00);
    const auto rules = rules_of(percent_lever("a", "", "10%") + percent_lever("b", "", "20%") +
                                    "  - {id: c, name: c, cohort: open lines > 0, saving: {method: weekly amount, low: '50', central: '50', high: '50'}}\n"
                                    "  - {id: d, name: d, cohort: open lines > 0, saving: {method: weekly amount, effect: income, low: '70', central: '70', high: '70'}}\n",
                                "25%");
    const auto found = b.run(rules);
    EXPECT_EQ(found.max_combined_reduction, 2500);
    EXPECT_EQ(to_money(found.levers[0].flags[0].net[1]), Money::from_pence(100'00));
    EXPECT_EQ(to_money(found.levers[1].flags[0].net[1]), Money::from_pence(150'00));
    EXPECT_EQ(to_money(found.levers[1].flags[0].before_cap), Money::from_pence(180'00));
    EXPECT_EQ(found.levers[2].flags[0].net[1], 0);
    EXPECT_EQ(to_money(found.levers[3].flags[0].net[1]), Money::from_pence(70'00));
    EXPECT_EQ(found.levers[0].capped, 0);
    EXPECT_EQ(found.levers[1].capped, 1);
    EXPECT_EQ(found.levers[2].capped, 1);
    EXPECT_EQ(found.people_capped, 1);
    EXPECT_EQ(to_money(found.net_by_effect[0][1]), Money::from_pence(250'00));
    EXPECT_EQ(to_money(found.net_by_effect[1][1]), Money::from_pence(70'00));
    const auto e = explain(b.table(), rules, found, found.levers[1].flags[0]);
    EXPECT_TRUE(e.capped);
    EXPECT_EQ(e.overlap, "a person's reductions together are at most 25% of the package; £150.00 a week was left under that cap, "
                         "so this lever adds £150.00 a week, not £180.00");
}

TEST(Finder, DisabledLeversAreSizedOnTheirOwnAndLeftOutOfTheNettingAndTotals) {
    LedgerBook b;
    b.line(b.person("A", 40), 1000'00);
    b.line(b.person("B", 70), 500'00);
    // The disabled 50% lever would win the group for everyone; it must not take A from the 10% one,
    // and B, whom only it flags, is not "flagged" in the totals.
    const auto rules = rules_of(percent_lever("wide", "review", "50%", false) +
                                "  - {id: ten, name: ten, group: review, cohort: age < 65, saving: {method: percent of cost, low: 10%, central: 10%, high: 10%}}\n");
    const auto found = b.run(rules, {{}, true, {}});
    ASSERT_EQ(found.levers.size(), 2u);
    EXPECT_FALSE(found.levers[0].in_totals);
    EXPECT_EQ(found.levers[0].people, 2);
    EXPECT_EQ(to_money(found.levers[0].standalone[1]), Money::from_pence(750'00));
    EXPECT_EQ(found.levers[0].net[1], 0);
    EXPECT_EQ(to_money(found.levers[1].flags[0].net[1]), Money::from_pence(100'00));
    EXPECT_EQ(found.levers[1].counted_elsewhere, 0);
    EXPECT_EQ(found.people_flagged, 1);
    EXPECT_EQ(to_money(found.net_by_effect[0][1]), Money::from_pence(100'00));
    // The same figures as a run without the disabled lever.
    const auto enabled_only = b.run(rules);
    ASSERT_EQ(enabled_only.levers.size(), 1u);
    EXPECT_EQ(enabled_only.net_by_effect, found.net_by_effect);
    EXPECT_EQ(enabled_only.people_flagged, found.people_flagged);
    EXPECT_EQ(explain(b.table(), rules, found, found.levers[0].flags[0]).overlap,
              "an alternative threshold (disabled in the catalogue): sized on its own, left out of the netting and the totals");
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
    EXPECT_EQ(error_of("name: x\nversion: '1'\nmax_combined_reduction: 120%\nlevers: []\n"),
              "council.yaml, line 3: 'max_combined_reduction' must be a percentage above 0% and at most 100%");
    EXPECT_EQ(error_of("name: x\nversion: '1'\nmax_combined_reduction: '0.5'\nlevers: []\n"),
              "council.yaml, line 3: 'max_combined_reduction' must be a percentage such as 10% or 0.58%");
    EXPECT_EQ(error_of("name: x\nversion: '1'\nmax_reduction: 50%\nlevers: []\n"),
              "council.yaml, line 3: unknown key 'max_reduction'; a rules file has: name, version, weeks_per_year, "
              "max_combined_reduction, levers");
    EXPECT_EQ(parse_rules("name: x\nversion: '1'\nlevers: [{id: a, name: A, cohort: age > 3}]\n", "x.yaml").max_combined_reduction,
              k_default_max_combined_reduction);
    EXPECT_EQ(default_rules().max_combined_reduction, 5000);
}

// For any ledger, any assumptions and any cap: per person, net reductions never exceed the cap ×
// the package; in each group at most one lever counts and the group's net is at most the largest
// saving on its own there; lever totals are the sums of their flags, net is never more than
// standalone, and low ≤ central ≤ high.
RC_GTEST_PROP(Finder, OverlapNeverExceedsTheCapOrTheLargestSavingInAGroup, ()) {
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
    const auto count = *rc::gen::inRange(1, 7);
    std::vector<std::string> groups;
    for (int i = 0; i < count; ++i) {
        const auto low = *rc::gen::inRange(0, 100), mid = *rc::gen::inRange(low, 101), high = *rc::gen::inRange(mid, 101);
        const bool amount = *rc::gen::arbitrary<bool>();
        groups.push_back(*rc::gen::element<std::string>("", "g", "h"));
        levers += "  - {id: l" + std::to_string(i) + ", name: L, cohort: " +
                  *rc::gen::element<std::string>("open lines > 0", "waking night", "age >= 65", "weekly cost > 1000") +
                  (groups.back().empty() ? "" : ", group: " + groups.back()) + ", saving: {method: " +
                  (amount ? "weekly amount, low: '" + std::to_string(low * 10) + "', central: '" + std::to_string(mid * 10) +
                                "', high: '" + std::to_string(high * 10) + "'"
                          : "percent of cost, low: " + std::to_string(low) + "%, central: " + std::to_string(mid) +
                                "%, high: " + std::to_string(high) + "%") +
                  "}}\n";
    }
    const auto cap = *rc::gen::inRange(1, 101);
    const auto rules = rules_of(levers, std::to_string(cap) + "%");
    const auto found = b.run(rules);
    const auto &weekly = b.table().facts().weekly_cost;
    std::vector<Amounts> per_person(static_cast<std::size_t>(people), Amounts{});
    // person → group → (levers counting, Σ net central, largest standalone central)
    std::map<std::pair<uint32_t, std::string>, std::array<int64_t, 3>> per_group;
    for (const auto &r : found.levers) {
        Amounts sum{};
        for (const auto &f : r.flags) {
            for (std::size_t s = 0; s < 3; ++s) {
                per_person[f.person][s] += f.net[s];
                sum[s] += f.net[s];
                RC_ASSERT(f.net[s] <= f.standalone[s]);
                if (s > 0) RC_ASSERT(f.standalone[s - 1] <= f.standalone[s]);
            }
            const auto &group = groups[r.lever];
            if (group.empty()) continue;
            auto &g = per_group[{f.person, group}];
            g[0] += f.counted_in < 0;
            g[1] += f.net[1];
            g[2] = std::max(g[2], f.standalone[1]);
        }
        RC_ASSERT(sum == r.net);
    }
    for (std::size_t p = 0; p < per_person.size(); ++p)
        for (std::size_t s = 0; s < 3; ++s) {
            RC_ASSERT(per_person[p][s] <= weekly[p] * k_sub_pence);
            RC_ASSERT(Int128{per_person[p][s]} * 100 <= Int128{weekly[p]} * k_sub_pence * cap);
        }
    for (const auto &[key, g] : per_group) {
        RC_ASSERT(g[0] == 1);
        RC_ASSERT(g[1] <= g[2]);
    }
    Amounts total{};
    for (const auto &r : found.levers)
        for (std::size_t s = 0; s < 3; ++s) total[s] += r.net[s];
    RC_ASSERT(total == found.net_by_effect[0]);
}

} // namespace ascent
