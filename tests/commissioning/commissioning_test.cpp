// Commissioning: the fair price calculator against hand-worked placements (every element to the
// penny), ceilings, 15-minute billing and a retender's part-year profile on a ledger built by hand,
// the market's concentration, fee uplifts, and bid evaluation with its awkward cases.
#include <gtest/gtest.h>

#include "cases/programme.hpp"
#include "commissioning/fair_price.hpp"
#include "commissioning/market.hpp"
#include "commissioning/rate_card.hpp"
#include "commissioning/tender.hpp"
#include "commissioning/uplift.hpp"
#include "core/error.hpp"
#include "core/weekly_cost.hpp"

#include <algorithm>

namespace ascent::commissioning {

namespace {

// 28 shared and 14 one-to-one hours in a residential home on 1 June 2025, worked by hand (fractions):
// care rate £12.21 × 1.05 = £12.8205; one-to-one £12.8205 × 1.10 = £14.10255; a full-time worker's
// 37.5 h = £480.76875, of which £384.76875 is above the £96 threshold.
constexpr const char *k_residential = R"(
name: Residential placement, hand-worked
date: 2025-06-01
setting: residential
fee_paid: "1,300.00"
needs: {shared_hours: "28", one_to_one_hours: "14"}
)";

int64_t element(const FairPrice &p, const std::string &id) {
    for (const auto &e : p.elements)
        if (e.id == id) return e.pence();
    return -1;
}

} // namespace

TEST(FairPrice, AHandWorkedResidentialPlacementToThePenny) {
    const auto p = fair_price(read_placement(k_residential, "residential.yaml"), default_parameters());
    EXPECT_EQ(element(p, "care_pay"), 35897);       // 28 × £12.8205 = £358.974
    EXPECT_EQ(element(p, "one_to_one_pay"), 19744); // 14 × £14.10255 = £197.4357
    EXPECT_EQ(element(p, "employer_ni"), 6680);     // £556.4097 × 15% × 384.76875 ÷ 480.76875 = £66.7959
    EXPECT_EQ(element(p, "pension"), 1669);         // 3%
    EXPECT_EQ(element(p, "holiday"), 6716);         // 12.07%
    EXPECT_EQ(element(p, "training"), 1391);        // 2.5%
    EXPECT_EQ(element(p, "sickness"), 1391);        // 2.5%
    EXPECT_EQ(element(p, "management"), 8819);      // 12% of pay and on-costs, £734.8770
    EXPECT_EQ(element(p, "hotel"), 15000);
    EXPECT_EQ(element(p, "buildings"), 12000);
    EXPECT_EQ(element(p, "return"), 5465);          // 5% of £1,093.0622
    EXPECT_EQ(element(p, "night_pay"), -1) << "no waking nights: no element";
    EXPECT_EQ(p.total, 114772) << "£1,147.7153 rounded once";
    EXPECT_EQ(p.gap, 130000 - 114772);
    EXPECT_NE(format_fair_price(p).find("wage.national_living_wage"), std::string::npos) << "the parameters used are listed";
}

TEST(FairPrice, NightsNursesAndSupportedLivingWithoutHotelCosts) {
    auto placement = read_placement(R"(
name: Supported living with nights
date: 2025-06-01
setting: supported living
needs: {shared_hours: "10", two_to_one_hours: "2.5", waking_nights: 7, sleep_in_nights: 2}
)", "sl.yaml");
    const auto p = fair_price(placement, default_parameters());
    EXPECT_EQ(element(p, "night_pay"), 89744);      // 7 × 10 h × £12.8205 = £897.435
    EXPECT_EQ(element(p, "sleep_ins"), 11000);      // 2 × £55.00
    EXPECT_EQ(element(p, "one_to_one_pay"), 7051);  // 2 × 2.5 h × £14.10255 = £70.51275
    EXPECT_EQ(element(p, "hotel"), -1) << "supported living: rent and food are not in the price";
    EXPECT_EQ(element(p, "buildings"), -1);
    placement.setting = Setting::nursing;
    placement.needs.nurse_hours = 700;
    const auto nursing = fair_price(placement, default_parameters());
    EXPECT_EQ(element(nursing, "nurse_pay"), 15400); // 7 h × £22.00
    EXPECT_EQ(element(nursing, "hotel"), 15000);
}

