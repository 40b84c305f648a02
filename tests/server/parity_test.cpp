// Parity: the same questions through the CLI (the `ascent` binary, as a user runs it) and the API,
// on one demo ledger, give the same figures: the summary under the council's weeks a year, every
// lever's people and savings, the totals, a lever's people page by page in the same order, a cohort,
// a person's explanation, a case's profile, the programme and the budget proposals table.
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

// The line of `text` that starts (after spaces) with `start`, split into words; empty if none.
std::vector<std::string> line_starting(const std::string &text, const std::string &start) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.find_first_not_of(' ') != std::string::npos && line.substr(line.find_first_not_of(' ')).starts_with(start))
            return words_of(line);
    return {};
}

// £000 to one decimal place, half-up, as the budget proposals table prints it ("1,200.0", "-71.6").
std::string thousands_1dp(int64_t pence) {
    const int64_t tenths = ((pence < 0 ? -pence : pence) + 5'000) / 10'000;
    return std::string(pence < 0 && tenths != 0 ? "-" : "") + group_thousands(tenths / 10) + "." + std::to_string(tenths % 10);
}

std::string pence_text(const json &pence) { return format_pence(Money::from_pence(pence.get<int64_t>())); }
std::string pounds_text(const json &pence) { return format_pounds(Money::from_pence(pence.get<int64_t>())); }

} // namespace

TEST_F(Api, TheCliAndTheApiGiveTheSameSummaryUnderTheCouncilsWeeksAYear) {
    const auto admin = sign_in("admin");
    const auto db = dir_->file("api.db");
    // The council's setting, changed through the API, is what both front ends use; then changed back.
    for (const std::string weeks : {"52", "52.143"}) {
        const auto set = send("PUT", "/api/v1/settings/weeks_per_year", admin, {{"value", weeks}});
        ASSERT_TRUE(set && set->status == 200) << (set ? set->body : "no reply");
        const auto summary = json::parse(get("/api/v1/summary", admin)->body);
        EXPECT_EQ(summary.at("weeks_per_year"), weeks);
        EXPECT_EQ(summary.at("conventions").at("weeks_source"), "council setting");
        const auto text = cli_output("--db " + db + " summary");
        EXPECT_NE(text.find("Gross annual cost " + pence_text(summary.at("annual_gross_pence")) + " (" +
                            pence_text(summary.at("weekly_gross_pence")) + " × " + weeks + " weeks"),
                  std::string::npos)
            << text;
        EXPECT_NE(text.find("Conventions: " + summary.at("conventions").at("text").get<std::string>() + "\n"), std::string::npos) << text;
        EXPECT_NE(text.find("supported on 30/09/2026 (an open service line) " + group_thousands(summary.at("people_supported").get<int64_t>())),
                  std::string::npos);
        const auto found = json::parse(get("/api/v1/opportunities", admin)->body);
        EXPECT_EQ(found.at("weeks_per_year"), weeks);
        EXPECT_NE(cli_output("--db " + db + " opportunities").find("Rules: " + found.at("conventions").at("text").get<std::string>()),
                  std::string::npos);
    }
    // An explicit --weeks overrides the setting for one run, and says so.
    const auto once = cli_output("--db " + db + " summary --weeks 52");
    EXPECT_NE(once.find("ascent: --weeks 52 for this run, not the council's setting"), std::string::npos);
    EXPECT_NE(once.find("Conventions: 52 weeks a year (--weeks for this run)"), std::string::npos);
    EXPECT_EQ(error_of(send("PUT", "/api/v1/settings/weeks_per_year", admin, {{"value", "53"}})).at("message"),
              "weeks_per_year must be 52, 52.14, 52.143 or 365/7, not '53'");
}

