// The profiling engine: the council documents' financial tables reproduced to the penny through
// case files, each mismatch the documents contain found, the mechanisms one by one, invariants as
// property tests, the YAML/JSON round trip and bad case files.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "cases/case_text.hpp"
#include "cases/reconcile.hpp"
#include "core/error.hpp"

namespace ascent::cases {

namespace {

BusinessCase document(const std::string &name) {
    return read_case_file(std::string(ASCENT_TESTS) + "/cases/documents/" + name + ".yaml");
}

// The checks that do not agree: what and the difference in pence.
std::vector<std::pair<std::string, int64_t>> mismatches(const BusinessCase &c) {
    std::vector<std::pair<std::string, int64_t>> out;
    for (const auto &k : reconcile(c, profile_case(c)))
        if (!k.agrees) out.emplace_back(k.what.substr(0, k.what.find(':')), k.difference);
    return out;
}

// A one-option case around `line`, over `years` from 2018/19.
BusinessCase one_line(const Line &line, int years = 4) {
    BusinessCase c;
    c.id = "T";
    c.first_year = FinancialYear(2018);
    c.years = years;
    c.options.push_back({"only", "", true, {line}, {}});
    return c;
}

} // namespace

TEST(CaseProfile, Cambridgeshire6115PartYearThenTheRestOfTheFullYear) {
    const auto c = document("cambs-ar-6-115");
    const auto p = profile_case(c).front();
    EXPECT_EQ(p.net, (std::vector<int64_t>{70'833'33, 170'000'00}));       // 5/12 of £170,000, then all of it
    EXPECT_EQ(Profile::incremental(p.net), (std::vector<int64_t>{70'833'33, 99'166'67}));
    EXPECT_EQ(p.full_year_effect, 170'000'00);
    EXPECT_TRUE(mismatches(c).empty()); // "70k" and "100k" to the £10K, as printed
}

TEST(CaseProfile, Cambridgeshire7108WeeklyTimesPeopleTimesWeeksOfRespite) {
    const auto c = document("cambs-ar-7-108");
    const auto p = profile_case(c).front();
    EXPECT_EQ(p.lines[0].weekly, 8'236'80);   // £124.80 × 66
    EXPECT_EQ(p.income, (std::vector<int64_t>{24'710'40})); // × 3 weeks
    EXPECT_TRUE(mismatches(c).empty());
}

TEST(CaseProfile, Cambridgeshire7109OptionsSideBySide) {
    const auto c = document("cambs-ar-7-109");
    const auto profiles = profile_case(c);
    ASSERT_EQ(profiles.size(), 4u);
    std::vector<int64_t> annual, weekly;
    for (const auto &p : profiles) {
        annual.push_back(p.income[0]);
        weekly.push_back(*p.lines[0].weekly);
    }
    EXPECT_EQ(annual, (std::vector<int64_t>{226'956'60, 185'616'60, 144'276'60, 102'936'60}));
    EXPECT_EQ(weekly, (std::vector<int64_t>{4'364'55, 3'569'55, 2'774'55, 1'979'55}));
    EXPECT_TRUE(mismatches(c).empty());
}

TEST(CaseProfile, Cambridgeshire6127ReinvestmentNettedAndTheHeaderDiffers) {
    const auto c = document("cambs-ar-6-127");
    const auto p = profile_case(c).front();
    EXPECT_EQ(p.gross[0], 373'000'00);
    EXPECT_EQ(p.reinvestment[0], 60'000'00);
    EXPECT_EQ(p.net[0], 313'000'00);
    EXPECT_EQ(p.investment_elsewhere[0], 120'000'00); // Transformation Fund: shown, not netted
    EXPECT_EQ(p.full_year_effect, 313'000'00);
    // The case is headed "Saving £315k"; its own figures give £313k.
    EXPECT_EQ(mismatches(c), (std::vector<std::pair<std::string, int64_t>>{{"headline saving", -2'000'00}}));
}

TEST(CaseProfile, Cambridgeshire6173CapacityOptionsAndTheHeaderDiffers) {
    const auto c = document("cambs-ar-6-173");
    const auto profiles = profile_case(c);
    EXPECT_EQ(profiles[0].income, (std::vector<int64_t>{120'242'79, 267'579'08, 247'849'02, 128'164'41, 27'651'68}));
    EXPECT_EQ(profiles[1].income, (std::vector<int64_t>{208'373'89, 412'679'98, 204'306'09, 0, 0}));
    // "Saving £412K" heads the case; Option 3's 2018/19 income is £412,680, £413K to the £1K.
    EXPECT_EQ(mismatches(c), (std::vector<std::pair<std::string, int64_t>>{{"headline saving", 679'98}}));
}

TEST(CaseProfile, BuryInvestToSaveNettedOff) {
    const auto c = document("bury-working-age-adults");
    const auto p = profile_case(c).front();
    EXPECT_EQ(p.net, (std::vector<int64_t>{1'000'000'00, 1'700'000'00, 1'700'000'00}));
    EXPECT_EQ(Profile::incremental(p.net), (std::vector<int64_t>{1'000'000'00, 700'000'00, 0}));
    EXPECT_EQ(p.investment[0], 308'000'00);
    EXPECT_TRUE(mismatches(c).empty());
}

TEST(CaseProfile, EvenPhasingGivesAHalfYearEffectFirst) {
    Line l;
    l.name = "reviews through the year";
    l.amount = 120'000'00;
    l.phasing = Phasing::even;
    const auto p = profile_case(one_line(l, 2)).front();
    EXPECT_EQ(p.net, (std::vector<int64_t>{60'000'00, 120'000'00}));
    l.lasts = 1; // each review's saving lasts a year: the other half falls in the next year
    EXPECT_EQ(profile_case(one_line(l, 3)).front().net, (std::vector<int64_t>{60'000'00, 60'000'00, 0}));
}

TEST(CaseProfile, ConfidenceAttritionAndDecay) {
    Line l;
    l.name = "per person";
    l.kind = LineKind::weekly;
    l.amount = 13'83;             // £13.83 a week
    l.people = 100'00;            // 100 people
    l.decay = 200'000;            // 20% a year, to the penny: £11.06, £8.85, £7.08
    l.attrition = {1'000'000, 770'000, 650'000, 450'000};
    l.confidence = 500'000;
    const auto p = profile_case(one_line(l)).front();
    // 100 × rate × 52 × likelihood × 50%
    EXPECT_EQ(p.net, (std::vector<int64_t>{35'958'00, 22'142'12, 14'956'50, 8'283'60}));
}

TEST(CaseProfile, PercentagesReadFromAFile) {
    const auto c = read_case(R"(
id: T
title: the same line as above, from YAML
first_year: 2018/19
years: 4
options:
  - name: only
    lines:
      - {name: per person, kind: weekly, rate: "13.83", people: "100", decay: "20%", confidence: "50%",
         attrition: ["100%", "77%", "65%", "45%"]}
)", "t.yaml");
    EXPECT_EQ(profile_case(c).front().net, (std::vector<int64_t>{35'958'00, 22'142'12, 14'956'50, 8'283'60}));
    EXPECT_THROW(read_case("id: T\ntitle: t\nfirst_year: 2018/19\noptions:\n  - name: o\n    lines:\n"
                           "      - {name: l, amount: '5', confidence: '150%'}\n", "t.yaml"),
                 Error);
}

TEST(CaseProfile, PartYearByDays) {
    Line l;
    l.name = "from 1 October";
    l.amount = 365'000'00;
    l.start = Date::ymd(2018, 10, 1);
    l.part_year = PartYear::days;
    EXPECT_EQ(profile_case(one_line(l, 2)).front().net, (std::vector<int64_t>{182'000'00, 365'000'00})); // 182 of 365 days
}

TEST(CaseProfile, CohortLinesNeedALedger) {
    Line l;
    l.name = "high cost";
    l.kind = LineKind::weekly;
    l.cohort = CohortLink{"high_cost_1800", "", 0, std::nullopt};
    EXPECT_THROW(profile_case(one_line(l)), Error);
    const auto p = profile_case(one_line(l, 1), [](const CohortLink &) {
        return CohortFigures{118'00, 250'000'00, 11'800'00, "lever high_cost_1800", std::nullopt, std::nullopt, std::nullopt, 0};
    }).front();
    EXPECT_EQ(p.net[0], 11'800'00 * 52); // the lever's central saving: £100 a person a week
    EXPECT_NE(p.lines[0].workings.find("lever high_cost_1800 (118 people)"), std::string::npos) << p.lines[0].workings;
}

// Yearly increments of an ongoing saving add up to its full-year effect, whatever the start,
// part-year method, phasing and confidence.
// An annual line of any amount starting any day of 2018/19, part-year by months or days, from the
// start or spread evenly.
Line any_line() {
    Line l;
    l.name = "any";
    l.amount = *rc::gen::inRange<int64_t>(0, 50'000'000'00);
    l.start = Date::ymd(2018, 4, 1).plus_days(*rc::gen::inRange(0, 365));
    l.part_year = *rc::gen::element(PartYear::months, PartYear::days);
    l.phasing = *rc::gen::element(Phasing::from_start, Phasing::even);
    return l;
}

RC_GTEST_PROP(CaseProfileProperty, IncrementsSumToTheFullYearEffect, ()) {
    Line l = any_line();
    l.confidence = *rc::gen::inRange<int64_t>(0, k_ppm + 1);
    const auto p = profile_case(one_line(l, 3)).front();
    int64_t sum = 0;
    for (const auto v : Profile::incremental(p.net)) sum += v;
    RC_ASSERT(sum == p.full_year_effect);
}

// An effect that lasts N years adds up to N full years, to within a penny a year of rounding.
RC_GTEST_PROP(CaseProfileProperty, TemporaryEffectsAddUpToTheirYears, ()) {
    Line l = any_line();
    l.lasts = *rc::gen::inRange(1, 4);
    const auto p = profile_case(one_line(l, 6)).front();
    int64_t sum = 0;
    for (const auto v : p.net) sum += v;
    RC_ASSERT(std::abs(sum - l.amount * l.lasts) <= 6);
}

// Checking a stated figure rounds a copy for comparison; the profile is unchanged.
RC_GTEST_PROP(CaseProfileProperty, DisplayRoundingNeverChangesStoredValues, ()) {
    Line l;
    l.name = "any";
    l.amount = *rc::gen::inRange<int64_t>(0, 50'000'000'00);
    auto c = one_line(l, 1);
    c.headline = StatedFigure{FinancialYear(2018), Basis::in_year, "net", *parse_stated("£1.7m")};
    const auto before = profile_case(c);
    const auto checks = reconcile(c, before);
    (void)format_profiles(c, before, checks);
    RC_ASSERT(before.front().net == profile_case(c).front().net);
    RC_ASSERT(checks.front().computed == l.amount);
}

TEST(CaseFile, StatedAmountsKeepTheirPrecision) {
    EXPECT_EQ(parse_stated("£412K")->pence, 412'000'00);
    EXPECT_EQ(parse_stated("£412K")->unit, 1'000'00);
    EXPECT_EQ(parse_stated("£1.7m")->unit, 100'000'00);
    EXPECT_EQ(parse_stated("£1.000m")->unit, 1'000'00);
    EXPECT_EQ(parse_stated("24,710")->unit, 1'00);
    EXPECT_EQ(parse_stated("4,364.55")->unit, 1);
    EXPECT_FALSE(parse_stated("about 5"));
}

TEST(CaseFile, YamlAndJsonRoundTripEveryDocumentCase) {
    for (const auto *name : {"cambs-ar-6-115", "cambs-ar-6-127", "cambs-ar-6-173", "cambs-ar-7-108", "cambs-ar-7-109",
                             "bury-working-age-adults"}) {
        const auto c = document(name);
        const auto yaml = write_case_yaml(c);
        const auto again = read_case(yaml, "round-trip.yaml");
        EXPECT_EQ(write_case_yaml(again), yaml) << name;
        const auto from_json = read_case(write_case_json(c), "round-trip.json");
        EXPECT_EQ(write_case_yaml(from_json), yaml) << name;
        EXPECT_EQ(profile_case(from_json).front().net, profile_case(c).front().net) << name;
        EXPECT_EQ(again.sections, c.sections) << name;
    }
}

TEST(CaseFile, BadCasesNameTheFileLineAndWhatWasExpected) {
    const auto error = [](const std::string &text) {
        try {
            read_case(text, "case.yaml");
        } catch (const Error &e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    const std::string head = "id: X\ntitle: T\nfirst_year: 2018/19\n";
    EXPECT_EQ(error(head), "case.yaml, line 1: 'options' must list at least one delivery option, each with its financial 'lines'");
    EXPECT_EQ(error(head + "options:\n  - name: A\n    lines:\n      - {name: L, amount: lots}\n"),
              "case.yaml, line 7: 'amount' (£ a year) must be an amount in pounds such as 170,000 or 27.45");
    EXPECT_EQ(error(head + "sections:\n  summary: x\noptions: []\n").substr(0, 45), "case.yaml, line 5: unknown section 'summary';");
    EXPECT_EQ(error(head + "years: 2\noptions:\n  - name: A\n    lines:\n      - {name: L, kind: explicit, years: {2021/22: 5}}\n"),
              "case.yaml, line 8: 2021/22 is outside the case's years 2018/19 to 2019/20");
    EXPECT_EQ(error(head + "options:\n  - name: A\n    lines:\n      - {name: L, kind: weekly, rate: 5}\n"),
              "case.yaml, line 7: a weekly line needs 'people' or a 'cohort'");
    EXPECT_EQ(error("id: X\ntitle: T\nfirst_year: 2018\noptions: []\n"),
              "case.yaml, line 3: 'first_year' must be a financial year such as 2018/19");
}

} // namespace ascent::cases