TEST(FairPrice, ACouncilParameterChangesTheFigureAndAMissingOneIsNamed) {
    auto placement = read_placement(k_residential, "residential.yaml");
    placement.set["pay.care_worker_premium"] = "0%";
    EXPECT_EQ(element(fair_price(placement, default_parameters()), "care_pay"), 34188); // 28 × £12.21
    placement.date = Date::ymd(2015, 6, 1);
    try {
        fair_price(placement, default_parameters());
        FAIL() << "no National Living Wage before April 2016";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("wage.national_living_wage"), std::string::npos) << e.what();
    }
}

TEST(FairPrice, OpenBookFiguresAreComparedLineByLineLargestGapFirst) {
    const auto p = fair_price(read_placement(std::string(k_residential) + "open_book: {care_pay: \"380.00\", hotel: \"240.00\", return: \"54.65\"}\n",
                                             "book.yaml"),
                              default_parameters());
    ASSERT_EQ(p.open_book.size(), 3u);
    EXPECT_EQ(p.open_book[0].id, "hotel");
    EXPECT_EQ(p.open_book[0].difference, 9000);
    EXPECT_EQ(p.open_book[1].id, "care_pay");
    EXPECT_EQ(p.open_book[1].difference, 38000 - 35897);
    EXPECT_EQ(p.open_book[2].difference, 0);
}

TEST(FairPrice, BadPlacementsAreRefusedWithTheLine) {
    const auto refused = [](const std::string &text, const std::string &expected) {
        try {
            read_placement(text, "bad.yaml");
            ADD_FAILURE() << "accepted: " << text;
        } catch (const Error &e) {
            EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("bad.yaml"), std::string::npos) << e.what();
        }
    };
    refused("name: x\ndate: 2025-06-01\nsetting: residential\nneeds: {sleeping_hours: 3}\n", "unknown need 'sleeping_hours'");
    refused("name: x\ndate: 2025-06-01\nsetting: hotel\nneeds: {}\n", "'setting' must be");
    refused("name: x\ndate: 2025-06-01\nsetting: residential\nneeds: {waking_nights: 8}\n", "0 to 7");
    refused("name: x\ndate: someday\nsetting: residential\nneeds: {}\n", "'date' must be a date");
    refused("name: x\ndate: 2025-06-01\nsetting: residential\nneeds: {}\nopen_book: {profit: \"10\"}\n", "unknown cost element 'profit'");
}

namespace {

// Four people: home care above and below £16.22, a residential placement out of area, a direct payment.
Ledger hand_built() {
    Ledger l;
    l.as_at = Date::ymd(2017, 9, 30);
    const auto line = [&](const char *id, const char *postcode, Code component, Code frequency, const char *unit_cost,
                          int32_t planned, const char *provider) {
        const auto p = l.people.append(id);
        l.people.postcode[p] = l.text.intern(postcode);
        const auto i = l.lines.append(p, LineSource::cld, id);
        l.lines.component[i] = component;
        l.lines.frequency[i] = frequency;
        l.lines.unit_cost[i] = parse_money(unit_cost)->pence();
        l.lines.planned_units[i] = planned;
        l.lines.weekly_cost[i] = weekly_cost(*parse_money(unit_cost), frequency, planned)->pence();
        l.lines.provider[i] = l.text.intern(provider);
        l.lines.start[i] = Date::ymd(2017, 1, 1).serial();
        return p;
    };
    line("P1", "BL9 0AA", codes::comp_home_support, codes::freq_hourly, "18.00", 1000, "Acme Care");
    line("P2", "M26 1AB", codes::comp_home_support, codes::freq_hourly, "15.00", 710, "Beta Homecare");
    const auto p3 = line("P3", "BL9 2ZZ", codes::comp_lt_residential, codes::freq_weekly, "900.00", k_no_quantity, "Acme Care");
    l.people.out_of_area[p3] = 1;
    line("P4", "M26 9XX", codes::comp_direct_payment, codes::freq_weekly, "300.00", k_no_quantity, "");
    return l;
}

constexpr const char *k_card = R"(
name: Home care and residential ceilings
flat_rate: yes
billing_minutes: 15
zones: {north: [BL9], south: [M26]}
rates:
  - {service: home support, per: hour, from: 2017-11-01, ceiling: "16.22"}
  - {service: long term residential care, per: week, from: 2017-04-01, ceiling: "850.00"}
)";

} // namespace