TEST_F(Api, TheCliAndTheApiGiveTheSameCohortExplanationCaseProgrammeAndBudgetTable) {
    const auto who = sign_in("finance");
    const auto db = dir_->file("api.db");

    // A cohort: its people, spend in scope and first members in the same order.
    const std::string expression = "age >= 65 and weekly cost > 500";
    const auto cohort = json::parse(get("/api/v1/cohort?limit=5&expression=age%20%3E%3D%2065%20and%20weekly%20cost%20%3E%20500", who)->body);
    const auto cohort_text = cli_output("--db " + db + " cohort \"" + expression + "\" --limit 5");
    EXPECT_NE(cohort_text.find(group_thousands(cohort.at("people").get<int64_t>()) + " of " +
                               group_thousands(cohort.at("people_tested").get<int64_t>()) + " people; weekly cost in scope " +
                               pence_text(cohort.at("weekly_cost_pence"))),
              std::string::npos)
        << cohort_text;
    ASSERT_EQ(cohort.at("members").size(), 5u);
    for (const auto &m : cohort.at("members")) {
        const auto w = line_starting(cohort_text, m.at("person_id").get<std::string>());
        ASSERT_GE(w.size(), 2u) << m.at("person_id");
        EXPECT_EQ(w[1], pence_text(m.at("weekly_cost_pence")));
    }

    // A person's explanation: the same levers in the same order, with the same net figures.
    const auto page = json::parse(get("/api/v1/opportunities/high_cost_1800/people?limit=1", who)->body);
    const std::string person = page.at("people").at(0).at("person_id");
    const auto explained = json::parse(get("/api/v1/people/" + person, who)->body);
    const auto why = cli_output("--db " + db + " explain " + person);
    std::size_t at = 0;
    ASSERT_GE(explained.at("explanations").size(), 2u);
    for (const auto &e : explained.at("explanations")) {
        at = why.find("[" + e.at("lever").get<std::string>() + "]", at);
        ASSERT_NE(at, std::string::npos) << e.at("lever") << " in order";
        const auto &w = e.at("weekly_pence");
        const auto &a = e.at("annual_pence");
        const auto net = why.find("Net saving: ", at);
        EXPECT_EQ(why.substr(net, why.find('\n', net) - net),
                  "Net saving: " + pence_text(w[0]) + " / " + pence_text(w[1]) + " / " + pence_text(w[2]) + " a week; " + pence_text(a[0]) +
                      " / " + pence_text(a[1]) + " / " + pence_text(a[2]) + " a year; confidence " +
                      std::to_string(e.at("confidence_percent").get<int>()) + "%");
    }

    // A case's profile: the preferred option's net in-year saving by year and its full-year effect.
    const auto stored = json::parse(get("/api/v1/cases/DEMO-1", who)->body);
    const auto &profile = stored.at("profiles").at(0);
    const auto case_text = cli_output("--db " + db + " case profile DEMO-1");
    auto net_line = line_starting(case_text, "Net, in-year");
    ASSERT_EQ(net_line.size(), 2 + profile.at("net_pence").size() + 1) << case_text;
    for (std::size_t y = 0; y < profile.at("net_pence").size(); ++y) EXPECT_EQ(net_line[2 + y], pence_text(profile.at("net_pence")[y]));
    EXPECT_EQ(net_line.back(), pence_text(profile.at("full_year_effect_pence")));

    // The programme and the budget proposals table: each case's incremental net saving by year.
    const auto programme = json::parse(get("/api/v1/programme", who)->body);
    const auto programme_text = cli_output("--db " + db + " programme");
    const auto table_text = cli_output("--db " + db + " budget-table");
    ASSERT_GE(programme.at("rows").size(), 2u);
    for (const auto &row : programme.at("rows")) {
        const auto w = line_starting(programme_text, row.at("id").get<std::string>());
        const auto &years = row.at("years_pence");
        ASSERT_EQ(w.size() >= years.size() + 1, true) << row.at("id");
        for (std::size_t y = 0; y < years.size(); ++y) EXPECT_EQ(w[w.size() - 1 - years.size() + y], pounds_text(years[y])) << row.at("id");
        EXPECT_EQ(w.back(), pounds_text(row.at("total_pence")));
    }
    int64_t all = 0;
    const auto total = line_starting(table_text, "TOTAL Adult Social Care");
    const auto &by_year = programme.at("total_pence");
    ASSERT_EQ(total.size(), 4 + by_year.size() + 1) << table_text;
    for (std::size_t y = 0; y < by_year.size(); ++y) {
        EXPECT_EQ(total[4 + y], thousands_1dp(by_year[y].get<int64_t>()));
        all += by_year[y].get<int64_t>();
    }
    EXPECT_EQ(total.back(), thousands_1dp(all));
    const auto programme_total = line_starting(programme_text, "Programme");
    EXPECT_EQ(programme_total.back(), format_pounds(Money::from_pence(all)));
}

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

// A case id as councils write them (slashes, dots, spaces, %) is a path segment percent-encoded:
// saved, read and reported through the API, and profiled by the CLI, under the same id.
TEST_F(Api, AnyCaseIdACouncilUsesWorksInTheApiAndTheCli) {
    const auto who = sign_in("analyst");
    const std::string id = "A/R.7.108 x%";
    const std::string path = "/api/v1/cases/A%2FR.7.108%20x%25";
    auto c = json::parse(get("/api/v1/cases/DEMO-2", who)->body).at("case");
    c["id"] = id;
    const auto saved = send("PUT", path, who, c);
    ASSERT_TRUE(saved && saved->status == 200) << (saved ? saved->body : "no reply");
    EXPECT_EQ(json::parse(saved->body).at("id"), id);
    const auto read = get(path, who);
    ASSERT_EQ(read->status, 200) << read->body;
    const auto got = json::parse(read->body);
    EXPECT_EQ(got.at("id"), id);
    EXPECT_EQ(got.at("profiles"), json::parse(get("/api/v1/cases/DEMO-2", who)->body).at("profiles"));
    const auto what_if = send("POST", path + "/profile", who, c);
    ASSERT_EQ(what_if->status, 200) << what_if->body;
    EXPECT_EQ(get(path + "/report.html", who)->status, 200);
    bool listed = false;
    for (const auto &x : json::parse(get("/api/v1/cases", who)->body)) listed = listed || x.at("id") == id;
    EXPECT_TRUE(listed);
    // The same id, not encoded, is a path with more segments: no such case route.
    EXPECT_EQ(get("/api/v1/cases/A/R.7.108", who)->status, 404);
    // The id in the body must be the one in the address, decoded.
    auto other = c;
    other["id"] = "A/R.7.109";
    EXPECT_EQ(error_of(send("PUT", path, who, other)).at("message"), "the case's id is 'A/R.7.109' but the address names 'A/R.7.108 x%'");

    const auto text = cli_output("--db " + dir_->file("api.db") + " case profile \"" + id + "\"");
    const auto net = line_starting(text, "Net, in-year");
    const auto &profile = got.at("profiles").at(0);
    ASSERT_EQ(net.size(), 2 + profile.at("net_pence").size() + 1) << text;
    EXPECT_EQ(net[2], pence_text(profile.at("net_pence")[0]));
    EXPECT_EQ(text.substr(0, id.size() + 1), id + " ");
}

} // namespace ascent
