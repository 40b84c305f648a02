#include <gtest/gtest.h>

#include "core/codes.hpp"

namespace ascent {

TEST(Codes, NamedConstantsMatchTheTables) {
    EXPECT_EQ(code_label(CodeField::event_type, codes::event_service), "Service");
    EXPECT_EQ(code_label(CodeField::support_reason, codes::psr_learning_disability), "Learning disability support");
    EXPECT_EQ(code_label(CodeField::support_reason, codes::psr_unknown), "Unknown");
    EXPECT_EQ(code_label(CodeField::service_type, codes::st_carer_cared_for),
              "Unpaid carer support: Support involving the person cared-for");
    EXPECT_EQ(code_label(CodeField::cost_frequency, codes::freq_one_off), "One-off");
    EXPECT_EQ(code_label(CodeField::service_component, codes::comp_carer_respite), "Unpaid carer respite");
    EXPECT_EQ(code_label(CodeField::service_component, codes::comp_extra_care), "Extra care housing");
    EXPECT_EQ(code_label(CodeField::delivery_mechanism, codes::dm_metering), "Self-funder metering only");
    EXPECT_EQ(code_label(CodeField::employment, codes::emp_unknown), "Unknown");
    EXPECT_EQ(code_label(CodeField::assessment_type, codes::assess_financial), "Financial assessment");
}

TEST(Codes, ReleaseOneAndTwoSpellingsMapToOneValue) {
    const auto r1 = match_code(CodeField::service_component, "Home Support");
    const auto r2 = match_code(CodeField::service_component, "Home support or domiciliary care");
    ASSERT_TRUE(r1 && r2);
    EXPECT_EQ(r1->code, r2->code);
    EXPECT_EQ(r1->release, Release::r1);
    EXPECT_EQ(match_code(CodeField::ethnicity, "White - Irish")->code, match_code(CodeField::ethnicity, "White: Irish")->code);
    EXPECT_EQ(match_code(CodeField::client_type, "Service User")->code, codes::client_service_user);
    EXPECT_EQ(match_code(CodeField::client_type, "Carer known by association")->code, codes::client_carer_by_association);
    EXPECT_EQ(match_code(CodeField::accommodation, "Tenant")->code, match_code(CodeField::accommodation, "Tenant: Local authority or other social housing provider")->code);
    EXPECT_EQ(match_code(CodeField::employment, "Not in Paid Employment (seeking work)")->code, codes::emp_seeking);
    EXPECT_EQ(match_code(CodeField::funding_status, "18(3) (full cost client)")->code, 1);
}

TEST(Codes, MatchingIgnoresCaseSpacesAndPunctuation) {
    EXPECT_EQ(match_code(CodeField::cost_frequency, "HOURLY")->code, codes::freq_hourly);
    EXPECT_EQ(match_code(CodeField::cost_frequency, "4 weekly")->code, codes::freq_four_weekly);
    EXPECT_EQ(match_code(CodeField::service_type, "long_term_support_residential_care")->code, codes::st_residential);
    EXPECT_EQ(match_code(CodeField::assessment_type, "Financial Assessment - Review")->code, codes::assess_financial);
    EXPECT_FALSE(match_code(CodeField::service_component, "Residential Care"));
    EXPECT_FALSE(match_code(CodeField::gender, "Maybe"));
    EXPECT_EQ(normalise_key("Cost_Frequency_(Unit_Type)"), "costfrequencyunittype");
}

TEST(Codes, ExpectedValuesNameTheList) {
    const auto text = expected_values(CodeField::event_type);
    EXPECT_EQ(text, "Request; Assessment; Service; Review");
    EXPECT_NE(expected_values(CodeField::service_component).find("(25 values)"), std::string::npos);
}

} // namespace ascent