TEST(RateCard, EveryLineAboveItsCeilingIsFlaggedWithItsExcess) {
    const auto ledger = hand_built();
    const auto card = read_rate_card(k_card, "card.yaml");
    const auto c = check_ceilings(ledger, card, Date::ymd(2017, 12, 1));
    EXPECT_EQ(c.lines_checked, 3) << "the direct payment is not priced by the card";
    ASSERT_EQ(c.flagged.size(), 2u);
    EXPECT_EQ(c.flagged[0].weekly_excess, 5000); // £900 against £850
    EXPECT_EQ(c.flagged[1].weekly_excess, 1780); // 10 h × £1.78
    EXPECT_EQ(c.weekly_excess, 6780);
    const auto before = check_ceilings(ledger, card, Date::ymd(2017, 10, 31));
    EXPECT_EQ(before.flagged.size(), 1u) << "the home care ceiling starts on 1 November";
    EXPECT_EQ(before.lines_without_rate, 2);

    auto zoned = read_rate_card(std::string(k_card) + "  - {service: home support, zone: north, per: hour, from: 2017-11-01, ceiling: \"18.50\"}\n", "z.yaml");
    EXPECT_EQ(zone_of(zoned, "bl9 0aa"), "north");
    EXPECT_EQ(zone_of(zoned, "SW1A 1AA"), "");
    EXPECT_EQ(check_ceilings(ledger, zoned, Date::ymd(2017, 12, 1)).flagged.size(), 1u) << "the north's own ceiling is higher";
}

TEST(RateCard, HourlyCareIsBilledInWholeBlocks) {
    EXPECT_EQ(billable_hundredths(1000, 15), 1000);
    EXPECT_EQ(billable_hundredths(710, 15), 725);  // 7 h 6 min → 7 h 15 min
    EXPECT_EQ(billable_hundredths(1, 15), 25);
    EXPECT_EQ(billable_hundredths(126, 30), 150);
    EXPECT_EQ(billable_hundredths(126, 0), 126);
    EXPECT_THROW(read_rate_card("name: x\nbilling_minutes: 10\nrates: []\n", "c.yaml"), Error) << "10 minutes is not whole hundredths";
    EXPECT_THROW(read_rate_card("name: x\nrates: [{service: gardening, per: hour, from: 2017-01-01, ceiling: \"1\"}]\n", "c.yaml"), Error);
}

TEST(RateCard, ARetenderIsProfiledWithItsPartYear) {
    const auto p = retender(hand_built(), read_rate_card(k_card, "card.yaml"), {"Home care retender", Date::ymd(2017, 11, 1), 3, WeeksPerYear::fifty_two()});
    EXPECT_EQ(p.lines, 3);
    EXPECT_EQ(p.lines_up, 1) << "£15.00 for 7.10 h becomes £16.22 for 7.10 h: a flat rate raises the cheaper line";
    EXPECT_EQ(p.lines_down, 2);
    EXPECT_EQ(p.weekly_before, 18000 + 10650 + 90000);
    EXPECT_EQ(p.weekly_after, 16220 + 11516 + 85000) << "blocks re-bill only the line brought down to the ceiling (10 h stays 10 h)";
    ASSERT_EQ(p.saving_by_year.size(), 3u);
    EXPECT_EQ(p.saving_by_year[0].first.label(), "2017/18");
    EXPECT_EQ(p.saving_by_year[0].second, 127224); // £59.14 × 52 × 151 ÷ 365 days
    EXPECT_EQ(p.saving_by_year[1].second, 5914 * 52);

    // A card that bills every line in blocks: the £15.00 line's 7.10 h become 7.25 h.
    const auto every_line = retender(hand_built(), read_rate_card(std::string(k_card) + "blocks_apply_to: every_line\n", "card.yaml"),
                                     {"Home care retender", Date::ymd(2017, 11, 1), 1, WeeksPerYear::fifty_two()});
    EXPECT_EQ(every_line.weekly_after, 16220 + 11760 + 85000);

    auto ceiling_only = read_rate_card(k_card, "card.yaml");
    ceiling_only.flat_rate = false;
    const auto capped = retender(hand_built(), ceiling_only, {"Ceilings only", Date::ymd(2017, 11, 1), 1, WeeksPerYear::fifty_two()});
    EXPECT_EQ(capped.weekly_after, 16220 + 10650 + 85000) << "£15.00 stays £15.00 for its 7.10 hours";
    EXPECT_EQ(capped.lines_up, 0) << "a line within its ceiling never costs more by rounding its hours up";
}

