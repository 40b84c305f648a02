// Short-term stays from the ledger (what counts as a stay, merged lines, stays over 8 weeks, the
// period's edges, people left out), each charged for its days in a simulation; and the overdue
// financial reassessments the backlog takes from the ledger.
#include <gtest/gtest.h>

#include "charging/ledger_cases.hpp"
#include "charging/simulation.hpp"
#include "core/error.hpp"
#include "core/person_facts.hpp"

namespace ascent {

namespace {

using namespace charging;

int32_t day(int y, unsigned m, unsigned d) { return Date::ymd(y, m, d).serial(); }

struct SmallLedger {
    Ledger ledger;

    uint32_t person(const char *id, Date born) {
        const uint32_t p = ledger.people.append(id);
        ledger.people.birth[p] = born.serial();
        ledger.people.support_reason[p] = codes::psr_personal_care;
        return p;
    }
    void line(uint32_t p, Code type, Code component, int32_t start, int32_t end, int64_t weekly) {
        const auto i = ledger.lines.append(p, LineSource::cld, "L" + std::to_string(ledger.lines.size()));
        ledger.lines.service_type[i] = type;
        ledger.lines.component[i] = component;
        ledger.lines.start[i] = start;
        ledger.lines.end[i] = end;
        ledger.lines.weekly_cost[i] = weekly;
    }
    void stay(uint32_t p, int32_t start, int32_t end, int64_t weekly) {
        line(p, codes::st_other_short_term, codes::comp_st_residential, start, end, weekly);
    }
    void finances(uint32_t p, int64_t state_pension, int32_t assessed_on) {
        FinanceRecord f;
        f.person = p;
        f.pension_age = 1;
        f.state_pension = state_pension;
        f.assessed_on = assessed_on;
        ledger.finances.push_back(f);
    }
};

// Person A, 70, on a state pension of £200 with home care, has these short residential lines in
// 2025/26: 7 days in May; two back-to-back lines in July (one stay of 20 days at the higher cost);
// 66 days from September (over 8 weeks: left out); 14 days from 25 March 2026, 7 of them in the
// year. Person B has a stay and no financial circumstances.
SmallLedger stays_ledger() {
    SmallLedger s;
    s.ledger.as_at = Date::ymd(2026, 9, 30);
    const auto a = s.person("A", Date::ymd(1955, 1, 1));
    const auto b = s.person("B", Date::ymd(1950, 1, 1));
    s.line(a, codes::st_community, codes::comp_home_support, day(2024, 1, 1), k_no_date, 150'00);
    s.stay(a, day(2025, 5, 1), day(2025, 5, 7), 700'00);
    s.stay(a, day(2025, 7, 11), day(2025, 7, 20), 840'00);
    s.stay(a, day(2025, 7, 1), day(2025, 7, 10), 700'00);
    s.stay(a, day(2025, 9, 1), day(2025, 11, 5), 700'00);
    s.stay(a, day(2026, 3, 25), day(2026, 4, 7), 700'00);
    s.stay(b, day(2025, 6, 1), day(2025, 6, 14), 700'00);
    s.finances(a, 200'00, day(2025, 9, 30));
    return s;
}

} // namespace

TEST(ShortStays, WhatCountsAsAStayAndItsDaysInThePeriod) {
    const auto s = stays_ledger();
    const auto facts = person_facts(s.ledger, s.ledger.as_at);
    const auto year = FinancialYear::parse("2025/26");
    const auto stays = ledger_stays(s.ledger, facts, year->first_day(), year->last_day(), Date::ymd(2024, 6, 1));
    ASSERT_EQ(stays.cases.size(), 3u);
    EXPECT_EQ(stays.days, (std::vector<int32_t>{7, 20, 7}));
    EXPECT_EQ(stays.cases[1].c.weekly_cost, 840'00) << "the merged stay's cost is its highest line's";
    EXPECT_EQ(stays.cases[1].c.id, "A, stay from 01/07/2025");
    EXPECT_EQ(stays.people, 1);
    EXPECT_EQ(stays.longer, 1);
    EXPECT_EQ(stays.without_finances, 1);
    for (const auto &c : stays.cases) {
        EXPECT_EQ(c.c.care, CareType::short_term_resident);
        EXPECT_TRUE(c.c.night_care);
        EXPECT_EQ(c.c.date, Date::ymd(2024, 6, 1));
    }
    // In the weekly caseload A is assessed for their ongoing care, not as a short-term resident.
    const auto weekly = ledger_caseload(s.ledger, facts, Date::ymd(2024, 6, 1), true);
    ASSERT_EQ(weekly.cases.size(), 1u);
    EXPECT_EQ(weekly.cases[0].c.care, CareType::non_residential);
}

// 2024/25 rates: under non-residential rules £200 is below the pension-age MIG (£228.70), so the
// stays cost nothing; under residential rules £200 − PEA £30.15 = £169.85 a week, for 34 days:
// 169.85 × 34 ÷ 7 = £824.9857…, rounded once to £824.99.
TEST(ShortStays, ARespiteRuleChargesEachStayForItsWeeks) {
    const auto s = stays_ledger();
    const auto facts = person_facts(s.ledger, s.ledger.as_at);
    OptionsFile options;
    options.name = "Respite";
    options.date = options.effective = Date::ymd(2024, 6, 1);
    options.options = {{"Residential rules", {{"policy.respite_rule", "residential"}}}};
    const auto year = FinancialYear::parse("2025/26");
    auto found = ledger_stays(s.ledger, facts, year->first_day(), year->last_day(), options.date);
    StayCaseload stays{found.from, found.to, {}, found.days, found.people, found.longer, found.without_finances, found.without_age};
    for (auto &c : found.cases) stays.cases.push_back(c.c);
    const auto sim = simulate({}, default_parameters(), options, &stays);
    ASSERT_TRUE(sim.stays);
    const auto &st = *sim.stays;
    EXPECT_EQ(st.days, 34);
    EXPECT_EQ(stay_pence(st.baseline.weekly_income), 0);
    EXPECT_EQ(st.baseline.nil, 3);
    EXPECT_EQ(stay_pence(st.results[0].weekly_income), 824'99);
    EXPECT_EQ(st.results[0].payers, 3);
    ASSERT_EQ(st.groups.size(), 1u);
    EXPECT_EQ(st.results[0].by_group[0].people, 3);
    EXPECT_EQ(stay_pence(st.results[0].by_group[0].weekly_after), 824'99);
    ASSERT_EQ(st.results[0].affected.size(), 3u);
    EXPECT_EQ(st.results[0].affected[0].after, 169'85);
    const auto text = format_simulation(sim);
    EXPECT_NE(text.find("Short-term stays 01/04/2025 to 31/03/2026, each charged for its weeks"), std::string::npos) << text;
    EXPECT_NE(text.find("3 stays of 1 person (34 days)"), std::string::npos) << text;
    EXPECT_NE(text.find("Stays left out: 1 longer than 8 weeks (not short-term), 1 of people with no financial circumstances"),
              std::string::npos) << text;
}

TEST(ShortStays, TheOptionsFileNamesThePeriod) {
    const auto base = std::string("name: x\ndate: 2026-09-30\noptions: []\n");
    const auto by_default = read_options(base, "o.yaml");
    EXPECT_EQ(by_default.stays_from, Date::ymd(2025, 10, 2));
    EXPECT_EQ(by_default.stays_to, Date::ymd(2026, 9, 30));
    const auto year = read_options(base + "stays: 2025/26\n", "o.yaml");
    EXPECT_EQ(year.stays_from, Date::ymd(2025, 4, 1));
    EXPECT_EQ(year.stays_to, Date::ymd(2026, 3, 31));
    const auto dates = read_options(base + "stays: {from: 2025-06-01, to: 2025-08-31}\n", "o.yaml");
    EXPECT_EQ(dates.stays_from, Date::ymd(2025, 6, 1));
    EXPECT_EQ(dates.stays_to, Date::ymd(2025, 8, 31));
    try {
        read_options(base + "stays: {from: 2025-09-01, to: 2025-08-31}\n", "o.yaml");
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(std::string(e.what()),
                  "o.yaml, line 4: 'stays' must be a financial year such as 2025/26, or {from: DATE, to: DATE} with 'to' not before 'from'");
    }
}

// Overdue with 12 months on 30/09/2026: assessed before 30/09/2025. S117 aftercare is not charged,
// so not reassessed; a person with no assessment date is counted apart.
TEST(Backlog, OverdueReassessmentsFromTheLedger) {
    SmallLedger s;
    s.ledger.as_at = Date::ymd(2026, 9, 30);
    const auto home_care = [&](uint32_t p) { s.line(p, codes::st_community, codes::comp_home_support, day(2024, 1, 1), k_no_date, 150'00); };
    const auto on_time = s.person("on-time", Date::ymd(1950, 1, 1));
    const auto overdue = s.person("overdue", Date::ymd(1950, 1, 1));
    const auto s117 = s.person("s117", Date::ymd(1950, 1, 1));
    const auto never = s.person("never", Date::ymd(1950, 1, 1));
    const auto from_people = s.person("from-people-extract", Date::ymd(1950, 1, 1));
    s.person("no-services", Date::ymd(1950, 1, 1));
    for (const auto p : {on_time, overdue, s117, never, from_people}) home_care(p);
    s.finances(on_time, 200'00, day(2025, 9, 30));
    s.finances(overdue, 200'00, day(2025, 9, 29));
    s.finances(s117, 200'00, day(2020, 1, 1));
    s.ledger.people.s117[s117] = S117Status::open;
    s.ledger.people.last_financial_assessment[from_people] = day(2024, 2, 29);
    const auto facts = person_facts(s.ledger, s.ledger.as_at);
    const auto cohort = overdue_cohort(s.ledger, facts, 12);
    EXPECT_EQ(cohort.receiving, 4);
    EXPECT_EQ(cohort.overdue, 2); // "overdue" and "from-people-extract"
    EXPECT_EQ(cohort.never, 1);
    // 31 months before 30/09/2026 is 29/02/2024 (February has no 30th): assessed that day is not overdue.
    EXPECT_EQ(overdue_cohort(s.ledger, facts, 30).overdue, 1);
    EXPECT_EQ(overdue_cohort(s.ledger, facts, 31).overdue, 0);
}

} // namespace ascent
