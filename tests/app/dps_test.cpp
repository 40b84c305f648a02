// The dynamic purchasing system's register: admissions by lot and zone, a request advertised to the
// providers admitted to it, bids only from them, and an award recorded once, each audited.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "app/council.hpp"
#include "core/error.hpp"
#include "cld_sample.hpp"
#include "test_support.hpp"

namespace ascent {

namespace {

using test::error_of;

constexpr const char *k_spec = R"(name: R-0042 supported living, 35 hours a week
ceiling: "1,200.00"
price_weight: "40%"
quality_weight: "60%"
fair_price: "1,050.00"
questions: [{id: Q1, weight: "50%"}, {id: Q2, weight: "30%"}, {id: Q3, weight: "20%"}]
)";

struct Register {
    test::TempDir dir;
    app::Council council{dir.file("dps.db")};
    Register() {
        council.dps_admit({"Acorn Support", "good", "supported living", "", "2026-04-01", 2400});
        council.dps_admit({"Birch Care", "outstanding", "supported living", "south", "2026-04-01", std::nullopt});
        council.dps_admit({"Cedar Living", "requires improvement", "supported living", "north", "2026-04-01", std::nullopt});
        council.dps_admit({"Damson Homes", "", "residential", "", "2026-04-01", std::nullopt});
    }
};

} // namespace

TEST(Dps, ARequestGoesToTheProvidersAdmittedToItsLotAndZone) {
    Register r;
    const auto eligible = r.council.dps_advertise({"R-0042", "supported living", "south", "P0000001", k_spec, "2026-05-01", "", "", "", std::nullopt, ""});
    EXPECT_EQ(eligible, (std::vector<std::string>{"Acorn Support", "Birch Care"})) << "every zone, and the south; not the north, nor residential";
    EXPECT_NE(error_of([&] { r.council.dps_bid({"R-0042", "Cedar Living", "Q1=5;Q2=5;Q3=5", "2026-05-03", 90000, false}); })
                  .find("Cedar Living is not admitted to lot 'supported living' in zone 'south'"),
              std::string::npos);
    r.council.dps_bid({"R-0042", "Acorn Support", "Q1=4;Q2=3;Q3=5", "2026-05-06", 110000, false});
    r.council.dps_bid({"R-0042", "Birch Care", "Q1=5;Q2=5;Q3=5", "2026-05-07", 125000, false});
    r.council.dps_bid({"R-0042", "Birch Care", "Q1=5;Q2=5;Q3=5", "2026-05-08", 119000, false}); // a revised bid replaces the first
    ASSERT_EQ(r.council.dps_bids("R-0042").size(), 2u);

    const auto e = r.council.dps_award("R-0042", Date::ymd(2026, 5, 15));
    ASSERT_TRUE(e.award);
    EXPECT_EQ(e.bids[*e.award].provider, "Birch Care"); // 40 × 1100/1190 + 60 = 96.97 against 40 + 46.8 = 86.8
    EXPECT_EQ(e.days_to_place, 14);
    EXPECT_EQ(e.against_fair_price, 119000 - 105000);
    const auto stored = r.council.dps_requests().at(0);
    EXPECT_EQ(stored.status, "awarded");
    EXPECT_EQ(stored.awarded_provider, "Birch Care");
    EXPECT_EQ(stored.awarded_price, 119000);
    EXPECT_NE(error_of([&] { r.council.dps_award("R-0042", Date::ymd(2026, 5, 16)); }).find("was decided on 2026-05-15"), std::string::npos);
    EXPECT_NE(error_of([&] { r.council.dps_bid({"R-0042", "Acorn Support", "Q1=5", "2026-05-16", 100000, false}); }).find("is awarded"),
              std::string::npos);

    std::set<std::string> actions;
    for (const auto &event : r.council.audit_events()) actions.insert(event.action);
    for (const char *action : {"dps_admitted", "dps_advertised", "dps_bid", "dps_awarded"}) EXPECT_TRUE(actions.count(action)) << action;
}