TEST(RateCard, CeilingsAreScopedToTheClientGroupsAgesAndNewPackagesTheyAreFor) {
    auto ledger = hand_built();
    const auto ld = match_code(CodeField::support_reason, "Learning disability support")->code;
    // P3, in residential care at £900 a week, has a learning disability and is 40; P1 (home care at £18.00) is 70.
    ledger.people.support_reason[2] = ld;
    ledger.people.birth[2] = Date::ymd(1977, 6, 1).serial();
    ledger.people.birth[0] = Date::ymd(1947, 6, 1).serial();
    const auto card = read_rate_card(R"(
name: Ceilings by client group
rates:
  - {service: long term residential care, per: week, from: 2017-04-01, ceiling: "850.00", ages: 65+}
  - {service: long term residential care, per: week, from: 2017-04-01, ceiling: "1,500.00", client_groups: [learning disability support]}
  - {service: home support, per: hour, from: 2017-04-01, ceiling: "16.22", client_groups: [learning disability support], ages: 18-64}
)", "scoped.yaml");
    const auto c = check_ceilings(ledger, card, Date::ymd(2017, 12, 1));
    EXPECT_TRUE(c.flagged.empty()) << "the older people's care-home ceiling is never applied to a learning-disability placement";
    EXPECT_EQ(c.lines_without_rate, 2) << "the home-care ceiling is for working-age people with a learning disability only";
    ledger.people.support_reason[0] = ld;
    EXPECT_EQ(check_ceilings(ledger, card, Date::ymd(2017, 12, 1)).lines_without_rate, 2) << "P1 has a learning disability but is 70";
    ledger.people.birth[0] = Date::ymd(1980, 6, 1).serial();
    const auto working_age = check_ceilings(ledger, card, Date::ymd(2017, 12, 1));
    ASSERT_EQ(working_age.flagged.size(), 1u);
    EXPECT_EQ(working_age.flagged[0].weekly_excess, 1780);

    // New packages only (Cambridgeshire A/R.6.115: "new domiciliary care commissioned after that point").
    const auto fresh = read_rate_card(R"(
name: LD home care framework
rates:
  - {service: home support, per: hour, from: 2017-06-01, ceiling: "16.22", client_groups: [learning disability support], new_packages_from: 2017-06-01}
)", "new.yaml");
    const Retender r{"LD home care retender", Date::ymd(2017, 11, 1), 2, WeeksPerYear::fifty_two()};
    const auto none = retender(ledger, fresh, r);
    EXPECT_EQ(none.lines, 0);
    EXPECT_EQ(none.lines_before_new_from, 1) << "P1's package started before the framework and keeps its price";
    EXPECT_NE(format_retender(none).find("1 open lines started before a rate's new-packages date keep their price"), std::string::npos);
    ledger.lines.start[0] = Date::ymd(2017, 7, 3).serial(); // a package commissioned on the framework
    EXPECT_EQ(retender(ledger, fresh, r).lines, 1);
    for (const auto *bad : {"ages: 65", "ages: 64-18", "client_groups: [gardening]", "new_packages_from: soon"}) {
        const auto text = std::string("name: x\nrates:\n  - {service: home support, per: hour, from: 2017-11-01, ceiling: \"1\", ") + bad + "}\n";
        EXPECT_THROW(read_rate_card(text, "bad.yaml"), Error) << bad;
    }
    EXPECT_THROW(read_rate_card("name: x\nblocks_apply_to: some\nrates: []\n", "bad.yaml"), Error);
}

