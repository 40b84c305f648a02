// Business cases and programmes net of overlap (app/netting.hpp): a worked-by-hand example of three
// people in two cases whose levers overlap, the same lever drawn on twice, and properties that hold
// for any ledger, catalogue and set of lines (net ≤ gross, each person counted once, order
// independence of the total).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <map>

#include "app/case_figures.hpp"
#include "app/ledger_analysis.hpp"

namespace ascent {

namespace {

using namespace opportunity;

// review: 20% of packages over £1,000 (group review); nights: £300 a week for waking nights (group
// review); chc: 40% of packages over £1,500 (group health). 52 weeks, cap 50%.
const RuleSet &hand_rules() {
    static const RuleSet rules = parse_rules(
        "name: hand\nversion: '1'\nweeks_per_year: '52'\nmax_combined_reduction: 50%\nlevers:\n"
        "  - {id: review, name: Review, group: review, cohort: weekly cost > 1000, confidence: 80, saving: {method: percent of cost, low: 10%, central: 20%, high: 30%}}\n"
        "  - {id: nights, name: Nights, group: review, cohort: waking night, confidence: 50, saving: {method: weekly amount, low: '200', central: '300', high: '400'}}\n"
        "  - {id: chc, name: CHC, group: health, cohort: weekly cost > 1500, confidence: 60, saving: {method: percent of cost, low: 40%, central: 40%, high: 40%}}\n",
        "hand.yaml");
    return rules;
}

// A: £2,000 a week with a waking night (in all three levers); B: £1,200 (review only); C: £800 with a
// waking night (nights only).
test::LedgerBook hand_ledger() {
    test::LedgerBook b;
    b.ledger.lines.night[b.line(b.person("A", 30), 2000'00)] = NightSupport::waking;
    b.line(b.person("B", 30), 1200'00);
    b.ledger.lines.night[b.line(b.person("C", 30), 800'00)] = NightSupport::waking;
    return b;
}

cases::BusinessCase case_of(const std::string &id, const std::vector<std::string> &levers) {
    std::string text = "id: " + id + "\ntitle: Case " + id + "\nfirst_year: 2026/27\nyears: 2\noptions:\n  - name: Only\n    lines:\n";
    for (const auto &lever : levers) text += "      - {name: " + lever + " line, kind: weekly, cohort: {lever: " + lever + "}}\n";
    return cases::read_case(text, id + ".yaml");
}

app::Claim claim(const std::string &case_id, std::size_t line, const std::string &lever) {
    return {case_id, "Case " + case_id, 0, line, lever + " line", lever};
}

} // namespace

TEST(Netting, TwoCasesWorkedByHand) {
    // By hand, a week (catalogue order review, nights, chc):
    //  A: review 20% × £2,000 = £400 and nights £300 are both in the 'review' group: review's £400 is
    //     larger and counts, nights' £300 is netted off. chc: 40% of the £1,600 left = £640, but the
    //     cap leaves 50% × £2,000 − £400 = £600, so £600 (on its own chc is 40% × £2,000 = £800).
    //  B: review £240.  C: nights £300.
    //  Gross (each line on its own): review 400 + 240 = 640; chc 800; nights 300 + 300 = 600: £2,040.
    //  Net: review 640; chc 600; nights 300 (C only): £1,540. Deducted £500 = chc £200 + nights £300.
    //  × 52 weeks: gross £106,080, net £80,080, deducted £26,000.
    auto book = hand_ledger();
    const auto a = test::analysis_of(book, hand_rules());
    cases::Programme p = cases::programme_of({case_of("X", {"review", "chc"}), case_of("Y", {"nights"})}, 2);
    const auto f = app::programme_figures(p, [&]() -> const app::Analysis & { return *a; }, {});
    ASSERT_TRUE(f.netting);
    const auto &n = *f.netting;
    ASSERT_EQ(n.claims.size(), 3u);
    const auto money = [](int64_t pounds) { return Money::from_pounds(pounds); };
    EXPECT_EQ(n.claims[0].gross_annual, money(640 * 52));
    EXPECT_EQ(n.claims[0].net_annual, money(640 * 52));
    EXPECT_EQ(n.claims[1].gross_annual, money(800 * 52));
    EXPECT_EQ(n.claims[1].net_annual, money(600 * 52));
    EXPECT_EQ(n.claims[2].gross_annual, money(600 * 52));
    EXPECT_EQ(n.claims[2].net_annual, money(300 * 52));
    EXPECT_EQ(n.claims[2].people, 2);
    EXPECT_EQ(n.claims[2].people_counted, 1);
    EXPECT_EQ(n.gross_annual, money(106'080));
    EXPECT_EQ(n.net_annual, money(80'080));
    EXPECT_EQ(n.deducted_annual, money(26'000));
    EXPECT_EQ(n.people, 3);
    // Pairs: only A is in more than one line. X's review and chc: chc's £200; review and nights: nights'
    // £300; chc and nights: £500.
    ASSERT_EQ(n.pairs.size(), 3u);
    EXPECT_EQ(n.pairs[0].a, 0u);
    EXPECT_EQ(n.pairs[0].b, 1u);
    EXPECT_EQ(n.pairs[0].people, 1);
    EXPECT_EQ(n.pairs[0].deducted, money(200 * 52));
    EXPECT_EQ(n.pairs[1].deducted, money(300 * 52));
    EXPECT_EQ(n.pairs[2].deducted, money(500 * 52));
    // The budget table is made of the net figures: 2026/27 is £80,080 (no phasing, full confidence).
    EXPECT_EQ(cases::total_by_year(f.table), (std::vector<int64_t>{80'080'00, 0}));
    ASSERT_EQ(f.table.rows.size(), 2u);
    EXPECT_EQ(f.table.rows[0].years[0], (640 + 600) * 52 * 100);
    EXPECT_EQ(f.table.rows[1].years[0], 300 * 52 * 100);
    // The text states the rule, the gross, the deduction and the net.
    const auto text = app::format_programme_figures(f);
    EXPECT_NE(text.find("within an overlap group the lever with the largest saving on its own for that person counts"), std::string::npos);
    EXPECT_NE(text.find("at most 50% of it"), std::string::npos);
    EXPECT_NE(text.find("X chc line and Y nights line: 1 people, £26,000.00 deducted"), std::string::npos) << text;
    EXPECT_NE(text.find("£106,080.00"), std::string::npos);
    // Plausibility: the packages cost £4,000 a week, £208,000 a year; the programme's £80,080 is 38.50%
    // of it, far above what councils in the evidence library saved in a year.
    ASSERT_TRUE(f.plausibility);
    EXPECT_EQ(f.plausibility->gross_annual, money(208'000));
    const auto &total = f.plausibility->checks.back();
    EXPECT_EQ(total.share, 385'000);
    EXPECT_EQ(total.verdict, app::Verdict::above);
    EXPECT_EQ(total.message.rfind("£80,080 a year is 38.50% of the council's gross spend on care packages (£208,000): above what three "
                                  "councils in four in the evidence library saved in a year (upper quartile ", 0), 0u)
        << total.message;
}

TEST(Netting, ACaseIsNetOfItsOwnLinesOnlyAndItsProfileShowsGrossAndNet) {
    auto book = hand_ledger();
    const auto a = test::analysis_of(book, hand_rules());
    const auto f = app::case_figures(case_of("X", {"review", "chc"}), [&]() -> const app::Analysis & { return *a; }, {});
    ASSERT_EQ(f.netting.size(), 1u);
    EXPECT_EQ(f.netting[0].gross_annual, Money::from_pounds(1440 * 52));
    EXPECT_EQ(f.netting[0].net_annual, Money::from_pounds(1240 * 52));
    EXPECT_EQ(f.profiles[0].net[0], 1240 * 52 * 100);
    EXPECT_EQ(f.profiles[0].lines[1].workings,
              "£600.00 a week × 1 people = £600.00 a week; × 52 weeks (the lever catalogue's) = £31,200.00 a year; from 01/04/2026: 12 of "
              "12 months in 2026/27; cohort: lever chc on the ledger at 31/03/2026, net of overlap with the other lines of option 'Only': "
              "on its own 1 people and £41,600.00 a year, £10,400.00 deducted; counted here (1 people)");
}

TEST(Netting, TheSameLeverTwiceIsKeptByTheCaseListedFirstAndTheTotalDoesNotChange) {
    auto book = hand_ledger();
    const auto a = test::analysis_of(book, hand_rules());
    const auto run = [&](std::vector<app::Claim> claims) { return app::net_claims(*a, std::move(claims), "test"); };
    const auto yz = run({claim("Y", 0, "nights"), claim("Z", 0, "nights")});
    const auto zy = run({claim("Z", 0, "nights"), claim("Y", 0, "nights")});
    // Alone in the netting, nights takes A and C: £600 a week; the second line on it keeps nobody.
    EXPECT_EQ(yz.claims[0].net_annual, Money::from_pounds(600 * 52));
    EXPECT_EQ(yz.claims[1].net_annual, Money{});
    EXPECT_EQ(yz.claims[1].people_counted, 0);
    EXPECT_EQ(zy.claims[0].claim.case_id, "Z");
    EXPECT_EQ(zy.claims[0].net_annual, Money::from_pounds(600 * 52));
    EXPECT_EQ(yz.net_annual, zy.net_annual);
    EXPECT_EQ(yz.gross_annual, Money::from_pounds(1200 * 52));
    EXPECT_EQ(yz.pairs.size(), 1u);
    EXPECT_EQ(yz.pairs[0].people, 2);
}

TEST(Netting, ALineOnACohortExpressionIsShownGrossAndSaysSo) {
    auto book = hand_ledger();
    const auto a = test::analysis_of(book, hand_rules());
    auto c = case_of("X", {"review"});
    c.options[0].lines.push_back(c.options[0].lines[0]);
    c.options[0].lines[1].name = "Expression line";
    c.options[0].lines[1].cohort = cases::CohortLink{"", "weekly cost > 0", 10'0000, std::nullopt};
    const auto n = app::net_case(*a, c);
    ASSERT_EQ(n.options[0].not_netted.size(), 1u);
    EXPECT_EQ(n.options[0].not_netted[0], "X Expression line");
    EXPECT_NE(app::format_netting(n.options[0]).find("Not netted: X Expression line draws on a cohort expression, not a lever; it is shown gross"),
              std::string::npos);
}

// For any ledger, catalogue and lines: the net total is never more than the gross, never more than
// the finder's own net of those levers, each lever's people are kept by one line at most, and the
// total does not depend on the order of the lines.
RC_GTEST_PROP(Netting, NetIsAtMostGrossEachPersonOnceAndTheTotalIsOrderIndependent, ()) {
    test::LedgerBook book;
    const auto people = *rc::gen::inRange(1, 30);
    for (int p = 0; p < people; ++p) {
        const auto who = book.person("P" + std::to_string(p), *rc::gen::inRange(18, 100));
        const auto lines = *rc::gen::inRange(0, 3);
        for (int l = 0; l < lines; ++l)
            book.ledger.lines.night[book.line(who, *rc::gen::inRange<int64_t>(0, 300000))] = *rc::gen::element(NightSupport::none, NightSupport::waking);
    }
    std::string levers;
    const auto count = *rc::gen::inRange(1, 5);
    for (int i = 0; i < count; ++i) {
        const auto low = *rc::gen::inRange(0, 60), mid = *rc::gen::inRange(low, 61), high = *rc::gen::inRange(mid, 61);
        levers += "  - {id: l" + std::to_string(i) + ", name: L, cohort: " +
                  *rc::gen::element<std::string>("open lines > 0", "waking night", "age >= 65", "weekly cost > 1000") + ", group: " +
                  *rc::gen::element<std::string>("g", "h", "k") + ", saving: {method: percent of cost, low: " + std::to_string(low) +
                  "%, central: " + std::to_string(mid) + "%, high: " + std::to_string(high) + "%}}\n";
    }
    const auto rules = parse_rules("name: p\nversion: '1'\nweeks_per_year: '52'\nmax_combined_reduction: " +
                                       std::to_string(*rc::gen::inRange(1, 101)) + "%\nlevers:\n" + levers,
                                   "p.yaml");
    const auto a = test::analysis_of(book, rules);
    std::vector<app::Claim> claims;
    const auto n_claims = *rc::gen::inRange(1, 6);
    for (int i = 0; i < n_claims; ++i)
        claims.push_back(claim("C" + std::to_string(i), 0, "l" + std::to_string(*rc::gen::inRange(0, count))));
    const auto n = app::net_claims(*a, claims, "p");
    RC_ASSERT(n.net_annual <= n.gross_annual);
    Money gross;
    std::map<std::string, int64_t> counted_by_lever;
    for (const auto &c : n.claims) {
        RC_ASSERT(c.net[1] <= c.gross[1]);
        RC_ASSERT(c.people_counted <= c.people);
        counted_by_lever[c.claim.lever] += c.people_counted;
        gross += c.gross_annual;
    }
    RC_ASSERT(gross >= n.gross_annual - Money::from_pence(static_cast<int64_t>(n.claims.size()))); // each rounded once
    // Each person is counted once: the lines on a lever keep at most its people, and the people kept in
    // any lever are no more than the distinct people flagged.
    int64_t counted = 0;
    for (const auto &[lever, kept] : counted_by_lever) {
        RC_ASSERT(kept <= a->lever_result(lever)->people);
        counted += kept;
    }
    // The netting is the finder's own, on just these levers.
    FindOptions only;
    only.net_only_named = true;
    for (const auto &[lever, kept] : counted_by_lever) only.only.push_back(lever);
    const auto finder = find_opportunities(*a->table, rules, only);
    RC_ASSERT(n.net_annual == full_year(finder.net_by_effect[0][1], rules.weeks));
    // Order independence of the total.
    auto shuffled = claims;
    std::reverse(shuffled.begin(), shuffled.end());
    const auto r = app::net_claims(*a, shuffled, "p");
    RC_ASSERT(r.net_annual == n.net_annual);
    RC_ASSERT(r.gross_annual == n.gross_annual);
    RC_ASSERT(r.people == n.people);
}

} // namespace ascent
