#include <gtest/gtest.h>

#include "core/summary.hpp"

namespace ascent {

namespace {

// A hand-built ledger: three people, four lines.
Ledger small_ledger() {
    Ledger l;
    const Date as_at = Date::ymd(2026, 3, 31);
    l.as_at = as_at;
    auto person = [&](const char *id, int birth_year, Code psr) {
        const auto i = l.people.append(id);
        l.people.birth[i] = Date::ymd(birth_year, 6, 1).serial();
        l.people.support_reason[i] = psr;
        return i;
    };
    auto line = [&](uint32_t p, Code type, int64_t weekly, std::optional<Date> end, const char *provider) {
        const auto i = l.lines.append(p, LineSource::cld, "");
        l.lines.service_type[i] = type;
        l.lines.weekly_cost[i] = weekly;
        l.lines.start[i] = Date::ymd(2024, 1, 1).serial();
        l.lines.end[i] = end ? end->serial() : k_no_date;
        l.lines.provider[i] = l.text.intern(provider);
    };
    const auto a = person("A", 1980, codes::psr_learning_disability);
    const auto b = person("B", 1940, codes::psr_personal_care);
    const auto c = person("C", 1990, codes::psr_mental_health);
    line(a, codes::st_community, 1800'00, std::nullopt, "Oak");  // exactly £1,800 → band 3
    line(a, codes::st_residential, 0'01, std::nullopt, "Elm");   // residential outranks community
    line(b, codes::st_nursing, 950'00, std::nullopt, "Oak");
    line(c, codes::st_community, 500'00, Date::ymd(2026, 3, 30), "Ash"); // ended before as_at
    return l;
}

} // namespace

TEST(Summary, CountsPeopleOnceBySettingAndBand) {
    const auto s = summarise(small_ledger(), Date::ymd(2026, 3, 31), WeeksPerYear::fifty_two());
    EXPECT_EQ(s.people_in_ledger, 3);
    EXPECT_EQ(s.people_supported, 2);
    EXPECT_EQ(s.lines_open, 3);
    EXPECT_EQ(s.weekly_gross.pence(), 2750'01);
    EXPECT_EQ(s.annual_gross.pence(), 2750'01 * 52);
    EXPECT_EQ(s.by_setting[static_cast<std::size_t>(Setting::residential)].people, 1);
    EXPECT_EQ(s.by_setting[static_cast<std::size_t>(Setting::nursing)].people, 1);
    EXPECT_EQ(s.by_setting[static_cast<std::size_t>(Setting::community)].people, 0);
    EXPECT_EQ(s.by_cost_band[4].people, 1); // £1,800.01 is over £1,800
    EXPECT_EQ(s.by_cost_band[2].people, 1); // £950
    EXPECT_EQ(s.by_reason_and_age[codes::psr_learning_disability][0].people, 1);
    EXPECT_EQ(s.by_reason_and_age[codes::psr_personal_care][2].people, 1); // 85: 80+
    ASSERT_EQ(s.top_providers.size(), 2u);
    EXPECT_EQ(s.top_providers[0].name, "Oak");
    EXPECT_EQ(s.top_providers[0].weekly.pence(), 2750'00);
    EXPECT_EQ(s.top_providers[0].people, 2);
}

TEST(Summary, ProviderPeopleCountedOnceWhateverTheLineOrder) {
    Ledger l = small_ledger();
    // Another open line for person A with Oak, after B's line: A must still count once for Oak.
    const auto i = l.lines.append(0, LineSource::cld, "");
    l.lines.service_type[i] = codes::st_community;
    l.lines.weekly_cost[i] = 10'00;
    l.lines.start[i] = Date::ymd(2024, 1, 1).serial();
    l.lines.provider[i] = l.text.intern("Oak");
    const auto s = summarise(l, Date::ymd(2026, 3, 31), WeeksPerYear::fifty_two());
    EXPECT_EQ(s.top_providers[0].name, "Oak");
    EXPECT_EQ(s.top_providers[0].people, 2);
    EXPECT_EQ(s.top_providers[0].lines, 3);
}

TEST(Summary, CostBandEdgesFollowTheDocuments) {
    EXPECT_EQ(cost_band_of(Money::from_pence(199'99)), 0u);
    EXPECT_EQ(cost_band_of(Money::from_pence(200'00)), 1u);
    EXPECT_EQ(cost_band_of(Money::from_pence(599'99)), 1u);
    EXPECT_EQ(cost_band_of(Money::from_pence(600'00)), 2u);
    EXPECT_EQ(cost_band_of(Money::from_pence(1000'00)), 3u);
    EXPECT_EQ(cost_band_of(Money::from_pence(1800'00)), 3u);
    EXPECT_EQ(cost_band_of(Money::from_pence(1800'01)), 4u);
}

} // namespace ascent