TEST(Market, SpendConcentrationPricesAndOutOfArea) {
    const auto m = market_view(hand_built(), Date::ymd(2017, 9, 30));
    EXPECT_EQ(m.weekly, 118650) << "the direct payment is left out";
    ASSERT_EQ(m.by_provider.size(), 2u);
    EXPECT_EQ(m.by_provider[0].provider, "Acme Care");
    EXPECT_EQ(m.by_provider[0].people, 2);
    EXPECT_EQ(m.by_provider[0].out_of_area_weekly, 90000);
    EXPECT_EQ(m.top_share_ppm, 1'000'000);
    EXPECT_EQ(m.hhi, 8366); // 10,000 × (1,080² + 106.5²) ÷ 1,186.5²
    EXPECT_EQ(m.out_of_area_weekly, 90000);
    const auto &home = *std::find_if(m.spreads.begin(), m.spreads.end(), [](const auto &s) { return s.component == codes::comp_home_support; });
    EXPECT_EQ(home.min, 1500);
    EXPECT_EQ(home.max, 1800);
    EXPECT_EQ(home.providers, 2);
}

TEST(Uplift, OptionsCostedByYearWithTheGrowthAvoided) {
    const auto options = read_uplift_options(R"(
name: Fee uplifts 2018/19
effective: 2018-04-01
years: 2
options:
  - {name: Flat 3%, uplift: {any: "3%"}}
  - {name: Home care 5% and the rest 2%, uplift: {home support: "5%", any: "2%"}}
  - {name: NLW for pay, nlw_pass_through: {staff_share: "60%", other: "2%"}}
)", "uplift.yaml");
    const auto m = model_uplifts(hand_built(), options, default_parameters());
    EXPECT_EQ(m.weekly_spend, 148650);
    EXPECT_EQ(m.results[0].weekly_increase, 4460);  // £1,486.50 × 3% = £44.595
    EXPECT_EQ(m.results[1].weekly_increase, 3833);  // £286.50 × 5% + £1,200 × 2% = £38.325
    EXPECT_EQ(m.results[2].weekly_increase, 5114);  // × (60% × 33p ÷ £7.50 + 40% × 2%)
    EXPECT_EQ(m.results[0].cost_by_year[0].second, 4460 * 52);
    EXPECT_EQ(m.results[1].growth_avoided[0], (4460 - 3833) * 52);
    EXPECT_EQ(m.results[0].growth_avoided[0], 0);

    auto unannounced = options;
    unannounced.effective = Date::ymd(2031, 4, 1);
    unannounced.options.resize(3);
    try {
        model_uplifts(hand_built(), unannounced, default_parameters());
        FAIL() << "an NLW carried forward is not next year's";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("no National Living Wage announced for 01/04/2031"), std::string::npos) << e.what();
    }
    // The growth avoided, as budget lines a programme file takes: the table's totals are the model's.
    const auto programme = cases::read_programme(
        "name: Uplifts\nfirst_year: 2018/19\nyears: 2\ncases: []\n" + budget_lines_yaml(m, "Adult Social Care", "Commissioning"), "uplifts.yaml");
    const auto table = cases::budget_table(programme);
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0].category, cases::Category::growth_avoidance);
    EXPECT_EQ(table.rows[0].total, m.results[1].growth_avoided.back()) << "incremental years add up to the last year's growth avoided";
    EXPECT_EQ(table.rows[1].years[0], m.results[2].growth_avoided[0]) << "an option dearer than the first is negative";

    unannounced.options[2].assumed_nlw = 1500;
    EXPECT_GT(model_uplifts(hand_built(), unannounced, default_parameters()).results[2].weekly_increase, 0);
}