TEST(Dps, AProviderRatedInadequateIsNotPlacedWith) {
    Register r;
    r.council.dps_admit({"Fern Care", "inadequate", "supported living", "", "2026-04-01", std::nullopt});
    r.council.dps_advertise({"R-5", "supported living", "", "", k_spec, "2026-05-01", "", "", "", std::nullopt, ""});
    r.council.dps_bid({"R-5", "Fern Care", "Q1=5;Q2=5;Q3=5", "2026-05-02", 80000, false});
    r.council.dps_bid({"R-5", "Acorn Support", "Q1=4;Q2=3;Q3=5", "2026-05-02", 110000, false});
    const auto e = r.council.dps_award("R-5", Date::ymd(2026, 5, 9));
    ASSERT_TRUE(e.award);
    EXPECT_EQ(e.bids[*e.award].provider, "Acorn Support");
    const auto fern = std::find_if(e.bids.begin(), e.bids.end(), [](const auto &b) { return b.provider == "Fern Care"; });
    EXPECT_EQ(fern->status, "not compliant: the provider's CQC rating is inadequate");
    EXPECT_EQ(e.bids[*e.award].price_points, 40'000'000) << "the excluded bid's lower price does not set the lowest";
}

TEST(Dps, TheRegistersCqcRatingsScoreWhereTheRequestPublishesATable) {
    Register r;
    const std::string spec = "name: R-6\nceiling: \"1,200.00\"\nprice_weight: \"40%\"\nquality_weight: \"60%\"\n"
                             "questions: [{id: Q1, weight: \"50%\"}, {id: CQC, weight: \"50%\", cqc: {outstanding: 5, good: 3, not yet rated: 2}}]\n";
    r.council.dps_advertise({"R-6", "supported living", "", "", spec, "2026-05-01", "", "", "", std::nullopt, ""});
    r.council.dps_bid({"R-6", "Acorn Support", "Q1=5", "2026-05-02", 100000, false});   // good: 40 + 60 × (50% + 30%) = 88
    r.council.dps_bid({"R-6", "Birch Care", "Q1=4", "2026-05-02", 104000, false});      // outstanding: 38.46 + 60 × (40% + 50%) = 92.46
    EXPECT_THROW(r.council.dps_bid({"R-6", "Acorn Support", "Q1=5;CQC=5", "2026-05-02", 100000, false}), Error) << "the rating is the register's";
    const auto e = r.council.dps_award("R-6", Date::ymd(2026, 5, 9));
    ASSERT_TRUE(e.award) << e.award_note;
    EXPECT_EQ(e.bids[*e.award].provider, "Birch Care") << "the outstanding rating outweighs a lower price and a better answer";
    EXPECT_EQ(e.bids[*e.award].quality_points, 54'000'000);
    EXPECT_EQ(e.bids[*e.award].cqc_rating, "outstanding");
}

TEST(Dps, NoCompliantBidIsRecordedAsNoAward) {
    Register r;
    r.council.dps_advertise({"R-7", "supported living", "", "", k_spec, "2026-05-01", "", "", "", std::nullopt, ""});
    r.council.dps_bid({"R-7", "Acorn Support", "Q1=4;Q2=3;Q3=5", "2026-05-02", 150000, false});
    r.council.dps_bid({"R-7", "Birch Care", "Q1=4;Q2=3;Q3=5", "2026-05-02", 100000, true});
    const auto e = r.council.dps_award("R-7", Date::ymd(2026, 5, 9));
    EXPECT_FALSE(e.award);
    EXPECT_EQ(r.council.dps_requests().at(0).status, "no_award");
}

TEST(Dps, BadRegisterEntriesAreRefused) {
    Register r;
    EXPECT_NE(error_of([&] { r.council.dps_advertise({"R-8", "day care", "", "", k_spec, "2026-05-01", "", "", "", std::nullopt, ""}); })
                  .find("no provider is admitted to lot 'day care'"),
              std::string::npos);
    EXPECT_NE(error_of([&] { r.council.dps_advertise({"R-8", "residential", "", "", std::string(k_spec) + "bids: []\n", "2026-05-01", "", "", "", std::nullopt, ""}); })
                  .find("the spec has no bids"),
              std::string::npos);
    EXPECT_NE(error_of([&] { r.council.dps_admit({"Elm", "brilliant", "residential", "", "2026-04-01", std::nullopt}); }).find("CQC rating"),
              std::string::npos);
    EXPECT_NE(error_of([&] { r.council.dps_bid({"R-404", "Acorn Support", "", "2026-05-02", 1, false}); }).find("no request 'R-404'"),
              std::string::npos);
    r.council.dps_advertise({"R-9", "residential", "", "", k_spec, "2026-05-01", "", "", "", std::nullopt, ""});
    EXPECT_NE(error_of([&] { r.council.dps_advertise({"R-9", "residential", "", "", k_spec, "2026-05-01", "", "", "", std::nullopt, ""}); })
                  .find("already a request 'R-9'"),
              std::string::npos);
}

