// Parity: the same questions through the CLI (the `ascent` binary, as a user runs it) and the API,
// on one demo ledger, give the same figures: every lever's people and savings, the totals, and a
// lever's people page by page in the same order.
#include <cstdio>
#include <map>
#include <sstream>

#include "server/api_fixture.hpp"

namespace ascent {

namespace {

using nlohmann::json;
using test::Api;

// The CLI's own output on the API's ledger: the `ascent` binary run as a user would run it.
std::string cli_output(const std::string &arguments) {
    std::string out;
    const std::string command = std::string(ASCENT_BIN) + " " + arguments + " 2>&1";
    FILE *pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return out;
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    pclose(pipe);
    return out;
}

std::vector<std::string> words_of(const std::string &line) {
    std::vector<std::string> words;
    std::istringstream in(line);
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

} // namespace

TEST_F(Api, TheCliAndTheApiGiveTheSameOpportunitiesAndTheSamePages) {
    const auto who = sign_in("finance");
    const auto db = dir_->file("api.db");
    const auto found = json::parse(get("/api/v1/opportunities", who)->body);
    const auto text = cli_output("--db " + db + " opportunities");
    // Each enabled lever's line: "  name  people  £scope  £low  £central  £high  conf%  id".
    std::map<std::string, std::vector<std::string>> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        const auto w = words_of(line);
        if (w.size() > 7) lines[w.back()] = w;
    }
    const auto thousands = [](const json &pence) { return format_thousands(Money::from_pence(pence.get<int64_t>())); };
    int enabled = 0;
    for (const auto &lever : found.at("levers")) {
        const std::string id = lever.at("id");
        if (!lever.at("enabled").get<bool>()) {
            EXPECT_FALSE(lever.at("in_totals").get<bool>()) << id;
            EXPECT_EQ(lever.at("annual_net_pence")[1], 0) << id << ": a disabled lever is not netted";
            EXPECT_FALSE(lines.count(id)) << id << ": the CLI lists disabled levers only with --all";
            continue;
        }
        ++enabled;
        ASSERT_TRUE(lines.count(id)) << id;
        const auto &w = lines.at(id);
        const auto n = w.size();
        EXPECT_EQ(w[n - 7], group_thousands(lever.at("people").get<int64_t>())) << id;
        for (std::size_t s = 0; s < 3; ++s) EXPECT_EQ(w[n - 5 + s], thousands(lever.at("annual_net_pence")[s])) << id;
    }
    EXPECT_GT(enabled, 20);
    const auto totals = found.at("totals");
    for (const auto &[effect, label] : {std::pair{"reduction", "Package reductions, a year"}, std::pair{"income", "Charging income, a year"},
                                        std::pair{"one-off", "One-off recoveries"}}) {
        const auto at = text.find(label);
        ASSERT_NE(at, std::string::npos) << label;
        const auto w = words_of(text.substr(at, text.find('\n', at) - at));
        const auto n = w.size();
        for (std::size_t s = 0; s < 3; ++s) EXPECT_EQ(w[n - 4 + s], thousands(totals.at(effect).at("annual_pence")[s])) << label;
        EXPECT_EQ(w[n - 1], thousands(totals.at(effect).at("weighted_central_pence"))) << label;
    }
    EXPECT_NE(text.find("Flagged by at least one lever " + group_thousands(found.at("people_flagged").get<int64_t>()) + " "),
              std::string::npos);

    // A lever whose people tie (£10,000 a person, or netted off): the same people in the same order,
    // page by page.
    for (const auto &[lever, offset] : {std::pair{"high_cost_top_500", 0}, std::pair{"high_cost_top_500", 7}, std::pair{"low_cost_200", 3}}) {
        const auto page = json::parse(
            get("/api/v1/opportunities/" + std::string(lever) + "/people?limit=6&offset=" + std::to_string(offset), who)->body);
        const auto listed = cli_output("--db " + db + " cohort " + lever + " --limit 6 --offset " + std::to_string(offset));
        std::vector<std::string> cli_ids, api_ids;
        std::istringstream rows(listed);
        for (std::string line; std::getline(rows, line);)
            if (const auto w = words_of(line); !w.empty() && w[0].size() == 8 && w[0][0] == 'P') cli_ids.push_back(w[0]);
        for (const auto &p : page.at("people")) api_ids.push_back(p.at("person_id"));
        EXPECT_EQ(cli_ids.size(), 6u) << lever;
        EXPECT_EQ(cli_ids, api_ids) << lever << " from " << offset;
    }
}

} // namespace ascent