namespace {

constexpr const char *k_request = R"(
name: Package request R-0042
ceiling: "1,200.00"
price_weight: "40%"
quality_weight: "60%"
max_score: 5
fair_price: "1,050.00"
advertised: 2026-05-01
decided: 2026-05-15
questions: [{id: Q1, weight: "50%"}, {id: Q2, weight: "30%"}, {id: Q3, weight: "20%"}]
bids:
  - {provider: A, price: "1,100.00", answers: {Q1: 4, Q2: 3, Q3: 5}}
  - {provider: B, price: "1,250.00", answers: {Q1: 5, Q2: 5, Q3: 5}}
  - {provider: C, price: "900.00", answers: {Q1: 5, Q2: 5, Q3: 5}, withdrawn: yes}
  - {provider: D, price: "1,000.00", answers: {Q1: 3, Q2: 3, Q3: 3}}
  - {provider: E, price: "1,150.00", answers: {Q1: 5, Q2: 5}}
)";

const BidResult &bid(const Evaluation &e, const std::string &provider) {
    return *std::find_if(e.bids.begin(), e.bids.end(), [&](const BidResult &b) { return b.provider == provider; });
}

} // namespace

TEST(Tender, TheBestCompliantBidWinsByThePublishedWeighting) {
    const auto e = evaluate(read_tender(k_request, "r.yaml"));
    EXPECT_EQ(bid(e, "A").price_points, 36363636); // 40 × £1,000 ÷ £1,100 (D's is the lowest compliant price)
    EXPECT_EQ(bid(e, "A").quality_points, 46800000); // 60 × (50% × 4/5 + 30% × 3/5 + 20% × 5/5)
    EXPECT_EQ(bid(e, "D").total, 76000000);
    EXPECT_EQ(bid(e, "A").rank, 1);
    EXPECT_EQ(bid(e, "D").rank, 2);
    EXPECT_EQ(bid(e, "B").status, "not compliant: above the ceiling of £1,200.00");
    EXPECT_EQ(bid(e, "C").status, "withdrawn") << "a withdrawn bid's low price does not set the lowest";
    EXPECT_EQ(bid(e, "E").status, "not compliant: no answer to Q3");
    ASSERT_TRUE(e.award);
    EXPECT_EQ(e.bids[*e.award].provider, "A");
    EXPECT_EQ(e.against_fair_price, 5000);
    EXPECT_EQ(e.days_to_place, 14);
}

TEST(Tender, MissingAnswersCanScoreZeroInstead) {
    const auto e = evaluate(read_tender(std::string(k_request) + "missing_answers: zero\n", "r.yaml"));
    EXPECT_EQ(bid(e, "E").price_points, 34782609);
    EXPECT_EQ(bid(e, "E").quality_points, 48000000);
    EXPECT_EQ(bid(e, "E").rank, 2);
    EXPECT_EQ(bid(e, "E").status, "scored (no answer to Q3: scored 0)");
}

TEST(Tender, TiesAreBrokenByQualityOrLeftToThePanel) {
    const std::string head = "name: t\nceiling: \"2,000\"\nprice_weight: \"50%\"\nquality_weight: \"50%\"\nquestions: [{id: Q, weight: \"100%\"}]\nbids:\n";
    // 50 × 1000/1000 + 50 × 3/5 = 80 and 50 × 1000/1250 + 50 × 4/5 = 80: the better quality wins.
    const auto broken = evaluate(read_tender(head + "  - {provider: P, price: \"1000\", answers: {Q: 3}}\n"
                                                    "  - {provider: Q, price: \"1250\", answers: {Q: 4}}\n", "t.yaml"));
    ASSERT_TRUE(broken.award);
    EXPECT_EQ(broken.bids[*broken.award].provider, "Q");
    EXPECT_EQ(broken.award_note, "equal totals: the higher quality score wins");
    const auto tied = evaluate(read_tender(head + "  - {provider: P, price: \"1000\", answers: {Q: 3}}\n"
                                                  "  - {provider: R, price: \"1000\", answers: {Q: 3}}\n", "t.yaml"));
    EXPECT_FALSE(tied.award);
    EXPECT_EQ(tied.bids[0].rank, 1);
    EXPECT_EQ(tied.bids[1].rank, 1);
    const auto none = evaluate(read_tender(head + "  - {provider: P, price: \"2500\", answers: {Q: 3}}\n", "t.yaml"));
    EXPECT_FALSE(none.award);
    EXPECT_NE(none.award_note.find("no compliant bid"), std::string::npos);
    EXPECT_THROW(read_tender("name: t\nceiling: \"1\"\nprice_weight: \"50%\"\nquality_weight: \"40%\"\nquestions: []\nbids: []\n", "t.yaml"), Error);
    EXPECT_THROW(read_tender(head + "  - {provider: P, price: \"1000\", answers: {Q: 6}}\n", "t.yaml"), Error) << "a score above the maximum";
}

