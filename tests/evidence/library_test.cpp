// The evidence library: every council of the ASCE annex, figures checked against the document by
// hand, searching by lever and words, amounts parsed as printed, and the annex's own mismatches.
#include <gtest/gtest.h>

#include <algorithm>

#include "evidence/library.hpp"

namespace ascent::evidence {

namespace {

const Item *find(const Library &lib, std::string_view council, std::string_view amount) {
    for (const auto &c : lib.councils)
        if (c.name.find(council) != std::string::npos)
            for (const auto &i : c.items)
                if (i.amount_text == amount) return &i;
    return nullptr;
}

} // namespace

TEST(EvidenceLibrary, HoldsEveryCouncilOfTheAnnex) {
    const auto lib = built_in_library();
    // The annex's 48 councils (Darlington, Redcar and Cleveland and Hartlepool share one entry), then
    // the LGA report's five.
    EXPECT_EQ(lib.councils.size(), 46u + 5u);
    EXPECT_EQ(lib.councils.front().name, "London Borough of Barking and Dagenham");
    EXPECT_EQ(lib.councils[45].name, "Wokingham Borough Council");
    EXPECT_EQ(lib.councils.back().name, "Wiltshire Council");
    EXPECT_TRUE(std::all_of(lib.councils.begin(), lib.councils.end(), [](const auto &c) { return c.line > 0 && !c.items.empty(); }));
    // By hand from the document: Barking and Dagenham's gross spend, line 23.
    EXPECT_EQ(lib.councils.front().gross_spend,
              (std::vector<int64_t>{54'870'000'00, 55'666'000'00, 53'472'000'00}));
    // Bradford, line 59: "raised £848,000 additional income".
    const auto *charging = find(lib, "Bradford", "£848,000");
    ASSERT_NE(charging, nullptr);
    EXPECT_EQ(charging->line, 59);
    EXPECT_EQ(charging->pence, 848'000'00);
    EXPECT_EQ(charging->kind, "saving");
    EXPECT_EQ(charging->theme, "charging");
    // Peterborough delivered £92,697 of a £320,000 target.
    EXPECT_NE(find(lib, "Peterborough", "£92,697"), nullptr);
}

TEST(EvidenceLibrary, SearchesByLeverAndWords) {
    const auto lib = built_in_library();
    const auto telecare = search(lib, {"assistive_technology", "", "", "", "saving"});
    ASSERT_FALSE(telecare.empty());
    EXPECT_TRUE(std::any_of(telecare.begin(), telecare.end(), [](const Match &m) { return m.council->name == "Kent County Council"; }));
    const auto enfield = search(lib, {"", "", "Enfield", "high-cost", ""});
    ASSERT_EQ(enfield.size(), 1u);
    EXPECT_EQ(enfield[0].item->amount_text, "£2 million");
}

TEST(EvidenceLibrary, AmountsAsPrinted) {
    EXPECT_EQ(parse_amount("£0.9 million"), 90'000'000);
    EXPECT_EQ(parse_amount("£ 100,000"), 100'000'00);
    EXPECT_EQ(parse_amount("£1.000M"), 100'000'000);
    EXPECT_EQ(parse_amount("£195.651million"), 19'565'100'000);
    EXPECT_EQ(parse_amount("about £5"), std::nullopt);
}

TEST(EvidenceLibrary, FindsTheDocumentsOwnMismatches) {
    const auto findings = check(built_in_library());
    std::vector<std::string> where;
    for (const auto &f : findings) where.push_back(f.council + " " + std::to_string(f.line));
    // Bradford heads its section "Savings of £7 million" and lists savings adding up to £7.54 million;
    // Swindon's Better Care Fund "£3,394 million" is fifty times its gross spend (£3.394 million meant).
    // From the LGA report: Darlington's table says £1.16m for a total its text gives as £1,167,462; Kent's
    // "around £500,000" a year is not £26.08 × 507 people × 52 weeks (£687,573.12).
    EXPECT_EQ(where, (std::vector<std::string>{"City of Bradford Metropolitan District Council 44", "Swindon Borough Council 1660",
                                               "Darlington Borough Council 37", "Kent County Council 105"}));
    EXPECT_NE(findings[0].what.find("differs by £540,000"), std::string::npos);
    EXPECT_NE(findings[2].what.find("differs by £7,462.00"), std::string::npos);
    EXPECT_NE(findings[3].what.find("computed £687,573.12"), std::string::npos);
}

} // namespace ascent::evidence
