// The reassessment backlog model: Cambridgeshire A/R.6.173's option tables reproduced to the
// pound, the rounded figures' difference reported, officers and decay, and bad files.
#include <gtest/gtest.h>

#include "charging/backlog.hpp"
#include "core/error.hpp"

namespace ascent {

namespace {

using namespace charging;

std::vector<int64_t> pounds(const std::vector<int64_t> &pence) {
    std::vector<int64_t> out;
    for (auto p : pence) out.push_back(Money::from_pence(p).rounded_to(100, RoundingMode::half_up).pence() / 100);
    return out;
}

} // namespace

TEST(BacklogModel, ReproducesCambridgeshireOptionTables) {
    const auto model = read_backlog_file(std::string(ASCENT_TESTS) + "/charging/backlog_cambs.yaml");
    const auto p = project(model);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(pounds(p[0].income), (std::vector<int64_t>{120'243, 267'579, 247'849, 128'164, 27'652}));
    EXPECT_EQ(pounds(p[1].income), (std::vector<int64_t>{208'374, 412'680, 204'306}));
    // "Total over whole period £791k" and "£825k".
    EXPECT_EQ(pounds({p[0].total_income})[0], 791'487);
    EXPECT_EQ(pounds({p[1].total_income})[0], 825'360);
    EXPECT_EQ(p[0].assessments, 2001'00);
    const auto text = format_backlog(model, p);
    EXPECT_NE(text.find("£267,579"), std::string::npos) << text;
    EXPECT_NE(text.find("NA"), std::string::npos);
}

// With the rounded percentages the document prints, the same arithmetic gives other figures:
// the published table cannot be rebuilt from its own rounded inputs. ascent shows the difference.
TEST(BacklogModel, DisplayedRoundedFiguresDifferFromThePublishedTable) {
    const auto model = read_backlog(R"(
name: as displayed
first_year: 2017/18
weeks_per_year: "52.14"
options:
  - name: Option 2 as printed
    years:
      - {assessments: "333.5", increase: "13.83", likelihood: "100%"}
      - {assessments: "667", increase: "11.06", likelihood: "77%"}
      - {assessments: "667", increase: "8.85", likelihood: "65%"}
      - {assessments: "333.5", increase: "7.08", likelihood: "45%"}
)", "displayed.yaml");
    const auto income = pounds(project(model)[0].income);
    EXPECT_EQ(income, (std::vector<int64_t>{120'243, 268'328, 248'114, 127'729, 27'700}));
    const std::vector<int64_t> published = {120'243, 267'579, 247'849, 128'164, 27'652};
    int64_t difference = 0;
    for (std::size_t i = 0; i < income.size(); ++i) difference += income[i] - published[i];
    EXPECT_EQ(difference, 627); // £792,114 against the published £791,487
}

TEST(BacklogModel, OfficersDecayAndTheBacklogCap) {
    const auto model = read_backlog(R"(
name: four or eight officers
first_year: 2026/27
weeks_per_year: "52"
backlog: 2000
income_years: 2
options:
  - name: four officers
    officers: ["4", "4", "4"]
    per_officer: "166.75"
    increase: "10.00"
    decay: "20%"
    likelihood: ["100%", "80%", "60%"]
    officer_cost: "30000"
  - name: eight officers
    officers: ["8", "8"]
    per_officer: "166.75"
    increase: "10.00"
    decay: "20%"
    likelihood: ["100%", "80%"]
)", "m.yaml");
    const auto &four = model.options[0].years;
    ASSERT_EQ(four.size(), 3u);
    EXPECT_EQ(four[0].assessments, 667'00);
    EXPECT_EQ(four[1].increase, 8'0000);  // £10 less 20%
    EXPECT_EQ(four[2].increase, 6'4000);
    const auto &eight = model.options[1].years;
    EXPECT_EQ(eight[0].assessments, 1334'00);
    EXPECT_EQ(eight[1].assessments, 666'00); // what is left of the 2,000
    const auto p = project(model);
    // Year 1: 667 × £10 × 52 × 100% ÷ 2 = £173,420; income lasts two years, so year 2 has all of
    // it again plus half of year 2's cohort: 667 × £8 × 52 × 80% ÷ 2 = £110,988.80.
    EXPECT_EQ(p[0].income[0], 173'420'00);
    EXPECT_EQ(p[0].income[1], 346'840'00 + 110'988'80);
    EXPECT_EQ(p[0].income.size(), 5u);
    EXPECT_EQ(p[0].total_cost, 3 * 4 * 30'000'00);
    EXPECT_TRUE(p[1].cost.empty());
    int64_t sum = 0;
    for (auto v : p[0].income) sum += v;
    EXPECT_LE(std::abs(sum - p[0].total_income), 5); // each year rounded once; the total from the exact sum
}

TEST(BacklogModel, BadFilesGetClearErrors) {
    const auto error_of = [](const std::string &text) {
        try {
            read_backlog(text, "b.yaml");
        } catch (const Error &e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(error_of("name: x\noptions: []\n"),
              "b.yaml, line 1: a backlog model is a mapping with 'name', 'first_year' and a list of 'options'");
    EXPECT_EQ(error_of("name: x\nfirst_year: 2017\noptions: []\n"),
              "b.yaml, line 2: 'first_year' must be a financial year such as 2017/18");
    EXPECT_EQ(error_of("name: x\nfirst_year: 2017/18\noptions:\n  - name: o\n    years:\n      - {assessments: \"-3\", "
                       "increase: \"1\", likelihood: \"50%\"}\n"),
              "b.yaml, line 6: 'assessments' must be a number of 0 or more with at most 2 decimal places, not '-3'");
    EXPECT_EQ(error_of("name: x\nfirst_year: 2017/18\noptions:\n  - name: o\n    years:\n      - {assessments: \"3\", "
                       "increase: \"1\", likelihood: \"0.5\"}\n"),
              "b.yaml, line 6: 'likelihood' must be a percentage such as 77%, not '0.5'");
    // A missing figure is named at its year's line (it once escaped as an internal error).
    EXPECT_EQ(error_of("name: x\nfirst_year: 2017/18\noptions:\n  - name: o\n    years:\n      - {assessments: \"3\", "
                       "likelihood: \"50%\"}\n"),
              "b.yaml, line 6: 'increase' (pounds a week) is missing");
    EXPECT_EQ(error_of("name: x\nfirst_year: 2017/18\noptions:\n  - name: o\n    officers: [\"4\"]\n    likelihood: []\n"),
              "b.yaml, line 6: option 'o': 'likelihood' needs one value for each year of 'officers'");
    // Issue 20: `weeks: 52` was silently ignored and the model ran at 52.14 weeks a year.
    EXPECT_EQ(error_of("name: x\nfirst_year: 2017/18\nweeks: 52\noptions: []\n"),
              "b.yaml, line 3: unknown key 'weeks' in a backlog model; expected one of: name, first_year, weeks_per_year, "
              "income_years, backlog, overdue_months, options");
    EXPECT_EQ(error_of("name: x\nfirst_year: 2017/18\noptions:\n  - name: o\n    officer: 3\n"),
              "b.yaml, line 5: unknown key 'officer' in a backlog option; expected one of: name, officer_cost, years, officers, "
              "likelihood, per_officer, increase, decay");
    EXPECT_EQ(error_of("name: x\nfirst_year: 2017/18\nname: y\noptions: []\n"),
              "b.yaml, line 3: the key 'name' is given twice in this mapping (first on line 1); expected each key once");
    // A list where a number belongs is named with its line.
    EXPECT_EQ(error_of("name: x\nfirst_year: 2017/18\nincome_years: [1, 2]\noptions: []\n"),
              "b.yaml, line 3: 'income_years' must be a whole number of years, 1 to 10");
    // Every key is checked, at the top, in an option and in a year.
    const std::string top = "name: x\nfirst_year: 2017/18\n";
    const std::string year = "  - name: o\n    years:\n      - {assessments: \"3\", increase: \"1\", likelihood: \"50%\"";
    EXPECT_EQ(error_of(top + "colour: red\noptions: []\n"),
              "b.yaml, line 3: unknown key 'colour' in a backlog model; expected one of: name, first_year, weeks_per_year, "
              "income_years, backlog, overdue_months, options");
    EXPECT_EQ(error_of(top + "options:\n  - name: o\n    officer: [\"4\"]\n"),
              "b.yaml, line 5: unknown key 'officer' in a backlog option; expected one of: name, officer_cost, years, officers, "
              "likelihood, per_officer, increase, decay");
    EXPECT_EQ(error_of(top + "options:\n" + year + ", likelyhood: \"50%\"}\n"),
              "b.yaml, line 6: unknown key 'likelyhood' in a year of a backlog option; expected one of: assessments, increase, likelihood");
    EXPECT_EQ(error_of(top + "overdue_months: 6\noptions: []\n"),
              "b.yaml, line 3: 'overdue_months' is for a backlog from the ledger ('backlog: ledger')");
    EXPECT_EQ(error_of(top + "backlog: ledger\noptions: []\n"),
              "b.yaml, line 3: 'backlog: ledger' needs the ledger: run it against a council database");
}

// `backlog: ledger` takes the backlog from the ledger's overdue reassessments (stays_test.cpp
// counts them), asked for with the model's `overdue_months`, and caps the derived years.
TEST(BacklogModel, TheBacklogFromTheLedger) {
    int asked = 0;
    const auto cohort = [&](int months) {
        asked = months;
        return BacklogCohort{Date::ymd(2026, 9, 30), months, 5'000, 300, 40};
    };
    const auto [m, from] = parse_backlog("name: x\nfirst_year: 2026/27\nbacklog: ledger\noverdue_months: 18\noptions:\n  - name: o\n"
                                "    officers: [\"1\", \"1\"]\n    per_officer: \"200\"\n    increase: \"10\"\n"
                                "    likelihood: [\"100%\", \"80%\"]\n",
                                "b.yaml", cohort);
    EXPECT_EQ(asked, 18);
    EXPECT_EQ(m.backlog, 300'00);
    ASSERT_EQ(m.options[0].years.size(), 2u);
    EXPECT_EQ(m.options[0].years[0].assessments, 200'00);
    EXPECT_EQ(m.options[0].years[1].assessments, 100'00) << "capped by what is left of the 300 overdue";
    EXPECT_NE(format_backlog(m, project(m), from).find("Backlog from the ledger on 30/09/2026: 300 of the 5,000 people receiving care (not S117 "
                                                "aftercare) were last financially assessed more than 18 months before it (40 with no "
                                                "assessment date recorded are not counted)"),
              std::string::npos);
    EXPECT_EQ(parse_backlog("name: x\nfirst_year: 2026/27\nbacklog: ledger\noptions: []\n", "b.yaml", cohort).cohort->overdue_months, 12);
    EXPECT_EQ(asked, 12) << "12 months by default";
}

} // namespace ascent
