#include <gtest/gtest.h>

#include <thread>

#include "core/cohort.hpp"
#include "core/error.hpp"

namespace ascent {

namespace {

// Four people: an LD 66-year-old at exactly £1,800, an LD 64-year-old at £1,800.01 with a waking
// night, a 40-year-old with no recorded date of birth or support reason, and a person out of area.
struct Fixture {
    Ledger ledger;
    PersonFacts facts;
    Fixture() {
        const Date as_at = Date::ymd(2026, 3, 31);
        auto &p = ledger.people;
        auto person = [&](const char *id, std::optional<Date> birth, Code psr) {
            const auto i = p.append(id);
            p.birth[i] = birth ? birth->serial() : k_no_date;
            p.support_reason[i] = psr;
            return i;
        };
        auto line = [&](uint32_t who, Code type, int64_t weekly, NightSupport night) {
            const auto i = ledger.lines.append(who, LineSource::cld, "");
            ledger.lines.service_type[i] = type;
            ledger.lines.weekly_cost[i] = weekly;
            ledger.lines.night[i] = night;
        };
        const auto a = person("A", Date::ymd(1960, 3, 31), codes::psr_learning_disability); // 66
        const auto b = person("B", Date::ymd(1961, 4, 1), codes::psr_learning_disability);  // 64
        const auto c = person("C", std::nullopt, 0);
        const auto d = person("D", Date::ymd(1950, 1, 1), codes::psr_mental_health);
        line(a, codes::st_residential, 1800'00, NightSupport::not_recorded);
        line(b, codes::st_community, 1800'01, NightSupport::waking);
        line(c, codes::st_community, 150'00, NightSupport::none);
        line(d, codes::st_nursing, 900'00, NightSupport::none);
        p.out_of_area[d] = 1;
        p.out_of_area[a] = 0;
        p.s117[d] = S117Status::open;
        p.team[d] = ledger.text.intern("Mental Health Team");
        facts = person_facts(ledger, as_at);
    }
    std::string select(const std::string &expression) const {
        const auto e = CohortExpression::parse(expression);
        const FactTable table(ledger, facts);
        const auto selected = e.select(table);
        std::string ids;
        for (uint32_t i = 0; i < ledger.people.size(); ++i)
            if (selected[i]) ids += ledger.people.id.at(i + 1);
        return ids;
    }
};

std::string error_of(const std::string &expression) {
    try {
        CohortExpression::parse(expression);
    } catch (const Error &e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST(Cohort, ThresholdsAtJustBelowAndJustAbove) {
    const Fixture f;
    EXPECT_EQ(f.select("weekly cost > 1800"), "B");
    EXPECT_EQ(f.select("weekly cost >= £1,800"), "AB");
    EXPECT_EQ(f.select("weekly cost > 1800.00 or weekly cost < 200"), "BC");
    EXPECT_EQ(f.select("age >= 65"), "AD");
    EXPECT_EQ(f.select("age ≥ 65 and age ≤ 66"), "A");
    EXPECT_EQ(f.select("age < 65"), "B"); // C's age is not recorded: never selected
}

TEST(Cohort, CategoriesFlagsAndLogic) {
    const Fixture f;
    EXPECT_EQ(f.select("support reason is LD and age >= 65"), "A");
    EXPECT_EQ(f.select("psr is 'Learning disability support'"), "AB");
    EXPECT_EQ(f.select("support reason is not LD"), "D"); // C's reason is not recorded
    EXPECT_EQ(f.select("setting in (residential, nursing)"), "AD");
    EXPECT_EQ(f.select("setting not in (residential, nursing)"), "BC");
    EXPECT_EQ(f.select("waking night"), "B");
    EXPECT_EQ(f.select("not waking night"), "ACD");
    EXPECT_EQ(f.select("out of area"), "D");
    EXPECT_EQ(f.select("out of area is no"), "A");
    EXPECT_EQ(f.select("s117 is open and team is 'mental health team'"), "D");
    EXPECT_EQ(f.select("(age > 60 or waking night) and not (setting is nursing)"), "AB");
}

TEST(Cohort, ExplainsTheValuesUsed) {
    const Fixture f;
    const auto e = CohortExpression::parse("support reason is LD and weekly cost > 1000 and age >= 60");
    EXPECT_EQ(e.fields_used(), (std::vector<std::string>{"support reason", "weekly cost", "age"}));
    EXPECT_EQ(cohort_value(FactTable(f.ledger, f.facts), 1, "weekly cost"), "£1,800.01");
    EXPECT_EQ(cohort_value(FactTable(f.ledger, f.facts), 1, "support reason"), "Learning disability support");
    EXPECT_EQ(cohort_value(FactTable(f.ledger, f.facts), 2, "age"), "not recorded");
    EXPECT_EQ(cohort_value(FactTable(f.ledger, f.facts), 3, "setting"), "Nursing care");
}

TEST(Cohort, BadExpressionsSayWhereAndWhat) {
    EXPECT_EQ(error_of(""), "cohort: character 1: the expression is empty; expected e.g. 'age >= 65'");
    EXPECT_NE(error_of("wekly cost > 5").find("character 1: unknown field 'wekly cost'; fields are: age, weekly cost"),
              std::string::npos);
    EXPECT_EQ(error_of("age > old"), "cohort: character 7: 'old' is not a value of 'age'; expected a whole number");
    EXPECT_EQ(error_of("weekly cost > 1.234"),
              "cohort: character 15: '1.234' is not a value of 'weekly cost'; expected an amount in pounds, e.g. 1800 or £1,800.00");
    EXPECT_EQ(error_of("(age > 5"), "cohort: character 1: this '(' is not closed");
    EXPECT_EQ(error_of("age > 5 age"), "cohort: character 7: '5 age' is not a value of 'age'; expected a whole number");
    EXPECT_EQ(error_of("age > 5 )"), "cohort: character 9: expected 'and', 'or' or the end, found ')'");
    EXPECT_EQ(error_of("setting > residential"), "cohort: character 1: 'setting' can only be compared with is, =, != or in");
    EXPECT_EQ(error_of("age"), "cohort: character 4: expected an operator (is, =, !=, <, <=, >, >=, in) after 'age'");
    EXPECT_EQ(error_of("team is 'open"), "cohort: character 9: the quoted text is not closed");
    EXPECT_EQ(error_of("age ! 5"), "cohort: character 5: '!' must be '!='");
    EXPECT_NE(error_of("support reason is banana").find("'banana' is not a value of 'support reason'"), std::string::npos);
}

} // namespace ascent

namespace ascent {

// Found by fuzzing: 20,000 '(' or 'not' overflowed the stack (a crash of the CLI, `rules check`
// and any API route taking a cohort). Nesting is now bounded, with the position of the first excess.
TEST(Cohort, DeepNestingIsAnErrorNotACrash) {
    const std::string deep_parens = std::string(20000, '(') + "age > 1" + std::string(20000, ')');
    EXPECT_EQ(error_of(deep_parens),
              "cohort: character 101: the expression is nested more than 100 deep (parentheses and 'not'); expected a simpler expression");
    std::string deep_not;
    for (int i = 0; i < 20000; ++i) deep_not += "not ";
    EXPECT_EQ(error_of(deep_not + "waking night"),
              "cohort: character 401: the expression is nested more than 100 deep (parentheses and 'not'); expected a simpler expression");
    const Fixture f;
    EXPECT_EQ(f.select(std::string(100, '(') + "waking night" + std::string(100, ')')), "B");
    std::string hundred_nots;
    for (int i = 0; i < 100; ++i) hundred_nots += "not ";
    EXPECT_EQ(f.select(hundred_nots + "waking night"), "B");
}

TEST(Cohort, SqlFormKeepsTheMeaningOfNotRecorded) {
    EXPECT_EQ(CohortExpression::parse("support reason is LD and not age >= 65").to_sql(),
              "(COALESCE(support_reason = 7, FALSE) AND NOT COALESCE(age >= 65, FALSE))");
    EXPECT_EQ(CohortExpression::parse("service in (home support, day support) or weekly cost > £1,800").to_sql(),
              "(COALESCE((((service >> 6) & 1) = 1 OR ((service >> 7) & 1) = 1), FALSE) OR COALESCE(weekly_cost > 180000, FALSE))");
    EXPECT_EQ(CohortExpression::parse("chc is not assessed and setting not in (nursing)").to_sql(),
              "(COALESCE(chc = 1, FALSE) AND NOT COALESCE(setting IN (0), FALSE))");
    EXPECT_THROW(CohortExpression::parse("team is 'LD team'").to_sql(), Error);
}

TEST(Cohort, FieldNamesMayContainIn) {
    const Fixture f;
    EXPECT_EQ(f.select("sleep in or waking night"), "B");
    EXPECT_EQ(f.select("night support is none"), "CD");
}

// Issue 22 item 6: the server's worker threads share one table; each column is built once, and
// every thread reads that one copy (ThreadSanitizer, in the tsan preset, checks the building).
TEST(FactTable, ThreadsSharingATableSeeEachColumnBuiltOnce) {
    const Fixture f;
    const FactTable shared(f.ledger, f.facts);
    const auto fields = cohort_fields().size();
    std::vector<std::vector<const std::vector<int64_t> *>> seen(8, std::vector<const std::vector<int64_t> *>(fields));
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < seen.size(); ++t)
        threads.emplace_back([&, t] {
            for (std::size_t i = 0; i < fields; ++i) seen[t][(i + t) % fields] = &shared.column((i + t) % fields);
        });
    for (auto &t : threads) t.join();
    const FactTable alone(f.ledger, f.facts);
    for (std::size_t i = 0; i < fields; ++i) {
        for (const auto &s : seen) EXPECT_EQ(s[i], seen[0][i]) << cohort_fields()[i].name;
        EXPECT_EQ(*seen[0][i], alone.column(i)) << cohort_fields()[i].name;
    }
}

} // namespace ascent