TEST(Tender, AQuestionScoredFromTheProvidersCqcRating) {
    const std::string head = "name: t\nceiling: \"2,000\"\nprice_weight: \"50%\"\nquality_weight: \"50%\"\nmissing_answers: zero\n"
                             "questions:\n  - {id: Q, weight: \"60%\"}\n"
                             "  - {id: CQC, weight: \"40%\", cqc: {outstanding: 5, good: 4, requires improvement: 2}}\nbids:\n";
    const auto e = evaluate(read_tender(head + "  - {provider: P, price: \"1000\", answers: {Q: 4}, cqc: good}\n"
                                               "  - {provider: R, price: \"1000\", answers: {Q: 4}, cqc: outstanding}\n"
                                               "  - {provider: S, price: \"1000\", answers: {Q: 4}, cqc: not yet rated}\n"
                                               "  - {provider: T, price: \"900\", answers: {Q: 5}, cqc: inadequate}\n", "t.yaml"));
    // Quality: 50 × (60% × 4/5 + 40% × 4/5) = 40 for good, 50 × (48% + 40%) = 44 for outstanding, 50 × 48% = 24 unrated.
    EXPECT_EQ(bid(e, "P").quality_points, 40000000);
    EXPECT_EQ(bid(e, "R").quality_points, 44000000);
    EXPECT_EQ(bid(e, "S").quality_points, 24000000);
    EXPECT_EQ(bid(e, "S").status, "scored (no answer to CQC (CQC rating not yet rated has no score): scored 0)");
    EXPECT_EQ(bid(e, "T").status, "not compliant: the provider's CQC rating is inadequate")
        << "the cheapest, best-answered bid is excluded, and its price does not set the lowest";
    EXPECT_EQ(bid(e, "P").price_points, 50000000);
    ASSERT_TRUE(e.award);
    EXPECT_EQ(e.bids[*e.award].provider, "R");
    EXPECT_NE(format_evaluation(e).find("scored; CQC outstanding"), std::string::npos);
    const auto error_of = [&](const std::string &text) {
        try {
            read_tender(text, "t.yaml");
        } catch (const Error &x) {
            return std::string(x.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(error_of(head + "  - {provider: P, price: \"1000\", answers: {Q: 4, CQC: 5}}\n").find("CQC is scored from the provider's CQC rating"),
              std::string::npos) << "a bidder cannot answer the rating's question";
    EXPECT_NE(error_of(head + "  - {provider: P, price: \"1000\", answers: {Q: 4}, cqc: excellent}\n").find("'cqc' is outstanding"),
              std::string::npos);
    EXPECT_NE(error_of("name: t\nceiling: \"1\"\nprice_weight: \"50%\"\nquality_weight: \"50%\"\n"
                       "questions: [{id: C, weight: \"100%\", cqc: {inadequate: 1}}]\n").find("not a rating that can score"),
              std::string::npos) << "inadequate excludes; it cannot be given points";
    EXPECT_THROW(parse_answers(read_tender(head, "t.yaml"), "Q=3;CQC=5"), Error);
}

} // namespace ascent::commissioning