TEST(Dps, AnAwardReachesThePersonsPackageAndCountsInDeliveryAgainstItsCase) {
    Register r;
    // P1's supported-living package costs £1,250 a week; the DPS re-procures it for case CASE-7.
    const auto row = [](const std::string &ref, const std::string &weekly, const std::string &start, const std::string &end,
                        const std::string &period) {
        auto line = test::cld_row("P1", "Service", ref, "Long term support: Community", "Supported living", weekly, "Weekly", "", end);
        line.replace(line.find("01/04/2024"), 10, start);
        return line.replace(line.find("01/04/2025,31/03/2026"), 21, period);
    };
    const auto year = std::string("01/04/2025,31/03/2026");
    ASSERT_TRUE(r.council.import_cld(r.dir.write("q4.csv", test::k_cld_header + row("P1-S1", "1250.00", "01/04/2024", "", year))).written);
    r.council.dps_advertise({"R-7", "supported living", "", "P1", k_spec, "2026-05-01", "", "", "", std::nullopt, "CASE-7"});
    EXPECT_EQ(r.council.dps_requests().at(0).case_id, "CASE-7");
    r.council.dps_bid({"R-7", "Birch Care", "Q1=5;Q2=5;Q3=5", "2026-05-08", 119000, false});
    const auto e = r.council.dps_award("R-7", Date::ymd(2026, 5, 15));
    ASSERT_TRUE(e.award);
    EXPECT_NE(e.award_note.find("recorded for delivery against case CASE-7: the package is expected to cost £1,190.00 a week from 15/05/2026, "
                                "against £1,250.00 now"),
              std::string::npos)
        << e.award_note;
    const auto reviews = r.council.reviews();
    ASSERT_EQ(reviews.size(), 1u);
    EXPECT_EQ(reviews[0].lever, "dps_award:R-7");
    EXPECT_EQ(reviews[0].case_id, "CASE-7");
    EXPECT_EQ(reviews[0].outcome, "price_renegotiated");
    EXPECT_EQ(reviews[0].expected_weekly, 119000);

    // Until a CLD shows the new price, the award is awaiting the ledger and realises nothing.
    const auto before = r.council.delivery(WeeksPerYear::fifty_two());
    ASSERT_EQ(before.awaiting.size(), 1u);
    EXPECT_EQ(before.awaiting[0].expected, 119000);
    EXPECT_EQ(before.awaiting[0].ledger, 125000);
    EXPECT_EQ(before.by_case.at(0).gross.weekly, 0);

    // The next CLD: the old package ended on 14 May, the new one at £1,190 from 15 May.
    const auto half = std::string("01/04/2026,30/09/2026");
    ASSERT_TRUE(r.council
                    .import_cld(r.dir.write("q2.csv", test::k_cld_header + row("P1-S1", "1250.00", "01/04/2024", "14/05/2026", half) +
                                                          row("P1-S2", "1190.00", "15/05/2026", "", half)))
                    .written);
    const auto after = r.council.delivery(WeeksPerYear::fifty_two());
    EXPECT_TRUE(after.awaiting.empty());
    ASSERT_EQ(after.by_case.size(), 1u);
    EXPECT_EQ(after.by_case[0].key, "CASE-7");
    EXPECT_EQ(after.by_case[0].gross.weekly, 60'00);
    EXPECT_EQ(after.by_case[0].net.weekly, 60'00);
    EXPECT_EQ(after.by_case[0].net.full_year, 60'00 * 52);

    // A new placement (no open package) has nothing to realise: the award is not a delivery decision.
    r.council.dps_advertise({"R-8", "supported living", "", "NEW-1", k_spec, "2026-06-01", "", "", "", std::nullopt, "CASE-7"});
    r.council.dps_bid({"R-8", "Acorn Support", "Q1=4;Q2=3;Q3=5", "2026-06-02", 110000, false});
    ASSERT_TRUE(r.council.dps_award("R-8", Date::ymd(2026, 6, 9)).award);
    EXPECT_EQ(r.council.reviews().size(), 1u);
}

} // namespace ascent
